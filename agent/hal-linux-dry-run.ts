/**
 * A dry run of a board (`hal.dryRun`): the board profile driven as written, on a laptop, so a manufacturer can
 * validate a board file before there is a board. The GPIO lines go to the in-memory fake backend, wired as a
 * board would be (each contactor feedback follows its relay, the lock's switch follows the motor, the RCD test
 * output trips the RCD); the PWM channels and ADC channels go to stand-in sysfs trees under dataDir/dry-run with
 * exactly the chips, channels and devices the profile names: an idle pilot (+12 V, no EV) and no cable. Meters
 * and readers stay real, so a USB RS-485 adapter on the laptop reads the real meter; without one the EVSE
 * reports its meter failure, as it would on the board.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from './clock/clock.js';
import { FakeGpioBackend } from '../hal/gpio/fake-backend.js';
import { physicalLevel } from '../hal/gpio/logical-line.js';
import type { GpioValue } from '../hal/gpio/types.js';
import type { LinuxBoardConfig } from '../hal/linux/board-config.js';
import type { LineConfig } from '../hal/linux/line-config.js';

export interface DryRun {
  /** The profile with its PWM and ADC roots pointed at the stand-in trees. */
  board: LinuxBoardConfig;
  gpio: FakeGpioBackend;
  /** The stand-in trees (removed and made again at each start). */
  dir: string;
}

type AdcRef = { device: string | number; channel: number; gain: number; offsetV: number };

/** Stand-in trees and wired fake GPIO for `board`, under `dir`. */
export function prepareDryRun(board: LinuxBoardConfig, dir: string, clock: Clock): DryRun {
  rmSync(dir, { recursive: true, force: true });
  const pwmRoot = join(dir, 'sys/class/pwm');
  const iioRoot = join(dir, 'sys/bus/iio/devices');
  const channels = new Map<number, number>();
  for (const e of board.evses) channels.set(e.pilot.pwm.chip, Math.max(channels.get(e.pilot.pwm.chip) ?? 0, e.pilot.pwm.channel + 1));
  for (const [chip, n] of channels) {
    const chipDir = join(pwmRoot, `pwmchip${chip}`);
    mkdirSync(chipDir, { recursive: true });
    writeFileSync(join(chipDir, 'npwm'), `${n}\n`);
    writeFileSync(join(chipDir, 'export'), '');
    writeFileSync(join(chipDir, 'unexport'), '');
    for (let c = 0; c < n; c++) {
      mkdirSync(join(chipDir, `pwm${c}`), { recursive: true });
      for (const f of ['period', 'duty_cycle', 'enable']) writeFileSync(join(chipDir, `pwm${c}`, f), '0\n');
    }
  }
  // 1 mV per count, so a raw value is the ADC's input in millivolts.
  const adcAt = (adc: AdcRef, volts: number): void => {
    const devDir = join(iioRoot, typeof adc.device === 'number' ? `iio:device${adc.device}` : adc.device);
    mkdirSync(devDir, { recursive: true });
    writeFileSync(join(devDir, `in_voltage${adc.channel}_raw`), `${Math.max(0, Math.round(((volts - adc.offsetV) / adc.gain) * 1000))}\n`);
    writeFileSync(join(devDir, `in_voltage${adc.channel}_scale`), '1\n');
  };
  const evses = board.evses.map((e) => {
    const pilot = e.pilot as typeof e.pilot & { lowAdc?: AdcRef };
    adcAt(pilot.adc, 12);
    if (pilot.lowAdc) adcAt(pilot.lowAdc, -12);
    // No cable in the socket: the PP pull-up sees its supply.
    const pp = e.proximity as (typeof e.proximity & { supplyV?: number }) | undefined;
    if (pp) adcAt(pp.adc, pp.supplyV ?? 3.3);
    return {
      ...e,
      pilot: { ...e.pilot, pwm: { ...e.pilot.pwm, root: pwmRoot }, adc: { ...e.pilot.adc, root: iioRoot }, ...(pilot.lowAdc ? { lowAdc: { ...pilot.lowAdc, root: iioRoot } } : {}) },
      ...(e.proximity ? { proximity: { ...e.proximity, adc: { ...e.proximity.adc, root: iioRoot } } } : {}),
    };
  });

  const gpio = new FakeGpioBackend({ clock, keepWriteLog: false });
  wire(gpio, board);
  return { board: { ...board, evses }, gpio, dir };
}

/** Inputs start inactive and follow the outputs that drive them on a real board. */
function wire(gpio: FakeGpioBackend, board: LinuxBoardConfig): void {
  const chipOf = (l: LineConfig): string => l.chip ?? board.gpio.chip ?? 'gpiochip0';
  const key = (l: LineConfig): string => `${chipOf(l)}:${l.line}`;
  const set = (l: LineConfig, logical: GpioValue): void => gpio.setInput(l.line, physicalLevel(logical, l.activeLow), chipOf(l));
  /** On a write to `out`, what follows: logical value of the output → effect. */
  const follows = new Map<string, { out: LineConfig; apply: (v: GpioValue) => void }[]>();
  const on = (out: LineConfig, apply: (v: GpioValue) => void): void => {
    follows.set(key(out), [...(follows.get(key(out)) ?? []), { out, apply }]);
  };
  for (const e of board.evses) {
    const first = e.contactor.outputs[0];
    for (const fb of e.contactor.feedback ?? []) {
      set(fb, 0);
      if (first) on(first, (v) => set(fb, v));
    }
    if (e.rcd) {
      const trip = e.rcd.trip;
      set(trip, 0);
      if (e.rcd.test) on(e.rcd.test, (v) => set(trip, v));
    }
    if (e.lock) {
      const fb = e.lock.feedback;
      set(fb, 0);
      on(e.lock.lockOutput, (v) => v === 1 && set(fb, 1));
      on(e.lock.unlockOutput, (v) => v === 1 && set(fb, 0));
    }
  }
  gpio.onWrite((w) => {
    for (const f of follows.get(`${w.chip}:${w.line}`) ?? []) f.apply(physicalLevel(w.value, f.out.activeLow));
  });
}
