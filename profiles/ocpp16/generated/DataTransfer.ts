// GENERATED from profiles/ocpp16/schemas/DataTransfer.json and DataTransferResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface DataTransferRequest {
  vendorId: string;
  messageId?: string;
  data?: string;
}

export interface DataTransferResponse {
  status: "Accepted" | "Rejected" | "UnknownMessageId" | "UnknownVendorId";
  data?: string;
}
