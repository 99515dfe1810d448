import type { Database } from 'better-sqlite3';
import { StoreError, type TransactionJournal, type TransactionRecord, type TxSendState } from '../types.js';
import { checkClose, checkCsmsId, checkNumber, checkOpen, checkState, checkString } from '../validate.js';
import { sqlLimit, type Guard } from './guard.js';
import type { SqliteQueue } from './queue.js';

interface TxRow {
  local_id: string;
  evse_id: number;
  id_tag: string;
  csms_id: string | null;
  started_at: string;
  meter_start_wh: number;
  last_meter_wh: number;
  last_meter_at: string;
  stopped_at: string | null;
  meter_stop_wh: number | null;
  stop_reason: string | null;
  stop_id_tag: string | null;
  start_state: TxSendState;
  stop_state: TxSendState | null;
  auth_status: string | null;
  extra: string;
}

function toRecord(r: TxRow): TransactionRecord {
  return {
    localId: r.local_id,
    evseId: r.evse_id,
    idTag: r.id_tag,
    csmsId: r.csms_id,
    startedAt: r.started_at,
    meterStartWh: r.meter_start_wh,
    lastMeterWh: r.last_meter_wh,
    lastMeterAt: r.last_meter_at,
    stoppedAt: r.stopped_at,
    meterStopWh: r.meter_stop_wh,
    stopReason: r.stop_reason,
    stopIdTag: r.stop_id_tag,
    startState: r.start_state,
    stopState: r.stop_state,
    authStatus: r.auth_status,
    extra: JSON.parse(r.extra) as Record<string, unknown>,
  };
}

function unknownTx(localId: string): StoreError {
  return new StoreError('STORE_CONSTRAINT', `unknown transaction ${localId}`);
}

export function sqliteJournal(db: Database, guard: Guard, queue: SqliteQueue): TransactionJournal {
  const s = {
    insert: db.prepare(
      `INSERT INTO transactions (local_id, evse_id, id_tag, started_at, meter_start_wh, last_meter_wh, last_meter_at, start_state, extra)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
    ),
    get: db.prepare('SELECT * FROM transactions WHERE local_id = ?'),
    exists: db.prepare('SELECT 1 FROM transactions WHERE local_id = ?'),
    byCsms: db.prepare('SELECT * FROM transactions WHERE csms_id = ? ORDER BY id DESC LIMIT 1'),
    meter: db.prepare('UPDATE transactions SET last_meter_wh = ?, last_meter_at = ? WHERE local_id = ? AND stopped_at IS NULL'),
    csms: db.prepare('UPDATE transactions SET csms_id = ?, auth_status = ? WHERE local_id = ?'),
    startState: db.prepare('UPDATE transactions SET start_state = ? WHERE local_id = ?'),
    stopState: db.prepare('UPDATE transactions SET stop_state = ? WHERE local_id = ?'),
    extraOf: db.prepare('SELECT extra FROM transactions WHERE local_id = ?'),
    extra: db.prepare('UPDATE transactions SET extra = ? WHERE local_id = ?'),
    close: db.prepare(
      `UPDATE transactions SET stopped_at = ?, meter_stop_wh = ?, stop_reason = ?, stop_id_tag = ?, stop_state = 'pending',
         last_meter_wh = ?, last_meter_at = ?
       WHERE local_id = ? AND stopped_at IS NULL`,
    ),
    unfinished: db.prepare('SELECT * FROM transactions WHERE stopped_at IS NULL ORDER BY id'),
    list: db.prepare('SELECT * FROM transactions ORDER BY id DESC LIMIT ?'),
    forget: db.prepare(
      `UPDATE transactions SET id_tag = ?, stop_id_tag = CASE WHEN stop_id_tag IS NULL THEN NULL ELSE ? END
       WHERE local_id = ? AND stopped_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM queue WHERE tx_local_id = ?) AND NOT EXISTS (SELECT 1 FROM dead_letters WHERE tx_local_id = ?)`,
    ),
  };

  const get = (localId: string): TransactionRecord | undefined => {
    const r = s.get.get(localId) as TxRow | undefined;
    return r && toRecord(r);
  };
  const mustExist = (localId: string): void => {
    if (s.exists.get(localId) === undefined) throw unknownTx(localId);
  };

  const openTx = db.transaction((rec: Parameters<TransactionJournal['open']>[0], msg: Parameters<TransactionJournal['open']>[1]) => {
    s.insert.run(rec.localId, rec.evseId, rec.idTag, rec.startedAt, rec.meterStartWh, rec.meterStartWh, rec.startedAt, JSON.stringify(rec.extra ?? {}));
    queue.insert({ ...msg, kind: 'start', txLocalId: rec.localId, createdAt: rec.startedAt });
    return get(rec.localId) as TransactionRecord;
  });

  const closeTx = db.transaction(
    (localId: string, stop: Parameters<TransactionJournal['close']>[1], msg: Parameters<TransactionJournal['close']>[2]): boolean => {
      const changed = s.close.run(stop.stoppedAt, stop.meterStopWh, stop.reason, stop.stopIdTag, stop.meterStopWh, stop.stoppedAt, localId).changes;
      if (changed === 0) {
        mustExist(localId);
        return false;
      }
      queue.insert({ ...msg, kind: 'stop', txLocalId: localId, createdAt: stop.stoppedAt });
      return true;
    },
  );

  return {
    open: (rec, startMessage) =>
      guard.run(() => {
        checkOpen(rec, startMessage.action);
        return openTx.immediate(rec, startMessage);
      }),
    updateMeter: (localId, wh, at) =>
      guard.run(() => {
        checkNumber('meter Wh', wh);
        // A stopped transaction keeps its stop reading: a late sample must not change what is billed.
        if (s.meter.run(wh, at, localId).changes === 0) mustExist(localId);
      }),
    setCsmsId: (localId, csmsId, authStatus) =>
      guard.run(() => {
        checkCsmsId(csmsId);
        if (s.csms.run(csmsId, authStatus, localId).changes === 0) throw unknownTx(localId);
      }),
    setStartState: (localId, state) =>
      guard.run(() => {
        checkState(state);
        if (s.startState.run(state, localId).changes === 0) throw unknownTx(localId);
      }),
    mergeExtra: (localId, patch) =>
      guard.run(() => {
        const row = s.extraOf.get(localId) as { extra: string } | undefined;
        if (!row) throw unknownTx(localId);
        s.extra.run(JSON.stringify({ ...(JSON.parse(row.extra) as Record<string, unknown>), ...patch }), localId);
      }),
    setStopState: (localId, state) =>
      guard.run(() => {
        checkState(state);
        if (s.stopState.run(state, localId).changes === 0) throw unknownTx(localId);
      }),
    close: (localId, stop, stopMessage) =>
      guard.run(() => {
        checkClose(stop, stopMessage.action);
        return closeTx.immediate(localId, stop, stopMessage);
      }),
    get: (localId) => guard.run(() => get(localId)),
    byCsmsId: (csmsId) =>
      guard.run(() => {
        if (typeof csmsId !== 'string') return undefined;
        const r = s.byCsms.get(csmsId) as TxRow | undefined;
        return r && toRecord(r);
      }),
    unfinished: () => guard.run(() => (s.unfinished.all() as TxRow[]).map(toRecord)),
    list: (limit) => guard.run(() => (s.list.all(sqlLimit(limit)) as TxRow[]).map(toRecord)),
    forgetIdTag: (localId, replacement) =>
      guard.run(() => {
        checkString('replacement', replacement);
        // One statement: the check that nothing of it is queued and the write cannot be separated by a send.
        if (s.forget.run(replacement, replacement, localId, localId, localId).changes > 0) return true;
        mustExist(localId);
        return false;
      }),
  };
}
