/**
 * The technician's view of smart charging: profiles.list (the installed charging profiles) and profiles.schedule
 * (the composite schedule from now, as GetCompositeSchedule computes it). Read-only: profiles are the CSMS's.
 */
import { serialiseProfile } from '../smart-charging/profile-set.js';
import type { Station } from '../station/station.js';
import { evseParam } from './evse-param.js';
import { ControlError, type ControlParams } from './protocol.js';
import type { ControlHandler } from './server.js';

/** `profiles.schedule` without durationS: an hour, what fits a terminal chart. */
export const DEFAULT_SCHEDULE_S = 3600;
/** A week: a Weekly recurrence once round. */
export const MAX_SCHEDULE_S = 7 * 86_400;

export function createSmartChargingHandlers(station: Station): Record<string, ControlHandler> {
  const ids = () => station.evses().map((e) => e.id);
  return {
    'profiles.list': (p: ControlParams) => {
      const evse = evseParam(p, { ids, station: true, optional: true });
      // An EVSE's list includes the station-wide profiles (EVSE 0): they apply to it too.
      const profiles = station.profiles.all().filter((x) => evse === undefined || x.evseId === evse || x.evseId === 0);
      return {
        evse: evse ?? null,
        profiles: profiles.map((x) => {
          const rec = x.transactionId === undefined ? null : station.evse(x.evseId)?.transaction();
          const csmsTransactionId = rec && rec.localId === x.transactionId ? rec.csmsId : null;
          return { ...serialiseProfile(x), csmsTransactionId };
        }),
        limits: station.evses().map((e) => ({ evse: e.id, profileLimit: station.profiles.limitFor(e.id) })),
      };
    },
    'profiles.schedule': (p: ControlParams) => {
      const evse = evseParam(p, { ids, station: true });
      const d = p.durationS ?? DEFAULT_SCHEDULE_S;
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > MAX_SCHEDULE_S)
        throw new ControlError('BAD_PARAMS', `durationS must be a whole number of seconds from 1 to ${MAX_SCHEDULE_S}`);
      const unit = p.unit ?? 'A';
      if (unit !== 'A' && unit !== 'W') throw new ControlError('BAD_PARAMS', 'unit must be "A" or "W"');
      const c = station.profiles.composite(evse, d, unit);
      return { evse, scheduleStart: c.scheduleStart.toISOString(), durationS: c.durationS, unit: c.unit, periods: c.periods, ...(c.minChargingRate !== undefined ? { minChargingRate: c.minChargingRate } : {}) };
    },
  };
}
