/**
 * K05: a RequestStartTransaction's chargingProfile is a TxProfile for the transaction it starts (K05.FR.02) and
 * names no transaction (there is none yet). Ignored while SmartChargingCtrlr.Enabled is false (K05.FR.04); an
 * invalid one rejects the request with reasonCode InvalidProfile or InvalidSchedule (K05.FR.05). The profile is
 * installed just before the start and bound to the transaction when it begins (ChargingProfiles.transactionStarted),
 * or cleared when no transaction comes of it.
 */
import type { ChargingProfile } from '../../../agent/smart-charging/types.js';
import type { ChargingProfileType } from '../generated/common.js';
import type { TxHandlerContext } from '../transactions/context.js';
import { smartChargingEnabled, validateOptions201 } from './limits.js';
import { invalidDate, toNeutral } from './mapping.js';

export type RemoteStartProfile = { ok: true; profile: ChargingProfile | null } | { ok: false; reasonCode: 'InvalidProfile' | 'InvalidSchedule'; why: string };

/** Schedule-level refusals answer InvalidSchedule, the rest InvalidProfile (K05.FR.05 names only these two). */
const SCHEDULE_CODES = new Set(['InvalidSchedule', 'UnsupportedRateUnit', 'TooManyElements']);

export function remoteStartProfile(ctx: TxHandlerContext, cp: ChargingProfileType | undefined, evseId: number): RemoteStartProfile {
  if (!cp || !smartChargingEnabled(ctx.model)) return { ok: true, profile: null };
  if (cp.chargingProfilePurpose !== 'TxProfile') return { ok: false, reasonCode: 'InvalidProfile', why: `chargingProfile.chargingProfilePurpose must be TxProfile, got ${cp.chargingProfilePurpose} (K05.FR.02)` };
  if (cp.transactionId !== undefined) return { ok: false, reasonCode: 'InvalidProfile', why: 'chargingProfile.transactionId must be absent: the transaction has not started' };
  const profile = toNeutral(cp, evseId);
  const badDate = invalidDate(profile);
  if (badDate) return { ok: false, reasonCode: 'InvalidProfile', why: `${badDate}: not a date-time` };
  const verdict = ctx.station.profiles.validate(profile, { ...validateOptions201(ctx.model), pendingTransactionOn: evseId });
  if (!verdict.ok) return { ok: false, reasonCode: SCHEDULE_CODES.has(verdict.reasonCode) ? 'InvalidSchedule' : 'InvalidProfile', why: `chargingProfile ${verdict.field}: ${verdict.message}` };
  return { ok: true, profile };
}

/** Starts with the profile installed; a start that does not happen takes the profile back. */
export function startWithProfile(ctx: TxHandlerContext, profile: ChargingProfile | null, start: () => boolean): boolean {
  if (profile) ctx.station.profiles.install(profile, 'reject');
  const ok = start();
  if (!ok && profile) ctx.station.profiles.clear({ id: profile.id });
  return ok;
}
