/**
 * Reset (B11, B12) of the whole station: Immediate and OnIdle both reboot (the next BootNotification says
 * RemoteReset). Resetting one EVSE alone is not something the core can do, so EVSE.AllowReset is false and a
 * Reset with evseId is Rejected (B11.FR.09).
 */
import type { Ocpp201Context } from '../context.js';
import type { ResetRequest, ResetResponse } from '../generated/Reset.js';

export async function reset(ctx: Ocpp201Context, req: ResetRequest): Promise<ResetResponse> {
  if (req.evseId !== undefined) {
    const allowed = ctx.model.value({ component: 'EVSE', evseId: req.evseId, variable: 'AllowReset' });
    if (allowed === undefined) return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse', additionalInfo: `no EVSE ${req.evseId}` } };
    if (allowed !== 'true') return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedRequest', additionalInfo: 'resetting one EVSE is not supported (EVSE.AllowReset false)' } };
  }
  return { status: ctx.scheduleReset(req.type, 'RemoteReset') };
}
