/**
 * The station's external limit (an energy manager over MQTT: agent/station/external-limit.ts) as 2.0.1 sees it
 * (K11-K13, errata 2.35: "the Charging Station will represent the limit internally as a charging profile of
 * purpose ChargingStationExternalConstraints"): each EVSE limit and the site limit reads as such a profile,
 * chargingLimitSource EMS, with a negative id (K11.FR.06 recommends it, so it never clashes with the CSMS's),
 * for GetChargingProfiles and GetCompositeSchedule; a limit that starts or changes by LimitChangeSignificance or
 * more is told with NotifyChargingLimit (K11.FR.02, K12.FR.02; the schedule only with
 * NotifyChargingLimitWithSchedules, K12.FR.03), one that ends with ClearedChargingLimit (K13.FR.02).
 *
 * The station stays version-neutral: this listens to station.limits; the pilot follows the limit there, not these
 * profiles, which are rebuilt from it on every read.
 */
import type { LimitSetting, LimitValue } from '../../../agent/station/external-limit.js';
import type { ChargingProfile, ChargingSchedule } from '../../../agent/smart-charging/types.js';
import type { ClearedChargingLimitRequest } from '../generated/ClearedChargingLimit.js';
import type { NotifyChargingLimitRequest } from '../generated/NotifyChargingLimit.js';
import type { TxHandlerContext } from '../transactions/context.js';
import { limitChangeSignificance, notifyWithSchedules } from './limits.js';
import { toWire } from './mapping.js';

/** The ExternalConstraints profile id of the site limit; EVSE N's is -N. */
export const SITE_EXTERNAL_ID = -1000;

export const externalProfileId = (scope: 'site' | number) => (scope === 'site' ? SITE_EXTERNAL_ID : -scope);

/** One external limit as a one-period Absolute schedule from `now`, lasting until it lapses. */
export function externalProfile(scope: 'site' | number, setting: LimitSetting, phases: number | undefined, now: Date): ChargingProfile {
  const start = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const watts = 'powerW' in setting.value;
  const schedule: ChargingSchedule = {
    id: 1,
    startSchedule: start,
    chargingRateUnit: watts ? 'W' : 'A',
    // An EVSE's watts are over its own phases (toAmps); the site's are shared out per EVSE, so they name none.
    periods: [{ startPeriod: 0, limit: valueOf(setting.value), ...(phases !== undefined ? { numberPhases: phases } : {}) }],
  };
  if (setting.expiresAt) {
    const left = Math.ceil((new Date(setting.expiresAt).getTime() - start.getTime()) / 1000);
    if (left > 0) schedule.duration = left;
  }
  return {
    id: externalProfileId(scope),
    evseId: scope === 'site' ? 0 : scope,
    stackLevel: 0,
    purpose: 'ChargingStationExternalConstraints',
    kind: 'Absolute',
    schedules: [schedule],
    source: 'EMS',
  };
}

const valueOf = (v: LimitValue) => ('currentA' in v ? v.currentA : v.powerW);

/** Every external limit in force now, site first, then the EVSEs in order. */
export function externalProfiles(ctx: Pick<TxHandlerContext, 'station' | 'evseConfig'>, now: Date): ChargingProfile[] {
  const { station } = ctx;
  const out: ChargingProfile[] = [];
  const site = station.limits.siteSetting();
  if (site) out.push(externalProfile('site', site, undefined, now));
  for (const e of station.evses()) {
    const s = station.limits.evseSetting(e.id);
    if (s) out.push(externalProfile(e.id, s, configuredPhases(ctx, e.id), now));
  }
  return out;
}

export const configuredPhases = (ctx: Pick<TxHandlerContext, 'evseConfig'>, evseId: number) => ctx.evseConfig.find((e) => e.id === evseId)?.phases;

/** Whether going from `before` to `after` is worth telling the CSMS (SC.03): a change of `significancePct` or more. */
export function significant(before: LimitValue, after: LimitValue, significancePct: number): boolean {
  if ('currentA' in before !== 'currentA' in after) return true;
  const a = valueOf(before);
  const b = valueOf(after);
  if (a === b) return false;
  if (a === 0) return true;
  return (Math.abs(b - a) / a) * 100 >= significancePct;
}

/** What to send for a change of one scope's limit, or null. Pure: the watcher below does the sending. */
export function limitMessage(
  scope: 'site' | number,
  before: LimitSetting | null,
  after: LimitSetting | null,
  o: { significancePct: number; withSchedule: boolean; phases: number | undefined; now: Date },
): { action: 'NotifyChargingLimit'; payload: NotifyChargingLimitRequest } | { action: 'ClearedChargingLimit'; payload: ClearedChargingLimitRequest } | null {
  const evse = scope === 'site' ? {} : { evseId: scope };
  if (!after) return before ? { action: 'ClearedChargingLimit', payload: { chargingLimitSource: 'EMS', ...evse } } : null;
  if (before && !significant(before.value, after.value, o.significancePct)) return null;
  const payload: NotifyChargingLimitRequest = { chargingLimit: { chargingLimitSource: 'EMS' }, ...evse };
  if (o.withSchedule) payload.chargingSchedule = toWire(externalProfile(scope, after, o.phases, o.now)).chargingSchedule;
  return { action: 'NotifyChargingLimit', payload };
}

/**
 * Tells the CSMS about the external limits from now on; returns the unsubscribe function. Limits already set at
 * attach are the baseline (they were told before a restart, or will show in GetChargingProfiles). Not queued:
 * offline, the message is dropped and the next change or GetChargingProfiles tells the current state.
 */
export function watchExternalLimits(ctx: TxHandlerContext): () => void {
  const { station } = ctx;
  const setting = (scope: 'site' | number) => (scope === 'site' ? station.limits.siteSetting() : station.limits.evseSetting(scope));
  const last = new Map<'site' | number, LimitSetting | null>();
  last.set('site', setting('site'));
  for (const e of station.evses()) last.set(e.id, setting(e.id));
  return station.limits.onChange((scope) => {
    const after = setting(scope);
    const before = last.get(scope) ?? null;
    const msg = limitMessage(scope, before, after, {
      significancePct: limitChangeSignificance(ctx.model),
      withSchedule: notifyWithSchedules(ctx.model),
      phases: scope === 'site' ? undefined : configuredPhases(ctx, scope),
      now: ctx.clock.now(),
    });
    // The baseline moves only when told (or cleared): small steps add up until they are significant.
    if (msg || !after) last.set(scope, after);
    if (!msg) return;
    if (!ctx.canSend()) {
      ctx.log.info({ action: msg.action, scope }, 'external limit change not told: the CSMS is not reachable');
      return;
    }
    ctx.call(msg.action, msg.payload).catch((err: Error) => ctx.log.info({ action: msg.action, err: err.message }, 'external limit change not delivered'));
  });
}
