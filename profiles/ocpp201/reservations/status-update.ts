/**
 * H04 / H01.FR.16-17 ReservationStatusUpdate: `Expired` when a reservation reaches its expiry unused (also one that
 * expired while the station was down, found at start), `Removed` when the station ends it because its EVSE (or, for
 * one without EVSE, too many EVSEs) became Faulted or Unavailable. Nothing for an end the CSMS knows of already:
 * CancelReservation (H02 remark), a replacement by the same id, a use (the TransactionEvent carries reservationId).
 *
 * The CSMS is told once: updates wait (in the store's settings, key `ocpp201:reservationUpdates`, so a restart
 * keeps them) until the station may send, go one at a time, and one the CSMS answered, even with a CALLERROR, is
 * done; one cut off by the connection waits for the next. Sending never blocks the station: it is fire and forget.
 */
import type { Logger } from '../../../agent/log.js';
import type { ReservationEnd, Reservations } from '../../../agent/station/reservations.js';
import type { SettingsStore } from '../../../offline-queue/types.js';
import type { ReservationStatusUpdateRequest, ReservationUpdateStatusEnumType } from '../generated/ReservationStatusUpdate.js';

export const PENDING_KEY = 'ocpp201:reservationUpdates';

/** The update a station-side end is reported with; null: the CSMS knows already. */
export function updateStatusOf(why: ReservationEnd | 'made'): ReservationUpdateStatusEnumType | null {
  if (why === 'expired') return 'Expired';
  if (why === 'faulted' || why === 'unavailable') return 'Removed';
  return null;
}

export interface StatusUpdateDeps {
  reservations: Reservations;
  store: SettingsStore;
  log: Logger;
  canSend: () => boolean;
  /** The CSMS call; rejects on CALLERROR, timeout or a lost connection. */
  call: (action: string, payload: unknown) => Promise<unknown>;
  /** The connection is still open (a failed call was answered or timed out, not cut off). */
  connected: () => boolean;
}

export class ReservationStatusUpdates {
  private pending: ReservationStatusUpdateRequest[];
  private sending = false;
  private stopped = false;
  private readonly off: () => void;

  constructor(private readonly d: StatusUpdateDeps) {
    this.pending = load(d.store, d.log);
    this.off = d.reservations.events.on('changed', (r, why) => {
      const status = updateStatusOf(why);
      if (status === null) return;
      this.pending.push({ reservationId: r.id, reservationUpdateStatus: status });
      this.save();
      this.flush();
    });
  }

  /** Registered on a connection: what waits goes out. */
  flush(): void {
    if (this.sending || this.stopped || this.pending.length === 0 || !this.d.canSend()) return;
    this.sending = true;
    const next = this.pending[0]!;
    void this.d
      .call('ReservationStatusUpdate', next)
      .then(
        () => this.done(next),
        (err: Error) => {
          if (this.d.connected()) {
            this.d.log.warn({ reservation: next.reservationId, status: next.reservationUpdateStatus, err: err.message }, 'ReservationStatusUpdate not accepted by the CSMS: not sent again');
            this.done(next);
          } else this.d.log.info({ reservation: next.reservationId, err: err.message }, 'ReservationStatusUpdate waits for the next connection');
        },
      )
      .finally(() => {
        this.sending = false;
        if (this.d.connected()) this.flush();
      });
  }

  stop(): void {
    this.stopped = true;
    this.off();
  }

  /** What waits to be sent (tests, diagnostics). */
  waiting(): readonly ReservationStatusUpdateRequest[] {
    return this.pending;
  }

  private done(u: ReservationStatusUpdateRequest): void {
    this.pending = this.pending.filter((x) => x !== u);
    this.save();
  }

  private save(): void {
    this.d.store.set(PENDING_KEY, JSON.stringify(this.pending));
  }
}

function load(store: SettingsStore, log: Logger): ReservationStatusUpdateRequest[] {
  const raw = store.getAll()[PENDING_KEY];
  if (raw === undefined) return [];
  try {
    const list: unknown = JSON.parse(raw);
    if (!Array.isArray(list)) throw new Error('not a list');
    return list.filter(
      (u): u is ReservationStatusUpdateRequest =>
        typeof u === 'object' && u !== null && Number.isInteger(u.reservationId) && (u.reservationUpdateStatus === 'Expired' || u.reservationUpdateStatus === 'Removed'),
    );
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'stored ReservationStatusUpdates unreadable: none kept');
    return [];
  }
}
