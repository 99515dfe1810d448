// GENERATED from profiles/ocpp201/schemas/TriggerMessageRequest.json and TriggerMessageResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType, EVSEType, StatusInfoType } from './common.js';
export type { CustomDataType, EVSEType, StatusInfoType } from './common.js';

/**
 * Type of message to be triggered.
 *
 */
export type MessageTriggerEnumType =
  | "BootNotification"
  | "LogStatusNotification"
  | "FirmwareStatusNotification"
  | "Heartbeat"
  | "MeterValues"
  | "SignChargingStationCertificate"
  | "SignV2GCertificate"
  | "StatusNotification"
  | "TransactionEvent"
  | "SignCombinedCertificate"
  | "PublishFirmwareStatusNotification";

export interface TriggerMessageRequest {
  customData?: CustomDataType;
  evse?: EVSEType;
  requestedMessage: MessageTriggerEnumType;
}
/**
 * Indicates whether the Charging Station will send the requested notification or not.
 *
 */
export type TriggerMessageStatusEnumType = "Accepted" | "Rejected" | "NotImplemented";

export interface TriggerMessageResponse {
  customData?: CustomDataType;
  status: TriggerMessageStatusEnumType;
  statusInfo?: StatusInfoType;
}