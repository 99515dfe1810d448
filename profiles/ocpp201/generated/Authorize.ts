// GENERATED from profiles/ocpp201/schemas/AuthorizeRequest.json and AuthorizeResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType, IdTokenInfoType, IdTokenType, OCSPRequestDataType } from './common.js';
export type { AdditionalInfoType, AuthorizationStatusEnumType, CustomDataType, HashAlgorithmEnumType, IdTokenEnumType, IdTokenInfoType, IdTokenType, MessageContentType, MessageFormatEnumType, OCSPRequestDataType } from './common.js';

export interface AuthorizeRequest {
  customData?: CustomDataType;
  idToken: IdTokenType;
  /**
   * The X.509 certificated presented by EV and encoded in PEM format.
   *
   */
  certificate?: string;
  /**
   * @minItems 1
   * @maxItems 4
   */
  iso15118CertificateHashData?:
    | [OCSPRequestDataType]
    | [OCSPRequestDataType, OCSPRequestDataType]
    | [OCSPRequestDataType, OCSPRequestDataType, OCSPRequestDataType]
    | [OCSPRequestDataType, OCSPRequestDataType, OCSPRequestDataType, OCSPRequestDataType];
}
/**
 * Certificate status information.
 * - if all certificates are valid: return 'Accepted'.
 * - if one of the certificates was revoked, return 'CertificateRevoked'.
 *
 */
export type AuthorizeCertificateStatusEnumType =
  | "Accepted"
  | "SignatureError"
  | "CertificateExpired"
  | "CertificateRevoked"
  | "NoCertificateAvailable"
  | "CertChainError"
  | "ContractCancelled";

export interface AuthorizeResponse {
  customData?: CustomDataType;
  idTokenInfo: IdTokenInfoType;
  certificateStatus?: AuthorizeCertificateStatusEnumType;
}