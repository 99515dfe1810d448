import { HalError } from '../errors.js';
import { createGpioBackend } from '../gpio/factory.js';
import type { GpioBackend } from '../gpio/types.js';
import type { EnergyMeter, EvseHardware, Hal, HalClock, HalLifecycle, IdentifierReader } from '../types.js';
import type { LinuxBoardConfig, MeterConfig, ReaderConfig } from './board-config.js';
import { LinuxConnectorLock } from './connector-lock.js';
import { LinuxContactor } from './contactor.js';
import { LinuxControlPilot } from './control-pilot.js';
import { LinuxProximityPilot } from './proximity.js';
import { LinuxRcd } from './rcd.js';

export interface LinuxHalDeps {
  /** The composition root builds meters (hal/meters); the board only says which. */
  buildMeter(evseId: number, meterCfg: MeterConfig): EnergyMeter;
  /** Builds a reader for an EVSE whose profile names one; without it such a profile is refused. */
  buildReader?(evseId: number, readerCfg: ReaderConfig): IdentifierReader;
  /** Use this backend instead of the one the profile names (tests, dry runs); the caller closes it. */
  gpioBackend?: GpioBackend;
  /** Backend errors that have no caller to throw to (a gpio tool that died). */
  onGpioError?: (err: Error) => void;
}

export interface LinuxEvseHardware extends EvseHardware {
  readonly pilot: LinuxControlPilot;
  readonly proximity: LinuxProximityPilot | null;
  readonly contactor: LinuxContactor;
  readonly rcd: LinuxRcd | null;
  readonly lock: LinuxConnectorLock | null;
}

/** A Hal whose GPIO backend is known once started (probe and chargerctl print it). */
export interface LinuxHal extends Hal {
  readonly evses: ReadonlyMap<number, LinuxEvseHardware>;
  readonly gpio: GpioBackend | null;
}

/** GPIO handed to the parts before start() has created the real backend: resolves it lazily. */
class DeferredGpio implements GpioBackend {
  target: GpioBackend | null = null;
  get name(): GpioBackend['name'] {
    return this.target?.name ?? 'fake';
  }
  open(spec: Parameters<GpioBackend['open']>[0]): ReturnType<GpioBackend['open']> {
    if (!this.target) return Promise.reject(new HalError('GPIO_UNAVAILABLE', 'GPIO backend not started'));
    return this.target.open(spec);
  }
  async close(): Promise<void> {
    await this.target?.close();
  }
}

/**
 * Builds every EvseHardware part from a validated linux board profile. Nothing touches hardware until start(),
 * which brings up contactors first (their outputs are opened at the open level), then pilots, RCDs, locks,
 * proximity, meters and readers; a failure stops what already started and rethrows.
 */
export function createLinuxHal(board: LinuxBoardConfig, clock: HalClock, deps: LinuxHalDeps): LinuxHal {
  const gpio = new DeferredGpio();
  const chip = board.gpio.chip;
  const evses = new Map<number, LinuxEvseHardware>();
  for (const e of board.evses) {
    if (e.reader && !deps.buildReader) throw new HalError('BAD_CONFIG', `evse ${e.id}: profile names a reader but no reader builder was given`, { part: `evse${e.id}.reader` });
    evses.set(e.id, {
      evseId: e.id,
      connector: e.connector,
      contactor: new LinuxContactor(e.contactor, gpio, clock, chip),
      pilot: new LinuxControlPilot(e.pilot, clock, `evse${e.id}.pilot`),
      proximity: e.proximity ? new LinuxProximityPilot(e.proximity, clock, `evse${e.id}.proximity`) : null,
      rcd: e.rcd ? new LinuxRcd(e.rcd, gpio, clock, chip) : null,
      lock: e.lock ? new LinuxConnectorLock(e.lock, gpio, clock, chip) : null,
      meter: deps.buildMeter(e.id, e.meter),
      reader: e.reader ? deps.buildReader!(e.id, e.reader) : null,
    });
  }

  let started: HalLifecycle[] = [];
  let ownBackend = false;

  const partsInStartOrder = (): HalLifecycle[] => {
    const all: HalLifecycle[] = [];
    for (const h of evses.values()) all.push(h.contactor);
    for (const h of evses.values()) {
      all.push(h.pilot);
      if (h.rcd) all.push(h.rcd);
      if (h.lock) all.push(h.lock);
      if (h.proximity) all.push(h.proximity);
      all.push(h.meter);
      if (h.reader) all.push(h.reader);
    }
    return all;
  };

  const hal: LinuxHal = {
    evses,
    get gpio() {
      return gpio.target;
    },
    async start() {
      if (deps.gpioBackend) gpio.target = deps.gpioBackend;
      else {
        gpio.target = await createGpioBackend(board.gpio, clock, deps.onGpioError);
        ownBackend = true;
      }
      try {
        for (const part of partsInStartOrder()) {
          await part.start();
          started.push(part);
        }
      } catch (err) {
        await hal.stop().catch(() => undefined);
        throw err;
      }
    },
    async stop() {
      try {
        hal.safeState();
      } catch {
        /* stop() must still release everything; safeState already tried every part */
      }
      const errors: unknown[] = [];
      for (const part of started.reverse()) {
        try {
          await part.stop();
        } catch (err) {
          errors.push(err);
        }
      }
      started = [];
      if (ownBackend && gpio.target) await gpio.target.close();
      if (ownBackend) gpio.target = null;
      ownBackend = false;
      if (errors.length > 0) throw errors[0];
    },
    safeState() {
      // Every contactor first (they carry the energy), then every pilot; each attempted whatever the others do.
      let first: unknown = null;
      for (const h of evses.values()) {
        try {
          h.contactor.open();
        } catch (err) {
          first ??= err;
        }
      }
      for (const h of evses.values()) {
        try {
          if (started.includes(h.pilot)) h.pilot.setFault();
        } catch (err) {
          first ??= err;
        }
      }
      if (first !== null) throw first;
    },
  };
  return hal;
}
