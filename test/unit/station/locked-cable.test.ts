/**
 * OCPP 1.6 §4.10 with UnlockConnectorOnEVSideDisconnect=false on a socket: the EV-side unplug stops the
 * transaction (StopTransactionOnEVSideDisconnect=true) but the cable stays locked in the socket, so the
 * connector is Finishing until its owner's card or UnlockConnector releases it; only then can the cable leave.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SIM_DEFAULTS } from '../../../hal/sim/options.js';
import { chargingSession, harness, SOCKET, type Harness } from './harness.js';

const settings = { stopTransactionOnEVSideDisconnect: true, unlockConnectorOnEVSideDisconnect: false };

async function unpluggedLocked(h: Harness): Promise<void> {
  await chargingSession(h);
  h.sim.unplug(SOCKET);
  await h.run(1000);
  assert.deepEqual(
    h.stopped.map((s) => s.reason),
    ['EVDisconnected'],
  );
  assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Finishing');
  // Well past the time a free cable would have left the socket.
  await h.run(10 * SIM_DEFAULTS.cableLingerMs, 100);
  assert.equal(h.hw().lock!.locked, true);
  assert.equal(h.sim.state(SOCKET).cablePresent, true, 'a locked cable cannot be pulled out');
  assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Finishing');
}

describe('a cable locked in the socket after an EV-side disconnect', () => {
  test("EV unplugs: stopped EVDisconnected, Finishing while locked; the owner's card releases it: Available", async () => {
    const h = await harness({ settings });
    await unpluggedLocked(h);
    h.sim.presentTag(SOCKET, 'CARD-A');
    await h.run(500);
    assert.equal(h.hw().lock!.locked, false);
    assert.equal(h.sim.state(SOCKET).cablePresent, false, 'the user takes the cable once it is released');
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Available');
    assert.deepEqual(h.seq(), ['Preparing', 'SuspendedEV', 'Charging', 'Finishing', 'Available']);
    await h.close();
  });

  test('another card does not release it', async () => {
    const h = await harness({ settings });
    await unpluggedLocked(h);
    h.auth.ids.set('CARD-B', { status: 'Accepted' });
    h.sim.presentTag(SOCKET, 'CARD-B');
    await h.run(500);
    assert.equal(h.hw().lock!.locked, true);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Finishing');
    await h.close();
  });

  test('UnlockConnector releases it: Available', async () => {
    const h = await harness({ settings });
    await unpluggedLocked(h);
    const result = h.station.evse(SOCKET)!.unlock();
    await h.run(500);
    assert.equal(await result, 'Unlocked');
    assert.equal(h.sim.state(SOCKET).cablePresent, false);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Available');
    await h.close();
  });
});
