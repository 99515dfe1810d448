// GENERATED from profiles/ocpp16/schemas/RemoteStopTransaction.json and RemoteStopTransactionResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface RemoteStopTransactionRequest {
  transactionId: number;
}

export interface RemoteStopTransactionResponse {
  status: "Accepted" | "Rejected";
}
