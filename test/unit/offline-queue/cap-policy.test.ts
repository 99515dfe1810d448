import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { planThinning, type MeterCandidate } from '../../../offline-queue/index.js';

const meters = (spec: string): MeterCandidate[] =>
  // "AAB." -> seq 1 tx A, seq 2 tx A, seq 3 tx B, seq 4 no transaction
  [...spec].map((c, i) => ({ seq: i + 1, txLocalId: c === '.' ? null : c }));

describe('planThinning', () => {
  test('nothing to do for zero or negative excess', () => {
    assert.deepEqual(planThinning(meters('AAAA'), 0), []);
    assert.deepEqual(planThinning(meters('AAAA'), -3), []);
  });

  test('a single group is halved: 1st, 3rd, 5th..., never the newest', () => {
    assert.deepEqual(planThinning(meters('AAAAAA'), 100), [1, 3, 5, 2, 4]);
    assert.deepEqual(planThinning(meters('AAAAA'), 2), [1, 3]);
    assert.deepEqual(planThinning(meters('AA'), 5), [1]);
    assert.deepEqual(planThinning(meters('A'), 5), []);
  });

  test('the largest group goes first; ties to the older one', () => {
    assert.deepEqual(planThinning(meters('ABBBA'), 1), [2]);
    assert.deepEqual(planThinning(meters('BAAB'), 1), [1]);
    assert.deepEqual(planThinning(meters('AB.AB.'), 10), [1, 2, 3]);
  });

  test('removals never exceed the excess and every group keeps its newest', () => {
    const list = meters('AABABBBA.A..BB');
    for (let excess = 0; excess <= list.length; excess++) {
      const removed = planThinning(list, excess);
      assert.ok(removed.length <= excess);
      assert.equal(new Set(removed).size, removed.length, 'no seq twice');
      for (const tx of ['A', 'B', null]) {
        const newest = list.filter((m) => m.txLocalId === tx).at(-1)?.seq;
        assert.ok(!removed.includes(newest as number), `newest of ${tx} kept`);
      }
    }
    assert.equal(planThinning(list, 100).length, list.length - 3, 'with unlimited excess one per group remains');
  });
});
