// GENERATED from profiles/ocpp201/schemas/GetBaseReportRequest.json and GetBaseReportResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType, GenericDeviceModelStatusEnumType, StatusInfoType } from './common.js';
export type { CustomDataType, GenericDeviceModelStatusEnumType, StatusInfoType } from './common.js';

/**
 * This field specifies the report base.
 *
 */
export type ReportBaseEnumType = "ConfigurationInventory" | "FullInventory" | "SummaryInventory";

export interface GetBaseReportRequest {
  customData?: CustomDataType;
  /**
   * The Id of the request.
   *
   */
  requestId: number;
  reportBase: ReportBaseEnumType;
}
export interface GetBaseReportResponse {
  customData?: CustomDataType;
  status: GenericDeviceModelStatusEnumType;
  statusInfo?: StatusInfoType;
}