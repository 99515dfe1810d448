// GENERATED from profiles/ocpp201/schemas/HeartbeatRequest.json and HeartbeatResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface HeartbeatRequest {
  customData?: CustomDataType;
}
/**
 * This class does not get 'AdditionalProperties = false' in the schema generation, so it can be extended with arbitrary JSON properties to allow adding custom data.
 */
export interface CustomDataType {
  vendorId: string;
}

export interface HeartbeatResponse {
  customData?: CustomDataType;
  /**
   * Contains the current time of the CSMS.
   *
   */
  currentTime: string;
}