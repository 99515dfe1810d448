/** What the 2.0.1 transaction handlers get besides the provisioning context. They hold no state of their own. */
import type { ResolvedConfig } from '../../../agent/config/load.js';
import type { Authorization } from '../../../agent/station/authorization.js';
import type { Settings } from '../../../agent/station/settings.js';
import type { Store } from '../../../offline-queue/types.js';
import type { Ocpp201Context } from '../context.js';
import type { IdTokenType } from '../generated/common.js';
import type { NotifyCustomerInformationRequest } from '../generated/NotifyCustomerInformation.js';

export interface TxHandlerContext extends Ocpp201Context {
  store: Store;
  settings: Settings;
  authorization: Authorization;
  /** The type of an id that a remote start names, for the TransactionEvents of its transaction. */
  noteTokenType(token: IdTokenType): void;
  /** A CALL to the CSMS (smart-charging/: ReportChargingProfiles, NotifyChargingLimit, ClearedChargingLimit). */
  call(action: string, payload: unknown): Promise<unknown>;
  /** Registered and connected: a call now can be answered. */
  canSend(): boolean;
  /** The EVSEs as configured (phases, nominal voltage): what the station objects do not expose. */
  evseConfig: ResolvedConfig['evses'];
  /** NotifyCustomerInformation parts, sent in order after the CustomerInformation answer went out (N09, N10). */
  sendCustomerInformation(parts: NotifyCustomerInformationRequest[]): void;
}

export type TxHandler = (ctx: TxHandlerContext, req: any) => Promise<unknown>;
