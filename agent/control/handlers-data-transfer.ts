/**
 * `ocpp.dataTransfer`: the station sends a DataTransfer to the CSMS (OCPP 2.0.1 P02, 1.6 §4.3) and answers with
 * what the CSMS said. Version-neutral: the message has the same name and fields in both versions (1.6 allows
 * only a string as data, which the version's schema checks before anything is sent). Only once the CSMS accepted
 * the station (a CSMS may refuse anything else before, B02/B03); never queued: a vendor message is not a
 * transaction message, so offline it is refused at once.
 */
import { CallTimeoutError, ConnectionLostError, NotConnectedError, OcppCallError, OutboundValidationError } from '../ocpp/errors.js';
import type { ControlContext } from './context.js';
import { withDoc } from './method-docs.js';
import { ControlError, type ControlParams } from './protocol.js';
import type { ControlHandler } from './server.js';

/** Both versions: vendorId string[0..255], messageId string[0..50]. */
const VENDOR_ID_MAX = 255;
const MESSAGE_ID_MAX = 50;

function text(p: ControlParams, name: string, max: number, optional: boolean): string | undefined {
  const v = p[name];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || v === '' || v.length > max) throw new ControlError('BAD_PARAMS', `${name} must be a non-empty string of at most ${max} characters`);
  return v;
}

export function createDataTransferHandlers(ctx: ControlContext): Record<string, ControlHandler> {
  return {
    'ocpp.dataTransfer': withDoc(
      async (p: ControlParams) => {
        const vendorId = text(p, 'vendorId', VENDOR_ID_MAX, false)!;
        const messageId = text(p, 'messageId', MESSAGE_ID_MAX, true);
        for (const k of Object.keys(p)) if (!['vendorId', 'messageId', 'data'].includes(k)) throw new ControlError('BAD_PARAMS', `unknown param ${k} (vendorId, messageId?, data?)`);
        const registration = ctx.profile.registrationStatus();
        if (!ctx.profile.canSend()) throw new ControlError('NOT_AVAILABLE', `the station cannot send to the CSMS now (connection ${ctx.rpc.state}, registration ${registration})`);
        const payload = { vendorId, ...(messageId !== undefined ? { messageId } : {}), ...(p.data !== undefined ? { data: p.data } : {}) };
        try {
          const answer = (await ctx.rpc.call('DataTransfer', payload)) as Record<string, unknown>;
          return { vendorId, ...(messageId !== undefined ? { messageId } : {}), ...answer };
        } catch (err) {
          if (err instanceof OutboundValidationError) throw new ControlError('BAD_PARAMS', `not a valid OCPP ${ctx.profile.version} DataTransfer: ${err.message}`);
          if (err instanceof OcppCallError) throw new ControlError('REFUSED', `the CSMS answered with a CALLERROR: ${err.message}`);
          if (err instanceof CallTimeoutError || err instanceof ConnectionLostError || err instanceof NotConnectedError)
            throw new ControlError('NOT_AVAILABLE', `no answer from the CSMS: ${err.message}`);
          throw err;
        }
      },
      { summary: 'send a DataTransfer to the CSMS and return its answer ({vendorId, messageId?, data?})', changesState: true },
    ),
  };
}
