import type { Ocpp16Context } from '../context.js';
import type { ClearCacheRequest, ClearCacheResponse } from '../generated/index.js';

export async function clearCache(ctx: Ocpp16Context, _req: ClearCacheRequest): Promise<ClearCacheResponse> {
  if (!ctx.settings.get('authorizationCacheEnabled')) return { status: 'Rejected' };
  ctx.store.authCache.clear();
  return { status: 'Accepted' };
}
