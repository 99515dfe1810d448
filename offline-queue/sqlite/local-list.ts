import type { Database } from 'better-sqlite3';
import { makeIdTagInfo } from '../id-tag.js';
import type { IdTagInfo, LocalAuthListStore } from '../types.js';
import { checkEntries } from '../validate.js';
import { sqlLimit, type Guard } from './guard.js';

interface EntryRow {
  id_tag: string;
  status: IdTagInfo['status'];
  expiry: string | null;
  parent: string | null;
}

type Entries = Parameters<LocalAuthListStore['replace']>[1];

export function sqliteLocalList(db: Database, guard: Guard): LocalAuthListStore {
  const s = {
    version: db.prepare('SELECT version FROM local_list_meta WHERE id = 1'),
    setVersion: db.prepare('UPDATE local_list_meta SET version = ? WHERE id = 1'),
    get: db.prepare('SELECT * FROM local_list WHERE id_tag = ?'),
    // Updating id_tag keeps the spelling the CSMS sent last; NOCASE makes it the same key.
    upsert: db.prepare(
      `INSERT INTO local_list (id_tag, status, expiry, parent) VALUES (?, ?, ?, ?)
       ON CONFLICT (id_tag) DO UPDATE SET id_tag = excluded.id_tag, status = excluded.status, expiry = excluded.expiry, parent = excluded.parent`,
    ),
    del: db.prepare('DELETE FROM local_list WHERE id_tag = ?'),
    clear: db.prepare('DELETE FROM local_list'),
    size: db.prepare('SELECT COUNT(*) AS n FROM local_list'),
    list: db.prepare('SELECT * FROM local_list ORDER BY id_tag LIMIT ?'),
  };

  const apply = (entries: Entries): void => {
    for (const e of entries) {
      if (e.info === null) s.del.run(e.idTag);
      else s.upsert.run(e.idTag, e.info.status, e.info.expiryDate ?? null, e.info.parentIdTag ?? null);
    }
  };
  // A Full list has no removals; an entry without info in it simply is not on the new list.
  const replaceTx = db.transaction((version: number, entries: Entries) => {
    s.clear.run();
    apply(entries.filter((e) => e.info !== null));
    s.setVersion.run(version);
  });
  const updateTx = db.transaction((version: number, entries: Entries) => {
    apply(entries);
    s.setVersion.run(version);
  });

  return {
    version: () => guard.run(() => (s.version.get() as { version: number }).version),
    get: (idTag) =>
      guard.run(() => {
        const r = s.get.get(idTag) as EntryRow | undefined;
        return r && makeIdTagInfo(r.status, r.expiry, r.parent);
      }),
    replace: (version, entries) =>
      guard.run(() => {
        checkEntries(version, entries);
        replaceTx.immediate(version, entries);
      }),
    update: (version, entries) =>
      guard.run(() => {
        checkEntries(version, entries);
        updateTx.immediate(version, entries);
      }),
    size: () => guard.run(() => (s.size.get() as { n: number }).n),
    list: (limit) =>
      guard.run(() =>
        (s.list.all(sqlLimit(limit)) as EntryRow[]).map((r) => ({ idTag: r.id_tag, info: makeIdTagInfo(r.status, r.expiry, r.parent) })),
      ),
  };
}
