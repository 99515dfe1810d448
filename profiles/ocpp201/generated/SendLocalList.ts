// GENERATED from profiles/ocpp201/schemas/SendLocalListRequest.json and SendLocalListResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType, IdTokenInfoType, IdTokenType, StatusInfoType } from './common.js';
export type { AdditionalInfoType, AuthorizationStatusEnumType, CustomDataType, IdTokenEnumType, IdTokenInfoType, IdTokenType, MessageContentType, MessageFormatEnumType, StatusInfoType } from './common.js';

/**
 * This contains the type of update (full or differential) of this request.
 *
 */
export type UpdateEnumType = "Differential" | "Full";

export interface SendLocalListRequest {
  customData?: CustomDataType;
  /**
   * @minItems 1
   */
  localAuthorizationList?: [AuthorizationData, ...AuthorizationData[]];
  /**
   * In case of a full update this is the version number of the full list. In case of a differential update it is the version number of the list after the update has been applied.
   *
   */
  versionNumber: number;
  updateType: UpdateEnumType;
}
/**
 * Contains the identifier to use for authorization.
 *
 */
export interface AuthorizationData {
  customData?: CustomDataType;
  idToken: IdTokenType;
  idTokenInfo?: IdTokenInfoType;
}
/**
 * This indicates whether the Charging Station has successfully received and applied the update of the Local Authorization List.
 *
 */
export type SendLocalListStatusEnumType = "Accepted" | "Failed" | "VersionMismatch";

export interface SendLocalListResponse {
  customData?: CustomDataType;
  status: SendLocalListStatusEnumType;
  statusInfo?: StatusInfoType;
}