/**
 * Limits set from outside the OCPP path: an energy manager over MQTT, one per EVSE and one for the site, each
 * with an optional expiry, so a dead energy manager cannot pin a charger at its last value; and the site's own
 * limit from the config. The site limits are divided among the EVSEs by site-shares.ts (policy, 6 A floor,
 * reallocation of what an EV does not draw). Version-neutral; the CSMS's charging profiles
 * (charging-profiles.ts), or the failsafe limit while the CSMS is gone (failsafe.ts), are one more source of the
 * same minimum.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import { MIN_PWM_CURRENT_A } from '../../hal/pilot/duty-cycle.js';
import { DEFAULT_SITE_SHARING, SiteShares, toAmps, type LimitValue, type SharingEvse, type SiteSharing } from './site-shares.js';

export { NOMINAL_VOLTAGE_V, toAmps, type LimitValue } from './site-shares.js';

export type LimitSource = 'evse' | 'cable' | 'external' | 'site' | 'profile' | 'failsafe';

export interface LimitSetting {
  value: LimitValue;
  /** Wall time (ISO) the limit lapses, or null when it holds until cleared. */
  expiresAt: string | null;
}

export interface EffectiveLimit {
  /** The smallest of the sources, A per phase. */
  limitA: number;
  source: LimitSource;
  /** What the pilot may offer: limitA, or 0 below 6 A (an illegal duty cycle otherwise). */
  offerA: number;
  /** Source 'profile' only: the charging profile whose period sets the limit. */
  profileId?: number;
}

export interface LimitedEvse extends SharingEvse {
  /** Re-apply the offer after a limit changed (Evse.limitsChanged). */
  limitsChanged(): void;
}

export type LimitEvents = { change: (scope: 'site' | number) => void };

/** The minimum of the sources; ties go to the EVSE's own rating first, then the cable (the more permanent cause). */
export function effectiveLimit(sources: {
  evse: number;
  cable?: number | null;
  external?: number | null;
  site?: number | null;
  profile?: { limitA: number; profileId: number } | null;
  failsafe?: number | null;
}): EffectiveLimit {
  let limitA = sources.evse;
  let source: LimitSource = 'evse';
  for (const [s, a] of [['cable', sources.cable], ['external', sources.external], ['site', sources.site], ['profile', sources.profile?.limitA], ['failsafe', sources.failsafe]] as const) {
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
  readonly shares: SiteShares;

  constructor(
    private readonly clock: Clock,
    sharing: SiteSharing = DEFAULT_SITE_SHARING,
  ) {
    this.shares = new SiteShares(clock, sharing, () => this.notify('site'));
  }

  start(evses: LimitedEvse[]): void {
    this.evses = evses;
    this.shares.start(evses);
  }

  stop(): void {
    for (const t of this.timers.values()) this.clock.clear(t);
    this.timers.clear();
    this.listeners.clear();
    this.shares.stop();
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
    return { external, site: this.shares.shareOf(evseId) };
  }

  /** A transaction started or ended somewhere: the site's shares move. */
  sharesChanged(): void {
    this.shares.sessionsChanged();
    if (this.shares.active()) this.notify('site');
  }

  private set(scope: 'site' | number, value: LimitValue | null, expiresInS?: number): void {
    this.clock.clear(this.timers.get(scope));
    this.timers.delete(scope);
    const setting = value ? { value, expiresAt: expiresInS ? new Date(this.clock.now().getTime() + expiresInS * 1000).toISOString() : null } : null;
    if (scope === 'site') {
      this.site = setting;
      this.shares.setExternal(setting?.value ?? null);
    } else if (setting) this.evseLimits.set(scope, setting);
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
