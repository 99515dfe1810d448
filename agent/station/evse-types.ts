/**
 * What an EVSE is given and what it tells: its configuration, its dependencies, its events. The station
 * (station.ts) builds EVSEs from these and listens to them.
 */
import type { Clock } from '../clock/clock.js';
import type { EvseHardware } from '../../hal/types.js';
import type { TransactionRecord } from '../../offline-queue/index.js';
import type { Logger } from '../log.js';
import type { IdTagPresentedEvent } from './id-tag-outcome.js';
import type { PendingWrites } from './pending-writes.js';
import type { ReservationPort } from './reservation-gate.js';
import type { IdAuthorizer, TransactionLedger } from './ports.js';
import type { Settings } from './settings.js';
import type { TxPoints } from './tx-points.js';
import type { EvseErrorCode, EvseFault, EvseStatus, MeterSample, StopReason } from './types.js';

export interface EvseConfig {
  id: number;
  maxCurrentA: number;
  phases: 1 | 3;
  connector: 'socket' | 'cable';
  meterFaultAction: 'stop' | 'continue';
  /** The site ventilates: IEC 61851 state D may draw energy (else D is a fault). */
  ventilation?: boolean;
  /**
   * Free vend: this idTag is presented as if its card were, each time an EV is plugged in (so it is authorized
   * like a card: local list, cache or Authorize.req, and offline by the same rules).
   */
  freeVend?: string;
  /** Per-phase nominal voltage for converting power limits (W) to the pilot's amperes; 230 when absent. */
  nominalVoltageV?: number;
}

export interface EvseDeps {
  hw: EvseHardware;
  clock: Clock;
  log: Logger;
  settings: Settings;
  ledger: TransactionLedger;
  authorizer: IdAuthorizer;
  /** When transactions begin and end, read at each decision (2.0.1 TxStartPoint / TxStopPoint); omitted: the
   * fixed choice of OCPP 1.6 with its StopTransactionOnEVSideDisconnect. */
  txPoints?: () => TxPoints;
  /** External, site-share and charging-profile limits (external-limit.ts, charging-profiles.ts); none when absent. */
  limits?: { forEvse(evseId: number): { external: number | null; site: number | null; profile?: { limitA: number; profileId: number } | null; failsafe?: number | null } };
  /** The station's reservations as this EVSE sees them (reservation-gate.ts); none when absent. */
  reservations?: ReservationPort;
  /** The station's writes that storage refused (shared by its EVSEs); one of its own when absent. */
  pending?: PendingWrites;
}

export interface EvseStatusEvent {
  evseId: number;
  status: EvseStatus;
  errorCode: EvseErrorCode;
  info: string | null;
  timestamp: string;
}

export type EvseEvents = {
  status: (e: EvseStatusEvent) => void;
  transactionStarted: (rec: TransactionRecord) => void;
  transactionStopped: (rec: TransactionRecord, reason: StopReason) => void;
  /** Transactions a power loss left open were closed at start-up. */
  recovered: (records: TransactionRecord[]) => void;
  /** A clock-aligned sample with no transaction running (for non-transactional meter values). */
  idleSample: (evseId: number, samples: MeterSample[]) => void;
  /** A card was presented and decided on (started, stopped, authorized, rejected or ignored, and why). */
  idTagPresented: (e: IdTagPresentedEvent) => void;
  /** A fault was announced (active) or cleared, after the safety reaction and the status (evse-faults.ts). */
  fault: (e: EvseFaultEvent) => void;
};

export interface EvseFaultEvent {
  evseId: number;
  fault: EvseFault;
  active: boolean;
  /** Whether any fault (of any source) is active on the EVSE after this change. */
  anyActive: boolean;
  /** The transaction running when it happened (its local id), if any. */
  transactionLocalId: string | null;
  timestamp: string;
}
