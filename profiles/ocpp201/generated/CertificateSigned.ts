// GENERATED from profiles/ocpp201/schemas/CertificateSignedRequest.json and CertificateSignedResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CertificateSigningUseEnumType, CustomDataType, StatusInfoType } from './common.js';
export type { CertificateSigningUseEnumType, CustomDataType, StatusInfoType } from './common.js';

export interface CertificateSignedRequest {
  customData?: CustomDataType;
  /**
   * The signed PEM encoded X.509 certificate. This can also contain the necessary sub CA certificates. In that case, the order of the bundle should follow the certificate chain, starting from the leaf certificate.
   *
   * The Configuration Variable &lt;&lt;configkey-max-certificate-chain-size,MaxCertificateChainSize&gt;&gt; can be used to limit the maximum size of this field.
   *
   */
  certificateChain: string;
  certificateType?: CertificateSigningUseEnumType;
}
/**
 * Returns whether certificate signing has been accepted, otherwise rejected.
 *
 */
export type CertificateSignedStatusEnumType = "Accepted" | "Rejected";

export interface CertificateSignedResponse {
  customData?: CustomDataType;
  status: CertificateSignedStatusEnumType;
  statusInfo?: StatusInfoType;
}