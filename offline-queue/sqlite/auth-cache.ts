import type { Database } from 'better-sqlite3';
import { makeIdTagInfo } from '../id-tag.js';
import type { AuthCacheStore, IdTagInfo } from '../types.js';
import { checkIdTagInfo, checkString } from '../validate.js';
import type { Guard } from './guard.js';

interface CacheRow {
  id_tag: string;
  status: IdTagInfo['status'];
  expiry: string | null;
  parent: string | null;
  updated_at: string;
}

export function sqliteAuthCache(db: Database, guard: Guard): AuthCacheStore {
  const s = {
    get: db.prepare('SELECT * FROM auth_cache WHERE id_tag = ?'),
    put: db.prepare(
      `INSERT INTO auth_cache (id_tag, status, expiry, parent, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id_tag) DO UPDATE SET id_tag = excluded.id_tag, status = excluded.status, expiry = excluded.expiry,
         parent = excluded.parent, updated_at = excluded.updated_at`,
    ),
    clear: db.prepare('DELETE FROM auth_cache'),
    size: db.prepare('SELECT COUNT(*) AS n FROM auth_cache'),
    // OCPP 1.6 §3.5.1: when full, remove NOT-valid entries first, then the oldest valid ones.
    trim: db.prepare(
      `DELETE FROM auth_cache WHERE id_tag IN (
         SELECT id_tag FROM auth_cache
         ORDER BY status IN ('Accepted', 'ConcurrentTx'), updated_at, id_tag
         LIMIT ?)`,
    ),
  };
  return {
    get: (idTag) =>
      guard.run(() => {
        const r = s.get.get(idTag) as CacheRow | undefined;
        return r && { info: makeIdTagInfo(r.status, r.expiry, r.parent), updatedAt: r.updated_at };
      }),
    put: (idTag, info, at) =>
      guard.run(() => {
        checkString('idTag', idTag);
        checkIdTagInfo(info);
        checkString('updatedAt', at);
        s.put.run(idTag, info.status, info.expiryDate ?? null, info.parentIdTag ?? null, at);
      }),
    clear: () => guard.run(() => void s.clear.run()),
    size: () => guard.run(() => (s.size.get() as { n: number }).n),
    trim: (max) =>
      guard.run(() => {
        const excess = (s.size.get() as { n: number }).n - Math.max(0, Math.floor(max));
        if (excess > 0) s.trim.run(excess);
      }),
  };
}
