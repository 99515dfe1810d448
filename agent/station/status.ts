/**
 * Connector status as a pure function of the EVSE's inputs, and the table of allowed changes.
 *
 * Deriving the status (rather than pushing it through ad-hoc transitions) makes impossible combinations
 * unrepresentable; the transition table (OCPP 1.6 §4.9 with errata 3.20's B6) is then a check on the result:
 * every change an EVSE makes is looked up, and test/unit/station/status.test.ts walks the whole table.
 */
import type { CpState } from '../../hal/types.js';
import type { EvseStatus } from './types.js';

export interface StatusInputs {
  /** A blocking fault is active. */
  faulted: boolean;
  /** Availability (a pending Inoperative while a transaction runs stays Operative until it ends). */
  operative: boolean;
  reserved: boolean;
  pilot: CpState;
  /** A socket's cable is in the socket; always true for a fixed cable. */
  cablePresent: boolean;
  transactionRunning: boolean;
  /** An id was accepted (or a remote start arrived) and the EVSE waits for the EV. */
  authorizedWaiting: boolean;
  /** The EVSE does not offer energy during a transaction (smart charging limit 0, invalid id kept without
   * energy, power switch open by the EVSE's choice). */
  evseSuspended: boolean;
  /** Contactor closed and the EV draws (or may draw) energy. */
  energyFlowing: boolean;
  /** A transaction ended and the user still has something to do (unplug, take the cable). */
  finishing: boolean;
}

export function deriveStatus(i: StatusInputs): EvseStatus {
  if (i.faulted) return 'Faulted';
  if (i.transactionRunning) {
    if (i.evseSuspended) return 'SuspendedEVSE';
    if ((i.pilot === 'C' || i.pilot === 'D') && i.energyFlowing) return 'Charging';
    return 'SuspendedEV';
  }
  if (!i.operative) return 'Unavailable';
  if (i.finishing) return 'Finishing';
  const evPresent = i.pilot === 'B' || i.pilot === 'C' || i.pilot === 'D';
  if (i.reserved && !evPresent && !i.authorizedWaiting) return 'Reserved';
  if (evPresent || i.authorizedWaiting) return 'Preparing';
  return 'Available';
}

/** Allowed status changes for connectors > 0, keyed by from → to, valued by the spec's event code. */
export const ALLOWED_TRANSITIONS: Readonly<Record<EvseStatus, Partial<Record<EvseStatus, string>>>> = {
  Available: { Preparing: 'A2', Charging: 'A3', SuspendedEV: 'A4', SuspendedEVSE: 'A5', Reserved: 'A7', Unavailable: 'A8', Faulted: 'A9' },
  Preparing: { Available: 'B1', Charging: 'B3', SuspendedEV: 'B4', SuspendedEVSE: 'B5', Finishing: 'B6', Faulted: 'B9' },
  Charging: { Available: 'C1', SuspendedEV: 'C4', SuspendedEVSE: 'C5', Finishing: 'C6', Unavailable: 'C8', Faulted: 'C9' },
  SuspendedEV: { Available: 'D1', Charging: 'D3', SuspendedEVSE: 'D5', Finishing: 'D6', Unavailable: 'D8', Faulted: 'D9' },
  SuspendedEVSE: { Available: 'E1', Charging: 'E3', SuspendedEV: 'E4', Finishing: 'E6', Unavailable: 'E8', Faulted: 'E9' },
  Finishing: { Available: 'F1', Preparing: 'F2', Unavailable: 'F8', Faulted: 'F9' },
  Reserved: { Available: 'G1', Preparing: 'G2', Unavailable: 'G8', Faulted: 'G9' },
  Unavailable: { Available: 'H1', Preparing: 'H2', Charging: 'H3', SuspendedEV: 'H4', SuspendedEVSE: 'H5', Faulted: 'H9' },
  Faulted: {
    Available: 'I1', Preparing: 'I2', Charging: 'I3', SuspendedEV: 'I4', SuspendedEVSE: 'I5', Finishing: 'I6', Reserved: 'I7', Unavailable: 'I8',
  },
};

export function transitionCode(from: EvseStatus, to: EvseStatus): string | undefined {
  return ALLOWED_TRANSITIONS[from][to];
}
