import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchGpioFaultLatency } from '../../bench/gpio-fault-latency.js';

test('RCD trip edge → contactor open runs inside the edge callback, in well under a millisecond', async () => {
  const r = await benchGpioFaultLatency(200);
  assert.equal(r.samples, 200);
  assert.ok(r.p50Ms >= 0 && r.p50Ms <= r.p99Ms && r.p99Ms <= r.maxMs);
  // Generous bound for a loaded 2-core CI machine; the real figure is a few µs.
  assert.ok(r.p99Ms < 5, `p99 ${r.p99Ms} ms`);
});
