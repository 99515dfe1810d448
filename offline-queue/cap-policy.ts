/**
 * The queue cap policy, shared by every store so they thin the same messages.
 *
 * When the queue is deeper than its cap, intermediate MeterValues go first, because a bill needs the start and
 * stop values (StartTransaction/StopTransaction carry meterStart/meterStop) and only a coarser energy curve is
 * lost by thinning samples. The rules:
 * - only 'meter' messages are candidates, never 'start' or 'stop';
 * - no version's head (its oldest message) is a candidate: that version's sender may have it in flight right now
 *   (a station switched between OCPP versions has a head per version);
 * - take the transaction (txLocalId; null is a group of its own) with the most candidates, ties to the one whose
 *   oldest candidate is oldest, and remove its 1st, 3rd, 5th... candidates, oldest first, halving its density;
 * - never remove the last (newest) candidate of a transaction: for an unfinished transaction it is the best
 *   evidence of the energy delivered so far if the stop never arrives, so a group of one is never thinned;
 * - stop as soon as `excess` messages are chosen, else repeat with the (possibly different) largest group
 *   until no group has two or more candidates.
 */
export interface MeterCandidate {
  seq: number;
  txLocalId: string | null;
}

/** Choose which messages to remove. `candidates` are the queued 'meter' messages without the heads, in seq order. */
export function planThinning(candidates: readonly MeterCandidate[], excess: number): number[] {
  const removed: number[] = [];
  if (excess <= 0) return removed;
  const groups = new Map<string | null, number[]>();
  for (const c of candidates) {
    const g = groups.get(c.txLocalId);
    if (g) g.push(c.seq);
    else groups.set(c.txLocalId, [c.seq]);
  }
  while (removed.length < excess) {
    let bestKey: string | null | undefined;
    let best: number[] | undefined;
    for (const [key, seqs] of groups) {
      if (seqs.length < 2) continue;
      if (!best || seqs.length > best.length || (seqs.length === best.length && (seqs[0] as number) < (best[0] as number))) {
        best = seqs;
        bestKey = key;
      }
    }
    if (!best) break;
    const kept: number[] = [];
    for (let i = 0; i < best.length; i++) {
      const seq = best[i] as number;
      if (i % 2 === 0 && i !== best.length - 1 && removed.length < excess) removed.push(seq);
      else kept.push(seq);
    }
    groups.set(bestKey as string | null, kept);
  }
  return removed;
}
