import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CABLE, evse, SOCKET, startedStation } from './helpers.js';

function recordCable(e: ReturnType<typeof evse>): string[] {
  const seen: string[] = [];
  e.proximity!.events.on('change', (present, rating) => seen.push(`${present}:${rating}`));
  return seen;
}

describe('simulated cable and proximity pilot', () => {
  test('socket: plug inserts the cable; after unplug it lingers cableLingerMs, then leaves', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    const seen = recordCable(e);
    assert.equal(e.proximity!.cablePresent, false);
    assert.equal(e.proximity!.cableMaxCurrentA, null);

    station.plug(SOCKET);
    assert.equal(e.proximity!.cablePresent, true);
    assert.equal(e.proximity!.cableMaxCurrentA, 32, 'default rating covers the 32 A EVSE');
    assert.equal(station.state(SOCKET).cablePresent, true);

    station.unplug(SOCKET);
    assert.equal(e.pilot.state, 'A');
    clock.advance(1999);
    assert.equal(e.proximity!.cablePresent, true, 'cable still in the socket');
    assert.equal(station.state(SOCKET).cablePresent, true);
    clock.advance(1);
    assert.equal(e.proximity!.cablePresent, false);
    assert.equal(station.state(SOCKET).cablePresent, false);
    assert.deepEqual(seen, ['true:32', 'false:null']);
    await station.stop();
  });

  test('socket: custom cableLingerMs and cable rating', async () => {
    const { station, clock } = await startedStation({
      cableLingerMs: 10_000,
      evses: [{ id: 7, connector: 'socket', maxCurrentA: 16, phases: 3, cableMaxCurrentA: 20 }],
    });
    const e = evse(station, 7);
    station.plug(7);
    assert.equal(e.proximity!.cableMaxCurrentA, 20);
    station.unplug(7);
    clock.advance(9999);
    assert.equal(e.proximity!.cablePresent, true);
    clock.advance(1);
    assert.equal(e.proximity!.cablePresent, false);
    await station.stop();
  });

  test('socket: plugging again while the cable lingers keeps it in', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    const seen = recordCable(e);
    station.plug(SOCKET);
    station.unplug(SOCKET);
    clock.advance(1000);
    station.plug(SOCKET);
    clock.advance(5000);
    assert.equal(e.proximity!.cablePresent, true);
    assert.equal(e.pilot.state, 'B');
    assert.deepEqual(seen, ['true:32']);
    await station.stop();
  });

  test('socket: keepCable leaves the cable until the next unplug, which removes it at once', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    const seen = recordCable(e);
    station.plug(SOCKET);
    station.unplug(SOCKET, { keepCable: true });
    assert.equal(e.pilot.state, 'A');
    clock.advance(60_000);
    assert.equal(e.proximity!.cablePresent, true);
    assert.deepEqual(seen, ['true:32']);
    station.unplug(SOCKET);
    assert.equal(e.proximity!.cablePresent, false, 'removed synchronously');
    assert.deepEqual(seen, ['true:32', 'false:null']);
    station.unplug(SOCKET); // nothing left to unplug: no error, no event
    assert.deepEqual(seen, ['true:32', 'false:null']);
    await station.stop();
  });

  test('socket: a second unplug during the linger pulls the cable out at once', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    station.plug(SOCKET);
    station.unplug(SOCKET);
    clock.advance(500);
    station.unplug(SOCKET);
    assert.equal(e.proximity!.cablePresent, false);
    assert.equal(clock.pendingTimers(), 0, 'linger timer cancelled');
    await station.stop();
  });

  test('socket: cableLingerMs 0 removes the cable inside unplug()', async () => {
    const { station } = await startedStation({ cableLingerMs: 0 });
    const e = evse(station, SOCKET);
    station.plug(SOCKET);
    station.unplug(SOCKET);
    assert.equal(e.proximity!.cablePresent, false);
    await station.stop();
  });

  test('socket: a locked cable stays in past cableLingerMs and leaves the moment it is unlocked', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    const seen = recordCable(e);
    station.plug(SOCKET);
    const locking = e.lock!.lock();
    clock.advance(100);
    await locking;
    station.unplug(SOCKET);
    clock.advance(60_000);
    assert.equal(e.proximity!.cablePresent, true, 'the lock holds the plug');
    assert.equal(station.state(SOCKET).cablePresent, true);
    assert.equal(e.proximity!.removalPending, true, 'the user is still pulling');
    const unlocking = e.lock!.unlock();
    clock.advance(99);
    assert.equal(e.proximity!.cablePresent, true, 'not before the lock has moved');
    clock.advance(1);
    await unlocking;
    assert.equal(e.proximity!.cablePresent, false, 'out at once: the linger was spent waiting');
    assert.deepEqual(seen, ['true:32', 'false:null']);
    assert.equal(clock.pendingTimers(), 0);
    await station.stop();
  });

  test('socket: unlocked within the linger, the cable leaves when the linger ends', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    station.plug(SOCKET);
    const locking = e.lock!.lock();
    clock.advance(100);
    await locking;
    station.unplug(SOCKET);
    const unlocking = e.lock!.unlock();
    clock.advance(100);
    await unlocking;
    assert.equal(e.proximity!.cablePresent, true);
    clock.advance(1899); // the linger started at the unplug, 100 ms before the unlock began
    assert.equal(e.proximity!.cablePresent, true);
    clock.advance(1);
    assert.equal(e.proximity!.cablePresent, false);
    await station.stop();
  });

  test('socket: a second unplug cannot pull a locked cable; a kept cable stays in when unlocked', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    station.plug(SOCKET);
    const locking = e.lock!.lock();
    clock.advance(100);
    await locking;
    station.unplug(SOCKET, { keepCable: true });
    station.unplug(SOCKET);
    assert.equal(e.proximity!.cablePresent, true, 'held by the lock');
    station.plug(SOCKET); // the user gives up and plugs the car back in
    station.unplug(SOCKET, { keepCable: true });
    const unlocking = e.lock!.unlock();
    clock.advance(100);
    await unlocking;
    clock.advance(60_000);
    assert.equal(e.proximity!.cablePresent, true, 'nobody pulls a kept cable');
    await station.stop();
  });

  test('fixed cable: no proximity pilot, no lock, cable always present', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, CABLE);
    assert.equal(e.proximity, null);
    assert.equal(e.lock, null);
    assert.equal(station.state(CABLE).cablePresent, true);
    station.plug(CABLE);
    station.unplug(CABLE);
    clock.advance(10_000);
    assert.equal(station.state(CABLE).cablePresent, true);
    assert.equal(e.pilot.state, 'A');
    await station.stop();
  });
});
