import { Emitter } from '../emitter.js';
import type { IdentifierReader, IdentifierReaderEvents } from '../types.js';

/** Simulated RFID reader: a tag presented with chargerctl (or a test) is read at once. */
export class SimIdentifierReader implements IdentifierReader {
  readonly events = new Emitter<IdentifierReaderEvents>();
  private faultReason: string | null = null;
  private running = false;

  get fault(): string | null {
    return this.faultReason;
  }

  async start(): Promise<void> {
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
  }

  /** A card read; ignored while the reader is stopped or faulted, as a real one reads nothing then. */
  present(idTag: string): void {
    if (!this.running || this.faultReason !== null) return;
    this.events.emit('tag', idTag);
  }

  /** Simulate a reader that stops answering (null: it answers again). */
  setFault(reason: string | null): void {
    if (reason === this.faultReason) return;
    const was = this.faultReason;
    this.faultReason = reason;
    if (reason !== null && was === null) this.events.emit('fault', reason);
    else if (reason === null) this.events.emit('recovered');
  }
}
