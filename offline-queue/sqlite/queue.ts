import type { Database } from 'better-sqlite3';
import { planThinning, type MeterCandidate } from '../cap-policy.js';
import type { DeadLetter, MessageQueueStore, QueuedKind, QueuedMessage, QueueStats } from '../types.js';
import { checkEnqueue, checkNumber, checkString } from '../validate.js';
import { sqlLimit, type Guard } from './guard.js';

interface QueueRow {
  seq: number;
  kind: QueuedKind;
  action: string;
  payload: string;
  tx_local_id: string | null;
  attempts: number;
  created_at: string;
  not_before: number;
}

interface DeadRow extends QueueRow {
  dead_at: string;
  reason: string;
}

export type EnqueueInput = Parameters<MessageQueueStore['enqueue']>[0];

export interface SqliteQueue {
  store: MessageQueueStore;
  /** Insert without the guard, for callers already inside a guarded database transaction (the journal). */
  insert(msg: EnqueueInput): QueuedMessage;
}

function toMessage(r: QueueRow): QueuedMessage {
  return {
    seq: r.seq,
    kind: r.kind,
    action: r.action,
    payload: JSON.parse(r.payload) as unknown,
    txLocalId: r.tx_local_id,
    attempts: r.attempts,
    createdAt: r.created_at,
    notBefore: r.not_before,
  };
}

export function sqliteQueue(db: Database, guard: Guard): SqliteQueue {
  const s = {
    insert: db.prepare('INSERT INTO queue (kind, action, payload, tx_local_id, created_at) VALUES (?, ?, ?, ?, ?)'),
    insertFull: db.prepare(
      'INSERT INTO queue (kind, action, payload, tx_local_id, attempts, created_at, not_before) VALUES (?, ?, ?, ?, 0, ?, 0)',
    ),
    head: db.prepare('SELECT * FROM queue ORDER BY seq LIMIT 1'),
    fail: db.prepare('UPDATE queue SET attempts = attempts + 1, not_before = ? WHERE seq = ?'),
    remove: db.prepare('DELETE FROM queue WHERE seq = ?'),
    toDead: db.prepare(
      `INSERT INTO dead_letters (seq, kind, action, payload, tx_local_id, attempts, created_at, not_before, dead_at, reason)
       SELECT seq, kind, action, payload, tx_local_id, attempts, created_at, not_before, ?, ? FROM queue WHERE seq = ?`,
    ),
    dead: db.prepare('SELECT * FROM dead_letters ORDER BY seq'),
    clearDead: db.prepare('DELETE FROM dead_letters'),
    depth: db.prepare('SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM queue'),
    deadCount: db.prepare('SELECT COUNT(*) AS n FROM dead_letters'),
    thinned: db.prepare("SELECT value FROM queue_counters WHERE name = 'thinned'"),
    addThinned: db.prepare("UPDATE queue_counters SET value = value + ? WHERE name = 'thinned'"),
    list: db.prepare('SELECT * FROM queue ORDER BY seq LIMIT ?'),
    count: db.prepare('SELECT COUNT(*) AS n, MIN(seq) AS head FROM queue'),
    meters: db.prepare("SELECT seq, tx_local_id FROM queue WHERE kind = 'meter' AND seq > ? ORDER BY seq"),
  };

  function insert(msg: EnqueueInput): QueuedMessage {
    checkEnqueue(msg);
    const payload = JSON.stringify(msg.payload ?? null);
    const txLocalId = msg.txLocalId ?? null;
    const info = s.insert.run(msg.kind, msg.action, payload, txLocalId, msg.createdAt);
    return {
      seq: Number(info.lastInsertRowid),
      kind: msg.kind,
      action: msg.action,
      payload: JSON.parse(payload) as unknown,
      txLocalId,
      attempts: 0,
      createdAt: msg.createdAt,
      notBefore: 0,
    };
  }

  const deadLetterTx = db.transaction((seq: number, reason: string, at: string) => {
    if (s.toDead.run(at, reason, seq).changes > 0) s.remove.run(seq);
  });

  const retryTx = db.transaction((): number => {
    const rows = s.dead.all() as DeadRow[];
    for (const r of rows) s.insertFull.run(r.kind, r.action, r.payload, r.tx_local_id, r.created_at);
    s.clearDead.run();
    return rows.length;
  });

  const capTx = db.transaction((maxDepth: number): number => {
    const { n, head } = s.count.get() as { n: number; head: number | null };
    if (n <= maxDepth || head === null) return 0;
    const candidates = (s.meters.all(head) as { seq: number; tx_local_id: string | null }[]).map(
      (r): MeterCandidate => ({ seq: r.seq, txLocalId: r.tx_local_id }),
    );
    const victims = planThinning(candidates, n - maxDepth);
    for (const seq of victims) s.remove.run(seq);
    if (victims.length > 0) s.addThinned.run(victims.length);
    return victims.length;
  });

  const store: MessageQueueStore = {
    enqueue: (msg) => guard.run(() => insert(msg)),
    head: () =>
      guard.run(() => {
        const r = s.head.get() as QueueRow | undefined;
        return r && toMessage(r);
      }),
    recordFailure: (seq, notBefore) =>
      guard.run(() => {
        checkNumber('notBefore', notBefore);
        s.fail.run(notBefore, seq);
      }),
    // A delivered message's removal is committed without its own fsync: the next durable commit (any journal or
    // queue write) carries it. If power fails first the message is sent again: at-least-once, never lost. Starts
    // and stops cannot repeat because the journal, written durably before the removal, records their answer
    // (TxSendHooks.alreadyAnswered); a repeated MeterValues is identical and recognisable. Halves the fsyncs of a
    // replay.
    remove: (seq) =>
      guard.run(() => {
        const durable = db.pragma('synchronous', { simple: true }) as number;
        if (durable < 2) return void s.remove.run(seq);
        db.pragma('synchronous = NORMAL');
        try {
          s.remove.run(seq);
        } finally {
          db.pragma('synchronous = FULL');
        }
      }),
    deadLetter: (seq, reason, at) =>
      guard.run(() => {
        checkString('reason', reason);
        checkString('deadAt', at);
        deadLetterTx.immediate(seq, reason, at);
      }),
    deadLetters: () =>
      guard.run(() =>
        (s.dead.all() as DeadRow[]).map((r): DeadLetter => ({ ...toMessage(r), deadAt: r.dead_at, reason: r.reason })),
      ),
    retryDeadLetters: () => guard.run(() => retryTx.immediate()),
    stats: () =>
      guard.run((): QueueStats => {
        const d = s.depth.get() as { depth: number; oldest: string | null };
        return {
          depth: d.depth,
          oldestCreatedAt: d.oldest,
          deadLetters: (s.deadCount.get() as { n: number }).n,
          thinned: (s.thinned.get() as { value: number }).value,
        };
      }),
    list: (limit) => guard.run(() => (s.list.all(sqlLimit(limit)) as QueueRow[]).map(toMessage)),
    enforceCap: (maxDepth) => guard.run(() => capTx.immediate(maxDepth)),
  };
  return { store, insert };
}
