/**
 * Splits a byte stream into newline-terminated lines with a hard cap on line length, so a peer that never sends
 * a newline cannot grow our memory. An over-long line is reported once, then skipped up to its newline; the lines
 * after it are read normally. Bytes are joined before decoding so a UTF-8 character split across chunks survives.
 */
export type SplitEvent = { kind: 'line'; line: string } | { kind: 'oversized'; bytesSeen: number };

const NL = 0x0a;
const CR = 0x0d;

export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  /** True while discarding the rest of an over-long line. */
  private skipping = false;

  constructor(private readonly maxLineBytes: number) {}

  /** Feed a chunk; returns the events it completes, in order. */
  push(chunk: Buffer): SplitEvent[] {
    const events: SplitEvent[] = [];
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(NL, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!this.skipping) {
        const piece = chunk.subarray(start, end);
        if (this.size + piece.length > this.maxLineBytes) {
          events.push({ kind: 'oversized', bytesSeen: this.size + piece.length });
          this.parts = [];
          this.size = 0;
          this.skipping = true;
        } else if (piece.length > 0) {
          // Copy: the caller's chunk buffer may be reused by the stream.
          this.parts.push(Buffer.from(piece));
          this.size += piece.length;
        }
      }
      if (nl === -1) break;
      if (this.skipping) this.skipping = false;
      else this.emitLine(events);
      start = nl + 1;
    }
    return events;
  }

  /** End of stream: an unterminated last line still counts (e.g. `printf '{...}' | socat - UNIX:...`). */
  end(): SplitEvent[] {
    const events: SplitEvent[] = [];
    if (!this.skipping) this.emitLine(events);
    this.skipping = false;
    return events;
  }

  private emitLine(events: SplitEvent[]): void {
    let buf = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    if (buf.length > 0 && buf[buf.length - 1] === CR) buf = buf.subarray(0, buf.length - 1);
    const line = buf.toString('utf8');
    // Blank lines are keep-alives or stray newlines from hand-typed sessions, not requests.
    if (line.trim().length > 0) events.push({ kind: 'line', line });
  }
}
