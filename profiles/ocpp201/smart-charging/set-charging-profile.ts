/**
 * K01 SetChargingProfile: evseId 0 is the station (ChargingStationMaxProfile only there, K04.FR.03; a
 * TxDefaultProfile there applies to every EVSE, K01.FR.14); a TxProfile needs the transaction it names running on
 * the EVSE (K01.FR.09/33; without transactionId it is bound to the running one); the CSMS may not set
 * ChargingStationExternalConstraints (K01.FR.22). The same id replaces (K01.FR.05); another profile with the same
 * stackLevel, purpose and EVSE and an overlapping validity is refused (K01.FR.06/39/52/53, reasonCode
 * DuplicateProfile). Every refusal is Rejected with the appendix reasonCode and the rule in additionalInfo.
 */
import type { SetChargingProfileRequest, SetChargingProfileResponse } from '../generated/SetChargingProfile.js';
import type { TxHandlerContext } from '../transactions/context.js';
import { externalProfiles } from './external-limits.js';
import { validateOptions201 } from './limits.js';
import { invalidDate, toNeutral } from './mapping.js';
import { rejected, requireEnabled } from './status.js';

export async function setChargingProfile(ctx: TxHandlerContext, req: SetChargingProfileRequest): Promise<SetChargingProfileResponse> {
  requireEnabled(ctx, 'SetChargingProfile');
  const cp = req.chargingProfile;
  const profile = toNeutral(cp, req.evseId);
  const badDate = invalidDate(profile);
  if (badDate) return rejected(ctx, 'SetChargingProfile', cp.id, 'InvalidValue', `${badDate}: not a date-time`);
  // K01.FR.05: the external limits' ExternalConstraints profiles are not the CSMS's to replace (they live outside the set).
  if (externalProfiles(ctx, ctx.clock.now()).some((p) => p.id === cp.id))
    return rejected(ctx, 'SetChargingProfile', cp.id, 'InvalidProfile', `chargingProfile.id: ${cp.id} is an external limit's ChargingStationExternalConstraints profile (K01.FR.05)`);
  const opts = validateOptions201(ctx.model);
  const verdict = ctx.station.profiles.validate(profile, opts);
  if (!verdict.ok) return rejected(ctx, 'SetChargingProfile', cp.id, verdict.reasonCode, `${verdict.field}: ${verdict.message}`);
  // A TxProfile without transactionId (the CSMS SHALL send one, K01.FR.03) is for the running transaction: bound to it, it ends with it.
  if (profile.purpose === 'Tx' && profile.transactionId === undefined) {
    const running = ctx.station.evse(req.evseId)?.transaction();
    if (running) profile.transactionId = running.localId;
  }
  const replaced = ctx.station.profiles.install(profile, opts.duplicates);
  ctx.log.info({ id: profile.id, evse: profile.evseId, purpose: profile.purpose, stackLevel: profile.stackLevel, replaced: replaced.map((p) => p.id) }, 'charging profile installed');
  return { status: 'Accepted' };
}
