/**
 * BootNotification and its answers (§4.2, errata 3.22/3.40, OCPP-J §5.4): Accepted / Pending / Rejected /
 * CALLERROR with their retry intervals on a FakeClock, the CSMS clock adopted from currentTime.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../../agent/log.js';
import { CallTimeoutError, ConnectionLostError, NotConnectedError, OcppCallError } from '../../../../agent/ocpp/errors.js';
import type { RegistrationStatus } from '../../../../profiles/ocpp16/context.js';
import type { BootNotificationRequest, BootNotificationResponse } from '../../../../profiles/ocpp16/generated/index.js';
import { BOOT_RETRY_DEFAULT_S, Registration } from '../../../../profiles/ocpp16/registration.js';
import { createOcpp16Validator } from '../../../../profiles/ocpp16/validator.js';

const validator = createOcpp16Validator({ security: false });
const PAYLOAD: BootNotificationRequest = { chargePointVendor: 'chargerd', chargePointModel: 'sim', firmwareVersion: '0.1.0' };

type Answer = BootNotificationResponse | Error;

function setup(answers: Answer[]) {
  const clock = new FakeClock(new Date('2026-01-01T00:00:00.000Z'));
  const calls: { at: number; payload: BootNotificationRequest }[] = [];
  const accepted: BootNotificationResponse[] = [];
  const statuses: RegistrationStatus[] = [];
  let open = true;
  const reg = new Registration({
    clock,
    log: silentLogger(),
    call: async (action, payload) => {
      assert.equal(action, 'BootNotification');
      assert.equal(validator.validateRequest(action, payload), null);
      calls.push({ at: clock.monotonicMs(), payload });
      const a = answers.shift();
      if (!a) throw new Error('test: no answer scripted');
      if (a instanceof Error) throw a;
      // (The RPC layer rejects an invalid conf; only the currentTime test bypasses that on purpose.)
      if (!Number.isNaN(Date.parse(a.currentTime))) assert.equal(validator.validateResponse(action, a), null, 'scripted answer is a valid BootNotification.conf');
      return a;
    },
    payload: PAYLOAD,
    isOpen: () => open,
    onAccepted: (conf) => accepted.push(conf),
    onStatus: (s) => statuses.push(s),
  });
  const flush = async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  };
  return { clock, reg, calls, accepted, statuses, flush, setOpen: (v: boolean) => (open = v) };
}

const conf = (status: BootNotificationResponse['status'], interval: number, currentTime = '2030-05-05T10:00:00.000Z'): BootNotificationResponse => ({ status, interval, currentTime });

describe('BootNotification answered', () => {
  test('Accepted: state Accepted, onAccepted with the conf, CSMS clock adopted', async () => {
    const s = setup([conf('Accepted', 120)]);
    assert.equal(s.reg.state, 'Unregistered');
    s.reg.connected();
    await s.flush();
    assert.equal(s.calls.length, 1);
    assert.deepEqual(s.calls[0]!.payload, PAYLOAD);
    assert.equal(s.reg.state, 'Accepted');
    assert.deepEqual(s.statuses, ['Accepted']);
    assert.deepEqual(s.accepted, [conf('Accepted', 120)]);
    assert.equal(s.clock.now().toISOString(), '2030-05-05T10:00:00.000Z');
    s.clock.advance(5000);
    assert.equal(s.clock.now().toISOString(), '2030-05-05T10:00:05.000Z', 'the adopted clock runs on');
    assert.equal(s.clock.pendingTimers(), 0, 'no retry after Accepted');
  });

  test('Accepted: a reconnect sends no new BootNotification (OCPP-J §5.4)', async () => {
    const s = setup([conf('Accepted', 120)]);
    s.reg.connected();
    await s.flush();
    s.reg.connected();
    s.reg.connected();
    await s.flush();
    assert.equal(s.calls.length, 1);
  });

  test('Pending: state Pending, clock adopted, retried after `interval` and not before', async () => {
    const s = setup([conf('Pending', 10, '2030-01-01T00:00:00.000Z'), conf('Accepted', 300)]);
    s.reg.connected();
    await s.flush();
    assert.equal(s.reg.state, 'Pending');
    assert.equal(s.clock.now().toISOString(), '2030-01-01T00:00:00.000Z');
    assert.deepEqual(s.accepted, []);
    await s.clock.advanceAsync(9_999, 1000);
    assert.equal(s.calls.length, 1);
    await s.clock.advanceAsync(1);
    await s.flush();
    assert.equal(s.calls.length, 2);
    assert.equal(s.calls[1]!.at, 10_000);
    assert.equal(s.reg.state, 'Accepted');
    assert.deepEqual(s.statuses, ['Pending', 'Accepted']);
    assert.equal(s.accepted.length, 1);
  });

  test('Rejected: state Rejected, nothing sent until `interval` passed, even across a reconnect', async () => {
    const s = setup([conf('Rejected', 20), conf('Rejected', 40), conf('Accepted', 300)]);
    s.reg.connected();
    await s.flush();
    assert.equal(s.reg.state, 'Rejected');
    await s.clock.advanceAsync(5000);
    s.reg.connected(); // the connection dropped and came back
    await s.flush();
    assert.equal(s.calls.length, 1, 'a reconnect does not shorten the interval');
    await s.clock.advanceAsync(14_999, 1000);
    assert.equal(s.calls.length, 1);
    await s.clock.advanceAsync(1);
    await s.flush();
    assert.equal(s.calls.length, 2);
    assert.equal(s.calls[1]!.at, 20_000);
    await s.clock.advanceAsync(39_999, 1000);
    assert.equal(s.calls.length, 2, 'the new interval (40 s) applies');
    await s.clock.advanceAsync(1);
    await s.flush();
    assert.equal(s.calls.length, 3);
    assert.deepEqual(s.statuses, ['Rejected', 'Accepted']);
  });

  test(`interval 0: the charge point chooses (${BOOT_RETRY_DEFAULT_S} s), no flooding`, async () => {
    const s = setup([conf('Pending', 0), conf('Accepted', 300)]);
    s.reg.connected();
    await s.flush();
    await s.clock.advanceAsync(BOOT_RETRY_DEFAULT_S * 1000 - 1, 1000);
    assert.equal(s.calls.length, 1);
    await s.clock.advanceAsync(1);
    await s.flush();
    assert.equal(s.calls.length, 2);
  });

  test('an unparseable currentTime leaves the clock alone', async () => {
    const s = setup([conf('Accepted', 60, 'not a date')]);
    const before = s.clock.now().toISOString();
    s.reg.connected();
    await s.flush();
    assert.equal(s.reg.state, 'Accepted');
    assert.equal(s.clock.now().toISOString(), before);
  });
});

describe('BootNotification not answered', () => {
  for (const [name, err] of [
    ['CALLERROR', new OcppCallError('InternalError', 'busy')],
    ['timeout', new CallTimeoutError('BootNotification', 'x', 30_000)],
  ] as const) {
    test(`${name}: retried after ${BOOT_RETRY_DEFAULT_S} s; state stays Unregistered`, async () => {
      const s = setup([err, conf('Accepted', 300)]);
      s.reg.connected();
      await s.flush();
      assert.equal(s.reg.state, 'Unregistered');
      assert.deepEqual(s.statuses, []);
      await s.clock.advanceAsync(BOOT_RETRY_DEFAULT_S * 1000 - 1, 1000);
      assert.equal(s.calls.length, 1);
      await s.clock.advanceAsync(1);
      await s.flush();
      assert.equal(s.calls.length, 2);
      assert.equal(s.reg.state, 'Accepted');
    });
  }

  for (const err of [new NotConnectedError('BootNotification'), new ConnectionLostError('BootNotification', true)]) {
    test(`${err.name}: no timer; the next connection boots again`, async () => {
      const s = setup([err, conf('Accepted', 300)]);
      s.reg.connected();
      await s.flush();
      assert.equal(s.clock.pendingTimers(), 0);
      await s.clock.advanceAsync(120_000, 10_000);
      assert.equal(s.calls.length, 1);
      s.reg.connected();
      await s.flush();
      assert.equal(s.calls.length, 2);
      assert.equal(s.reg.state, 'Accepted');
    });
  }

  test('a retry that falls due while the connection is down waits for the next connection', async () => {
    const s = setup([conf('Pending', 10), conf('Accepted', 300)]);
    s.reg.connected();
    await s.flush();
    s.setOpen(false);
    await s.clock.advanceAsync(60_000, 1000);
    assert.equal(s.calls.length, 1);
    s.setOpen(true);
    s.reg.connected();
    await s.flush();
    assert.equal(s.calls.length, 2);
    assert.equal(s.reg.state, 'Accepted');
  });

  test('one BootNotification at a time: connected() while one is in flight does not send another', async () => {
    let release: (c: BootNotificationResponse) => void = () => undefined;
    const clock = new FakeClock();
    let calls = 0;
    const reg = new Registration({
      clock,
      log: silentLogger(),
      call: () => {
        calls++;
        return new Promise((r) => (release = r));
      },
      payload: PAYLOAD,
      isOpen: () => true,
      onAccepted: () => undefined,
      onStatus: () => undefined,
    });
    reg.connected();
    reg.connected();
    await new Promise((r) => setImmediate(r));
    assert.equal(calls, 1);
    release(conf('Accepted', 60));
    await new Promise((r) => setImmediate(r));
    assert.equal(reg.state, 'Accepted');
  });

  test('stop() cancels a pending retry and ignores a late answer', async () => {
    const s = setup([conf('Pending', 10)]);
    s.reg.connected();
    await s.flush();
    assert.equal(s.clock.pendingTimers(), 1);
    s.reg.stop();
    assert.equal(s.clock.pendingTimers(), 0);
    await s.clock.advanceAsync(60_000, 1000);
    assert.equal(s.calls.length, 1);
  });
});
