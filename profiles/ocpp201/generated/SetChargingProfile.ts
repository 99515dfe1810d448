// GENERATED from profiles/ocpp201/schemas/SetChargingProfileRequest.json and SetChargingProfileResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { ChargingProfileType, CustomDataType, StatusInfoType } from './common.js';
export type { ChargingProfileKindEnumType, ChargingProfilePurposeEnumType, ChargingProfileType, ChargingRateUnitEnumType, ChargingSchedulePeriodType, ChargingScheduleType, ConsumptionCostType, CostKindEnumType, CostType, CustomDataType, RecurrencyKindEnumType, RelativeTimeIntervalType, SalesTariffEntryType, SalesTariffType, StatusInfoType } from './common.js';

export interface SetChargingProfileRequest {
  customData?: CustomDataType;
  /**
   * For TxDefaultProfile an evseId=0 applies the profile to each individual evse. For ChargingStationMaxProfile and ChargingStationExternalConstraints an evseId=0 contains an overal limit for the whole Charging Station.
   *
   */
  evseId: number;
  chargingProfile: ChargingProfileType;
}
/**
 * Returns whether the Charging Station has been able to process the message successfully. This does not guarantee the schedule will be followed to the letter. There might be other constraints the Charging Station may need to take into account.
 *
 */
export type ChargingProfileStatusEnumType = "Accepted" | "Rejected";

export interface SetChargingProfileResponse {
  customData?: CustomDataType;
  status: ChargingProfileStatusEnumType;
  statusInfo?: StatusInfoType;
}