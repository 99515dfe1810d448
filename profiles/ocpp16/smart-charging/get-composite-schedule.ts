import type { Ocpp16Context } from '../context.js';
import type { GetCompositeScheduleRequest, GetCompositeScheduleResponse } from '../generated/index.js';

/**
 * §5.7 with errata 3.30: the schedule the charge point expects to follow from now for `duration` seconds;
 * connectorId 0 is the total the charge point expects to draw from the grid. Without chargingRateUnit the answer
 * is in amperes (the pilot's unit). Rejected for an unknown connector or a duration that is not positive.
 */
export async function getCompositeSchedule(ctx: Ocpp16Context, req: GetCompositeScheduleRequest): Promise<GetCompositeScheduleResponse> {
  const known = req.connectorId === 0 || ctx.station.evse(req.connectorId) !== undefined;
  if (!known || !Number.isInteger(req.duration) || req.duration <= 0) return { status: 'Rejected' };
  const unit = req.chargingRateUnit ?? 'A';
  const c = ctx.station.profiles.composite(req.connectorId, req.duration, unit);
  const start = c.scheduleStart.toISOString();
  return {
    status: 'Accepted',
    connectorId: req.connectorId,
    scheduleStart: start,
    chargingSchedule: {
      duration: c.durationS,
      startSchedule: start,
      chargingRateUnit: c.unit,
      chargingSchedulePeriod: c.periods.map((p) => ({ startPeriod: p.startPeriod, limit: p.limit, numberPhases: p.numberPhases })),
      ...(c.minChargingRate !== undefined ? { minChargingRate: c.minChargingRate } : {}),
    },
  };
}
