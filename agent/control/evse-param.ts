/**
 * The `evse` parameter of a control method, checked the same way by every handler set (station, simulated HAL,
 * Linux board), so a technician gets the same words for the same mistake whichever method they called.
 */
import { ControlError, type ControlParams } from './protocol.js';

export interface EvseParamRule {
  /** The EVSE numbers that exist (the station's, or the board's). */
  ids: () => readonly number[];
  /** 0 names the station as a whole (ChangeAvailability's connector 0). */
  station?: boolean;
  /** Absent means "all of them": the handler gets undefined. */
  optional?: boolean;
}

export function evseParam(p: ControlParams, rule: EvseParamRule & { optional: true }): number | undefined;
export function evseParam(p: ControlParams, rule: EvseParamRule): number;
export function evseParam(p: ControlParams, rule: EvseParamRule): number | undefined {
  const n = p.evse;
  if (n === undefined && rule.optional) return undefined;
  const lowest = rule.station ? 0 : 1;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < lowest) {
    throw new ControlError('BAD_PARAMS', rule.station ? 'evse must be 0 (the station) or an EVSE number' : 'evse must be a positive integer');
  }
  if (n === 0) return n;
  const ids = rule.ids();
  if (!ids.includes(n)) throw new ControlError('NOT_FOUND', `no EVSE ${n} (this station has ${ids.length === 1 ? 'EVSE 1' : ids.length === 0 ? 'none' : `EVSEs ${ids.join(', ')}`})`);
  return n;
}
