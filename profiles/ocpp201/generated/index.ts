// GENERATED from profiles/ocpp201/schemas by scripts/gen-ocpp-types.mjs — do not edit.

import type { AuthorizeRequest, AuthorizeResponse } from './Authorize.js';
import type { BootNotificationRequest, BootNotificationResponse } from './BootNotification.js';
import type { CancelReservationRequest, CancelReservationResponse } from './CancelReservation.js';
import type { CertificateSignedRequest, CertificateSignedResponse } from './CertificateSigned.js';
import type { ChangeAvailabilityRequest, ChangeAvailabilityResponse } from './ChangeAvailability.js';
import type { ClearCacheRequest, ClearCacheResponse } from './ClearCache.js';
import type { ClearChargingProfileRequest, ClearChargingProfileResponse } from './ClearChargingProfile.js';
import type { ClearDisplayMessageRequest, ClearDisplayMessageResponse } from './ClearDisplayMessage.js';
import type { ClearVariableMonitoringRequest, ClearVariableMonitoringResponse } from './ClearVariableMonitoring.js';
import type { ClearedChargingLimitRequest, ClearedChargingLimitResponse } from './ClearedChargingLimit.js';
import type { CostUpdatedRequest, CostUpdatedResponse } from './CostUpdated.js';
import type { CustomerInformationRequest, CustomerInformationResponse } from './CustomerInformation.js';
import type { DataTransferRequest, DataTransferResponse } from './DataTransfer.js';
import type { DeleteCertificateRequest, DeleteCertificateResponse } from './DeleteCertificate.js';
import type { FirmwareStatusNotificationRequest, FirmwareStatusNotificationResponse } from './FirmwareStatusNotification.js';
import type { Get15118EVCertificateRequest, Get15118EVCertificateResponse } from './Get15118EVCertificate.js';
import type { GetBaseReportRequest, GetBaseReportResponse } from './GetBaseReport.js';
import type { GetCertificateStatusRequest, GetCertificateStatusResponse } from './GetCertificateStatus.js';
import type { GetChargingProfilesRequest, GetChargingProfilesResponse } from './GetChargingProfiles.js';
import type { GetCompositeScheduleRequest, GetCompositeScheduleResponse } from './GetCompositeSchedule.js';
import type { GetDisplayMessagesRequest, GetDisplayMessagesResponse } from './GetDisplayMessages.js';
import type { GetInstalledCertificateIdsRequest, GetInstalledCertificateIdsResponse } from './GetInstalledCertificateIds.js';
import type { GetLocalListVersionRequest, GetLocalListVersionResponse } from './GetLocalListVersion.js';
import type { GetLogRequest, GetLogResponse } from './GetLog.js';
import type { GetMonitoringReportRequest, GetMonitoringReportResponse } from './GetMonitoringReport.js';
import type { GetReportRequest, GetReportResponse } from './GetReport.js';
import type { GetTransactionStatusRequest, GetTransactionStatusResponse } from './GetTransactionStatus.js';
import type { GetVariablesRequest, GetVariablesResponse } from './GetVariables.js';
import type { HeartbeatRequest, HeartbeatResponse } from './Heartbeat.js';
import type { InstallCertificateRequest, InstallCertificateResponse } from './InstallCertificate.js';
import type { LogStatusNotificationRequest, LogStatusNotificationResponse } from './LogStatusNotification.js';
import type { MeterValuesRequest, MeterValuesResponse } from './MeterValues.js';
import type { NotifyChargingLimitRequest, NotifyChargingLimitResponse } from './NotifyChargingLimit.js';
import type { NotifyCustomerInformationRequest, NotifyCustomerInformationResponse } from './NotifyCustomerInformation.js';
import type { NotifyDisplayMessagesRequest, NotifyDisplayMessagesResponse } from './NotifyDisplayMessages.js';
import type { NotifyEVChargingNeedsRequest, NotifyEVChargingNeedsResponse } from './NotifyEVChargingNeeds.js';
import type { NotifyEVChargingScheduleRequest, NotifyEVChargingScheduleResponse } from './NotifyEVChargingSchedule.js';
import type { NotifyEventRequest, NotifyEventResponse } from './NotifyEvent.js';
import type { NotifyMonitoringReportRequest, NotifyMonitoringReportResponse } from './NotifyMonitoringReport.js';
import type { NotifyReportRequest, NotifyReportResponse } from './NotifyReport.js';
import type { PublishFirmwareRequest, PublishFirmwareResponse } from './PublishFirmware.js';
import type { PublishFirmwareStatusNotificationRequest, PublishFirmwareStatusNotificationResponse } from './PublishFirmwareStatusNotification.js';
import type { ReportChargingProfilesRequest, ReportChargingProfilesResponse } from './ReportChargingProfiles.js';
import type { RequestStartTransactionRequest, RequestStartTransactionResponse } from './RequestStartTransaction.js';
import type { RequestStopTransactionRequest, RequestStopTransactionResponse } from './RequestStopTransaction.js';
import type { ReservationStatusUpdateRequest, ReservationStatusUpdateResponse } from './ReservationStatusUpdate.js';
import type { ReserveNowRequest, ReserveNowResponse } from './ReserveNow.js';
import type { ResetRequest, ResetResponse } from './Reset.js';
import type { SecurityEventNotificationRequest, SecurityEventNotificationResponse } from './SecurityEventNotification.js';
import type { SendLocalListRequest, SendLocalListResponse } from './SendLocalList.js';
import type { SetChargingProfileRequest, SetChargingProfileResponse } from './SetChargingProfile.js';
import type { SetDisplayMessageRequest, SetDisplayMessageResponse } from './SetDisplayMessage.js';
import type { SetMonitoringBaseRequest, SetMonitoringBaseResponse } from './SetMonitoringBase.js';
import type { SetMonitoringLevelRequest, SetMonitoringLevelResponse } from './SetMonitoringLevel.js';
import type { SetNetworkProfileRequest, SetNetworkProfileResponse } from './SetNetworkProfile.js';
import type { SetVariableMonitoringRequest, SetVariableMonitoringResponse } from './SetVariableMonitoring.js';
import type { SetVariablesRequest, SetVariablesResponse } from './SetVariables.js';
import type { SignCertificateRequest, SignCertificateResponse } from './SignCertificate.js';
import type { StatusNotificationRequest, StatusNotificationResponse } from './StatusNotification.js';
import type { TransactionEventRequest, TransactionEventResponse } from './TransactionEvent.js';
import type { TriggerMessageRequest, TriggerMessageResponse } from './TriggerMessage.js';
import type { UnlockConnectorRequest, UnlockConnectorResponse } from './UnlockConnector.js';
import type { UnpublishFirmwareRequest, UnpublishFirmwareResponse } from './UnpublishFirmware.js';
import type { UpdateFirmwareRequest, UpdateFirmwareResponse } from './UpdateFirmware.js';
export type { AuthorizeRequest, AuthorizeResponse } from './Authorize.js';
export type { BootNotificationRequest, BootNotificationResponse } from './BootNotification.js';
export type { CancelReservationRequest, CancelReservationResponse } from './CancelReservation.js';
export type { CertificateSignedRequest, CertificateSignedResponse } from './CertificateSigned.js';
export type { ChangeAvailabilityRequest, ChangeAvailabilityResponse } from './ChangeAvailability.js';
export type { ClearCacheRequest, ClearCacheResponse } from './ClearCache.js';
export type { ClearChargingProfileRequest, ClearChargingProfileResponse } from './ClearChargingProfile.js';
export type { ClearDisplayMessageRequest, ClearDisplayMessageResponse } from './ClearDisplayMessage.js';
export type { ClearVariableMonitoringRequest, ClearVariableMonitoringResponse } from './ClearVariableMonitoring.js';
export type { ClearedChargingLimitRequest, ClearedChargingLimitResponse } from './ClearedChargingLimit.js';
export type { CostUpdatedRequest, CostUpdatedResponse } from './CostUpdated.js';
export type { CustomerInformationRequest, CustomerInformationResponse } from './CustomerInformation.js';
export type { DataTransferRequest, DataTransferResponse } from './DataTransfer.js';
export type { DeleteCertificateRequest, DeleteCertificateResponse } from './DeleteCertificate.js';
export type { FirmwareStatusNotificationRequest, FirmwareStatusNotificationResponse } from './FirmwareStatusNotification.js';
export type { Get15118EVCertificateRequest, Get15118EVCertificateResponse } from './Get15118EVCertificate.js';
export type { GetBaseReportRequest, GetBaseReportResponse } from './GetBaseReport.js';
export type { GetCertificateStatusRequest, GetCertificateStatusResponse } from './GetCertificateStatus.js';
export type { GetChargingProfilesRequest, GetChargingProfilesResponse } from './GetChargingProfiles.js';
export type { GetCompositeScheduleRequest, GetCompositeScheduleResponse } from './GetCompositeSchedule.js';
export type { GetDisplayMessagesRequest, GetDisplayMessagesResponse } from './GetDisplayMessages.js';
export type { GetInstalledCertificateIdsRequest, GetInstalledCertificateIdsResponse } from './GetInstalledCertificateIds.js';
export type { GetLocalListVersionRequest, GetLocalListVersionResponse } from './GetLocalListVersion.js';
export type { GetLogRequest, GetLogResponse } from './GetLog.js';
export type { GetMonitoringReportRequest, GetMonitoringReportResponse } from './GetMonitoringReport.js';
export type { GetReportRequest, GetReportResponse } from './GetReport.js';
export type { GetTransactionStatusRequest, GetTransactionStatusResponse } from './GetTransactionStatus.js';
export type { GetVariablesRequest, GetVariablesResponse } from './GetVariables.js';
export type { HeartbeatRequest, HeartbeatResponse } from './Heartbeat.js';
export type { InstallCertificateRequest, InstallCertificateResponse } from './InstallCertificate.js';
export type { LogStatusNotificationRequest, LogStatusNotificationResponse } from './LogStatusNotification.js';
export type { MeterValuesRequest, MeterValuesResponse } from './MeterValues.js';
export type { NotifyChargingLimitRequest, NotifyChargingLimitResponse } from './NotifyChargingLimit.js';
export type { NotifyCustomerInformationRequest, NotifyCustomerInformationResponse } from './NotifyCustomerInformation.js';
export type { NotifyDisplayMessagesRequest, NotifyDisplayMessagesResponse } from './NotifyDisplayMessages.js';
export type { NotifyEVChargingNeedsRequest, NotifyEVChargingNeedsResponse } from './NotifyEVChargingNeeds.js';
export type { NotifyEVChargingScheduleRequest, NotifyEVChargingScheduleResponse } from './NotifyEVChargingSchedule.js';
export type { NotifyEventRequest, NotifyEventResponse } from './NotifyEvent.js';
export type { NotifyMonitoringReportRequest, NotifyMonitoringReportResponse } from './NotifyMonitoringReport.js';
export type { NotifyReportRequest, NotifyReportResponse } from './NotifyReport.js';
export type { PublishFirmwareRequest, PublishFirmwareResponse } from './PublishFirmware.js';
export type { PublishFirmwareStatusNotificationRequest, PublishFirmwareStatusNotificationResponse } from './PublishFirmwareStatusNotification.js';
export type { ReportChargingProfilesRequest, ReportChargingProfilesResponse } from './ReportChargingProfiles.js';
export type { RequestStartTransactionRequest, RequestStartTransactionResponse } from './RequestStartTransaction.js';
export type { RequestStopTransactionRequest, RequestStopTransactionResponse } from './RequestStopTransaction.js';
export type { ReservationStatusUpdateRequest, ReservationStatusUpdateResponse } from './ReservationStatusUpdate.js';
export type { ReserveNowRequest, ReserveNowResponse } from './ReserveNow.js';
export type { ResetRequest, ResetResponse } from './Reset.js';
export type { SecurityEventNotificationRequest, SecurityEventNotificationResponse } from './SecurityEventNotification.js';
export type { SendLocalListRequest, SendLocalListResponse } from './SendLocalList.js';
export type { SetChargingProfileRequest, SetChargingProfileResponse } from './SetChargingProfile.js';
export type { SetDisplayMessageRequest, SetDisplayMessageResponse } from './SetDisplayMessage.js';
export type { SetMonitoringBaseRequest, SetMonitoringBaseResponse } from './SetMonitoringBase.js';
export type { SetMonitoringLevelRequest, SetMonitoringLevelResponse } from './SetMonitoringLevel.js';
export type { SetNetworkProfileRequest, SetNetworkProfileResponse } from './SetNetworkProfile.js';
export type { SetVariableMonitoringRequest, SetVariableMonitoringResponse } from './SetVariableMonitoring.js';
export type { SetVariablesRequest, SetVariablesResponse } from './SetVariables.js';
export type { SignCertificateRequest, SignCertificateResponse } from './SignCertificate.js';
export type { StatusNotificationRequest, StatusNotificationResponse } from './StatusNotification.js';
export type { TransactionEventRequest, TransactionEventResponse } from './TransactionEvent.js';
export type { TriggerMessageRequest, TriggerMessageResponse } from './TriggerMessage.js';
export type { UnlockConnectorRequest, UnlockConnectorResponse } from './UnlockConnector.js';
export type { UnpublishFirmwareRequest, UnpublishFirmwareResponse } from './UnpublishFirmware.js';
export type { UpdateFirmwareRequest, UpdateFirmwareResponse } from './UpdateFirmware.js';

/** Every OCPP 2.0.1 action, named as on the wire. */
export const ACTIONS = [
  'Authorize',
  'BootNotification',
  'CancelReservation',
  'CertificateSigned',
  'ChangeAvailability',
  'ClearCache',
  'ClearChargingProfile',
  'ClearDisplayMessage',
  'ClearVariableMonitoring',
  'ClearedChargingLimit',
  'CostUpdated',
  'CustomerInformation',
  'DataTransfer',
  'DeleteCertificate',
  'FirmwareStatusNotification',
  'Get15118EVCertificate',
  'GetBaseReport',
  'GetCertificateStatus',
  'GetChargingProfiles',
  'GetCompositeSchedule',
  'GetDisplayMessages',
  'GetInstalledCertificateIds',
  'GetLocalListVersion',
  'GetLog',
  'GetMonitoringReport',
  'GetReport',
  'GetTransactionStatus',
  'GetVariables',
  'Heartbeat',
  'InstallCertificate',
  'LogStatusNotification',
  'MeterValues',
  'NotifyChargingLimit',
  'NotifyCustomerInformation',
  'NotifyDisplayMessages',
  'NotifyEVChargingNeeds',
  'NotifyEVChargingSchedule',
  'NotifyEvent',
  'NotifyMonitoringReport',
  'NotifyReport',
  'PublishFirmware',
  'PublishFirmwareStatusNotification',
  'ReportChargingProfiles',
  'RequestStartTransaction',
  'RequestStopTransaction',
  'ReservationStatusUpdate',
  'ReserveNow',
  'Reset',
  'SecurityEventNotification',
  'SendLocalList',
  'SetChargingProfile',
  'SetDisplayMessage',
  'SetMonitoringBase',
  'SetMonitoringLevel',
  'SetNetworkProfile',
  'SetVariableMonitoring',
  'SetVariables',
  'SignCertificate',
  'StatusNotification',
  'TransactionEvent',
  'TriggerMessage',
  'UnlockConnector',
  'UnpublishFirmware',
  'UpdateFirmware',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Request and response payload types of each action. */
export interface ActionMap {
  Authorize: { req: AuthorizeRequest; conf: AuthorizeResponse };
  BootNotification: { req: BootNotificationRequest; conf: BootNotificationResponse };
  CancelReservation: { req: CancelReservationRequest; conf: CancelReservationResponse };
  CertificateSigned: { req: CertificateSignedRequest; conf: CertificateSignedResponse };
  ChangeAvailability: { req: ChangeAvailabilityRequest; conf: ChangeAvailabilityResponse };
  ClearCache: { req: ClearCacheRequest; conf: ClearCacheResponse };
  ClearChargingProfile: { req: ClearChargingProfileRequest; conf: ClearChargingProfileResponse };
  ClearDisplayMessage: { req: ClearDisplayMessageRequest; conf: ClearDisplayMessageResponse };
  ClearVariableMonitoring: { req: ClearVariableMonitoringRequest; conf: ClearVariableMonitoringResponse };
  ClearedChargingLimit: { req: ClearedChargingLimitRequest; conf: ClearedChargingLimitResponse };
  CostUpdated: { req: CostUpdatedRequest; conf: CostUpdatedResponse };
  CustomerInformation: { req: CustomerInformationRequest; conf: CustomerInformationResponse };
  DataTransfer: { req: DataTransferRequest; conf: DataTransferResponse };
  DeleteCertificate: { req: DeleteCertificateRequest; conf: DeleteCertificateResponse };
  FirmwareStatusNotification: { req: FirmwareStatusNotificationRequest; conf: FirmwareStatusNotificationResponse };
  Get15118EVCertificate: { req: Get15118EVCertificateRequest; conf: Get15118EVCertificateResponse };
  GetBaseReport: { req: GetBaseReportRequest; conf: GetBaseReportResponse };
  GetCertificateStatus: { req: GetCertificateStatusRequest; conf: GetCertificateStatusResponse };
  GetChargingProfiles: { req: GetChargingProfilesRequest; conf: GetChargingProfilesResponse };
  GetCompositeSchedule: { req: GetCompositeScheduleRequest; conf: GetCompositeScheduleResponse };
  GetDisplayMessages: { req: GetDisplayMessagesRequest; conf: GetDisplayMessagesResponse };
  GetInstalledCertificateIds: { req: GetInstalledCertificateIdsRequest; conf: GetInstalledCertificateIdsResponse };
  GetLocalListVersion: { req: GetLocalListVersionRequest; conf: GetLocalListVersionResponse };
  GetLog: { req: GetLogRequest; conf: GetLogResponse };
  GetMonitoringReport: { req: GetMonitoringReportRequest; conf: GetMonitoringReportResponse };
  GetReport: { req: GetReportRequest; conf: GetReportResponse };
  GetTransactionStatus: { req: GetTransactionStatusRequest; conf: GetTransactionStatusResponse };
  GetVariables: { req: GetVariablesRequest; conf: GetVariablesResponse };
  Heartbeat: { req: HeartbeatRequest; conf: HeartbeatResponse };
  InstallCertificate: { req: InstallCertificateRequest; conf: InstallCertificateResponse };
  LogStatusNotification: { req: LogStatusNotificationRequest; conf: LogStatusNotificationResponse };
  MeterValues: { req: MeterValuesRequest; conf: MeterValuesResponse };
  NotifyChargingLimit: { req: NotifyChargingLimitRequest; conf: NotifyChargingLimitResponse };
  NotifyCustomerInformation: { req: NotifyCustomerInformationRequest; conf: NotifyCustomerInformationResponse };
  NotifyDisplayMessages: { req: NotifyDisplayMessagesRequest; conf: NotifyDisplayMessagesResponse };
  NotifyEVChargingNeeds: { req: NotifyEVChargingNeedsRequest; conf: NotifyEVChargingNeedsResponse };
  NotifyEVChargingSchedule: { req: NotifyEVChargingScheduleRequest; conf: NotifyEVChargingScheduleResponse };
  NotifyEvent: { req: NotifyEventRequest; conf: NotifyEventResponse };
  NotifyMonitoringReport: { req: NotifyMonitoringReportRequest; conf: NotifyMonitoringReportResponse };
  NotifyReport: { req: NotifyReportRequest; conf: NotifyReportResponse };
  PublishFirmware: { req: PublishFirmwareRequest; conf: PublishFirmwareResponse };
  PublishFirmwareStatusNotification: { req: PublishFirmwareStatusNotificationRequest; conf: PublishFirmwareStatusNotificationResponse };
  ReportChargingProfiles: { req: ReportChargingProfilesRequest; conf: ReportChargingProfilesResponse };
  RequestStartTransaction: { req: RequestStartTransactionRequest; conf: RequestStartTransactionResponse };
  RequestStopTransaction: { req: RequestStopTransactionRequest; conf: RequestStopTransactionResponse };
  ReservationStatusUpdate: { req: ReservationStatusUpdateRequest; conf: ReservationStatusUpdateResponse };
  ReserveNow: { req: ReserveNowRequest; conf: ReserveNowResponse };
  Reset: { req: ResetRequest; conf: ResetResponse };
  SecurityEventNotification: { req: SecurityEventNotificationRequest; conf: SecurityEventNotificationResponse };
  SendLocalList: { req: SendLocalListRequest; conf: SendLocalListResponse };
  SetChargingProfile: { req: SetChargingProfileRequest; conf: SetChargingProfileResponse };
  SetDisplayMessage: { req: SetDisplayMessageRequest; conf: SetDisplayMessageResponse };
  SetMonitoringBase: { req: SetMonitoringBaseRequest; conf: SetMonitoringBaseResponse };
  SetMonitoringLevel: { req: SetMonitoringLevelRequest; conf: SetMonitoringLevelResponse };
  SetNetworkProfile: { req: SetNetworkProfileRequest; conf: SetNetworkProfileResponse };
  SetVariableMonitoring: { req: SetVariableMonitoringRequest; conf: SetVariableMonitoringResponse };
  SetVariables: { req: SetVariablesRequest; conf: SetVariablesResponse };
  SignCertificate: { req: SignCertificateRequest; conf: SignCertificateResponse };
  StatusNotification: { req: StatusNotificationRequest; conf: StatusNotificationResponse };
  TransactionEvent: { req: TransactionEventRequest; conf: TransactionEventResponse };
  TriggerMessage: { req: TriggerMessageRequest; conf: TriggerMessageResponse };
  UnlockConnector: { req: UnlockConnectorRequest; conf: UnlockConnectorResponse };
  UnpublishFirmware: { req: UnpublishFirmwareRequest; conf: UnpublishFirmwareResponse };
  UpdateFirmware: { req: UpdateFirmwareRequest; conf: UpdateFirmwareResponse };
}
export type RequestOf<A extends Action> = ActionMap[A]['req'];
export type ResponseOf<A extends Action> = ActionMap[A]['conf'];
