/**
 * Put a board in its safe state with no agent running: `chargerctl hal safe-state`, run by systemd's ExecStopPost
 * after chargerd died (even by SIGKILL). Contactor outputs, lock motor lines and RCD test lines go to logical 0,
 * every pilot PWM to steady −12 V (state F: the EVSE is not available while no agent runs).
 *
 * Per backend:
 * - onoff: straight to sysfs (no onoff, no native module in a crash path): export, active_low 0, then "low"/"high"
 *   to direction, which makes the line an output at that level in one write.
 * - chardev: gpioset sets each line and exits, in the syntax of the tool generation found
 *   (hal/gpio/libgpiod-tools.ts, the same detection the agent uses): v1 `gpioset -m exit CHIP LINE=V`, v2
 *   `gpioset -c CHIP -t0 LINE=V`. The kernel then releases the lines, and gpioset's own help warns that a released
 *   line's state is undefined (it may revert to the driver's default). So the board must hold relays and motors
 *   off by hardware — pull-downs on the driver inputs — which is the real last line of defence on any backend.
 * - fake (or an injected backend): lines opened at their safe level and closed.
 * Every part is attempted; the report says which worked.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { detectLibgpiod, runTool } from '../gpio/libgpiod-tools.js';
import { physicalLevel } from '../gpio/logical-line.js';
import { SYSFS_GPIO_ROOT, sysfsGpioNumber } from '../gpio/sysfs-numbering.js';
import type { GpioBackend } from '../gpio/types.js';
import type { LinuxBoardConfig } from './board-config.js';
import type { LineConfig } from './line-config.js';
import { SYSFS_PWM_ROOT } from './pwm.js';
import { readSysfs, writeSysfs } from './sysfs-file.js';

export interface SafeStateDeps {
  /** Overrides the profile's backend (tests; dry runs with the fake backend). */
  gpioBackend?: GpioBackend;
  /** onoff: sysfs GPIO root (default /sys/class/gpio). */
  gpioRoot?: string;
  /** Overrides every pilot's pwm.root (default: the profile's, else /sys/class/pwm). */
  pwmRoot?: string;
  /** chardev: gpioset path (default the profile's tools.gpioset, else gpioset). */
  gpioset?: string;
}

export interface SafeStateResult {
  part: string;
  ok: boolean;
  error?: string;
}

interface SafeLine {
  part: string;
  cfg: LineConfig;
}

function safeLines(board: LinuxBoardConfig): SafeLine[] {
  const out: SafeLine[] = [];
  for (const e of board.evses) {
    e.contactor.outputs.forEach((cfg, i) => out.push({ part: `evse${e.id}.contactor.outputs[${i}]`, cfg }));
    if (e.lock) {
      out.push({ part: `evse${e.id}.lock.lockOutput`, cfg: e.lock.lockOutput });
      out.push({ part: `evse${e.id}.lock.unlockOutput`, cfg: e.lock.unlockOutput });
    }
    if (e.rcd?.test) out.push({ part: `evse${e.id}.rcd.test`, cfg: e.rcd.test });
  }
  return out;
}

async function gpiosetOnce(gpioset: string, chip: string, cfg: LineConfig): Promise<void> {
  const args = (await detectLibgpiod(gpioset)).setOnceArgs(chip, cfg.line, physicalLevel(0, cfg.activeLow));
  try {
    await runTool(gpioset, args);
  } catch (err) {
    throw new Error(`${gpioset} ${args.join(' ')}: ${String((err as { stderr?: string }).stderr ?? '').trim() || (err as Error).message}`);
  }
}

function sysfsWrite(root: string, chip: string | undefined, cfg: LineConfig): void {
  const n = sysfsGpioNumber(cfg.line, chip, root);
  const dir = join(root, `gpio${n}`);
  if (!existsSync(dir)) writeSysfs(join(root, 'export'), n, 'GPIO_UNAVAILABLE', `gpio${n}`);
  writeSysfs(join(dir, 'active_low'), 0, 'GPIO_UNAVAILABLE', `gpio${n}`);
  writeSysfs(join(dir, 'direction'), physicalLevel(0, cfg.activeLow) ? 'high' : 'low', 'GPIO_UNAVAILABLE', `gpio${n}`);
}

/** Duty that puts CP at −12 V: pin low for a normal stage, high (100 %) for an inverting one. */
function pwmFault(root: string, chip: number, channel: number, inverted: boolean): void {
  const part = `pwmchip${chip}/pwm${channel}`;
  const chipDir = join(root, `pwmchip${chip}`);
  const dir = join(chipDir, `pwm${channel}`);
  if (!existsSync(dir)) writeSysfs(join(chipDir, 'export'), channel, 'PWM_UNAVAILABLE', part);
  let period = Number(readSysfs(join(dir, 'period'), 'PWM_UNAVAILABLE', part));
  if (!(period > 0)) {
    period = 1_000_000;
    writeSysfs(join(dir, 'period'), period, 'PWM_UNAVAILABLE', part);
  }
  writeSysfs(join(dir, 'duty_cycle'), inverted ? period : 0, 'PWM_UNAVAILABLE', part);
  writeSysfs(join(dir, 'enable'), 1, 'PWM_UNAVAILABLE', part);
}

export async function forceSafeState(board: LinuxBoardConfig, deps: SafeStateDeps = {}): Promise<SafeStateResult[]> {
  const results: SafeStateResult[] = [];
  const attempt = async (part: string, fn: () => void | Promise<void>): Promise<void> => {
    try {
      await fn();
      results.push({ part, ok: true });
    } catch (err) {
      results.push({ part, ok: false, error: (err as Error).message });
    }
  };
  const defaultChip = board.gpio.chip;
  const lines = safeLines(board);
  const backend = deps.gpioBackend;

  for (const { part, cfg } of lines) {
    const chip = cfg.chip ?? defaultChip;
    if (backend) {
      await attempt(part, async () => {
        const l = await backend.open({ chip, line: cfg.line, direction: 'out', activeLow: cfg.activeLow, initial: 0 });
        l.write(0);
        l.close();
      });
    } else if (board.gpio.backend === 'onoff') {
      await attempt(part, () => sysfsWrite(deps.gpioRoot ?? board.gpio.sysfsRoot ?? SYSFS_GPIO_ROOT, chip, cfg));
    } else if (board.gpio.backend === 'chardev') {
      const gpioset = deps.gpioset ?? board.gpio.tools?.gpioset ?? 'gpioset';
      await attempt(part, () => gpiosetOnce(gpioset, chip ?? 'gpiochip0', cfg));
    } else {
      results.push({ part, ok: false, error: 'fake backend: pass the backend instance (nothing to write otherwise)' });
    }
  }
  for (const e of board.evses) {
    const p = e.pilot.pwm;
    await attempt(`evse${e.id}.pilot.pwm`, () => pwmFault(deps.pwmRoot ?? p.root ?? SYSFS_PWM_ROOT, p.chip, p.channel, p.inverted === true));
  }
  return results;
}
