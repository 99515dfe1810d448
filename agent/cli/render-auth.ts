/** `chargerctl auth list` and `auth lookup`: readers for the agent's auth.* replies and their text form. */
import type { AuthBasis, AuthListResult, AuthLookupResult } from '../control/handlers-auth.js';
import { ReplyShapeError } from './errors.js';
import { arr, bool, num, obj, optStr, str } from './shape.js';
import { formatFields, formatTable } from './table.js';

/**
 * An entry as the CLI reads it: absent dates are undefined (not the agent's null) and the status is any string, so
 * a reply from another agent version still renders; hence its own type, unlike the rest of the reply below.
 */
export interface AuthEntryView {
  idTag: string;
  /** 2.0.1 IdTokenEnumType of a typed entry; absent for a 1.6 idTag (and from agents before typed entries). */
  tokenType?: string;
  status: string;
  expiryDate?: string;
  parentIdTag?: string;
  groupTokenType?: string;
  expired: boolean;
}

// Where the reply is read field for field as the agent sends it, the agent's own types (handlers-auth.ts) are used,
// so the two cannot drift apart; the readers below still check every field, because the agent on the other end of
// the socket may be another version.
export interface AuthListView {
  localList: Omit<AuthListResult['localList'], 'entries'> & { entries: AuthEntryView[] };
  cache: AuthListResult['cache'];
}

export interface AuthLookupView {
  idTag: AuthLookupResult['idTag'];
  tokenType?: string;
  settings: AuthLookupResult['settings'];
  stationOnline: AuthLookupResult['stationOnline'];
  localList: AuthEntryView | null;
  cache: (AuthEntryView & { updatedAt: string }) | null;
  /** Only the status of the agent's idTagInfo is shown. */
  offline: { status: string; basis: AuthBasis };
  online: { asksCsms: boolean; status?: string };
}

const BASES = ['localList', 'cache', 'unknown'] as const;

function readEntry(v: unknown, where: string): AuthEntryView {
  const e = obj(v, where);
  const expiryDate = optStr(e, 'expiryDate', where);
  const parentIdTag = optStr(e, 'parentIdTag', where);
  const tokenType = optStr(e, 'tokenType', where);
  const groupTokenType = optStr(e, 'groupTokenType', where);
  return {
    idTag: str(e, 'idTag', where),
    ...(tokenType !== undefined ? { tokenType } : {}),
    status: str(e, 'status', where),
    ...(expiryDate !== undefined ? { expiryDate } : {}),
    ...(parentIdTag !== undefined ? { parentIdTag } : {}),
    ...(groupTokenType !== undefined ? { groupTokenType } : {}),
    expired: bool(e, 'expired', where),
  };
}

export function readAuthList(v: unknown): AuthListView {
  const o = obj(v, 'auth.list');
  const l = obj(o.localList, 'auth.list.localList');
  const c = obj(o.cache, 'auth.list.cache');
  const w = 'auth.list.localList';
  return {
    localList: {
      enabled: bool(l, 'enabled', w),
      version: num(l, 'version', w),
      reportedVersion: num(l, 'reportedVersion', w),
      size: num(l, 'size', w),
      maxLength: num(l, 'maxLength', w),
      entries: arr(l.entries, `${w}.entries`).map((e, i) => readEntry(e, `${w}.entries[${i}]`)),
    },
    cache: { enabled: bool(c, 'enabled', 'auth.list.cache'), size: num(c, 'size', 'auth.list.cache') },
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function group(e: AuthEntryView): string {
  if (e.parentIdTag === undefined) return '-';
  return e.groupTokenType !== undefined ? `${e.parentIdTag} (${e.groupTokenType})` : e.parentIdTag;
}

function expiry(e: AuthEntryView): string {
  if (e.expiryDate === undefined) return '-';
  return e.expired ? `${e.expiryDate} (expired)` : e.expiryDate;
}

export function renderAuthList(result: unknown): string {
  const { localList: l, cache: c } = readAuthList(result);
  let list: string;
  if (!l.enabled) list = `disabled (LocalAuthListEnabled false; GetLocalListVersion answers ${l.reportedVersion}), keeps ${plural(l.size, 'entry', 'entries')} of version ${l.version}`;
  else if (l.size === 0) list = `enabled, empty (GetLocalListVersion answers ${l.reportedVersion}; last version received ${l.version})`;
  else list = `enabled, version ${l.version}, ${plural(l.size, 'entry', 'entries')} of at most ${l.maxLength}`;
  const cache = c.enabled ? `enabled, ${plural(c.size, 'entry', 'entries')}` : `disabled (AuthorizationCacheEnabled false), ${plural(c.size, 'entry', 'entries')} kept`;
  const out = [formatFields([['Local list', list], ['Cache', cache]])];
  // A list with typed (2.0.1) entries shows their types, and a group's type; a 1.6 list keeps its 1.6 columns.
  if (l.entries.some((e) => e.tokenType !== undefined || e.groupTokenType !== undefined)) {
    out.push('', formatTable(['IDTOKEN', 'TYPE', 'STATUS', 'EXPIRES', 'GROUP'], l.entries.map((e) => [e.idTag, e.tokenType ?? '-', e.status, expiry(e), group(e)])));
  } else if (l.entries.length > 0) {
    out.push('', formatTable(['IDTAG', 'STATUS', 'EXPIRES', 'PARENT'], l.entries.map((e) => [e.idTag, e.status, expiry(e), e.parentIdTag ?? '-'])));
  }
  if (l.entries.length < l.size) out.push('', `Showing ${l.entries.length} of ${l.size} entries; 'chargerctl auth list --all' shows every one.`);
  return `${out.join('\n')}\n`;
}

export function readAuthLookup(v: unknown): AuthLookupView {
  const o = obj(v, 'auth.lookup');
  const s = obj(o.settings, 'auth.lookup.settings');
  const ws = 'auth.lookup.settings';
  const off = obj(o.offline, 'auth.lookup.offline');
  const on = obj(o.online, 'auth.lookup.online');
  const basis = str(off, 'basis', 'auth.lookup.offline');
  if (!(BASES as readonly string[]).includes(basis)) throw new ReplyShapeError(`auth.lookup.offline.basis '${basis}' is not one of ${BASES.join(', ')}`);
  const asksCsms = bool(on, 'asksCsms', 'auth.lookup.online');
  const cache = o.cache === null || o.cache === undefined ? null : { ...readEntry(o.cache, 'auth.lookup.cache'), updatedAt: str(obj(o.cache, 'auth.lookup.cache'), 'updatedAt', 'auth.lookup.cache') };
  const tokenType = optStr(o, 'tokenType', 'auth.lookup');
  return {
    idTag: str(o, 'idTag', 'auth.lookup'),
    ...(tokenType !== undefined ? { tokenType } : {}),
    settings: {
      localAuthListEnabled: bool(s, 'localAuthListEnabled', ws),
      authorizationCacheEnabled: bool(s, 'authorizationCacheEnabled', ws),
      localPreAuthorize: bool(s, 'localPreAuthorize', ws),
      localAuthorizeOffline: bool(s, 'localAuthorizeOffline', ws),
      allowOfflineTxForUnknownId: bool(s, 'allowOfflineTxForUnknownId', ws),
    },
    stationOnline: bool(o, 'stationOnline', 'auth.lookup'),
    localList: o.localList === null || o.localList === undefined ? null : readEntry(o.localList, 'auth.lookup.localList'),
    cache,
    offline: { status: str(obj(off.idTagInfo, 'auth.lookup.offline.idTagInfo'), 'status', 'auth.lookup.offline.idTagInfo'), basis: basis as AuthLookupView['offline']['basis'] },
    online: asksCsms ? { asksCsms } : { asksCsms, status: str(obj(on.idTagInfo, 'auth.lookup.online.idTagInfo'), 'status', 'auth.lookup.online.idTagInfo') },
  };
}

function describeEntry(e: AuthEntryView | null, enabled: boolean, setting: string, missing: string): string {
  if (!e) return missing;
  const parts = [
    e.tokenType !== undefined ? `type ${e.tokenType}` : null,
    e.parentIdTag !== undefined ? (e.groupTokenType !== undefined || e.tokenType !== undefined ? `group ${group(e)}` : `parent ${e.parentIdTag}`) : null, e.expiryDate !== undefined ? `${e.expired ? 'expired' : 'expires'} ${e.expiryDate}` : null].filter((p) => p !== null);
  return `${e.status}${parts.length ? ` (${parts.join(', ')})` : ''}${enabled ? '' : `, ignored: ${setting} false`}`;
}

function offlineReason(r: AuthLookupView): string {
  const s = r.settings;
  if (r.offline.basis === 'unknown') return `unknown idTag, AllowOfflineTxForUnknownId ${s.allowOfflineTxForUnknownId}`;
  const source = r.offline.basis === 'localList' ? 'the local list' : 'the authorization cache';
  const entry = r.offline.basis === 'localList' ? r.localList : r.cache;
  // With LocalAuthorizeOffline false an Accepted entry does not authorize; other statuses still refuse (§3.5.4).
  if (!s.localAuthorizeOffline && entry?.status === 'Accepted') return `LocalAuthorizeOffline false: ${source} does not authorize offline`;
  return `from ${source}${entry?.expired ? ', expired' : ''}`;
}

export function renderAuthLookup(result: unknown): string {
  const r = readAuthLookup(result);
  const online = r.online.asksCsms ? 'the CSMS is asked (Authorize)' : `${r.online.status}, answered locally without asking the CSMS (LocalPreAuthorize)`;
  return `${formatFields([
    ['IdTag', r.tokenType !== undefined ? `${r.idTag} (type ${r.tokenType})` : r.idTag],
    ['Local list', describeEntry(r.localList, r.settings.localAuthListEnabled, 'LocalAuthListEnabled', 'not on the list')],
    ['Cache', r.cache ? `${describeEntry(r.cache, r.settings.authorizationCacheEnabled, 'AuthorizationCacheEnabled', '')}, updated ${r.cache.updatedAt}` : 'not cached'],
    ['Online', online],
    ['Offline', `${r.offline.status} (${offlineReason(r)})`],
    ['Station', r.stationOnline ? 'online: a card presented now gets the online answer' : 'offline: a card presented now gets the offline answer'],
  ])}\n`;
}
