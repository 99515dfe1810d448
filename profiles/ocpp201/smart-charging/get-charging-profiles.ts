/**
 * K09 GetChargingProfiles: Accepted and then ReportChargingProfiles with requestId (K09.FR.01), or NoProfiles when
 * nothing matches. Criteria: a list of ids, or any of stackLevel, chargingLimitSource and purpose, all of which
 * must match (K09.FR.03); evseId N = installed on EVSE N (K09.FR.04), 0 = on the station itself (K09.FR.05),
 * absent = all (K09.FR.06). The external limits are reported as the ExternalConstraints profiles they are
 * (source EMS, K11.FR.06/K12.FR.05). One report carries one EVSE and one source (the message has one of each),
 * at most PROFILES_PER_REPORT profiles; tbc is true on all but the last (K09.FR.02).
 */
import type { ProfileQuery } from '../../../agent/smart-charging/profile-set.js';
import type { ChargingLimitSource, ChargingProfile } from '../../../agent/smart-charging/types.js';
import type { GetChargingProfilesRequest, GetChargingProfilesResponse } from '../generated/GetChargingProfiles.js';
import type { ReportChargingProfilesRequest } from '../generated/ReportChargingProfiles.js';
import type { TxHandlerContext } from '../transactions/context.js';
import { externalProfiles } from './external-limits.js';
import { sourceOf, toPurpose, toWire } from './mapping.js';
import { requireEnabled } from './status.js';

/** Keeps one report well under any BytesPerMessage a CSMS sets: a profile of 50 periods is about 3 kB. */
export const PROFILES_PER_REPORT = 8;

/** Let the CALLRESULT leave before the reports it announces. */
const AFTER_ANSWER_MS = 50;

export function queryOf(req: GetChargingProfilesRequest): ProfileQuery {
  const c = req.chargingProfile;
  const q: ProfileQuery = {};
  if (req.evseId !== undefined) q.evseId = req.evseId;
  if (c.chargingProfileId !== undefined) q.ids = c.chargingProfileId;
  if (c.chargingProfilePurpose !== undefined) q.purpose = toPurpose(c.chargingProfilePurpose);
  if (c.stackLevel !== undefined) q.stackLevel = c.stackLevel;
  if (c.chargingLimitSource !== undefined) q.sources = c.chargingLimitSource;
  return q;
}

export function matches(p: ChargingProfile, q: ProfileQuery): boolean {
  return (
    (q.ids === undefined || q.ids.includes(p.id)) &&
    (q.evseId === undefined || p.evseId === q.evseId) &&
    (q.purpose === undefined || p.purpose === q.purpose) &&
    (q.stackLevel === undefined || p.stackLevel === q.stackLevel) &&
    (q.sources === undefined || q.sources.includes(sourceOf(p)))
  );
}

/** The reports for `profiles` (in the order given): grouped by source and EVSE, chunked, tbc on all but the last. */
export function reportParts(requestId: number, profiles: readonly ChargingProfile[], perReport = PROFILES_PER_REPORT): ReportChargingProfilesRequest[] {
  const groups = new Map<string, { source: ChargingLimitSource; evseId: number; profiles: ChargingProfile[] }>();
  for (const p of profiles) {
    const key = `${sourceOf(p)}/${p.evseId}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { source: sourceOf(p), evseId: p.evseId, profiles: [] }));
    g.profiles.push(p);
  }
  const parts: ReportChargingProfilesRequest[] = [];
  for (const g of groups.values())
    for (let i = 0; i < g.profiles.length; i += perReport) {
      const chunk = g.profiles.slice(i, i + perReport).map(toWire) as ReportChargingProfilesRequest['chargingProfile'];
      parts.push({ requestId, chargingLimitSource: g.source, evseId: g.evseId, chargingProfile: chunk, tbc: true });
    }
  if (parts.length) parts[parts.length - 1]!.tbc = false;
  return parts;
}

export async function getChargingProfiles(ctx: TxHandlerContext, req: GetChargingProfilesRequest): Promise<GetChargingProfilesResponse> {
  requireEnabled(ctx, 'GetChargingProfiles');
  const q = queryOf(req);
  const all = [...externalProfiles(ctx, ctx.clock.now()), ...ctx.station.profiles.all()];
  const parts = reportParts(req.requestId, all.filter((p) => matches(p, q)));
  if (parts.length === 0) return { status: 'NoProfiles' };
  ctx.clock.setTimeout(() => void send(ctx, parts), AFTER_ANSWER_MS);
  return { status: 'Accepted' };
}

/** One report after the other, each after the previous was answered; a failed one ends the rest (a gap the CSMS cannot see). */
async function send(ctx: TxHandlerContext, parts: ReportChargingProfilesRequest[]): Promise<void> {
  for (const part of parts) {
    if (!ctx.canSend()) return void ctx.log.info({ requestId: part.requestId }, 'ReportChargingProfiles not sent: the CSMS is not reachable');
    try {
      await ctx.call('ReportChargingProfiles', part);
    } catch (err) {
      ctx.log.warn({ requestId: part.requestId, err: (err as Error).message }, 'ReportChargingProfiles not delivered: rest of the report dropped');
      return;
    }
  }
}
