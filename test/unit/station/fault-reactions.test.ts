/**
 * Issue 7's safety reactions at the station level: a fault goes straight to Faulted; a failing meter is a fault
 * on the safety path whatever MeterValueSampleInterval says, and only past the driver's threshold; an unreadable
 * pilot or an EV-side F is a fault with PWM off; state D needs ventilation; the reactions survive a contactor
 * driver that throws; a lock fault can be recovered locally.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { METER_WATCH_MS } from '../../../agent/station/evse.js';
import { HalError } from '../../../hal/errors.js';
import { CABLE, chargingSession, harness, SOCKET, type Harness } from './harness.js';

function status(h: Harness, id = SOCKET): [string, string] {
  const s = h.station.evse(id)!.currentStatus();
  return [s.status, s.errorCode];
}

describe('a fault while charging is one transition', () => {
  for (const fault of ['rcd', 'meter', 'pilot', 'pilot-unreadable'] as const) {
    test(`${fault}: Charging → Faulted, no status in between`, async () => {
      const h = await harness();
      await chargingSession(h);
      const before = h.seq().length;
      h.sim.injectFault(SOCKET, fault);
      // The contactor is open when the injecting call returns: nothing was awaited.
      assert.equal(h.hw().contactor.commandedClosed, false);
      await h.run(2000);
      assert.deepEqual(h.seq().slice(before - 1), ['Charging', 'Faulted'], `path: ${h.seq().join(' → ')}`);
      await h.close();
    });
  }
});

describe('a failing meter is a fault on the safety path', () => {
  test('MeterValueSampleInterval 0: the meter is still read while a transaction runs', async () => {
    const h = await harness({ settings: { meterValueSampleIntervalS: 0 } });
    await chargingSession(h);
    const meter = h.hw().meter;
    let reads = 0;
    const read = meter.read.bind(meter);
    meter.read = () => {
      reads++;
      return read();
    };
    await h.run(6 * METER_WATCH_MS, 100);
    assert.ok(reads >= 5, `the meter was read ${reads} times in ${6 * METER_WATCH_MS} ms`);
    await h.close();
  });

  test('a driver that declares its meter failed opens the contactor inside its emit, with sampling off', async () => {
    const h = await harness({ settings: { meterValueSampleIntervalS: 0 } });
    const rec = await chargingSession(h);
    const err = new HalError('MODBUS_TIMEOUT', 'no answer from unit 1');
    h.hw().meter.read = () => Promise.reject(err);
    h.hw().meter.events.emit('fault', err);
    assert.equal(h.hw().contactor.commandedClosed, false, 'opened inside the emit');
    assert.equal(h.hw().pilot.state, 'F');
    await h.run(2000);
    assert.deepEqual(status(h), ['Faulted', 'PowerMeterFailure']);
    assert.equal(h.store.journal.get(rec.localId)!.stopReason, 'MeterFailure');
    await h.close();
  });

  test('one failed read is the driver’s to judge: a glitch is not a stopped session', async () => {
    const h = await harness({ settings: { meterValueSampleIntervalS: 1 } });
    await chargingSession(h);
    const meter = h.hw().meter;
    const read = meter.read.bind(meter);
    let glitches = 1;
    meter.read = () => (glitches-- > 0 ? Promise.reject(new HalError('MODBUS_CRC', 'CRC mismatch')) : read());
    await h.run(5000, 100);
    assert.deepEqual(status(h), ['Charging', 'NoError']);
    assert.equal(h.hw().contactor.commandedClosed, true);
    await h.close();
  });
});

describe('pilot faults', () => {
  test('an unreadable pilot: Faulted EVCommunicationError naming it, PWM off, contactor open; no energy again until B is seen', async () => {
    const h = await harness();
    const rec = await chargingSession(h);
    h.sim.injectFault(SOCKET, 'pilot-unreadable');
    const hw = h.hw();
    assert.equal(hw.contactor.commandedClosed, false);
    assert.equal(hw.pilot.offeredCurrentA, 0, 'PWM off');
    assert.equal(hw.pilot.dutyCyclePercent, 100, 'steady +12 V, so the pilot stays readable');
    await h.run(2000);
    const st = h.station.evse(SOCKET)!.currentStatus();
    assert.deepEqual([st.status, st.errorCode], ['Faulted', 'EVCommunicationError']);
    assert.match(st.info ?? '', /pilot unreadable: simulated ADC failure/);
    assert.equal(h.store.journal.get(rec.localId)!.stopReason, 'PilotFault');
    // The ADC reads again and sees the EV still in C: not a normal sequence, the fault stays and no energy flows.
    h.sim.clearFaults(SOCKET);
    await h.run(2000);
    assert.equal(hw.contactor.commandedClosed, false);
    if (hw.pilot.state === 'C') assert.equal(status(h)[0], 'Faulted');
    h.sim.setEvCharge(SOCKET, false);
    await h.run(2000);
    assert.deepEqual(status(h), ['Finishing', 'NoError'], 'B clears it');
    assert.equal(hw.contactor.commandedClosed, false);
    await h.close();
  });

  test('an unreadable pilot at start-up is reported at once', async () => {
    const h = await harness({ startStation: false });
    h.sim.injectFault(SOCKET, 'pilot-unreadable');
    h.station.start();
    await h.run(100);
    assert.deepEqual(status(h), ['Faulted', 'EVCommunicationError']);
    assert.equal(h.hw().pilot.dutyCyclePercent, 100);
    await h.close();
  });
});

describe('state D (ventilation requested)', () => {
  test('without ventilation: the contactor opens in D, Faulted with a clear info, the session stops; the EV then leaves D', async () => {
    const h = await harness();
    const rec = await chargingSession(h);
    const hw = h.hw();
    const infos: string[] = [];
    h.station.events.on('status', (e) => e.evseId === SOCKET && e.status === 'Faulted' && infos.push(`${e.errorCode} ${e.info}`));
    hw.pilot.events.on('state', (s) => {
      if (s === 'D') assert.equal(hw.contactor.commandedClosed, false, 'open inside the D event');
    });
    h.sim.setEvCharge(SOCKET, true, true);
    await h.run(1000);
    assert.equal(hw.contactor.commandedClosed, false);
    assert.deepEqual(infos, ['OtherError EV asks for ventilation (state D): none here']);
    assert.equal(h.store.journal.get(rec.localId)!.stopReason, 'Other');
    // PWM off: the EV opens S2 (B), which is normal again.
    assert.equal(hw.pilot.state, 'B');
    assert.equal(status(h)[0], 'Finishing');
    await h.close();
  });

  test('an EV that asks for ventilation from the start never gets energy without it', async () => {
    const h = await harness();
    const hw = h.hw();
    let closes = 0;
    const close = hw.contactor.close.bind(hw.contactor);
    hw.contactor.close = () => {
      closes++;
      close();
    };
    h.sim.setEvCharge(SOCKET, true, true);
    h.auth.ids.set('CARD-A', { status: 'Accepted' });
    h.sim.plug(SOCKET);
    h.sim.presentTag(SOCKET, 'CARD-A');
    await h.run(3000);
    assert.equal(closes, 0, 'the contactor never closed');
    assert.ok(h.seq().includes('Faulted'), `path: ${h.seq().join(' → ')}`);
    await h.close();
  });

  test('with ventilation declared: state D charges', async () => {
    const h = await harness({ evses: [{ ventilation: true }] });
    h.sim.setEvCharge(SOCKET, true, true);
    h.auth.ids.set('CARD-A', { status: 'Accepted' });
    h.sim.plug(SOCKET);
    h.sim.presentTag(SOCKET, 'CARD-A');
    await h.run(2000);
    assert.equal(h.hw().pilot.state, 'D');
    assert.equal(h.hw().contactor.commandedClosed, true);
    assert.deepEqual(status(h), ['Charging', 'NoError']);
    await h.close();
  });
});

describe('a contactor driver that throws on open', () => {
  test('RCD trip: the pilot still goes to F and the faults are still raised', async () => {
    const h = await harness();
    await chargingSession(h);
    const hw = h.hw();
    hw.contactor.open = () => {
      throw new Error('relay driver I/O error');
    };
    h.sim.injectFault(SOCKET, 'rcd');
    assert.equal(hw.pilot.state, 'F', 'pilot F although open() threw');
    await h.run(8000);
    const evse = h.station.evse(SOCKET)!;
    assert.equal(evse.currentStatus().status, 'Faulted');
    const sources = evse.snapshot().faults.map((f) => f.source).sort();
    assert.deepEqual(sources, ['contactor', 'rcd']);
    assert.match(evse.snapshot().faults.find((f) => f.source === 'contactor')!.info, /open failed: relay driver I\/O error/);
    await h.close();
  });

  test('the EV leaving C: the fault is raised and the status is not Charging', async () => {
    const h = await harness();
    await chargingSession(h, CABLE);
    const hw = h.hw(CABLE);
    hw.contactor.open = () => {
      throw new Error('stuck driver');
    };
    h.sim.setEvCharge(CABLE, false);
    await h.run(1000);
    assert.deepEqual(status(h, CABLE), ['Faulted', 'PowerSwitchFailure']);
    assert.equal(hw.pilot.state, 'F');
    await h.close();
  });
});

describe('a connector-lock fault is recovered locally', () => {
  test('the next card tries the lock again and starts once the lock works', async () => {
    const h = await harness();
    h.auth.ids.set('CARD-A', { status: 'Accepted' });
    h.sim.injectFault(SOCKET, 'lock');
    h.sim.plug(SOCKET);
    h.sim.presentTag(SOCKET, 'CARD-A');
    await h.run(2000);
    assert.deepEqual(status(h), ['Faulted', 'ConnectorLockFailure']);
    h.sim.clearFaults(SOCKET); // a technician freed the pin: the station does not know until it tries
    assert.deepEqual(status(h), ['Faulted', 'ConnectorLockFailure']);
    h.sim.presentTag(SOCKET, 'CARD-A');
    await h.run(2000);
    assert.ok(h.station.evse(SOCKET)!.transaction(), 'the card started a session');
    assert.deepEqual(status(h), ['Charging', 'NoError']);
    await h.close();
  });

  test('a new plug tries the lock again', async () => {
    const h = await harness();
    h.auth.ids.set('CARD-A', { status: 'Accepted' });
    h.sim.injectFault(SOCKET, 'lock');
    h.sim.plug(SOCKET);
    h.sim.presentTag(SOCKET, 'CARD-A');
    await h.run(2000);
    h.sim.clearFaults(SOCKET);
    h.sim.unplug(SOCKET);
    await h.run(5000);
    h.sim.plug(SOCKET);
    await h.run(500);
    assert.deepEqual(status(h), ['Preparing', 'NoError']);
    await h.close();
  });
});

describe('a start that does not happen leaves no authorization behind', () => {
  test('a failed meter read at the start: a later EV does not start on the old card', async () => {
    const h = await harness({ settings: { connectionTimeOutS: 60 } });
    h.auth.ids.set('CARD-A', { status: 'Accepted' });
    const meter = h.hw().meter;
    const read = meter.read.bind(meter);
    let fail = 1;
    meter.read = () => (fail-- > 0 ? Promise.reject(new HalError('MODBUS_TIMEOUT', 'no answer')) : read());
    h.sim.plug(SOCKET);
    h.sim.presentTag(SOCKET, 'CARD-A');
    await h.run(2000);
    assert.equal(h.station.evse(SOCKET)!.transaction(), null);
    h.sim.unplug(SOCKET);
    await h.run(600_000, 1000);
    h.sim.plug(SOCKET);
    await h.run(3000);
    assert.equal(h.station.evse(SOCKET)!.transaction(), null, 'no session without a card');
    assert.deepEqual(status(h), ['Preparing', 'NoError']);
    await h.close();
  });

  test('a rejected card does not clear a lock fault; an accepted one tries the lock', async () => {
    const h = await harness();
    h.auth.ids.set('CARD-A', { status: 'Accepted' });
    h.sim.injectFault(SOCKET, 'lock');
    h.sim.plug(SOCKET);
    h.sim.presentTag(SOCKET, 'CARD-A');
    await h.run(2000);
    assert.deepEqual(status(h), ['Faulted', 'ConnectorLockFailure']);
    h.sim.presentTag(SOCKET, 'STRANGER');
    await h.run(2000);
    assert.deepEqual(status(h), ['Faulted', 'ConnectorLockFailure'], 'an unknown card changes nothing');
    await h.close();
  });
});

describe("the station's fault event (what a profile reports faults from)", () => {
  test('raised after the contactor opened, with the running transaction; cleared with whether a fault remains', async () => {
    const h = await harness();
    const rec = await chargingSession(h);
    const seen: { source: string; active: boolean; anyActive: boolean; tx: string | null; contactorClosed: boolean }[] = [];
    h.station.events.on('fault', (e) =>
      seen.push({ source: e.fault.source, active: e.active, anyActive: e.anyActive, tx: e.transactionLocalId, contactorClosed: h.hw().contactor.commandedClosed }),
    );
    h.sim.injectFault(SOCKET, 'rcd');
    assert.deepEqual(seen, [{ source: 'rcd', active: true, anyActive: true, tx: rec.localId, contactorClosed: false }], 'told in the same call, after the contactor opened');
    await h.run(2000);
    h.sim.injectFault(SOCKET, 'pilot');
    await h.run(500);
    h.sim.clearFaults(SOCKET);
    await h.run(2000);
    const clears = seen.filter((e) => !e.active);
    assert.deepEqual(clears.map((e) => e.source).sort(), ['pilot', 'rcd']);
    assert.deepEqual(clears.map((e) => e.anyActive), [true, false], 'the last clear leaves none');
    await h.close();
  });
});
