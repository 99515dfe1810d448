// GENERATED from profiles/ocpp201/schemas/InstallCertificateRequest.json and InstallCertificateResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType, StatusInfoType } from './common.js';
export type { CustomDataType, StatusInfoType } from './common.js';

/**
 * Indicates the certificate type that is sent.
 *
 */
export type InstallCertificateUseEnumType =
  "V2GRootCertificate" | "MORootCertificate" | "CSMSRootCertificate" | "ManufacturerRootCertificate";

export interface InstallCertificateRequest {
  customData?: CustomDataType;
  certificateType: InstallCertificateUseEnumType;
  /**
   * A PEM encoded X.509 certificate.
   *
   */
  certificate: string;
}
/**
 * Charging Station indicates if installation was successful.
 *
 */
export type InstallCertificateStatusEnumType = "Accepted" | "Rejected" | "Failed";

export interface InstallCertificateResponse {
  customData?: CustomDataType;
  status: InstallCertificateStatusEnumType;
  statusInfo?: StatusInfoType;
}