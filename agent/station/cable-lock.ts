/**
 * The connector lock of a socket outlet as the EVSE uses it between sessions: releasing the cable, keeping it
 * locked for its owner after a stop, and trying the lock again after a lock fault.
 */
import type { EvseHardware } from '../../hal/types.js';
import type { Logger } from '../log.js';
import type { FaultPort } from './fault-set.js';
import type { Owner } from './owner.js';

export interface CableLockDeps {
  lock: EvseHardware['lock'];
  log: Logger;
  evseId: number;
  faults: FaultPort;
  /** A session is running or starting: the lock is its business. */
  busy: () => boolean;
}

export class CableLock {
  /** A cable kept locked after a stop, until this owner's card releases it. */
  private lockedFor: Owner | null = null;

  constructor(private readonly d: CableLockDeps) {}

  get keptFor(): Owner | null {
    return this.lockedFor;
  }

  keepFor(owner: Owner): void {
    this.lockedFor = owner;
  }

  /** The cable left the socket: nothing left to keep for its owner. */
  forget(): void {
    this.lockedFor = null;
  }

  async release(): Promise<boolean> {
    const lock = this.d.lock;
    if (!lock) return false;
    this.lockedFor = null;
    try {
      await lock.unlock();
      this.d.faults.clear('lock');
      return true;
    } catch (err) {
      this.d.faults.raise({ source: 'lock', errorCode: 'ConnectorLockFailure', info: `unlock failed: ${(err as Error).message}`, blocking: false });
      return false;
    }
  }

  /**
   * A connector-lock fault is retried locally: the next plug, cable or card tries the lock again (a failure
   * raises the fault again), so a jammed pin cleared by hand does not need the CSMS's UnlockConnector.
   */
  retryAfterFault(): void {
    const f = this.d.faults.active('lock');
    if (!f || this.d.busy()) return;
    this.d.log.info({ evse: this.d.evseId, fault: f.info }, 'connector lock fault: trying the lock again');
    this.d.faults.clear('lock');
  }
}
