/**
 * The 2.0.1 Local Authorization List and authorization cache handlers (D01, D02, C11), bound to one station's store
 * and device model. The list and the cache are the store's, shared with 1.6 (offline-queue/README.md, lookup rule).
 */
import type { GetLocalListVersionResponse } from '../generated/GetLocalListVersion.js';
import type { SendLocalListRequest } from '../generated/SendLocalList.js';
import { clearCache } from './clear-cache.js';
import { sendLocalList, type LocalListDeps } from './send-local-list.js';
import { reportedListVersion201 } from './version.js';

export type { LocalListDeps } from './send-local-list.js';
export { reportedListVersion201 } from './version.js';
export { authCacheLifeTimeS, maxListEntries } from './limits.js';
export { authCacheStorage, localListStorage } from './storage.js';

export type LocalListHandler = (req: any) => Promise<unknown>;

export function createLocalListHandlers(d: LocalListDeps): Readonly<Record<string, LocalListHandler>> {
  return {
    SendLocalList: async (req: SendLocalListRequest) => sendLocalList(d, req),
    GetLocalListVersion: async (): Promise<GetLocalListVersionResponse> => ({ versionNumber: reportedListVersion201(d.settings.get('localAuthListEnabled'), d.store.localList) }),
    ClearCache: async () => clearCache(d),
  };
}
