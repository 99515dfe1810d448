/**
 * Bring-up checks for a technician (`chargerctl hal probe`): does each configured part answer? Pure data; the CLI
 * prints it. Run it with the agent stopped: the agent holds the lines, so a probe beside it reports them busy.
 * Outputs are opened at their safe level (0) and released, so probing never energises a relay or motor.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGpioBackend } from '../gpio/factory.js';
import { detectLibgpiod } from '../gpio/libgpiod-tools.js';
import type { GpioBackend } from '../gpio/types.js';
import type { HalClock } from '../types.js';
import type { LinuxBoardConfig, MeterConfig } from './board-config.js';
import { IioAdc } from './iio-adc.js';
import { inputSpec, outputSpec, type LineConfig } from './line-config.js';
import { SYSFS_PWM_ROOT } from './pwm.js';
import type { CpAdcConfig } from './control-pilot.js';

export interface ProbeResult {
  /** e.g. evse1.contactor.outputs[0]; `gpio.tools` for the libgpiod tools of a chardev board. */
  part: string;
  kind: 'gpio' | 'pwm' | 'adc' | 'serial' | 'tcp';
  /** true: answers; false: does not; null: not checked (e.g. a network meter). */
  ok: boolean | null;
  /** What was found: a level, a voltage, a path, or why it failed. */
  detail: string;
  value?: number;
}

export interface ProbeDeps {
  clock: HalClock;
  gpioBackend?: GpioBackend;
  /** Test roots; defaults are the real sysfs paths or the profile's own roots. */
  pwmRoot?: string;
  iioRoot?: string;
}

export async function probeBoard(board: LinuxBoardConfig, deps: ProbeDeps): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  let backend: GpioBackend | null = deps.gpioBackend ?? null;
  let own = false;
  let backendError: string | null = null;
  if (!backend) {
    try {
      backend = await createGpioBackend(board.gpio, deps.clock);
      own = true;
    } catch (err) {
      backendError = (err as Error).message;
    }
  }
  const chip = board.gpio.chip;
  // Which tool generation the lines below are driven with: the first thing to check when they fail.
  if (own && board.gpio.backend === 'chardev') {
    try {
      const d = await detectLibgpiod(board.gpio.tools?.gpioset ?? 'gpioset');
      const how = d.interactive ? 'interactive gpioset' : 'gpioset replaced on each output change';
      results.push({ part: 'gpio.tools', kind: 'gpio', ok: true, detail: `libgpiod ${d.version} tools (${how})`, value: d.generation });
    } catch (err) {
      results.push({ part: 'gpio.tools', kind: 'gpio', ok: false, detail: (err as Error).message });
    }
  }

  const gpio = async (part: string, cfg: LineConfig, dir: 'in' | 'out'): Promise<void> => {
    if (!backend) {
      results.push({ part, kind: 'gpio', ok: false, detail: `no GPIO backend: ${backendError}` });
      return;
    }
    try {
      const line = await backend.open(dir === 'out' ? outputSpec(cfg, chip) : { ...inputSpec(cfg, chip), debounceMs: 0 });
      const v = line.read();
      line.close();
      results.push({ part, kind: 'gpio', ok: true, detail: dir === 'out' ? `output, held at safe level ${v}` : `input, logical level ${v}`, value: v });
    } catch (err) {
      results.push({ part, kind: 'gpio', ok: false, detail: (err as Error).message });
    }
  };

  const adc = (part: string, cfg: CpAdcConfig): void => {
    try {
      const a = new IioAdc({ ...cfg, root: deps.iioRoot ?? cfg.root });
      a.open();
      const volts = a.readVolts();
      const signal = volts * cfg.gain + cfg.offsetV;
      results.push({ part, kind: 'adc', ok: true, detail: `${volts.toFixed(3)} V at the ADC, ${signal.toFixed(2)} V signal`, value: signal });
    } catch (err) {
      results.push({ part, kind: 'adc', ok: false, detail: (err as Error).message });
    }
  };

  const meter = (part: string, m: MeterConfig): void => {
    if (m.kind === 'modbus-tcp') {
      results.push({ part, kind: 'tcp', ok: null, detail: `${m.host}:${m.port} unit ${m.unitId} (not probed: use chargerctl meter read)` });
      return;
    }
    const ok = existsSync(m.port);
    results.push({ part, kind: 'serial', ok, detail: ok ? `${m.port} exists (${m.baudRate} ${m.dataBits}${m.parity[0]!.toUpperCase()}${m.stopBits})` : `${m.port} does not exist` });
  };

  for (const e of board.evses) {
    const at = `evse${e.id}`;
    for (const [i, o] of e.contactor.outputs.entries()) await gpio(`${at}.contactor.outputs[${i}]`, o, 'out');
    for (const [i, f] of (e.contactor.feedback ?? []).entries()) await gpio(`${at}.contactor.feedback[${i}]`, f, 'in');
    if (e.rcd) {
      await gpio(`${at}.rcd.trip`, e.rcd.trip, 'in');
      if (e.rcd.test) await gpio(`${at}.rcd.test`, e.rcd.test, 'out');
    }
    if (e.lock) {
      await gpio(`${at}.lock.lockOutput`, e.lock.lockOutput, 'out');
      await gpio(`${at}.lock.unlockOutput`, e.lock.unlockOutput, 'out');
      await gpio(`${at}.lock.feedback`, e.lock.feedback, 'in');
    }
    const p = e.pilot.pwm;
    const chipDir = join(deps.pwmRoot ?? p.root ?? SYSFS_PWM_ROOT, `pwmchip${p.chip}`);
    if (!existsSync(chipDir)) {
      results.push({ part: `${at}.pilot.pwm`, kind: 'pwm', ok: false, detail: `${chipDir} does not exist` });
    } else {
      let npwm = NaN;
      try {
        npwm = Number(readFileSync(join(chipDir, 'npwm'), 'utf8').trim());
      } catch {
        /* reported below */
      }
      const ok = Number.isInteger(npwm) && p.channel < npwm;
      results.push({ part: `${at}.pilot.pwm`, kind: 'pwm', ok, detail: ok ? `${chipDir} has ${npwm} channels` : `${chipDir} has no channel ${p.channel} (npwm ${npwm})` });
    }
    adc(`${at}.pilot.adc`, e.pilot.adc);
    if (e.pilot.lowAdc) adc(`${at}.pilot.lowAdc`, e.pilot.lowAdc);
    if (e.proximity) adc(`${at}.proximity.adc`, e.proximity.adc);
    meter(`${at}.meter`, e.meter);
  }
  if (own && backend) await backend.close();
  return results;
}
