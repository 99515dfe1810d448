import { idTagKey, makeIdTagInfo } from '../id-tag.js';
import type { IdTagInfo, LocalAuthListStore } from '../types.js';
import { checkEntries } from '../validate.js';
import { takeLimit, type MemoryGuard } from './guard.js';

type Entries = Parameters<LocalAuthListStore['replace']>[1];

export function memoryLocalList(guard: MemoryGuard): LocalAuthListStore {
  // Keyed by the case-folded idTag; the value keeps the spelling last written, as the SQLite store does.
  let entries = new Map<string, { idTag: string; info: IdTagInfo }>();
  let version = 0;

  const apply = (target: Map<string, { idTag: string; info: IdTagInfo }>, list: Entries): void => {
    for (const e of list) {
      if (e.info === null) target.delete(idTagKey(e.idTag));
      else target.set(idTagKey(e.idTag), { idTag: e.idTag, info: makeIdTagInfo(e.info.status, e.info.expiryDate, e.info.parentIdTag) });
    }
  };
  const copy = (info: IdTagInfo): IdTagInfo => ({ ...info });

  return {
    version: () => guard.run(() => version),
    get: (idTag) =>
      guard.run(() => {
        const e = entries.get(idTagKey(idTag));
        return e && copy(e.info);
      }),
    replace: (v, list) =>
      guard.run(() => {
        checkEntries(v, list);
        const next = new Map<string, { idTag: string; info: IdTagInfo }>();
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
    list: (limit) =>
      guard.run(() => {
        const sorted = [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return takeLimit(sorted, limit).map(([, e]) => ({ idTag: e.idTag, info: copy(e.info) }));
      }),
  };
}
