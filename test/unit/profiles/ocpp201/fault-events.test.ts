/**
 * FaultEvents (NotifyEvent for EVSE faults) with a fake clock and a scripted CSMS call: nothing is sent in the
 * announcing call stack, one NotifyEvent per change in order, waiting while the station cannot send, faults active
 * before it listened reported at registration, a bounded wait list, MAX_ATTEMPTS tries, unique eventIds.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../../agent/log.js';
import type { EvseFault } from '../../../../agent/station/types.js';
import { createMemoryStore } from '../../../../offline-queue/index.js';
import type { NotifyEventRequest } from '../../../../profiles/ocpp201/generated/NotifyEvent.js';
import { EVENT_ID_KEY, eventIds, FaultEvents, MAX_ATTEMPTS, MAX_PENDING } from '../../../../profiles/ocpp201/events/index.js';
import { createOcpp201Validator } from '../../../../profiles/ocpp201/validator.js';

const validator = createOcpp201Validator();
const rcd: EvseFault = { source: 'rcd', errorCode: 'GroundFailure', info: 'RCD tripped', blocking: true };
const pilot: EvseFault = { source: 'pilot', errorCode: 'OtherError', info: 'pilot state E', blocking: true };

function setup(o: { online?: boolean; faults?: EvseFault[]; fail?: () => boolean } = {}) {
  const clock = new FakeClock();
  const sent: NotifyEventRequest[] = [];
  let online = o.online ?? true;
  let nextId = 1;
  const current = { faults: o.faults ?? [] };
  const fe = new FaultEvents({
    clock,
    log: silentLogger(),
    canSend: () => online,
    call: async (_a, p) => {
      assert.equal(validator.validateRequest('NotifyEvent', p), null);
      if (o.fail?.()) throw new Error('CALLERROR InternalError');
      sent.push(p);
      return {};
    },
    nextEventId: () => nextId++,
    current: () => [{ evseId: 1, faults: current.faults }],
  });
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      clock.advance(0);
      await new Promise((r) => setImmediate(r));
    }
  };
  const data = () => sent.map((p) => p.eventData[0]);
  return { clock, fe, sent, data, settle, current, setOnline: (v: boolean) => (online = v) };
}

const ev = (fault: EvseFault, active: boolean, anyActive = active, transactionLocalId: string | null = null) => ({ evseId: 1, fault, active, anyActive, transactionLocalId, timestamp: '2026-01-01T00:00:00.000Z' });

describe('FaultEvents', () => {
  test('nothing in the announcing call stack; then one NotifyEvent per change, in order, seqNo 0', async () => {
    const s = setup();
    s.fe.changed(ev(rcd, true, true, 'tx-1'));
    s.fe.changed(ev(rcd, false, false));
    assert.equal(s.sent.length, 0, 'nothing sent synchronously');
    await s.settle();
    assert.deepEqual(s.data().map((e) => [e.eventId, e.actualValue, e.cleared ?? false, e.transactionId ?? null]), [[1, 'true', false, 'tx-1'], [2, 'false', true, null]]);
    assert.ok(s.sent.every((p) => p.seqNo === 0));
  });

  test('offline: the changes wait in order and go after the registration; a fault active before listening is reported once', async () => {
    const s = setup({ online: false, faults: [pilot] });
    s.fe.changed(ev(rcd, true));
    s.fe.changed(ev(rcd, false, true));
    await s.settle();
    assert.equal(s.sent.length, 0);
    s.setOnline(true);
    s.fe.registered();
    await s.settle();
    assert.deepEqual(s.data().map((e) => [e.techCode, e.actualValue, e.cleared ?? false]), [['GroundFailure', 'true', false], ['GroundFailure', 'true', true], ['OtherError', 'true', false]]);
    s.fe.registered();
    await s.settle();
    assert.equal(s.sent.length, 3, 'the pilot fault is not reported twice');
  });

  test('the same fault announced again with the same text is one event', async () => {
    const s = setup();
    s.fe.changed(ev(rcd, true));
    s.fe.changed(ev(rcd, true));
    await s.settle();
    assert.equal(s.sent.length, 1);
  });

  test(`at most ${MAX_PENDING} wait: the oldest go first`, async () => {
    const s = setup({ online: false });
    for (let i = 0; i < MAX_PENDING + 5; i++) s.fe.changed(ev({ ...rcd, info: `trip ${i}` }, true));
    await s.settle();
    s.setOnline(true);
    s.fe.registered();
    for (let i = 0; i < 50; i++) await s.settle();
    assert.equal(s.sent.length, MAX_PENDING);
    assert.equal(s.data()[0]!.techInfo, 'rcd: trip 5');
  });

  test(`an undelivered event is tried again at the next registrations, ${MAX_ATTEMPTS} times in all`, async () => {
    let failing = true;
    const s = setup({ fail: () => failing });
    s.fe.changed(ev(rcd, true));
    await s.settle();
    assert.equal(s.sent.length, 0);
    s.fe.registered();
    await s.settle();
    failing = false;
    s.fe.changed(ev(pilot, true));
    await s.settle();
    assert.deepEqual(s.data().map((e) => e.techCode), ['GroundFailure', 'OtherError'], 'third try delivered, order kept');
    failing = true;
    s.fe.changed(ev(pilot, false));
    await s.settle();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      s.fe.registered();
      await s.settle();
    }
    failing = false;
    s.fe.changed(ev(rcd, false));
    await s.settle();
    assert.deepEqual(s.data().map((e) => [e.techCode, e.cleared ?? false]), [['GroundFailure', false], ['OtherError', false], ['GroundFailure', true]], 'the pilot clear was dropped after its attempts');
  });

  test('stopped: nothing more is sent', async () => {
    const s = setup();
    s.fe.changed(ev(rcd, true));
    s.fe.stop();
    await s.settle();
    assert.equal(s.sent.length, 0);
  });
});

describe('eventIds', () => {
  test('counts from the stored value and persists the next one', () => {
    const store = createMemoryStore();
    const a = eventIds(store.settings);
    assert.deepEqual([a(), a(), a()], [1, 2, 3]);
    assert.equal(store.settings.getAll()[EVENT_ID_KEY], '4');
    const b = eventIds(store.settings);
    assert.equal(b(), 4, 'a restart continues');
    store.settings.set(EVENT_ID_KEY, '2147483647');
    const c = eventIds(store.settings);
    assert.deepEqual([c(), c()], [2147483647, 1], 'int32: wraps to 1');
  });
});
