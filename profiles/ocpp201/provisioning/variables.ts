/** GetVariables (B06) and SetVariables (B05): a request beyond ItemsPerMessage / BytesPerMessage is a CALLERROR. */
import { OcppCallError } from '../../../agent/ocpp/errors.js';
import { frameBytes, type Ocpp201Context } from '../context.js';
import type { SizeLimitedAction } from '../device-model/device-model.js';
import type { GetVariablesRequest, GetVariablesResponse } from '../generated/GetVariables.js';
import type { SetVariablesRequest, SetVariablesResponse } from '../generated/SetVariables.js';

function checkSize(ctx: Ocpp201Context, action: SizeLimitedAction, items: number, payload: unknown): void {
  const v = ctx.model.checkRequestSize(action, items, frameBytes(action, payload));
  if (v) throw new OcppCallError(v.code, v.description);
}

export async function getVariables(ctx: Ocpp201Context, req: GetVariablesRequest): Promise<GetVariablesResponse> {
  checkSize(ctx, 'GetVariables', req.getVariableData.length, req);
  return ctx.model.getVariables(req);
}

export async function setVariables(ctx: Ocpp201Context, req: SetVariablesRequest): Promise<SetVariablesResponse> {
  checkSize(ctx, 'SetVariables', req.setVariableData.length, req);
  const res = ctx.model.setVariables(req);
  ctx.log.info({ results: res.setVariableResult.map((r) => `${r.component.name}.${r.variable.name}=${r.attributeStatus}`) }, 'SetVariables');
  return res;
}
