import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { SimError, SimStation } from '../../../hal/sim/index.js';
import { CABLE, defaultOptions, evse, SOCKET, tempDir } from './helpers.js';

const HOUR = 3_600_000;

async function open(file: string, clock = new FakeClock()): Promise<{ station: SimStation; clock: FakeClock }> {
  const station = new SimStation(defaultOptions({ stateFile: file }), clock);
  await station.start();
  return { station, clock };
}

describe('simulated hardware persistence', () => {
  test('a missing file means defaults: nothing plugged, energy 0', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'sub', 'sim.json');
      const { station } = await open(file);
      assert.deepEqual(station.states(), [
        { evseId: SOCKET, evPlugged: false, cablePresent: false, evWantsCharge: true, evMaxCurrentA: 32, faults: [], energyWh: 0 },
        { evseId: CABLE, evPlugged: false, cablePresent: true, evWantsCharge: true, evMaxCurrentA: 32, faults: [], energyWh: 0 },
      ]);
      assert.ok(existsSync(file), 'written at start (directory created)');
      await station.stop();
    } finally {
      cleanup();
    }
  });

  test('round trip: plugged EV, wishes, faults and energy survive stop/start; the pilot reads B', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'sim.json');
      const first = await open(file);
      const e = evse(first.station, SOCKET);
      first.station.plug(SOCKET);
      e.pilot.setOfferedCurrent(16);
      first.clock.advance(200);
      e.contactor.close();
      first.clock.advance(HOUR);
      first.station.setEvCharge(CABLE, false);
      first.station.setEvMaxCurrent(CABLE, 13);
      first.station.injectFault(CABLE, 'meter');
      first.station.injectFault(SOCKET, 'rcd');
      const before = first.station.states();
      await first.station.stop();

      const second = await open(file);
      assert.deepEqual(second.station.states(), before);
      assert.equal(before[0]!.energyWh, 11040);
      const s = evse(second.station, SOCKET);
      assert.equal(s.pilot.state, 'B', 'PWM is off after a restart');
      assert.equal(s.pilot.dutyCyclePercent, 100);
      assert.equal(s.contactor.commandedClosed, false);
      assert.equal(s.rcd.tripped, true, 'fault restored');
      assert.equal(s.proximity!.cablePresent, true);
      await assert.rejects(evse(second.station, CABLE).meter.read());
      s.pilot.setOfferedCurrent(16);
      second.clock.advance(200);
      assert.equal(s.pilot.state, 'C', 'the EV still wants charge');
      await second.station.stop();
    } finally {
      cleanup();
    }
  });

  test('energy never goes back after a simulated kill (no stop)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'sim.json');
      const first = await open(file);
      const e = evse(first.station, SOCKET);
      first.station.plug(SOCKET);
      e.pilot.setOfferedCurrent(32);
      first.clock.advance(200);
      e.contactor.close();
      first.clock.advance(HOUR / 3);
      const seen = (await e.meter.read()).energyImportWh;
      assert.equal(seen, 7360);
      first.clock.advance(HOUR); // charged further but never read: may be lost, like a meter's last unsaved second
      // kill -9: the first station is abandoned without stop(); its timers die with the process.

      const second = await open(file);
      const after = (await evse(second.station, SOCKET).meter.read()).energyImportWh;
      assert.ok(after >= seen, `register went back: ${after} < ${seen}`);
      assert.equal(after, 7360);
      assert.equal(second.station.state(SOCKET).evPlugged, true);
      await second.station.stop();
    } finally {
      cleanup();
    }
  });

  test('every SimControl change is on disk at once', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'sim.json');
      const { station } = await open(file);
      const onDisk = () => JSON.parse(readFileSync(file, 'utf8')).evses.find((x: { evseId: number }) => x.evseId === SOCKET);
      station.plug(SOCKET);
      assert.equal(onDisk().evPlugged, true);
      station.injectFault(SOCKET, 'weld');
      assert.deepEqual(onDisk().faults, ['weld']);
      station.clearFaults(SOCKET);
      assert.deepEqual(onDisk().faults, []);
      station.setEvCharge(SOCKET, false);
      assert.equal(onDisk().evWantsCharge, false);
      station.unplug(SOCKET, { keepCable: true });
      assert.equal(onDisk().evPlugged, false);
      assert.equal(onDisk().cablePresent, true);
      assert.ok(!existsSync(`${file}.tmp`), 'temp file renamed into place');
      await station.stop();
    } finally {
      cleanup();
    }
  });

  test('the linger end is persisted; a kept cable survives a restart, a lingering one finishes leaving', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'sim.json');
      const first = await open(file);
      first.station.plug(SOCKET);
      first.station.unplug(SOCKET);
      first.clock.advance(2000);
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).evses[0].cablePresent, false);

      first.station.plug(SOCKET);
      first.station.unplug(SOCKET, { keepCable: true });
      await first.station.stop();
      const second = await open(file);
      second.clock.advance(60_000);
      assert.equal(second.station.state(SOCKET).cablePresent, true, 'kept cable stays');
      second.station.plug(SOCKET);
      second.station.unplug(SOCKET);
      second.clock.advance(500);
      await second.station.stop(); // stopped while the cable lingers

      const third = await open(file);
      assert.equal(third.station.state(SOCKET).cablePresent, true);
      third.clock.advance(2000);
      assert.equal(third.station.state(SOCKET).cablePresent, false, 'the interrupted removal completes');
      await third.station.stop();
    } finally {
      cleanup();
    }
  });

  test('a meter fault survives a restart: no event inside start(), the first read reports it before rejecting', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'sim.json');
      const first = await open(file);
      first.station.injectFault(SOCKET, 'meter');
      await first.station.stop();

      const station = new SimStation(defaultOptions({ stateFile: file }), new FakeClock());
      const meter = evse(station, SOCKET).meter;
      const log: string[] = [];
      meter.events.on('fault', (err) => log.push(`fault:${err.code}`));
      await station.start();
      assert.equal(log.length, 0, 'no event inside start()');
      await assert.rejects(
        meter.read().catch((err: unknown) => {
          log.push('rejected');
          throw err;
        }),
      );
      assert.deepEqual(log, ['fault:METER_UNAVAILABLE', 'rejected']);
      await station.stop();
    } finally {
      cleanup();
    }
  });

  test('a weld survives a restart and is reported once the contactor has settled', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'sim.json');
      const first = await open(file);
      first.station.injectFault(SOCKET, 'weld');
      await first.station.stop();

      const clock = new FakeClock();
      const station = new SimStation(defaultOptions({ stateFile: file }), clock);
      const faults: string[] = [];
      evse(station, SOCKET).contactor.events.on('fault', (k) => faults.push(k));
      await station.start();
      assert.equal(evse(station, SOCKET).contactor.feedbackClosed, true);
      assert.equal(evse(station, SOCKET).contactor.commandedClosed, false);
      assert.deepEqual(faults, [], 'no event inside start()');
      clock.advance(50);
      assert.deepEqual(faults, ['welded']);
      await station.stop();
    } finally {
      cleanup();
    }
  });

  test('a corrupt state file makes start() fail with an error naming the file', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'sim.json');
      for (const content of ['{not json', '[]', '{"format":"chargerd-sim-state","version":1,"evses":[{"evseId":1}]}']) {
        writeFileSync(file, content);
        const station = new SimStation(defaultOptions({ stateFile: file }), new FakeClock());
        await assert.rejects(
          station.start(),
          (e: unknown) => e instanceof SimError && e.code === 'SIM_STATE_FILE_CORRUPT' && e.message.includes(file),
        );
        assert.equal(readFileSync(file, 'utf8'), content, 'a corrupt file is never overwritten');
        assert.equal(station.started, false);
      }
    } finally {
      cleanup();
    }
  });

  test('reading the meter before start() neither answers nor overwrites the file', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'sim.json');
      const first = await open(file);
      const e = evse(first.station, CABLE);
      first.station.plug(CABLE);
      e.pilot.setOfferedCurrent(16);
      first.clock.advance(200);
      e.contactor.close();
      first.clock.advance(HOUR);
      await first.station.stop();
      const text = readFileSync(file, 'utf8');

      const second = new SimStation(defaultOptions({ stateFile: file }), new FakeClock());
      await assert.rejects(evse(second, CABLE).meter.read());
      assert.equal(readFileSync(file, 'utf8'), text);
      await second.start();
      assert.equal((await evse(second, CABLE).meter.read()).energyImportWh, 3680);
      await second.stop();
    } finally {
      cleanup();
    }
  });

  test('without a stateFile nothing is written and each start begins from defaults', async () => {
    const clock = new FakeClock();
    const station = new SimStation(defaultOptions(), clock);
    await station.start();
    station.plug(SOCKET);
    await station.stop();
    await station.start();
    assert.equal(station.state(SOCKET).evPlugged, false);
    await station.stop();
  });
});
