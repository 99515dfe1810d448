// GENERATED from profiles/ocpp201/schemas/SecurityEventNotificationRequest.json and SecurityEventNotificationResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType } from './common.js';
export type { CustomDataType } from './common.js';

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
export interface SecurityEventNotificationResponse {
  customData?: CustomDataType;
}