// GENERATED from profiles/ocpp201/schemas/RequestStartTransactionRequest.json and RequestStartTransactionResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { ChargingProfileType, CustomDataType, IdTokenType, RequestStartStopStatusEnumType, StatusInfoType } from './common.js';
export type { AdditionalInfoType, ChargingProfileKindEnumType, ChargingProfilePurposeEnumType, ChargingProfileType, ChargingRateUnitEnumType, ChargingSchedulePeriodType, ChargingScheduleType, ConsumptionCostType, CostKindEnumType, CostType, CustomDataType, IdTokenEnumType, IdTokenType, RecurrencyKindEnumType, RelativeTimeIntervalType, RequestStartStopStatusEnumType, SalesTariffEntryType, SalesTariffType, StatusInfoType } from './common.js';

export interface RequestStartTransactionRequest {
  customData?: CustomDataType;
  /**
   * Number of the EVSE on which to start the transaction. EvseId SHALL be &gt; 0
   *
   */
  evseId?: number;
  groupIdToken?: IdTokenType;
  idToken: IdTokenType;
  /**
   * Id given by the server to this start request. The Charging Station might return this in the &lt;&lt;transactioneventrequest, TransactionEventRequest&gt;&gt;, letting the server know which transaction was started for this request. Use to start a transaction.
   *
   */
  remoteStartId: number;
  chargingProfile?: ChargingProfileType;
}
export interface RequestStartTransactionResponse {
  customData?: CustomDataType;
  status: RequestStartStopStatusEnumType;
  statusInfo?: StatusInfoType;
  /**
   * When the transaction was already started by the Charging Station before the RequestStartTransactionRequest was received, for example: cable plugged in first. This contains the transactionId of the already started transaction.
   *
   */
  transactionId?: string;
}