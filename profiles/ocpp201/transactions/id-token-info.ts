/**
 * 2.0.1 IdTokenInfoType ↔ the core's IdTokenInfo. The core decides with five statuses: a 2.0.1-only status
 * (NoCredit, NotAtThisLocation, NotAtThisTime, NotAllowedTypeEVSE, Unknown) does not authorize, and is Invalid
 * to it; the group becomes the owner's group (groupIdToken's id).
 */
import type { IdTokenInfo } from '../../../agent/station/types.js';
import type { IdTokenInfoType } from '../generated/common.js';

const CORE: readonly string[] = ['Accepted', 'Blocked', 'Expired', 'Invalid', 'ConcurrentTx'];

export function idTokenInfoToCore(info: IdTokenInfoType): IdTokenInfo {
  const out: IdTokenInfo = { status: CORE.includes(info.status) ? (info.status as IdTokenInfo['status']) : 'Invalid' };
  if (info.cacheExpiryDateTime !== undefined) out.expiryDate = info.cacheExpiryDateTime;
  if (info.groupIdToken !== undefined) out.parentIdTag = info.groupIdToken.idToken;
  return out;
}
