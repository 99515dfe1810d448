/**
 * The 2.0.1 Reservation functional block (H01-H04) over the station's version-neutral reservations: the CSMS's
 * ReserveNow / CancelReservation (handler table, routed by profile.ts) and, bound to one station by
 * attachReservations(), the 2.0.1 rules and the ReservationStatusUpdates the station sends.
 */
import type { Logger } from '../../../agent/log.js';
import type { Station } from '../../../agent/station/station.js';
import type { SettingsStore } from '../../../offline-queue/types.js';
import type { DeviceModel } from '../device-model/device-model.js';
import type { TxHandler } from '../transactions/context.js';
import { cancelReservation } from './cancel-reservation.js';
import { reserveNow } from './reserve-now.js';
import { rules201 } from './rules.js';
import { ReservationStatusUpdates } from './status-update.js';

export { ReservationStatusUpdates, updateStatusOf, PENDING_KEY } from './status-update.js';
export { rules201, connectorTypeOf } from './rules.js';

export const RESERVATION_HANDLERS: Readonly<Record<string, TxHandler>> = {
  ReserveNow: reserveNow,
  CancelReservation: cancelReservation,
};

export interface AttachReservationsDeps {
  station: Station;
  model: DeviceModel;
  store: SettingsStore;
  log: Logger;
  canSend: () => boolean;
  call: (action: string, payload: unknown) => Promise<unknown>;
  connected: () => boolean;
}

/** Before the station starts (its start reports what expired while it was down). */
export function attachReservations(d: AttachReservationsDeps): ReservationStatusUpdates {
  d.station.reservations.setRules(rules201(d.model));
  return new ReservationStatusUpdates({ reservations: d.station.reservations, store: d.store, log: d.log, canSend: d.canSend, call: d.call, connected: d.connected });
}
