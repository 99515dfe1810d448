// GENERATED from profiles/ocpp16/schemas/GetDiagnostics.json and GetDiagnosticsResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface GetDiagnosticsRequest {
  location: string;
  retries?: number;
  retryInterval?: number;
  startTime?: string;
  stopTime?: string;
}

export interface GetDiagnosticsResponse {
  fileName?: string;
}
