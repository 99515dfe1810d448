import { planThinning, type MeterCandidate } from '../cap-policy.js';
import { DEFAULT_OCPP_VERSION, type DeadLetter, type MessageQueueStore, type QueuedKind, type QueuedMessage } from '../types.js';
import { checkEnqueue, checkNumber, checkString } from '../validate.js';
import { takeLimit, type MemoryGuard } from './guard.js';

/** Payloads are kept as JSON text, as in SQLite, so callers get the same copies and the same surprises
 * (undefined fields vanish, Dates become strings) whichever store they run on. */
interface Row {
  seq: number;
  kind: QueuedKind;
  action: string;
  payload: string;
  txLocalId: string | null;
  attempts: number;
  createdAt: string;
  notBefore: number;
  ocppVersion: string;
}

interface DeadRow extends Row {
  deadAt: string;
  reason: string;
}

export type EnqueueInput = Parameters<MessageQueueStore['enqueue']>[0];

export interface MemoryQueue {
  store: MessageQueueStore;
  insert(msg: EnqueueInput): QueuedMessage;
}

function toMessage(r: Row): QueuedMessage {
  return {
    seq: r.seq,
    kind: r.kind,
    action: r.action,
    payload: JSON.parse(r.payload) as unknown,
    txLocalId: r.txLocalId,
    attempts: r.attempts,
    createdAt: r.createdAt,
    notBefore: r.notBefore,
    ocppVersion: r.ocppVersion,
  };
}

export function memoryQueue(guard: MemoryGuard): MemoryQueue {
  // Map iteration follows insertion, and seqs are only ever inserted increasing: iteration is FIFO order.
  const rows = new Map<number, Row>();
  const dead = new Map<number, DeadRow>();
  let lastSeq = 0;
  let thinned = 0;

  function insert(msg: EnqueueInput): QueuedMessage {
    checkEnqueue(msg);
    const row: Row = {
      seq: ++lastSeq,
      kind: msg.kind,
      action: msg.action,
      payload: JSON.stringify(msg.payload ?? null),
      txLocalId: msg.txLocalId ?? null,
      attempts: 0,
      createdAt: msg.createdAt,
      notBefore: 0,
      ocppVersion: msg.ocppVersion ?? DEFAULT_OCPP_VERSION,
    };
    rows.set(row.seq, row);
    return toMessage(row);
  }

  const store: MessageQueueStore = {
    enqueue: (msg) => guard.run(() => insert(msg)),
    head: () =>
      guard.run(() => {
        const first = rows.values().next();
        return first.done ? undefined : toMessage(first.value);
      }),
    peek: (ocppVersion) =>
      guard.run(() => {
        for (const r of rows.values()) if (r.ocppVersion === ocppVersion) return toMessage(r);
        return undefined;
      }),
    recordFailure: (seq, notBefore) =>
      guard.run(() => {
        checkNumber('notBefore', notBefore);
        const r = rows.get(seq);
        if (!r) return;
        r.attempts += 1;
        r.notBefore = notBefore;
      }),
    remove: (seq) => guard.run(() => void rows.delete(seq)),
    deadLetter: (seq, reason, at) =>
      guard.run(() => {
        checkString('reason', reason);
        checkString('deadAt', at);
        const r = rows.get(seq);
        if (!r) return;
        rows.delete(seq);
        dead.set(seq, { ...r, deadAt: at, reason });
      }),
    deadLetters: () =>
      guard.run(() =>
        [...dead.values()].sort((a, b) => a.seq - b.seq).map((r): DeadLetter => ({ ...toMessage(r), deadAt: r.deadAt, reason: r.reason })),
      ),
    retryDeadLetters: () =>
      guard.run(() => {
        const all = [...dead.values()].sort((a, b) => a.seq - b.seq);
        for (const r of all) {
          const seq = ++lastSeq;
          rows.set(seq, { seq, kind: r.kind, action: r.action, payload: r.payload, txLocalId: r.txLocalId, attempts: 0, createdAt: r.createdAt, notBefore: 0, ocppVersion: r.ocppVersion });
        }
        dead.clear();
        return all.length;
      }),
    stats: () =>
      guard.run(() => {
        let oldest: string | null = null;
        for (const r of rows.values()) if (oldest === null || r.createdAt < oldest) oldest = r.createdAt;
        return { depth: rows.size, oldestCreatedAt: oldest, deadLetters: dead.size, thinned };
      }),
    list: (limit) => guard.run(() => takeLimit([...rows.values()], limit).map(toMessage)),
    enforceCap: (maxDepth) =>
      guard.run(() => {
        if (rows.size <= maxDepth || rows.size === 0) return 0;
        const candidates: MeterCandidate[] = [];
        // Every version's head is excluded: each version's sender may have its head in flight.
        const heads = new Set<string>();
        for (const r of rows.values()) {
          const head = !heads.has(r.ocppVersion);
          heads.add(r.ocppVersion);
          if (!head && r.kind === 'meter') candidates.push({ seq: r.seq, txLocalId: r.txLocalId });
        }
        const victims = planThinning(candidates, rows.size - maxDepth);
        for (const seq of victims) rows.delete(seq);
        thinned += victims.length;
        return victims.length;
      }),
  };
  return { store, insert };
}
