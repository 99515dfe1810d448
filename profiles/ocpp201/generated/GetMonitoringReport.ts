// GENERATED from profiles/ocpp201/schemas/GetMonitoringReportRequest.json and GetMonitoringReportResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { ComponentVariableType, CustomDataType, GenericDeviceModelStatusEnumType, StatusInfoType } from './common.js';
export type { ComponentType, ComponentVariableType, CustomDataType, EVSEType, GenericDeviceModelStatusEnumType, StatusInfoType, VariableType } from './common.js';

export type MonitoringCriterionEnumType = "ThresholdMonitoring" | "DeltaMonitoring" | "PeriodicMonitoring";

export interface GetMonitoringReportRequest {
  customData?: CustomDataType;
  /**
   * @minItems 1
   */
  componentVariable?: [ComponentVariableType, ...ComponentVariableType[]];
  /**
   * The Id of the request.
   *
   */
  requestId: number;
  /**
   * This field contains criteria for components for which a monitoring report is requested
   *
   *
   * @minItems 1
   * @maxItems 3
   */
  monitoringCriteria?:
    | [MonitoringCriterionEnumType]
    | [MonitoringCriterionEnumType, MonitoringCriterionEnumType]
    | [MonitoringCriterionEnumType, MonitoringCriterionEnumType, MonitoringCriterionEnumType];
}
export interface GetMonitoringReportResponse {
  customData?: CustomDataType;
  status: GenericDeviceModelStatusEnumType;
  statusInfo?: StatusInfoType;
}