// GENERATED from profiles/ocpp16/schemas/ClearCache.json and ClearCacheResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface ClearCacheRequest {}

export interface ClearCacheResponse {
  status: "Accepted" | "Rejected";
}
