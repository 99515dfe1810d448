/**
 * The Session alone (session-rig.ts): the start point needs both halves in either order, the stop points, the
 * connection timeout, a start abandoned at the lock, the owner's group card, the close of a power loss's
 * transaction, and a 2.0.1 choice of points run as configuration.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TxPoints } from '../../../agent/station/tx-points.js';
import { createMemoryStore } from '../../../offline-queue/index.js';
import { builder, type StopPayload } from './harness.js';
import { DurableLedger } from '../../../agent/transactions/ledger.js';
import { EVSE, present, sessionRig, type SessionRig } from './session-rig.js';

/** The running transaction, read afresh (an assertion on one read must not narrow the next). */
const tx = (r: SessionRig) => r.session.active;

function stops(r: SessionRig): StopPayload[] {
  return r.store.queue
    .list()
    .filter((m) => m.action === 'Stop')
    .map((m) => m.payload as StopPayload);
}

/** A running transaction of `idTag`, begun by a plug and then a card, and charging. */
async function charging(r: SessionRig, idTag = 'CARD-A'): Promise<void> {
  if (!r.auth.ids.has(idTag)) r.auth.ids.set(idTag, { status: 'Accepted' });
  r.sim.plug(EVSE);
  assert.equal(await present(r, idTag), 'started');
  assert.ok(tx(r), 'a transaction runs');
  assert.equal(r.hw.contactor.commandedClosed, true, 'the EV took the offer and the contactor closed');
}

describe('session: the start point needs Authorized and EVConnected', () => {
  test('authorized first: nothing begins until the EV is plugged in, then the transaction begins', async () => {
    const r = await sessionRig();
    r.auth.ids.set('CARD-A', { status: 'Accepted' });
    assert.equal(await present(r, 'CARD-A'), 'authorized');
    assert.equal(r.session.authorizedWaiting, true);
    assert.equal(tx(r), null);
    assert.equal(r.store.journal.unfinished().length, 0, 'Authorized alone writes no record');
    assert.equal(r.hw.pilot.offeredCurrentA, 0, 'and offers nothing');

    r.sim.plug(EVSE);
    await r.run(1000);
    const running = tx(r);
    assert.ok(running, 'EVConnected completes the start point');
    assert.equal(running.idTag, 'CARD-A');
    assert.equal(r.session.authorizedWaiting, false, 'the authorization became the transaction');
    assert.deepEqual(r.store.journal.unfinished().map((x) => x.localId), [running.record.localId]);
    assert.deepEqual(r.started.map((x) => x.localId), [running.record.localId]);
    assert.equal(r.hw.lock!.locked, true, 'the cable was locked before the start');
    assert.equal(r.hw.contactor.commandedClosed, true);
    await r.close();
  });

  test('plugged first: nothing begins until the card is accepted, then the transaction begins at once', async () => {
    const r = await sessionRig();
    r.sim.plug(EVSE);
    await r.run(1000);
    assert.equal(tx(r), null);
    assert.equal(r.store.journal.unfinished().length, 0, 'EVConnected alone writes no record');
    assert.equal(r.hw.lock!.locked, false);

    r.auth.ids.set('CARD-A', { status: 'Accepted', parentIdTag: 'GROUP-1' });
    assert.equal(await present(r, 'CARD-A'), 'started');
    const running = tx(r);
    assert.ok(running);
    assert.equal(running.parentIdTag, 'GROUP-1', 'the group named at the start is the owner group');
    assert.equal(r.store.journal.unfinished().length, 1);
    assert.deepEqual(r.store.queue.list().map((m) => m.action), ['Start']);
    await r.close();
  });

  test('a card that is not accepted leaves the EVSE as it was', async () => {
    const r = await sessionRig();
    r.sim.plug(EVSE);
    r.auth.ids.set('CARD-X', { status: 'Blocked' });
    assert.equal(await present(r, 'CARD-X'), 'rejected');
    assert.equal(tx(r), null);
    assert.equal(r.session.authorizedWaiting, false);
    assert.deepEqual(r.presented.map((p) => [p.result, p.authorizationStatus]), [['rejected', 'Blocked']]);
    await r.close();
  });
});

describe('session: the transaction ends when either point ends', () => {
  test("Authorized ends (the owner's card): stopped Local with its idTag, contactor open, Finishing", async () => {
    const r = await sessionRig();
    await charging(r);
    assert.equal(await present(r, 'CARD-A'), 'stopped');
    assert.equal(tx(r), null);
    assert.deepEqual(r.stopped.map((s) => s.reason), ['Local']);
    assert.equal(stops(r)[0]!.stopIdTag, 'CARD-A');
    assert.equal(r.store.journal.unfinished().length, 0);
    assert.equal(r.hw.contactor.commandedClosed, false);
    assert.equal(r.port.finishing, true, 'the EV is still plugged in: the user has to unplug');
    assert.equal(r.hw.lock!.locked, false, 'a normal stop releases the cable');
    await r.close();
  });

  test('EVConnected ends (unplug) with StopTransactionOnEVSideDisconnect: stopped EVDisconnected', async () => {
    const r = await sessionRig();
    await charging(r);
    r.sim.unplug(EVSE);
    await r.run(1000);
    assert.equal(tx(r), null);
    assert.deepEqual(r.stopped.map((s) => s.reason), ['EVDisconnected']);
    assert.equal(stops(r)[0]!.stopIdTag, null);
    await r.close();
  });

  test('StopTransactionOnEVSideDisconnect false: EVConnected is no stop point, the transaction goes on', async () => {
    const r = await sessionRig({ settings: { stopTransactionOnEVSideDisconnect: false } });
    await charging(r);
    r.sim.unplug(EVSE, { keepCable: true });
    await r.run(5000);
    assert.ok(tx(r), 'still running after the EV left');
    assert.equal(r.stopped.length, 0);
    assert.equal(await present(r, 'CARD-A'), 'stopped', 'the owner ends it');
    assert.deepEqual(r.stopped.map((s) => s.reason), ['Local']);
    await r.close();
  });

  test('a card of the owner group ends it; a card outside the group is rejected and changes nothing', async () => {
    const r = await sessionRig();
    r.auth.ids.set('CARD-A', { status: 'Accepted', parentIdTag: 'FLEET' });
    r.auth.ids.set('CARD-B', { status: 'Accepted', parentIdTag: 'fleet' });
    r.auth.ids.set('CARD-C', { status: 'Accepted', parentIdTag: 'OTHER' });
    await charging(r);
    assert.equal(await present(r, 'CARD-C'), 'rejected');
    assert.ok(tx(r));
    assert.equal(r.stopped.length, 0);
    assert.equal(await present(r, 'CARD-B'), 'stopped', 'parentIdTags compare without regard to case');
    assert.deepEqual(r.stopped.map((s) => s.reason), ['Local']);
    assert.equal(stops(r)[0]!.stopIdTag, 'CARD-B', 'the stop names the card that ended it');
    await r.close();
  });

  test('StartTransaction.conf rejects the id (StopTransactionOnInvalidId): stopped DeAuthorized, cable kept for its owner', async () => {
    const r = await sessionRig();
    await charging(r);
    r.session.transactionAuthorization(tx(r)!.record.localId, { status: 'Invalid' });
    await r.run(1000);
    assert.deepEqual(r.stopped.map((s) => s.reason), ['DeAuthorized']);
    assert.equal(r.hw.lock!.locked, true, 'kept locked (§4.8)');
    assert.equal(await present(r, 'CARD-A'), 'ignored', "the owner's card releases the cable and starts nothing");
    assert.equal(r.hw.lock!.locked, false);
    assert.equal(tx(r), null);
    await r.close();
  });
});

describe('session: ConnectionTimeOut', () => {
  test('authorized, no EV within ConnectionTimeOut: the authorization is dropped, a late plug begins nothing', async () => {
    const r = await sessionRig({ settings: { connectionTimeOutS: 30 } });
    r.auth.ids.set('CARD-A', { status: 'Accepted' });
    assert.equal(await r.session.presentIdTag('CARD-A'), 'authorized');
    await r.clock.advanceAsync(29_990, 1000);
    assert.equal(r.session.authorizedWaiting, true);
    await r.run(10);
    assert.equal(r.session.authorizedWaiting, false);
    r.sim.plug(EVSE);
    await r.run(1000);
    assert.equal(tx(r), null);
    assert.equal(r.store.journal.unfinished().length, 0);
    await r.close();
  });

  test('plugged, no id within ConnectionTimeOut: Finishing', async () => {
    const r = await sessionRig({ settings: { connectionTimeOutS: 30 } });
    r.sim.plug(EVSE);
    await r.clock.advanceAsync(29_990, 1000);
    assert.equal(r.port.finishing, false);
    await r.run(10);
    assert.equal(r.port.finishing, true);
    await r.close();
  });

  test('the start cancels the timer', async () => {
    const r = await sessionRig({ settings: { connectionTimeOutS: 30 } });
    await charging(r);
    await r.clock.advanceAsync(120_000, 1000);
    assert.ok(tx(r));
    assert.equal(r.port.finishing, false);
    await r.close();
  });
});

describe('session: a start abandoned at the lock', () => {
  test('the lock fails: no record, no message, a blocking lock fault, the authorization is gone', async () => {
    const r = await sessionRig();
    r.sim.injectFault(EVSE, 'lock');
    r.sim.plug(EVSE);
    r.auth.ids.set('CARD-A', { status: 'Accepted' });
    assert.equal(await present(r, 'CARD-A'), 'rejected');
    assert.equal(tx(r), null);
    assert.equal(r.session.authorizedWaiting, false);
    assert.equal(r.session.starting, false);
    assert.equal(r.store.journal.unfinished().length, 0);
    assert.deepEqual(r.store.queue.list(), []);
    assert.equal(r.faults.active('lock')?.errorCode, 'ConnectorLockFailure');
    assert.equal(r.faults.blocking(), true);
    assert.equal(r.hw.pilot.offeredCurrentA, 0);
    assert.equal(r.session.canStartSession(), false);

    // Freed by hand: the next accepted card tries the lock again and starts.
    r.sim.clearFaults(EVSE);
    assert.equal(await present(r, 'CARD-A'), 'started');
    assert.equal(r.faults.active('lock'), undefined);
    await r.close();
  });

  test('locked, then the meter does not answer: abandoned, the cable released, no record', async () => {
    const r = await sessionRig();
    r.sim.plug(EVSE);
    r.sim.injectFault(EVSE, 'meter');
    r.auth.ids.set('CARD-A', { status: 'Accepted' });
    const locked: boolean[] = [];
    r.hw.lock!.events.on('change', (l) => locked.push(l));
    assert.equal(await present(r, 'CARD-A'), 'rejected');
    assert.deepEqual(locked, [true, false], 'locked for the start, released when it was abandoned');
    assert.equal(tx(r), null);
    assert.equal(r.session.authorizedWaiting, false, 'the user presents again once the EVSE can start');
    assert.equal(r.store.journal.unfinished().length, 0);
    assert.deepEqual(r.store.queue.list(), []);
    await r.close();
  });
});

describe('session: recovery after a power loss', () => {
  test('an open transaction is closed PowerLoss with the plausible register; no session starts meanwhile', async () => {
    const store = createMemoryStore();
    const before = new DurableLedger(store, builder, () => undefined, () => 10_000);
    const open = before.begin({ evseId: EVSE, idTag: 'CARD-A', parentIdTag: null, meterStartWh: 0, timestamp: '2026-03-01T10:00:00.000Z', remoteStartId: null, reservationId: null, authStatus: 'Accepted' });
    const r = await sessionRig({ store });
    r.auth.ids.set('CARD-B', { status: 'Accepted' });
    const recovering = r.session.recover(store.journal.unfinished());
    assert.equal(r.session.canStartSession(), false, 'no new session before the old one is closed');
    const card = r.session.presentIdTag('CARD-B');
    await r.run(100);
    await recovering;
    assert.equal(await card, 'rejected');
    assert.match(r.presented[0]!.reason ?? '', /power loss/);
    assert.equal(r.recovered.length, 1);
    assert.deepEqual(r.recovered[0]!.map((x) => [x.localId, x.stopReason]), [[open.localId, 'PowerLoss']]);
    assert.equal(store.journal.unfinished().length, 0);
    assert.deepEqual(stops(r).map((s) => s.reason), ['PowerLoss']);
    assert.equal(r.session.canStartSession(), true);
    await r.close();
  });
});

describe('session: the points are configuration', () => {
  test("2.0.1's TxStartPoint PowerPathClosed with TxStopPoint Authorized behaves as the 1.6 pair without the EV-side stop", async () => {
    const points: TxPoints = { start: ['PowerPathClosed'], startWhen: 'any', stop: ['Authorized'] };
    const r = await sessionRig({ points: () => points });
    r.auth.ids.set('CARD-A', { status: 'Accepted' });
    assert.equal(await present(r, 'CARD-A'), 'authorized');
    assert.equal(tx(r), null, 'Authorized alone is not PowerPathClosed');
    r.sim.plug(EVSE);
    await r.run(1000);
    assert.ok(tx(r), 'both halves held: PowerPathClosed');
    assert.equal(r.hw.contactor.commandedClosed, true);
    r.sim.unplug(EVSE, { keepCable: true });
    await r.run(2000);
    assert.ok(tx(r), 'EVConnected is not a stop point here');
    assert.equal(await present(r, 'CARD-A'), 'stopped');
    await r.close();
  });

  test('a choice the station cannot act on is refused at construction with every reason', async () => {
    await assert.rejects(
      sessionRig({ points: () => ({ start: ['EVConnected', 'EnergyTransfer'], startWhen: 'any', stop: ['EVConnected'] }) }),
      (err: Error) => {
        assert.match(err.message, /TxStartPoint: EnergyTransfer is not supported/);
        assert.match(err.message, /must wait for Authorized/);
        assert.match(err.message, /TxStopPoint: must include Authorized/);
        return true;
      },
    );
  });
});
