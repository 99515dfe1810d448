import type { Hal, HalClock } from '../types.js';
import { SimError } from './errors.js';
import { resolveSimOptions, type SimStationOptions } from './options.js';
import { SimEvse } from './sim-evse.js';
import { loadSimState, serializeSimState, SIM_FAULTS, writeSimStateText } from './state-file.js';
import type { SimControl, SimEvseState, SimFault } from './types.js';

/**
 * The simulated station: every HAL part of every EVSE plus the cars, driven by SimControl (chargerctl sim, tests).
 * Its state lives in `stateFile` so it survives the agent like real hardware: a car stays plugged across a restart
 * (the pilot reads B: PWM is off until the station decides), and the meter register never goes back.
 *
 * Parts exist from construction so the agent can subscribe before start(); start() takes the persisted state
 * without emitting events (read the parts' state after start() for the initial picture; events report changes).
 */
export class SimStation implements Hal, SimControl {
  readonly evses: ReadonlyMap<number, SimEvse>;

  private readonly stateFile: string | null;
  private running = false;
  /** The persisted state was taken over; before that, writing would replace it with defaults. */
  private loaded = false;
  private lastWritten: string | null = null;

  /** Throws HalError BAD_CONFIG for invalid options. */
  constructor(options: SimStationOptions, clock: HalClock) {
    const configs = resolveSimOptions(options);
    this.stateFile = options.stateFile ?? null;
    this.evses = new Map(configs.map((c) => [c.id, new SimEvse(c, clock, () => this.persist())]));
  }

  get started(): boolean {
    return this.running;
  }

  /** Rejects with SimError SIM_STATE_FILE_CORRUPT (naming the file) when the state file cannot be understood. */
  async start(): Promise<void> {
    if (this.running) return;
    const saved = this.stateFile ? loadSimState(this.stateFile) : new Map();
    this.lastWritten = null;
    for (const evse of this.evses.values()) await evse.start(saved.get(evse.evseId));
    this.loaded = true;
    this.running = true;
    try {
      this.persist();
    } catch (err) {
      await this.stop().catch(() => undefined);
      throw err;
    }
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const evse of this.evses.values()) await evse.stop();
    this.persist();
  }

  safeState(): void {
    for (const evse of this.evses.values()) evse.safeState();
  }

  plug(evseId: number): void {
    this.control(evseId).plug();
    this.persist();
  }

  unplug(evseId: number, opts?: { keepCable?: boolean }): void {
    this.control(evseId).unplug(opts?.keepCable === true);
    this.persist();
  }

  presentTag(evseId: number, idTag: string): void {
    const evse = this.control(evseId);
    if (typeof idTag !== 'string' || idTag.length === 0) {
      throw new SimError('SIM_BAD_ARGUMENT', 'idTag must be a non-empty string', { evseId });
    }
    evse.presentTag(idTag);
  }

  /** `ventilation`: the EV charges in state D (asks for ventilation). */
  setEvCharge(evseId: number, wantsCharge: boolean, ventilation = false): void {
    const evse = this.control(evseId);
    if (typeof wantsCharge !== 'boolean') throw new SimError('SIM_BAD_ARGUMENT', 'wantsCharge must be true or false', { evseId });
    evse.setEvCharge(wantsCharge, ventilation === true);
    this.persist();
  }

  /** Beyond SimControl: the most the simulated car draws, A per phase (persisted). */
  setEvMaxCurrent(evseId: number, amps: number): void {
    const evse = this.control(evseId);
    if (typeof amps !== 'number' || !Number.isFinite(amps) || amps < 0) {
      throw new SimError('SIM_BAD_ARGUMENT', `EV max current must be a number >= 0, got ${JSON.stringify(amps)}`, { evseId });
    }
    evse.setEvMaxCurrent(amps);
    this.persist();
  }

  injectFault(evseId: number, fault: SimFault): void {
    const evse = this.control(evseId);
    if (!SIM_FAULTS.includes(fault)) {
      throw new SimError('SIM_BAD_ARGUMENT', `unknown fault ${JSON.stringify(fault)}; one of ${SIM_FAULTS.join(', ')}`, { evseId });
    }
    evse.injectFault(fault);
    this.persist();
  }

  clearFaults(evseId: number): void {
    this.control(evseId).clearFaults();
    this.persist();
  }

  state(evseId: number): SimEvseState {
    return this.control(evseId).state();
  }

  states(): SimEvseState[] {
    this.assertRunning();
    return [...this.evses.values()].map((e) => e.state());
  }

  private control(evseId: number): SimEvse {
    const evse = this.evses.get(evseId);
    if (!evse) {
      throw new SimError('SIM_UNKNOWN_EVSE', `unknown EVSE ${JSON.stringify(evseId)}; this station has EVSE ${[...this.evses.keys()].join(', ')}`, {
        evseId,
      });
    }
    this.assertRunning();
    return evse;
  }

  private assertRunning(): void {
    if (!this.running) throw new SimError('SIM_NOT_STARTED', 'the simulated station is not started');
  }

  /** Saves every EVSE; skipped when nothing changed since the last write. Throws SimError SIM_STATE_FILE_IO. */
  private persist(): void {
    if (!this.stateFile || !this.loaded) return;
    const text = serializeSimState([...this.evses.values()].map((e) => e.record()));
    if (text === this.lastWritten) return;
    writeSimStateText(this.stateFile, text);
    this.lastWritten = text;
  }
}
