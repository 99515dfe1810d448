import { Emitter } from '../emitter.js';
import { HalError } from '../errors.js';
import type { ConnectorLock, HalClock } from '../types.js';
import { PendingOps } from './pending.js';

/** Simulated socket lock actuator: moves in lockMs, or fails to move while the sim fault 'lock' is active. */
export class SimConnectorLock implements ConnectorLock {
  readonly events = new Emitter<{ change: (locked: boolean) => void }>();

  private isLocked = false;
  private jammed = false;
  private running = false;
  private readonly pending: PendingOps;

  constructor(
    clock: HalClock,
    private readonly travelMs: number,
  ) {
    this.pending = new PendingOps(clock);
  }

  get locked(): boolean {
    return this.isLocked;
  }

  async start(): Promise<void> {
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.pending.abortAll();
  }

  /** Sim fault 'lock': the actuator no longer moves. */
  setJammed(jammed: boolean): void {
    this.jammed = jammed;
  }

  /** Start-up: the actuator comes up released (not persisted), no events. */
  restore(jammed: boolean): void {
    this.jammed = jammed;
    this.isLocked = false;
  }

  lock(): Promise<void> {
    return this.move(true);
  }

  unlock(): Promise<void> {
    return this.move(false);
  }

  private move(lock: boolean): Promise<void> {
    const code = lock ? 'LOCK_FAILED' : 'UNLOCK_FAILED';
    if (!this.running) return Promise.reject(new HalError(code, 'connector lock: driver not started', { part: 'lock' }));
    const position = lock ? 'locked' : 'released';
    return this.pending.run(
      this.travelMs,
      () => {
        if (this.jammed) throw new HalError(code, `connector lock did not reach the ${position} position`, { part: 'lock' });
        if (this.isLocked === lock) return;
        this.isLocked = lock;
        this.events.emit('change', lock);
      },
      () => new HalError(code, `connector lock: driver stopped before reaching the ${position} position`, { part: 'lock' }),
    );
  }
}
