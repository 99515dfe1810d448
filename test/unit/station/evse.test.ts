/**
 * The EVSE and the station over simulated hardware: sessions, stop rules, timeouts, the IEC stop sequence,
 * synchronous safety reactions, faults, availability, resets, recovery and metering.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { EV_LEAVE_C_TIMEOUT_MS } from '../../../agent/station/evse.js';
import { transitionCode } from '../../../agent/station/status.js';
import type { EvseStatus } from '../../../agent/station/types.js';
import type { TransactionRecord } from '../../../offline-queue/index.js';
import { CABLE, chargingSession, harness, queuedActions, SOCKET, type Harness, type MeterPayload, type StopPayload } from './harness.js';

/** Every status change an EVSE announced is a cell of the 1.6 transition table. */
function assertAllowedPath(h: Harness, id = SOCKET): void {
  let from: EvseStatus = 'Available';
  for (const to of h.seq(id) as EvseStatus[]) {
    assert.ok(transitionCode(from, to), `${from} → ${to} is not in the 1.6 transition table (path ${h.seq(id).join(' → ')})`);
    from = to;
  }
}

function lastStop(h: Harness): StopPayload {
  const m = h.store.queue.list().filter((q) => q.action === 'Stop').at(-1);
  assert.ok(m, 'a Stop message was queued');
  return m.payload as StopPayload;
}

/** Present a card and let the clock run while the EVSE acts on it (a stop waits for the EV to leave C). */
async function present(h: Harness, idTag: string, id = SOCKET): Promise<string> {
  return within(h, h.station.evse(id)!.presentIdTag(idTag));
}

/** Run the fake clock for `ms`, then the promise must have settled (a failure instead of a hang). */
async function within<T>(h: Harness, p: Promise<T>, ms = 1000): Promise<T> {
  let state: { ok: true; value: T } | { ok: false; err: unknown } | null = null;
  p.then(
    (value) => (state = { ok: true, value }),
    (err: unknown) => (state = { ok: false, err }),
  );
  await h.run(ms);
  const s = state as { ok: true; value: T } | { ok: false; err: unknown } | null;
  assert.ok(s, `promise still pending after ${ms} ms of fake time`);
  if (!s.ok) throw s.err;
  return s.value;
}

function journal(h: Harness, rec: TransactionRecord): TransactionRecord {
  const r = h.store.journal.get(rec.localId);
  assert.ok(r);
  return r;
}

describe('sessions', () => {
  for (const kind of ['memory', 'sqlite'] as const) {
    test(`plug first (${kind} store): Preparing → SuspendedEV → Charging; journal row and Start queued before PWM and contactor`, async () => {
      const h = await harness({ store: kind });
      const hw = h.hw();
      const atClose: { unfinished: number; queued: string[]; offeredA: number; pilot: string }[] = [];
      const atOffer: { unfinished: number; queued: string[] }[] = [];
      const close = hw.contactor.close.bind(hw.contactor);
      hw.contactor.close = () => {
        atClose.push({ unfinished: h.store.journal.unfinished().length, queued: queuedActions(h.store), offeredA: hw.pilot.offeredCurrentA, pilot: hw.pilot.state });
        close();
      };
      const offer = hw.pilot.setOfferedCurrent.bind(hw.pilot);
      hw.pilot.setOfferedCurrent = (a: number) => {
        if (a > 0) atOffer.push({ unfinished: h.store.journal.unfinished().length, queued: queuedActions(h.store) });
        offer(a);
      };
      h.auth.ids.set('CARD-A', { status: 'Accepted' });

      h.sim.plug(SOCKET);
      assert.deepEqual(h.seq(), ['Preparing']);
      h.sim.presentTag(SOCKET, 'CARD-A');
      await h.run(1000);

      assert.deepEqual(h.seq(), ['Preparing', 'SuspendedEV', 'Charging']);
      assertAllowedPath(h);
      assert.equal(atOffer.length, 1);
      assert.deepEqual(atOffer[0], { unfinished: 1, queued: ['Start'] });
      assert.equal(atClose.length, 1);
      assert.deepEqual(atClose[0], { unfinished: 1, queued: ['Start'], offeredA: 32, pilot: 'C' });
      assert.equal(hw.lock!.locked, true);
      const rec = h.station.evse(SOCKET)!.transaction()!;
      assert.equal(rec.idTag, 'CARD-A');
      assert.equal(journal(h, rec).startState, 'pending');
      h.store.close();
      await h.close();
    });
  }

  test('card first: Preparing (authorized, waiting) → plug → SuspendedEV → Charging', async () => {
    const h = await harness();
    h.auth.ids.set('CARD-A', { status: 'Accepted' });
    const r = await h.station.evse(SOCKET)!.presentIdTag('CARD-A');
    assert.equal(r, 'authorized');
    assert.deepEqual(h.seq(), ['Preparing']);
    assert.equal(h.store.journal.unfinished().length, 0, 'no transaction before the EV is plugged');
    assert.equal(h.hw().pilot.offeredCurrentA, 0);
    h.sim.plug(SOCKET);
    await h.run(1000);
    assert.deepEqual(h.seq(), ['Preparing', 'SuspendedEV', 'Charging']);
    assert.equal(h.hw().contactor.commandedClosed, true);
    assert.equal(h.store.journal.unfinished().length, 1);
    await h.close();
  });

  test('a card that is not Accepted does not start anything', async () => {
    const h = await harness();
    h.auth.ids.set('BLOCKED', { status: 'Blocked' });
    h.sim.plug(SOCKET);
    assert.equal(await h.station.evse(SOCKET)!.presentIdTag('BLOCKED'), 'rejected');
    assert.equal(await h.station.evse(SOCKET)!.presentIdTag('UNKNOWN'), 'rejected');
    await h.run(1000);
    assert.deepEqual(h.seq(), ['Preparing']);
    assert.equal(h.store.journal.unfinished().length, 0);
    assert.equal(h.hw().pilot.offeredCurrentA, 0);
    await h.close();
  });

  test('stop by the same card: no second Authorize, PWM off, Finishing, unlock; Available once the cable is out', async () => {
    const h = await harness();
    const rec = await chargingSession(h);
    assert.deepEqual(h.auth.asked, ['CARD-A']);
    const p = h.station.evse(SOCKET)!.presentIdTag('CARD-A');
    assert.equal(h.hw().pilot.offeredCurrentA, 0, 'PWM off at once');
    await h.run(250);
    assert.deepEqual(h.auth.asked, ['CARD-A'], 'the start id is not authorized again to stop');
    const j = journal(h, rec);
    assert.equal(j.stopReason, 'Local');
    assert.equal(j.stopIdTag, 'CARD-A');
    assert.equal(h.hw().contactor.commandedClosed, false);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Finishing');
    assert.equal(await within(h, p, 100), 'stopped');
    assert.equal(h.hw().lock!.locked, false, 'normal end unlocks the cable');
    h.sim.unplug(SOCKET);
    await h.run(2500);
    assert.deepEqual(h.seq(), ['Preparing', 'SuspendedEV', 'Charging', 'Finishing', 'Available']);
    assertAllowedPath(h);
    assert.deepEqual(queuedActions(h.store), ['Start', 'Stop']);
    assert.equal(h.stopped.length, 1);
    assert.equal(h.stopped[0]!.reason, 'Local');
    await h.close();
  });

  test('stop by another card of the same parentIdTag group', async () => {
    const h = await harness();
    h.auth.ids.set('CARD-A', { status: 'Accepted', parentIdTag: 'FLEET' });
    h.auth.ids.set('CARD-B', { status: 'Accepted', parentIdTag: 'FLEET' });
    const rec = await chargingSession(h, SOCKET, 'CARD-A');
    assert.equal(await present(h, 'CARD-B'), 'stopped');
    const j = journal(h, rec);
    assert.equal(j.stopReason, 'Local');
    assert.equal(j.stopIdTag, 'CARD-B');
    assert.equal(lastStop(h).stopIdTag, 'CARD-B');
    await h.close();
  });

  test("another user's card is ignored: other group, no group, same group but Blocked", async () => {
    const h = await harness();
    h.auth.ids.set('CARD-A', { status: 'Accepted', parentIdTag: 'FLEET' });
    h.auth.ids.set('OTHER', { status: 'Accepted', parentIdTag: 'OTHER-FLEET' });
    h.auth.ids.set('LONER', { status: 'Accepted' });
    h.auth.ids.set('BLOCKED-MATE', { status: 'Blocked', parentIdTag: 'FLEET' });
    const rec = await chargingSession(h, SOCKET, 'CARD-A');
    for (const id of ['OTHER', 'LONER', 'BLOCKED-MATE', 'UNKNOWN']) {
      assert.equal(await h.station.evse(SOCKET)!.presentIdTag(id), 'rejected', id);
    }
    h.sim.presentTag(SOCKET, 'OTHER');
    await h.run(1000);
    assert.equal(journal(h, rec).stoppedAt, null);
    assert.equal(h.hw().contactor.commandedClosed, true);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Charging');
    assert.deepEqual(queuedActions(h.store), ['Start']);
    await h.close();
  });

  test('a card without a group does not stop a transaction of a card without a group', async () => {
    const h = await harness();
    h.auth.ids.set('CARD-B', { status: 'Accepted' });
    await chargingSession(h, SOCKET, 'CARD-A');
    assert.equal(await h.station.evse(SOCKET)!.presentIdTag('CARD-B'), 'rejected');
    assert.equal(h.station.evse(SOCKET)!.transaction()?.idTag, 'CARD-A');
    await h.close();
  });
});

describe('EV side disconnect', () => {
  test('StopTransactionOnEVSideDisconnect true (socket): stop EVDisconnected, Finishing until the cable is out, unlocked', async () => {
    const h = await harness({ settings: { stopTransactionOnEVSideDisconnect: true, unlockConnectorOnEVSideDisconnect: true } });
    const rec = await chargingSession(h);
    h.sim.unplug(SOCKET);
    await h.run(300);
    assert.equal(journal(h, rec).stopReason, 'EVDisconnected');
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Finishing');
    assert.equal(h.hw().lock!.locked, false);
    await h.run(2000);
    assert.deepEqual(h.seq(), ['Preparing', 'SuspendedEV', 'Charging', 'Finishing', 'Available']);
    assertAllowedPath(h);
    await h.close();
  });

  test('StopTransactionOnEVSideDisconnect true, UnlockConnectorOnEVSideDisconnect false: the cable stays locked', async () => {
    const h = await harness({ settings: { stopTransactionOnEVSideDisconnect: true, unlockConnectorOnEVSideDisconnect: false } });
    const rec = await chargingSession(h);
    h.sim.unplug(SOCKET, { keepCable: true });
    await h.run(500);
    assert.equal(journal(h, rec).stopReason, 'EVDisconnected');
    assert.equal(h.hw().lock!.locked, true);
    await h.close();
  });

  test('StopTransactionOnEVSideDisconnect true (fixed cable): straight to Available', async () => {
    const h = await harness();
    const rec = await chargingSession(h, CABLE);
    h.sim.unplug(CABLE);
    await h.run(300);
    assert.equal(journal(h, rec).stopReason, 'EVDisconnected');
    assert.deepEqual(h.seq(CABLE), ['Preparing', 'SuspendedEV', 'Charging', 'Available']);
    assertAllowedPath(h, CABLE);
    await h.close();
  });

  test('StopTransactionOnEVSideDisconnect false: transaction continues (SuspendedEV), cable stays locked, charging resumes on re-plug', async () => {
    const h = await harness({ settings: { stopTransactionOnEVSideDisconnect: false } });
    const rec = await chargingSession(h);
    h.sim.unplug(SOCKET, { keepCable: true });
    assert.equal(h.hw().contactor.commandedClosed, false);
    await h.run(5000);
    assert.equal(journal(h, rec).stoppedAt, null);
    assert.equal(h.station.evse(SOCKET)!.transaction()?.localId, rec.localId);
    const st = h.station.evse(SOCKET)!.currentStatus();
    assert.equal(st.status, 'SuspendedEV');
    assert.equal(st.errorCode, 'NoError');
    assert.equal(h.hw().lock!.locked, true);
    h.sim.plug(SOCKET);
    await h.run(1000);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Charging');
    assert.equal(h.hw().contactor.commandedClosed, true);
    assert.deepEqual(h.seq(), ['Preparing', 'SuspendedEV', 'Charging', 'SuspendedEV', 'Charging']);
    assert.deepEqual(queuedActions(h.store), ['Start']);
    await h.close();
  });
});

describe('ConnectionTimeOut', () => {
  test('id first, no EV within ConnectionTimeOut: Available (B1), the authorization is gone', async () => {
    const h = await harness({ settings: { connectionTimeOutS: 30 } });
    h.auth.ids.set('CARD-A', { status: 'Accepted' });
    assert.equal(await h.station.evse(SOCKET)!.presentIdTag('CARD-A'), 'authorized');
    await h.run(29_990, 1000);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Preparing');
    await h.run(10);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Available');
    h.sim.plug(SOCKET);
    await h.run(1000);
    assert.equal(h.store.journal.unfinished().length, 0, 'a late plug does not use the dropped authorization');
    assert.deepEqual(h.seq(), ['Preparing', 'Available', 'Preparing']);
    assertAllowedPath(h);
    await h.close();
  });

  test('plug first, no id within ConnectionTimeOut: Finishing (B6), Available once unplugged', async () => {
    const h = await harness({ settings: { connectionTimeOutS: 30 } });
    h.sim.plug(SOCKET);
    await h.run(29_990, 1000);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Preparing');
    await h.run(10);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Finishing');
    h.sim.unplug(SOCKET);
    await h.run(2500);
    assert.deepEqual(h.seq(), ['Preparing', 'Finishing', 'Available']);
    assertAllowedPath(h);
    await h.close();
  });

  test('ConnectionTimeOut 0 never times out', async () => {
    const h = await harness({ settings: { connectionTimeOutS: 0 } });
    h.sim.plug(SOCKET);
    await h.run(3_600_000, 60_000);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Preparing');
    await h.close();
  });

  test('the timer is cancelled by the start of a transaction', async () => {
    const h = await harness({ settings: { connectionTimeOutS: 30 } });
    await chargingSession(h);
    await h.run(120_000, 1000);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Charging');
    await h.close();
  });
});

describe('IEC 61851 stop sequence', () => {
  test('PWM off first; the contactor opens when the EV leaves C', async () => {
    const h = await harness();
    const hw = h.hw();
    await chargingSession(h);
    const opened: { pilot: string; offeredA: number; t: number }[] = [];
    const open = hw.contactor.open.bind(hw.contactor);
    hw.contactor.open = () => {
      opened.push({ pilot: hw.pilot.state, offeredA: hw.pilot.offeredCurrentA, t: h.clock.monotonicMs() });
      open();
    };
    const t0 = h.clock.monotonicMs();
    void h.station.evse(SOCKET)!.stopTransaction('Remote');
    assert.equal(hw.pilot.offeredCurrentA, 0, 'PWM off at once');
    assert.equal(hw.contactor.commandedClosed, true, 'contactor still closed while the EV reacts');
    await h.run(150);
    assert.equal(hw.contactor.commandedClosed, true);
    await h.run(100);
    assert.equal(hw.contactor.commandedClosed, false);
    assert.equal(opened.length >= 1, true);
    assert.equal(opened[0]!.pilot, 'B', 'opened after the EV left C');
    assert.equal(opened[0]!.offeredA, 0);
    assert.equal(opened[0]!.t - t0, 200, 'at the EV reaction time (evReactionMs 200)');
    await h.close();
  });

  test('EV that never leaves C: the contactor opens 6 s after PWM off', async () => {
    const h = await harness({ sim: { evReactionMs: 20_000 } });
    const hw = h.hw();
    h.auth.ids.set('CARD-A', { status: 'Accepted' });
    h.sim.plug(SOCKET);
    h.sim.presentTag(SOCKET, 'CARD-A');
    await h.run(21_000, 100);
    assert.equal(hw.contactor.commandedClosed, true);
    const opened: { pilot: string; offeredA: number; t: number }[] = [];
    const open = hw.contactor.open.bind(hw.contactor);
    hw.contactor.open = () => {
      opened.push({ pilot: hw.pilot.state, offeredA: hw.pilot.offeredCurrentA, t: h.clock.monotonicMs() });
      open();
    };
    const t0 = h.clock.monotonicMs();
    const stopping = h.station.evse(SOCKET)!.stopTransaction('Remote');
    await h.run(EV_LEAVE_C_TIMEOUT_MS - 10);
    assert.equal(hw.contactor.commandedClosed, true);
    assert.equal(h.store.journal.unfinished().length, 1, 'stop not committed before the contactor opened');
    await h.run(10);
    assert.equal(hw.contactor.commandedClosed, false);
    assert.deepEqual(opened[0], { pilot: 'C', offeredA: 0, t: t0 + EV_LEAVE_C_TIMEOUT_MS });
    await within(h, stopping, 500);
    assert.equal(h.store.journal.unfinished().length, 0);
    await h.close();
  });
});

describe('safety: the contactor opens synchronously inside the injecting call', () => {
  /** Records the number of status events at the moment open() is called: the station learns afterwards. */
  function watchOpen(h: Harness): { calls: number[] } {
    const hw = h.hw();
    const w = { calls: [] as number[] };
    const open = hw.contactor.open.bind(hw.contactor);
    hw.contactor.open = () => {
      w.calls.push(h.statuses.length);
      open();
    };
    return w;
  }

  test('RCD trip while charging', async () => {
    const h = await harness();
    const rec = await chargingSession(h);
    const before = h.statuses.length;
    const w = watchOpen(h);
    h.sim.injectFault(SOCKET, 'rcd');
    assert.equal(h.hw().contactor.commandedClosed, false);
    assert.equal(h.hw().pilot.state, 'F');
    assert.equal(w.calls[0], before, 'contactor opened before the status logic ran');
    const st = h.station.evse(SOCKET)!.currentStatus();
    assert.deepEqual([st.status, st.errorCode], ['Faulted', 'GroundFailure']);
    await h.run(500);
    assert.equal(journal(h, rec).stopReason, 'GroundFault');
    assert.equal(lastStop(h).reason, 'GroundFault');
    assertAllowedPath(h);
    await h.close();
  });

  test('pilot state E while charging', async () => {
    const h = await harness();
    const rec = await chargingSession(h);
    const before = h.statuses.length;
    const w = watchOpen(h);
    h.sim.injectFault(SOCKET, 'pilot');
    assert.equal(h.hw().contactor.commandedClosed, false);
    assert.equal(h.hw().pilot.state, 'E');
    assert.equal(w.calls[0], before);
    const st = h.station.evse(SOCKET)!.currentStatus();
    assert.deepEqual([st.status, st.errorCode], ['Faulted', 'OtherError']);
    await h.run(500);
    assert.equal(journal(h, rec).stopReason, 'PilotFault');
    await h.close();
  });

  test('unplug while charging', async () => {
    const h = await harness();
    await chargingSession(h);
    const before = h.statuses.length;
    const w = watchOpen(h);
    h.sim.unplug(SOCKET);
    assert.equal(h.hw().contactor.commandedClosed, false);
    assert.equal(w.calls[0], before);
    await h.close();
  });

  test('welded contactor: the fault opens (commands) the contactor and sets F inside the fault event, before other listeners', async () => {
    const h = await harness();
    const rec = await chargingSession(h);
    h.sim.injectFault(SOCKET, 'weld');
    const seen: { commandedClosed: boolean; pilot: string; status: string }[] = [];
    h.hw().contactor.events.on('fault', () =>
      seen.push({ commandedClosed: h.hw().contactor.commandedClosed, pilot: h.hw().pilot.state, status: h.station.evse(SOCKET)!.currentStatus().status }),
    );
    void h.station.evse(SOCKET)!.stopTransaction('Remote');
    await h.run(1000);
    assert.deepEqual(seen, [{ commandedClosed: false, pilot: 'F', status: 'Faulted' }]);
    assert.equal(h.hw().contactor.feedbackClosed, true, 'still welded');
    const st = h.station.evse(SOCKET)!.currentStatus();
    assert.deepEqual([st.status, st.errorCode], ['Faulted', 'PowerSwitchFailure']);
    assert.equal(journal(h, rec).stopReason, 'Remote');
    assert.equal(await h.station.evse(SOCKET)!.presentIdTag('CARD-A'), 'rejected', 'no session on a welded contactor');
    await h.close();
  });

  test('contactor feedback fault while charging (stuck open) stops the transaction: opened inside the emit', async () => {
    // The simulator can only weld; a stuck-open report is what the HAL emits when feedback stays open.
    const h = await harness();
    const rec = await chargingSession(h);
    const before = h.statuses.length;
    const w = watchOpen(h);
    h.hw().contactor.events.emit('fault', 'stuck-open');
    assert.equal(h.hw().contactor.commandedClosed, false);
    assert.equal(w.calls[0], before);
    assert.equal(h.hw().pilot.state, 'F');
    await h.run(500);
    assert.equal(journal(h, rec).stopReason, 'PowerSwitchFailure');
    await h.close();
  });

  test('hard reset opens every contactor synchronously inside reset()', async () => {
    const h = await harness();
    const rec = await chargingSession(h);
    const done = h.station.reset('Hard');
    assert.equal(h.hw().contactor.commandedClosed, false);
    assert.equal(h.hw().pilot.offeredCurrentA, 0);
    await within(h, done, 500);
    assert.equal(journal(h, rec).stopReason, 'HardReset');
    await h.close();
  });
});

describe('faults block new sessions and clear', () => {
  for (const fault of ['rcd', 'pilot', 'weld'] as const) {
    test(`${fault}: Faulted with the EV plugged, no session, back to Preparing and a session works after clearing`, async () => {
      const h = await harness();
      h.auth.ids.set('CARD-A', { status: 'Accepted' });
      h.sim.plug(SOCKET);
      h.sim.injectFault(SOCKET, fault);
      await h.run(200);
      assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Faulted');
      assert.equal(await h.station.evse(SOCKET)!.presentIdTag('CARD-A'), 'rejected');
      assert.equal(h.station.evse(SOCKET)!.remoteStart('CARD-A', { status: 'Accepted' }, null), false);
      assert.equal(h.store.journal.unfinished().length, 0);
      h.sim.clearFaults(SOCKET);
      await h.run(200);
      assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Preparing', `${fault} cleared`);
      assert.equal(h.station.evse(SOCKET)!.currentStatus().errorCode, 'NoError');
      h.sim.presentTag(SOCKET, 'CARD-A');
      await h.run(1000);
      assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Charging');
      assertAllowedPath(h);
      await h.close();
    });

    test(`${fault}: Faulted without an EV, Available after clearing`, async () => {
      const h = await harness();
      h.sim.injectFault(SOCKET, fault);
      await h.run(200);
      assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Faulted');
      h.sim.clearFaults(SOCKET);
      await h.run(200);
      assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Available');
      assert.deepEqual(h.seq(), ['Faulted', 'Available']);
      await h.close();
    });
  }

  test('a fault on one EVSE does not touch the other', async () => {
    const h = await harness();
    await chargingSession(h, CABLE);
    h.sim.injectFault(SOCKET, 'rcd');
    await h.run(500);
    assert.equal(h.station.evse(CABLE)!.currentStatus().status, 'Charging');
    assert.equal(h.hw(CABLE).contactor.commandedClosed, true);
    await h.close();
  });

  test('a fault present at start-up is reported at once (RCD tripped before the agent started)', async () => {
    const clock = new FakeClock();
    const first = await harness({ clock, startStation: false });
    first.sim.injectFault(SOCKET, 'rcd');
    first.station.start();
    const st = first.station.evse(SOCKET)!.currentStatus();
    assert.deepEqual([st.status, st.errorCode], ['Faulted', 'GroundFailure']);
    assert.deepEqual(first.seq(), ['Faulted']);
    first.auth.ids.set('CARD-A', { status: 'Accepted' });
    assert.equal(await first.station.evse(SOCKET)!.presentIdTag('CARD-A'), 'rejected');
    await first.close();
  });
});

describe('meter failure', () => {
  test('meterFaultAction stop: contactor opens, Faulted PowerMeterFailure, stopped with the last good reading', async () => {
    const h = await harness({ settings: { meterValueSampleIntervalS: 10 } });
    const rec = await chargingSession(h);
    await h.run(20_000, 100);
    const lastGood = journal(h, rec).lastMeterWh;
    assert.ok(lastGood > rec.meterStartWh, 'energy was metered');
    h.sim.injectFault(SOCKET, 'meter');
    await h.run(10_000, 100);
    assert.equal(h.hw().contactor.commandedClosed, false);
    assert.equal(h.hw().pilot.offeredCurrentA, 0, 'no PWM offer on a Faulted EVSE');
    assert.equal(h.hw().pilot.state, 'F');
    const st = h.station.evse(SOCKET)!.currentStatus();
    assert.deepEqual([st.status, st.errorCode], ['Faulted', 'PowerMeterFailure']);
    const j = journal(h, rec);
    assert.equal(j.stopReason, 'MeterFailure');
    assert.equal(j.meterStopWh, lastGood);
    assert.equal(lastStop(h).meterStopWh, lastGood);
    await h.close();
  });

  test('meterFaultAction stop: the EVSE becomes usable again once the meter answers', async () => {
    const h = await harness({ settings: { meterValueSampleIntervalS: 10 } });
    await chargingSession(h);
    h.sim.injectFault(SOCKET, 'meter');
    await h.run(10_000, 100);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Faulted');
    h.sim.clearFaults(SOCKET);
    await h.run(60_000, 100);
    const st = h.station.evse(SOCKET)!.currentStatus();
    assert.deepEqual([st.status, st.errorCode], ['Finishing', 'NoError'], 'the meter fault clears without a restart');
    await h.close();
  });

  test('meterFaultAction continue: charging goes on with a PowerMeterFailure warning; cleared at the next good reading', async () => {
    const h = await harness({ settings: { meterValueSampleIntervalS: 10 }, evses: [{ meterFaultAction: 'continue' }] });
    const rec = await chargingSession(h);
    h.sim.injectFault(SOCKET, 'meter');
    await h.run(10_000, 100);
    let st = h.station.evse(SOCKET)!.currentStatus();
    assert.deepEqual([st.status, st.errorCode], ['Charging', 'PowerMeterFailure']);
    assert.equal(h.hw().contactor.commandedClosed, true);
    assert.equal(journal(h, rec).stoppedAt, null);
    h.sim.clearFaults(SOCKET);
    await h.run(10_000, 100);
    st = h.station.evse(SOCKET)!.currentStatus();
    assert.deepEqual([st.status, st.errorCode], ['Charging', 'NoError']);
    await h.close();
  });

  test('no meter reading at start: no transaction', async () => {
    const h = await harness();
    h.auth.ids.set('CARD-A', { status: 'Accepted' });
    h.sim.injectFault(SOCKET, 'meter');
    h.sim.plug(SOCKET);
    h.sim.presentTag(SOCKET, 'CARD-A');
    await h.run(1000);
    assert.equal(h.store.journal.unfinished().length, 0);
    assert.equal(h.hw().contactor.commandedClosed, false);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Faulted');
    await h.close();
  });
});

describe('connector lock', () => {
  test('lock failure at start: no transaction, Faulted ConnectorLockFailure; UnlockConnector clears it', async () => {
    const h = await harness();
    h.auth.ids.set('CARD-A', { status: 'Accepted' });
    h.sim.injectFault(SOCKET, 'lock');
    h.sim.plug(SOCKET);
    h.sim.presentTag(SOCKET, 'CARD-A');
    await h.run(1000);
    assert.equal(h.store.journal.unfinished().length, 0);
    assert.deepEqual(queuedActions(h.store), []);
    assert.equal(h.hw().contactor.commandedClosed, false);
    assert.equal(h.hw().pilot.offeredCurrentA, 0);
    const st = h.station.evse(SOCKET)!.currentStatus();
    assert.deepEqual([st.status, st.errorCode], ['Faulted', 'ConnectorLockFailure']);
    // A card tries the lock again (a jammed pin freed by hand needs no CSMS); still jammed: the fault stays.
    assert.equal(await within(h, h.station.evse(SOCKET)!.presentIdTag('CARD-A'), 2000), 'rejected');
    assert.deepEqual(h.station.evse(SOCKET)!.currentStatus().errorCode, 'ConnectorLockFailure');
    h.sim.clearFaults(SOCKET);
    assert.equal(await within(h, h.station.evse(SOCKET)!.unlock(), 200), 'Unlocked');
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Preparing');
    assertAllowedPath(h);
    await h.close();
  });

  test('unlock on a fixed cable is NotSupported; unlock during a transaction stops it first (UnlockCommand)', async () => {
    const h = await harness();
    assert.equal(await h.station.evse(CABLE)!.unlock(), 'NotSupported');
    const rec = await chargingSession(h);
    assert.equal(await within(h, h.station.evse(SOCKET)!.unlock()), 'Unlocked');
    assert.equal(journal(h, rec).stopReason, 'UnlockCommand');
    assert.equal(h.hw().lock!.locked, false);
    await h.close();
  });
});

describe('ChangeAvailability', () => {
  test('Inoperative while idle: Accepted, Unavailable, persisted, no sessions; Operative: Accepted, Available', async () => {
    const h = await harness();
    h.auth.ids.set('CARD-A', { status: 'Accepted' });
    assert.equal(h.station.changeAvailability(SOCKET, false), 'Accepted');
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Unavailable');
    assert.equal(h.store.settings.getAll()['availability.1'], 'Inoperative');
    h.sim.plug(SOCKET);
    assert.equal(await h.station.evse(SOCKET)!.presentIdTag('CARD-A'), 'rejected');
    await h.run(1000);
    assert.equal(h.store.journal.unfinished().length, 0);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Unavailable');
    assert.equal(h.station.changeAvailability(SOCKET, true), 'Accepted');
    assert.equal(h.store.settings.getAll()['availability.1'], 'Operative');
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Preparing');
    assert.deepEqual(h.seq(), ['Unavailable', 'Preparing']);
    assertAllowedPath(h);
    assert.equal(h.station.changeAvailability(99, false), 'Rejected');
    await h.close();
  });

  test('Inoperative during a transaction: Scheduled; applied when the transaction ends (C8)', async () => {
    const h = await harness();
    const rec = await chargingSession(h);
    assert.equal(h.station.changeAvailability(SOCKET, false), 'Scheduled');
    assert.equal(h.store.settings.getAll()['availability.1'], 'Inoperative');
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Charging');
    assert.equal(h.hw().contactor.commandedClosed, true);
    assert.equal(await present(h, 'CARD-A'), 'stopped');
    assert.equal(journal(h, rec).stopReason, 'Local');
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Unavailable');
    assert.deepEqual(h.seq(), ['Preparing', 'SuspendedEV', 'Charging', 'Unavailable']);
    assertAllowedPath(h);
    await h.close();
  });

  test('persisted availability is applied at the next Station start', async () => {
    const clock = new FakeClock();
    const first = await harness({ clock });
    assert.equal(first.station.changeAvailability(SOCKET, false), 'Accepted');
    first.station.stop();
    const second = await harness({ clock, store: first.store, sim2: first.sim });
    assert.equal(second.station.evse(SOCKET)!.currentStatus().status, 'Unavailable');
    assert.equal(second.station.evse(SOCKET)!.isOperative(), false);
    assert.equal(second.station.evse(CABLE)!.currentStatus().status, 'Available');
    assert.deepEqual(second.seq(SOCKET), ['Unavailable']);
    await second.close();
  });

  test('connector 0: the whole station; persisted for every EVSE; an EVSE cannot be made Operative alone', async () => {
    const clock = new FakeClock();
    const first = await harness({ clock });
    const zero: string[] = [];
    first.station.events.on('status', (e) => e.evseId === 0 && zero.push(e.status));
    assert.equal(first.station.changeAvailability(0, false), 'Accepted');
    assert.deepEqual(zero, ['Unavailable']);
    assert.equal(first.station.stationStatus().status, 'Unavailable');
    for (const id of [SOCKET, CABLE]) assert.equal(first.station.evse(id)!.currentStatus().status, 'Unavailable');
    assert.equal(first.station.changeAvailability(SOCKET, true), 'Rejected');
    first.station.stop();
    const second = await harness({ clock, store: first.store, sim2: first.sim });
    assert.equal(second.station.stationStatus().status, 'Unavailable');
    for (const id of [SOCKET, CABLE]) assert.equal(second.station.evse(id)!.currentStatus().status, 'Unavailable');
    assert.equal(second.station.changeAvailability(0, true), 'Accepted');
    for (const id of [SOCKET, CABLE]) assert.equal(second.station.evse(id)!.currentStatus().status, 'Available');
    await second.close();
  });

  test('connector 0 Inoperative while one EVSE charges: Scheduled for that one, Accepted elsewhere', async () => {
    const h = await harness();
    await chargingSession(h, CABLE);
    assert.equal(h.station.changeAvailability(0, false), 'Scheduled');
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Unavailable');
    assert.equal(h.station.evse(CABLE)!.currentStatus().status, 'Charging');
    await h.close();
  });
});

describe('reset', () => {
  test('Soft: graceful stop (PWM off, EV leaves C, then contactor) with SoftReset, then resetRequested', async () => {
    const h = await harness();
    const rec = await chargingSession(h);
    const rec2 = await chargingSession(h, CABLE, 'CARD-B');
    const requested: string[] = [];
    h.station.events.on('resetRequested', (k) => requested.push(`${k}:${h.store.journal.unfinished().length}`));
    const done = h.station.reset('Soft');
    assert.equal(h.hw().pilot.offeredCurrentA, 0);
    assert.equal(h.hw().contactor.commandedClosed, true, 'soft reset waits for the EV');
    await within(h, done, 500);
    assert.equal(journal(h, rec).stopReason, 'SoftReset');
    assert.equal(journal(h, rec2).stopReason, 'SoftReset');
    assert.deepEqual(requested, ['Soft:0'], 'reset requested after every stop was committed');
    await h.close();
  });

  test('Hard: HardReset reason; a second reset call returns the same promise', async () => {
    const h = await harness();
    const rec = await chargingSession(h);
    const requested: string[] = [];
    h.station.events.on('resetRequested', (k) => requested.push(k));
    const a = h.station.reset('Hard');
    const b = h.station.reset('Soft');
    assert.equal(a, b);
    await within(h, a, 500);
    assert.equal(journal(h, rec).stopReason, 'HardReset');
    assert.deepEqual(requested, ['Hard']);
    await h.close();
  });
});

describe('recovery of transactions a power loss left open', () => {
  test('closed at start with PowerLoss and the register the meter shows at the restart, Stop queued after its meter values', async () => {
    const clock = new FakeClock();
    // The simulated register survives the restart (stateFile), as a real meter's does.
    const first = await harness({ clock, store: 'sqlite', sim: { stateFile: join(mkdtempSync(join(tmpdir(), 'chargerd-rec-')), 'sim.json') }, settings: { meterValueSampleIntervalS: 60 } });
    const rec = await chargingSession(first);
    await first.run(185_000, 1000);
    const j = journal(first, rec);
    assert.ok(j.lastMeterWh > rec.meterStartWh);
    // Power loss: nothing stops cleanly; the hardware comes back de-energised.
    first.station.stop();
    await first.sim.stop();
    await first.sim.start();
    clock.advance(3_600_000);
    const recovered: TransactionRecord[][] = [];
    const second = await harness({ clock, store: first.store, sim2: first.sim, startStation: false });
    second.station.events.on('recovered', (r) => recovered.push(r));
    second.station.start();
    assert.equal(second.station.evse(SOCKET)!.canStartSession(), false, 'no session before the recovery is done');
    await second.run(100);
    assert.equal(recovered.length, 1);
    assert.deepEqual(recovered[0]!.map((r) => r.localId), [rec.localId]);
    const after = journal(second, rec);
    assert.equal(after.stopReason, 'PowerLoss');
    // Energy flowed after the last journaled reading: the register now is what was delivered.
    const register = (await second.hw().meter.read()).energyImportWh;
    assert.ok(register > j.lastMeterWh);
    assert.equal(after.meterStopWh, register);
    assert.equal(after.stoppedAt, j.lastMeterAt);
    assert.deepEqual(second.store.journal.unfinished(), []);
    const actions = queuedActions(second.store);
    assert.deepEqual(actions, ['Start', 'Meter', 'Meter', 'Meter', 'Stop']);
    const stop = lastStop(second);
    assert.equal(stop.reason, 'PowerLoss');
    assert.equal(stop.meterStopWh, register);
    assert.equal(second.station.evse(SOCKET)!.transaction(), null);
    // The car is still plugged in (the simulated hardware's state survived): Preparing, no transaction resumed.
    assert.equal(second.station.evse(SOCKET)!.currentStatus().status, 'Preparing');
    second.store.close();
    await second.close();
  });

  test('nothing open: no recovered event', async () => {
    const h = await harness({ startStation: false });
    let fired = false;
    h.station.events.on('recovered', () => (fired = true));
    h.station.start();
    await h.run(100);
    assert.equal(fired, false);
    await h.close();
  });
});

describe('meter values', () => {
  test('sampled every MeterValueSampleInterval during a transaction, none after it', async () => {
    const h = await harness({ settings: { meterValueSampleIntervalS: 10 } });
    const rec = await chargingSession(h);
    const startedAt = Date.parse(rec.startedAt);
    await h.run(35_000, 100);
    const meters = h.store.queue.list().filter((m) => m.action === 'Meter');
    assert.equal(meters.length, 3);
    const samples = meters.map((m) => (m.payload as MeterPayload).samples[0]!);
    assert.deepEqual(samples.map((s) => s.context), ['Sample.Periodic', 'Sample.Periodic', 'Sample.Periodic']);
    // Stamped when the reading came back: up to one clock step (100 ms here) after the interval fired.
    const offsets = samples.map((s) => Date.parse(s.at) - startedAt);
    offsets.forEach((o, i) => assert.ok(o >= (i + 1) * 10_000 && o < (i + 1) * 10_000 + 100, `sample ${i} at +${o} ms`));
    for (let i = 1; i < samples.length; i++) assert.ok(samples[i]!.wh > samples[i - 1]!.wh, 'energy grows while charging');
    assert.equal(journal(h, rec).lastMeterWh, samples[2]!.wh);
    assert.equal(await present(h, 'CARD-A'), 'stopped');
    await h.run(60_000, 1000);
    assert.equal(h.store.queue.list().filter((m) => m.action === 'Meter').length, 3);
    assert.deepEqual(lastStop(h).data, ['Transaction.Begin', 'Sample.Periodic', 'Sample.Periodic', 'Sample.Periodic', 'Transaction.End']);
    await h.close();
  });

  test('MeterValueSampleInterval 0: no sampled values', async () => {
    const h = await harness({ settings: { meterValueSampleIntervalS: 0 } });
    await chargingSession(h);
    await h.run(120_000, 1000);
    assert.deepEqual(queuedActions(h.store), ['Start']);
    await h.close();
  });

  test('clock-aligned values at aligned instants (00:15, 00:30 for 900 s), in the transaction and idle', async () => {
    const clock = new FakeClock(new Date('2026-01-01T00:07:30.000Z'));
    const h = await harness({ clock, settings: { meterValueSampleIntervalS: 0, clockAlignedDataIntervalS: 900, stopTxnAlignedMeasurands: ['Energy.Active.Import.Register'] } });
    const idle: { evseId: number; at: string; context: string }[] = [];
    h.station.events.on('idleSample', (evseId, s) => idle.push({ evseId, at: s[0]!.timestamp, context: s[0]!.context }));
    await chargingSession(h);
    await h.run(23 * 60_000, 1000);
    const meters = h.store.queue.list().filter((m) => m.action === 'Meter').map((m) => (m.payload as MeterPayload).samples[0]!);
    assert.deepEqual(
      meters.map((s) => [s.context, s.at]),
      [
        ['Sample.Clock', '2026-01-01T00:15:00.000Z'],
        ['Sample.Clock', '2026-01-01T00:30:00.000Z'],
      ],
    );
    assert.deepEqual(idle, [
      { evseId: CABLE, at: '2026-01-01T00:15:00.000Z', context: 'Sample.Clock' },
      { evseId: CABLE, at: '2026-01-01T00:30:00.000Z', context: 'Sample.Clock' },
    ]);
    assert.equal(await present(h, 'CARD-A'), 'stopped');
    assert.deepEqual(lastStop(h).data, ['Transaction.Begin', 'Sample.Clock', 'Sample.Clock', 'Transaction.End']);
    await h.close();
  });

  test('changing ClockAlignedDataInterval re-arms the alignment; 0 stops it', async () => {
    const h = await harness({ settings: { clockAlignedDataIntervalS: 0 } });
    const idle: string[] = [];
    h.station.events.on('idleSample', (id, s) => id === SOCKET && idle.push(s[0]!.timestamp));
    await h.run(3_600_000, 60_000);
    assert.deepEqual(idle, []);
    h.settings.set('clockAlignedDataIntervalS', 3600);
    await h.run(2 * 3_600_000, 60_000);
    assert.deepEqual(idle, ['2026-01-01T02:00:00.000Z', '2026-01-01T03:00:00.000Z']);
    h.settings.set('clockAlignedDataIntervalS', 0);
    await h.run(2 * 3_600_000, 60_000);
    assert.equal(idle.length, 2);
    await h.close();
  });
});

describe('the CSMS rejects the id of a running transaction (StartTransaction.conf)', () => {
  test('StopTransactionOnInvalidId false: SuspendedEVSE, PWM 0, contactor opens after the EV left C, transaction kept', async () => {
    const h = await harness({ settings: { stopTransactionOnInvalidId: false } });
    const rec = await chargingSession(h);
    h.station.transactionAuthorization(rec.localId, { status: 'Invalid' });
    assert.equal(h.hw().pilot.offeredCurrentA, 0);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'SuspendedEVSE');
    await h.run(1000);
    assert.equal(h.hw().contactor.commandedClosed, false);
    assert.equal(h.hw().pilot.offeredCurrentA, 0);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'SuspendedEVSE');
    assert.equal(journal(h, rec).stoppedAt, null);
    await h.run(60_000, 1000);
    assert.equal(h.hw().pilot.offeredCurrentA, 0, 'no energy is offered again');
    assert.deepEqual(h.seq(), ['Preparing', 'SuspendedEV', 'Charging', 'SuspendedEVSE']);
    assertAllowedPath(h);
    await h.close();
  });

  test('StopTransactionOnInvalidId true: stopped with DeAuthorized', async () => {
    const h = await harness({ settings: { stopTransactionOnInvalidId: true } });
    const rec = await chargingSession(h);
    h.station.transactionAuthorization(rec.localId, { status: 'Blocked' });
    await h.run(1000);
    assert.equal(journal(h, rec).stopReason, 'DeAuthorized');
    assert.equal(h.hw().contactor.commandedClosed, false);
    await h.close();
  });

  test('Accepted or another transaction id changes nothing', async () => {
    const h = await harness();
    const rec = await chargingSession(h);
    h.station.transactionAuthorization(rec.localId, { status: 'Accepted' });
    h.station.transactionAuthorization('not-this-one', { status: 'Invalid' });
    await h.run(1000);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Charging');
    assert.equal(journal(h, rec).stoppedAt, null);
    await h.close();
  });
});

describe('remote start', () => {
  test('remoteStart with the EV plugged starts at once and records remoteStartId; refused while busy', async () => {
    const h = await harness();
    h.sim.plug(SOCKET);
    assert.equal(h.station.pickEvseForRemoteStart()?.id, SOCKET, 'plugged EVSE preferred');
    assert.equal(h.station.evse(SOCKET)!.remoteStart('REMOTE', { status: 'Accepted' }, 42), true);
    await h.run(1000);
    const rec = h.station.evse(SOCKET)!.transaction();
    assert.ok(rec);
    assert.equal(rec.idTag, 'REMOTE');
    assert.equal(rec.extra.remoteStartId, 42);
    assert.equal(h.station.evse(SOCKET)!.remoteStart('REMOTE2', { status: 'Accepted' }, 43), false);
    assert.equal(h.station.pickEvseForRemoteStart()?.id, CABLE);
    await h.close();
  });
});

describe('lifecycle', () => {
  test('stop() releases every timer the station armed', async () => {
    const clock = new FakeClock();
    const h = await harness({ clock, settings: { meterValueSampleIntervalS: 10, clockAlignedDataIntervalS: 900 } });
    const baseline = clock.pendingTimers();
    await chargingSession(h);
    h.sim.plug(CABLE);
    await h.run(100);
    h.station.stop();
    await h.sim.stop();
    assert.equal(clock.pendingTimers(), 0, `timers left: ${clock.pendingTimers()} (baseline with sim running ${baseline})`);
  });
});
