import type { ChargingProfile } from '../../../agent/smart-charging/types.js';
import type { Ocpp16Context } from '../context.js';
import type { RemoteStartTransactionRequest } from '../generated/index.js';
import { invalidDate, toNeutral } from './mapping.js';

/**
 * §5.11: a RemoteStartTransaction's chargingProfile is a TxProfile for the transaction it starts, and names no
 * transaction (there is none yet). The profile to install on `connectorId`, or why the request is Rejected
 * (TC_060). It is installed unbound and binds to the transaction the moment it begins (ChargingProfiles).
 */
export function remoteStartProfile(
  ctx: Ocpp16Context,
  cs: NonNullable<RemoteStartTransactionRequest['chargingProfile']>,
  connectorId: number,
): { ok: true; profile: ChargingProfile } | { ok: false; why: string } {
  if (cs.chargingProfilePurpose !== 'TxProfile') return { ok: false, why: `chargingProfilePurpose must be TxProfile, got ${cs.chargingProfilePurpose}` };
  if (cs.transactionId !== undefined) return { ok: false, why: 'transactionId must not be set: the transaction has not started' };
  const profile = toNeutral(cs, connectorId, undefined);
  const badDate = invalidDate(profile);
  if (badDate) return { ok: false, why: `${badDate}: not a date` };
  const verdict = ctx.station.profiles.validate(profile, { pendingTransactionOn: connectorId });
  if (!verdict.ok) return { ok: false, why: `${verdict.field}: ${verdict.message}` };
  return { ok: true, profile };
}
