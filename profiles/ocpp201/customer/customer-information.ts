/**
 * CustomerInformation (N09 get, N10 clear): the answer decides, the NotifyCustomerInformation parts follow it
 * (part 2 FR.05: the response first, then the messages with its requestId).
 *
 * - none or more than one of idToken / customerCertificate / customerIdentifier: Invalid (N09.FR.09);
 * - report and clear both false: Rejected (N09.FR.07, N10.FR.07 recommend it);
 * - customerCertificate: Rejected, the station has no contract certificates (no ISO 15118), so it cannot look one
 *   up (N09.FR.03 "cannot process");
 * - customerIdentifier: Accepted; chargerd keeps nothing under a customer identifier, so the one part says no data
 *   was found (N09.FR.06, N10.FR.04) or, for a clear without report, that there was nothing to clear (N10.FR.06);
 * - idToken: Accepted; report: the holdings (holdings.ts), clear: removed as N10 allows, then the part(s) saying
 *   what went (clear and report, N10.FR.03) or the one part saying it was cleared (clear only, N10.FR.06);
 * - the store failing: Rejected with InternalError (N10.FR.05), nothing sent.
 */
import { StoreError } from '../../../offline-queue/index.js';
import type { CustomerInformationRequest, CustomerInformationResponse } from '../generated/CustomerInformation.js';
import { reportedListVersion201 } from '../local-list/index.js';
import type { TxHandlerContext } from '../transactions/context.js';
import { clearHoldings, holdingsOf } from './holdings.js';
import { customerInformationParts } from './report.js';

export async function customerInformation(ctx: TxHandlerContext, req: CustomerInformationRequest): Promise<CustomerInformationResponse> {
  const given = (['idToken', 'customerCertificate', 'customerIdentifier'] as const).filter((k) => req[k] !== undefined);
  if (given.length !== 1) {
    const what = given.length === 0 ? 'none is given' : `${given.join(' and ')} are given`;
    return { status: 'Invalid', statusInfo: { reasonCode: given.length === 0 ? 'MissingParam' : 'InvalidValue', additionalInfo: `exactly one of idToken, customerCertificate, customerIdentifier (N09.FR.09); ${what}` } };
  }
  if (!req.report && !req.clear) return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidValue', additionalInfo: 'report and clear are both false: nothing to do (N09.FR.07)' } };
  if (req.customerCertificate)
    return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedParam', additionalInfo: 'customerCertificate: this station holds no contract certificates (no ISO 15118)' } };

  const listVersion = reportedListVersion201(ctx.settings.get('localAuthListEnabled'), ctx.store.localList);
  let lines: string[];
  try {
    lines = req.idToken ? linesFor(ctx, req, listVersion) : identifierLines(req);
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    ctx.log.warn({ requestId: req.requestId, code: err.code, err: err.message }, 'CustomerInformation: the store failed: Rejected');
    return { status: 'Rejected', statusInfo: { reasonCode: 'InternalError', additionalInfo: `the station could not read its store (${err.code})` } };
  }
  ctx.log.info({ requestId: req.requestId, report: req.report, clear: req.clear, lines: lines.length }, 'CustomerInformation accepted');
  ctx.sendCustomerInformation(customerInformationParts(req.requestId, lines, ctx.clock.now().toISOString()));
  return { status: 'Accepted' };
}

function linesFor(ctx: TxHandlerContext, req: CustomerInformationRequest, listVersion: number): string[] {
  const token = req.idToken!;
  const who = `idToken ${token.idToken} (${token.type})`;
  if (!req.clear) {
    const h = holdingsOf(ctx.store, token, listVersion);
    return h.found ? [`customer information for ${who}:`, ...h.lines] : [`no data found for ${who}`];
  }
  const c = clearHoldings(ctx.store, token, listVersion);
  if (!c.found) return [req.report ? `no data found for ${who}` : `customer information for ${who} cleared: there was none`];
  // N10.FR.06: without report, one message saying it was cleared; with report, what was cleared (N10.FR.03).
  const removed = c.lines.filter((l) => l.startsWith('removed')).length;
  const kept = c.lines.length - removed;
  if (!req.report) return [`customer information for ${who} cleared: ${removed} item(s) removed, ${kept} kept (the local list is the CSMS's; undelivered transactions stay until delivered)`];
  return [`customer information for ${who} cleared:`, ...c.lines];
}

function identifierLines(req: CustomerInformationRequest): string[] {
  const who = `customerIdentifier ${req.customerIdentifier}`;
  // chargerd files nothing under a customer identifier (it knows customers only by their IdTokens).
  if (req.clear && !req.report) return [`customer information for ${who} cleared: there was none`];
  return [`no data found for ${who}`];
}
