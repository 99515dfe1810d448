/**
 * StatusNotification: sent on change (errata 3.19), held back for MinimumStatusDuration, nothing while
 * offline, current status of connector 0 and every connector after (re)connecting (errata 3.22).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../../agent/log.js';
import type { EvseStatusEvent } from '../../../../agent/station/evse.js';
import { Settings } from '../../../../agent/station/settings.js';
import type { EvseStatus } from '../../../../agent/station/types.js';
import type { StatusNotificationRequest } from '../../../../profiles/ocpp16/generated/index.js';
import { StatusNotifier } from '../../../../profiles/ocpp16/status-notifier.js';
import { createOcpp16Validator } from '../../../../profiles/ocpp16/validator.js';
import { createMemoryStore } from '../../../../offline-queue/index.js';

const validator = createOcpp16Validator({ security: false });

function setup(minimumStatusDurationS = 0, failCalls = false) {
  const clock = new FakeClock();
  const settings = new Settings(createMemoryStore().settings);
  settings.set('minimumStatusDurationS', minimumStatusDurationS);
  const sent: (StatusNotificationRequest & { at: number })[] = [];
  let online = true;
  let current: EvseStatusEvent[] = [];
  const notifier = new StatusNotifier({
    clock,
    log: silentLogger(),
    settings,
    canSend: () => online,
    call: async (action, payload) => {
      assert.equal(action, 'StatusNotification');
      assert.equal(validator.validateRequest(action, payload), null, JSON.stringify(payload));
      sent.push({ ...payload, at: clock.monotonicMs() });
      if (failCalls) throw new Error('connection lost');
      return {};
    },
    current: () => current,
  });
  const ev = (evseId: number, status: EvseStatus, extra: Partial<EvseStatusEvent> = {}): EvseStatusEvent => ({
    evseId,
    status,
    errorCode: 'NoError',
    info: null,
    timestamp: clock.now().toISOString(),
    ...extra,
  });
  return { clock, settings, notifier, sent, ev, setOnline: (v: boolean) => (online = v), setCurrent: (c: EvseStatusEvent[]) => (current = c) };
}

describe('changes', () => {
  test('MinimumStatusDuration 0: each change is sent at once, with its timestamp, error code and info', () => {
    const s = setup();
    s.notifier.changed(s.ev(1, 'Preparing'));
    s.notifier.changed(s.ev(1, 'Faulted', { errorCode: 'GroundFailure', info: 'residual current monitor tripped' }));
    assert.deepEqual(s.sent, [
      { connectorId: 1, status: 'Preparing', errorCode: 'NoError', timestamp: '2026-01-01T00:00:00.000Z', at: 0 },
      { connectorId: 1, status: 'Faulted', errorCode: 'GroundFailure', timestamp: '2026-01-01T00:00:00.000Z', info: 'residual current monitor tripped', at: 0 },
    ]);
  });

  test('offline: nothing is sent and nothing is queued for later', async () => {
    const s = setup();
    s.setOnline(false);
    s.notifier.changed(s.ev(1, 'Preparing'));
    s.notifier.changed(s.ev(1, 'Charging'));
    s.setOnline(true);
    await s.clock.advanceAsync(600_000, 60_000);
    assert.deepEqual(s.sent, []);
  });

  test('a failed send is logged, not thrown', async () => {
    const s = setup(0, true);
    s.notifier.changed(s.ev(1, 'Preparing'));
    await new Promise((r) => setImmediate(r));
    assert.equal(s.sent.length, 1);
  });
});

describe('MinimumStatusDuration', () => {
  test('a status is sent once it held for MinimumStatusDuration', () => {
    const s = setup(5);
    s.notifier.changed(s.ev(1, 'Preparing'));
    s.clock.advance(4999);
    assert.equal(s.sent.length, 0);
    s.clock.advance(1);
    assert.deepEqual(s.sent.map((x) => [x.status, x.at]), [['Preparing', 5000]]);
  });

  test('flapping within the window: only the last status, after it held for the whole duration', () => {
    const s = setup(5);
    s.notifier.changed(s.ev(1, 'Preparing'));
    s.clock.advance(3000);
    s.notifier.changed(s.ev(1, 'SuspendedEV'));
    s.clock.advance(1000);
    s.notifier.changed(s.ev(1, 'Charging'));
    s.clock.advance(4999);
    assert.equal(s.sent.length, 0);
    s.clock.advance(1);
    assert.deepEqual(s.sent.map((x) => [x.status, x.at]), [['Charging', 9000]]);
    s.clock.advance(60_000);
    assert.equal(s.sent.length, 1);
  });

  test('connectors are held back independently', () => {
    const s = setup(5);
    s.notifier.changed(s.ev(1, 'Preparing'));
    s.clock.advance(2000);
    s.notifier.changed(s.ev(2, 'Preparing'));
    s.clock.advance(3000);
    assert.deepEqual(s.sent.map((x) => [x.connectorId, x.at]), [[1, 5000]]);
    s.clock.advance(2000);
    assert.deepEqual(s.sent.map((x) => [x.connectorId, x.at]), [[1, 5000], [2, 7000]]);
  });

  test('going offline during the hold: nothing is sent', () => {
    const s = setup(5);
    s.notifier.changed(s.ev(1, 'Preparing'));
    s.clock.advance(1000);
    s.setOnline(false);
    s.clock.advance(10_000);
    assert.deepEqual(s.sent, []);
  });

  test('stop() drops held-back statuses and their timers', () => {
    const s = setup(5);
    s.notifier.changed(s.ev(1, 'Preparing'));
    s.notifier.changed(s.ev(2, 'Preparing'));
    s.notifier.stop();
    assert.equal(s.clock.pendingTimers(), 0);
    s.clock.advance(10_000);
    assert.deepEqual(s.sent, []);
  });
});

describe('sendAll (after BootNotification Accepted and after every reconnect)', () => {
  test('current status of connector 0 and of every connector, 0 first, immediately even with MinimumStatusDuration', () => {
    const s = setup(30);
    s.setCurrent([s.ev(0, 'Available'), s.ev(1, 'Charging'), s.ev(2, 'Faulted', { errorCode: 'PowerSwitchFailure', info: 'contactor welded' })]);
    s.notifier.sendAll();
    assert.deepEqual(
      s.sent.map((x) => [x.connectorId, x.status, x.errorCode, x.info]),
      [
        [0, 'Available', 'NoError', undefined],
        [1, 'Charging', 'NoError', undefined],
        [2, 'Faulted', 'PowerSwitchFailure', 'contactor welded'],
      ],
    );
  });

  test('changes while offline are reported by the sendAll after reconnecting, with the status of now', () => {
    const s = setup();
    s.setOnline(false);
    s.notifier.changed(s.ev(1, 'Preparing'));
    s.notifier.changed(s.ev(1, 'Charging'));
    s.setOnline(true);
    s.setCurrent([s.ev(0, 'Available'), s.ev(1, 'Charging')]);
    s.notifier.sendAll();
    assert.deepEqual(s.sent.map((x) => [x.connectorId, x.status]), [[0, 'Available'], [1, 'Charging']]);
  });
});
