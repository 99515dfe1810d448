/**
 * Storage interfaces. The agent depends on these; offline-queue/sqlite implements them on better-sqlite3 and
 * offline-queue/memory in memory (tests, fleet mode without persistence). Both pass the same contract tests in
 * test/unit/offline-queue/*.contract.ts.
 *
 * Errors propagate: a storage failure throws StoreError and the caller decides (retry, degrade, refuse to start
 * a transaction). Nothing here logs.
 */

/** Transaction-related message kinds that go through the durable queue. */
export type QueuedKind = 'start' | 'stop' | 'meter';

export interface QueuedMessage {
  /** Strictly increasing; the send order. */
  seq: number;
  kind: QueuedKind;
  /** OCPP action (version-specific, opaque to the store), e.g. "StartTransaction". */
  action: string;
  /** JSON payload. For messages of a 1.6 transaction whose CSMS id was not known when queued, the sender
   * fills in the transaction id from the journal at send time (see `txLocalId`). */
  payload: unknown;
  /** Local id of the transaction this message belongs to, if any. */
  txLocalId: string | null;
  /** Number of times it was sent without success. */
  attempts: number;
  /** Wall time the message was created (ISO 8601), i.e. when the event happened. */
  createdAt: string;
  /** Monotonic-or-wall epoch ms before which it must not be sent again (retry interval); 0 = now. */
  notBefore: number;
}

export interface DeadLetter extends QueuedMessage {
  deadAt: string;
  reason: string;
}

export interface QueueStats {
  depth: number;
  oldestCreatedAt: string | null;
  deadLetters: number;
  /** Intermediate MeterValues removed by the cap policy. */
  thinned: number;
}

export interface MessageQueueStore {
  enqueue(msg: { kind: QueuedKind; action: string; payload: unknown; txLocalId?: string | null; createdAt: string }): QueuedMessage;
  /** The oldest message (lowest seq), or undefined when empty. */
  head(): QueuedMessage | undefined;
  /** Record a failed send; the message stays at the head. */
  recordFailure(seq: number, notBefore: number): void;
  /** Delete after the CSMS answered. */
  remove(seq: number): void;
  /** Move out of the queue into the dead-letter table (attempts exhausted). Never a silent drop. */
  deadLetter(seq: number, reason: string, at: string): void;
  deadLetters(): DeadLetter[];
  /** Put dead letters back at the end of the queue (technician's retry); returns how many. */
  retryDeadLetters(): number;
  stats(): QueueStats;
  list(limit?: number): QueuedMessage[];
  /** Enforce the cap: thin out intermediate MeterValues, never start or stop. Returns how many were removed. */
  enforceCap(maxDepth: number): number;
}

export type TxSendState = 'pending' | 'sent' | 'confirmed';

/** The durable record of one transaction: what a bill is made from. */
export interface TransactionRecord {
  localId: string;
  evseId: number;
  idTag: string;
  /** CSMS transaction id once StartTransaction.conf arrived. */
  csmsId: number | null;
  startedAt: string;
  meterStartWh: number;
  lastMeterWh: number;
  lastMeterAt: string;
  stoppedAt: string | null;
  meterStopWh: number | null;
  stopReason: string | null;
  stopIdTag: string | null;
  startState: TxSendState;
  stopState: TxSendState | null;
  /** idTagInfo.status the CSMS or local authorization gave. */
  authStatus: string | null;
  /** Free-form version-specific data (reservation id, 2.0.1 seqNo...), JSON. */
  extra: Record<string, unknown>;
}

export interface TransactionJournal {
  /** Create the record and queue its start message in one database transaction. */
  open(rec: Omit<TransactionRecord, 'csmsId' | 'stoppedAt' | 'meterStopWh' | 'stopReason' | 'stopIdTag' | 'startState' | 'stopState' | 'lastMeterWh' | 'lastMeterAt' | 'authStatus'>, startMessage: { action: string; payload: unknown }): TransactionRecord;
  updateMeter(localId: string, wh: number, at: string): void;
  setCsmsId(localId: string, csmsId: number, authStatus: string): void;
  setStartState(localId: string, state: TxSendState): void;
  setStopState(localId: string, state: TxSendState): void;
  /** Record the stop and queue the stop message in one database transaction. Idempotent: a second close of the
   * same transaction changes nothing and queues nothing. Returns false when it was already closed. */
  close(localId: string, stop: { stoppedAt: string; meterStopWh: number; reason: string; stopIdTag: string | null }, stopMessage: { action: string; payload: unknown }): boolean;
  get(localId: string): TransactionRecord | undefined;
  byCsmsId(csmsId: number): TransactionRecord | undefined;
  /** Transactions not yet stopped. */
  unfinished(): TransactionRecord[];
  list(limit?: number): TransactionRecord[];
}

export interface SettingsStore {
  getAll(): Record<string, string>;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export interface IdTagInfo {
  status: 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';
  expiryDate?: string;
  parentIdTag?: string;
}

export interface LocalAuthListStore {
  version(): number;
  get(idTag: string): IdTagInfo | undefined;
  /** Replace the whole list (SendLocalList Full). */
  replace(version: number, entries: { idTag: string; info: IdTagInfo | null }[]): void;
  /** Apply a differential update: entries with info null are removed. */
  update(version: number, entries: { idTag: string; info: IdTagInfo | null }[]): void;
  size(): number;
  list(limit?: number): { idTag: string; info: IdTagInfo }[];
}

export interface AuthCacheStore {
  get(idTag: string): { info: IdTagInfo; updatedAt: string } | undefined;
  put(idTag: string, info: IdTagInfo, at: string): void;
  clear(): void;
  size(): number;
  /** Drop entries beyond `max`: not-valid ones first, then the least recently updated valid ones. */
  trim(max: number): void;
}

/** One database, one owner: everything the agent persists. */
export interface Store {
  readonly queue: MessageQueueStore;
  readonly journal: TransactionJournal;
  readonly settings: SettingsStore;
  readonly localList: LocalAuthListStore;
  readonly authCache: AuthCacheStore;
  close(): void;
}

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: 'STORE_FULL' | 'STORE_IO' | 'STORE_CORRUPT' | 'STORE_MIGRATION' | 'STORE_CLOSED' | 'STORE_CONSTRAINT',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
