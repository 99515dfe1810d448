/** The 2.0.1 Smart Charging handlers (K01, K05 via transactions/request-start.ts, K08-K10, K11-K13 notifications). */
import type { TxHandler } from '../transactions/context.js';
import { clearChargingProfile } from './clear-charging-profile.js';
import { getChargingProfiles } from './get-charging-profiles.js';
import { getCompositeSchedule } from './get-composite-schedule.js';
import { setChargingProfile } from './set-charging-profile.js';

export { watchExternalLimits } from './external-limits.js';
export { remoteStartProfile, startWithProfile } from './remote-start-profile.js';

export const SMART_CHARGING_HANDLERS: Readonly<Record<string, TxHandler>> = {
  SetChargingProfile: setChargingProfile,
  ClearChargingProfile: clearChargingProfile,
  GetChargingProfiles: getChargingProfiles,
  GetCompositeSchedule: getCompositeSchedule,
};
