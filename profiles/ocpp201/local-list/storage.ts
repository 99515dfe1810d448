/**
 * LocalAuthListCtrlr.Storage and AuthCacheCtrlr.Storage (part 2 §2.5.6, §2.4.4): "the number of bytes currently
 * used". Counted as the UTF-8 bytes of the fields an entry stores (id, type, status, expiry, group id and type),
 * not as SQLite pages, so that the number is the same in both stores and does not jump with the page allocator.
 */
import type { AuthCacheStore, AuthorizationEntry, LocalAuthListStore } from '../../../offline-queue/index.js';

const bytes = (s: string | null | undefined) => (s ? Buffer.byteLength(s, 'utf8') : 0);

export function entryBytes(e: Pick<AuthorizationEntry, 'token' | 'info'>): number {
  const g = e.info.groupIdToken;
  return bytes(e.token.idToken) + bytes(e.token.tokenType) + bytes(e.info.status) + bytes(e.info.expiryDate) + bytes(g?.idToken) + bytes(g?.tokenType);
}

export function localListStorage(list: LocalAuthListStore): number {
  let n = 0;
  for (const e of list.list()) n += entryBytes(e);
  return n;
}

/**
 * The cache store cannot enumerate its entries (offline-queue/types.ts AuthCacheStore), so its usage is bounded
 * from above: each entry at most a 36-character id, a 16-character type, the longest status (18), two ISO
 * timestamps (24 each: expiry and last update) and a group of the same size as the id and type.
 */
export const CACHE_ENTRY_MAX_BYTES = 36 + 16 + 18 + 24 + 24 + 36 + 16;

export function authCacheStorage(cache: AuthCacheStore): number {
  return cache.size() * CACHE_ENTRY_MAX_BYTES;
}
