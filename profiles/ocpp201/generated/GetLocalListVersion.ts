// GENERATED from profiles/ocpp201/schemas/GetLocalListVersionRequest.json and GetLocalListVersionResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface GetLocalListVersionRequest {
  customData?: CustomDataType;
}
/**
 * This class does not get 'AdditionalProperties = false' in the schema generation, so it can be extended with arbitrary JSON properties to allow adding custom data.
 */
export interface CustomDataType {
  vendorId: string;
}

export interface GetLocalListVersionResponse {
  customData?: CustomDataType;
  /**
   * This contains the current version number of the local authorization list in the Charging Station.
   *
   */
  versionNumber: number;
}