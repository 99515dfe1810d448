import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyCpVoltage } from '../../../hal/linux/cp-classifier.js';
import type { CpState } from '../../../hal/types.js';

describe('classifyCpVoltage', () => {
  // [high V, low V | null, previous state | null, expected]
  const table: [number, number | null, CpState | null, CpState][] = [
    // nominal levels (IEC 61851-1 Table A.4) without and with the previous state
    [12, null, null, 'A'],
    [9, null, null, 'B'],
    [6, null, null, 'C'],
    [3, null, null, 'D'],
    [0, null, null, 'E'],
    [-12, null, null, 'F'],
    [11.2, -12, 'B', 'A'],
    [9.1, -12, 'A', 'B'],
    [6.2, -11.9, 'B', 'C'],
    [2.8, -12, 'C', 'D'],
    // band edges without a previous state: the edge belongs to the upper band
    [10.5, null, null, 'A'],
    [10.49, null, null, 'B'],
    [7.5, null, null, 'B'],
    [7.49, null, null, 'C'],
    [4.5, null, null, 'C'],
    [4.49, null, null, 'D'],
    [1.5, null, null, 'D'],
    [1.49, null, null, 'E'],
    [-6, null, null, 'E'],
    [-6.01, null, null, 'F'],
    // hysteresis 0.5 V: a state is kept until the level is 0.5 V past its edge ...
    [10.3, null, 'A', 'A'],
    [10.01, null, 'A', 'A'],
    [9.99, null, 'A', 'B'],
    [10.7, null, 'B', 'B'],
    [10.99, null, 'B', 'B'],
    [11.0, null, 'B', 'A'],
    [7.2, null, 'B', 'B'],
    [7.0, null, 'B', 'B'],
    [6.99, null, 'B', 'C'],
    [7.9, null, 'C', 'C'],
    [8.0, null, 'C', 'B'],
    [4.1, null, 'C', 'C'],
    [3.99, null, 'C', 'D'],
    [4.9, null, 'D', 'D'],
    [5.0, null, 'D', 'C'],
    [1.1, null, 'D', 'D'],
    [0.99, null, 'D', 'E'],
    [1.9, null, 'E', 'E'],
    [2.0, null, 'E', 'D'],
    [-6.5, null, 'E', 'E'],
    [-6.51, null, 'E', 'F'],
    [-5.6, null, 'F', 'F'],
    [-5.5, null, 'F', 'E'],
    // ... but a jump across more than one band is not held back
    [6, null, 'A', 'C'],
    [12, null, 'C', 'A'],
    [-12, null, 'C', 'F'],
    // diode check while PWM runs: a vehicle state with the low level above −10.5 V is E
    [9, -10.6, null, 'B'],
    [9, -10.4, null, 'E'],
    [6, 0, 'C', 'E'],
    [3, 6, null, 'E'],
    [12, 0, null, 'A'],
    // an unusable measurement is F (not available), never a vehicle state
    [NaN, null, 'C', 'F'],
    [Infinity, null, 'C', 'F'],
  ];
  for (const [high, low, prev, want] of table) {
    test(`high ${high} V, low ${low ?? '-'} V, prev ${prev ?? '-'} → ${want}`, () => {
      assert.equal(classifyCpVoltage(high, low, prev), want);
    });
  }

  test('hysteresis width is a parameter (0 disables it)', () => {
    assert.equal(classifyCpVoltage(10.3, null, 'A', 0), 'B');
    assert.equal(classifyCpVoltage(9.8, null, 'A', 1), 'A');
    assert.equal(classifyCpVoltage(9.4, null, 'A', 1), 'B');
  });
});
