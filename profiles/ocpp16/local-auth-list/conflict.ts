/**
 * §3.5.2: when the validity the CSMS reports for an idTag (Authorize.conf, StartTransaction.conf,
 * StopTransaction.conf) contradicts the local list, the charge point SHALL send a StatusNotification for
 * connector 0 with errorCode LocalListConflict. The list itself is not changed: only SendLocalList may do that.
 * The report is one notification per conflicting answer; connector 0's next status (or the status sent after a
 * reconnect) carries NoError again.
 */
import type { Clock } from '../../../agent/clock/clock.js';
import type { Logger } from '../../../agent/log.js';
import type { Settings } from '../../../agent/station/settings.js';
import { isValidStatus, untypedToken, type AuthorizationInfo, type LocalAuthListStore } from '../../../offline-queue/index.js';
import type { IdTokenInfo } from '../../../agent/station/types.js';

/** StatusNotification.req info is CiString50. */
const INFO_MAX = 50;

/** Valid (Accepted or ConcurrentTx, §3.5.2) and not past its expiryDate. */
function validNow(info: AuthorizationInfo | IdTokenInfo, now: Date): boolean {
  return isValidStatus(info.status) && (info.expiryDate === undefined || new Date(info.expiryDate).getTime() > now.getTime());
}

/** Whether the CSMS's answer contradicts the list entry: one says the idTag may charge, the other that it may not. */
export function isListConflict(entry: AuthorizationInfo | undefined, csms: IdTokenInfo, now: Date): boolean {
  return entry !== undefined && validNow(entry, now) !== isValidStatus(csms.status);
}

export interface ListConflictDeps {
  list: LocalAuthListStore;
  settings: Settings;
  clock: Clock;
  log: Logger;
  /** Send StatusNotification for connector 0 with errorCode LocalListConflict and this info text. */
  report: (info: string) => void;
}

export class ListConflictReporter {
  constructor(private readonly d: ListConflictDeps) {}

  /** An idTagInfo the CSMS sent. Never throws: it runs inside the handling of the CSMS's answers. */
  check(idTag: string, csms: IdTokenInfo): boolean {
    if (!this.d.settings.get('localAuthListEnabled')) return false;
    let entry: AuthorizationInfo | undefined;
    try {
      entry = this.d.list.get(untypedToken(idTag));
    } catch (err) {
      this.d.log.warn({ idTag, err: (err as Error).message }, 'local list unreadable: LocalListConflict not checked');
      return false;
    }
    if (!isListConflict(entry, csms, this.d.clock.now())) return false;
    this.d.log.warn({ idTag, list: entry!.status, listExpiry: entry!.expiryDate, csms: csms.status }, 'the CSMS contradicts the local authorization list: LocalListConflict');
    // The statuses always fit whole; a long idTag is shortened (the log line above has it in full).
    const what = `: list ${entry!.status}, CSMS ${csms.status}`;
    this.d.report(`${idTag.slice(0, INFO_MAX - what.length)}${what}`);
    return true;
  }
}
