import { bestMatch, compareTokens, copyAuthInfo, tokenKey } from '../token.js';
import type { AuthorizationEntry, LocalAuthListStore } from '../types.js';
import { checkEntries } from '../validate.js';
import { takeLimit, type MemoryGuard } from './guard.js';

type Entries = Parameters<LocalAuthListStore['replace']>[1];

export function memoryLocalList(guard: MemoryGuard): LocalAuthListStore {
  // Keyed by (case-folded id, type); the value keeps the spelling last written, as the SQLite store does.
  let entries = new Map<string, AuthorizationEntry>();
  let version = 0;

  const apply = (target: Map<string, AuthorizationEntry>, list: Entries): void => {
    for (const e of list) {
      if (e.info === null) target.delete(tokenKey(e.token));
      else target.set(tokenKey(e.token), { token: { idToken: e.token.idToken, tokenType: e.token.tokenType }, info: copyAuthInfo(e.info) });
    }
  };
  const copy = (e: AuthorizationEntry): AuthorizationEntry => ({ token: { ...e.token }, info: copyAuthInfo(e.info) });

  return {
    version: () => guard.run(() => version),
    get: (token) =>
      guard.run(() => {
        const e = bestMatch(entries.values(), token);
        return e && copyAuthInfo(e.info);
      }),
    replace: (v, list) =>
      guard.run(() => {
        checkEntries(v, list);
        const next = new Map<string, AuthorizationEntry>();
        apply(next, list.filter((e) => e.info !== null));
        entries = next;
        version = v;
      }),
    update: (v, list) =>
      guard.run(() => {
        checkEntries(v, list);
        apply(entries, list);
        version = v;
      }),
    size: () => guard.run(() => entries.size),
    list: (limit) => guard.run(() => takeLimit([...entries.values()].sort((a, b) => compareTokens(a.token, b.token)), limit).map(copy)),
  };
}
