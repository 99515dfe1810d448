import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { CallTimeoutError, ConnectionLostError } from '../../../agent/ocpp/errors.js';
import { Waitress, type PendingCall } from '../../../agent/ocpp/waitress.js';

function setup() {
  const clock = new FakeClock();
  const sent: string[] = [];
  const timeouts: string[] = [];
  let failTransmit: Error | null = null;
  const w = new Waitress(clock, {
    transmit: (c) => {
      if (failTransmit) throw failTransmit;
      sent.push(c.id);
    },
    onTimeout: (c) => timeouts.push(c.id),
  });
  const outcomes = new Map<string, unknown>();
  const call = (id: string, timeoutMs = 1000): PendingCall => ({
    id,
    action: 'Heartbeat',
    frame: `[2,"${id}","Heartbeat",{}]`,
    timeoutMs,
    resolve: (p) => outcomes.set(id, p),
    reject: (e) => outcomes.set(id, e),
  });
  return { clock, sent, timeouts, w, outcomes, call, setFail: (e: Error | null) => (failTransmit = e) };
}

describe('Waitress', () => {
  test('one call in flight, the rest in FIFO order', () => {
    const { w, sent, call, outcomes } = setup();
    w.submit(call('a'));
    w.submit(call('b'));
    w.submit(call('c'));
    assert.deepEqual(sent, ['a']);
    assert.equal(w.queued, 2);
    assert.equal(w.take('b'), null, 'only the call in flight can be answered');
    const a = w.take('a')!;
    a.resolve({ ok: 1 });
    assert.deepEqual(sent, ['a'], 'nothing new until pump()');
    w.pump();
    assert.deepEqual(sent, ['a', 'b']);
    w.take('b')!.resolve({});
    w.pump();
    assert.deepEqual(sent, ['a', 'b', 'c']);
    assert.deepEqual(outcomes.get('a'), { ok: 1 });
  });

  test('a timeout rejects the call, remembers its id and sends the next', () => {
    const { w, sent, call, outcomes, clock, timeouts } = setup();
    w.submit(call('a', 1000));
    w.submit(call('b', 5000));
    clock.advance(999);
    assert.equal(outcomes.size, 0);
    clock.advance(1);
    assert.ok(outcomes.get('a') instanceof CallTimeoutError);
    assert.deepEqual(timeouts, ['a']);
    assert.deepEqual(sent, ['a', 'b']);
    assert.equal(w.take('a'), null, 'a late answer matches nothing');
    assert.ok(w.timedOutRecently('a'));
    assert.ok(!w.timedOutRecently('b'));
    clock.advance(4999);
    assert.equal(outcomes.has('b'), false, "b's timeout started when it was sent");
    clock.advance(1);
    assert.ok(outcomes.get('b') instanceof CallTimeoutError);
    assert.equal(clock.pendingTimers(), 0);
  });

  test('answering clears the timer', () => {
    const { w, call, clock } = setup();
    w.submit(call('a'));
    assert.equal(clock.pendingTimers(), 1);
    w.take('a');
    assert.equal(clock.pendingTimers(), 0);
  });

  test('failAll rejects in-flight (sent) and waiting (not sent) calls', () => {
    const { w, call, outcomes, clock } = setup();
    w.submit(call('a'));
    w.submit(call('b'));
    w.failAll();
    const a = outcomes.get('a') as ConnectionLostError;
    const b = outcomes.get('b') as ConnectionLostError;
    assert.ok(a instanceof ConnectionLostError && a.sent);
    assert.ok(b instanceof ConnectionLostError && !b.sent);
    assert.equal(clock.pendingTimers(), 0);
    assert.equal(w.inFlight, null);
    assert.equal(w.queued, 0);
  });

  test('a transmit failure rejects that call and moves on', () => {
    const { w, call, outcomes, sent, setFail, clock } = setup();
    const boom = new Error('socket gone');
    setFail(boom);
    w.submit(call('a'));
    assert.equal(outcomes.get('a'), boom);
    assert.equal(clock.pendingTimers(), 0);
    setFail(null);
    w.submit(call('b'));
    assert.deepEqual(sent, ['b']);
  });
});
