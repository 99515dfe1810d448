/**
 * PN532 frame codec (NXP UM0701-02 §6.2.1): information frames (normal and extended), ACK, NACK and the error
 * frame, for both directions. The same codec serves the driver and our test peer, so a frame layout mistake
 * would show as a peer that disagrees with the datasheet vectors in the unit tests, not as two matching bugs.
 *
 * Normal:   00 00 FF LEN LCS TFI PD0..PDn DCS 00       (LEN = 1 + n, LEN + LCS = 0, TFI + ΣPD + DCS = 0 mod 256)
 * Extended: 00 00 FF FF FF LENM LENL LCS TFI ... DCS 00 (LENM + LENL + LCS = 0)
 * ACK 00 00 FF 00 FF 00, NACK 00 00 FF FF 00 00, error frame 00 00 FF 01 FF 7F 81 00.
 */

export const TFI_HOST_TO_PN532 = 0xd4;
export const TFI_PN532_TO_HOST = 0xd5;
export const ACK_FRAME = Uint8Array.of(0x00, 0x00, 0xff, 0x00, 0xff, 0x00);
export const NACK_FRAME = Uint8Array.of(0x00, 0x00, 0xff, 0xff, 0x00, 0x00);
export const ERROR_FRAME = Uint8Array.of(0x00, 0x00, 0xff, 0x01, 0xff, 0x7f, 0x81, 0x00);
/** Largest TFI + data a normal frame carries; beyond it the extended layout is used. */
export const MAX_NORMAL_LEN = 254;
/** Largest frame the PN532 handles (its 265-byte buffer): the parser gives up on longer claimed lengths. */
export const MAX_FRAME_LEN = 265;

export type Pn532Frame =
  | { kind: 'ack' }
  | { kind: 'nack' }
  /** Application-level error (syntax error in the command, UM0701 §6.2.1.5). */
  | { kind: 'error' }
  | { kind: 'info'; tfi: number; data: Uint8Array };

/** What the parser threw away while looking for frames. */
export interface Pn532Garbage {
  reason: string;
  bytes: Uint8Array;
}

function checksum(bytes: Iterable<number>): number {
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xff;
  return (0x100 - sum) & 0xff;
}

/** One information frame: TFI then `data` (command code first). */
export function encodeFrame(tfi: number, data: Uint8Array | readonly number[]): Uint8Array {
  const body = Uint8Array.of(tfi, ...data);
  const len = body.length;
  if (len > MAX_FRAME_LEN) throw new RangeError(`PN532 frame of ${len} bytes is longer than ${MAX_FRAME_LEN}`);
  const dcs = checksum(body);
  if (len <= MAX_NORMAL_LEN) return Uint8Array.of(0x00, 0x00, 0xff, len, checksum([len]), ...body, dcs, 0x00);
  const lenM = len >> 8;
  const lenL = len & 0xff;
  return Uint8Array.of(0x00, 0x00, 0xff, 0xff, 0xff, lenM, lenL, checksum([lenM, lenL]), ...body, dcs, 0x00);
}

/**
 * Streaming parser: feed it whatever the port delivers, in any chunking; it calls `onFrame` per complete frame
 * and `onGarbage` for bytes that are no frame (line noise, a frame with a bad checksum), then resynchronises on
 * the next start code. The postamble is not required: some clones omit it, and nothing depends on it.
 */
export class Pn532FrameParser {
  private buf: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly onFrame: (frame: Pn532Frame) => void,
    private readonly onGarbage: (g: Pn532Garbage) => void = () => undefined,
  ) {}

  /** Drop a partial frame (after a timeout: what follows is a new exchange). */
  reset(): void {
    if (this.buf.length > 0) this.garbage('incomplete frame dropped', this.buf.length);
    this.buf = new Uint8Array(0);
  }

  get pending(): number {
    return this.buf.length;
  }

  push(chunk: Uint8Array): void {
    const next = new Uint8Array(this.buf.length + chunk.length);
    next.set(this.buf);
    next.set(chunk, this.buf.length);
    this.buf = next;
    while (this.step());
  }

  /** Consume one frame or one piece of garbage from the front; false when more bytes are needed. */
  private step(): boolean {
    const b = this.buf;
    const start = findStartCode(b);
    if (start < 0) {
      // Keep a tail that may be the beginning of a start code.
      const keep = b.length >= 2 && b[b.length - 2] === 0x00 && b[b.length - 1] === 0x00 ? 2 : b.length >= 1 && b[b.length - 1] === 0x00 ? 1 : 0;
      // Leading zeros are preamble bytes, not garbage.
      const drop = b.length - keep;
      if (drop > 0 && b.subarray(0, drop).some((x) => x !== 0x00)) this.garbage('no start code', drop);
      this.buf = b.subarray(drop);
      return false;
    }
    if (start > 0) {
      if (b.subarray(0, start).some((x) => x !== 0x00)) this.garbage('bytes before the start code', start);
      this.buf = b.subarray(start);
      return true;
    }
    // b[0..1] = 00 FF: the start code (its preamble zeros were consumed above).
    const p = 2;
    if (b.length < p + 2) return false;
    const l0 = b[p]!;
    const l1 = b[p + 1]!;
    if (l0 === 0x00 && l1 === 0xff) return this.emit({ kind: 'ack' }, p + 2, true);
    if (l0 === 0xff && l1 === 0x00) return this.emit({ kind: 'nack' }, p + 2, true);
    let len: number;
    let bodyAt: number;
    if (l0 === 0xff && l1 === 0xff) {
      if (b.length < p + 5) return false;
      const m = b[p + 2]!;
      const l = b[p + 3]!;
      if (checksum([m, l]) !== b[p + 4]) return this.bad('bad extended length checksum', p + 2);
      len = (m << 8) | l;
      bodyAt = p + 5;
    } else {
      if (((l0 + l1) & 0xff) !== 0) return this.bad('bad length checksum', p + 2);
      len = l0;
      bodyAt = p + 2;
    }
    if (len === 0 || len > MAX_FRAME_LEN) return this.bad(`impossible length ${len}`, bodyAt);
    if (b.length < bodyAt + len + 1) return false;
    const body = b.subarray(bodyAt, bodyAt + len);
    if (checksum(body) !== b[bodyAt + len]) return this.bad('bad data checksum', bodyAt + len + 1);
    const end = bodyAt + len + 1;
    if (len === 1 && body[0] === 0x7f) return this.emit({ kind: 'error' }, end, true);
    return this.emit({ kind: 'info', tfi: body[0]!, data: body.slice(1) }, end, true);
  }

  private emit(frame: Pn532Frame, end: number, postamble: boolean): boolean {
    // Swallow the postamble when it is there.
    const after = postamble && this.buf[end] === 0x00 ? end + 1 : end;
    this.buf = this.buf.subarray(after);
    this.onFrame(frame);
    return true;
  }

  private bad(reason: string, upTo: number): boolean {
    this.garbage(reason, Math.min(upTo, this.buf.length));
    this.buf = this.buf.subarray(Math.min(upTo, this.buf.length));
    return true;
  }

  private garbage(reason: string, n: number): void {
    this.onGarbage({ reason, bytes: this.buf.slice(0, n) });
  }
}

/** Index of the "00 FF" of a start code (the preamble's zero before it is optional on the wire), or -1. */
function findStartCode(b: Uint8Array): number {
  for (let i = 0; i + 1 < b.length; i++) if (b[i] === 0x00 && b[i + 1] === 0xff) return i;
  return -1;
}

export function hexBytes(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}
