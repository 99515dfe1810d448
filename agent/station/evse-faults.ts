/**
 * The faults of one EVSE as its parts raise and clear them, and their announcement. Apart from evse.ts so that
 * the safety path's two steps on the station side (safety.ts) sit with the state they keep: `note` is step 2,
 * state only (no log, no event, no I/O), so whatever the following pilot command makes the drivers emit already
 * sees the fault; `announce` is step 3, once the pilot is set: log, the meter's retry, the session's reaction,
 * the status. A fault raised elsewhere (lock, storage, reader) is noted and announced at once.
 */
import type { Logger } from '../log.js';
import type { EvseMeter } from './evse-meter.js';
import { FaultSet, type FaultPort } from './fault-set.js';
import type { EvseFault } from './types.js';

/** What the EVSE does when its faults change. */
export interface FaultReactions {
  /** A blocking fault was announced: the session stops or drops its authorization, the pilot shows it. */
  blocking(f: EvseFault): void;
  /** A fault cleared and none blocks any more: the pilot may offer again. */
  unblocked(): void;
  /** Recompute the status and announce a change. */
  update(): void;
}

export interface EvseFaultsDeps {
  log: Logger;
  evseId: number;
  meter: Pick<EvseMeter, 'retryWhileFaulted' | 'stopRetry'>;
  react: FaultReactions;
  /** Told after a fault's announcement (raised) and after its clearing, never on the safety path's step 2: the
   * version-neutral event a profile reports faults from. */
  changed?: (f: EvseFault, active: boolean) => void;
}

export class EvseFaults implements FaultPort {
  private readonly set = new FaultSet();
  /** Faults noted by the safety path whose announcement (log, stop, status) is still to come. */
  private readonly unannounced = new Set<EvseFault['source']>();

  constructor(private readonly d: EvseFaultsDeps) {}

  raise(f: EvseFault): void {
    this.note(f);
    this.announce(f);
  }

  /** Safety path, step 2 (safety.ts): the fault is state before the pilot command that follows it. */
  note(f: EvseFault): void {
    if (this.set.raise(f)) this.unannounced.add(f.source);
  }

  /** Safety path, step 3; nothing for a fault already announced (the same source and info raised again). */
  announce(f: EvseFault): void {
    if (!this.unannounced.delete(f.source)) return;
    this.d.log.warn({ evse: this.d.evseId, fault: f }, 'fault raised');
    if (f.source === 'meter') this.d.meter.retryWhileFaulted();
    if (f.blocking) this.d.react.blocking(f);
    this.d.react.update();
    this.d.changed?.(f, true);
  }

  clear(source: EvseFault['source']): void {
    this.unannounced.delete(source);
    const was = this.active(source);
    if (!this.set.clear(source)) return;
    if (source === 'meter') this.d.meter.stopRetry();
    this.d.log.info({ evse: this.d.evseId, source }, 'fault cleared');
    if (!this.set.blocking()) this.d.react.unblocked();
    this.d.react.update();
    if (was) this.d.changed?.(was, false);
  }

  active(source: EvseFault['source']): EvseFault | undefined {
    return this.set.list().find((f) => f.source === source);
  }

  has(source: EvseFault['source']): boolean {
    return this.set.has(source);
  }

  blocking(): boolean {
    return this.set.blocking();
  }

  primary(): EvseFault | undefined {
    return this.set.primary();
  }

  /** Status info text (OCPP 1.6 allows 50 characters). */
  info(): string | null {
    return this.set.info();
  }

  list(): EvseFault[] {
    return this.set.list();
  }
}
