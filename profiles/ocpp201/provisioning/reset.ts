/**
 * Reset (B11, B12). Of the whole station: Immediate and OnIdle both reboot (the next BootNotification says
 * RemoteReset). With evseId: that EVSE alone (reset-evse.ts), EVSE.AllowReset being true; an unknown EVSE is
 * Rejected (UnknownEvse), and so is one whose AllowReset is not true (B11.FR.09, B12.FR.09).
 */
import type { Ocpp201Context } from '../context.js';
import type { ResetRequest, ResetResponse } from '../generated/Reset.js';
import { resetEvse } from './reset-evse.js';

export async function reset(ctx: Ocpp201Context, req: ResetRequest): Promise<ResetResponse> {
  if (req.evseId !== undefined) {
    const allowed = ctx.model.value({ component: 'EVSE', evseId: req.evseId, variable: 'AllowReset' });
    const evse = ctx.station.evse(req.evseId);
    if (allowed === undefined || !evse) return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse', additionalInfo: `no EVSE ${req.evseId}` } };
    if (allowed !== 'true') return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedRequest', additionalInfo: 'resetting this EVSE is not allowed (EVSE.AllowReset false)' } };
    return { status: resetEvse(ctx, evse, req.type) };
  }
  return { status: ctx.scheduleReset(req.type, 'RemoteReset') };
}
