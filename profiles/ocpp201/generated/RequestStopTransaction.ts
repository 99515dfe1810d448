// GENERATED from profiles/ocpp201/schemas/RequestStopTransactionRequest.json and RequestStopTransactionResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType, RequestStartStopStatusEnumType, StatusInfoType } from './common.js';
export type { CustomDataType, RequestStartStopStatusEnumType, StatusInfoType } from './common.js';

export interface RequestStopTransactionRequest {
  customData?: CustomDataType;
  /**
   * The identifier of the transaction which the Charging Station is requested to stop.
   *
   */
  transactionId: string;
}
export interface RequestStopTransactionResponse {
  customData?: CustomDataType;
  status: RequestStartStopStatusEnumType;
  statusInfo?: StatusInfoType;
}