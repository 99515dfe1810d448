// GENERATED from profiles/ocpp201/schemas/SignCertificateRequest.json and SignCertificateResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CertificateSigningUseEnumType, CustomDataType, GenericStatusEnumType, StatusInfoType } from './common.js';
export type { CertificateSigningUseEnumType, CustomDataType, GenericStatusEnumType, StatusInfoType } from './common.js';

export interface SignCertificateRequest {
  customData?: CustomDataType;
  /**
   * The Charging Station SHALL send the public key in form of a Certificate Signing Request (CSR) as described in RFC 2986 [22] and then PEM encoded, using the &lt;&lt;signcertificaterequest,SignCertificateRequest&gt;&gt; message.
   *
   */
  csr: string;
  certificateType?: CertificateSigningUseEnumType;
}
export interface SignCertificateResponse {
  customData?: CustomDataType;
  status: GenericStatusEnumType;
  statusInfo?: StatusInfoType;
}