// GENERATED from profiles/ocpp201/schemas/CustomerInformationRequest.json and CustomerInformationResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CertificateHashDataType, CustomDataType, IdTokenType, StatusInfoType } from './common.js';
export type { AdditionalInfoType, CertificateHashDataType, CustomDataType, HashAlgorithmEnumType, IdTokenEnumType, IdTokenType, StatusInfoType } from './common.js';

export interface CustomerInformationRequest {
  customData?: CustomDataType;
  customerCertificate?: CertificateHashDataType;
  idToken?: IdTokenType;
  /**
   * The Id of the request.
   *
   *
   */
  requestId: number;
  /**
   * Flag indicating whether the Charging Station should return NotifyCustomerInformationRequest messages containing information about the customer referred to.
   *
   */
  report: boolean;
  /**
   * Flag indicating whether the Charging Station should clear all information about the customer referred to.
   *
   */
  clear: boolean;
  /**
   * A (e.g. vendor specific) identifier of the customer this request refers to. This field contains a custom identifier other than IdToken and Certificate.
   * One of the possible identifiers (customerIdentifier, customerIdToken or customerCertificate) should be in the request message.
   *
   */
  customerIdentifier?: string;
}
/**
 * Indicates whether the request was accepted.
 *
 */
export type CustomerInformationStatusEnumType = "Accepted" | "Rejected" | "Invalid";

export interface CustomerInformationResponse {
  customData?: CustomDataType;
  status: CustomerInformationStatusEnumType;
  statusInfo?: StatusInfoType;
}