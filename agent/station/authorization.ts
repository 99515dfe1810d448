/**
 * Deciding whether an id may charge: local list, authorization cache, the CSMS, and the offline rules
 * (LocalPreAuthorize, LocalAuthorizeOffline, AllowOfflineTxForUnknownId). Version-neutral: the profile
 * supplies `remote` (its Authorize call) and `online`.
 */
import type { Clock } from '../clock/clock.js';
import type { Logger } from '../log.js';
import type { AuthCacheStore, AuthorizationInfo, AuthToken, LocalAuthListStore } from '../../offline-queue/types.js';
import type { IdAuthorizer } from './ports.js';
import type { Settings } from './settings.js';
import type { IdTokenInfo } from './types.js';

export interface AuthorizationDeps {
  localList: LocalAuthListStore;
  cache: AuthCacheStore;
  settings: Settings;
  clock: Clock;
  log: Logger;
  /** Registered and connected: the CSMS can be asked. */
  online: () => boolean;
  /** Ask the CSMS; rejects when it cannot be reached or does not answer. */
  remote: (idTag: string) => Promise<IdTokenInfo>;
  /** Most entries the cache keeps. */
  cacheMax?: number;
  /**
   * 2.0.1 AuthCacheCtrlr.LifeTime: a cache entry without its own expiry counts as absent once this many seconds
   * passed since it was last updated (C10.FR.08/C10.FR.10, errata 2025-01). Undefined: entries do not age (1.6).
   */
  cacheLifeTimeS?: () => number | undefined;
}

/**
 * The station decides with idTags (no type) and the five statuses it knows; the store holds tokens of either
 * version. An idTag is looked up untyped, which finds a typed entry of the same id too (offline-queue/token.ts).
 * A status only 2.0.1 has (NoCredit, NotAtThisTime...) does not authorize: the station sees it as Invalid.
 */
const STATION_STATUSES: readonly string[] = ['Accepted', 'Blocked', 'Expired', 'Invalid', 'ConcurrentTx'] satisfies IdTokenInfo['status'][];

function fromStore(info: AuthorizationInfo | undefined): IdTokenInfo | undefined {
  if (!info) return undefined;
  const out: IdTokenInfo = { status: STATION_STATUSES.includes(info.status) ? (info.status as IdTokenInfo['status']) : 'Invalid' };
  if (info.expiryDate !== undefined) out.expiryDate = info.expiryDate;
  if (info.groupIdToken !== undefined) out.parentIdTag = info.groupIdToken.idToken;
  return out;
}

function toStore(info: IdTokenInfo): AuthorizationInfo {
  const out: AuthorizationInfo = { status: info.status };
  if (info.expiryDate !== undefined) out.expiryDate = info.expiryDate;
  if (info.parentIdTag !== undefined) out.groupIdToken = { idToken: info.parentIdTag, tokenType: null };
  return out;
}

/** The store's token: 1.6 idTags are untyped (null); a 2.0.1 IdToken brings its IdTokenEnumType. */
const token = (idTag: string, tokenType: string | null): AuthToken => ({ idToken: idTag, tokenType });

export class Authorization implements IdAuthorizer {
  constructor(private readonly d: AuthorizationDeps) {}

  /**
   * `tokenType` (2.0.1): the presented IdToken's type; the store's lookup rule finds the entry of that type, else
   * an untyped (1.6) entry of the id. Omitted: a 1.6 idTag.
   */
  async authorize(idTag: string, tokenType: string | null = null): Promise<IdTokenInfo> {
    const s = this.d.settings;
    const local = s.get('localAuthListEnabled') ? fromStore(this.d.localList.get(token(idTag, tokenType))) : undefined;
    const cached = s.get('authorizationCacheEnabled') ? fromStore(this.cached(token(idTag, tokenType))) : undefined;

    if (this.d.online()) {
      if (s.get('localPreAuthorize')) {
        if (local && this.valid(local)) return local;
        if (!local && cached && this.valid(cached)) return cached;
      }
      try {
        const info = await this.d.remote(idTag);
        this.remember(idTag, info);
        return info;
      } catch (err) {
        this.d.log.info({ idTag, err: (err as Error).message }, 'CSMS did not answer Authorize: deciding offline');
      }
    }
    if (s.get('localAuthorizeOffline')) {
      if (local) return this.effective(local);
      if (cached) return this.effective(cached);
    } else if (local && local.status !== 'Accepted') {
      return local;
    }
    // Unknown ids only: list entries that are not Accepted and expired ids were answered above (§3.5.3).
    if (!local && !cached && s.get('allowOfflineTxForUnknownId')) return { status: 'Accepted' };
    return { status: 'Invalid' };
  }

  /**
   * What the station already holds for an id — its local list entry, else its cache entry — without asking the
   * CSMS; undefined when neither has it (or the store cannot be read). Status and expiry are left as stored: a
   * caller after the id's group (parentIdTag) needs the entry, not a verdict.
   */
  known(idTag: string, tokenType: string | null = null): IdTokenInfo | undefined {
    const s = this.d.settings;
    try {
      const local = s.get('localAuthListEnabled') ? fromStore(this.d.localList.get(token(idTag, tokenType))) : undefined;
      return local ?? (s.get('authorizationCacheEnabled') ? fromStore(this.cached(token(idTag, tokenType))) : undefined);
    } catch (err) {
      this.d.log.warn({ idTag, err: (err as Error).message }, 'local list or cache unreadable');
      return undefined;
    }
  }

  /** Update the cache from an idTagInfo the CSMS sent (Authorize, StartTransaction, StopTransaction). */
  remember(idTag: string, info: IdTokenInfo, tokenType: string | null = null): void {
    if (!this.d.settings.get('authorizationCacheEnabled')) return;
    // Entries of the local list never go into the cache (§3.5.1).
    if (this.d.settings.get('localAuthListEnabled') && this.d.localList.get(token(idTag, tokenType))) return;
    try {
      this.d.cache.put(token(idTag, tokenType), toStore(info), this.d.clock.now().toISOString());
      this.d.cache.trim(this.d.cacheMax ?? 1000);
    } catch (err) {
      // The cache is an optimisation: a full disk must not fail the authorization that produced the answer.
      this.d.log.warn({ idTag, err: (err as Error).message }, 'authorization cache not updated');
    }
  }

  /** The cache entry, unless AuthCacheCtrlr.LifeTime has passed since its update (and it has no expiry of its own). */
  private cached(t: AuthToken): AuthorizationInfo | undefined {
    const hit = this.d.cache.get(t);
    if (!hit) return undefined;
    const lifeS = this.d.cacheLifeTimeS?.();
    if (lifeS === undefined || hit.info.expiryDate !== undefined) return hit.info;
    return new Date(hit.updatedAt).getTime() + lifeS * 1000 > this.d.clock.now().getTime() ? hit.info : undefined;
  }

  private valid(info: IdTokenInfo): boolean {
    return info.status === 'Accepted' && !this.expired(info);
  }

  private expired(info: IdTokenInfo): boolean {
    return info.expiryDate !== undefined && new Date(info.expiryDate).getTime() <= this.d.clock.now().getTime();
  }

  private effective(info: IdTokenInfo): IdTokenInfo {
    if (info.status === 'Accepted' && this.expired(info)) return { ...info, status: 'Expired' };
    return info;
  }
}
