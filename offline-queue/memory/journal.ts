import { StoreError, type TransactionJournal, type TransactionRecord } from '../types.js';
import { checkClose, checkCsmsId, checkNumber, checkOpen, checkState, checkString } from '../validate.js';
import { takeLimit, type MemoryGuard } from './guard.js';
import type { MemoryQueue } from './queue.js';

/** Stored like the SQLite row: extra as JSON text, copied out on every read. */
type Row = Omit<TransactionRecord, 'extra'> & { extra: string };

function toRecord(r: Row): TransactionRecord {
  return { ...r, extra: JSON.parse(r.extra) as Record<string, unknown> };
}

function unknownTx(localId: string): StoreError {
  return new StoreError('STORE_CONSTRAINT', `unknown transaction ${localId}`);
}

export function memoryJournal(guard: MemoryGuard, queue: MemoryQueue): TransactionJournal {
  // Insertion order is start order, like the SQLite rowid.
  const rows = new Map<string, Row>();
  const must = (localId: string): Row => {
    const r = rows.get(localId);
    if (!r) throw unknownTx(localId);
    return r;
  };

  return {
    open: (rec, startMessage) =>
      guard.run(() => {
        checkOpen(rec, startMessage.action);
        if (rows.has(rec.localId)) throw new StoreError('STORE_CONSTRAINT', `transaction ${rec.localId} already exists`);
        const row: Row = {
          localId: rec.localId,
          evseId: rec.evseId,
          idTag: rec.idTag,
          csmsId: null,
          startedAt: rec.startedAt,
          meterStartWh: rec.meterStartWh,
          lastMeterWh: rec.meterStartWh,
          lastMeterAt: rec.startedAt,
          stoppedAt: null,
          meterStopWh: null,
          stopReason: null,
          stopIdTag: null,
          startState: 'pending',
          stopState: null,
          authStatus: null,
          extra: JSON.stringify(rec.extra ?? {}),
        };
        // The message first: it is the only write that can still throw (a payload JSON cannot hold), and then
        // neither write happens, as with the SQLite transaction.
        queue.insert({ ...startMessage, kind: 'start', txLocalId: rec.localId, createdAt: rec.startedAt });
        rows.set(row.localId, row);
        return toRecord(row);
      }),
    updateMeter: (localId, wh, at) =>
      guard.run(() => {
        checkNumber('meter Wh', wh);
        const r = must(localId);
        if (r.stoppedAt !== null) return;
        r.lastMeterWh = wh;
        r.lastMeterAt = at;
      }),
    setCsmsId: (localId, csmsId, authStatus) =>
      guard.run(() => {
        checkCsmsId(csmsId);
        const r = must(localId);
        r.csmsId = csmsId;
        r.authStatus = authStatus;
      }),
    setStartState: (localId, state) =>
      guard.run(() => {
        checkState(state);
        must(localId).startState = state;
      }),
    mergeExtra: (localId, patch) =>
      guard.run(() => {
        const r = must(localId);
        r.extra = JSON.stringify({ ...(JSON.parse(r.extra) as Record<string, unknown>), ...patch });
      }),
    setStopState: (localId, state) =>
      guard.run(() => {
        checkState(state);
        const r = must(localId);
        if (r.stoppedAt === null) throw new StoreError('STORE_CONSTRAINT', `transaction ${localId} is not stopped; it has no stop state`);
        r.stopState = state;
      }),
    close: (localId, stop, stopMessage) =>
      guard.run(() => {
        checkClose(stop, stopMessage.action);
        const r = must(localId);
        if (r.stoppedAt !== null) return false;
        queue.insert({ ...stopMessage, kind: 'stop', txLocalId: localId, createdAt: stop.stoppedAt });
        r.stoppedAt = stop.stoppedAt;
        r.meterStopWh = stop.meterStopWh;
        r.stopReason = stop.reason;
        r.stopIdTag = stop.stopIdTag;
        r.stopState = 'pending';
        r.lastMeterWh = stop.meterStopWh;
        r.lastMeterAt = stop.stoppedAt;
        return true;
      }),
    get: (localId) =>
      guard.run(() => {
        const r = rows.get(localId);
        return r && toRecord(r);
      }),
    byCsmsId: (csmsId) =>
      guard.run(() => {
        let found: Row | undefined;
        for (const r of rows.values()) if (r.csmsId === csmsId) found = r;
        return found && toRecord(found);
      }),
    unfinished: () => guard.run(() => [...rows.values()].filter((r) => r.stoppedAt === null).map(toRecord)),
    list: (limit) => guard.run(() => takeLimit([...rows.values()].reverse(), limit).map(toRecord)),
    forgetIdTag: (localId, replacement) =>
      guard.run(() => {
        checkString('replacement', replacement);
        const r = must(localId);
        if (r.stoppedAt === null) return false;
        const pending = (m: { txLocalId: string | null }) => m.txLocalId === localId;
        if (queue.store.list().some(pending) || queue.store.deadLetters().some(pending)) return false;
        r.idTag = replacement;
        if (r.stopIdTag !== null) r.stopIdTag = replacement;
        return true;
      }),
  };
}
