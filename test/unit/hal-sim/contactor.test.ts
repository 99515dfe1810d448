import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { SimContactor } from '../../../hal/sim/contactor.js';
import type { ContactorFault } from '../../../hal/types.js';
import { evse, SOCKET, startedStation } from './helpers.js';

function record(c: SimContactor): { faults: ContactorFault[]; feedback: boolean[] } {
  const out = { faults: [] as ContactorFault[], feedback: [] as boolean[] };
  c.events.on('fault', (k) => out.faults.push(k));
  c.events.on('feedback', (f) => out.feedback.push(f));
  return out;
}

describe('simulated contactor', () => {
  test('close()/open() change command and feedback synchronously', async () => {
    const { station, clock } = await startedStation();
    const c = evse(station, SOCKET).contactor;
    const seen = record(c);
    c.close();
    assert.equal(c.commandedClosed, true);
    assert.equal(c.feedbackClosed, true);
    c.open();
    assert.equal(c.commandedClosed, false);
    assert.equal(c.feedbackClosed, false);
    clock.advance(1000);
    assert.deepEqual(seen, { faults: [], feedback: [true, false] });
    await station.stop();
  });

  test("weld while closed: reported contactorSettleMs after the next open(), once", async () => {
    const { station, clock } = await startedStation();
    const c = evse(station, SOCKET).contactor;
    const seen = record(c);
    c.close();
    station.injectFault(SOCKET, 'weld');
    clock.advance(1000);
    assert.deepEqual(seen.faults, [], 'command and feedback agree while closed');
    c.open();
    assert.equal(c.feedbackClosed, true, 'welded contacts stay closed');
    clock.advance(49);
    assert.deepEqual(seen.faults, []);
    clock.advance(1);
    assert.deepEqual(seen.faults, ['welded']);
    c.open(); // the agent retrying open() must not produce a fault storm
    clock.advance(1000);
    assert.deepEqual(seen.faults, ['welded']);

    station.clearFaults(SOCKET);
    assert.equal(c.feedbackClosed, false, 'feedback follows the command again');
    assert.deepEqual(seen.feedback, [true, false]);
    await station.stop();
  });

  test('weld while open: inside the start-up settle window it is reported at its end; later at once', async () => {
    const { station, clock } = await startedStation({ contactorSettleMs: 200 });
    const c = evse(station, SOCKET).contactor;
    const seen = record(c);
    station.injectFault(SOCKET, 'weld');
    assert.equal(c.feedbackClosed, true);
    assert.deepEqual(seen.feedback, [true]);
    clock.advance(199);
    assert.deepEqual(seen.faults, [], 'start() opened a settle window');
    clock.advance(1);
    assert.deepEqual(seen.faults, ['welded']);
    // Closing resolves the disagreement; a new open() starts a new episode.
    c.close();
    c.open();
    clock.advance(200);
    assert.deepEqual(seen.faults, ['welded', 'welded']);
    station.clearFaults(SOCKET);
    clock.advance(1000);
    station.injectFault(SOCKET, 'weld');
    assert.deepEqual(seen.faults, ['welded', 'welded', 'welded'], 'no command settling: judged at once');
    await station.stop();
  });

  test('a weld cleared within the settle time is not reported', async () => {
    const { station, clock } = await startedStation();
    const c = evse(station, SOCKET).contactor;
    const seen = record(c);
    station.injectFault(SOCKET, 'weld');
    clock.advance(20);
    station.clearFaults(SOCKET);
    clock.advance(1000);
    assert.deepEqual(seen.faults, []);
    assert.equal(clock.pendingTimers(), 0);
    await station.stop();
  });

  test('stuck open (part level): reported as stuck-open after settle', async () => {
    const clock = new FakeClock();
    const c = new SimContactor(clock, 50);
    await c.start();
    const seen = record(c);
    c.setStuck('open');
    c.close();
    assert.equal(c.feedbackClosed, false);
    clock.advance(50);
    assert.deepEqual(seen.faults, ['stuck-open']);
    c.setStuck(null);
    assert.equal(c.feedbackClosed, true);
    await c.stop();
    assert.equal(clock.pendingTimers(), 0);
  });

  test('no mismatch check runs while stopped; start() picks it up', async () => {
    const clock = new FakeClock();
    const c = new SimContactor(clock, 50);
    const seen = record(c);
    c.setStuck('closed');
    assert.equal(clock.pendingTimers(), 0);
    await c.start();
    clock.advance(50);
    assert.deepEqual(seen.faults, ['welded']);
    await c.stop();
  });
});
