import type { LocalAuthListStore } from '../../../offline-queue/index.js';

/**
 * The versionNumber GetLocalListVersion answers (D02): 0 while LocalAuthListCtrlr.Enabled is false (D02.FR.03) and
 * before any SendLocalList (D02.FR.02: the store's version starts at 0), otherwise the version of the last
 * accepted update — also when that update emptied the list (D02 remark; unlike 1.6, which answers 0 then).
 */
export function reportedListVersion201(enabled: boolean, list: LocalAuthListStore): number {
  return enabled ? list.version() : 0;
}
