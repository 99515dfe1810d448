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
