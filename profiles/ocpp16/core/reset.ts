import type { Ocpp16Context } from '../context.js';
import type { ResetRequest, ResetResponse } from '../generated/index.js';

/** Errata 3.81: Soft stops transactions gracefully then restarts the software; Hard restarts at once. */
export async function reset(ctx: Ocpp16Context, req: ResetRequest): Promise<ResetResponse> {
  ctx.scheduleReset(req.type);
  return { status: 'Accepted' };
}
