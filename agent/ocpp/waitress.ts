/**
 * Outgoing CALLs of one connection: a FIFO with exactly one CALL in flight (OCPP-J 1.6 §4.1.1 "SHOULD NOT send a
 * CALL … unless all the CALL messages it sent before have been responded to or have timed out"; 2.0.1 makes it
 * SHALL NOT), matched to its response by message id, with a per-call timeout from the injected clock.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import { CallTimeoutError, ConnectionLostError } from './errors.js';

export interface PendingCall {
  id: string;
  action: string;
  /** The serialised CALL frame. */
  frame: string;
  timeoutMs: number;
  resolve(payload: unknown): void;
  reject(err: Error): void;
}

export interface WaitressHooks {
  /** Write the frame to the socket; throwing fails this call with the error thrown. */
  transmit(call: PendingCall): void;
  onTimeout(call: PendingCall, err: CallTimeoutError): void;
}

// Recently timed-out calls: a late answer is still an answer (the caller may want it), not a stray frame.
const RECENT_TIMEOUTS = 16;

export class Waitress {
  private readonly waiting: PendingCall[] = [];
  private current: PendingCall | null = null;
  private timer: TimerHandle | null = null;
  private readonly timedOut: { id: string; action: string }[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly hooks: WaitressHooks,
  ) {}

  submit(call: PendingCall): void {
    this.waiting.push(call);
    this.pump();
  }

  /** The in-flight call if `id` is its id; it is no longer in flight afterwards. Call `pump()` after settling it. */
  take(id: string): PendingCall | null {
    if (!this.current || this.current.id !== id) return null;
    const call = this.current;
    this.current = null;
    this.clock.clear(this.timer);
    this.timer = null;
    return call;
  }

  /** Whether `id` belongs to a call that timed out recently. */
  timedOutRecently(id: string): boolean {
    return this.timedOut.some((c) => c.id === id);
  }

  /** The action of a recently timed-out call with this id, forgotten on the way: one late answer per call. */
  takeTimedOut(id: string): string | null {
    const i = this.timedOut.findIndex((c) => c.id === id);
    if (i < 0) return null;
    return this.timedOut.splice(i, 1)[0]!.action;
  }

  /** Send the next waiting call if none is in flight. */
  pump(): void {
    while (!this.current && this.waiting.length > 0) {
      const call = this.waiting.shift()!;
      this.current = call;
      this.timer = this.clock.setTimeout(() => this.expire(call), call.timeoutMs);
      try {
        this.hooks.transmit(call);
      } catch (err) {
        this.take(call.id);
        call.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }

  /** Reject every call, in flight first, then the waiting ones in order. */
  failAll(): void {
    const inFlight = this.current;
    this.current = null;
    this.clock.clear(this.timer);
    this.timer = null;
    const waiting = this.waiting.splice(0);
    if (inFlight) inFlight.reject(new ConnectionLostError(inFlight.action, true));
    for (const call of waiting) call.reject(new ConnectionLostError(call.action, false));
  }

  get inFlight(): PendingCall | null {
    return this.current;
  }

  get queued(): number {
    return this.waiting.length;
  }

  private expire(call: PendingCall): void {
    if (this.current !== call) return;
    this.current = null;
    this.timer = null;
    this.timedOut.push({ id: call.id, action: call.action });
    if (this.timedOut.length > RECENT_TIMEOUTS) this.timedOut.shift();
    const err = new CallTimeoutError(call.action, call.id, call.timeoutMs);
    call.reject(err);
    this.hooks.onTimeout(call, err);
    this.pump();
  }
}
