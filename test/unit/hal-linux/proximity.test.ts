import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { cableForResistance, LinuxProximityPilot, ppResistance } from '../../../hal/linux/proximity.js';
import { FakeSysfs } from './fake-sysfs.js';

describe('PP cable coding', () => {
  // [Ω, present, rating]: the IEC 61851-1 B.2 / 62196 codes with ±10 % and the regions around them
  const table: [number, boolean, number | null][] = [
    [1500, true, 13],
    [1350, true, 13],
    [1650, true, 13],
    [680, true, 20],
    [612, true, 20],
    [748, true, 20],
    [220, true, 32],
    [198, true, 32],
    [242, true, 32],
    [100, true, 63],
    [90, true, 63],
    [110, true, 63],
    [Infinity, false, null],
    [10_000, false, null],
    [4500, false, null],
    [3500, true, null],
    [20, true, null],
    [0, true, null],
  ];
  for (const [ohms, present, rating] of table) {
    test(`${ohms} Ω → ${present ? `cable, ${rating ?? 'no valid rating'}` : 'no cable'}`, () => {
      assert.deepEqual(cableForResistance(ohms), { present, maxCurrentA: rating });
    });
  }

  test('divider voltage to resistance', () => {
    assert.equal(ppResistance(3.3, 1000, 3.3), Infinity);
    assert.equal(ppResistance(0, 1000, 3.3), 0);
    assert.ok(Math.abs(ppResistance((3.3 * 680) / 1680, 1000, 3.3) - 680) < 1e-6);
  });
});

describe('LinuxProximityPilot', () => {
  let fs: FakeSysfs;
  let clock: FakeClock;
  beforeEach(() => {
    fs = new FakeSysfs();
    fs.addIioDevice(0, [2]);
    clock = new FakeClock();
  });
  afterEach(() => fs.cleanup());

  test('reads the cable rating through the ADC and reports changes after the debounce', async () => {
    fs.setPpOhms(0, 2, Infinity);
    const pp = new LinuxProximityPilot({ adc: { device: 0, channel: 2, root: fs.iioRoot, gain: 1, offsetV: 0 }, pullupOhms: 1000, supplyV: 3.3, sampleMs: 50, debounceSamples: 3 }, clock);
    await pp.start();
    assert.equal(pp.cablePresent, false);
    const seen: [boolean, number | null][] = [];
    pp.events.on('change', (p, a) => seen.push([p, a]));
    fs.setPpOhms(0, 2, 220);
    clock.advance(100);
    assert.deepEqual(seen, []);
    clock.advance(50);
    assert.deepEqual(seen, [[true, 32]]);
    assert.equal(pp.cableMaxCurrentA, 32);
    fs.setPpOhms(0, 2, 1500);
    clock.advance(150);
    fs.setPpOhms(0, 2, Infinity);
    clock.advance(150);
    assert.deepEqual(seen, [
      [true, 32],
      [true, 13],
      [false, null],
    ]);
    await pp.stop();
    assert.equal(clock.pendingTimers(), 0);
  });
});
