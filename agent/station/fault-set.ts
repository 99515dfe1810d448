/**
 * The faults active on one EVSE, raised and cleared as state (one per source). The first blocking fault decides
 * the error code and info the status shows; a non-blocking one is a warning that shows only alone.
 */
import type { EvseFault, StopReason } from './types.js';

export class FaultSet {
  private readonly faults = new Map<EvseFault['source'], EvseFault>();

  /** Record `f`; false when the same fault (source and info) was already active. */
  raise(f: EvseFault): boolean {
    const had = this.faults.get(f.source);
    this.faults.set(f.source, f);
    return !(had && had.info === f.info);
  }

  /** False when nothing of that source was active. */
  clear(source: EvseFault['source']): boolean {
    return this.faults.delete(source);
  }

  has(source: EvseFault['source']): boolean {
    return this.faults.has(source);
  }

  blocking(): boolean {
    return [...this.faults.values()].some((f) => f.blocking);
  }

  primary(): EvseFault | undefined {
    const all = [...this.faults.values()];
    return all.find((f) => f.blocking) ?? all[0];
  }

  /** Status info text: OCPP 1.6 allows 50 characters. */
  info(): string | null {
    const f = this.primary();
    return f ? f.info.slice(0, 50) : null;
  }

  list(): EvseFault[] {
    return [...this.faults.values()];
  }
}

/** Why a transaction ends when a fault of this source stops it. */
export function stopReasonFor(f: EvseFault): StopReason {
  switch (f.source) {
    case 'rcd':
      return 'GroundFault';
    case 'contactor':
      return 'PowerSwitchFailure';
    case 'meter':
      return 'MeterFailure';
    case 'pilot':
      return 'PilotFault';
    default:
      return 'Other';
  }
}

/** How the parts of an EVSE raise and clear its faults: through the EVSE, which logs, stops and publishes them. */
export interface FaultPort {
  raise(f: EvseFault): void;
  clear(source: EvseFault['source']): void;
  active(source: EvseFault['source']): EvseFault | undefined;
}
