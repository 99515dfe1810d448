import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { KeepAlive } from '../../../agent/ocpp/ping.js';

function setup() {
  const clock = new FakeClock();
  const pings: number[] = [];
  const dead: number[] = [];
  const ka = new KeepAlive(clock, {
    sendPing: () => pings.push(clock.monotonicMs()),
    onDead: (idle) => dead.push(idle),
  });
  return { clock, pings, dead, ka };
}

describe('KeepAlive', () => {
  test('pings every interval and declares the peer dead after the timeout of silence', () => {
    const { clock, pings, dead, ka } = setup();
    ka.start(10_000, 20_000);
    clock.advance(19_999);
    assert.deepEqual(pings, [10_000]);
    assert.deepEqual(dead, []);
    clock.advance(1);
    assert.deepEqual(dead, [20_000]);
    assert.equal(ka.running, false);
    assert.equal(clock.pendingTimers(), 0, 'no timers once dead');
  });

  test('any activity pushes the deadline back', () => {
    const { clock, dead, ka } = setup();
    ka.start(10_000, 20_000);
    for (let i = 0; i < 10; i++) {
      clock.advance(10_000);
      ka.touch(); // the pong
    }
    assert.deepEqual(dead, []);
    clock.advance(19_999);
    assert.deepEqual(dead, []);
    clock.advance(1);
    assert.equal(dead.length, 1);
  });

  test('interval 0 disables pinging and the dead-peer check', () => {
    const { clock, pings, dead, ka } = setup();
    ka.start(0, 0);
    clock.advance(3_600_000);
    assert.deepEqual(pings, []);
    assert.deepEqual(dead, []);
    assert.equal(clock.pendingTimers(), 0);
  });

  test('restart with a new interval replaces the timers; stop clears them', () => {
    const { clock, pings, ka } = setup();
    ka.start(10_000, 20_000);
    ka.start(5000, 10_000);
    assert.equal(clock.pendingTimers(), 2);
    clock.advance(5000);
    assert.deepEqual(pings, [5000]);
    ka.stop();
    assert.equal(clock.pendingTimers(), 0);
    clock.advance(60_000);
    assert.deepEqual(pings, [5000]);
  });
});
