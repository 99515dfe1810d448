/**
 * The agent's own record of its recent log lines, for `chargerctl logs` when chargerd does not run under systemd
 * (no journal to ask). Bounded both by lines and by bytes, so a burst of long lines (a frame trace of a full
 * SendLocalList) cannot grow it past its byte budget. One ring per logger (createLogHub), never process-wide:
 * a fleet simulation runs many stations in one process, each with its own.
 */
export interface LogRingLine {
  /** Increases by one per line for the life of the ring: a follower asks for lines after the last it saw. */
  seq: number;
  line: string;
}

export const DEFAULT_RING_LINES = 2000;
export const DEFAULT_RING_BYTES = 512 * 1024;

export class LogRing {
  private lines: string[] = [];
  private head = 0;
  private bytes = 0;
  private nextSeq = 1;

  constructor(
    readonly maxLines = DEFAULT_RING_LINES,
    readonly maxBytes = DEFAULT_RING_BYTES,
  ) {}

  push(line: string): void {
    const text = line.endsWith('\n') ? line.slice(0, -1) : line;
    this.lines.push(text);
    this.bytes += text.length;
    this.nextSeq++;
    while (this.lines.length - this.head > this.maxLines || (this.bytes > this.maxBytes && this.lines.length - this.head > 1)) {
      this.bytes -= this.lines[this.head]!.length;
      this.head++;
    }
    // Compact now and then instead of shifting on every line.
    if (this.head > 1024 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
  }

  /** Seq of the newest line (0 when empty). */
  get last(): number {
    return this.nextSeq - 1;
  }

  /** Lines with seq > after (oldest first), at most `limit` of the newest of them. */
  since(after = 0, limit = Infinity): LogRingLine[] {
    const count = this.lines.length - this.head;
    const firstSeq = this.nextSeq - count;
    const start = Math.max(this.head, this.head + (after + 1 - firstSeq));
    const from = Math.max(start, this.lines.length - limit);
    const out: LogRingLine[] = [];
    for (let i = from; i < this.lines.length; i++) out.push({ seq: firstSeq + (i - this.head), line: this.lines[i]! });
    return out;
  }
}
