// GENERATED from profiles/ocpp201/schemas/ClearVariableMonitoringRequest.json and ClearVariableMonitoringResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType, StatusInfoType } from './common.js';
export type { CustomDataType, StatusInfoType } from './common.js';

export interface ClearVariableMonitoringRequest {
  customData?: CustomDataType;
  /**
   * List of the monitors to be cleared, identified by there Id.
   *
   *
   * @minItems 1
   */
  id: [number, ...number[]];
}
/**
 * Result of the clear request for this monitor, identified by its Id.
 *
 *
 */
export type ClearMonitoringStatusEnumType = "Accepted" | "Rejected" | "NotFound";

export interface ClearVariableMonitoringResponse {
  customData?: CustomDataType;
  /**
   * @minItems 1
   */
  clearMonitoringResult: [ClearMonitoringResultType, ...ClearMonitoringResultType[]];
}
export interface ClearMonitoringResultType {
  customData?: CustomDataType;
  status: ClearMonitoringStatusEnumType;
  /**
   * Id of the monitor of which a clear was requested.
   *
   *
   */
  id: number;
  statusInfo?: StatusInfoType;
}