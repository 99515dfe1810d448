// GENERATED from profiles/ocpp201/schemas/NotifyEVChargingScheduleRequest.json and NotifyEVChargingScheduleResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { ChargingScheduleType, CustomDataType, GenericStatusEnumType, StatusInfoType } from './common.js';
export type { ChargingRateUnitEnumType, ChargingSchedulePeriodType, ChargingScheduleType, ConsumptionCostType, CostKindEnumType, CostType, CustomDataType, GenericStatusEnumType, RelativeTimeIntervalType, SalesTariffEntryType, SalesTariffType, StatusInfoType } from './common.js';

export interface NotifyEVChargingScheduleRequest {
  customData?: CustomDataType;
  /**
   * Periods contained in the charging profile are relative to this point in time.
   *
   */
  timeBase: string;
  chargingSchedule: ChargingScheduleType;
  /**
   * The charging schedule contained in this notification applies to an EVSE. EvseId must be &gt; 0.
   *
   */
  evseId: number;
}
export interface NotifyEVChargingScheduleResponse {
  customData?: CustomDataType;
  status: GenericStatusEnumType;
  statusInfo?: StatusInfoType;
}