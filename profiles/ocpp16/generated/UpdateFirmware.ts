// GENERATED from profiles/ocpp16/schemas/UpdateFirmware.json and UpdateFirmwareResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface UpdateFirmwareRequest {
  location: string;
  retries?: number;
  retrieveDate: string;
  retryInterval?: number;
}

export interface UpdateFirmwareResponse {}
