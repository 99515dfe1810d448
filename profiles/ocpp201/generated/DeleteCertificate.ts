// GENERATED from profiles/ocpp201/schemas/DeleteCertificateRequest.json and DeleteCertificateResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CertificateHashDataType, CustomDataType, StatusInfoType } from './common.js';
export type { CertificateHashDataType, CustomDataType, HashAlgorithmEnumType, StatusInfoType } from './common.js';

export interface DeleteCertificateRequest {
  customData?: CustomDataType;
  certificateHashData: CertificateHashDataType;
}
/**
 * Charging Station indicates if it can process the request.
 *
 */
export type DeleteCertificateStatusEnumType = "Accepted" | "Failed" | "NotFound";

export interface DeleteCertificateResponse {
  customData?: CustomDataType;
  status: DeleteCertificateStatusEnumType;
  statusInfo?: StatusInfoType;
}