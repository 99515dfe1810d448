// GENERATED from profiles/ocpp201/schemas/ReportChargingProfilesRequest.json and ReportChargingProfilesResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { ChargingLimitSourceEnumType, ChargingProfileType, CustomDataType } from './common.js';
export type { ChargingLimitSourceEnumType, ChargingProfileKindEnumType, ChargingProfilePurposeEnumType, ChargingProfileType, ChargingRateUnitEnumType, ChargingSchedulePeriodType, ChargingScheduleType, ConsumptionCostType, CostKindEnumType, CostType, CustomDataType, RecurrencyKindEnumType, RelativeTimeIntervalType, SalesTariffEntryType, SalesTariffType } from './common.js';

export interface ReportChargingProfilesRequest {
  customData?: CustomDataType;
  /**
   * Id used to match the &lt;&lt;getchargingprofilesrequest, GetChargingProfilesRequest&gt;&gt; message with the resulting ReportChargingProfilesRequest messages. When the CSMS provided a requestId in the &lt;&lt;getchargingprofilesrequest, GetChargingProfilesRequest&gt;&gt;, this field SHALL contain the same value.
   *
   */
  requestId: number;
  chargingLimitSource: ChargingLimitSourceEnumType;
  /**
   * @minItems 1
   */
  chargingProfile: [ChargingProfileType, ...ChargingProfileType[]];
  /**
   * To Be Continued. Default value when omitted: false. false indicates that there are no further messages as part of this report.
   *
   */
  tbc?: boolean;
  /**
   * The evse to which the charging profile applies. If evseId = 0, the message contains an overall limit for the Charging Station.
   *
   */
  evseId: number;
}
export interface ReportChargingProfilesResponse {
  customData?: CustomDataType;
}