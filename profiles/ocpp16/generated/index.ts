// GENERATED from profiles/ocpp16/schemas by scripts/gen-ocpp-types.mjs — do not edit.

import type { AuthorizeRequest, AuthorizeResponse } from './Authorize.js';
import type { BootNotificationRequest, BootNotificationResponse } from './BootNotification.js';
import type { CancelReservationRequest, CancelReservationResponse } from './CancelReservation.js';
import type { ChangeAvailabilityRequest, ChangeAvailabilityResponse } from './ChangeAvailability.js';
import type { ChangeConfigurationRequest, ChangeConfigurationResponse } from './ChangeConfiguration.js';
import type { ClearCacheRequest, ClearCacheResponse } from './ClearCache.js';
import type { ClearChargingProfileRequest, ClearChargingProfileResponse } from './ClearChargingProfile.js';
import type { DataTransferRequest, DataTransferResponse } from './DataTransfer.js';
import type { DiagnosticsStatusNotificationRequest, DiagnosticsStatusNotificationResponse } from './DiagnosticsStatusNotification.js';
import type { FirmwareStatusNotificationRequest, FirmwareStatusNotificationResponse } from './FirmwareStatusNotification.js';
import type { GetCompositeScheduleRequest, GetCompositeScheduleResponse } from './GetCompositeSchedule.js';
import type { GetConfigurationRequest, GetConfigurationResponse } from './GetConfiguration.js';
import type { GetDiagnosticsRequest, GetDiagnosticsResponse } from './GetDiagnostics.js';
import type { GetLocalListVersionRequest, GetLocalListVersionResponse } from './GetLocalListVersion.js';
import type { HeartbeatRequest, HeartbeatResponse } from './Heartbeat.js';
import type { MeterValuesRequest, MeterValuesResponse } from './MeterValues.js';
import type { RemoteStartTransactionRequest, RemoteStartTransactionResponse } from './RemoteStartTransaction.js';
import type { RemoteStopTransactionRequest, RemoteStopTransactionResponse } from './RemoteStopTransaction.js';
import type { ReserveNowRequest, ReserveNowResponse } from './ReserveNow.js';
import type { ResetRequest, ResetResponse } from './Reset.js';
import type { SendLocalListRequest, SendLocalListResponse } from './SendLocalList.js';
import type { SetChargingProfileRequest, SetChargingProfileResponse } from './SetChargingProfile.js';
import type { StartTransactionRequest, StartTransactionResponse } from './StartTransaction.js';
import type { StatusNotificationRequest, StatusNotificationResponse } from './StatusNotification.js';
import type { StopTransactionRequest, StopTransactionResponse } from './StopTransaction.js';
import type { TriggerMessageRequest, TriggerMessageResponse } from './TriggerMessage.js';
import type { UnlockConnectorRequest, UnlockConnectorResponse } from './UnlockConnector.js';
import type { UpdateFirmwareRequest, UpdateFirmwareResponse } from './UpdateFirmware.js';
export type { AuthorizeRequest, AuthorizeResponse } from './Authorize.js';
export type { BootNotificationRequest, BootNotificationResponse } from './BootNotification.js';
export type { CancelReservationRequest, CancelReservationResponse } from './CancelReservation.js';
export type { ChangeAvailabilityRequest, ChangeAvailabilityResponse } from './ChangeAvailability.js';
export type { ChangeConfigurationRequest, ChangeConfigurationResponse } from './ChangeConfiguration.js';
export type { ClearCacheRequest, ClearCacheResponse } from './ClearCache.js';
export type { ClearChargingProfileRequest, ClearChargingProfileResponse } from './ClearChargingProfile.js';
export type { DataTransferRequest, DataTransferResponse } from './DataTransfer.js';
export type { DiagnosticsStatusNotificationRequest, DiagnosticsStatusNotificationResponse } from './DiagnosticsStatusNotification.js';
export type { FirmwareStatusNotificationRequest, FirmwareStatusNotificationResponse } from './FirmwareStatusNotification.js';
export type { GetCompositeScheduleRequest, GetCompositeScheduleResponse } from './GetCompositeSchedule.js';
export type { GetConfigurationRequest, GetConfigurationResponse } from './GetConfiguration.js';
export type { GetDiagnosticsRequest, GetDiagnosticsResponse } from './GetDiagnostics.js';
export type { GetLocalListVersionRequest, GetLocalListVersionResponse } from './GetLocalListVersion.js';
export type { HeartbeatRequest, HeartbeatResponse } from './Heartbeat.js';
export type { MeterValuesRequest, MeterValuesResponse } from './MeterValues.js';
export type { RemoteStartTransactionRequest, RemoteStartTransactionResponse } from './RemoteStartTransaction.js';
export type { RemoteStopTransactionRequest, RemoteStopTransactionResponse } from './RemoteStopTransaction.js';
export type { ReserveNowRequest, ReserveNowResponse } from './ReserveNow.js';
export type { ResetRequest, ResetResponse } from './Reset.js';
export type { SendLocalListRequest, SendLocalListResponse } from './SendLocalList.js';
export type { SetChargingProfileRequest, SetChargingProfileResponse } from './SetChargingProfile.js';
export type { StartTransactionRequest, StartTransactionResponse } from './StartTransaction.js';
export type { StatusNotificationRequest, StatusNotificationResponse } from './StatusNotification.js';
export type { StopTransactionRequest, StopTransactionResponse } from './StopTransaction.js';
export type { TriggerMessageRequest, TriggerMessageResponse } from './TriggerMessage.js';
export type { UnlockConnectorRequest, UnlockConnectorResponse } from './UnlockConnector.js';
export type { UpdateFirmwareRequest, UpdateFirmwareResponse } from './UpdateFirmware.js';

/** Every OCPP 1.6 action, named as on the wire. */
export const ACTIONS = [
  'Authorize',
  'BootNotification',
  'CancelReservation',
  'ChangeAvailability',
  'ChangeConfiguration',
  'ClearCache',
  'ClearChargingProfile',
  'DataTransfer',
  'DiagnosticsStatusNotification',
  'FirmwareStatusNotification',
  'GetCompositeSchedule',
  'GetConfiguration',
  'GetDiagnostics',
  'GetLocalListVersion',
  'Heartbeat',
  'MeterValues',
  'RemoteStartTransaction',
  'RemoteStopTransaction',
  'ReserveNow',
  'Reset',
  'SendLocalList',
  'SetChargingProfile',
  'StartTransaction',
  'StatusNotification',
  'StopTransaction',
  'TriggerMessage',
  'UnlockConnector',
  'UpdateFirmware',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Request and response payload types of each action. */
export interface ActionMap {
  Authorize: { req: AuthorizeRequest; conf: AuthorizeResponse };
  BootNotification: { req: BootNotificationRequest; conf: BootNotificationResponse };
  CancelReservation: { req: CancelReservationRequest; conf: CancelReservationResponse };
  ChangeAvailability: { req: ChangeAvailabilityRequest; conf: ChangeAvailabilityResponse };
  ChangeConfiguration: { req: ChangeConfigurationRequest; conf: ChangeConfigurationResponse };
  ClearCache: { req: ClearCacheRequest; conf: ClearCacheResponse };
  ClearChargingProfile: { req: ClearChargingProfileRequest; conf: ClearChargingProfileResponse };
  DataTransfer: { req: DataTransferRequest; conf: DataTransferResponse };
  DiagnosticsStatusNotification: { req: DiagnosticsStatusNotificationRequest; conf: DiagnosticsStatusNotificationResponse };
  FirmwareStatusNotification: { req: FirmwareStatusNotificationRequest; conf: FirmwareStatusNotificationResponse };
  GetCompositeSchedule: { req: GetCompositeScheduleRequest; conf: GetCompositeScheduleResponse };
  GetConfiguration: { req: GetConfigurationRequest; conf: GetConfigurationResponse };
  GetDiagnostics: { req: GetDiagnosticsRequest; conf: GetDiagnosticsResponse };
  GetLocalListVersion: { req: GetLocalListVersionRequest; conf: GetLocalListVersionResponse };
  Heartbeat: { req: HeartbeatRequest; conf: HeartbeatResponse };
  MeterValues: { req: MeterValuesRequest; conf: MeterValuesResponse };
  RemoteStartTransaction: { req: RemoteStartTransactionRequest; conf: RemoteStartTransactionResponse };
  RemoteStopTransaction: { req: RemoteStopTransactionRequest; conf: RemoteStopTransactionResponse };
  ReserveNow: { req: ReserveNowRequest; conf: ReserveNowResponse };
  Reset: { req: ResetRequest; conf: ResetResponse };
  SendLocalList: { req: SendLocalListRequest; conf: SendLocalListResponse };
  SetChargingProfile: { req: SetChargingProfileRequest; conf: SetChargingProfileResponse };
  StartTransaction: { req: StartTransactionRequest; conf: StartTransactionResponse };
  StatusNotification: { req: StatusNotificationRequest; conf: StatusNotificationResponse };
  StopTransaction: { req: StopTransactionRequest; conf: StopTransactionResponse };
  TriggerMessage: { req: TriggerMessageRequest; conf: TriggerMessageResponse };
  UnlockConnector: { req: UnlockConnectorRequest; conf: UnlockConnectorResponse };
  UpdateFirmware: { req: UpdateFirmwareRequest; conf: UpdateFirmwareResponse };
}
export type RequestOf<A extends Action> = ActionMap[A]['req'];
export type ResponseOf<A extends Action> = ActionMap[A]['conf'];
