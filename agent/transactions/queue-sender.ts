/**
 * Drains the durable queue: strictly in order, one message at a time, deleting a row only after the CSMS
 * answered. A failure (CALLERROR or no answer in time) is retried after RetryInterval × earlier sends; after
 * TransactionMessageAttempts failures the message moves to the dead-letter table — never dropped silently.
 * Loss of connection is not a failure: the message waits for the next connection.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { Logger } from '../log.js';
import type { QueuedMessage, Store } from '../../offline-queue/types.js';
import type { Settings } from '../station/settings.js';
import type { OutboundMessage } from './ledger.js';
import { restampTimestamps } from './restamp.js';

/** How often a sender with an unknown wall time looks again. */
export const UNTRUSTED_RETRY_MS = 5000;
/** How long the sender waits after the store failed before it tries again. */
export const STORE_RETRY_MS = 30_000;

/** Version-specific steps around sending a queued message (implemented by the profile). */
export interface TxSendHooks {
  /** Final payload (e.g. fill in the CSMS transaction id known only now). */
  prepare(msg: QueuedMessage): OutboundMessage;
  /** Whether the journal shows the CSMS already answered this message: onResult was committed but the process
   * died before the row was deleted (two commits). Such a row is deleted without being sent again. */
  alreadyAnswered?(msg: QueuedMessage): boolean;
  /** The CSMS answered; update the journal (e.g. StartTransaction.conf gives the transaction id). */
  onResult(msg: QueuedMessage, result: unknown): void;
  /** Whether an error means "not connected" (wait) rather than "the CSMS failed to process it" (retry). */
  isConnectionError(err: unknown): boolean;
}

export interface CallTransport {
  call(action: string, payload: unknown): Promise<unknown>;
}

export class QueueSender {
  private ready = false;
  private running = false;
  private timer: TimerHandle | null = null;
  private stopped = false;
  private sentCount = 0;
  /** Monotonic due time of the retry of the head message; see waitMs(). */
  private due: { seq: number; atMonoMs: number } | null = null;

  constructor(
    private readonly d: { store: Store; transport: CallTransport; hooks: TxSendHooks; clock: Clock; log: Logger; settings: Settings },
  ) {}

  start(): void {
    this.stopped = false;
  }

  stop(): void {
    this.stopped = true;
    this.ready = false;
    this.d.clock.clear(this.timer);
    this.timer = null;
  }

  /** True once the CSMS accepted us on the current connection; false when it drops. */
  setReady(ready: boolean): void {
    this.ready = ready;
    if (ready) this.kick();
    else {
      this.d.clock.clear(this.timer);
      this.timer = null;
    }
  }

  /** Something was queued (or a retry came due). */
  kick(): void {
    if (!this.ready || this.running || this.stopped) return;
    this.running = true;
    void this.drain()
      .catch((err: Error) => {
        // The store failed (disk full, I/O). Nothing was lost: the message is still queued; look again later.
        this.d.log.error({ err: err.message, code: (err as { code?: string }).code }, 'queue store failed: sending paused');
        this.d.clock.clear(this.timer);
        this.timer = this.d.clock.setTimeout(() => {
          this.timer = null;
          this.kick();
        }, STORE_RETRY_MS);
      })
      .finally(() => {
        this.running = false;
      });
  }

  sent(): number {
    return this.sentCount;
  }

  private async drain(): Promise<void> {
    while (this.ready && !this.stopped) {
      const msg = this.d.store.queue.head();
      if (!msg) return;
      if (!this.d.clock.isTrusted()) {
        // Times stamped before the clock was known can only be corrected once it is: wait for it.
        this.d.clock.clear(this.timer);
        this.timer = this.d.clock.setTimeout(() => {
          this.timer = null;
          this.kick();
        }, UNTRUSTED_RETRY_MS);
        return;
      }
      const wait = this.waitMs(msg);
      if (wait > 0) {
        this.d.clock.clear(this.timer);
        this.timer = this.d.clock.setTimeout(() => {
          this.timer = null;
          this.kick();
        }, wait);
        return;
      }
      if (this.d.hooks.alreadyAnswered?.(msg)) {
        this.d.store.queue.remove(msg.seq);
        this.d.log.info({ seq: msg.seq, action: msg.action }, 'queued message was answered before a restart: not sent again');
        continue;
      }
      let out: OutboundMessage;
      try {
        out = this.d.hooks.prepare(msg);
        const stamped = restampTimestamps(out.payload, this.d.clock);
        if (stamped.changed) {
          out = { action: out.action, payload: stamped.value };
          if (stamped.approximated) this.d.log.warn({ seq: msg.seq, action: msg.action }, 'event time from before a restart without a known clock: sent as the start of this run');
        }
      } catch (err) {
        this.d.store.queue.deadLetter(msg.seq, `cannot prepare: ${(err as Error).message}`, this.d.clock.now().toISOString());
        this.d.log.warn({ seq: msg.seq, action: msg.action, err }, 'queued message could not be prepared: moved to dead letters');
        continue;
      }
      try {
        const result = await this.d.transport.call(out.action, out.payload);
        if (this.stopped) return;
        this.d.hooks.onResult(msg, result);
        this.d.store.queue.remove(msg.seq);
        this.sentCount++;
      } catch (err) {
        if (this.stopped) return;
        if (this.d.hooks.isConnectionError(err)) {
          this.d.log.debug({ seq: msg.seq, action: msg.action }, 'connection lost while sending: message stays queued');
          return;
        }
        this.failed(msg, err);
      }
    }
  }

  /**
   * How long the head must still wait. The stored notBefore is wall time (it must survive a restart), but the
   * wait itself runs on the monotonic clock, capped at RetryInterval × earlier sends: a wall clock stepped back
   * (time adopted from the CSMS) must not stretch the wait, or stall the queue.
   */
  private waitMs(msg: QueuedMessage): number {
    const mono = this.d.clock.monotonicMs();
    if (this.due?.seq !== msg.seq) {
      const left = msg.notBefore - this.d.clock.now().getTime();
      if (left <= 0) return 0;
      const maxWait = this.d.settings.get('transactionMessageRetryIntervalS') * 1000 * msg.attempts;
      this.due = { seq: msg.seq, atMonoMs: mono + Math.min(left, maxWait) };
    }
    return Math.max(0, this.due.atMonoMs - mono);
  }

  private failed(msg: QueuedMessage, err: unknown): void {
    const attempts = msg.attempts + 1;
    const max = Math.max(1, this.d.settings.get('transactionMessageAttempts'));
    const at = this.d.clock.now();
    if (attempts >= max) {
      this.d.store.queue.deadLetter(msg.seq, `${attempts} attempt(s) failed; last: ${(err as Error).message}`, at.toISOString());
      this.d.log.warn({ seq: msg.seq, action: msg.action, attempts, err: (err as Error).message }, 'transaction message failed every attempt: moved to dead letters');
      return;
    }
    const waitMs = this.d.settings.get('transactionMessageRetryIntervalS') * 1000 * attempts;
    this.d.store.queue.recordFailure(msg.seq, at.getTime() + waitMs);
    this.due = { seq: msg.seq, atMonoMs: this.d.clock.monotonicMs() + waitMs };
    this.d.log.info({ seq: msg.seq, action: msg.action, attempts, retryInS: waitMs / 1000, err: (err as Error).message }, 'transaction message failed: will retry');
  }
}
