/**
 * A fake board that a separate chargerd process drives exactly as it drives a real one, and that the test can
 * watch and change from outside that process:
 *
 * - GPIO: the chardev backend with stand-in libgpiod v2 tools (bash scripts speaking gpioset's interactive
 *   protocol, gpioget's output and gpiomon's --format=%e events). Each line's physical level is a file; inputs
 *   get their edges from an events file that the stand-in gpiomon follows (tail -F). "Wires" between lines model
 *   the board: the contactor's mirror contact follows its relay output, and the RCD test line trips the RCD.
 * - PWM: a sysfs-like pwmchip tree (duty_cycle, period, enable are plain files the driver writes).
 * - CP ADC: an IIO-like tree; the test writes the raw value that stands for a CP voltage.
 * The meter is real Modbus: pymodbus on one end of a socat pty pair (test/integration/modbus/peer.ts).
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  readonly tools: { gpioset: string; gpioget: string; gpiomon: string };

  constructor() {
    mkdirSync(this.gpioDir, { recursive: true });
    this.tools = this.writeTools();
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
  board(meterPort: string, settleMs = 1000): Record<string, unknown> {
    return {
      driver: 'linux',
      name: 'fake-board',
      description: 'test rig: stand-in gpio tools, sysfs-like PWM and IIO trees, pymodbus meter on a pty',
      gpio: { backend: 'chardev', chip: CHIP, tools: this.tools },
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

  private levelFile(line: number): string {
    return join(this.gpioDir, `${CHIP}-${line}.level`);
  }

  /** Physical level of a line now (outputs: what the last gpioset wrote). */
  level(line: number): 0 | 1 {
    return readFileSync(this.levelFile(line), 'utf8').trim() === '1' ? 1 : 0;
  }

  setLevel(line: number, v: 0 | 1): void {
    writeFileSync(this.levelFile(line), `${v}\n`);
  }

  /** Drive an input as the wiring would: the level, then the edge gpiomon reports. */
  setInput(line: number, v: 0 | 1): void {
    this.setLevel(line, v);
    appendFileSync(join(this.gpioDir, `${CHIP}-${line}.events`), `${v}\n`);
  }

  /** Connect output `from` to input `to` (inverted or not), as a mirror contact or an RCD test loop does. */
  wire(from: number, to: number, invert: boolean): void {
    writeFileSync(join(this.gpioDir, `${CHIP}-${from}.wire`), `${to} ${invert ? 1 : 0}\n`);
  }

  unwire(from: number): void {
    rmSync(join(this.gpioDir, `${CHIP}-${from}.wire`), { force: true });
  }

  /** Every `chip line value` a gpioset applied, in order. */
  writes(): string[] {
    const f = join(this.gpioDir, 'writes.log');
    return existsSync(f) ? readFileSync(f, 'utf8').trim().split('\n').filter(Boolean) : [];
  }

  // -------------------------------------------------------------------------------------------- PWM / ADC

  pwm(file: 'period' | 'duty_cycle' | 'enable'): string {
    return readFileSync(join(this.pwmRoot, 'pwmchip0', 'pwm0', file), 'utf8').trim();
  }

  setPwm(file: 'period' | 'duty_cycle' | 'enable', v: number): void {
    writeFileSync(join(this.pwmRoot, 'pwmchip0', 'pwm0', file), `${v}\n`);
  }

  /** Duty cycle on the CP wire (percent at +12 V), from the files the driver wrote. */
  dutyPercent(): number {
    return (Number(this.pwm('duty_cycle')) / Number(this.pwm('period'))) * 100;
  }

  setCpVolts(v: number): void {
    const raw = Math.round((((v - CP_OFFSET) / CP_GAIN) * 1000) / ADC_SCALE);
    writeFileSync(join(this.iioRoot, 'iio:device0', 'in_voltage0_raw'), `${raw}\n`);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private writeTools(): { gpioset: string; gpioget: string; gpiomon: string } {
    const d = this.gpioDir;
    const script = (name: string, body: string): string => {
      const p = join(this.dir, name);
      writeFileSync(p, `#!/bin/bash\n${body}\n`);
      chmodSync(p, 0o755);
      return p;
    };
    // apply LINE=V: the level file, the log, and what the line is wired to (level + edge event).
    const gpioset = script(
      'gpioset',
      `case "$1" in
  --version) echo "gpioset (libgpiod) v2.1.3"; exit 0;;
  --help) echo "  -i, --interactive	set the lines then wait for additional set commands"; exit 0;;
esac
chip=gpiochip0; mode=once; spec=
while [ $# -gt 0 ]; do
  case "$1" in
    -c) chip=$2; shift 2;;
    -i) mode=interactive; shift;;
    -t0) shift;;
    *=*) spec=$1; shift;;
    *) shift;;
  esac
done
apply() {
  local line=\${1%%=*} v=\${1#*=}
  echo "$v" > "${d}/$chip-$line.level"
  echo "$chip $line $v" >> "${d}/writes.log"
  if [ -f "${d}/$chip-$line.wire" ]; then
    read -r to inv < "${d}/$chip-$line.wire"
    local w=$(( v ^ inv ))
    echo "$w" > "${d}/$chip-$to.level"
    echo "$w" >> "${d}/$chip-$to.events"
  fi
}
apply "$spec"
[ "$mode" = interactive ] || exit 0
while IFS= read -r cmd; do
  case "$cmd" in
    get) echo "\\"\${spec%%=*}\\"=active";;
    "set "*) apply "\${cmd#set }";;
    exit) exit 0;;
  esac
done`,
    );
    const gpioget = script(
      'gpioget',
      `chip=gpiochip0
while [ $# -gt 1 ]; do case "$1" in -c) chip=$2; shift 2;; *) shift;; esac; done
if [ "$(cat "${d}/$chip-$1.level" 2>/dev/null)" = 1 ]; then echo "\\"$1\\"=active"; else echo "\\"$1\\"=inactive"; fi`,
    );
    const gpiomon = script(
      'gpiomon',
      `chip=gpiochip0
while [ $# -gt 1 ]; do case "$1" in -c) chip=$2; shift 2;; *) shift;; esac; done
touch "${d}/$chip-$1.events"
exec tail -n 0 -F "${d}/$chip-$1.events"`,
    );
    return { gpioset, gpioget, gpiomon };
  }
}
