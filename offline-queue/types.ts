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
  /** The OCPP version whose profile made it ("1.6", "2.0.1"): only that version's sender sends it. */
  ocppVersion: string;
}

/** A message as the agent hands it to the store. `ocppVersion` omitted means "1.6": what every message was
 * before schema version 2 recorded it (and what the migration gives the rows it finds). */
export interface OutgoingMessage {
  action: string;
  payload: unknown;
  ocppVersion?: string;
}

/** What an OutgoingMessage without `ocppVersion` is stored as. */
export const DEFAULT_OCPP_VERSION = '1.6';

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
  enqueue(msg: OutgoingMessage & { kind: QueuedKind; txLocalId?: string | null; createdAt: string }): QueuedMessage;
  /** The oldest message (lowest seq) of any version, or undefined when empty. */
  head(): QueuedMessage | undefined;
  /** The oldest message of `ocppVersion`, or undefined when it has none queued: what that version's sender sends
   * next. Messages of other versions stay queued (a station switched back sends them) and listed. */
  peek(ocppVersion: string): QueuedMessage | undefined;
  /** Record a failed send; the message stays at the head. A seq no longer queued (e.g. thinned) is ignored. */
  recordFailure(seq: number, notBefore: number): void;
  /** Delete after the CSMS answered. Idempotent; an unknown seq is ignored. */
  remove(seq: number): void;
  /** Move out of the queue into the dead-letter table (attempts exhausted). Never a silent drop. A seq no longer
   * queued is ignored. */
  deadLetter(seq: number, reason: string, at: string): void;
  /** Every version's, ordered by seq. */
  deadLetters(): DeadLetter[];
  /** Put dead letters back at the end of the queue (technician's retry), in seq order with new seqs, attempts
   * and notBefore reset, createdAt kept; returns how many. */
  retryDeadLetters(): number;
  stats(): QueueStats;
  /** Every version's, FIFO order, at most `limit`. */
  list(limit?: number): QueuedMessage[];
  /** Enforce the cap: thin out intermediate MeterValues, never start or stop, never a version's head (the one its
   * sender may have in flight), never the newest
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
  /** CSMS transaction id once the CSMS confirmed the start, as text: a 1.6 integer in decimal ("77"), a 2.0.1
   * transactionId as the station made it. */
  csmsId: string | null;
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
  open(rec: Omit<TransactionRecord, 'csmsId' | 'stoppedAt' | 'meterStopWh' | 'stopReason' | 'stopIdTag' | 'startState' | 'stopState' | 'lastMeterWh' | 'lastMeterAt' | 'authStatus'>, startMessage: OutgoingMessage): TransactionRecord;
  /** Ignored once the transaction is stopped: the stop reading is what is billed. */
  updateMeter(localId: string, wh: number, at: string): void;
  /** A non-empty string (STORE_CONSTRAINT otherwise). */
  setCsmsId(localId: string, csmsId: string, authStatus: string): void;
  setStartState(localId: string, state: TxSendState): void;
  /** Merge `patch` into `extra` (keys replaced, others kept), stopped or not: version-specific send state such as
   * 2.0.1's seqNo counter, written in the same `atomically` as the queue row it accounts for. */
  mergeExtra(localId: string, patch: Record<string, unknown>): void;
  /** Only for a stopped transaction (STORE_CONSTRAINT otherwise). */
  setStopState(localId: string, state: TxSendState): void;
  /** Record the stop and queue the stop message in one database transaction. Idempotent: a second close of the
   * same transaction changes nothing and queues nothing. Returns false when it was already closed. The stop
   * reading also becomes lastMeterWh/lastMeterAt, and the stop message's createdAt is stoppedAt. */
  close(localId: string, stop: { stoppedAt: string; meterStopWh: number; reason: string; stopIdTag: string | null }, stopMessage: OutgoingMessage): boolean;
  get(localId: string): TransactionRecord | undefined;
  /** The newest transaction with this CSMS id (ids may repeat, e.g. after a change of CSMS). */
  byCsmsId(csmsId: string): TransactionRecord | undefined;
  /** Transactions not yet stopped, oldest first. */
  unfinished(): TransactionRecord[];
  /** Newest first, at most `limit`. */
  list(limit?: number): TransactionRecord[];
  /**
   * Replace the idTag and stopIdTag of a stopped transaction with `replacement` (a customer's data cleared, OCPP
   * 2.0.1 N10), checked and written in one database transaction. Nothing changes, and false is returned, while
   * the transaction runs or any message of it is still queued or dead-lettered: what the CSMS has not received
   * is never altered. Unknown localId: STORE_CONSTRAINT.
   */
  forgetIdTag(localId: string, replacement: string): boolean;
}

export interface SettingsStore {
  getAll(): Record<string, string>;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/**
 * An authorization token. `tokenType` null is an OCPP 1.6 idTag, which has no type; a 2.0.1 IdToken has its type
 * ("ISO14443", "eMAID", ...). Ids compare case-insensitively (ASCII), types exactly.
 */
export interface AuthToken {
  idToken: string;
  tokenType: string | null;
}

/** The statuses of both versions (1.6 AuthorizationStatus; 2.0.1 AuthorizationStatusEnumType adds the rest). */
export type AuthorizationStatus =
  | 'Accepted'
  | 'Blocked'
  | 'Expired'
  | 'Invalid'
  | 'ConcurrentTx'
  | 'NoCredit'
  | 'NotAllowedTypeEVSE'
  | 'NotAtThisLocation'
  | 'NotAtThisTime'
  | 'Unknown';

/** What the list or the cache says about a token (1.6 idTagInfo, 2.0.1 idTokenInfo). */
export interface AuthorizationInfo {
  status: AuthorizationStatus;
  expiryDate?: string;
  /** The token's group: 1.6 parentIdTag (tokenType null), 2.0.1 groupIdToken. */
  groupIdToken?: AuthToken;
}

export interface AuthorizationEntry {
  token: AuthToken;
  info: AuthorizationInfo;
}

/**
 * Tokens are keyed by (id, type): an untyped entry and typed entries with the same id are distinct entries.
 * Lookup (token.ts, `tokenMatches`): a typed token finds the entry of its type, else the untyped entry of its id
 * (a 1.6 list keeps working after a switch to 2.0.1); an untyped token (1.6) finds the untyped entry of its id,
 * else a typed one (the first by type). The spelling of the id written last is kept.
 */
export interface LocalAuthListStore {
  version(): number;
  get(token: AuthToken): AuthorizationInfo | undefined;
  /** Replace the whole list (SendLocalList Full). Entries with info null are not on the new list. */
  replace(version: number, entries: { token: AuthToken; info: AuthorizationInfo | null }[]): void;
  /** Apply a differential update: entries with info null are removed (exactly that id and type). */
  update(version: number, entries: { token: AuthToken; info: AuthorizationInfo | null }[]): void;
  size(): number;
  /** Ordered by id (case-insensitively), then untyped before typed, then type; at most `limit`. */
  list(limit?: number): AuthorizationEntry[];
}

export interface AuthCacheStore {
  /** The same lookup rule as the local list. */
  get(token: AuthToken): { info: AuthorizationInfo; updatedAt: string } | undefined;
  /** Replaces the entry of exactly this id and type. */
  put(token: AuthToken, info: AuthorizationInfo, at: string): void;
  clear(): void;
  /** Remove the entry of exactly this id (case-insensitively) and type, without the lookup rule's fallback;
   * false when there was none. */
  remove(token: AuthToken): boolean;
  size(): number;
  /** Drop entries beyond `max`: not-valid ones first, then the least recently updated valid ones. Valid means
   * Accepted or ConcurrentTx (OCPP 1.6 §3.5.2); within a class, least recently updated first. */
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
   * (its writes before a throw stay). Calls may nest (the inner one joins the outer, and the outer's durability
   * holds).
   *
   * `durability: 'ordered'` commits without its own fsync (SQLite synchronous=NORMAL for this commit): the commit
   * survives the process dying (kill -9: it is in the WAL), and a power loss keeps a prefix of the commits, in
   * order: this one and every later one, or none of them lost alone. For writes whose loss the caller recovers
   * from by doing the work again (a resend of the identical message), never for one a bill depends on.
   */
  atomically<T>(fn: () => T, opts?: { durability?: 'full' | 'ordered' }): T;
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
