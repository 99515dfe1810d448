// GENERATED from profiles/ocpp201/schemas/GetCertificateStatusRequest.json and GetCertificateStatusResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType, OCSPRequestDataType, StatusInfoType } from './common.js';
export type { CustomDataType, HashAlgorithmEnumType, OCSPRequestDataType, StatusInfoType } from './common.js';

export interface GetCertificateStatusRequest {
  customData?: CustomDataType;
  ocspRequestData: OCSPRequestDataType;
}
/**
 * This indicates whether the charging station was able to retrieve the OCSP certificate status.
 *
 */
export type GetCertificateStatusEnumType = "Accepted" | "Failed";

export interface GetCertificateStatusResponse {
  customData?: CustomDataType;
  status: GetCertificateStatusEnumType;
  statusInfo?: StatusInfoType;
  /**
   * OCSPResponse class as defined in &lt;&lt;ref-ocpp_security_24, IETF RFC 6960&gt;&gt;. DER encoded (as defined in &lt;&lt;ref-ocpp_security_24, IETF RFC 6960&gt;&gt;), and then base64 encoded. MAY only be omitted when status is not Accepted.
   *
   */
  ocspResult?: string;
}