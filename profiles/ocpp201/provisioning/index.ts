/** The CSMS-initiated actions the 2.0.1 profile handles; any other 2.0.1 action is answered NotSupported. */
import type { Ocpp201Context } from '../context.js';
import { changeAvailability } from './change-availability.js';
import { getBaseReport, getReport } from './reports.js';
import { reset } from './reset.js';
import { triggerMessage } from './trigger-message.js';
import { getVariables, setVariables } from './variables.js';

export type Handler = (ctx: Ocpp201Context, req: any) => Promise<unknown>;

export const PROVISIONING_HANDLERS: Readonly<Record<string, Handler>> = {
  GetVariables: getVariables,
  SetVariables: setVariables,
  GetBaseReport: getBaseReport,
  GetReport: getReport,
  ChangeAvailability: changeAvailability,
  Reset: reset,
  TriggerMessage: triggerMessage,
};

