/**
 * What a session (session.ts) is given, what it keeps per transaction, and the port to its EVSE: what it reads
 * of the EVSE's state and what it has the EVSE do. Everything else of the EVSE is none of the session's business.
 */
import type { Emitter } from '../../hal/emitter.js';
import type { Contactor, ControlPilot, EvseHardware } from '../../hal/types.js';
import type { TransactionRecord } from '../../offline-queue/index.js';
import type { CableLock } from './cable-lock.js';
import type { EvseEvents } from './evse-types.js';
import type { FaultPort, FaultSet } from './fault-set.js';
import type { InvalidIdEnergy, InvalidIdEnergyDeps } from './invalid-id-energy.js';
import type { Owner } from './owner.js';
import type { PendingWrites } from './pending-writes.js';
import type { IdAuthorizer } from './ports.js';
import type { PowerLossDeps } from './power-loss.js';
import type { ReservationPort } from './reservation-gate.js';
import type { TxMetering, TxMeteringDeps } from './tx-metering.js';
import type { TxPoints } from './tx-points.js';
import type { TxRecords } from './tx-records.js';
import type { IdTokenInfo } from './types.js';

/** Whose session it is: the owner, for the cards that may end it (§3.10). */
export interface ActiveTransaction extends Owner {
  record: TransactionRecord;
  metering: TxMetering;
  stopping: Promise<void> | null;
  invalidId: InvalidIdEnergy;
}

export interface Authorization {
  idTag: string;
  info: IdTokenInfo;
  remoteStartId: number | null;
  /** The reservation the session was admitted on (reservation-gate.ts); it ends when the transaction starts. */
  reservationId: number | null;
}

/** What the session reads of its EVSE, and what it has the EVSE do. */
export interface SessionPort {
  /** Pilot B, C or D. */
  evPlugged(): boolean;
  /** A socket's cable is in the socket; always true for a fixed cable. */
  cablePresent(): boolean;
  operative(): boolean;
  /** An Inoperative (ChangeAvailability) waits for the transaction's end. */
  pendingInoperative(): boolean;
  /** The station is shutting down. */
  stopped(): boolean;
  /** Offer by PWM what the limits allow now (or nothing: no transaction, stopping, suspended). */
  applyOffer(): void;
  /** Open the contactor; a driver that throws becomes a fault (safety.ts openContactorOrFault). */
  openContactor(): void;
  /** Recompute the status and announce a change. */
  update(): void;
  /** The user still has something to do (unplug, take the cable): Finishing. */
  setFinishing(on: boolean): void;
  /** The transaction ended (before its status is announced): a scheduled Inoperative applies now. */
  transactionEnded(): void;
}

/** The shared parts of the EVSE (the transactions' metering, the invalid-id limit, power-loss recovery) and the rest. */
export interface SessionDeps extends TxMeteringDeps, InvalidIdEnergyDeps, PowerLossDeps {
  connector: 'socket' | 'cable';
  /** The session's own IEC steps: PWM off at the stop and the wait for the EV to leave C. */
  pilot: ControlPilot;
  contactor: Pick<Contactor, 'commandedClosed'>;
  lock: EvseHardware['lock'];
  rcd: EvseHardware['rcd'];
  authorizer: IdAuthorizer;
  events: Emitter<EvseEvents>;
  faults: FaultPort & Pick<FaultSet, 'blocking' | 'list'>;
  cable: CableLock;
  storage: TxRecords;
  pending: PendingWrites;
  /** When a transaction begins and ends (read at each decision: 1.6's stop depends on a setting). */
  points: () => TxPoints;
  /** Who may start here while reservations exist, and the reservation a start ends. */
  reservations: ReservationPort;
  evse: SessionPort;
}
