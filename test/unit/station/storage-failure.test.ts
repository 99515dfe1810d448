/**
 * A full disk degrades without crashing and loses nothing it already had: no session starts without its
 * record, a running session goes on, a stop that cannot be recorded is recorded when storage works again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore, StoreError, type Store } from '../../../offline-queue/index.js';
import { STORAGE_RETRY_MS } from '../../../agent/station/evse.js';
import { chargingSession, harness, SOCKET } from './harness.js';

/** A real memory store whose journal and queue writes fail with STORE_FULL while `full` is set. */
function fillableStore(): { store: Store; setFull(full: boolean): void } {
  const inner = createMemoryStore();
  let full = false;
  const fail = () => {
    if (full) throw new StoreError('STORE_FULL', 'database or disk is full');
  };
  const journal = new Proxy(inner.journal, {
    get(t, k, r) {
      const v = Reflect.get(t, k, r);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (k === 'open' || k === 'close' || k === 'updateMeter') fail();
        return (v as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
  return { store: { ...inner, journal, atomically: inner.atomically, close: inner.close }, setFull: (f) => (full = f) };
}

test('no record, no session: a full disk refuses the start, shows InternalError, and nothing crashes', async () => {
  const f = fillableStore();
  const h = await harness({ store: f.store });
  f.setFull(true);
  h.auth.ids.set('CARD', { status: 'Accepted' });
  h.sim.plug(SOCKET);
  h.sim.presentTag(SOCKET, 'CARD');
  await h.run(1500);
  const evse = h.station.evse(SOCKET)!;
  assert.equal(evse.transaction(), null);
  assert.equal(h.hw(SOCKET).contactor.commandedClosed, false, 'no energy without a record');
  assert.equal(evse.currentStatus().errorCode, 'InternalError');
  assert.equal(h.hw(SOCKET).lock!.locked, false, 'the cable is released again');
  f.setFull(false);
  h.sim.presentTag(SOCKET, 'CARD');
  await h.run(1500);
  assert.ok(evse.transaction(), 'with storage back, the next card starts');
  assert.equal(evse.currentStatus().errorCode, 'NoError');
  await h.close();
});

test('a running session goes on when samples cannot be recorded; a stop that cannot be recorded is recorded later', async () => {
  const f = fillableStore();
  const h = await harness({ store: f.store, settings: { meterValueSampleIntervalS: 1 } });
  const rec = await chargingSession(h, SOCKET, 'CARD');
  f.setFull(true);
  await h.run(3000);
  const evse = h.station.evse(SOCKET)!;
  assert.equal(evse.currentStatus().status, 'Charging', 'charging goes on');
  assert.equal(evse.currentStatus().errorCode, 'InternalError');
  h.sim.presentTag(SOCKET, 'CARD');
  await h.run(1000);
  assert.equal(h.hw(SOCKET).contactor.commandedClosed, false, 'the stop opened the contactor');
  assert.equal(f.store.journal.get(rec.localId)!.stoppedAt, null, 'not recorded yet');
  f.setFull(false);
  await h.run(STORAGE_RETRY_MS + 100, 500);
  const stored = f.store.journal.get(rec.localId)!;
  assert.ok(stored.stoppedAt, 'recorded once storage works');
  assert.equal(stored.stopReason, 'Local');
  assert.equal(h.stopped.length, 1);
  await h.close();
});
