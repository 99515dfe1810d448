// GENERATED from profiles/ocpp201/schemas/ClearedChargingLimitRequest.json and ClearedChargingLimitResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

/**
 * Source of the charging limit.
 *
 */
export type ChargingLimitSourceEnumType = "EMS" | "Other" | "SO" | "CSO";

export interface ClearedChargingLimitRequest {
  customData?: CustomDataType;
  chargingLimitSource: ChargingLimitSourceEnumType;
  /**
   * EVSE Identifier.
   *
   */
  evseId?: number;
}
/**
 * This class does not get 'AdditionalProperties = false' in the schema generation, so it can be extended with arbitrary JSON properties to allow adding custom data.
 */
export interface CustomDataType {
  vendorId: string;
}

export interface ClearedChargingLimitResponse {
  customData?: CustomDataType;
}