/**
 * Deciding whether an id may charge: local list, authorization cache, the CSMS, and the offline rules
 * (LocalPreAuthorize, LocalAuthorizeOffline, AllowOfflineTxForUnknownId). Version-neutral: the profile
 * supplies `remote` (its Authorize call) and `online`.
 */
import type { Clock } from '../clock/clock.js';
import type { Logger } from '../log.js';
import type { AuthCacheStore, AuthorizationInfo, LocalAuthListStore } from '../../offline-queue/types.js';
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

const untyped = (idTag: string) => ({ idToken: idTag, tokenType: null });

export class Authorization implements IdAuthorizer {
  constructor(private readonly d: AuthorizationDeps) {}

  async authorize(idTag: string): Promise<IdTokenInfo> {
    const s = this.d.settings;
    const local = s.get('localAuthListEnabled') ? fromStore(this.d.localList.get(untyped(idTag))) : undefined;
    const cached = s.get('authorizationCacheEnabled') ? fromStore(this.d.cache.get(untyped(idTag))?.info) : undefined;

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
  known(idTag: string): IdTokenInfo | undefined {
    const s = this.d.settings;
    try {
      const local = s.get('localAuthListEnabled') ? fromStore(this.d.localList.get(untyped(idTag))) : undefined;
      return local ?? (s.get('authorizationCacheEnabled') ? fromStore(this.d.cache.get(untyped(idTag))?.info) : undefined);
    } catch (err) {
      this.d.log.warn({ idTag, err: (err as Error).message }, 'local list or cache unreadable');
      return undefined;
    }
  }

  /** Update the cache from an idTagInfo the CSMS sent (Authorize, StartTransaction, StopTransaction). */
  remember(idTag: string, info: IdTokenInfo): void {
    if (!this.d.settings.get('authorizationCacheEnabled')) return;
    // Entries of the local list never go into the cache (§3.5.1).
    if (this.d.settings.get('localAuthListEnabled') && this.d.localList.get(untyped(idTag))) return;
    try {
      this.d.cache.put(untyped(idTag), toStore(info), this.d.clock.now().toISOString());
      this.d.cache.trim(this.d.cacheMax ?? 1000);
    } catch (err) {
      // The cache is an optimisation: a full disk must not fail the authorization that produced the answer.
      this.d.log.warn({ idTag, err: (err as Error).message }, 'authorization cache not updated');
    }
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
