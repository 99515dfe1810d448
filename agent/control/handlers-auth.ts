/**
 * auth.list and auth.lookup: what the local authorization list and the authorization cache hold, and how the
 * station would decide an idTag right now. Read-only on purpose: only SendLocalList may change the list (OCPP 1.6
 * §3.5.2), and a technician's lookup must neither send Authorize nor write the cache.
 */
import type { Clock } from '../clock/clock.js';
import { silentLogger } from '../log.js';
import { Authorization } from '../station/authorization.js';
import type { Settings } from '../station/settings.js';
import type { IdTokenInfo } from '../station/types.js';
import { ControlError, type ControlParams } from './protocol.js';
import { bestMatch, type AuthorizationInfo, type AuthToken, type Store } from '../../offline-queue/index.js';
import type { LocalListReporting } from '../ocpp/protocol-profile.js';

export interface AuthHandlerDeps {
  store: Pick<Store, 'localList' | 'authCache'>;
  settings: Settings;
  clock: Clock;
  /** Registered and connected. */
  online: () => boolean;
  /** The protocol's size limit and version reporting of the list. */
  localList: LocalListReporting;
}

/** OCPP 1.6 IdToken: CiString20. */
const ID_TAG_MAX = 20;
/** OCPP 2.0.1 IdTokenType.idToken: identifierString 36 (a typed lookup). */
const ID_TOKEN_MAX = 36;
/** OCPP 2.0.1 IdTokenEnumType's longest value is 15 characters; anything up to 20 is looked up as given. */
const TOKEN_TYPE_MAX = 20;

export interface AuthEntry {
  idTag: string;
  /** The 2.0.1 IdTokenEnumType of a typed entry; null for a 1.6 idTag (or a cache entry, whose type is not read back). */
  tokenType: string | null;
  status: AuthorizationInfo['status'];
  expiryDate: string | null;
  parentIdTag: string | null;
  /** The type of a typed group token (2.0.1 groupIdToken); null when untyped or absent. */
  groupTokenType: string | null;
  /** expiryDate has passed by the station's clock: the entry no longer authorizes (§3.5.4). */
  expired: boolean;
}

export interface AuthListResult {
  localList: {
    enabled: boolean;
    /** Version of the last accepted SendLocalList. */
    version: number;
    /** What GetLocalListVersion answers now (-1 while disabled, 0 when empty). */
    reportedVersion: number;
    size: number;
    maxLength: number;
    /** Ordered by idTag, at most `limit`. */
    entries: AuthEntry[];
  };
  cache: { enabled: boolean; size: number };
}

export type AuthBasis = 'localList' | 'cache' | 'unknown';

export interface AuthLookupResult {
  idTag: string;
  /** The type looked up (2.0.1), null for an untyped 1.6 idTag. */
  tokenType: string | null;
  settings: {
    localAuthListEnabled: boolean;
    authorizationCacheEnabled: boolean;
    localPreAuthorize: boolean;
    localAuthorizeOffline: boolean;
    allowOfflineTxForUnknownId: boolean;
  };
  /** Registered and connected: an idTag presented now would take the `online` path. */
  stationOnline: boolean;
  /** Shown even while the list or the cache is disabled; `settings` says whether they count. */
  localList: AuthEntry | null;
  cache: (AuthEntry & { updatedAt: string }) | null;
  offline: { idTagInfo: IdTokenInfo; accepted: boolean; basis: AuthBasis };
  /** Online: either answered locally (LocalPreAuthorize with a valid entry) or the CSMS is asked. */
  online: { asksCsms: boolean; idTagInfo: IdTokenInfo | null };
}

type Handler = (params: ControlParams) => unknown | Promise<unknown>;

export function createAuthHandlers(ctx: AuthHandlerDeps): Record<string, Handler> {
  const log = silentLogger();
  const settings = ctx.settings;

  const entry = (token: AuthToken, info: AuthorizationInfo): AuthEntry => ({
    idTag: token.idToken,
    tokenType: token.tokenType,
    status: info.status,
    expiryDate: info.expiryDate ?? null,
    parentIdTag: info.groupIdToken?.idToken ?? null,
    groupTokenType: info.groupIdToken?.tokenType ?? null,
    expired: info.expiryDate !== undefined && new Date(info.expiryDate).getTime() <= ctx.clock.now().getTime(),
  });

  /** The station's own decision code, with a CSMS that is never reached: `remote` only records that it was asked. */
  const decide = async (idTag: string, tokenType: string | null, online: boolean): Promise<{ info: IdTokenInfo; asked: boolean }> => {
    let asked = false;
    const auth = new Authorization({
      localList: ctx.store.localList,
      cache: ctx.store.authCache,
      settings,
      clock: ctx.clock,
      log,
      online: () => online,
      remote: () => {
        asked = true;
        return Promise.reject(new Error('auth.lookup does not ask the CSMS'));
      },
    });
    return { info: await auth.authorize(idTag, tokenType), asked };
  };

  return {
    'auth.list': (params): AuthListResult => {
      const limit = params.limit;
      if (limit !== undefined && (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 0))
        throw new ControlError('BAD_PARAMS', 'limit must be a non-negative integer (omit it for every entry)');
      const list = ctx.store.localList;
      const enabled = settings.get('localAuthListEnabled');
      return {
        localList: {
          enabled,
          version: list.version(),
          reportedVersion: ctx.localList.reportedVersion(enabled, list),
          size: list.size(),
          maxLength: ctx.localList.maxLength,
          entries: list.list(limit).map((e) => entry(e.token, e.info)),
        },
        cache: { enabled: settings.get('authorizationCacheEnabled'), size: ctx.store.authCache.size() },
      };
    },
    'auth.lookup': async (params): Promise<AuthLookupResult> => {
      const idTag = params.idTag;
      const rawType = params.tokenType;
      if (rawType !== undefined && rawType !== null && (typeof rawType !== 'string' || rawType.length === 0 || rawType.length > TOKEN_TYPE_MAX))
        throw new ControlError('BAD_PARAMS', `tokenType must be a string of 1..${TOKEN_TYPE_MAX} characters (OCPP 2.0.1 IdTokenEnumType), or omitted for a 1.6 idTag`);
      const tokenType = typeof rawType === 'string' ? rawType : null;
      const max = tokenType === null ? ID_TAG_MAX : ID_TOKEN_MAX;
      if (typeof idTag !== 'string' || idTag.length === 0 || idTag.length > max)
        throw new ControlError('BAD_PARAMS', `idTag must be a string of 1..${max} characters (${tokenType === null ? 'OCPP 1.6 IdToken' : 'OCPP 2.0.1 IdToken'})`);
      // Looked up as the station looks it up (station/authorization.ts, the store's lookup rule): untyped for a 1.6
      // idTag, which also finds a typed entry of the id. The list entry that answers is found among the list's
      // entries so that its own type is shown; the cache store does not give its entries' types back.
      const query: AuthToken = { idToken: idTag, tokenType };
      const listed = ctx.store.localList.get(query);
      const listedToken = listed ? (bestMatch(ctx.store.localList.list(), query)?.token ?? query) : query;
      const cached = ctx.store.authCache.get(query);
      const s = {
        localAuthListEnabled: settings.get('localAuthListEnabled'),
        authorizationCacheEnabled: settings.get('authorizationCacheEnabled'),
        localPreAuthorize: settings.get('localPreAuthorize'),
        localAuthorizeOffline: settings.get('localAuthorizeOffline'),
        allowOfflineTxForUnknownId: settings.get('allowOfflineTxForUnknownId'),
      };
      // §3.5.3: a list entry has priority over a cache entry for the same idTag.
      const basis: AuthBasis = s.localAuthListEnabled && listed ? 'localList' : s.authorizationCacheEnabled && cached ? 'cache' : 'unknown';
      const offline = await decide(idTag, tokenType, false);
      const online = await decide(idTag, tokenType, true);
      return {
        idTag,
        tokenType,
        settings: s,
        stationOnline: ctx.online(),
        localList: listed ? entry(listedToken, listed) : null,
        cache: cached ? { ...entry({ idToken: idTag, tokenType: null }, cached.info), updatedAt: cached.updatedAt } : null,
        offline: { idTagInfo: offline.info, accepted: offline.info.status === 'Accepted', basis },
        online: online.asked ? { asksCsms: true, idTagInfo: null } : { asksCsms: false, idTagInfo: online.info },
      };
    },
  };
}
