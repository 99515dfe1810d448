/**
 * One Modbus bus per physical line — serial port path or TCP host:port — shared by every meter on it. Each
 * user gets its own handle; the line starts with the first handle started and stops with the last one stopped,
 * so meters keep their plain start()/stop() lifecycle without knowing who else is on the line.
 *
 * Two configs for one line must agree (one line has one baud rate): a mismatch is BAD_CONFIG at acquire().
 * A registry belongs to one station's HAL; nothing here is global, so a fleet process can hold hundreds.
 */
import { HalError } from '../errors.js';
import type { HalClock } from '../types.js';
import { SerialQueue, type BusStats, type ModbusBus } from '../modbus/bus.js';
import type { ReadRequest } from '../modbus/pdu.js';
import { RTU_DEFAULTS, RtuBus, type RtuBusConfig, type SerialPortFactory } from '../modbus/rtu-bus.js';
import { TCP_DEFAULTS, TcpBus, type SocketFactory, type TcpBusConfig } from '../modbus/tcp-bus.js';

export type BusConfig = ({ kind: 'rtu' } & RtuBusConfig) | ({ kind: 'tcp' } & TcpBusConfig);

export interface ModbusBusRegistryDeps {
  clock: HalClock;
  /** Serial port factory for every RTU bus (tests: SerialPortMock). */
  openPort?: SerialPortFactory;
  /** Socket factory for every TCP bus. */
  connect?: SocketFactory;
}

interface Entry {
  bus: ModbusBus;
  /** Normalised config, compared on every acquire. */
  fingerprint: string;
  users: number;
  /** Serialises start/stop of the line so overlapping handle calls cannot start it twice. */
  lifecycle: SerialQueue;
}

export function busKey(config: BusConfig): string {
  return config.kind === 'rtu' ? `rtu:${config.path}` : `tcp:${config.host}:${config.port ?? TCP_DEFAULTS.port}`;
}

export class ModbusBusRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly deps: ModbusBusRegistryDeps) {}

  /** A new handle on the line `config` names, creating the line's bus on first use. */
  acquire(config: BusConfig): ModbusBus {
    const key = busKey(config);
    const fingerprint = fingerprintOf(config);
    let entry = this.entries.get(key);
    if (entry && entry.fingerprint !== fingerprint) {
      throw new HalError('BAD_CONFIG', `${key} is already configured as ${entry.fingerprint}; a second meter asks for ${fingerprint}. Meters on one line must use the same line settings.`);
    }
    if (!entry) {
      const bus =
        config.kind === 'rtu'
          ? new RtuBus(withoutKind(config), { clock: this.deps.clock, ...(this.deps.openPort ? { openPort: this.deps.openPort } : {}) })
          : new TcpBus(withoutKind(config), { clock: this.deps.clock, ...(this.deps.connect ? { connect: this.deps.connect } : {}) });
      entry = { bus, fingerprint, users: 0, lifecycle: new SerialQueue() };
      this.entries.set(key, entry);
    }
    return new BusHandle(entry);
  }

  /** The shared bus of a line (for diagnostics: stats), or undefined. */
  bus(key: string): ModbusBus | undefined {
    return this.entries.get(key)?.bus;
  }

  /** Lines with at least one started handle. */
  get activeLines(): string[] {
    return [...this.entries.entries()].filter(([, e]) => e.users > 0).map(([k]) => k);
  }
}

class BusHandle implements ModbusBus {
  private started = false;

  constructor(private readonly entry: Entry) {}

  get key(): string {
    return this.entry.bus.key;
  }

  get stats(): Readonly<BusStats> {
    return this.entry.bus.stats;
  }

  start(): Promise<void> {
    return this.entry.lifecycle.run(async () => {
      if (this.started) return;
      if (this.entry.users === 0) await this.entry.bus.start();
      this.entry.users++;
      this.started = true;
    });
  }

  stop(): Promise<void> {
    return this.entry.lifecycle.run(async () => {
      if (!this.started) return;
      this.started = false;
      this.entry.users--;
      if (this.entry.users === 0) await this.entry.bus.stop();
    });
  }

  readRegisters(req: ReadRequest): Promise<Uint16Array> {
    if (!this.started) return Promise.reject(new HalError('PORT_CLOSED', `${this.key}: this meter's bus handle is not started`));
    return this.entry.bus.readRegisters(req);
  }
}

function withoutKind<T extends { kind: string }>(config: T): Omit<T, 'kind'> {
  const { kind: _kind, ...rest } = config;
  return rest;
}

function fingerprintOf(config: BusConfig): string {
  const defined = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
  const full = config.kind === 'rtu' ? { ...RTU_DEFAULTS, ...defined } : { ...TCP_DEFAULTS, ...defined };
  const entries = Object.entries(full);
  entries.sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(Object.fromEntries(entries));
}
