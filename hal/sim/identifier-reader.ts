import { Emitter } from '../emitter.js';
import type { IdentifierReader } from '../types.js';

/** Simulated RFID reader: a tag presented with chargerctl (or a test) is read at once. */
export class SimIdentifierReader implements IdentifierReader {
  readonly events = new Emitter<{ tag: (idTag: string) => void }>();

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  present(idTag: string): void {
    this.events.emit('tag', idTag);
  }
}
