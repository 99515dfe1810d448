import type { MeterSample } from './types.js';

/**
 * Keep at most `max` samples for a StopTransaction's transaction data: the first (Transaction.Begin) and the
 * last are never dropped (errata 3.14/3.89); intermediate ones are dropped every second one, oldest first, so
 * the remaining samples stay spread over the whole transaction.
 */
export function thinSamples(samples: MeterSample[], max: number): MeterSample[] {
  if (samples.length <= max) return samples;
  if (max < 2) return samples.slice(-Math.max(0, max));
  let out = samples;
  while (out.length > max) {
    const next: MeterSample[] = [out[0]!];
    let dropped = 0;
    const excess = out.length - max;
    for (let i = 1; i < out.length - 1; i++) {
      if (dropped < excess && i % 2 === 1) {
        dropped++;
        continue;
      }
      next.push(out[i]!);
    }
    next.push(out[out.length - 1]!);
    out = next;
  }
  return out;
}
