/** The answers the K handlers share: Rejected with statusInfo, and the CALLERROR while SmartChargingCtrlr is disabled. */
import { OcppCallError } from '../../../agent/ocpp/errors.js';
import type { TxHandlerContext } from '../transactions/context.js';
import { smartChargingEnabled } from './limits.js';

/** StatusInfoType.additionalInfo's maxLength. */
const MAX_INFO = 512;

export function statusInfo(reasonCode: string, additionalInfo: string): { reasonCode: string; additionalInfo: string } {
  return { reasonCode, additionalInfo: additionalInfo.length > MAX_INFO ? `${additionalInfo.slice(0, MAX_INFO - 1)}…` : additionalInfo };
}

export function rejected(ctx: TxHandlerContext, action: string, id: number | undefined, reasonCode: string, why: string): { status: 'Rejected'; statusInfo: { reasonCode: string; additionalInfo: string } } {
  ctx.log.info({ action, id, reasonCode }, `${action} rejected: ${why}`);
  return { status: 'Rejected', statusInfo: statusInfo(reasonCode, why) };
}

/** K01.FR.29: a station that does not do smart charging answers NotSupported; SmartChargingCtrlr.Enabled false is that. */
export function requireEnabled(ctx: TxHandlerContext, action: string): void {
  if (!smartChargingEnabled(ctx.model)) throw new OcppCallError('NotSupported', `${action}: smart charging is disabled (SmartChargingCtrlr.Enabled is false)`);
}
