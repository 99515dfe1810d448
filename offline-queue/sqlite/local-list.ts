import type { Database } from 'better-sqlite3';
import { makeAuthInfo } from '../token.js';
import type { AuthorizationStatus, LocalAuthListStore } from '../types.js';
import { checkEntries } from '../validate.js';
import { sqlLimit, type Guard } from './guard.js';
import { TOKEN_MATCH, tokenParams, type TokenRow } from './token-sql.js';

interface EntryRow extends TokenRow {
  status: AuthorizationStatus;
}

type Entries = Parameters<LocalAuthListStore['replace']>[1];

const info = (r: EntryRow) => makeAuthInfo(r.status, r.expiry, r.group_id, r.group_type);

export function sqliteLocalList(db: Database, guard: Guard): LocalAuthListStore {
  const s = {
    version: db.prepare('SELECT version FROM local_list_meta WHERE id = 1'),
    setVersion: db.prepare('UPDATE local_list_meta SET version = ? WHERE id = 1'),
    get: db.prepare(`SELECT * FROM local_list WHERE ${TOKEN_MATCH}`),
    // Updating token_id keeps the spelling the CSMS sent last; NOCASE makes it the same key.
    upsert: db.prepare(
      `INSERT INTO local_list (token_id, token_type, status, expiry, group_id, group_type) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (token_id, IFNULL(token_type, '')) DO UPDATE SET token_id = excluded.token_id, status = excluded.status,
         expiry = excluded.expiry, group_id = excluded.group_id, group_type = excluded.group_type`,
    ),
    del: db.prepare('DELETE FROM local_list WHERE token_id = ? AND token_type IS ?'),
    clear: db.prepare('DELETE FROM local_list'),
    size: db.prepare('SELECT COUNT(*) AS n FROM local_list'),
    list: db.prepare('SELECT * FROM local_list ORDER BY token_id, token_type LIMIT ?'),
  };

  const apply = (entries: Entries): void => {
    for (const e of entries) {
      if (e.info === null) s.del.run(e.token.idToken, e.token.tokenType);
      else {
        const g = e.info.groupIdToken;
        s.upsert.run(e.token.idToken, e.token.tokenType, e.info.status, e.info.expiryDate ?? null, g?.idToken ?? null, g?.tokenType ?? null);
      }
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
    get: (token) =>
      guard.run(() => {
        const r = s.get.get(tokenParams(token)) as EntryRow | undefined;
        return r && info(r);
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
        (s.list.all(sqlLimit(limit)) as EntryRow[]).map((r) => ({ token: { idToken: r.token_id, tokenType: r.token_type }, info: info(r) })),
      ),
  };
}
