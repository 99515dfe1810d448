/**
 * What a technician, a test or a CSMS vendor can do to the simulated hardware (chargerctl sim ...). The
 * simulated station implements this beside the Hal interface; the agent exposes it over the control socket
 * only when the hal driver is "sim".
 */
export type SimFault = 'rcd' | 'pilot' | 'weld' | 'meter' | 'lock' | 'pilot-unreadable';

/**
 * Every fault, in the order states and the state file list them. The one list the CLI, the control socket and the
 * state file check against: 'pilot' shorts CP to PE (state E); 'pilot-unreadable' breaks the pilot's ADC (the
 * pilot reports F with a readError, the EV's real state returns when cleared).
 */
export const SIM_FAULTS: readonly SimFault[] = ['rcd', 'pilot', 'weld', 'meter', 'lock', 'pilot-unreadable'];

export interface SimEvseState {
  evseId: number;
  /** EV plugged into the car side of the cable. */
  evPlugged: boolean;
  /** Cable in the socket (always true for a fixed cable). */
  cablePresent: boolean;
  /** EV asks for energy when offered (state C) or not (stays in B). */
  evWantsCharge: boolean;
  /** Max current the simulated EV draws, A. */
  evMaxCurrentA: number;
  faults: SimFault[];
  /** Meter register, Wh (persisted: it never goes back across restarts). */
  energyWh: number;
}

export interface SimControl {
  plug(evseId: number): void;
  /** Driver pulls the plug out of the car. With a socket the cable stays in the socket for `cableLingerMs`
   * (default from config, 2 s), or until the next unplug when `keepCable` is set. A locked cable cannot leave:
   * it comes out the moment the connector lock releases it (the owner's card, UnlockConnector). */
  unplug(evseId: number, opts?: { keepCable?: boolean }): void;
  presentTag(evseId: number, idTag: string): void;
  /** `ventilation`: the EV asks for ventilation while charging (state D). */
  setEvCharge(evseId: number, wantsCharge: boolean, ventilation?: boolean): void;
  /** The most the EV draws, A per phase (its onboard charger; a full battery tapering). */
  setEvMaxCurrent(evseId: number, amps: number): void;
  injectFault(evseId: number, fault: SimFault): void;
  clearFaults(evseId: number): void;
  state(evseId: number): SimEvseState;
  states(): SimEvseState[];
}
