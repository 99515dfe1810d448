import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HalError } from '../errors.js';
import type { HalClock } from '../types.js';
import { readSysfs, writeSysfs } from './sysfs-file.js';

export const SYSFS_PWM_ROOT = '/sys/class/pwm';

export interface SysfsPwmConfig {
  /** pwmchip number under the root (pwmchip0). */
  chip: number;
  channel: number;
  /** Default /sys/class/pwm; tests point it at a temporary tree. */
  root?: string;
  /** Period in ns; the control pilot uses 1 kHz = 1 000 000 ns. */
  periodNs: number;
  /** How long to wait for udev to make a freshly exported channel writable. */
  exportWaitMs?: number;
}

/**
 * One sysfs PWM channel. Every duty/enable change is a writeFileSync: the PWM controller has the new value when
 * the call returns, which lets the pilot go to its fault level inside a safety handler without an await.
 * Duty here is the fraction of the period the pin is high (polarity is left "normal": many controllers do not
 * implement "inversed", so inversion is done by the caller).
 */
export class SysfsPwm {
  private readonly dir: string;
  private readonly part: string;
  private enabled = false;
  private dutyNs = -1;

  constructor(
    private readonly cfg: SysfsPwmConfig,
    private readonly clock: HalClock,
  ) {
    this.dir = join(cfg.root ?? SYSFS_PWM_ROOT, `pwmchip${cfg.chip}`);
    this.part = `pwmchip${cfg.chip}/pwm${cfg.channel}`;
  }

  get channelDir(): string {
    return join(this.dir, `pwm${this.cfg.channel}`);
  }

  /** Export the channel if needed and program the period, leaving it enabled at `initialDutyPercent`. */
  async start(initialDutyPercent: number): Promise<void> {
    if (!existsSync(this.dir)) throw new HalError('PWM_UNAVAILABLE', `${this.dir} does not exist (PWM overlay not loaded?)`, { part: this.part });
    const npwm = Number(readSysfs(join(this.dir, 'npwm'), 'PWM_UNAVAILABLE', this.part));
    if (Number.isFinite(npwm) && this.cfg.channel >= npwm) {
      throw new HalError('PWM_UNAVAILABLE', `${this.dir} has ${npwm} channels, no channel ${this.cfg.channel}`, { part: this.part });
    }
    if (!existsSync(this.channelDir)) {
      writeSysfs(join(this.dir, 'export'), this.cfg.channel, 'PWM_UNAVAILABLE', this.part);
      await this.waitForChannel();
    }
    // The kernel refuses a period shorter than the current duty: zero the duty first.
    const period = Number(readSysfs(join(this.channelDir, 'period'), 'PWM_UNAVAILABLE', this.part));
    if (period !== this.cfg.periodNs) {
      writeSysfs(join(this.channelDir, 'duty_cycle'), 0, 'PWM_UNAVAILABLE', this.part);
      writeSysfs(join(this.channelDir, 'period'), this.cfg.periodNs, 'PWM_UNAVAILABLE', this.part);
    }
    this.dutyNs = -1;
    this.setDutyPercent(initialDutyPercent);
  }

  /** Duty in percent of the period the pin is high; 0 and 100 are steady levels. Synchronous. */
  setDutyPercent(percent: number): void {
    const p = Math.min(100, Math.max(0, percent));
    const ns = Math.round((this.cfg.periodNs * p) / 100);
    if (ns !== this.dutyNs) {
      writeSysfs(join(this.channelDir, 'duty_cycle'), ns, 'PWM_UNAVAILABLE', this.part);
      this.dutyNs = ns;
    }
    if (!this.enabled) {
      writeSysfs(join(this.channelDir, 'enable'), 1, 'PWM_UNAVAILABLE', this.part);
      this.enabled = true;
    }
  }

  /** Switch the output off. The pin level of a disabled PWM is chip-specific; callers prefer a steady duty. */
  disable(): void {
    writeSysfs(join(this.channelDir, 'enable'), 0, 'PWM_UNAVAILABLE', this.part);
    this.enabled = false;
  }

  private waitForChannel(): Promise<void> {
    const waitMs = this.cfg.exportWaitMs ?? 1000;
    const stepMs = 20;
    return new Promise((resolve, reject) => {
      let waited = 0;
      const tick = (): void => {
        if (existsSync(join(this.channelDir, 'duty_cycle'))) {
          resolve();
          return;
        }
        if (waited >= waitMs) {
          reject(new HalError('PWM_UNAVAILABLE', `${this.channelDir} did not appear after export`, { part: this.part }));
          return;
        }
        waited += stepMs;
        this.clock.setTimeout(tick, stepMs);
      };
      tick();
    });
  }
}
