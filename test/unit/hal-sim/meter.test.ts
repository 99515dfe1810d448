import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CABLE, evse, SOCKET, startedStation } from './helpers.js';
import type { SimStation } from '../../../hal/sim/index.js';
import type { FakeClock } from '../../../agent/clock/fake-clock.js';

const HOUR = 3_600_000;

/** Plug, offer, let the EV reach C, close the contactor. */
function charge(station: SimStation, clock: FakeClock, id: number, amps: number): void {
  const e = evse(station, id);
  station.plug(id);
  e.pilot.setOfferedCurrent(amps);
  clock.advance(200);
  assert.equal(e.pilot.state, 'C');
  e.contactor.close();
}

describe('simulated energy meter', () => {
  test('16 A × 230 V × 3 phases for 1 h = 11040 Wh', async () => {
    const { station, clock } = await startedStation();
    const meter = evse(station, SOCKET).meter;
    charge(station, clock, SOCKET, 16);
    const start = await meter.read();
    assert.equal(start.energyImportWh, 0);
    assert.equal(start.powerW, 11040);
    assert.deepEqual(start.currentA, { L1: 16, L2: 16, L3: 16 });
    assert.deepEqual(start.voltageV, { L1: 230, L2: 230, L3: 230 });
    assert.equal(start.frequencyHz, 50);
    clock.advance(HOUR);
    assert.equal((await meter.read()).energyImportWh, 11040);
    assert.deepEqual([...meter.measurands], ['energy', 'power', 'current', 'voltage', 'frequency']);
    assert.equal(meter.phases, 3);
    await station.stop();
  });

  test('single phase, the current is the least of offer, EV and EVSE ratings', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, CABLE); // 16 A EVSE, EV 32 A
    charge(station, clock, CABLE, 32);
    let r = await e.meter.read();
    assert.deepEqual(r.currentA, { L1: 16 }, 'EVSE rating limits');
    assert.equal(r.powerW, 3680);
    station.setEvMaxCurrent(CABLE, 10);
    r = await e.meter.read();
    assert.deepEqual(r.currentA, { L1: 10 }, 'EV limits');
    e.pilot.setOfferedCurrent(8);
    r = await e.meter.read();
    assert.deepEqual(r.currentA, { L1: 8 }, 'offer limits');
    assert.equal(r.powerW, 8 * 230);
    await station.stop();
  });

  test('integrates piecewise: every change of offer, state and contactor counts from its instant', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    const meter = e.meter;
    charge(station, clock, SOCKET, 16); // 11040 W
    clock.advance(HOUR / 2); // 5520 Wh
    e.pilot.setOfferedCurrent(32); // 22080 W
    clock.advance(HOUR / 4); // 5520 Wh
    e.contactor.open(); // 0 W
    clock.advance(HOUR);
    e.contactor.close();
    station.setEvCharge(SOCKET, false); // still C for 200 ms at 22080 W = 1.2267 Wh
    clock.advance(HOUR);
    const r = await meter.read();
    assert.equal(r.powerW, 0);
    assert.deepEqual(r.currentA, { L1: 0, L2: 0, L3: 0 });
    assert.equal(r.energyImportWh, 11041.2);
    await station.stop();
  });

  test('no current without state C, with the contactor open or with the RCD tripped', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    station.plug(SOCKET);
    e.contactor.close();
    e.pilot.setOfferedCurrent(16);
    clock.advance(100); // B: the EV has not reacted yet
    assert.equal((await e.meter.read()).powerW, 0);
    clock.advance(100);
    assert.equal((await e.meter.read()).powerW, 11040);
    station.injectFault(SOCKET, 'rcd');
    clock.advance(HOUR);
    const r = await e.meter.read();
    assert.equal(r.powerW, 0, 'a tripped RCD cuts the supply');
    assert.equal(r.energyImportWh, 0);
    station.clearFaults(SOCKET);
    clock.advance(HOUR / 10);
    assert.equal((await e.meter.read()).energyImportWh, 1104);
    await station.stop();
  });

  test('a welded contactor keeps the energy flowing while the car stays in C', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    charge(station, clock, SOCKET, 16);
    station.injectFault(SOCKET, 'weld');
    e.contactor.open();
    clock.advance(HOUR / 10);
    assert.equal((await e.meter.read()).energyImportWh, 1104);
    await station.stop();
  });

  test('readings never go backwards and are rounded to 0.1 Wh', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, CABLE);
    charge(station, clock, CABLE, 6); // 1380 W: 0.3833 Wh per second
    let last = -1;
    for (let i = 0; i < 50; i++) {
      clock.advance(137);
      const wh = (await e.meter.read()).energyImportWh;
      assert.ok(wh >= last, `${wh} >= ${last}`);
      assert.equal(Math.round(wh * 10) / 10, wh);
      last = wh;
    }
    assert.equal(last, 2.6); // 6850 ms × 1380 W = 2.626 Wh
    await station.stop();
  });
});
