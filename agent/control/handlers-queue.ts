/**
 * The technician's view of the durable queue and the transaction journal: queue.* and tx.* control methods.
 * Read-only except queue.retry, which puts dead letters back in the queue and wakes the sender: the one place a
 * person decides that a message the CSMS kept refusing is worth another try.
 */
import type { Clock } from '../clock/clock.js';
import type { DeadLetter, QueuedMessage, Store, TransactionRecord } from '../../offline-queue/types.js';
import { ControlError, type ControlParams } from './protocol.js';
import type { ControlHandler } from './server.js';

export interface QueueControlDeps {
  store: Store;
  clock: Clock;
  chargePointId: string;
  /** The queue sender (agent/transactions/queue-sender.ts): kicked after a retry, asked how much it delivered. */
  sender: { kick(): void; sent(): number };
  /** Registered and connected: queued messages go out now rather than after the next connection. */
  online(): boolean;
  /** The stop reason the OCPP profile sends for a journal stop reason (they differ: 1.6 has fewer reasons). */
  csmsStopReason?(journalReason: string): string | null;
}

/** Rows a list method returns when the caller names no limit. */
export const DEFAULT_LIST_LIMIT = 20;
/** Most rows one list call returns; a full dump is queue.export. */
export const MAX_LIST_LIMIT = 10_000;

export const EXPORT_KINDS = ['dead', 'queue', 'all'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** One queued message as a table row (no payload: queue.export has those). */
export interface QueueRow {
  seq: number;
  kind: string;
  action: string;
  txLocalId: string | null;
  /** The CSMS transaction id of txLocalId (as the journal keeps it: text), once the CSMS confirmed the start. */
  csmsId: string | null;
  /** The OCPP version it was queued under: only a station running that version sends it. */
  ocppVersion: string;
  attempts: number;
  createdAt: string;
  /** When the next attempt may go (a retry interval is running), or null: as soon as it is at the head. */
  notBefore: string | null;
}

export interface DeadRow extends QueueRow {
  deadAt: string;
  reason: string;
}

/** A journal record as the technician reads it: the record plus the energy it bills. */
export interface TxRow {
  localId: string;
  csmsId: string | null;
  evseId: number;
  idTag: string;
  stopIdTag: string | null;
  authStatus: string | null;
  startedAt: string;
  stoppedAt: string | null;
  meterStartWh: number;
  lastMeterWh: number;
  lastMeterAt: string;
  meterStopWh: number | null;
  /** (meterStop ?? lastMeter) − meterStart; not clamped, so a meter that went backwards shows. */
  energyWh: number;
  stopReason: string | null;
  /** 'confirmed' once the CSMS id is known, whatever the journal's startState says. */
  startState: string;
  stopState: string | null;
}

export function createQueueHandlers(d: QueueControlDeps): Record<string, ControlHandler> {
  const queueRow = (m: QueuedMessage, csmsIdOf: CsmsIdLookup): QueueRow => ({
    seq: m.seq,
    kind: m.kind,
    action: m.action,
    txLocalId: m.txLocalId,
    csmsId: csmsIdOf(m.txLocalId),
    ocppVersion: m.ocppVersion,
    attempts: m.attempts,
    createdAt: m.createdAt,
    notBefore: m.notBefore > 0 ? new Date(m.notBefore).toISOString() : null,
  });
  const deadRow = (m: DeadLetter, csmsIdOf: CsmsIdLookup): DeadRow => ({ ...queueRow(m, csmsIdOf), deadAt: m.deadAt, reason: m.reason });

  return {
    'queue.stats': (p) => {
      expectParams(p, []);
      const s = d.store.queue.stats();
      return {
        depth: s.depth,
        oldestCreatedAt: s.oldestCreatedAt,
        oldestAgeS: ageS(s.oldestCreatedAt, d.clock.now()),
        deadLetters: s.deadLetters,
        thinned: s.thinned,
        sender: { online: d.online(), delivered: d.sender.sent() },
      };
    },
    'queue.list': (p) => {
      expectParams(p, ['limit']);
      const limit = limitParam(p);
      const depth = d.store.queue.stats().depth;
      const ids = csmsIdLookup(d.store);
      return { depth, messages: d.store.queue.list(limit).map((m) => queueRow(m, ids)) };
    },
    'queue.dead': (p) => {
      expectParams(p, ['limit']);
      const limit = limitParam(p);
      const all = d.store.queue.deadLetters();
      const ids = csmsIdLookup(d.store);
      return { total: all.length, messages: all.slice(0, limit).map((m) => deadRow(m, ids)) };
    },
    'queue.retry': (p) => {
      expectParams(p, []);
      const retried = d.store.queue.retryDeadLetters();
      // The sender sleeps until something is queued; retried messages count as queued.
      if (retried > 0) d.sender.kick();
      return { retried, depth: d.store.queue.stats().depth, online: d.online() };
    },
    'queue.export': (p) => {
      expectParams(p, ['what']);
      const what = exportKind(p);
      const stats = d.store.queue.stats();
      const queue = what === 'dead' ? [] : d.store.queue.list();
      const dead = what === 'queue' ? [] : d.store.queue.deadLetters();
      // Queued 1.6 payloads carry no transactionId (it is filled in at send time from the journal): the
      // journal records are what lets the CSMS operator match the messages to their transactions.
      const ids = [...new Set([...queue, ...dead].map((m) => m.txLocalId).filter((id): id is string => id !== null))];
      const transactions = ids.map((id) => d.store.journal.get(id)).filter((t): t is TransactionRecord => t !== undefined);
      return {
        format: 'chargerd-queue-export/1',
        chargePointId: d.chargePointId,
        exportedAt: d.clock.now().toISOString(),
        what,
        stats,
        ...(what === 'dead' ? {} : { queue }),
        ...(what === 'queue' ? {} : { deadLetters: dead }),
        transactions,
      };
    },
    'tx.list': (p) => {
      expectParams(p, ['limit', 'open']);
      const limit = limitParam(p);
      const open = p.open;
      if (open !== undefined && typeof open !== 'boolean') throw new ControlError('BAD_PARAMS', 'open must be a boolean');
      const recs = open ? d.store.journal.unfinished().reverse().slice(0, limit) : d.store.journal.list(limit);
      return { transactions: recs.map(txRow) };
    },
    'tx.show': (p) => {
      expectParams(p, ['id']);
      const rec = findTransaction(d.store, p.id);
      const mine = (m: QueuedMessage) => m.txLocalId === rec.localId;
      const ids: CsmsIdLookup = () => rec.csmsId;
      const queued = d.store.queue.list().filter(mine);
      const dead = d.store.queue.deadLetters().filter(mine);
      return {
        transaction: { ...txRow(rec), ...sentStopReason(rec, [...queued, ...dead], d.csmsStopReason), extra: rec.extra },
        queued: queued.map((m) => queueRow(m, ids)),
        deadLetters: dead.map((m) => deadRow(m, ids)),
      };
    },
  };
}

/**
 * The reason the CSMS gets (or got) in StopTransaction beside the journal's: taken from the stop message while it
 * is queued or dead (what will be sent), else the profile's mapping (what was sent once it was delivered).
 */
function sentStopReason(
  rec: TransactionRecord,
  messages: readonly QueuedMessage[],
  mapping: QueueControlDeps['csmsStopReason'],
): { csmsStopReason: string | null; csmsStopReasonFrom: 'message' | 'mapping' | null } {
  const stop = messages.find((m) => m.kind === 'stop' || m.action === 'StopTransaction');
  const payload = stop?.payload as { reason?: unknown } | undefined;
  if (typeof payload?.reason === 'string') return { csmsStopReason: payload.reason, csmsStopReasonFrom: 'message' };
  if (rec.stopReason === null || !mapping) return { csmsStopReason: null, csmsStopReasonFrom: null };
  return { csmsStopReason: mapping(rec.stopReason), csmsStopReasonFrom: 'mapping' };
}

export function txRow(t: TransactionRecord): TxRow {
  return {
    localId: t.localId,
    csmsId: t.csmsId,
    evseId: t.evseId,
    idTag: t.idTag,
    stopIdTag: t.stopIdTag,
    authStatus: t.authStatus,
    startedAt: t.startedAt,
    stoppedAt: t.stoppedAt,
    meterStartWh: t.meterStartWh,
    lastMeterWh: t.lastMeterWh,
    lastMeterAt: t.lastMeterAt,
    meterStopWh: t.meterStopWh,
    energyWh: (t.meterStopWh ?? t.lastMeterWh) - t.meterStartWh,
    stopReason: t.stopReason,
    // A CSMS id exists only because StartTransaction.conf arrived (the 1.6 hooks record the id, not the state).
    startState: t.csmsId !== null ? 'confirmed' : t.startState,
    stopState: t.stopState,
  };
}

/**
 * `id` is what a technician has in hand: the local id (as `tx list` and `status` print it, with or without the
 * `local:` prefix) or the CSMS transaction id (number or digits). A local id is looked up first: it is unique,
 * while a CSMS id may repeat after a change of CSMS (then the newest transaction with it is meant).
 */
function findTransaction(store: Store, id: unknown): TransactionRecord {
  if (typeof id === 'number') {
    if (!Number.isSafeInteger(id)) throw new ControlError('BAD_PARAMS', 'id must be a transaction id (integer) or a local id (string)');
    return store.journal.byCsmsId(String(id)) ?? notFound(String(id));
  }
  if (typeof id !== 'string' || id.trim() === '') throw new ControlError('BAD_PARAMS', 'id must be a non-empty string or an integer');
  const text = id.trim();
  const local = text.startsWith('local:') ? text.slice('local:'.length) : text;
  const byLocal = local === '' ? undefined : store.journal.get(local);
  if (byLocal) return byLocal;
  // Any other text may be a CSMS id as the journal keeps it (2.0.1 ids are strings); digits also as the canonical
  // decimal a 1.6 integer id is kept in ("007" finds 7).
  if (local === text) {
    const byCsms = store.journal.byCsmsId(text) ?? (/^-?[0-9]{1,15}$/.test(text) ? store.journal.byCsmsId(String(Number(text))) : undefined);
    if (byCsms) return byCsms;
  }
  return notFound(text);
}

function notFound(id: string): never {
  throw new ControlError('NOT_FOUND', `no transaction ${id} in the journal (neither a local id nor a CSMS transaction id)`);
}

type CsmsIdLookup = (localId: string | null) => string | null;

/** For one reply: its rows mostly share a few transactions, so each is read from the journal once. Not kept
 * longer, since a CSMS id arrives while the agent runs. */
function csmsIdLookup(store: Store): CsmsIdLookup {
  const seen = new Map<string, string | null>();
  return (localId) => {
    if (localId === null) return null;
    if (!seen.has(localId)) seen.set(localId, store.journal.get(localId)?.csmsId ?? null);
    return seen.get(localId)!;
  };
}

function limitParam(p: ControlParams): number {
  const v = p.limit;
  if (v === undefined) return DEFAULT_LIST_LIMIT;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_LIST_LIMIT) {
    throw new ControlError('BAD_PARAMS', `limit must be an integer from 1 to ${MAX_LIST_LIMIT}`);
  }
  return v;
}

function exportKind(p: ControlParams): ExportKind {
  const v = p.what ?? 'all';
  if (typeof v !== 'string' || !(EXPORT_KINDS as readonly string[]).includes(v)) {
    throw new ControlError('BAD_PARAMS', `what must be one of ${EXPORT_KINDS.join(', ')}`);
  }
  return v as ExportKind;
}

/** A misspelt param must not be ignored silently: `{"limt": 5}` would otherwise list the default 20. */
function expectParams(p: ControlParams, allowed: readonly string[]): void {
  const extra = Object.keys(p).filter((k) => !allowed.includes(k));
  if (extra.length > 0) {
    const what = allowed.length === 0 ? 'takes no params' : `takes only ${allowed.join(', ')}`;
    throw new ControlError('BAD_PARAMS', `unknown param ${extra.join(', ')}: this method ${what}`);
  }
}

/** Whole seconds since `iso`, never negative (a message stamped before the wall clock was corrected). */
function ageS(iso: string | null, now: Date): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return Math.max(0, Math.floor((now.getTime() - t) / 1000));
}
