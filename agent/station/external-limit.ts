/**
 * Limits set from outside the OCPP path (an energy manager over MQTT, later a load balancer): one per EVSE and
 * one for the site, each with an optional expiry, so a dead energy manager cannot pin a charger at its last
 * value. Version-neutral; the CSMS's charging profiles (charging-profiles.ts) are one more source of the same
 * minimum.
 *
 * The site limit is shared equally among the EVSEs with a running transaction, oldest transaction first; an
 * EVSE that would get less than 6 A (IEC 61851's lowest PWM offer) is paused (offers 0, SuspendedEVSE) and its
 * share goes to the others. No redistribution of what an EVSE cannot use: deliberately simple until the
 * smart-charging issue refines it.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import { MIN_PWM_CURRENT_A } from '../../hal/pilot/duty-cycle.js';

export type LimitSource = 'evse' | 'cable' | 'external' | 'site' | 'profile';

/** Amperes per phase, or watts over all phases (converted at NOMINAL_VOLTAGE_V × phases). */
export type LimitValue = { currentA: number } | { powerW: number };

export interface LimitSetting {
  value: LimitValue;
  /** Wall time (ISO) the limit lapses, or null when it holds until cleared. */
  expiresAt: string | null;
}

/** Per-phase nominal voltage for turning a power limit into a current (EN 50160's 230 V). */
export const NOMINAL_VOLTAGE_V = 230;

export interface EffectiveLimit {
  /** The smallest of the sources, A per phase. */
  limitA: number;
  source: LimitSource;
  /** What the pilot may offer: limitA, or 0 below 6 A (an illegal duty cycle otherwise). */
  offerA: number;
  /** Source 'profile' only: the charging profile whose period sets the limit. */
  profileId?: number;
}

export interface LimitedEvse {
  id: number;
  phases: 1 | 3;
  /** Per-phase nominal voltage for power limits (config evses[].nominalVoltageV); NOMINAL_VOLTAGE_V when absent. */
  nominalVoltageV?: number;
  /** Since when its transaction runs (ms, any monotonic origin), or null without one. */
  runningSince(): number | null;
  /** Re-apply the offer after a limit changed (Evse.limitsChanged). */
  limitsChanged(): void;
}

export type LimitEvents = { change: (scope: 'site' | number) => void };

export function toAmps(v: LimitValue, phases: 1 | 3, nominalVoltageV = NOMINAL_VOLTAGE_V): number {
  return 'currentA' in v ? v.currentA : v.powerW / (nominalVoltageV * phases);
}

/** The minimum of the sources; ties go to the EVSE's own rating first, then the cable (the more permanent cause). */
export function effectiveLimit(sources: {
  evse: number;
  cable?: number | null;
  external?: number | null;
  site?: number | null;
  profile?: { limitA: number; profileId: number } | null;
}): EffectiveLimit {
  let limitA = sources.evse;
  let source: LimitSource = 'evse';
  for (const [s, a] of [['cable', sources.cable], ['external', sources.external], ['site', sources.site], ['profile', sources.profile?.limitA]] as const) {
    if (a !== null && a !== undefined && a < limitA) {
      limitA = a;
      source = s;
    }
  }
  // Tenths of an ampere: a power limit converts to long fractions no pilot resolves.
  limitA = Math.max(0, Math.floor(limitA * 10 + 1e-9) / 10);
  const out: EffectiveLimit = { limitA, source, offerA: limitA < MIN_PWM_CURRENT_A ? 0 : limitA };
  if (source === 'profile') out.profileId = sources.profile!.profileId;
  return out;
}

export class ExternalLimits {
  private readonly evseLimits = new Map<number, LimitSetting>();
  private site: LimitSetting | null = null;
  private readonly timers = new Map<'site' | number, TimerHandle>();
  private evses: LimitedEvse[] = [];
  private readonly listeners = new Set<LimitEvents['change']>();

  constructor(private readonly clock: Clock) {}

  start(evses: LimitedEvse[]): void {
    this.evses = evses;
  }

  stop(): void {
    for (const t of this.timers.values()) this.clock.clear(t);
    this.timers.clear();
    this.listeners.clear();
    this.evses = [];
  }

  /** Told after every change (set, clear, expiry); for publishers. Returns the unsubscribe function. */
  onChange(fn: LimitEvents['change']): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** `value` null clears. `expiresInS` > 0 lapses the limit after that long on the station clock. */
  setEvse(evseId: number, value: LimitValue | null, expiresInS?: number): void {
    this.set(evseId, value, expiresInS);
  }

  setSite(value: LimitValue | null, expiresInS?: number): void {
    this.set('site', value, expiresInS);
  }

  evseSetting(evseId: number): LimitSetting | null {
    return this.evseLimits.get(evseId) ?? null;
  }

  siteSetting(): LimitSetting | null {
    return this.site;
  }

  /** The external and site-share limits of one EVSE in A, null where none applies. */
  forEvse(evseId: number): { external: number | null; site: number | null } {
    const evse = this.evses.find((e) => e.id === evseId);
    const own = this.evseLimits.get(evseId);
    const external = own && evse ? toAmps(own.value, evse.phases, evse.nominalVoltageV) : own && 'currentA' in own.value ? own.value.currentA : null;
    return { external, site: this.site && evse ? this.siteShare(evse) : null };
  }

  private siteShare(evse: LimitedEvse): number {
    const site = this.site!;
    // The EVSEs sharing: those with a running transaction, oldest first, and this one (what it would get).
    const sharing = this.evses
      .map((e) => ({ e, since: e === evse ? (e.runningSince() ?? Infinity) : e.runningSince() }))
      .filter((x): x is { e: LimitedEvse; since: number } => x.since !== null)
      .sort((a, b) => a.since - b.since || a.e.id - b.e.id)
      .map((x) => x.e);
    // In watts each EVSE's share is a power, converted with its own phases; in amperes a current per phase.
    const total = 'currentA' in site.value ? site.value.currentA : site.value.powerW;
    const minimumOf = (e: LimitedEvse) => ('currentA' in site.value ? MIN_PWM_CURRENT_A : MIN_PWM_CURRENT_A * (e.nominalVoltageV ?? NOMINAL_VOLTAGE_V) * e.phases);
    // The most EVSEs (oldest first) that can each get at least 6 A of an equal share; the rest pause.
    let k = sharing.length;
    while (k > 0 && total / k < Math.max(...sharing.slice(0, k).map(minimumOf))) k--;
    const i = sharing.indexOf(evse);
    if (i < 0 || i >= k) return 0;
    return toAmps('currentA' in site.value ? { currentA: total / k } : { powerW: total / k }, evse.phases, evse.nominalVoltageV);
  }

  /** A transaction started or ended somewhere: the site's shares move. */
  sharesChanged(): void {
    if (this.site) this.notify('site');
  }

  private set(scope: 'site' | number, value: LimitValue | null, expiresInS?: number): void {
    this.clock.clear(this.timers.get(scope));
    this.timers.delete(scope);
    const setting = value ? { value, expiresAt: expiresInS ? new Date(this.clock.now().getTime() + expiresInS * 1000).toISOString() : null } : null;
    if (scope === 'site') this.site = setting;
    else if (setting) this.evseLimits.set(scope, setting);
    else this.evseLimits.delete(scope);
    if (setting && expiresInS) {
      this.timers.set(
        scope,
        this.clock.setTimeout(() => {
          this.timers.delete(scope);
          this.set(scope, null);
        }, expiresInS * 1000),
      );
    }
    this.notify(scope);
  }

  private notify(scope: 'site' | number): void {
    for (const e of this.evses) if (scope === 'site' || e.id === scope) e.limitsChanged();
    for (const fn of this.listeners) fn(scope);
  }
}
