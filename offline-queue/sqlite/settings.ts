import type { Database } from 'better-sqlite3';
import type { SettingsStore } from '../types.js';
import { checkString } from '../validate.js';
import type { Guard } from './guard.js';

export function sqliteSettings(db: Database, guard: Guard): SettingsStore {
  const s = {
    all: db.prepare('SELECT key, value FROM settings ORDER BY key'),
    set: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    del: db.prepare('DELETE FROM settings WHERE key = ?'),
  };
  return {
    getAll: () =>
      guard.run(() => {
        const out: Record<string, string> = {};
        for (const r of s.all.all() as { key: string; value: string }[]) out[r.key] = r.value;
        return out;
      }),
    set: (key, value) =>
      guard.run(() => {
        checkString('setting key', key);
        checkString('setting value', value);
        s.set.run(key, value);
      }),
    delete: (key) => guard.run(() => void s.del.run(key)),
  };
}
