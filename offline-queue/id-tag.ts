import type { IdTagInfo } from './types.js';

/**
 * OCPP idTags are CiStrings: printable ASCII compared without regard to case. The key folds A-Z only, exactly
 * like SQLite's NOCASE collation, so the memory store and the SQLite store agree on equality and order.
 */
export function idTagKey(idTag: string): string {
  return idTag.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export const ID_TAG_STATUSES: readonly IdTagInfo['status'][] = ['Accepted', 'Blocked', 'Expired', 'Invalid', 'ConcurrentTx'];

/** OCPP 1.6 §3.5.2 maps Accepted and ConcurrentTx to "valid"; the cache keeps these longest when trimming. */
export function isValidStatus(status: IdTagInfo['status']): boolean {
  return status === 'Accepted' || status === 'ConcurrentTx';
}

/** Build an IdTagInfo without undefined keys, so stored and returned values compare equal in every store. */
export function makeIdTagInfo(status: IdTagInfo['status'], expiryDate: string | null | undefined, parentIdTag: string | null | undefined): IdTagInfo {
  const info: IdTagInfo = { status };
  if (expiryDate !== null && expiryDate !== undefined) info.expiryDate = expiryDate;
  if (parentIdTag !== null && parentIdTag !== undefined) info.parentIdTag = parentIdTag;
  return info;
}
