// GENERATED from profiles/ocpp16/schemas/Heartbeat.json and HeartbeatResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface HeartbeatRequest {}

export interface HeartbeatResponse {
  currentTime: string;
}
