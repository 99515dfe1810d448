// GENERATED from profiles/ocpp201/schemas/NotifyChargingLimitRequest.json and NotifyChargingLimitResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { ChargingLimitSourceEnumType, ChargingScheduleType, CustomDataType } from './common.js';
export type { ChargingLimitSourceEnumType, ChargingRateUnitEnumType, ChargingSchedulePeriodType, ChargingScheduleType, ConsumptionCostType, CostKindEnumType, CostType, CustomDataType, RelativeTimeIntervalType, SalesTariffEntryType, SalesTariffType } from './common.js';

export interface NotifyChargingLimitRequest {
  customData?: CustomDataType;
  /**
   * @minItems 1
   */
  chargingSchedule?: [ChargingScheduleType, ...ChargingScheduleType[]];
  /**
   * The charging schedule contained in this notification applies to an EVSE. evseId must be &gt; 0.
   *
   */
  evseId?: number;
  chargingLimit: ChargingLimitType;
}
/**
 * Charging_ Limit
 * urn:x-enexis:ecdm:uid:2:234489
 *
 */
export interface ChargingLimitType {
  customData?: CustomDataType;
  chargingLimitSource: ChargingLimitSourceEnumType;
  /**
   * Charging_ Limit. Is_ Grid_ Critical. Indicator
   * urn:x-enexis:ecdm:uid:1:570847
   * Indicates whether the charging limit is critical for the grid.
   *
   */
  isGridCritical?: boolean;
}

export interface NotifyChargingLimitResponse {
  customData?: CustomDataType;
}