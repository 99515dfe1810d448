/**
 * The energy meters of a linux board: one ModbusBusRegistry for the whole station (meters on one RS-485 line
 * share one bus), one ModbusMeter per EVSE, each wrapped so that a meter that cannot be started does not stop
 * the agent. A charger whose meter is unplugged must still come up, tell the CSMS (PowerMeterFailure, raised by
 * the station when read() rejects) and keep its contactors under control; the meter is tried again on each
 * read, so plugging the adapter back in recovers without a restart.
 */
import type { Logger } from './log.js';
import { HalError } from '../hal/errors.js';
import type { LinuxBoardConfig, MeterConfig } from '../hal/linux/board-config.js';
import { busKey, createModbusMeter, ModbusBusRegistry, type BusConfig, type ModbusMeter } from '../hal/meters/index.js';
import type { SerialPortFactory } from '../hal/modbus/rtu-bus.js';
import { loadModel, type ModelLookup } from '../hal/meters/model.js';
import type { BusStats } from '../hal/modbus/bus.js';
import type { Emitter } from '../hal/emitter.js';
import type { EnergyMeter, HalClock, Measurand, MeterEvents, MeterReading } from '../hal/types.js';

/** The bus config a board's meter entry stands for (serial settings as written in the profile). */
export function meterTransport(m: MeterConfig): { kind: 'rtu'; path: string; baudRate: number; parity: 'none' | 'even' | 'odd'; dataBits: 7 | 8; stopBits: 1 | 2 } | { kind: 'tcp'; host: string; port: number } {
  return m.kind === 'modbus-rtu'
    ? { kind: 'rtu', path: m.port, baudRate: m.baudRate, parity: m.parity, dataBits: m.dataBits, stopBits: m.stopBits }
    : { kind: 'tcp', host: m.host, port: m.port };
}

/** Human name of a meter's line: "/dev/ttyAMA0 9600 8N1" or "tcp 10.0.0.5:502". */
export function meterLine(m: MeterConfig): string {
  return m.kind === 'modbus-rtu' ? `${m.port} ${m.baudRate} ${m.dataBits}${m.parity[0]!.toUpperCase()}${m.stopBits}` : `tcp ${m.host}:${m.port}`;
}

/**
 * A meter that reports a failed start through read() instead of start(). start() never rejects; read() on a meter
 * that is not started tries to start it once more and rejects (METER_UNAVAILABLE, the start error as cause) when
 * that fails too. Such a read is a failed read of the inner meter's supervision, so an unplugged adapter faults
 * after the same failuresBeforeFault as a meter that stopped answering, and through the same `events`.
 */
export class ResilientMeter implements EnergyMeter {
  private started = false;
  private starting: Promise<void> | null = null;
  private stopped = true;
  /** Why the last start failed (null once started). */
  startError: Error | null = null;

  constructor(
    readonly inner: ModbusMeter,
    readonly evseId: number,
    readonly cfg: MeterConfig,
    private readonly log: Logger,
  ) {}

  /** The inner meter's: one supervisor counts failed starts and failed reads alike. */
  get events(): Emitter<MeterEvents> {
    return this.inner.events;
  }

  get measurands(): readonly Measurand[] {
    return this.inner.measurands;
  }

  get phases(): 1 | 3 {
    return this.inner.phases;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.tryStart();
    if (this.startError) {
      this.log.error({ evse: this.evseId, line: meterLine(this.cfg), err: this.startError.message }, 'meter could not be started: the EVSE reports a meter failure until it answers');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting?.catch(() => undefined);
    if (!this.started) return;
    this.started = false;
    await this.inner.stop();
  }

  async read(): Promise<MeterReading> {
    if (this.stopped) throw new HalError('METER_UNAVAILABLE', `meter of EVSE ${this.evseId} is stopped`, { part: `evse${this.evseId}.meter` });
    if (!this.started) {
      await this.tryStart();
      if (!this.started) {
        const cause = this.startError;
        throw this.inner.recordFailure(
          new HalError('METER_UNAVAILABLE', `meter of EVSE ${this.evseId} (${meterLine(this.cfg)}) not available: ${cause?.message ?? 'not started'}`, {
            part: `evse${this.evseId}.meter`,
            cause,
          }),
        );
      }
      this.log.info({ evse: this.evseId, line: meterLine(this.cfg) }, 'meter started');
    }
    return this.inner.read();
  }

  /** One start attempt at a time; concurrent callers share it. */
  private tryStart(): Promise<void> {
    this.starting ??= this.inner
      .start()
      .then(
        () => {
          this.started = true;
          this.startError = null;
        },
        (err: unknown) => {
          this.startError = err instanceof Error ? err : new Error(String(err));
        },
      )
      .finally(() => {
        this.starting = null;
      });
    return this.starting.then(async () => {
      // stop() ran while the port was being opened: release it again.
      if (this.stopped && this.started) {
        this.started = false;
        await this.inner.stop();
      }
    });
  }
}

export interface BoardMeters {
  meters: Map<number, ResilientMeter>;
  registry: ModbusBusRegistry;
  /** Statistics of the line a meter is on (requests, timeouts, bad frames...). */
  stats(evseId: number): Readonly<BusStats> | undefined;
}

/**
 * Build (not start) every EVSE's meter. Throws HalError BAD_CONFIG (details.part: the meter's pointer in the
 * profile, /evses/I/meter) for an unknown model or two meters asking for different settings on one line; the
 * caller turns that into a config error.
 */
export function buildBoardMeters(board: LinuxBoardConfig, clock: HalClock, log: Logger, openPort?: SerialPortFactory, models: ModelLookup = {}): BoardMeters {
  const registry = new ModbusBusRegistry({ clock, ...(openPort ? { openPort } : {}) });
  const meters = new Map<number, ResilientMeter>();
  board.evses.forEach((e, i) => {
    let inner: ModbusMeter;
    try {
      inner = createModbusMeter({ model: loadModel(e.meter.model, models), unitId: e.meter.unitId, transport: meterTransport(e.meter) }, { clock, registry });
    } catch (err) {
      if (err instanceof HalError) throw new HalError(err.code, err.message, { part: `/evses/${i}/meter`, cause: err });
      throw err;
    }
    const meterLog = log.child({ evse: e.id, meter: e.meter.model });
    inner.events.on('fault', (err) => meterLog.warn({ code: err.code, err: err.message }, 'meter fault'));
    inner.events.on('recovered', () => meterLog.info('meter recovered'));
    meters.set(e.id, new ResilientMeter(inner, e.id, e.meter, meterLog));
  });
  return {
    meters,
    registry,
    stats: (evseId) => {
      const m = board.evses.find((e) => e.id === evseId)?.meter;
      return m ? registry.bus(busKey(meterTransport(m) as BusConfig))?.stats : undefined;
    },
  };
}
