/** ClearCache (C11): Rejected while AuthCacheCtrlr.Enabled is false (C11.FR.04) or when the store fails (C11.FR.05). */
import { StoreError } from '../../../offline-queue/index.js';
import type { ClearCacheResponse } from '../generated/ClearCache.js';
import type { LocalListDeps } from './send-local-list.js';

export function clearCache(d: LocalListDeps): ClearCacheResponse {
  if (!d.settings.get('authorizationCacheEnabled')) {
    d.log.info('ClearCache while AuthCacheCtrlr.Enabled is false: Rejected');
    return { status: 'Rejected', statusInfo: { reasonCode: 'NotEnabled', additionalInfo: 'AuthCacheCtrlr.Enabled is false' } };
  }
  const before = d.store.authCache.size();
  try {
    d.store.authCache.clear();
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    d.log.warn({ code: err.code, err: err.message }, 'ClearCache: the store could not clear the cache: Rejected');
    return { status: 'Rejected', statusInfo: { reasonCode: 'InternalError', additionalInfo: `the station could not clear the cache (${err.code})` } };
  }
  d.log.info({ entries: before }, 'authorization cache cleared');
  return { status: 'Accepted' };
}
