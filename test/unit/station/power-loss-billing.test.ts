/**
 * Issue 7, durability at the station: a power loss bills what was delivered with sampling off, a clean stop
 * journals the register on the way down, stops refused by a full disk on several EVSEs all survive and keep
 * their order.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { JOURNAL_READING_MS, STORAGE_RETRY_MS } from '../../../agent/station/evse.js';
import { HalError } from '../../../hal/errors.js';
import { createMemoryStore, StoreError, type Store } from '../../../offline-queue/index.js';
import { CABLE, chargingSession, harness, queuedActions, SOCKET, type Harness, type StopPayload } from './harness.js';

/** The station process dies; the hardware comes back de-energised; a new station starts on the same store. */
async function powerLoss(first: Harness, clock: FakeClock, opts: { meterDown?: boolean } = {}): Promise<Harness> {
  first.station.stop();
  await first.sim.stop();
  await first.sim.start();
  clock.advance(600_000);
  const second = await harness({ clock, store: first.store, sim2: first.sim, startStation: false });
  if (opts.meterDown) {
    for (const id of [SOCKET, CABLE]) second.hw(id).meter.read = () => Promise.reject(new HalError('MODBUS_TIMEOUT', 'no answer'));
  }
  second.station.start();
  await second.run(6000, 100);
  return second;
}

function stopOf(store: Store, localId: string): StopPayload {
  const rec = store.journal.get(localId);
  assert.ok(rec?.stoppedAt, 'stopped');
  return { reason: rec.stopReason!, meterStopWh: rec.meterStopWh!, stopIdTag: null, at: rec.stoppedAt, data: [] } as StopPayload;
}

/** The simulated hardware keeps its register across the restart, as a real meter does. */
const persistentSim = () => ({ stateFile: join(mkdtempSync(join(tmpdir(), 'chargerd-pl-')), 'sim.json') });

describe('power loss with MeterValueSampleInterval 0', () => {
  test('an hour of charging is billed from the meter at the restart', async () => {
    const clock = new FakeClock();
    const first = await harness({ clock, store: 'sqlite', sim: persistentSim(), settings: { meterValueSampleIntervalS: 0 } });
    const rec = await chargingSession(first);
    await first.run(3_600_000, 1000);
    const delivered = (await first.hw().meter.read()).energyImportWh - rec.meterStartWh;
    assert.ok(delivered > 20_000, `about 22 kWh in an hour at 32 A × 3 (${delivered} Wh)`);
    const second = await powerLoss(first, clock);
    const stop = stopOf(second.store, rec.localId);
    assert.equal(stop.reason, 'PowerLoss');
    // What the meter shows at the restart (the simulated register keeps what it last reported before the loss).
    assert.equal(stop.meterStopWh, (await second.hw().meter.read()).energyImportWh);
    assert.ok(stop.meterStopWh - rec.meterStartWh >= delivered * 0.999, `billed ${stop.meterStopWh - rec.meterStartWh} of ${delivered} Wh`);
    second.store.close();
    await second.close();
  });

  test('the meter unreadable at the restart: the journal’s register, at most JOURNAL_READING_MS old, is billed', async () => {
    const clock = new FakeClock();
    const first = await harness({ clock, store: 'sqlite', sim: persistentSim(), settings: { meterValueSampleIntervalS: 0 } });
    const rec = await chargingSession(first);
    await first.run(3_600_000, 1000);
    const register = (await first.hw().meter.read()).energyImportWh;
    const powerW = 32 * 3 * 230;
    const second = await powerLoss(first, clock, { meterDown: true });
    const stop = stopOf(second.store, rec.localId);
    const missingWh = register - stop.meterStopWh;
    assert.ok(missingWh >= 0 && missingWh <= (powerW * (JOURNAL_READING_MS + 5000)) / 3_600_000, `unbilled ${missingWh} Wh`);
    assert.ok(stop.meterStopWh > rec.meterStartWh + 20_000);
    second.store.close();
    await second.close();
  });

  test('a register that cannot belong to the transaction (replaced meter) is not billed: the journal is', async () => {
    const clock = new FakeClock();
    const first = await harness({ clock, store: 'sqlite', sim: persistentSim(), settings: { meterValueSampleIntervalS: 0 } });
    const rec = await chargingSession(first);
    await first.run(120_000, 1000);
    const journaled = first.store.journal.get(rec.localId)!.lastMeterWh;
    first.station.stop();
    await first.sim.stop();
    await first.sim.start();
    const second = await harness({ clock, store: first.store, sim2: first.sim, startStation: false });
    second.hw().meter.read = () => Promise.resolve({ energyImportWh: journaled + 5_000_000 });
    second.station.start();
    await second.run(1000, 100);
    assert.equal(stopOf(second.store, rec.localId).meterStopWh, journaled);
    second.store.close();
    await second.close();
  });

  test('the journal follows the register during the session, whatever the sample interval', async () => {
    const h = await harness({ settings: { meterValueSampleIntervalS: 0 } });
    const rec = await chargingSession(h);
    await h.run(10 * JOURNAL_READING_MS, 1000);
    const j = h.store.journal.get(rec.localId)!;
    const register = (await h.hw().meter.read()).energyImportWh;
    const powerW = 32 * 3 * 230;
    assert.ok(register - j.lastMeterWh <= (powerW * (JOURNAL_READING_MS + 5000)) / 3_600_000, `journal ${j.lastMeterWh}, register ${register}`);
    assert.deepEqual(queuedActions(h.store), ['Start'], 'journaling sends nothing');
    await h.close();
  });
});

describe('a clean stop journals the register on the way down', () => {
  test('journalReadings() then a restart: the stop bills the register, not the start', async () => {
    const clock = new FakeClock();
    const first = await harness({ clock, store: 'sqlite', sim: persistentSim(), settings: { meterValueSampleIntervalS: 0 } });
    const rec = await chargingSession(first);
    await first.run(30_000, 1000);
    const before = first.store.journal.get(rec.localId)!.lastMeterWh;
    const done = first.station.journalReadings();
    await first.flush();
    await done;
    const register = first.store.journal.get(rec.localId)!.lastMeterWh;
    const now = (await first.hw().meter.read()).energyImportWh;
    assert.ok(register > before + 100, `journaled ${register}, before ${before}`);
    assert.ok(now - register < 10, `journaled ${register}, meter now ${now}`);
    const second = await powerLoss(first, clock, { meterDown: true });
    assert.equal(stopOf(second.store, rec.localId).meterStopWh, register);
    second.store.close();
    await second.close();
  });
});

/** A real memory store whose journal writes fail with STORE_FULL while `full` is set. */
function fillableStore(): { store: Store; setFull(full: boolean): void } {
  const inner = createMemoryStore();
  let full = false;
  const journal = new Proxy(inner.journal, {
    get(t, k, r) {
      const v = Reflect.get(t, k, r);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (full && (k === 'open' || k === 'close' || k === 'updateMeter')) throw new StoreError('STORE_FULL', 'database or disk is full');
        return (v as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
  return { store: { ...inner, journal, atomically: inner.atomically, close: inner.close }, setFull: (f) => (full = f) };
}

describe('stops refused by a full disk', () => {
  test('refusals on two EVSEs: both stops are kept and recorded, in order, as soon as the disk allows', async () => {
    const f = fillableStore();
    const h = await harness({ store: f.store, settings: { meterValueSampleIntervalS: 0 } });
    const a = await chargingSession(h, SOCKET, 'CARD-A');
    const b = await chargingSession(h, CABLE, 'CARD-B');
    f.setFull(true);
    h.sim.presentTag(SOCKET, 'CARD-A');
    await h.run(1000);
    h.sim.presentTag(CABLE, 'CARD-B');
    await h.run(1000);
    assert.equal(f.store.journal.get(a.localId)!.stoppedAt, null);
    assert.equal(f.store.journal.get(b.localId)!.stoppedAt, null);
    // Storage works again: the first write anywhere lets both through, long before the retry timer.
    f.setFull(false);
    h.auth.ids.set('CARD-C', { status: 'Accepted' });
    h.sim.unplug(CABLE);
    await h.run(500);
    h.sim.plug(CABLE);
    h.sim.presentTag(CABLE, 'CARD-C');
    await h.run(1000);
    assert.ok(f.store.journal.get(a.localId)!.stoppedAt, 'stop A recorded');
    assert.ok(f.store.journal.get(b.localId)!.stoppedAt, 'stop B recorded');
    const actions = queuedActions(f.store);
    assert.deepEqual(actions, ['Start', 'Start', 'Stop', 'Stop', 'Start'], 'the new start comes after the kept stops');
    assert.equal(h.stopped.length, 2);
    await h.close();
  });

  test('without other writes the retry timer records them', async () => {
    const f = fillableStore();
    const h = await harness({ store: f.store, settings: { meterValueSampleIntervalS: 0 } });
    const a = await chargingSession(h, SOCKET, 'CARD-A');
    const b = await chargingSession(h, CABLE, 'CARD-B');
    f.setFull(true);
    h.sim.presentTag(SOCKET, 'CARD-A');
    h.sim.presentTag(CABLE, 'CARD-B');
    await h.run(STORAGE_RETRY_MS + 1000, 500);
    assert.equal(f.store.journal.get(a.localId)!.stoppedAt, null, 'a second refusal keeps both');
    f.setFull(false);
    await h.run(STORAGE_RETRY_MS + 1000, 500);
    assert.ok(f.store.journal.get(a.localId)!.stoppedAt);
    assert.ok(f.store.journal.get(b.localId)!.stoppedAt);
    await h.close();
  });
});
