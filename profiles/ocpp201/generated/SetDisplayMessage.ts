// GENERATED from profiles/ocpp201/schemas/SetDisplayMessageRequest.json and SetDisplayMessageResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType, MessageInfoType, StatusInfoType } from './common.js';
export type { ComponentType, CustomDataType, EVSEType, MessageContentType, MessageFormatEnumType, MessageInfoType, MessagePriorityEnumType, MessageStateEnumType, StatusInfoType } from './common.js';

export interface SetDisplayMessageRequest {
  customData?: CustomDataType;
  message: MessageInfoType;
}
/**
 * This indicates whether the Charging Station is able to display the message.
 *
 */
export type DisplayMessageStatusEnumType =
  | "Accepted"
  | "NotSupportedMessageFormat"
  | "Rejected"
  | "NotSupportedPriority"
  | "NotSupportedState"
  | "UnknownTransaction";

export interface SetDisplayMessageResponse {
  customData?: CustomDataType;
  status: DisplayMessageStatusEnumType;
  statusInfo?: StatusInfoType;
}