/**
 * The site limit shared among the EVSEs with a running transaction (load management). Two sources: the site's
 * own limit from the config (`loadManagement.siteLimitA` / `siteLimitW`, the supply the chargers hang on) and the
 * energy manager's (MQTT `site/limit/set`, with its expiry); each is divided by the configured policy
 * (site-allocation.ts) and an EVSE gets the smaller of its two shares.
 *
 * Reallocation: an EV that draws clearly less than it is offered (a full battery tapering, an onboard charger
 * smaller than the EVSE, an EV paused in state B) is capped at what it draws plus a margin, and the rest goes to
 * the others. The cap lifts when the EV draws up to it again. Draws are judged on a timer on the station clock,
 * and only for an EVSE whose share did not change since the previous look (the EV and the meter have had a
 * period to follow the offer), so a share never moves more than once per period. Between looks the shares are
 * a pure function of the sessions and the caps: every EVSE asking sees the same division.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import { MIN_PWM_CURRENT_A } from '../../hal/pilot/duty-cycle.js';
import { allocate, type Claimant, type SitePolicy } from './site-allocation.js';

/** Amperes per phase, or watts over all phases (converted at NOMINAL_VOLTAGE_V × phases). */
export type LimitValue = { currentA: number } | { powerW: number };

/** Per-phase nominal voltage for turning a power limit into a current (EN 50160's 230 V). */
export const NOMINAL_VOLTAGE_V = 230;

export function toAmps(v: LimitValue, phases: 1 | 3, nominalVoltageV = NOMINAL_VOLTAGE_V): number {
  return 'currentA' in v ? v.currentA : v.powerW / (nominalVoltageV * phases);
}

export interface SharingEvse {
  id: number;
  phases: 1 | 3;
  /** Per-phase nominal voltage for power limits (config evses[].nominalVoltageV); NOMINAL_VOLTAGE_V when absent. */
  nominalVoltageV?: number;
  /** Its rating (config maxCurrentA): the most it can use. */
  maxCurrentA: number;
  /** Since when its transaction runs (ms, any monotonic origin), or null without one. */
  runningSince(): number | null;
  /** What its EV draws now, A per phase (the highest phase), or null when its meter does not say. */
  drawA(): number | null;
}

export interface SiteSharing {
  /** The site's own limit (config), or null. */
  limit: LimitValue | null;
  policy: SitePolicy;
  /** Give what an EV does not draw to the others. */
  reallocate: boolean;
  /** How often draws are judged, s. */
  rebalanceIntervalS: number;
  /** Headroom above the draw that a capped EV keeps, and the hysteresis of the cap, A per phase. */
  marginA: number;
}

export const DEFAULT_SITE_SHARING: SiteSharing = { limit: null, policy: 'equalShare', reallocate: true, rebalanceIntervalS: 10, marginA: 1 };

export class SiteShares {
  private evses: SharingEvse[] = [];
  /** Caps of EVSEs seen drawing less than offered, A per phase. */
  private readonly caps = new Map<number, number>();
  /** Each sharing EVSE's share at the previous look, A per phase. */
  private readonly previous = new Map<number, number>();
  private timer: TimerHandle | null = null;
  /** The energy manager's site limit (ExternalLimits keeps it and its expiry). */
  private external: LimitValue | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly cfg: SiteSharing,
    /** The caps changed: every EVSE re-reads its share. */
    private readonly moved: () => void,
  ) {}

  start(evses: SharingEvse[]): void {
    this.evses = evses;
    if (this.cfg.reallocate) this.timer = this.clock.setInterval(() => this.look(), this.cfg.rebalanceIntervalS * 1000);
  }

  stop(): void {
    this.clock.clear(this.timer);
    this.timer = null;
    this.evses = [];
    this.caps.clear();
    this.previous.clear();
  }

  setExternal(v: LimitValue | null): void {
    this.external = v;
  }

  get configured(): LimitValue | null {
    return this.cfg.limit;
  }

  /** Whether any site limit holds. */
  active(): boolean {
    return this.cfg.limit !== null || this.external !== null;
  }

  /**
   * The EVSE's share in A per phase, or null when no site limit holds. An EVSE without a session is told what
   * it would get as the newest one.
   */
  shareOf(evseId: number): number | null {
    const evse = this.evses.find((e) => e.id === evseId);
    if (!evse || !this.active()) return null;
    let share = Infinity;
    for (const limit of [this.cfg.limit, this.external]) if (limit) share = Math.min(share, this.shareUnder(limit, evse));
    return share;
  }

  /** A session started or ended: a cap belongs to a session. */
  sessionsChanged(): void {
    for (const id of [...this.caps.keys()]) if (this.evses.find((e) => e.id === id)?.runningSince() === null) this.caps.delete(id);
  }

  private sharing(evse: SharingEvse | null): SharingEvse[] {
    return this.evses
      .map((e) => ({ e, since: e === evse ? (e.runningSince() ?? Infinity) : e.runningSince() }))
      .filter((x): x is { e: SharingEvse; since: number } => x.since !== null)
      .sort((a, b) => a.since - b.since || a.e.id - b.e.id)
      .map((x) => x.e);
  }

  private shareUnder(limit: LimitValue, evse: SharingEvse): number {
    const inWatts = 'powerW' in limit;
    const perUnit = (e: SharingEvse) => (inWatts ? (e.nominalVoltageV ?? NOMINAL_VOLTAGE_V) * e.phases : 1);
    const claimants: Claimant[] = this.sharing(evse).map((e) => {
      const demandA = Math.max(MIN_PWM_CURRENT_A, Math.min(e.maxCurrentA, this.caps.get(e.id) ?? Infinity));
      return { id: e.id, minimum: MIN_PWM_CURRENT_A * perUnit(e), demand: demandA * perUnit(e) };
    });
    const total = inWatts ? limit.powerW : limit.currentA;
    return (allocate(total, claimants, this.cfg.policy).get(evse.id) ?? 0) / perUnit(evse);
  }

  /**
   * Judge what each sharing EV draws against its share: cap one that draws clearly less (below share − 2 ×
   * margin) at draw + margin, lift the cap of one that draws up to it (within half a margin). An EVSE whose share
   * moved since the last look is not judged yet.
   */
  private look(): void {
    if (!this.active()) {
      this.previous.clear();
      return;
    }
    const m = this.cfg.marginA;
    let changed = false;
    const now = new Map<number, number>();
    for (const e of this.sharing(null)) {
      const share = this.shareOf(e.id) ?? 0;
      now.set(e.id, share);
      const settled = this.previous.get(e.id) === share;
      const draw = e.drawA();
      if (!settled || draw === null || share < MIN_PWM_CURRENT_A) continue;
      const cap = this.caps.get(e.id);
      if (cap !== undefined && draw >= cap - m / 2) {
        this.caps.delete(e.id);
        changed = true;
      } else if (draw < share - 2 * m) {
        const next = Math.max(MIN_PWM_CURRENT_A, Math.round((draw + m) * 10) / 10);
        if (next !== cap) {
          this.caps.set(e.id, next);
          changed = true;
        }
      }
    }
    this.previous.clear();
    for (const [id, share] of now) this.previous.set(id, share);
    if (changed) this.moved();
  }

  /** For status: the caps in force (A per phase). */
  capsNow(): ReadonlyMap<number, number> {
    return this.caps;
  }
}
