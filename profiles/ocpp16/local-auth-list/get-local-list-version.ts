import type { Ocpp16Context } from '../context.js';
import type { GetLocalListVersionRequest, GetLocalListVersionResponse } from '../generated/index.js';
import { reportedListVersion } from './version.js';

export async function getLocalListVersion(ctx: Ocpp16Context, _req: GetLocalListVersionRequest): Promise<GetLocalListVersionResponse> {
  return { listVersion: reportedListVersion(ctx.settings.get('localAuthListEnabled'), ctx.store.localList) };
}
