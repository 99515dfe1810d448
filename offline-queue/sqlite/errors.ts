import Database from 'better-sqlite3';
import { StoreError } from '../types.js';

type StoreErrorCode = StoreError['code'];

/**
 * SQLite result code (primary or extended, e.g. SQLITE_IOERR_FSYNC) -> StoreError code. Matched by prefix so
 * every extended code lands with its primary code. Anything not listed is STORE_IO: the database could not do
 * what was asked for a reason outside the caller's data, which the caller handles like an I/O failure.
 *
 * | SQLite                                           | StoreError       |
 * | SQLITE_FULL                                      | STORE_FULL       |
 * | SQLITE_IOERR*, READONLY*, CANTOPEN*, BUSY*, ...  | STORE_IO         |
 * | SQLITE_CORRUPT*, SQLITE_NOTADB                   | STORE_CORRUPT    |
 * | SQLITE_CONSTRAINT*, SQLITE_TOOBIG, SQLITE_MISMATCH | STORE_CONSTRAINT |
 */
const PREFIXES: readonly (readonly [string, StoreErrorCode])[] = [
  ['SQLITE_FULL', 'STORE_FULL'],
  ['SQLITE_IOERR', 'STORE_IO'],
  ['SQLITE_CORRUPT', 'STORE_CORRUPT'],
  ['SQLITE_NOTADB', 'STORE_CORRUPT'],
  ['SQLITE_CONSTRAINT', 'STORE_CONSTRAINT'],
  ['SQLITE_TOOBIG', 'STORE_CONSTRAINT'],
  ['SQLITE_MISMATCH', 'STORE_CONSTRAINT'],
];

export function storeCodeOf(sqliteCode: string): StoreErrorCode {
  for (const [prefix, code] of PREFIXES) {
    if (sqliteCode === prefix || sqliteCode.startsWith(`${prefix}_`)) return code;
  }
  return 'STORE_IO';
}

/** Turn a better-sqlite3 error into a StoreError; anything else (a StoreError, a programming error such as a
 * payload JSON.stringify cannot serialise) is returned unchanged. */
export function toStoreError(err: unknown): unknown {
  if (err instanceof StoreError) return err;
  if (err instanceof Database.SqliteError) {
    return new StoreError(storeCodeOf(err.code), `${err.code}: ${err.message}`, { cause: err });
  }
  return err;
}

/** Run `fn`, rethrowing database failures as StoreError. */
export function mapErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toStoreError(err);
  }
}
