/** TriggerMessage (F06) for the messages this profile sends: BootNotification, Heartbeat, StatusNotification. */
import type { Ocpp201Context } from '../context.js';
import type { TriggerMessageRequest, TriggerMessageResponse } from '../generated/TriggerMessage.js';

export async function triggerMessage(ctx: Ocpp201Context, req: TriggerMessageRequest): Promise<TriggerMessageResponse> {
  const status = ctx.trigger(req.requestedMessage, req.evse);
  return { status };
}
