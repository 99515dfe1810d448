import type { Ocpp16Context } from '../context.js';
import type { ChangeConfigurationRequest, ChangeConfigurationResponse } from '../generated/index.js';

export async function changeConfiguration(ctx: Ocpp16Context, req: ChangeConfigurationRequest): Promise<ChangeConfigurationResponse> {
  const r = ctx.keys.set(req.key, req.value);
  if (r.status !== 'Accepted') ctx.log.info({ key: req.key, status: r.status, reason: r.reason }, 'ChangeConfiguration not accepted');
  return { status: r.status };
}
