// GENERATED from profiles/ocpp201/schemas/HeartbeatRequest.json and HeartbeatResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType } from './common.js';
export type { CustomDataType } from './common.js';

export interface HeartbeatRequest {
  customData?: CustomDataType;
}
export interface HeartbeatResponse {
  customData?: CustomDataType;
  /**
   * Contains the current time of the CSMS.
   *
   */
  currentTime: string;
}