/**
 * The installed charging profiles of one station, in memory, with the replace and clear rules of both
 * versions. Persistence is the store's (toJSON/fromJSON give it a stable shape); an instance per station.
 *
 * Replacement on install:
 * - the same id always replaces (1.6 §5.16.3/§5.16.4; 2.0.1 K01.FR.05);
 * - with policy 'replace' (1.6) a profile with the same purpose and stackLevel on the same EVSE is replaced
 *   too (1.6 §3.13.2 "SHALL replace the existing profile"; §3.13.1: a connector's TxDefault does not replace
 *   connector 0's, it overrides it on that connector only); for Tx profiles the same transaction (errata 3.42);
 * - with policy 'reject' (2.0.1) such a profile is refused by validate() instead (K01.FR.06/39/52/53), so
 *   install() only replaces by id.
 */
import { PURPOSES, type ChargingLimitSource, type ChargingProfile, type ChargingProfilePurpose } from './types.js';
import { parseProfile } from './serialise.js';

export type DuplicatePolicy = 'replace' | 'reject';

/** ClearChargingProfile: an id clears that profile alone; otherwise every given field must match (errata 3.25, K10.FR.03/04). */
export interface ClearCriteria {
  id?: number;
  evseId?: number;
  purpose?: ChargingProfilePurpose;
  stackLevel?: number;
}

/** GetChargingProfiles (K09): evseId 0 = installed on the station itself, N = on EVSE N, absent = all. */
export interface ProfileQuery {
  ids?: readonly number[];
  evseId?: number;
  purpose?: ChargingProfilePurpose;
  stackLevel?: number;
  sources?: readonly ChargingLimitSource[];
}

export interface SerialisedProfileSet {
  version: 1;
  profiles: unknown[];
}

/** The installed profiles `profile` would replace under `policy`, its own id included. */
export function replacedBy(installed: Iterable<ChargingProfile>, profile: ChargingProfile, policy: DuplicatePolicy): ChargingProfile[] {
  const out: ChargingProfile[] = [];
  for (const p of installed) {
    if (p.id === profile.id) out.push(p);
    else if (policy === 'replace' && sameSlot(p, profile)) out.push(p);
  }
  return out;
}

/** Same purpose, stackLevel and EVSE (and, for Tx profiles, the same transaction). */
export function sameSlot(a: ChargingProfile, b: ChargingProfile): boolean {
  if (a.purpose !== b.purpose || a.stackLevel !== b.stackLevel || a.evseId !== b.evseId) return false;
  return a.purpose !== 'Tx' || a.transactionId === undefined || b.transactionId === undefined || a.transactionId === b.transactionId;
}

const order = (a: ChargingProfile, b: ChargingProfile) => a.evseId - b.evseId || PURPOSES.indexOf(a.purpose) - PURPOSES.indexOf(b.purpose) || a.stackLevel - b.stackLevel || a.id - b.id;

export class ProfileSet {
  private readonly byId = new Map<number, ChargingProfile>();

  constructor(profiles: Iterable<ChargingProfile> = []) {
    for (const p of profiles) this.byId.set(p.id, p);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: number): ChargingProfile | undefined {
    return this.byId.get(id);
  }

  /** Every installed profile, ordered by EVSE, purpose, stackLevel, id. */
  all(): ChargingProfile[] {
    return [...this.byId.values()].sort(order);
  }

  /** Installs (validate() first); returns what it replaced. */
  install(profile: ChargingProfile, policy: DuplicatePolicy = 'replace'): ChargingProfile[] {
    const replaced = replacedBy(this.byId.values(), profile, policy);
    for (const p of replaced) this.byId.delete(p.id);
    this.byId.set(profile.id, profile);
    return replaced;
  }

  /**
   * Removes what matches and returns it (empty: the profiles answer Unknown). ExternalConstraints profiles are
   * not the CSMS's to clear (K10.FR.04/08/09) unless `includeExternal` (the local source clearing its own).
   */
  clear(criteria: ClearCriteria, opts: { includeExternal?: boolean } = {}): ChargingProfile[] {
    const clearable = (p: ChargingProfile) => opts.includeExternal === true || p.purpose !== 'ChargingStationExternalConstraints';
    let hit: ChargingProfile[];
    if (criteria.id !== undefined) {
      const p = this.byId.get(criteria.id);
      hit = p && clearable(p) ? [p] : [];
    } else {
      hit = [...this.byId.values()].filter(
        (p) =>
          clearable(p) &&
          (criteria.evseId === undefined || p.evseId === criteria.evseId) &&
          (criteria.purpose === undefined || p.purpose === criteria.purpose) &&
          (criteria.stackLevel === undefined || p.stackLevel === criteria.stackLevel),
      );
    }
    for (const p of hit) this.byId.delete(p.id);
    return hit.sort(order);
  }

  /**
   * A transaction started on an EVSE: Tx profiles given before it had an id (1.6 RemoteStartTransaction with
   * a profile, §5.16.2) are bound to it. Returns the bound profiles.
   */
  transactionStarted(evseId: number, transactionId: string): ChargingProfile[] {
    const bound: ChargingProfile[] = [];
    for (const p of this.byId.values()) {
      if (p.purpose === 'Tx' && p.evseId === evseId && p.transactionId === undefined) {
        const q = { ...p, transactionId };
        this.byId.set(p.id, q);
        bound.push(q);
      }
    }
    return bound;
  }

  /** The transaction ended: its Tx profiles go (1.6 §3.13.1 + §7.10, 2.0.1 K02.FR.05). Returns them. */
  transactionEnded(evseId: number, transactionId: string): ChargingProfile[] {
    const gone = [...this.byId.values()].filter(
      (p) => p.purpose === 'Tx' && p.evseId === evseId && (p.transactionId === undefined || p.transactionId === transactionId),
    );
    for (const p of gone) this.byId.delete(p.id);
    return gone.sort(order);
  }

  /** Drops the profiles whose validTo has passed (valid only while t < validTo, K01.FR.37). */
  prune(now: Date): ChargingProfile[] {
    const t = now.getTime();
    const gone = [...this.byId.values()].filter((p) => p.validTo !== undefined && p.validTo.getTime() <= t);
    for (const p of gone) this.byId.delete(p.id);
    return gone.sort(order);
  }

  /** GetChargingProfiles: the profiles matching every given criterion (K09.FR.03-06). */
  query(q: ProfileQuery): ChargingProfile[] {
    return this.all().filter(
      (p) =>
        (q.ids === undefined || q.ids.includes(p.id)) &&
        (q.evseId === undefined || p.evseId === q.evseId) &&
        (q.purpose === undefined || p.purpose === q.purpose) &&
        (q.stackLevel === undefined || p.stackLevel === q.stackLevel) &&
        (q.sources === undefined || q.sources.includes(p.source ?? 'CSO')),
    );
  }

  toJSON(): SerialisedProfileSet {
    return { version: 1, profiles: this.all().map(serialiseProfile) };
  }

  /** Reads what toJSON wrote; throws one Error listing every bad field. */
  static fromJSON(json: unknown): ProfileSet {
    const errors: string[] = [];
    const root = json as Partial<SerialisedProfileSet> | null;
    if (typeof root !== 'object' || root === null) throw new Error('profile set: must be an object');
    if (root.version !== 1) errors.push(`version: must be 1, got ${JSON.stringify(root.version)}`);
    if (!Array.isArray(root.profiles)) errors.push('profiles: must be an array');
    const profiles: ChargingProfile[] = [];
    const seen = new Set<number>();
    (Array.isArray(root.profiles) ? root.profiles : []).forEach((raw, i) => {
      const p = parseProfile(raw, `profiles[${i}]`, errors);
      if (!p) return;
      if (seen.has(p.id)) errors.push(`profiles[${i}].id: duplicate id ${p.id}`);
      seen.add(p.id);
      profiles.push(p);
    });
    if (errors.length > 0) throw new Error(`profile set: ${errors.join('; ')}`);
    return new ProfileSet(profiles);
  }
}

/** A profile as plain JSON (dates as ISO strings, absent fields omitted). */
export function serialiseProfile(p: ChargingProfile): Record<string, unknown> {
  const iso = (d: Date | undefined) => d?.toISOString();
  return JSON.parse(
    JSON.stringify({
      ...p,
      validFrom: iso(p.validFrom),
      validTo: iso(p.validTo),
      schedules: p.schedules.map((s) => ({ ...s, startSchedule: iso(s.startSchedule) })),
    }),
  ) as Record<string, unknown>;
}

