/**
 * SendLocalList (D01). Order of the answers, each leaving the list as it was unless Accepted (all or nothing: the
 * store applies an update in one database transaction):
 *  1. Failed (NotEnabled) while LocalAuthListCtrlr.Enabled is false: D01's prerequisite; the response has no
 *     NotSupported as 1.6's has.
 *  2. Failed (TooManyElements / TooLargeElement) for more entries than LocalAuthListCtrlr.ItemsPerMessage or more
 *     bytes than LocalAuthListCtrlr.BytesPerMessage (D01.FR.11). D01 names no CALLERROR for this (unlike
 *     B06.FR.16 for GetVariables); appendix 5 lists TooManyElements for SendLocalList, and D01.FR.03 tells the
 *     CSMS what to do after Failed: send the list again in smaller parts.
 *  3. CALLERROR for a request that breaks a rule of D01 (entries.ts).
 *  4. VersionMismatch for a Differential whose versionNumber is not greater than the list's (D01.FR.19). A Full
 *     replaces the list whatever its version (D01.FR.15): it is how a CSMS resynchronises.
 *  5. Failed (OutOfStorage) when the list would hold more than LocalAuthListCtrlr.Entries' maxLimit; Failed
 *     (InternalError) when the store cannot write.
 * The list is one store for both OCPP versions: a Full replaces a list a 1.6 run left with typed entries; a
 * Differential adds, updates and removes exactly the (id, type) it names.
 */
import type { Logger } from '../../../agent/log.js';
import type { Settings } from '../../../agent/station/settings.js';
import { StoreError, tokenKey, type Store } from '../../../offline-queue/index.js';
import { frameBytes } from '../context.js';
import type { DeviceModel } from '../device-model/device-model.js';
import type { SendLocalListRequest, SendLocalListResponse } from '../generated/SendLocalList.js';
import { listEntries, sizeAfterDifferential } from './entries.js';
import { localListLimits } from './limits.js';

export interface LocalListDeps {
  store: Pick<Store, 'localList' | 'authCache'>;
  model: DeviceModel;
  settings: Settings;
  log: Logger;
}

const failed = (reasonCode: string, additionalInfo: string): SendLocalListResponse => ({ status: 'Failed', statusInfo: { reasonCode, additionalInfo: additionalInfo.slice(0, 512) } });

export function sendLocalList(d: LocalListDeps, req: SendLocalListRequest): SendLocalListResponse {
  const what = { updateType: req.updateType, versionNumber: req.versionNumber, entries: req.localAuthorizationList?.length ?? 0 };
  if (!d.settings.get('localAuthListEnabled')) {
    d.log.info(what, 'SendLocalList while LocalAuthListCtrlr.Enabled is false: Failed');
    return failed('NotEnabled', 'LocalAuthListCtrlr.Enabled is false');
  }
  const limits = localListLimits(d.model);
  if (limits.itemsPerMessage !== undefined && what.entries > limits.itemsPerMessage) {
    d.log.warn({ ...what, itemsPerMessage: limits.itemsPerMessage }, 'SendLocalList beyond ItemsPerMessage: Failed');
    return failed('TooManyElements', `${what.entries} entries, at most ${limits.itemsPerMessage} (LocalAuthListCtrlr.ItemsPerMessage)`);
  }
  const bytes = frameBytes('SendLocalList', req);
  if (limits.bytesPerMessage !== undefined && bytes > limits.bytesPerMessage) {
    d.log.warn({ ...what, bytes, bytesPerMessage: limits.bytesPerMessage }, 'SendLocalList beyond BytesPerMessage: Failed');
    return failed('TooLargeElement', `${bytes} bytes, at most ${limits.bytesPerMessage} (LocalAuthListCtrlr.BytesPerMessage)`);
  }
  const entries = listEntries(req);
  const list = d.store.localList;
  let size: number;
  try {
    if (req.updateType === 'Differential') {
      const current = list.version();
      if (req.versionNumber <= current) {
        d.log.info({ ...what, currentVersion: current }, 'SendLocalList: Differential not newer than the list: VersionMismatch');
        return { status: 'VersionMismatch' };
      }
      size = sizeAfterDifferential(list.size(), entries, new Set(list.list().map((e) => tokenKey(e.token))));
    } else {
      size = entries.length;
    }
    if (size > limits.maxEntries) {
      d.log.warn({ ...what, size, maxEntries: limits.maxEntries }, 'SendLocalList would exceed the maxLimit of LocalAuthListCtrlr.Entries: Failed');
      return failed('OutOfStorage', `the list would hold ${size} entries, at most ${limits.maxEntries} (maxLimit of LocalAuthListCtrlr.Entries)`);
    }
    if (req.updateType === 'Differential') list.update(req.versionNumber, entries);
    else list.replace(req.versionNumber, entries);
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    d.log.warn({ ...what, code: err.code, err: err.message }, 'SendLocalList: the store could not apply it: Failed');
    return failed('InternalError', `the station could not store the list (${err.code})`);
  }
  d.log.info({ ...what, size }, 'local authorization list updated');
  return { status: 'Accepted' };
}
