import type { ClearCriteria } from '../../../agent/smart-charging/profile-set.js';
import type { Ocpp16Context } from '../context.js';
import type { ClearChargingProfileRequest, ClearChargingProfileResponse } from '../generated/index.js';
import { toPurpose } from './mapping.js';

/**
 * §5.5 with errata 3.25/3.26: an id clears that profile alone (the other fields are then ignored); otherwise
 * every given field must match, and none given clears every profile. Unknown when nothing matched.
 */
export async function clearChargingProfile(ctx: Ocpp16Context, req: ClearChargingProfileRequest): Promise<ClearChargingProfileResponse> {
  const criteria: ClearCriteria = {};
  if (req.id !== undefined) criteria.id = req.id;
  if (req.connectorId !== undefined) criteria.evseId = req.connectorId;
  if (req.chargingProfilePurpose !== undefined) criteria.purpose = toPurpose(req.chargingProfilePurpose);
  if (req.stackLevel !== undefined) criteria.stackLevel = req.stackLevel;
  const gone = ctx.station.profiles.clear(criteria);
  if (gone.length) ctx.log.info({ cleared: gone.map((p) => p.id) }, 'charging profiles cleared');
  return { status: gone.length ? 'Accepted' : 'Unknown' };
}
