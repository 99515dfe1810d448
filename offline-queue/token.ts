/**
 * Authorization tokens in the store, the same in both stores: the statuses, how entries are keyed, and the lookup
 * rule that lets a 1.6 list (untyped idTags) keep working after a switch to 2.0.1 (typed IdTokens) and back.
 */
import { idTagKey } from './id-tag.js';
import type { AuthorizationInfo, AuthorizationStatus, AuthToken } from './types.js';

export const AUTHORIZATION_STATUSES: readonly AuthorizationStatus[] = [
  'Accepted',
  'Blocked',
  'Expired',
  'Invalid',
  'ConcurrentTx',
  'NoCredit',
  'NotAllowedTypeEVSE',
  'NotAtThisLocation',
  'NotAtThisTime',
  'Unknown',
];

/** OCPP 1.6 §3.5.2 maps Accepted and ConcurrentTx to "valid"; the cache keeps these longest when trimming. */
export function isValidStatus(status: AuthorizationStatus): boolean {
  return status === 'Accepted' || status === 'ConcurrentTx';
}

/** An OCPP 1.6 idTag as a token: it has no type. */
export function untypedToken(idTag: string): AuthToken {
  return { idToken: idTag, tokenType: null };
}

/** The identity of an entry: (id case-folded, type). Untyped and typed entries of one id are distinct. */
export function tokenKey(token: AuthToken): string {
  return JSON.stringify([idTagKey(token.idToken), token.tokenType]);
}

/**
 * How an entry answers a lookup: 0 the entry of the token's own type (untyped for an untyped token), 1 the
 * fallback (an untyped entry for a typed token; any typed entry for an untyped one), undefined no match. The
 * lowest rank wins, ties (several typed entries for an untyped lookup) go to the lowest type. The SQLite store
 * says the same in SQL (sqlite/token-sql.ts).
 */
export function matchRank(entry: AuthToken, query: AuthToken): 0 | 1 | undefined {
  if (idTagKey(entry.idToken) !== idTagKey(query.idToken)) return undefined;
  if (entry.tokenType === query.tokenType) return 0;
  if (query.tokenType === null || entry.tokenType === null) return 1;
  return undefined;
}

/** The best of `entries` for `query` under matchRank. */
export function bestMatch<T extends { token: AuthToken }>(entries: Iterable<T>, query: AuthToken): T | undefined {
  let best: T | undefined;
  let bestRank = 2;
  for (const e of entries) {
    const rank = matchRank(e.token, query);
    if (rank === undefined) continue;
    if (rank < bestRank || (rank === bestRank && best !== undefined && compareTypes(e.token.tokenType, best.token.tokenType) < 0)) {
      best = e;
      bestRank = rank;
    }
  }
  return best;
}

/** Order of entries: id case-insensitively, then untyped first, then type (SQLite: ORDER BY token_id, token_type). */
export function compareTokens(a: AuthToken, b: AuthToken): number {
  const ka = idTagKey(a.idToken);
  const kb = idTagKey(b.idToken);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return compareTypes(a.tokenType, b.tokenType);
}

function compareTypes(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** Build an AuthorizationInfo without undefined keys, so stored and returned values compare equal in every store. */
export function makeAuthInfo(
  status: AuthorizationStatus,
  expiryDate: string | null | undefined,
  groupId: string | null | undefined,
  groupType: string | null | undefined,
): AuthorizationInfo {
  const info: AuthorizationInfo = { status };
  if (expiryDate !== null && expiryDate !== undefined) info.expiryDate = expiryDate;
  if (groupId !== null && groupId !== undefined) info.groupIdToken = { idToken: groupId, tokenType: groupType ?? null };
  return info;
}

/** A copy that shares nothing with the stored value. */
export function copyAuthInfo(info: AuthorizationInfo): AuthorizationInfo {
  return makeAuthInfo(info.status, info.expiryDate, info.groupIdToken?.idToken, info.groupIdToken?.tokenType);
}
