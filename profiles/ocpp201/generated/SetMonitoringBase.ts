// GENERATED from profiles/ocpp201/schemas/SetMonitoringBaseRequest.json and SetMonitoringBaseResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType, GenericDeviceModelStatusEnumType, StatusInfoType } from './common.js';
export type { CustomDataType, GenericDeviceModelStatusEnumType, StatusInfoType } from './common.js';

/**
 * Specify which monitoring base will be set
 *
 */
export type MonitoringBaseEnumType = "All" | "FactoryDefault" | "HardWiredOnly";

export interface SetMonitoringBaseRequest {
  customData?: CustomDataType;
  monitoringBase: MonitoringBaseEnumType;
}
export interface SetMonitoringBaseResponse {
  customData?: CustomDataType;
  status: GenericDeviceModelStatusEnumType;
  statusInfo?: StatusInfoType;
}