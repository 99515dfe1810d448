/**
 * What the station core needs from the layers around it. The composition root (agent/main.ts) plugs in the
 * durable ledger and the OCPP profile's authorizer; unit tests plug in small real implementations.
 */
import type { TransactionRecord } from '../../offline-queue/types.js';
import type { IdTokenInfo, MeterSample, StopReason } from './types.js';

export interface TransactionStartArgs {
  evseId: number;
  idTag: string;
  parentIdTag: string | null;
  meterStartWh: number;
  timestamp: string;
  /** Set when the CSMS asked for the start (1.6 RemoteStartTransaction / 2.0.1 remoteStartId). */
  remoteStartId: number | null;
  reservationId: number | null;
  /** Authorization status known at start (offline/local starts may be provisional). */
  authStatus: string;
  /** Which start point was reached last and began it (2.0.1 names it as the Started event's triggerReason). */
  startedBy?: 'Authorized' | 'EVConnected';
}

export interface TransactionStopArgs {
  timestamp: string;
  meterStopWh: number;
  reason: StopReason;
  stopIdTag: string | null;
  transactionData: MeterSample[];
}

/**
 * The durable record of transactions and their messages. Each call commits before it returns (better-sqlite3
 * is synchronous), which is what lets the EVSE close the contactor only after `begin` returned.
 */
export interface TransactionLedger {
  begin(args: TransactionStartArgs): TransactionRecord;
  meter(rec: TransactionRecord, samples: MeterSample[]): void;
  /** Journal the register without a message (what a power-loss stop bills). */
  noteReading(rec: TransactionRecord, energyWh: number, timestamp: string): void;
  /** Returns false when the transaction was already closed (nothing queued twice). */
  end(rec: TransactionRecord, args: TransactionStopArgs): boolean;
  unfinished(): TransactionRecord[];
  /** The record as stored now (the CSMS id arrives after the start). */
  current(localId: string): TransactionRecord | undefined;
}

export interface IdAuthorizer {
  /** Decide on an id presented locally (card) or in a remote start; never throws. */
  authorize(idTag: string): Promise<IdTokenInfo>;
  /** What the station already holds for an id (local list, authorization cache) without asking the CSMS; never throws. */
  known(idTag: string): IdTokenInfo | undefined;
}

/** Non-transactional meter data (clock-aligned values with no transaction): sent if online, else dropped. */
export interface MeterValuesSink {
  meterValuesWithoutTransaction(evseId: number, samples: MeterSample[]): void;
}
