// GENERATED from profiles/ocpp16/schemas/GetConfiguration.json and GetConfigurationResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface GetConfigurationRequest {
  key?: string[];
}

export interface GetConfigurationResponse {
  configurationKey?: {
    key: string;
    readonly: boolean;
    value?: string;
  }[];
  unknownKey?: string[];
}
