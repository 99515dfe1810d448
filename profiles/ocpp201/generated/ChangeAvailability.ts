// GENERATED from profiles/ocpp201/schemas/ChangeAvailabilityRequest.json and ChangeAvailabilityResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType, EVSEType, StatusInfoType } from './common.js';
export type { CustomDataType, EVSEType, StatusInfoType } from './common.js';

/**
 * This contains the type of availability change that the Charging Station should perform.
 *
 *
 */
export type OperationalStatusEnumType = "Inoperative" | "Operative";

export interface ChangeAvailabilityRequest {
  customData?: CustomDataType;
  evse?: EVSEType;
  operationalStatus: OperationalStatusEnumType;
}
/**
 * This indicates whether the Charging Station is able to perform the availability change.
 *
 */
export type ChangeAvailabilityStatusEnumType = "Accepted" | "Rejected" | "Scheduled";

export interface ChangeAvailabilityResponse {
  customData?: CustomDataType;
  status: ChangeAvailabilityStatusEnumType;
  statusInfo?: StatusInfoType;
}