// GENERATED from profiles/ocpp201/schemas/SecurityEventNotificationRequest.json and SecurityEventNotificationResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface SecurityEventNotificationRequest {
  customData?: CustomDataType;
  /**
   * Type of the security event. This value should be taken from the Security events list.
   *
   */
  type: string;
  /**
   * Date and time at which the event occurred.
   *
   */
  timestamp: string;
  /**
   * Additional information about the occurred security event.
   *
   */
  techInfo?: string;
}
/**
 * This class does not get 'AdditionalProperties = false' in the schema generation, so it can be extended with arbitrary JSON properties to allow adding custom data.
 */
export interface CustomDataType {
  vendorId: string;
}

export interface SecurityEventNotificationResponse {
  customData?: CustomDataType;
}