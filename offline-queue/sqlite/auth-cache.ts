import type { Database } from 'better-sqlite3';
import { makeAuthInfo } from '../token.js';
import type { AuthCacheStore, AuthorizationStatus } from '../types.js';
import { checkAuthInfo, checkString, checkToken } from '../validate.js';
import type { Guard } from './guard.js';
import { TOKEN_MATCH, tokenParams, type TokenRow } from './token-sql.js';

interface CacheRow extends TokenRow {
  status: AuthorizationStatus;
  updated_at: string;
}

export function sqliteAuthCache(db: Database, guard: Guard): AuthCacheStore {
  const s = {
    get: db.prepare(`SELECT * FROM auth_cache WHERE ${TOKEN_MATCH}`),
    put: db.prepare(
      `INSERT INTO auth_cache (token_id, token_type, status, expiry, group_id, group_type, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (token_id, IFNULL(token_type, '')) DO UPDATE SET token_id = excluded.token_id, status = excluded.status,
         expiry = excluded.expiry, group_id = excluded.group_id, group_type = excluded.group_type, updated_at = excluded.updated_at`,
    ),
    clear: db.prepare('DELETE FROM auth_cache'),
    remove: db.prepare("DELETE FROM auth_cache WHERE token_id = ? COLLATE NOCASE AND IFNULL(token_type, '') = IFNULL(?, '')"),
    size: db.prepare('SELECT COUNT(*) AS n FROM auth_cache'),
    // OCPP 1.6 §3.5.1: when full, remove NOT-valid entries first, then the oldest valid ones.
    trim: db.prepare(
      `DELETE FROM auth_cache WHERE id IN (
         SELECT id FROM auth_cache
         ORDER BY status IN ('Accepted', 'ConcurrentTx'), updated_at, token_id, token_type
         LIMIT ?)`,
    ),
  };
  return {
    get: (token) =>
      guard.run(() => {
        const r = s.get.get(tokenParams(token)) as CacheRow | undefined;
        return r && { info: makeAuthInfo(r.status, r.expiry, r.group_id, r.group_type), updatedAt: r.updated_at };
      }),
    put: (token, info, at) =>
      guard.run(() => {
        checkToken('token', token);
        checkAuthInfo(info);
        checkString('updatedAt', at);
        const g = info.groupIdToken;
        s.put.run(token.idToken, token.tokenType, info.status, info.expiryDate ?? null, g?.idToken ?? null, g?.tokenType ?? null, at);
      }),
    clear: () => guard.run(() => void s.clear.run()),
    remove: (token) =>
      guard.run(() => {
        checkToken('token', token);
        return s.remove.run(token.idToken, token.tokenType).changes > 0;
      }),
    size: () => guard.run(() => (s.size.get() as { n: number }).n),
    trim: (max) =>
      guard.run(() => {
        const excess = (s.size.get() as { n: number }).n - Math.max(0, Math.floor(max));
        if (excess > 0) s.trim.run(excess);
      }),
  };
}
