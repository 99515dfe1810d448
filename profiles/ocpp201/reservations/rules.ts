/**
 * What 2.0.1 makes of the station's reservations (agent/station/reservation-rules.ts): the EVSEs a reservation
 * without EVSE needs show Reserved (H01.FR.20 / FR.24), it ends when Faulted / Unavailable EVSEs leave too few for
 * it (H01.FR.16 / FR.17), a card matching it consumes it (H03.FR.09), and a connector type is the device model's
 * Connector.ConnectorType of the EVSE.
 */
import type { ReservationRules } from '../../../agent/station/reservation-rules.js';
import type { DeviceModel } from '../device-model/device-model.js';
import { CONNECTOR_ID } from '../station-model.js';

export function connectorTypeOf(model: DeviceModel, evseId: number): string | undefined {
  return model.value({ component: 'Connector', evseId, connectorId: CONNECTOR_ID, variable: 'ConnectorType' });
}

/** ReservationCtrlr.Enabled / NonEvseSpecific (absent counts as false: H01.FR.19 "not set or set to false"). */
export function reservationFlag(model: DeviceModel, variable: 'Enabled' | 'NonEvseSpecific'): boolean {
  return model.value({ component: 'ReservationCtrlr', variable }) === 'true';
}

export function rules201(model: DeviceModel): ReservationRules {
  return { showNeeded: true, endUnkeepable: true, consumeOnMatch: true, connectorType: (evseId) => connectorTypeOf(model, evseId) };
}
