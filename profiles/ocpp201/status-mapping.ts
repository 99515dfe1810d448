/**
 * The core's EVSE status (the nine 1.6-rich values) as 2.0.1's ConnectorStatusEnumType (part 2 G01). 2.0.1 moves
 * "is a car there and is it charging" out of the connector status into TransactionEvent's chargingState, so
 * every state with a cable plugged in is Occupied. Errors are not part of a 2.0.1 StatusNotification: they are
 * NotifyEvent reports (not implemented yet), so the profile only logs them.
 */
import type { EvseErrorCode, EvseStatus } from '../../agent/station/types.js';
import type { ConnectorStatusEnumType } from './generated/StatusNotification.js';

export const CONNECTOR_STATUS: Readonly<Record<EvseStatus, ConnectorStatusEnumType>> = {
  Available: 'Available',
  Preparing: 'Occupied',
  Charging: 'Occupied',
  SuspendedEVSE: 'Occupied',
  SuspendedEV: 'Occupied',
  Finishing: 'Occupied',
  Reserved: 'Reserved',
  Unavailable: 'Unavailable',
  Faulted: 'Faulted',
};

export function connectorStatus(status: EvseStatus): ConnectorStatusEnumType {
  return CONNECTOR_STATUS[status];
}

/** An error code a 2.0.1 StatusNotification cannot carry (even Faulted does not say which): a NotifyEvent's job. */
export function unreportedError(errorCode: EvseErrorCode): boolean {
  return errorCode !== 'NoError';
}
