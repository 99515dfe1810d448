// GENERATED from profiles/ocpp201/schemas/GetReportRequest.json and GetReportResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { ComponentVariableType, CustomDataType, GenericDeviceModelStatusEnumType, StatusInfoType } from './common.js';
export type { ComponentType, ComponentVariableType, CustomDataType, EVSEType, GenericDeviceModelStatusEnumType, StatusInfoType, VariableType } from './common.js';

export type ComponentCriterionEnumType = "Active" | "Available" | "Enabled" | "Problem";

export interface GetReportRequest {
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
   * This field contains criteria for components for which a report is requested
   *
   *
   * @minItems 1
   * @maxItems 4
   */
  componentCriteria?:
    | [ComponentCriterionEnumType]
    | [ComponentCriterionEnumType, ComponentCriterionEnumType]
    | [ComponentCriterionEnumType, ComponentCriterionEnumType, ComponentCriterionEnumType]
    | [ComponentCriterionEnumType, ComponentCriterionEnumType, ComponentCriterionEnumType, ComponentCriterionEnumType];
}
export interface GetReportResponse {
  customData?: CustomDataType;
  status: GenericDeviceModelStatusEnumType;
  statusInfo?: StatusInfoType;
}