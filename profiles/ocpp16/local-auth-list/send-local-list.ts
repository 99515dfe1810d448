/**
 * SendLocalList (§5.15, §6.41, §7.47, errata 3.52). Order of the answers:
 *  1. NotSupported while LocalAuthListEnabled is false (GetLocalListVersion answers -1 then: "not supported").
 *  2. CALLERROR for a request that breaks the specification (entries.ts).
 *  3. VersionMismatch for a Differential whose listVersion is not greater than the current list's (§7.47).
 *     A Full update replaces the list whatever its version: it is how a CSMS resynchronises.
 *  4. Failed when the result would exceed LocalAuthListMaxLength, or the store cannot write (StoreError);
 *     the list is then unchanged (the store applies an update in one database transaction).
 */
import { idTagKey, StoreError } from '../../../offline-queue/index.js';
import type { Ocpp16Context } from '../context.js';
import type { SendLocalListRequest, SendLocalListResponse } from '../generated/index.js';
import { listEntries, sizeAfterDifferential } from './entries.js';
import { DEFAULT_LOCAL_LIST_LIMITS, type LocalListLimits } from './limits.js';

export type SendLocalListHandler = (ctx: Ocpp16Context, req: SendLocalListRequest) => Promise<SendLocalListResponse>;

export function createSendLocalList(limits: LocalListLimits): SendLocalListHandler {
  return async (ctx, req) => {
    if (!ctx.settings.get('localAuthListEnabled')) {
      ctx.log.info({ updateType: req.updateType, listVersion: req.listVersion }, 'SendLocalList while LocalAuthListEnabled is false: NotSupported');
      return { status: 'NotSupported' };
    }
    const entries = listEntries(req, limits);
    const list = ctx.store.localList;
    const what = { updateType: req.updateType, listVersion: req.listVersion, entries: entries.length };
    let size: number;
    try {
      if (req.updateType === 'Differential') {
        const current = list.version();
        if (req.listVersion <= current) {
          ctx.log.info({ ...what, currentVersion: current }, 'SendLocalList: Differential not newer than the list: VersionMismatch');
          return { status: 'VersionMismatch' };
        }
        // Exactly the untyped entries: a typed (2.0.1) entry of the same id is a separate entry (which an untyped
        // get() would also find), so presence is read from the list, once.
        const untyped = new Set(list.list().flatMap((e) => (e.token.tokenType === null ? [idTagKey(e.token.idToken)] : [])));
        size = sizeAfterDifferential(list.size(), entries, (token) => untyped.has(idTagKey(token.idToken)));
        if (size > limits.maxLength) return tooLong(ctx, what, size, limits);
        list.update(req.listVersion, entries);
      } else {
        size = entries.length;
        if (size > limits.maxLength) return tooLong(ctx, what, size, limits);
        list.replace(req.listVersion, entries);
      }
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      ctx.log.warn({ ...what, code: err.code, err: err.message }, 'SendLocalList: the store could not apply it: Failed');
      return { status: 'Failed' };
    }
    ctx.log.info({ ...what, size }, 'local authorization list updated');
    return { status: 'Accepted' };
  };
}

function tooLong(ctx: Ocpp16Context, what: object, size: number, limits: LocalListLimits): SendLocalListResponse {
  ctx.log.warn({ ...what, size, maxLength: limits.maxLength }, 'SendLocalList would exceed LocalAuthListMaxLength: Failed');
  return { status: 'Failed' };
}

export const sendLocalList: SendLocalListHandler = createSendLocalList(DEFAULT_LOCAL_LIST_LIMITS);
