/** The durable store: public API. The agent imports from here only. */
export * from './types.js';
export { openSqliteStore, type SqliteStore, type SqliteStoreInfo, type SqliteStoreOptions } from './sqlite/open.js';
export { migrate, loadMigrations, schemaVersion, defaultMigrationsDir, type Migration } from './sqlite/migrate.js';
export { createMemoryStore } from './memory/store.js';
export { planThinning, type MeterCandidate } from './cap-policy.js';
export { idTagKey } from './id-tag.js';
export { AUTHORIZATION_STATUSES, isValidStatus, untypedToken, tokenKey, matchRank, bestMatch, compareTokens } from './token.js';
