/**
 * StopTransactionOnInvalidId=false (OCPP 1.6 §4.8 with errata 3.17): the transaction goes on without energy, or
 * with at most MaxEnergyOnInvalidId Wh more. And §4.10: with StopTransactionOnEVSideDisconnect=false the
 * SuspendedEV notification says "EV side disconnected".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chargingSession, harness, SOCKET } from './harness.js';

test('MaxEnergyOnInvalidId 0: energy stops at once (SuspendedEVSE, no offer)', async () => {
  const h = await harness({ settings: { stopTransactionOnInvalidId: false, maxEnergyOnInvalidIdWh: 0 } });
  const rec = await chargingSession(h, SOCKET, 'CARD');
  h.station.transactionAuthorization(rec.localId, { status: 'Invalid' });
  await h.run(500);
  assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'SuspendedEVSE');
  assert.equal(h.hw(SOCKET).pilot.offeredCurrentA, 0);
  assert.ok(h.station.evse(SOCKET)!.transaction(), 'the transaction goes on');
  await h.close();
});

test('MaxEnergyOnInvalidId 100 Wh: charging goes on until 100 Wh more were delivered, then SuspendedEVSE', async () => {
  const h = await harness({ settings: { stopTransactionOnInvalidId: false, maxEnergyOnInvalidIdWh: 100 } });
  const rec = await chargingSession(h, SOCKET, 'CARD');
  h.station.transactionAuthorization(rec.localId, { status: 'Blocked' });
  const atReject = (await h.hw(SOCKET).meter.read()).energyImportWh;
  // 32 A × 230 V × 3 phases = 22.08 kW: 100 Wh take about 16.3 s.
  await h.run(10_000, 500);
  assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Charging');
  await h.run(10_000, 500);
  assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'SuspendedEVSE');
  const delivered = (await h.hw(SOCKET).meter.read()).energyImportWh - atReject;
  assert.ok(delivered >= 100 && delivered < 100 + 22080 / 3600 * 1.6, `delivered ${delivered} Wh after the rejection`);
  await h.close();
});

test('EV side disconnected with StopTransactionOnEVSideDisconnect=false: SuspendedEV with that info', async () => {
  const h = await harness({ settings: { stopTransactionOnEVSideDisconnect: false } });
  await chargingSession(h, SOCKET, 'CARD');
  h.sim.unplug(SOCKET, { keepCable: true });
  await h.run(500);
  const last = h.statuses.filter((s) => s.evseId === SOCKET).at(-1)!;
  assert.equal(last.status, 'SuspendedEV');
  assert.equal(last.info, 'EV side disconnected');
  assert.equal(last.errorCode, 'NoError');
  await h.close();
});

test('§4.8 after a DeAuthorized stop the cable stays locked until its owner presents the card', async () => {
  const h = await harness({ settings: { stopTransactionOnInvalidId: true } });
  const rec = await chargingSession(h, SOCKET, 'OWNER');
  h.station.transactionAuthorization(rec.localId, { status: 'Invalid' });
  await h.run(1000);
  assert.equal(h.stopped.at(-1)!.reason, 'DeAuthorized');
  assert.equal(h.hw(SOCKET).lock!.locked, true, 'kept locked');
  h.auth.ids.set('STRANGER', { status: 'Accepted' });
  h.sim.presentTag(SOCKET, 'STRANGER');
  await h.run(500);
  assert.equal(h.hw(SOCKET).lock!.locked, true, 'another card does not release it');
  assert.equal(h.station.evse(SOCKET)!.transaction(), null, 'nor start on it');
  h.sim.presentTag(SOCKET, 'OWNER');
  await h.run(500);
  assert.equal(h.hw(SOCKET).lock!.locked, false, "the owner's card releases it");
  await h.close();
});
