/**
 * NotifyCustomerInformation parts (N09, N10): what the station holds about one customer as human-readable lines
 * (part 2 1.34.1: no format, "should be human readable"), packed into parts of at most `maxChars` characters of
 * `data` (the schema's 512), a line never split unless it alone is longer than a part. seqNo counts from 0, tbc
 * is true on every part but the last, every part carries the request's id and one generatedAt.
 */
import type { NotifyCustomerInformationRequest } from '../generated/NotifyCustomerInformation.js';

/** NotifyCustomerInformationRequest.data is string[0..512]. */
export const MAX_DATA_CHARS = 512;

export function customerInformationParts(requestId: number, lines: readonly string[], generatedAt: string, maxChars = MAX_DATA_CHARS): NotifyCustomerInformationRequest[] {
  if (!Number.isInteger(maxChars) || maxChars < 1) throw new RangeError(`maxChars must be a positive integer, got ${maxChars}`);
  const chunks: string[] = [];
  let current = '';
  const push = (piece: string) => {
    const joined = current === '' ? piece : `${current}\n${piece}`;
    if (joined.length <= maxChars) {
      current = joined;
      return;
    }
    if (current !== '') chunks.push(current);
    current = piece;
  };
  for (const line of lines) {
    // A line longer than a part is cut at the part size: each piece is a part of its own.
    for (let i = 0; i < Math.max(1, line.length); i += maxChars) push(line.slice(i, i + maxChars));
  }
  if (current !== '' || chunks.length === 0) chunks.push(current);
  return chunks.map((data, seqNo) => ({ data, ...(seqNo < chunks.length - 1 ? { tbc: true } : {}), seqNo, generatedAt, requestId }));
}
