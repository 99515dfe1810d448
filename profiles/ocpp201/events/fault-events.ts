/**
 * NotifyEvent for the faults of the EVSEs (RCD, contactor, pilot, meter, lock, reader...): each raise and clear the
 * station announces (its version-neutral `fault` event) becomes one NotifyEvent (seqNo 0, N07.FR.07) with one
 * eventData (event-data.ts).
 *
 * Off the safety path: the station's event arrives after the contactor opened and the status was decided, and is
 * only noted here; the message is built and sent from a timer, so nothing of it runs in that call stack.
 * While the station cannot send (offline, not yet Accepted) the changes wait in order in memory (at most
 * MAX_PENDING, the oldest dropped with a warning: they are notifications, not transaction messages), and go after
 * the next registration. At registration the current faults are compared with what was queued, so a fault raised
 * before the profile listened (at start-up) is reported too. A change the CSMS did not take (error, timeout) is
 * tried again after the next registration, MAX_ATTEMPTS times in all.
 */
import type { Clock } from '../../../agent/clock/clock.js';
import type { Logger } from '../../../agent/log.js';
import type { EvseFaultEvent } from '../../../agent/station/evse.js';
import type { EvseFault } from '../../../agent/station/types.js';
import type { NotifyEventRequest } from '../generated/NotifyEvent.js';
import { faultEventData, type FaultChange } from './event-data.js';

export const MAX_PENDING = 100;
export const MAX_ATTEMPTS = 3;

export interface FaultEventsDeps {
  clock: Clock;
  log: Logger;
  canSend: () => boolean;
  call: (action: 'NotifyEvent', payload: NotifyEventRequest) => Promise<unknown>;
  /** A new eventId, never repeated by this station (persisted). */
  nextEventId: () => number;
  /** Every EVSE's active faults and running transaction's id. */
  current: () => { evseId: number; faults: EvseFault[]; transactionId?: string }[];
}

interface Pending {
  change: FaultChange;
  eventId: number;
  attempts: number;
}

export class FaultEvents {
  private readonly pending: Pending[] = [];
  /** Per EVSE and source, what was last queued: the fault's info while active, null once cleared. */
  private readonly queued = new Map<string, string | null>();
  private sending = false;
  private stopped = false;

  constructor(private readonly d: FaultEventsDeps) {}

  /** The station's fault event: noted, handled from a timer (never in the announcing call stack). */
  changed(e: EvseFaultEvent): void {
    this.d.clock.setTimeout(() => {
      if (this.stopped) return;
      this.note(e.evseId, e.fault, e.active, e.timestamp, { problem: e.anyActive, transactionId: e.transactionLocalId ?? undefined });
      this.flush();
    }, 0);
  }

  /** Registered on a connection: faults not yet queued (raised before the profile listened), then everything waiting. */
  registered(): void {
    const now = this.d.clock.now().toISOString();
    for (const e of this.d.current()) {
      for (const f of e.faults) this.note(e.evseId, f, true, now, { problem: true, transactionId: e.transactionId });
    }
    this.flush();
  }

  stop(): void {
    this.stopped = true;
  }

  /** `at`: the EVSE when it happened (its Problem after the change, the transaction then running). */
  private note(evseId: number, fault: EvseFault, active: boolean, timestamp: string, at: { problem: boolean; transactionId: string | undefined }): void {
    const key = `${evseId}/${fault.source}`;
    const was = this.queued.get(key);
    if (active ? was === fault.info : was === undefined || was === null) return;
    this.queued.set(key, active ? fault.info : null);
    const change: FaultChange = { evseId, fault, active, problem: at.problem, timestamp, ...(at.transactionId !== undefined ? { transactionId: at.transactionId } : {}) };
    if (this.pending.length >= MAX_PENDING) {
      const dropped = this.pending.shift()!;
      this.d.log.warn({ evseId: dropped.change.evseId, source: dropped.change.fault.source, eventId: dropped.eventId }, 'NotifyEvent dropped: too many waiting while the CSMS cannot be told');
    }
    this.pending.push({ change, eventId: this.d.nextEventId(), attempts: 0 });
  }

  /** One NotifyEvent at a time, in order, while the station can send. */
  private flush(): void {
    if (this.sending || this.stopped) return;
    const next = this.pending[0];
    if (!next || !this.d.canSend()) return;
    this.sending = true;
    const payload: NotifyEventRequest = { generatedAt: this.d.clock.now().toISOString(), seqNo: 0, eventData: [faultEventData(next.change, next.eventId)] };
    this.d
      .call('NotifyEvent', payload)
      .then(
        () => {
          this.pending.shift();
          this.sending = false;
          this.flush();
        },
        (err: Error) => {
          this.sending = false;
          next.attempts++;
          if (next.attempts >= MAX_ATTEMPTS) {
            this.pending.shift();
            this.d.log.warn({ eventId: next.eventId, evseId: next.change.evseId, err: err.message }, 'NotifyEvent not delivered after every attempt: dropped');
            this.flush();
          } else {
            // Tried again after the next registration (a refused frame is not retried at once in a loop).
            this.d.log.info({ eventId: next.eventId, evseId: next.change.evseId, err: err.message }, 'NotifyEvent not delivered');
          }
        },
      );
  }
}
