import type { Ocpp16Context } from '../context.js';
import type { SetChargingProfileRequest, SetChargingProfileResponse } from '../generated/index.js';
import { invalidDate, localTransactionId, toNeutral } from './mapping.js';

/**
 * §5.16 with §3.13: connectorId 0 is the charge point; a TxProfile needs a transaction running on the connector
 * and, when it names one, that transaction (TC_058_1/2). A profile with the same id, or the same purpose and
 * stackLevel on the connector, replaces the installed one (§3.13.2). Accepted profiles apply at once.
 */
export async function setChargingProfile(ctx: Ocpp16Context, req: SetChargingProfileRequest): Promise<SetChargingProfileResponse> {
  const cs = req.csChargingProfiles;
  const txId = cs.transactionId === undefined ? undefined : localTransactionId(ctx.station, req.connectorId, cs.transactionId);
  const profile = toNeutral(cs, req.connectorId, txId);
  const badDate = invalidDate(profile);
  if (badDate) {
    ctx.log.info({ id: cs.chargingProfileId, field: badDate }, 'SetChargingProfile rejected: not a date');
    return { status: 'Rejected' };
  }
  const verdict = ctx.station.profiles.validate(profile);
  if (!verdict.ok) {
    ctx.log.info({ id: cs.chargingProfileId, reason: verdict.reason, field: verdict.field }, `SetChargingProfile rejected: ${verdict.message}`);
    return { status: 'Rejected' };
  }
  // A TxProfile without transactionId is for the transaction running now (§7.8): bind it, so it ends with it.
  if (profile.purpose === 'Tx' && profile.transactionId === undefined) {
    const running = ctx.station.evse(req.connectorId)?.transaction();
    if (running) profile.transactionId = running.localId;
  }
  const replaced = ctx.station.profiles.install(profile);
  ctx.log.info({ id: profile.id, evse: profile.evseId, purpose: profile.purpose, stackLevel: profile.stackLevel, replaced: replaced.map((p) => p.id) }, 'charging profile installed');
  return { status: 'Accepted' };
}
