import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { currentForDutyCycle, dutyCycleForCurrent, offerableCurrent } from '../../../hal/pilot/duty-cycle.js';

const close = (actual: number, expected: number, tolerance: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected}, got ${actual}`);

describe('IEC 61851-1 duty cycle (spec-facts E.2)', () => {
  // [amps, duty %] from the formulas D = I / 0.6 (6–51 A) and D = I / 2.5 + 64 (51–80 A).
  const table: [number, number][] = [
    [6, 10],
    [10, 100 / 6],
    [16, 160 / 6],
    [32, 160 / 3],
    [51, 85],
    [55, 86],
    [63, 89.2],
    [80, 96],
  ];

  test('current → duty cycle', () => {
    for (const [a, d] of table) close(dutyCycleForCurrent(a), d, 1e-9, `${a} A`);
    close(dutyCycleForCurrent(32), 53.33, 0.005, '32 A');
    assert.equal(dutyCycleForCurrent(6), 10);
    assert.equal(dutyCycleForCurrent(51), 85);
    assert.equal(dutyCycleForCurrent(80), 96);
  });

  test('duty cycle → current', () => {
    for (const [a, d] of table) assert.equal(currentForDutyCycle(d), a, `${d} %`);
    assert.equal(currentForDutyCycle(53.33), 31.998);
    assert.equal(currentForDutyCycle(25), 15);
    assert.equal(currentForDutyCycle(90), 65);
  });

  test('round trip for every whole ampere 6..80 except 52 A, which the bands cannot express', () => {
    for (let a = 6; a <= 80; a++) {
      if (a === 52) continue;
      assert.equal(currentForDutyCycle(dutyCycleForCurrent(a)), a, `${a} A`);
    }
  });

  test('51–52.5 A (the gap between the bands, 52.5 A included) is sent as 85 %, read back as 51 A', () => {
    for (const a of [51.5, 52, 52.4, 52.5]) {
      assert.equal(dutyCycleForCurrent(a), 85, `${a} A`);
      assert.equal(currentForDutyCycle(dutyCycleForCurrent(a)), 51, `${a} A`);
    }
    assert.equal(currentForDutyCycle(dutyCycleForCurrent(52.6)), 52.6);
  });

  test('the decoded current never exceeds the offer (0.01 A grid, 0–90 A)', () => {
    for (let i = 0; i <= 9000; i++) {
      const a = i / 100;
      const back = currentForDutyCycle(dutyCycleForCurrent(a));
      assert.ok(back <= a + 1e-9, `${a} A offered, ${back} A read back`);
      if (a >= 6 && (a <= 51 || a > 52.5) && a <= 80) assert.ok(Math.abs(back - a) < 1e-9, `${a} A read back as ${back}`);
    }
  });

  test('0 A and offers below 6 A switch PWM off (100 %)', () => {
    for (const a of [0, 0.5, 5, 5.999, -3, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.equal(dutyCycleForCurrent(a), 100, `${a} A`);
      assert.equal(offerableCurrent(a), 0, `${a} A`);
    }
    assert.equal(currentForDutyCycle(100), 0);
  });

  test('offers above 80 A are clamped to 80 A (96 %)', () => {
    assert.equal(dutyCycleForCurrent(81), 96);
    assert.equal(dutyCycleForCurrent(500), 96);
    assert.equal(offerableCurrent(125), 80);
    assert.equal(offerableCurrent(16.5), 16.5);
  });

  test('the bands that carry no PWM current', () => {
    assert.equal(currentForDutyCycle(0), 0, 'E/F');
    assert.equal(currentForDutyCycle(2.9), 0, 'E/F');
    assert.equal(currentForDutyCycle(5), 0, 'digital communication');
    assert.equal(currentForDutyCycle(7.5), 0, 'error band');
    assert.equal(currentForDutyCycle(97.5), 0, 'undefined band');
    assert.equal(currentForDutyCycle(-1), 0);
    assert.equal(currentForDutyCycle(Number.NaN), 0);
  });

  test('band edges', () => {
    assert.equal(currentForDutyCycle(8), 6);
    assert.equal(currentForDutyCycle(9.9), 6);
    assert.equal(currentForDutyCycle(85.5), 53.75);
    assert.equal(currentForDutyCycle(96.5), 80);
    assert.equal(currentForDutyCycle(97), 80);
  });
});
