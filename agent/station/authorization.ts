/**
 * Deciding whether an id may charge: local list, authorization cache, the CSMS, and the offline rules
 * (LocalPreAuthorize, LocalAuthorizeOffline, AllowOfflineTxForUnknownId). Version-neutral: the profile
 * supplies `remote` (its Authorize call) and `online`.
 */
import type { Clock } from '../clock/clock.js';
import type { Logger } from '../log.js';
import type { AuthCacheStore, LocalAuthListStore } from '../../offline-queue/types.js';
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

export class Authorization implements IdAuthorizer {
  constructor(private readonly d: AuthorizationDeps) {}

  async authorize(idTag: string): Promise<IdTokenInfo> {
    const s = this.d.settings;
    const local = s.get('localAuthListEnabled') ? this.d.localList.get(idTag) : undefined;
    const cached = s.get('authorizationCacheEnabled') ? this.d.cache.get(idTag)?.info : undefined;

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
      const local = s.get('localAuthListEnabled') ? this.d.localList.get(idTag) : undefined;
      return local ?? (s.get('authorizationCacheEnabled') ? this.d.cache.get(idTag)?.info : undefined);
    } catch (err) {
      this.d.log.warn({ idTag, err: (err as Error).message }, 'local list or cache unreadable');
      return undefined;
    }
  }

  /** Update the cache from an idTagInfo the CSMS sent (Authorize, StartTransaction, StopTransaction). */
  remember(idTag: string, info: IdTokenInfo): void {
    if (!this.d.settings.get('authorizationCacheEnabled')) return;
    // Entries of the local list never go into the cache (§3.5.1).
    if (this.d.settings.get('localAuthListEnabled') && this.d.localList.get(idTag)) return;
    try {
      this.d.cache.put(idTag, info, this.d.clock.now().toISOString());
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
