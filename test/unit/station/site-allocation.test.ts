/**
 * The division of a site limit (agent/station/site-allocation.ts): hand-worked cases for each policy, then seeded
 * properties over random sites: the shares never sum above the site, nobody gets more than it asks or a share
 * between 0 and its minimum, the pausing is newest first, and equalShare is max-min fair.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allocate, type Claimant } from '../../../agent/station/site-allocation.js';
import { prng } from '../../support/prng.js';

const amps = (id: number, demand = 32): Claimant => ({ id, minimum: 6, demand });
const shares = (m: Map<number, number>) => [...m.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => Math.round(v * 100) / 100);

describe('equalShare', () => {
  test('equal parts; an EV that needs less leaves the rest to the others', () => {
    assert.deepEqual(shares(allocate(30, [amps(1), amps(2), amps(3)], 'equalShare')), [10, 10, 10]);
    // EV 2 draws 7 A (capped at 7): 30 − 7 = 23 between the other two.
    assert.deepEqual(shares(allocate(30, [amps(1), amps(2, 7), amps(3)], 'equalShare')), [11.5, 7, 11.5]);
    // Nobody gets more than it can use, even with the site to spare.
    assert.deepEqual(shares(allocate(100, [amps(1, 16), amps(2, 32)], 'equalShare')), [16, 32]);
  });

  test('under 6 A each, the newest pause; the oldest keep the minimum or more', () => {
    assert.deepEqual(shares(allocate(11, [amps(1), amps(2)], 'equalShare')), [11, 0]);
    assert.deepEqual(shares(allocate(12, [amps(1), amps(2), amps(3)], 'equalShare')), [6, 6, 0]);
    assert.deepEqual(shares(allocate(5, [amps(1)], 'equalShare')), [0]);
    assert.deepEqual(shares(allocate(0, [], 'equalShare')), []);
  });

  test('in watts each minimum counts its phases: a later 1-phase EVSE is not left short by an equal part', () => {
    const three = { id: 1, minimum: 6 * 230 * 3, demand: 32 * 230 * 3 };
    const one = { id: 2, minimum: 6 * 230, demand: 2000 };
    const m = allocate(6000, [three, one], 'equalShare');
    assert.ok(m.get(1)! >= three.minimum && m.get(2)! >= one.minimum, JSON.stringify([...m]));
    assert.ok(m.get(1)! + m.get(2)! <= 6000 + 1e-9);
  });
});

describe('firstComeFirstServed', () => {
  test('the oldest session gets what it can use, the later ones keep their minimum', () => {
    assert.deepEqual(shares(allocate(40, [amps(1), amps(2), amps(3)], 'firstComeFirstServed')), [28, 6, 6]);
    assert.deepEqual(shares(allocate(40, [amps(1, 16), amps(2), amps(3)], 'firstComeFirstServed')), [16, 18, 6]);
    assert.deepEqual(shares(allocate(13, [amps(1), amps(2), amps(3)], 'firstComeFirstServed')), [7, 6, 0]);
  });
});

describe('properties (seeded)', () => {
  for (const policy of ['equalShare', 'firstComeFirstServed'] as const) {
    test(`${policy}: within the site, within demand, never between 0 and the minimum, newest pause first`, () => {
      const rnd = prng(policy === 'equalShare' ? 61851 : 15118);
      for (let round = 0; round < 1000; round++) {
        const n = 1 + Math.floor(rnd() * 6);
        const claimants: Claimant[] = Array.from({ length: n }, (_, i) => {
          const perUnit = rnd() < 0.5 ? 1 : 230 * (rnd() < 0.5 ? 1 : 3);
          const minimum = 6 * perUnit;
          return { id: i + 1, minimum, demand: minimum + rnd() * 26 * perUnit };
        });
        const total = rnd() * claimants.reduce((s, c) => s + c.demand, 0) * 1.2;
        const m = allocate(total, claimants, policy);
        const got = claimants.map((c) => m.get(c.id)!);
        const ctx = JSON.stringify({ total, claimants, got });
        assert.ok(got.reduce((s, x) => s + x, 0) <= total + 1e-6, `above the site: ${ctx}`);
        claimants.forEach((c, i) => {
          assert.ok(got[i]! === 0 || got[i]! >= c.minimum - 1e-9, `between 0 and the minimum: ${ctx}`);
          assert.ok(got[i]! <= c.demand + 1e-9, `above its demand: ${ctx}`);
          if (got[i] === 0 && i + 1 < n) assert.equal(got[i + 1], 0, `an older one paused before a newer: ${ctx}`);
        });
        const servedMin = claimants.filter((_, i) => got[i]! > 0).reduce((s, c) => s + c.minimum, 0);
        const next = claimants.find((_, i) => got[i] === 0);
        if (next) assert.ok(servedMin + next.minimum > total - 1e-9, `paused although its minimum fits: ${ctx}`);
        if (policy === 'equalShare') {
          // Max-min fair: one below its demand gets at least as much as every other (up to the minimums' pull).
          const left = total - got.reduce((s, x) => s + x, 0);
          claimants.forEach((c, i) => {
            if (got[i]! === 0 || got[i]! >= c.demand - 1e-9) return;
            const others = got.filter((x, j) => j !== i && x > 0 && x > claimants[j]!.minimum + 1e-9);
            for (const o of others) assert.ok(got[i]! >= o - 1e-6 || left > 1e-6, `not max-min fair: ${ctx}`);
          });
        }
      }
    });
  }
});
