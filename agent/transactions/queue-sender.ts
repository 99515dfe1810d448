/**
 * Drains the durable queue: strictly in order, one message at a time, deleting a row only after the CSMS
 * answered. A failure (CALLERROR or no answer in time) is retried after RetryInterval × earlier sends; after
 * TransactionMessageAttempts failures the message moves to the dead-letter table — never dropped silently.
 * Loss of connection is not a failure: the message waits for the next connection.
 *
 * An answer is an answer whenever it comes: one that arrives after its call timed out (`lateResult`) is that
 * message's answer, and a resend goes out byte-identical to the first send, so a CSMS that answers both can tell
 * they are one message. On the way down (`finish`) the CALL in flight gets a bounded chance to be answered and
 * recorded before the connection closes: dropped, it would go out again after the restart.
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
  /** Only messages queued under this OCPP version are sent (those of another version wait for a station switched
   * back, and stay listed). Omitted: every message, whatever its version — for senders of a store that only ever
   * holds one version's messages (tests); a profile always names its version. */
  readonly ocppVersion?: string;
  /** Final payload (e.g. fill in the CSMS transaction id known only now). */
  prepare(msg: QueuedMessage): OutboundMessage;
  /** Whether the journal shows the CSMS already answered this message: onResult was committed but the process
   * died before the row was deleted (two commits). Such a row is deleted without being sent again. */
  alreadyAnswered?(msg: QueuedMessage): boolean;
  /** The CSMS answered; update the journal (e.g. StartTransaction.conf gives the transaction id). */
  onResult(msg: QueuedMessage, result: unknown): void;
  /** The message is about to move to the dead letters after its last failed attempt; runs in the same commit as
   * the move (e.g. 2.0.1 counts the seqNo it went out with as used). */
  deadLettered?(msg: QueuedMessage): void;
  /** Whether an error means "not connected" (wait) rather than "the CSMS failed to process it" (retry). */
  isConnectionError(err: unknown): boolean;
}

export interface CallTransport {
  /** `onId` learns the uniqueId the CALL goes out under, so that a late answer can be matched to its message. */
  call(action: string, payload: unknown, onId?: (uniqueId: string) => void): Promise<unknown>;
}

/** How many recent uniqueIds a late answer is matched against (one message, its few resends, a few before). */
const RECENT_SENDS = 32;

/** One queued message as it went out: every send of it shares this. */
interface Sent {
  msg: QueuedMessage;
  out: OutboundMessage;
  /** An answer (timely or late) was recorded; a further one only reaches the hooks as a second answer. */
  answered: boolean;
}

export class QueueSender {
  private ready = false;
  private running = false;
  private draining: Promise<void> | null = null;
  private timer: TimerHandle | null = null;
  private stopped = false;
  /** Shutting down: the CALL in flight may finish, no new one starts. */
  private holding = false;
  /** The head as it was first sent (resends reuse it) and the uniqueIds of recent sends. */
  private head: Sent | null = null;
  private readonly sentUnder = new Map<string, Sent>();
  private sentCount = 0;
  /** Monotonic due time of the retry of the head message; see waitMs(). */
  private due: { seq: number; atMonoMs: number } | null = null;

  constructor(
    private readonly d: { store: Store; transport: CallTransport; hooks: TxSendHooks; clock: Clock; log: Logger; settings: Settings },
  ) {}

  start(): void {
    this.stopped = false;
    this.holding = false;
  }

  /**
   * First step of a shutdown: no new CALL; resolves when the one in flight is settled (its answer in the journal,
   * its row deleted) or after `maxWaitMs`. The connection is closed after this, and stop() called after that.
   */
  async finish(maxWaitMs: number): Promise<void> {
    this.holding = true;
    this.d.clock.clear(this.timer);
    this.timer = null;
    const current = this.draining;
    if (!current) return;
    let timer: TimerHandle | null = null;
    const waited = new Promise<void>((resolve) => (timer = this.d.clock.setTimeout(resolve, maxWaitMs)));
    await Promise.race([current.catch(() => undefined), waited]);
    this.d.clock.clear(timer);
  }

  stop(): void {
    this.stopped = true;
    this.holding = false;
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
    if (!this.ready || this.running || this.stopped || this.holding) return;
    this.running = true;
    const draining = this.drain();
    this.draining = draining;
    void draining
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
        if (this.draining === draining) this.draining = null;
      });
  }

  /**
   * A CALLRESULT that came after its call timed out (the RPC layer validated it). It is the message's answer:
   * recorded, the row deleted, no resend. When the resend is in flight its answer will be a second one, which
   * only reaches the hooks (they keep the first).
   */
  lateResult(uniqueId: string, result: unknown): void {
    const sent = this.sentUnder.get(uniqueId);
    if (!sent || this.stopped) return;
    this.sentUnder.delete(uniqueId);
    const { msg } = sent;
    try {
      if (sent.answered) {
        this.d.log.warn({ seq: msg.seq, action: msg.action, uniqueId }, 'a second answer to one message');
        this.d.hooks.onResult(msg, result);
        return;
      }
      if (this.next()?.seq !== msg.seq) {
        // Moved to the dead letters meanwhile: the messages after it went out without this answer.
        this.d.log.warn({ seq: msg.seq, action: msg.action, uniqueId }, 'late answer to a message no longer queued: ignored');
        return;
      }
      sent.answered = true;
      this.d.hooks.onResult(msg, result);
      this.d.store.queue.remove(msg.seq);
      this.sentCount++;
      this.d.log.warn({ seq: msg.seq, action: msg.action, uniqueId }, 'late answer recorded: the message is not sent again');
    } catch (err) {
      this.d.log.error({ err: (err as Error).message, seq: msg.seq }, 'late answer could not be recorded: the message stays queued');
      return;
    }
    if (this.head === sent) this.head = null;
    this.due = null;
    this.d.clock.clear(this.timer);
    this.timer = null;
    this.kick();
  }

  sent(): number {
    return this.sentCount;
  }

  private async drain(): Promise<void> {
    while (this.ready && !this.stopped && !this.holding) {
      const msg = this.next();
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
      const sent = this.prepared(msg);
      if (!sent) continue;
      try {
        const result = await this.d.transport.call(sent.out.action, sent.out.payload, (id) => this.remember(id, sent));
        if (this.stopped) return;
        // A late answer to an earlier send may have been recorded meanwhile: this one is then the second, which
        // the hooks see (they keep the first and log the difference) but which counts no second delivery.
        const second = sent.answered;
        if (second) this.d.log.warn({ seq: msg.seq, action: msg.action }, 'a second answer to one message');
        this.d.hooks.onResult(msg, result);
        sent.answered = true;
        this.d.store.queue.remove(msg.seq);
        if (this.head === sent) this.head = null;
        if (!second) this.sentCount++;
      } catch (err) {
        if (this.stopped) return;
        // Answered late meanwhile (the row is gone): this send's failure no longer matters; on to the next.
        if (sent.answered) continue;
        if (this.d.hooks.isConnectionError(err)) {
          this.d.log.debug({ seq: msg.seq, action: msg.action }, 'connection lost while sending: message stays queued');
          return;
        }
        this.failed(msg, err);
      }
    }
  }

  /**
   * The head's wire form: built once, then reused for every resend in this run, so the copies are identical
   * (re-stamping an event from before the clock was known reads the clock, and would differ by the time it took).
   * null when it cannot be prepared (moved to the dead letters).
   */
  private prepared(msg: QueuedMessage): Sent | null {
    if (this.head?.msg.seq === msg.seq && !this.head.answered) return this.head;
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
      return null;
    }
    this.head = { msg, out, answered: false };
    return this.head;
  }

  /** The oldest message this sender may send. */
  private next(): QueuedMessage | undefined {
    const version = this.d.hooks.ocppVersion;
    return version === undefined ? this.d.store.queue.head() : this.d.store.queue.peek(version);
  }

  private remember(uniqueId: string, sent: Sent): void {
    this.sentUnder.set(uniqueId, sent);
    if (this.sentUnder.size > RECENT_SENDS) this.sentUnder.delete(this.sentUnder.keys().next().value!);
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
      const reason = `${attempts} attempt(s) failed; last: ${(err as Error).message}`;
      const hook = this.d.hooks.deadLettered;
      if (hook)
        this.d.store.atomically(() => {
          hook.call(this.d.hooks, msg);
          this.d.store.queue.deadLetter(msg.seq, reason, at.toISOString());
        });
      else this.d.store.queue.deadLetter(msg.seq, reason, at.toISOString());
      this.d.log.warn({ seq: msg.seq, action: msg.action, attempts, err: (err as Error).message }, 'transaction message failed every attempt: moved to dead letters');
      return;
    }
    const waitMs = this.d.settings.get('transactionMessageRetryIntervalS') * 1000 * attempts;
    this.d.store.queue.recordFailure(msg.seq, at.getTime() + waitMs);
    this.due = { seq: msg.seq, atMonoMs: this.d.clock.monotonicMs() + waitMs };
    this.d.log.info({ seq: msg.seq, action: msg.action, attempts, retryInS: waitMs / 1000, err: (err as Error).message }, 'transaction message failed: will retry');
  }
}
