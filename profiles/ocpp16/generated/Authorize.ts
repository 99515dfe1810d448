// GENERATED from profiles/ocpp16/schemas/Authorize.json and AuthorizeResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface AuthorizeRequest {
  idTag: string;
}

export interface AuthorizeResponse {
  idTagInfo: {
    expiryDate?: string;
    parentIdTag?: string;
    status: "Accepted" | "Blocked" | "Expired" | "Invalid" | "ConcurrentTx";
  };
}
