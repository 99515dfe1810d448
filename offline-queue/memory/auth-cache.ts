import { bestMatch, compareTokens, copyAuthInfo, isValidStatus, tokenKey } from '../token.js';
import type { AuthCacheStore, AuthorizationInfo, AuthToken } from '../types.js';
import { checkAuthInfo, checkString, checkToken } from '../validate.js';
import type { MemoryGuard } from './guard.js';

interface Entry {
  key: string;
  token: AuthToken;
  info: AuthorizationInfo;
  updatedAt: string;
}

/** Trim order shared with the SQLite query: NOT-valid first, then least recently updated, then token. */
function trimOrder(a: Entry, b: Entry): number {
  const va = isValidStatus(a.info.status) ? 1 : 0;
  const vb = isValidStatus(b.info.status) ? 1 : 0;
  if (va !== vb) return va - vb;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? -1 : 1;
  return compareTokens(a.token, b.token);
}

export function memoryAuthCache(guard: MemoryGuard): AuthCacheStore {
  const entries = new Map<string, Entry>();
  return {
    get: (token) =>
      guard.run(() => {
        const e = bestMatch(entries.values(), token);
        return e && { info: copyAuthInfo(e.info), updatedAt: e.updatedAt };
      }),
    put: (token, info, at) =>
      guard.run(() => {
        checkToken('token', token);
        checkAuthInfo(info);
        checkString('updatedAt', at);
        const key = tokenKey(token);
        entries.set(key, { key, token: { idToken: token.idToken, tokenType: token.tokenType }, info: copyAuthInfo(info), updatedAt: at });
      }),
    clear: () => guard.run(() => entries.clear()),
    remove: (token) =>
      guard.run(() => {
        checkToken('token', token);
        return entries.delete(tokenKey(token));
      }),
    size: () => guard.run(() => entries.size),
    trim: (max) =>
      guard.run(() => {
        const excess = entries.size - Math.max(0, Math.floor(max));
        if (excess <= 0) return;
        for (const e of [...entries.values()].sort(trimOrder).slice(0, excess)) entries.delete(e.key);
      }),
  };
}
