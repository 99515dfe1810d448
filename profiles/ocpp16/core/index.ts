/**
 * The CSMS-initiated actions of the supported profiles (Core, LocalAuthListManagement, Reservation, SmartCharging). The router's type lists
 * every 1.6 action, so an action added to the generated list without a decision here does not compile;
 * `undefined` answers NotSupported.
 */
import type { Action, RequestOf, ResponseOf } from '../generated/index.js';
import type { Ocpp16Context } from '../context.js';
import { getLocalListVersion } from '../local-auth-list/get-local-list-version.js';
import { sendLocalList } from '../local-auth-list/send-local-list.js';
import { cancelReservation } from '../reservation/cancel-reservation.js';
import { reserveNow } from '../reservation/reserve-now.js';
import { changeAvailability } from './change-availability.js';
import { changeConfiguration } from './change-configuration.js';
import { clearCache } from './clear-cache.js';
import { dataTransfer } from './data-transfer.js';
import { getConfiguration } from './get-configuration.js';
import { remoteStartTransaction } from './remote-start-transaction.js';
import { remoteStopTransaction } from './remote-stop-transaction.js';
import { reset } from './reset.js';
import { unlockConnector } from './unlock-connector.js';
import { clearChargingProfile } from '../smart-charging/clear-charging-profile.js';
import { getCompositeSchedule } from '../smart-charging/get-composite-schedule.js';
import { setChargingProfile } from '../smart-charging/set-charging-profile.js';

export type Handler<A extends Action> = (ctx: Ocpp16Context, req: RequestOf<A>) => Promise<ResponseOf<A>>;
export type Router = { [A in Action]: Handler<A> | undefined };

/** CSMS → charge point actions; charge point → CSMS actions are `undefined` here (a CSMS must not send them). */
export function coreRouter(): Router {
  return {
    Authorize: undefined,
    BootNotification: undefined,
    CancelReservation: cancelReservation,
    ChangeAvailability: changeAvailability,
    ChangeConfiguration: changeConfiguration,
    ClearCache: clearCache,
    ClearChargingProfile: clearChargingProfile,
    DataTransfer: dataTransfer,
    DiagnosticsStatusNotification: undefined,
    FirmwareStatusNotification: undefined,
    GetCompositeSchedule: getCompositeSchedule,
    GetConfiguration: getConfiguration,
    GetDiagnostics: undefined,
    GetLocalListVersion: getLocalListVersion,
    Heartbeat: undefined,
    MeterValues: undefined,
    RemoteStartTransaction: remoteStartTransaction,
    RemoteStopTransaction: remoteStopTransaction,
    ReserveNow: reserveNow,
    Reset: reset,
    SendLocalList: sendLocalList,
    SetChargingProfile: setChargingProfile,
    StartTransaction: undefined,
    StatusNotification: undefined,
    StopTransaction: undefined,
    TriggerMessage: undefined,
    UnlockConnector: unlockConnector,
    UpdateFirmware: undefined,
  };
}
