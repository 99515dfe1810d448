/**
 * A fake board that a separate chargerd process drives exactly as it drives a real one, and that the test can
 * watch and change from outside that process:
 *
 * - GPIO: the chardev backend with stand-in libgpiod tools (test/unit/hal-linux/libgpiod-standins.ts; v2 for the
 *   agent, v1 as well for `hal safe-state` on a bookworm-like board). Each line's physical level is a file,
 *   replaced atomically; every applied level is logged before its level file changes; inputs get their edges from
 *   an events file that the stand-in gpiomon follows. "Wires" between lines model the board: the contactor's
 *   mirror contact follows its relay output, and the RCD test line trips the RCD.
 * - PWM: a sysfs-like pwmchip tree (duty_cycle, period, enable are plain files the driver writes).
 * - CP ADC: an IIO-like tree; the test writes the raw value that stands for a CP voltage (atomically: the agent
 *   samples it every few ms and an empty file would read as an ADC failure).
 * The meter is real Modbus: pymodbus on one end of a socat pty pair (test/integration/modbus/peer.ts).
 *
 * The agent writes the PWM files with plain writes (truncate, then write), as it writes real sysfs, so a reader
 * here can catch one empty: `pwm()` returns null then and `dutyPercent()` NaN, never 0.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StandinLines, writeAtomic, writeLibgpiodStandins, type StandinTools } from '../../unit/hal-linux/libgpiod-standins.js';

/** MCP3008 at 3.3 V: mV per LSB. */
export const ADC_SCALE = 3300 / 1024;
/** CP volts = ADC volts × gain + offset (rpi-generic's divider). */
export const CP_GAIN = 7.2727;
export const CP_OFFSET = -12;
export const CHIP = 'gpiochip0';

export const LINES = { relay: 17, mirror: 22, rcdTrip: 5, rcdTest: 6 } as const;

export class BoardRig {
  readonly dir = mkdtempSync(join(tmpdir(), 'chargerd-board-'));
  readonly gpioDir = join(this.dir, 'gpio');
  readonly pwmRoot = join(this.dir, 'sys/class/pwm');
  readonly iioRoot = join(this.dir, 'sys/bus/iio/devices');
  readonly lines = new StandinLines(this.gpioDir);
  /** libgpiod v2 stand-ins (Debian trixie), which the agent runs with. */
  readonly tools: StandinTools = writeLibgpiodStandins(join(this.dir, 'bin-v2'), this.gpioDir, 2);
  /** libgpiod v1 stand-ins (bookworm) on the same lines. */
  readonly toolsV1: StandinTools = writeLibgpiodStandins(join(this.dir, 'bin-v1'), this.gpioDir, 1);

  constructor() {
    const chip = join(this.pwmRoot, 'pwmchip0');
    mkdirSync(join(chip, 'pwm0'), { recursive: true });
    writeFileSync(join(chip, 'npwm'), '1\n');
    writeFileSync(join(chip, 'export'), '');
    for (const f of ['period', 'duty_cycle', 'enable']) writeFileSync(join(chip, 'pwm0', f), '0\n');
    const adc = join(this.iioRoot, 'iio:device0');
    mkdirSync(adc, { recursive: true });
    writeFileSync(join(adc, 'in_voltage_scale'), `${ADC_SCALE}\n`);
    this.setCpVolts(12);
    // Idle board: relay off, mirror contact open; the RDC-DD module's output is high while all is well (activeLow).
    this.setLevel(LINES.relay, 0);
    this.setLevel(LINES.mirror, 0);
    this.setLevel(LINES.rcdTrip, 1);
    this.setLevel(LINES.rcdTest, 0);
    this.wire(LINES.relay, LINES.mirror, false);
    this.wire(LINES.rcdTest, LINES.rcdTrip, true);
  }

  /**
   * Board profile (hal/board.schema.json) for this rig, one cable EVSE with a Modbus RTU meter on `meterPort`. The
   * mirror contact answers through two processes (gpioset, gpiomon): a generous settle time keeps a busy CI
   * machine from reporting a stuck contactor.
   */
  board(meterPort: string, settleMs = 1000, tools: StandinTools = this.tools): Record<string, unknown> {
    return {
      driver: 'linux',
      name: 'fake-board',
      description: 'test rig: stand-in gpio tools, sysfs-like PWM and IIO trees, pymodbus meter on a pty',
      gpio: { backend: 'chardev', chip: CHIP, tools },
      evses: [
        {
          id: 1,
          connector: 'cable',
          contactor: { outputs: [{ line: LINES.relay }], feedback: [{ line: LINES.mirror }], settleMs },
          rcd: { trip: { line: LINES.rcdTrip, activeLow: true }, test: { line: LINES.rcdTest }, testPulseMs: 100, selfTestTimeoutMs: 1500, resetTimeoutMs: 1500 },
          pilot: {
            pwm: { chip: 0, channel: 0, root: this.pwmRoot },
            adc: { device: 'iio:device0', channel: 0, gain: CP_GAIN, offsetV: CP_OFFSET, root: this.iioRoot },
          },
          meter: { kind: 'modbus-rtu', port: meterPort, baudRate: 9600, parity: 'none', dataBits: 8, stopBits: 1, model: 'eastron-sdm630', unitId: 1 },
        },
      ],
    };
  }

  // ------------------------------------------------------------------------------------------------- GPIO

  /** Physical level of a line now (outputs: what the last gpioset applied). */
  level(line: number): 0 | 1 {
    return this.lines.level(CHIP, line);
  }

  setLevel(line: number, v: 0 | 1): void {
    this.lines.setLevel(CHIP, line, v);
  }

  /** Drive an input as the wiring would: the level, then the edge gpiomon reports. */
  setInput(line: number, v: 0 | 1): void {
    this.lines.setInput(CHIP, line, v);
  }

  /** Connect output `from` to input `to` (inverted or not), as a mirror contact or an RCD test loop does. */
  wire(from: number, to: number, invert: boolean): void {
    this.lines.wire(CHIP, from, to, invert);
  }

  unwire(from: number): void {
    rmSync(join(this.gpioDir, `${CHIP}-${from}.wire`), { force: true });
  }

  /** Every `chip line value` a gpioset applied, in order (complete lines only). */
  writes(): string[] {
    return this.lines.log('writes');
  }

  // -------------------------------------------------------------------------------------------- PWM / ADC

  /** A PWM file as the agent left it; null while the agent is between truncating and writing it. */
  pwm(file: 'period' | 'duty_cycle' | 'enable'): string | null {
    return readFileSync(join(this.pwmRoot, 'pwmchip0', 'pwm0', file), 'utf8').trim() || null;
  }

  setPwm(file: 'period' | 'duty_cycle' | 'enable', v: number): void {
    writeAtomic(join(this.pwmRoot, 'pwmchip0', 'pwm0', file), `${v}\n`);
  }

  /**
   * Duty cycle on the CP wire (percent at +12 V), from the files the driver wrote. NaN while one of them is being
   * written: it equals nothing, so a wait goes on and an assertion fails, where an empty file read as 0 would pass
   * for "pilot at F".
   */
  dutyPercent(): number {
    const duty = this.pwm('duty_cycle');
    const period = this.pwm('period');
    return duty === null || period === null ? NaN : (Number(duty) / Number(period)) * 100;
  }

  setCpVolts(v: number): void {
    const raw = Math.round((((v - CP_OFFSET) / CP_GAIN) * 1000) / ADC_SCALE);
    writeAtomic(join(this.iioRoot, 'iio:device0', 'in_voltage0_raw'), `${raw}\n`);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
