/**
 * The single pipeline for CALLs from the CSMS: gate → validate → handle → validate the response → reply.
 * Pure with respect to the socket: it returns what to answer and the connection sends it. It never throws; every
 * failure becomes a CALLERROR, so a misbehaving handler can neither crash the agent nor drop the connection.
 */
import type { Logger } from 'pino';
import { OcppCallError, type OcppErrorCode } from './errors.js';
import type { PayloadValidator } from './validator.js';

/** Business logic for one inbound CALL: resolves with the response payload or throws OcppCallError. */
export type InboundHandler = (action: string, payload: unknown) => Promise<unknown>;

/**
 * Registration-state gate, consulted before anything else. `ignore` sends nothing at all (1.6: while the
 * BootNotification was Rejected the Charge Point does not respond to the Central System).
 */
export type GateDecision =
  | { kind: 'allow' }
  | { kind: 'error'; code: OcppErrorCode; description: string }
  | { kind: 'ignore' };
export type InboundGate = (action: string) => GateDecision;

export type InboundReply =
  | { kind: 'result'; payload: unknown }
  | { kind: 'error'; code: OcppErrorCode; description: string; details: Record<string, unknown> }
  | { kind: 'ignore' };

export interface InboundDeps {
  validator: PayloadValidator;
  gate: InboundGate | null;
  handler: InboundHandler | null;
  log: Logger;
}

function callError(code: OcppErrorCode, description: string, details: Record<string, unknown> = {}): InboundReply {
  return { kind: 'error', code, description, details };
}

export async function processInboundCall(action: string, payload: unknown, deps: InboundDeps): Promise<InboundReply> {
  const { validator, log } = deps;
  try {
    const decision = deps.gate ? deps.gate(action) : { kind: 'allow' as const };
    if (decision.kind === 'ignore') {
      log.info({ action }, 'inbound CALL ignored by gate');
      return { kind: 'ignore' };
    }
    if (decision.kind === 'error') {
      log.info({ action, code: decision.code }, 'inbound CALL refused by gate');
      return callError(decision.code, decision.description);
    }

    if (!validator.knows(action) || !deps.handler) {
      log.warn({ action }, 'inbound CALL for an unknown action');
      return callError('NotImplemented', `Unknown action ${action}`);
    }
    const invalid = validator.validateRequest(action, payload);
    if (invalid) {
      log.warn({ action, code: invalid.code, reason: invalid.message }, 'inbound CALL payload invalid');
      return callError(invalid.code, invalid.message);
    }

    let response: unknown;
    try {
      response = await deps.handler(action, payload);
    } catch (err) {
      if (err instanceof OcppCallError) {
        log.info({ action, code: err.code, description: err.description }, 'inbound CALL answered with CALLERROR');
        return callError(err.code, err.description, err.details);
      }
      log.error({ action, err }, 'inbound handler failed');
      // The description goes to the CSMS: say what failed, not our internals.
      return callError('InternalError', `${action} could not be processed`);
    }

    const result = response ?? {};
    const badResponse = validator.validateResponse(action, result);
    if (badResponse) {
      log.error({ action, code: badResponse.code, reason: badResponse.message }, 'own response fails its schema; answering InternalError');
      return callError('InternalError', `${action} response could not be produced`);
    }
    return { kind: 'result', payload: result };
  } catch (err) {
    // The gate or the validator itself failed (e.g. a schema file missing from the install).
    log.error({ action, err }, 'inbound pipeline failed');
    return callError('InternalError', `${action} could not be processed`);
  }
}
