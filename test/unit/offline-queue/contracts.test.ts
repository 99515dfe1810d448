import { after } from 'node:test';
import { runAuthCacheContract } from './auth-cache.contract.js';
import { storeBuilders } from './helpers.js';
import { runJournalContract } from './journal.contract.js';
import { runLocalListContract } from './local-list.contract.js';
import { runQueueStoreContract } from './queue-store.contract.js';
import { runQueueVersionContract } from './queue-version.contract.js';
import { runSettingsContract } from './settings.contract.js';
import { runTokenContract } from './tokens.contract.js';

// Every Store implementation runs every contract: SQLite on disk, SQLite in memory, and the memory store.
const builders = storeBuilders();
after(() => builders.cleanup());

for (const { name, build } of builders) {
  runQueueStoreContract(name, build);
  runJournalContract(name, build);
  runSettingsContract(name, build);
  runLocalListContract(name, build);
  runAuthCacheContract(name, build);
  runTokenContract(name, build);
  runQueueVersionContract(name, build);
}
