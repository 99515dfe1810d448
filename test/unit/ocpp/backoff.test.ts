import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff } from '../../../agent/ocpp/backoff.js';

describe('Backoff', () => {
  test('doubles from initialMs up to maxMs without jitter', () => {
    const b = new Backoff({ initialMs: 1000, maxMs: 10_000, jitter: 0 });
    assert.deepEqual([1, 2, 3, 4, 5, 6].map(() => b.next()), [1000, 2000, 4000, 8000, 10_000, 10_000]);
    assert.equal(b.attempts, 6);
  });

  test('reset after a successful connection starts from initialMs again', () => {
    const b = new Backoff({ initialMs: 500, maxMs: 60_000, factor: 3, jitter: 0 });
    assert.deepEqual([b.next(), b.next(), b.next()], [500, 1500, 4500]);
    b.reset();
    assert.equal(b.next(), 500);
  });

  test('jitter takes up to that fraction off the nominal delay and never exceeds the cap', () => {
    const low = new Backoff({ initialMs: 1000, maxMs: 4000, jitter: 0.5 }, () => 0.999999);
    const high = new Backoff({ initialMs: 1000, maxMs: 4000, jitter: 0.5 }, () => 0);
    for (let i = 0; i < 5; i++) {
      const l = low.next();
      const h = high.next();
      const nominal = Math.min(4000, 1000 * 2 ** i);
      assert.equal(h, nominal);
      assert.ok(l >= nominal * 0.5 && l < nominal, `${l} within [${nominal / 2}, ${nominal})`);
    }
  });

  test('defaults: factor 2, 20 % jitter; a huge number of failures stays finite', () => {
    const b = new Backoff({ initialMs: 100, maxMs: 1000 }, () => 1);
    assert.equal(b.next(), 80);
    for (let i = 0; i < 5000; i++) b.next();
    assert.equal(b.next(), 800);
  });
});
