/**
 * 1.6 idTagInfo (as tests and the 1.6 profile write it) in the store's version-neutral terms: an idTag is an untyped
 * token, its parentIdTag an untyped group token.
 */
import { untypedToken, type AuthorizationInfo } from '../../offline-queue/index.js';

export const u = untypedToken;

export function stored(info: { status: AuthorizationInfo['status']; expiryDate?: string; parentIdTag?: string }): AuthorizationInfo {
  const out: AuthorizationInfo = { status: info.status };
  if (info.expiryDate !== undefined) out.expiryDate = info.expiryDate;
  if (info.parentIdTag !== undefined) out.groupIdToken = untypedToken(info.parentIdTag);
  return out;
}

/** The other way: what a 1.6 idTagInfo of the stored entry says (a group token's type is not part of it). */
export function asIdTagInfo(info: AuthorizationInfo): { status: AuthorizationInfo['status']; expiryDate?: string; parentIdTag?: string } {
  const out: { status: AuthorizationInfo['status']; expiryDate?: string; parentIdTag?: string } = { status: info.status };
  if (info.expiryDate !== undefined) out.expiryDate = info.expiryDate;
  if (info.groupIdToken !== undefined) out.parentIdTag = info.groupIdToken.idToken;
  return out;
}
