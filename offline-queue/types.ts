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
  /** Wall time the message was created (ISO 8601), i.e. when the event happened. Use UTC (`toISOString()`):
   * stores compare these as strings (stats().oldestCreatedAt). */
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
  /** Record a failed send; the message stays at the head. A seq no longer queued (e.g. thinned) is ignored. */
  recordFailure(seq: number, notBefore: number): void;
  /** Delete after the CSMS answered. Idempotent; an unknown seq is ignored. */
  remove(seq: number): void;
  /** Move out of the queue into the dead-letter table (attempts exhausted). Never a silent drop. A seq no longer
   * queued is ignored. */
  deadLetter(seq: number, reason: string, at: string): void;
  /** Ordered by seq. */
  deadLetters(): DeadLetter[];
  /** Put dead letters back at the end of the queue (technician's retry), in seq order with new seqs, attempts
   * and notBefore reset, createdAt kept; returns how many. */
  retryDeadLetters(): number;
  stats(): QueueStats;
  /** FIFO order, at most `limit`. */
  list(limit?: number): QueuedMessage[];
  /** Enforce the cap: thin out intermediate MeterValues, never start or stop, never the head, never the newest
   * meter value of a transaction (the policy is documented in offline-queue/cap-policy.ts). Returns how many were
   * removed; they are added to stats().thinned. */
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

/** Methods naming a localId the journal does not have throw StoreError STORE_CONSTRAINT. */
export interface TransactionJournal {
  /** Create the record and queue its start message (createdAt = startedAt) in one database transaction.
   * A localId that already exists is STORE_CONSTRAINT, and nothing is queued. */
  open(rec: Omit<TransactionRecord, 'csmsId' | 'stoppedAt' | 'meterStopWh' | 'stopReason' | 'stopIdTag' | 'startState' | 'stopState' | 'lastMeterWh' | 'lastMeterAt' | 'authStatus'>, startMessage: { action: string; payload: unknown }): TransactionRecord;
  /** Ignored once the transaction is stopped: the stop reading is what is billed. */
  updateMeter(localId: string, wh: number, at: string): void;
  setCsmsId(localId: string, csmsId: number, authStatus: string): void;
  setStartState(localId: string, state: TxSendState): void;
  /** Only for a stopped transaction (STORE_CONSTRAINT otherwise). */
  setStopState(localId: string, state: TxSendState): void;
  /** Record the stop and queue the stop message in one database transaction. Idempotent: a second close of the
   * same transaction changes nothing and queues nothing. Returns false when it was already closed. The stop
   * reading also becomes lastMeterWh/lastMeterAt, and the stop message's createdAt is stoppedAt. */
  close(localId: string, stop: { stoppedAt: string; meterStopWh: number; reason: string; stopIdTag: string | null }, stopMessage: { action: string; payload: unknown }): boolean;
  get(localId: string): TransactionRecord | undefined;
  /** The newest transaction with this CSMS id (ids may repeat, e.g. after a change of CSMS). */
  byCsmsId(csmsId: number): TransactionRecord | undefined;
  /** Transactions not yet stopped, oldest first. */
  unfinished(): TransactionRecord[];
  /** Newest first, at most `limit`. */
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

/** idTags are OCPP CiStrings: looked up case-insensitively (ASCII); the spelling written last is kept. */
export interface LocalAuthListStore {
  version(): number;
  get(idTag: string): IdTagInfo | undefined;
  /** Replace the whole list (SendLocalList Full). Entries with info null are not on the new list. */
  replace(version: number, entries: { idTag: string; info: IdTagInfo | null }[]): void;
  /** Apply a differential update: entries with info null are removed. */
  update(version: number, entries: { idTag: string; info: IdTagInfo | null }[]): void;
  size(): number;
  /** Ordered by idTag (case-insensitively), at most `limit`. */
  list(limit?: number): { idTag: string; info: IdTagInfo }[];
}

export interface AuthCacheStore {
  get(idTag: string): { info: IdTagInfo; updatedAt: string } | undefined;
  put(idTag: string, info: IdTagInfo, at: string): void;
  clear(): void;
  size(): number;
  /** Drop entries beyond `max`: not-valid ones first, then the least recently updated valid ones. Valid means
   * Accepted or ConcurrentTx (OCPP 1.6 §3.5.2); within a class, least recently updated first. idTags are
   * case-insensitive, as in the local list. */
  trim(max: number): void;
}

/** One database, one owner: everything the agent persists. */
export interface Store {
  readonly queue: MessageQueueStore;
  readonly journal: TransactionJournal;
  readonly settings: SettingsStore;
  readonly localList: LocalAuthListStore;
  readonly authCache: AuthCacheStore;
  /**
   * Run `fn` as one atomic, durable unit: several writes, one commit (and with SQLite one fsync). With SQLite,
   * if `fn` throws none of its writes happen. The memory store has no I/O to fail half-way and only runs `fn`
   * (its writes before a throw stay). Calls may nest (the inner one joins the outer).
   */
  atomically<T>(fn: () => T): T;
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
