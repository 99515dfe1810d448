import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** MCP3008 with a 3.3 V reference: 10 bits, mV per LSB as the mcp320x IIO driver reports it. */
export const MCP3008_SCALE = 3300 / 1024;
/** rpi-generic.json maps ADC volts to CP volts with cp = adc × 7.2727 − 12. */
export const CP_GAIN = 7.2727;
export const CP_OFFSET = -12;

/** A temporary sysfs-like tree: pwm, iio and gpio roots, pre-populated like a freshly booted board. */
export class FakeSysfs {
  readonly root = mkdtempSync(join(tmpdir(), 'hal-linux-sysfs-'));
  readonly pwmRoot = join(this.root, 'class/pwm');
  readonly iioRoot = join(this.root, 'bus/iio/devices');
  readonly gpioRoot = join(this.root, 'class/gpio');

  /** pwmchipN with npwm channels; `exported` channels already have their pwmM directory. */
  addPwmChip(chip: number, npwm = 2, exported: number[] = [0]): void {
    const dir = join(this.pwmRoot, `pwmchip${chip}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'npwm'), `${npwm}\n`);
    writeFileSync(join(dir, 'export'), '');
    for (const ch of exported) {
      const c = join(dir, `pwm${ch}`);
      mkdirSync(c, { recursive: true });
      for (const [f, v] of [['period', '0'], ['duty_cycle', '0'], ['enable', '0'], ['polarity', 'normal']]) writeFileSync(join(c, f!), `${v}\n`);
    }
  }

  pwm(chip: number, ch: number, file: 'period' | 'duty_cycle' | 'enable' | 'polarity'): string {
    return readFileSync(join(this.pwmRoot, `pwmchip${chip}`, `pwm${ch}`, file), 'utf8').trim();
  }

  pwmExportWrites(chip: number): string {
    return readFileSync(join(this.pwmRoot, `pwmchip${chip}`, 'export'), 'utf8');
  }

  addIioDevice(dev: number, channels: number[], scale = MCP3008_SCALE): void {
    const dir = join(this.iioRoot, `iio:device${dev}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'in_voltage_scale'), `${scale}\n`);
    for (const ch of channels) writeFileSync(join(dir, `in_voltage${ch}_raw`), '0\n');
  }

  setAdcRaw(dev: number, ch: number, raw: number): void {
    writeFileSync(join(this.iioRoot, `iio:device${dev}`, `in_voltage${ch}_raw`), `${Math.round(raw)}\n`);
  }

  /** Put `cpVolts` on a CP channel mapped like rpi-generic.json. */
  setCpVolts(dev: number, ch: number, cpVolts: number): void {
    const adcVolts = (cpVolts - CP_OFFSET) / CP_GAIN;
    this.setAdcRaw(dev, ch, (adcVolts * 1000) / MCP3008_SCALE);
  }

  /** A PP divider (1 kΩ pull-up to 3.3 V, gain 1) with this cable resistor; Infinity = no cable. */
  setPpOhms(dev: number, ch: number, ohms: number): void {
    const v = ohms === Infinity ? 3.3 : (3.3 * ohms) / (1000 + ohms);
    this.setAdcRaw(dev, ch, Math.min(1023, (v * 1000) / MCP3008_SCALE));
  }

  removeAdc(dev: number, ch: number): void {
    rmSync(join(this.iioRoot, `iio:device${dev}`, `in_voltage${ch}_raw`), { force: true });
  }

  /** sysfs GPIO chip directory as a 6.6+ kernel shows it (base 512 on a Pi 4). */
  addGpioChip(base: number, ngpio: number, label: string, chardev: string): void {
    const dir = join(this.gpioRoot, `gpiochip${base}`);
    mkdirSync(join(dir, 'device', chardev), { recursive: true });
    writeFileSync(join(dir, 'base'), `${base}\n`);
    writeFileSync(join(dir, 'ngpio'), `${ngpio}\n`);
    writeFileSync(join(dir, 'label'), `${label}\n`);
    writeFileSync(join(this.gpioRoot, 'export'), '');
  }

  /** A sysfs gpioN directory as the kernel creates it after export (the fake tree cannot react to writes). */
  addExportedGpio(n: number): void {
    const dir = join(this.gpioRoot, `gpio${n}`);
    mkdirSync(dir, { recursive: true });
    for (const [f, v] of [['direction', 'in'], ['value', '0'], ['active_low', '1'], ['edge', 'none']]) writeFileSync(join(dir, f!), `${v}\n`);
  }

  gpioFile(n: number, file: string): string {
    return readFileSync(join(this.gpioRoot, `gpio${n}`, file), 'utf8').trim();
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
