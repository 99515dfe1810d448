import type { Ocpp16Context } from '../context.js';
import type { UnlockConnectorRequest, UnlockConnectorResponse } from '../generated/index.js';

/** §5.18: a running transaction is stopped (reason UnlockCommand) before the cable is released. */
export async function unlockConnector(ctx: Ocpp16Context, req: UnlockConnectorRequest): Promise<UnlockConnectorResponse> {
  const evse = ctx.station.evse(req.connectorId);
  if (!evse) return { status: 'NotSupported' };
  return { status: await evse.unlock() };
}
