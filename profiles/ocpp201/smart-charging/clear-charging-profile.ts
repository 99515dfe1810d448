/**
 * K10 ClearChargingProfile: chargingProfileId clears that profile alone (the criteria are then ignored,
 * K10.FR.03); otherwise every given criterion must match (K10.FR.04), none given clears every profile.
 * ChargingStationExternalConstraints are never the CSMS's to clear (K10.FR.04/08/09). Unknown when nothing was
 * cleared (K10.FR.01). The limits are recomputed at once (K10.FR.05).
 */
import type { ClearCriteria } from '../../../agent/smart-charging/profile-set.js';
import type { ClearChargingProfileRequest, ClearChargingProfileResponse } from '../generated/ClearChargingProfile.js';
import type { TxHandlerContext } from '../transactions/context.js';
import { toPurpose } from './mapping.js';
import { requireEnabled } from './status.js';

export async function clearChargingProfile(ctx: TxHandlerContext, req: ClearChargingProfileRequest): Promise<ClearChargingProfileResponse> {
  requireEnabled(ctx, 'ClearChargingProfile');
  const criteria: ClearCriteria = {};
  const c = req.chargingProfileCriteria;
  if (req.chargingProfileId !== undefined) criteria.id = req.chargingProfileId;
  else if (c) {
    if (c.evseId !== undefined) criteria.evseId = c.evseId;
    if (c.chargingProfilePurpose !== undefined) criteria.purpose = toPurpose(c.chargingProfilePurpose);
    if (c.stackLevel !== undefined) criteria.stackLevel = c.stackLevel;
  }
  const gone = ctx.station.profiles.clear(criteria);
  if (gone.length) ctx.log.info({ cleared: gone.map((p) => p.id) }, 'charging profiles cleared');
  return { status: gone.length ? 'Accepted' : 'Unknown' };
}
