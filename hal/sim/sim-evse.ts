import type { EvseHardware, HalClock } from '../types.js';
import { SimConnectorLock } from './connector-lock.js';
import { SimContactor } from './contactor.js';
import { SimControlPilot } from './control-pilot.js';
import { roundWh, SimEnergyMeter } from './energy-meter.js';
import { SimError } from './errors.js';
import { SimIdentifierReader } from './identifier-reader.js';
import type { SimEvseConfig } from './options.js';
import { SimProximityPilot } from './proximity-pilot.js';
import { SimResidualCurrentMonitor } from './rcd.js';
import { SimulatedEv } from './simulated-ev.js';
import { SIM_FAULTS, type PersistedEvse } from './state-file.js';
import type { SimEvseState, SimFault } from './types.js';

/**
 * One simulated EVSE: its hardware parts, the car and the physics between them (which current flows, when the
 * cable leaves the socket). `persist` saves the whole station; it runs after timer-driven changes of persisted
 * state and before a meter reading is handed out.
 */
export class SimEvse implements EvseHardware {
  readonly evseId: number;
  readonly connector: SimEvseConfig['connector'];
  readonly ev: SimulatedEv;
  readonly pilot: SimControlPilot;
  readonly proximity: SimProximityPilot | null;
  readonly contactor: SimContactor;
  readonly rcd: SimResidualCurrentMonitor;
  readonly lock: SimConnectorLock | null;
  readonly meter: SimEnergyMeter;
  readonly reader: SimIdentifierReader;

  private readonly faults = new Set<SimFault>();
  private cableKept = false;
  private wiring: (() => void)[] = [];

  constructor(
    private readonly config: SimEvseConfig,
    clock: HalClock,
    private readonly persist: () => void,
  ) {
    this.evseId = config.id;
    this.connector = config.connector;
    this.ev = new SimulatedEv(clock, config.evReactionMs, config.evMaxCurrentA);
    this.pilot = new SimControlPilot(this.ev);
    const socket = config.connector === 'socket';
    this.proximity = socket ? new SimProximityPilot(clock, config.cableMaxCurrentA) : null;
    this.contactor = new SimContactor(clock, config.contactorSettleMs);
    this.rcd = new SimResidualCurrentMonitor(clock);
    this.lock = socket ? new SimConnectorLock(clock, config.lockMs) : null;
    this.meter = new SimEnergyMeter(clock, {
      phases: config.phases,
      voltageV: config.voltageV,
      flowA: () => this.flowA(),
      beforeResolve: () => this.persist(),
    });
    this.reader = new SimIdentifierReader();
  }

  get cablePresent(): boolean {
    return this.proximity ? this.proximity.cablePresent : true;
  }

  /** Brings the hardware up from the persisted picture (or the defaults), then lets it run. */
  async start(saved: PersistedEvse | undefined): Promise<void> {
    const faults = (saved?.faults ?? []).filter((f) => f !== 'lock' || this.lock);
    this.faults.clear();
    for (const f of faults) this.faults.add(f);
    const plugged = saved?.evPlugged ?? false;
    this.ev.restore({
      plugged,
      wantsCharge: saved?.evWantsCharge ?? true,
      maxCurrentA: saved?.evMaxCurrentA ?? this.config.evMaxCurrentA,
    });
    this.cableKept = saved?.cableKept ?? false;
    this.proximity?.restore((saved?.cablePresent ?? false) || plugged);
    this.pilot.restore(this.faults.has('pilot'), this.faults.has('pilot-unreadable'));
    this.contactor.restore(this.faults.has('weld') ? 'closed' : null);
    this.rcd.restore(this.faults.has('rcd'));
    this.lock?.restore(this.faults.has('lock'));
    this.meter.restore(saved?.energyWh ?? 0, this.faults.has('meter'));

    // Every input of the current flow re-bases the meter's integration at the instant it changes.
    const integrate = (): void => this.meter.integrate();
    this.wiring = [
      this.ev.events.on('change', integrate),
      this.pilot.events.on('state', integrate),
      this.pilot.outputEvents.on('output', integrate),
      this.contactor.events.on('feedback', integrate),
      this.rcd.events.on('trip', integrate),
      this.rcd.events.on('reset', integrate),
    ];
    const lock = this.lock;
    const proximity = this.proximity;
    if (lock && proximity) this.wiring.push(lock.events.on('change', (locked) => proximity.setHeld(locked)));
    this.ev.start();
    await Promise.all([
      this.pilot.start(),
      this.proximity?.start(),
      this.contactor.start(),
      this.rcd.start(),
      this.lock?.start(),
      this.meter.start(),
      this.reader.start(),
    ]);
    // A lone cable not kept on purpose was being pulled out when the station went down: the user finishes.
    if (this.proximity?.cablePresent && !plugged && !this.cableKept) this.removeCableLater();
  }

  async stop(): Promise<void> {
    for (const off of this.wiring) off();
    this.wiring = [];
    this.ev.stop();
    await Promise.all([
      this.pilot.stop(),
      this.proximity?.stop(),
      this.contactor.stop(),
      this.rcd.stop(),
      this.lock?.stop(),
      this.meter.stop(),
      this.reader.stop(),
    ]);
  }

  safeState(): void {
    this.contactor.open();
    this.pilot.switchOff();
  }

  plug(): void {
    if (this.proximity) {
      this.cableKept = false;
      this.proximity.insert();
    }
    this.ev.plug();
  }

  unplug(keepCable: boolean): void {
    const wasPlugged = this.ev.plugged;
    this.ev.unplug();
    const proximity = this.proximity;
    if (!proximity?.cablePresent) return;
    if (keepCable) {
      this.cableKept = true;
      proximity.cancelRemoval();
    } else if (wasPlugged) {
      this.cableKept = false;
      this.removeCableLater();
    } else {
      // Second unplug: the cable left in the socket (kept or still lingering) comes out now, or as soon as the
      // lock lets it go.
      this.cableKept = false;
      proximity.remove(() => this.persistQuietly());
    }
  }

  presentTag(idTag: string): void {
    this.reader.present(idTag);
  }

  setEvCharge(wantsCharge: boolean, ventilation = false): void {
    this.ev.setNeedsVentilation(ventilation);
    this.ev.setWantsCharge(wantsCharge);
  }

  setEvMaxCurrent(amps: number): void {
    this.ev.setMaxCurrent(amps);
  }

  injectFault(fault: SimFault): void {
    if (fault === 'lock' && !this.lock) {
      throw new SimError('SIM_NOT_APPLICABLE', `EVSE ${this.evseId} has a fixed cable and no connector lock to jam`, { evseId: this.evseId });
    }
    if (this.faults.has(fault)) return;
    this.faults.add(fault);
    this.applyFault(fault, true);
  }

  clearFaults(): void {
    const active = [...this.faults];
    this.faults.clear();
    for (const f of active) this.applyFault(f, false);
  }

  state(): SimEvseState {
    return {
      evseId: this.evseId,
      evPlugged: this.ev.plugged,
      cablePresent: this.cablePresent,
      evWantsCharge: this.ev.wantsCharge,
      evMaxCurrentA: this.ev.maxCurrentA,
      faults: this.activeFaults(),
      energyWh: roundWh(this.meter.registerWh),
    };
  }

  record(): PersistedEvse {
    return {
      evseId: this.evseId,
      evPlugged: this.ev.plugged,
      cablePresent: this.cablePresent,
      cableKept: this.cableKept,
      evWantsCharge: this.ev.wantsCharge,
      evMaxCurrentA: this.ev.maxCurrentA,
      faults: this.activeFaults(),
      energyWh: this.meter.registerWh,
    };
  }

  private activeFaults(): SimFault[] {
    return SIM_FAULTS.filter((f) => this.faults.has(f));
  }

  private applyFault(fault: SimFault, on: boolean): void {
    switch (fault) {
      case 'rcd':
        return this.rcd.setFault(on);
      case 'pilot':
        return this.pilot.setShorted(on);
      case 'weld':
        return this.contactor.setStuck(on ? 'closed' : null);
      case 'meter':
        return this.meter.setUnavailable(on);
      case 'lock':
        return this.lock?.setJammed(on);
      case 'pilot-unreadable':
        return this.pilot.setUnreadable(on);
    }
  }

  private removeCableLater(): void {
    const proximity = this.proximity;
    if (!proximity) return;
    if (this.config.cableLingerMs <= 0) {
      proximity.remove(() => this.persistQuietly());
      return;
    }
    proximity.removeAfter(this.config.cableLingerMs, () => this.persistQuietly());
  }

  /** For changes made inside a timer or another part's event (a cable leaving when the lock releases it). */
  private persistQuietly(): void {
    try {
      this.persist();
    } catch {
      // Nobody to tell there; the next control call or meter read writes the file and reports the failure.
    }
  }

  /** Current per phase through contacts and meter: only with contacts closed, RCD in, and the car in state C. */
  private flowA(): number {
    if (!this.contactor.contactsClosed || this.rcd.tripped || this.pilot.state !== 'C') return 0;
    return Math.min(this.pilot.offeredCurrentA, this.ev.maxCurrentA, this.config.maxCurrentA);
  }
}
