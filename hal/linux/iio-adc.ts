import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HalError } from '../errors.js';
import { readSysfsNumber } from './sysfs-file.js';

export const SYSFS_IIO_ROOT = '/sys/bus/iio/devices';

export interface IioAdcConfig {
  /** IIO device: 'iio:device0' or its number. */
  device: string | number;
  channel: number;
  /** Default /sys/bus/iio/devices; tests point it at a temporary tree. */
  root?: string;
  /** mV per LSB; overrides the driver's in_voltageK_scale (needed where the driver has none). */
  scale?: number;
  /** Raw-count offset; overrides in_voltageK_offset. */
  offset?: number;
}

/**
 * One IIO voltage channel (MCP3008, ADS1115 and most SPI/I2C ADCs have in-tree IIO drivers). Volts =
 * (raw + offset) × scale / 1000, as the IIO ABI defines. A read is a synchronous sysfs read, which makes the
 * driver do one conversion: tens of µs on SPI, ~1-8 ms on an ADS1115 at its higher data rates.
 */
export class IioAdc {
  private readonly dir: string;
  readonly part: string;
  private scale = 1;
  private offset = 0;

  constructor(private readonly cfg: IioAdcConfig) {
    const dev = typeof cfg.device === 'number' ? `iio:device${cfg.device}` : cfg.device;
    this.dir = join(cfg.root ?? SYSFS_IIO_ROOT, dev);
    this.part = `${dev}/in_voltage${cfg.channel}`;
  }

  /** Read scale and offset once; throws ADC_UNAVAILABLE when the channel does not exist. */
  open(): void {
    const raw = this.file('raw');
    if (!existsSync(raw)) throw new HalError('ADC_UNAVAILABLE', `${raw} does not exist`, { part: this.part });
    this.scale = this.cfg.scale ?? this.shared('scale') ?? 1;
    this.offset = this.cfg.offset ?? this.shared('offset') ?? 0;
  }

  readRaw(): number {
    return readSysfsNumber(this.file('raw'), 'ADC_UNAVAILABLE', this.part);
  }

  readVolts(): number {
    return ((this.readRaw() + this.offset) * this.scale) / 1000;
  }

  private file(attr: string): string {
    return join(this.dir, `in_voltage${this.cfg.channel}_${attr}`);
  }

  /** Per-channel attribute, else the one shared by every channel (in_voltage_scale). */
  private shared(attr: string): number | null {
    for (const p of [this.file(attr), join(this.dir, `in_voltage_${attr}`)]) {
      if (existsSync(p)) return readSysfsNumber(p, 'ADC_UNAVAILABLE', this.part);
    }
    return null;
  }
}
