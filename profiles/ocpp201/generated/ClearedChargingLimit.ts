// GENERATED from profiles/ocpp201/schemas/ClearedChargingLimitRequest.json and ClearedChargingLimitResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { ChargingLimitSourceEnumType, CustomDataType } from './common.js';
export type { ChargingLimitSourceEnumType, CustomDataType } from './common.js';

export interface ClearedChargingLimitRequest {
  customData?: CustomDataType;
  chargingLimitSource: ChargingLimitSourceEnumType;
  /**
   * EVSE Identifier.
   *
   */
  evseId?: number;
}
export interface ClearedChargingLimitResponse {
  customData?: CustomDataType;
}