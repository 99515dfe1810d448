import { readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StoreError } from '../types.js';
import { toStoreError } from './errors.js';

/** One schema version: `NNNN_up-<name>.sql` takes the database from NNNN-1 to NNNN, `NNNN_down-<name>.sql` back. */
export interface Migration {
  version: number;
  name: string;
  up: string;
  down: string;
}

const FILE = /^(\d{4})_(up|down)-([a-z0-9][a-z0-9-]*)\.sql$/;

/** The migrations shipped with the code; the build copies the .sql files next to the compiled JavaScript. */
export function defaultMigrationsDir(): URL {
  return new URL('../migrations/', import.meta.url);
}

/**
 * Read and check a migrations folder: versions 1..N without gaps, each with an up and a down file of the same
 * name. A misnamed .sql file is an error rather than ignored, because a skipped migration would leave the schema
 * silently different from what the version number claims.
 */
export function loadMigrations(dir: URL = defaultMigrationsDir()): Migration[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.sql')).sort();
  } catch (err) {
    throw new StoreError('STORE_MIGRATION', `cannot read the migrations folder ${dir.href}`, { cause: err });
  }
  const byVersion = new Map<number, { name: string; up?: string; down?: string }>();
  for (const file of names) {
    const m = FILE.exec(file);
    if (!m) throw new StoreError('STORE_MIGRATION', `migration file ${file} is not named NNNN_up-<name>.sql or NNNN_down-<name>.sql`);
    const version = Number(m[1]);
    const direction = m[2] as 'up' | 'down';
    const name = m[3] as string;
    const entry = byVersion.get(version) ?? { name };
    if (entry.name !== name) {
      throw new StoreError('STORE_MIGRATION', `migration ${m[1]} has files with different names (${entry.name}, ${name})`);
    }
    entry[direction] = readFileSync(new URL(file, dir), 'utf8');
    byVersion.set(version, entry);
  }
  const out: Migration[] = [];
  for (let v = 1; v <= byVersion.size; v++) {
    const entry = byVersion.get(v);
    if (!entry) throw new StoreError('STORE_MIGRATION', `migration ${pad(v)} is missing (versions must run 1..${byVersion.size} without gaps)`);
    if (entry.up === undefined || entry.down === undefined) {
      throw new StoreError('STORE_MIGRATION', `migration ${pad(v)}-${entry.name} needs both an up and a down file`);
    }
    out.push({ version: v, name: entry.name, up: entry.up, down: entry.down });
  }
  return out;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Bring the database to `target` (default: the latest version), one migration per SQLite transaction so a
 * failure leaves it at the last complete version, tracked in PRAGMA user_version (which is part of the same
 * transaction). A database newer than the code is refused: running old code on a newer schema, or downgrading
 * it implicitly, could lose queued messages. Going down happens only when a lower `target` is asked for.
 */
export function migrate(db: Database.Database, opts: { target?: number; migrations?: readonly Migration[] } = {}): { from: number; to: number } {
  const migrations = opts.migrations ?? loadMigrations();
  const latest = migrations.length;
  const target = opts.target ?? latest;
  if (!Number.isInteger(target) || target < 0 || target > latest) {
    throw new StoreError('STORE_MIGRATION', `cannot migrate to schema version ${target}: this code knows versions 0..${latest}`);
  }
  const from = readVersion(db);
  if (from > latest) {
    throw new StoreError(
      'STORE_MIGRATION',
      `database schema version ${from} is newer than this software knows (latest ${latest}); refusing to open it ` +
        'rather than downgrade it. Run a release that knows this version, or restore a backup.',
    );
  }
  if (from === target) return { from, to: target };

  // SQLite ignores PRAGMA foreign_keys inside a transaction, and a table rebuild (the usual way to change a
  // column) must not cascade or fail half-way: switch checks off around the steps and verify at each commit.
  const fkWasOn = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    for (let v = from; v !== target; ) {
      const up = v < target;
      const m = migrations[(up ? v + 1 : v) - 1] as Migration;
      const next = up ? v + 1 : v - 1;
      step(db, m, up ? 'up' : 'down', next);
      v = next;
    }
  } finally {
    if (fkWasOn) db.pragma('foreign_keys = ON');
  }
  return { from, to: target };
}

function step(db: Database.Database, m: Migration, direction: 'up' | 'down', next: number): void {
  const label = `${pad(m.version)}_${direction}-${m.name}.sql`;
  try {
    db.transaction(() => {
      db.exec(direction === 'up' ? m.up : m.down);
      const violations = db.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) {
        throw new StoreError('STORE_MIGRATION', `migration ${label} leaves ${violations.length} foreign key violation(s)`);
      }
      db.pragma(`user_version = ${next}`);
    }).immediate();
  } catch (err) {
    if (err instanceof StoreError) throw err;
    const mapped = toStoreError(err);
    // A full disk or an I/O failure keeps its own code: the migration is fine, the device is not. SQL errors
    // (SQLITE_ERROR) and constraint failures are the migration's own fault.
    const sqlFault = err instanceof Database.SqliteError && err.code === 'SQLITE_ERROR';
    if (mapped instanceof StoreError && mapped.code !== 'STORE_CONSTRAINT' && !sqlFault) throw mapped;
    throw new StoreError('STORE_MIGRATION', `migration ${label} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

function readVersion(db: Database.Database): number {
  try {
    return schemaVersion(db);
  } catch (err) {
    throw toStoreError(err);
  }
}

function pad(v: number): string {
  return String(v).padStart(4, '0');
}
