/**
 * A fault of an EVSE as NotifyEvent eventData. The device model's variable for it is EVSE.Problem (appendix
 * <generic> Problem: "includes Fault", the variable B07's SummaryInventory reports for components in an abnormal
 * state): actualValue is the EVSE's Problem after the change, the fault's error code is techCode and its text
 * techInfo. No monitor is involved, so the notification is HardWiredNotification with trigger Delta (a change of
 * a non-numeric variable, N07.FR.19); a fault that clears is reported with cleared true (N07.FR.02: a return to
 * normal), its actualValue false unless another fault of the EVSE remains.
 */
import type { EvseFault } from '../../../agent/station/types.js';
import type { EventDataType } from '../generated/NotifyEvent.js';

/** EventDataType.techCode is string[0..50], techInfo string[0..500]. */
const TECH_CODE_MAX = 50;
const TECH_INFO_MAX = 500;

export interface FaultChange {
  evseId: number;
  fault: EvseFault;
  active: boolean;
  /** Whether the EVSE has a fault after this change (any source). */
  problem: boolean;
  timestamp: string;
  transactionId?: string;
}

export function faultEventData(c: FaultChange, eventId: number): EventDataType {
  return {
    eventId,
    timestamp: c.timestamp,
    trigger: 'Delta',
    actualValue: String(c.problem),
    techCode: c.fault.errorCode.slice(0, TECH_CODE_MAX),
    techInfo: `${c.fault.source}: ${c.fault.info}`.slice(0, TECH_INFO_MAX),
    ...(c.active ? {} : { cleared: true }),
    ...(c.transactionId !== undefined ? { transactionId: c.transactionId } : {}),
    component: { name: 'EVSE', evse: { id: c.evseId } },
    variable: { name: 'Problem' },
    eventNotificationType: 'HardWiredNotification',
  };
}
