/**
 * Whose session (or kept cable) it is, and which other cards may end it: the owner's group (§3.10).
 */
// id-tag.js, not the store's index: the station core must not load better-sqlite3 (a fleet's simulated stations, tests).
import { idTagKey } from '../../offline-queue/id-tag.js';
import type { IdAuthorizer } from './ports.js';
import type { IdTokenInfo } from './types.js';

/**
 * parentIdTag is the owner's group: null once an idTagInfo for the owner's idTag is known and names none,
 * undefined while none is known (a remote start, an unknown id accepted offline).
 */
export interface Owner {
  readonly idTag: string;
  parentIdTag: string | null | undefined;
}

/** idTags and parentIdTags are CiString20: compared without regard to case. */
export const sameIdTag = (a: string, b: string): boolean => idTagKey(a) === idTagKey(b);

/**
 * §3.10: whether another card belongs to the owner's group. Its own idTagInfo is needed only when a match is
 * possible: an owner known to have no group is matched by no card, so no Authorize.req goes out for it.
 */
export async function inOwnersGroup(authorizer: IdAuthorizer, owner: Owner, idTag: string): Promise<boolean> {
  learnOwnersGroup(authorizer, owner);
  if (owner.parentIdTag === null) return false;
  const info = await authorizer.authorize(idTag);
  // Authorize.conf, or the owner's StartTransaction.conf, may have told the station the owner's group meanwhile.
  learnOwnersGroup(authorizer, owner);
  const group = owner.parentIdTag;
  return info.status === 'Accepted' && typeof group === 'string' && info.parentIdTag !== undefined && sameIdTag(info.parentIdTag, group);
}

/** An owner whose group is not known yet takes it from the local list or the cache, where the station has it. */
export function learnOwnersGroup(authorizer: IdAuthorizer, owner: Owner): void {
  if (owner.parentIdTag !== undefined) return;
  const info = authorizer.known(owner.idTag);
  if (info) owner.parentIdTag = info.parentIdTag ?? null;
}

/** The CSMS's idTagInfo for the owner's idTag (StartTransaction.conf, whatever its status). */
export function noteOwnersIdTagInfo(owner: Owner, info: IdTokenInfo): void {
  // parentIdTag is optional in every idTagInfo, and CSMSs often name it only in Authorize.conf: an answer without
  // one says "no group" only while none is known, and does not undo a group named at the start.
  if (info.parentIdTag !== undefined) owner.parentIdTag = info.parentIdTag;
  else if (owner.parentIdTag === undefined) owner.parentIdTag = null;
}
