import type { Database } from 'better-sqlite3';
import { planThinning, type MeterCandidate } from '../cap-policy.js';
import { DEFAULT_OCPP_VERSION, type DeadLetter, type MessageQueueStore, type QueuedKind, type QueuedMessage, type QueueStats } from '../types.js';
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
  ocpp_version: string;
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
    ocppVersion: r.ocpp_version,
  };
}

export function sqliteQueue(db: Database, guard: Guard): SqliteQueue {
  const s = {
    insert: db.prepare('INSERT INTO queue (kind, action, payload, tx_local_id, created_at, ocpp_version) VALUES (?, ?, ?, ?, ?, ?)'),
    insertFull: db.prepare(
      'INSERT INTO queue (kind, action, payload, tx_local_id, attempts, created_at, not_before, ocpp_version) VALUES (?, ?, ?, ?, 0, ?, 0, ?)',
    ),
    head: db.prepare('SELECT * FROM queue ORDER BY seq LIMIT 1'),
    peek: db.prepare('SELECT * FROM queue WHERE ocpp_version = ? ORDER BY seq LIMIT 1'),
    fail: db.prepare('UPDATE queue SET attempts = attempts + 1, not_before = ? WHERE seq = ?'),
    remove: db.prepare('DELETE FROM queue WHERE seq = ?'),
    toDead: db.prepare(
      `INSERT INTO dead_letters (seq, kind, action, payload, tx_local_id, attempts, created_at, not_before, dead_at, reason, ocpp_version)
       SELECT seq, kind, action, payload, tx_local_id, attempts, created_at, not_before, ?, ?, ocpp_version FROM queue WHERE seq = ?`,
    ),
    dead: db.prepare('SELECT * FROM dead_letters ORDER BY seq'),
    clearDead: db.prepare('DELETE FROM dead_letters'),
    depth: db.prepare('SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM queue'),
    deadCount: db.prepare('SELECT COUNT(*) AS n FROM dead_letters'),
    thinned: db.prepare("SELECT value FROM queue_counters WHERE name = 'thinned'"),
    addThinned: db.prepare("UPDATE queue_counters SET value = value + ? WHERE name = 'thinned'"),
    list: db.prepare('SELECT * FROM queue ORDER BY seq LIMIT ?'),
    count: db.prepare('SELECT COUNT(*) AS n FROM queue'),
    // Every version's head is excluded: each version's sender may have its head in flight.
    meters: db.prepare(
      `SELECT seq, tx_local_id FROM queue WHERE kind = 'meter'
         AND seq NOT IN (SELECT MIN(seq) FROM queue GROUP BY ocpp_version) ORDER BY seq`,
    ),
  };

  function insert(msg: EnqueueInput): QueuedMessage {
    checkEnqueue(msg);
    const payload = JSON.stringify(msg.payload ?? null);
    const txLocalId = msg.txLocalId ?? null;
    const ocppVersion = msg.ocppVersion ?? DEFAULT_OCPP_VERSION;
    const info = s.insert.run(msg.kind, msg.action, payload, txLocalId, msg.createdAt, ocppVersion);
    return {
      seq: Number(info.lastInsertRowid),
      kind: msg.kind,
      action: msg.action,
      payload: JSON.parse(payload) as unknown,
      txLocalId,
      attempts: 0,
      createdAt: msg.createdAt,
      notBefore: 0,
      ocppVersion,
    };
  }

  const deadLetterTx = db.transaction((seq: number, reason: string, at: string) => {
    if (s.toDead.run(at, reason, seq).changes > 0) s.remove.run(seq);
  });

  const retryTx = db.transaction((): number => {
    const rows = s.dead.all() as DeadRow[];
    for (const r of rows) s.insertFull.run(r.kind, r.action, r.payload, r.tx_local_id, r.created_at, r.ocpp_version);
    s.clearDead.run();
    return rows.length;
  });

  const capTx = db.transaction((maxDepth: number): number => {
    const { n } = s.count.get() as { n: number };
    if (n <= maxDepth || n === 0) return 0;
    const candidates = (s.meters.all() as { seq: number; tx_local_id: string | null }[]).map(
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
    peek: (ocppVersion) =>
      guard.run(() => {
        const r = s.peek.get(ocppVersion) as QueueRow | undefined;
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
