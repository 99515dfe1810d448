/**
 * The checks SendLocalListRequest needs beyond its JSON schema (D01), and its entries in the store's terms. As for
 * 1.6 (profiles/ocpp16/local-auth-list/entries.ts), a request that breaks a rule of the specification is answered
 * with a CALLERROR naming the rule; `Failed` is kept for valid requests this station cannot apply.
 */
import { OcppCallError } from '../../../agent/ocpp/errors.js';
import { tokenKey, type AuthorizationInfo, type AuthToken } from '../../../offline-queue/index.js';
import type { IdTokenInfoType, IdTokenType, SendLocalListRequest } from '../generated/SendLocalList.js';

export interface ListEntry {
  token: AuthToken;
  /** null: remove exactly this (id, type) (Differential only, D01.FR.17). */
  info: AuthorizationInfo | null;
}

/** OCPP 2.0.1 integers are 32-bit (part 2 §2.1 "integer" = int32). */
export const MAX_LIST_VERSION = 2_147_483_647;

/** A 2.0.1 IdToken as the store keys it: its type is part of its identity. */
export function typedToken(t: IdTokenType): AuthToken {
  return { idToken: t.idToken, tokenType: t.type };
}

/**
 * What the store keeps of an IdTokenInfo: status, cacheExpiryDateTime (as the entry's expiry) and the group. The
 * rest (chargingPriority, language, evseId, personalMessage) is not stored: the store's row has no place for it.
 */
export function toStoreInfo(t: IdTokenInfoType): AuthorizationInfo {
  const info: AuthorizationInfo = { status: t.status };
  if (t.cacheExpiryDateTime !== undefined) info.expiryDate = t.cacheExpiryDateTime;
  if (t.groupIdToken !== undefined) info.groupIdToken = typedToken(t.groupIdToken);
  return info;
}

export function listEntries(req: SendLocalListRequest): ListEntry[] {
  // D01.FR.18: 0 means "no list" in GetLocalListVersionResponse, so no list may carry it.
  if (!Number.isSafeInteger(req.versionNumber) || req.versionNumber < 1 || req.versionNumber > MAX_LIST_VERSION)
    throw new OcppCallError('PropertyConstraintViolation', `versionNumber must be 1..${MAX_LIST_VERSION} (0 means "no list", D01.FR.18), got ${req.versionNumber}`);
  const seen = new Set<string>();
  return (req.localAuthorizationList ?? []).map((d, i) => {
    const token = typedToken(d.idToken);
    const key = tokenKey(token);
    if (seen.has(key))
      throw new OcppCallError(
        'PropertyConstraintViolation',
        `localAuthorizationList[${i}]: idToken "${d.idToken.idToken}" of type ${d.idToken.type} is listed twice; IdTokens must be unique (D01.FR.06) and compare case-insensitively`,
      );
    seen.add(key);
    if (d.idTokenInfo) return { token, info: toStoreInfo(d.idTokenInfo) };
    if (req.updateType === 'Full')
      throw new OcppCallError('OccurrenceConstraintViolation', `localAuthorizationList[${i}] (idToken "${d.idToken.idToken}") has no idTokenInfo, which a Full update requires (D01.FR.15; removal is Differential only, D01.FR.17)`);
    return { token, info: null };
  });
}

/** How many entries the list holds after a Differential: adds of new (id, type) minus removals of present ones. */
export function sizeAfterDifferential(current: number, entries: readonly ListEntry[], present: ReadonlySet<string>): number {
  let size = current;
  for (const e of entries) {
    const has = present.has(tokenKey(e.token));
    if (e.info !== null && !has) size++;
    else if (e.info === null && has) size--;
  }
  return size;
}
