/**
 * GetBaseReport (B07) and GetReport (B08): the answer first, then the NotifyReport parts in order (seqNo, tbc), each
 * sent after the previous one was answered (the profile's sendReport). A GetReport with more componentVariable
 * entries than ItemsPerMessage[GetReport] (or more bytes) is refused with a CALLERROR (B08.FR.17/18).
 */
import { OcppCallError } from '../../../agent/ocpp/errors.js';
import { frameBytes, type Ocpp201Context } from '../context.js';
import { baseReport, customReport } from '../device-model/reports.js';
import type { GetBaseReportRequest, GetBaseReportResponse } from '../generated/GetBaseReport.js';
import type { GetReportRequest, GetReportResponse } from '../generated/GetReport.js';

export async function getBaseReport(ctx: Ocpp201Context, req: GetBaseReportRequest): Promise<GetBaseReportResponse> {
  const r = baseReport(ctx.model, req, ctx.clock.now().toISOString());
  if (r.response.status === 'Accepted') ctx.sendReport(r.parts);
  return r.response;
}

export async function getReport(ctx: Ocpp201Context, req: GetReportRequest): Promise<GetReportResponse> {
  const v = ctx.model.checkRequestSize('GetReport', req.componentVariable?.length ?? 0, frameBytes('GetReport', req));
  if (v) throw new OcppCallError(v.code, v.description);
  const r = customReport(ctx.model, req, ctx.clock.now().toISOString());
  if (r.response.status === 'Accepted') ctx.sendReport(r.parts);
  return r.response;
}
