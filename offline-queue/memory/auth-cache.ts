import { idTagKey, isValidStatus, makeIdTagInfo } from '../id-tag.js';
import type { AuthCacheStore, IdTagInfo } from '../types.js';
import { checkIdTagInfo, checkString } from '../validate.js';
import type { MemoryGuard } from './guard.js';

interface Entry {
  key: string;
  idTag: string;
  info: IdTagInfo;
  updatedAt: string;
}

/** Trim order shared with the SQLite query: NOT-valid first, then least recently updated, then idTag. */
function trimOrder(a: Entry, b: Entry): number {
  const va = isValidStatus(a.info.status) ? 1 : 0;
  const vb = isValidStatus(b.info.status) ? 1 : 0;
  if (va !== vb) return va - vb;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function memoryAuthCache(guard: MemoryGuard): AuthCacheStore {
  const entries = new Map<string, Entry>();
  return {
    get: (idTag) =>
      guard.run(() => {
        const e = entries.get(idTagKey(idTag));
        return e && { info: { ...e.info }, updatedAt: e.updatedAt };
      }),
    put: (idTag, info, at) =>
      guard.run(() => {
        checkString('idTag', idTag);
        checkIdTagInfo(info);
        checkString('updatedAt', at);
        const key = idTagKey(idTag);
        entries.set(key, { key, idTag, info: makeIdTagInfo(info.status, info.expiryDate, info.parentIdTag), updatedAt: at });
      }),
    clear: () => guard.run(() => entries.clear()),
    size: () => guard.run(() => entries.size),
    trim: (max) =>
      guard.run(() => {
        const excess = entries.size - Math.max(0, Math.floor(max));
        if (excess <= 0) return;
        for (const e of [...entries.values()].sort(trimOrder).slice(0, excess)) entries.delete(e.key);
      }),
  };
}
