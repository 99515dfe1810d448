import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { SystemClock, EARLIEST_TRUSTED_TIME } from '../../../agent/clock/clock.js';
import { restampTimestamps } from '../../../agent/transactions/restamp.js';

test('events stamped before the time was known get their real time once it is', () => {
  const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'), { trusted: false });
  clock.advance(5_000);
  const start = { connectorId: 1, timestamp: clock.now().toISOString() };
  assert.ok(start.timestamp.startsWith('1970-01-01T00:00:05'), 'untrusted stamps are epoch + monotonic');
  clock.advance(2_000);
  const stop = { meterStop: 10, timestamp: clock.now().toISOString(), transactionData: [{ timestamp: clock.now().toISOString(), sampledValue: [] }] };
  assert.equal(restampTimestamps(start, clock).changed, 0, 'nothing changes while the clock is untrusted');

  clock.advance(3_000);
  clock.setWallClock(new Date('2026-11-21T12:00:00.000Z')); // e.g. BootNotification.conf currentTime, at mono 10 s
  const s = restampTimestamps(start, clock);
  assert.equal(s.value.timestamp, '2026-11-21T11:59:55.000Z');
  assert.equal(s.changed, 1);
  const t = restampTimestamps(stop, clock);
  assert.equal(t.value.timestamp, '2026-11-21T11:59:57.000Z');
  assert.equal(t.value.transactionData[0]!.timestamp, '2026-11-21T11:59:57.000Z');
  assert.equal(t.approximated, 0);
  assert.equal(stop.timestamp.slice(0, 4), '1970', 'the input is not modified');
});

test('real timestamps are left alone; a stamp from an earlier run gets the start of this run', () => {
  const clock = new FakeClock(new Date('2026-06-01T00:00:00Z'));
  clock.advance(1_000);
  const real = { timestamp: '2026-05-31T23:00:00.000Z' };
  assert.deepEqual(restampTimestamps(real, clock).value, real);
  const earlierRun = { timestamp: new Date(60_000).toISOString() }; // monotonic 60 s: later than this run's 1 s
  const r = restampTimestamps(earlierRun, clock);
  assert.equal(r.approximated, 1);
  assert.equal(r.value.timestamp, '2026-06-01T00:00:00.000Z');
});

test('the system clock distrusts a wall time older than the build and trusts a plausible CSMS time', () => {
  const c = new SystemClock({ earliestTrusted: Date.now() + 86_400_000 });
  assert.equal(c.isTrusted(), false);
  assert.ok(c.now().getTime() < Date.UTC(2001, 0, 1));
  c.setWallClock(new Date(EARLIEST_TRUSTED_TIME - 1));
  assert.equal(c.isTrusted(), false, 'an implausible CSMS time is not adopted');
  c.setWallClock(new Date('2026-11-21T12:00:00Z'));
  assert.equal(c.isTrusted(), true);
  assert.ok(Math.abs(c.now().getTime() - Date.parse('2026-11-21T12:00:00Z')) < 1000);
});

test('the queue sender holds messages while the clock is untrusted and sends them re-stamped once it is', async () => {
  const { createMemoryStore } = await import('../../../offline-queue/index.js');
  const { Settings } = await import('../../../agent/station/settings.js');
  const { QueueSender, UNTRUSTED_RETRY_MS } = await import('../../../agent/transactions/queue-sender.js');
  const { silentLogger } = await import('../../../agent/log.js');
  const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'), { trusted: false });
  const store = createMemoryStore();
  clock.advance(2_000);
  store.queue.enqueue({ kind: 'start', action: 'StartTransaction', payload: { connectorId: 1, timestamp: clock.now().toISOString() }, createdAt: clock.now().toISOString() });
  const sent: unknown[] = [];
  const sender = new QueueSender({
    store,
    clock,
    log: silentLogger(),
    settings: new Settings(store.settings),
    transport: { call: async (_a, p) => void sent.push(p) },
    hooks: { prepare: (m) => ({ action: m.action, payload: m.payload }), onResult: () => undefined, isConnectionError: () => false },
  });
  sender.start();
  sender.setReady(true);
  await clock.advanceAsync(UNTRUSTED_RETRY_MS * 2, 500);
  assert.equal(sent.length, 0, 'nothing leaves with a 1970 time');
  clock.setWallClock(new Date('2026-11-21T12:00:00.000Z'));
  await clock.advanceAsync(UNTRUSTED_RETRY_MS, 500);
  assert.equal(sent.length, 1);
  assert.equal((sent[0] as { timestamp: string }).timestamp, '2026-11-21T11:59:50.000Z', 'stamped at 2 s, trusted at 12 s: 10 s before the time learned');
  sender.stop();
});
