/**
 * K08 GetCompositeSchedule: from now for `duration` seconds (K08.FR.02); evseId 0 is the total the station expects
 * to draw from the grid (K08.FR.03); an EVSE without a transaction as if one started now with its TxDefaultProfile
 * (K08.FR.06). The external limits count as the ExternalConstraints they are (K08.FR.04, external-limits.ts).
 * Rejected for an unknown EVSE (K08.FR.05) and a chargingRateUnit not in SmartChargingCtrlr.RateUnit (K08.FR.07).
 * Without chargingRateUnit the answer is in amperes, the pilot's unit.
 */
import type { GetCompositeScheduleRequest, GetCompositeScheduleResponse } from '../generated/GetCompositeSchedule.js';
import type { TxHandlerContext } from '../transactions/context.js';
import { externalProfiles } from './external-limits.js';
import { allowedUnits } from './limits.js';
import { compositeToWire } from './mapping.js';
import { rejected, requireEnabled } from './status.js';

export async function getCompositeSchedule(ctx: TxHandlerContext, req: GetCompositeScheduleRequest): Promise<GetCompositeScheduleResponse> {
  requireEnabled(ctx, 'GetCompositeSchedule');
  if (req.evseId !== 0 && !ctx.station.evse(req.evseId)) return rejected(ctx, 'GetCompositeSchedule', undefined, 'UnknownEvse', `evseId: no EVSE ${req.evseId}`);
  if (req.chargingRateUnit !== undefined && !allowedUnits(ctx.model).includes(req.chargingRateUnit))
    return rejected(ctx, 'GetCompositeSchedule', undefined, 'UnsupportedRateUnit', `chargingRateUnit: ${req.chargingRateUnit} is not in SmartChargingCtrlr.RateUnit`);
  if (!Number.isInteger(req.duration) || req.duration <= 0) return rejected(ctx, 'GetCompositeSchedule', undefined, 'InvalidValue', 'duration: must be a positive number of seconds');
  const c = ctx.station.profiles.composite(req.evseId, req.duration, req.chargingRateUnit ?? 'A', externalProfiles(ctx, ctx.clock.now()));
  return { status: 'Accepted', schedule: compositeToWire(c) };
}
