import type { LocalAuthListStore } from '../../../offline-queue/index.js';

/** GetLocalListVersion's meaning of "not supported" (§5.10). */
export const LIST_VERSION_NOT_SUPPORTED = -1;

/**
 * The version GetLocalListVersion answers (§5.10): -1 while LocalAuthListEnabled is false (the list is not in
 * use; OCTT TC_042_1 expects -1 then), 0 for an empty list whatever version the CSMS last sent (OCTT TC_042_2:
 * a Full update of version 1 without entries, then 0), otherwise the version of the last accepted update.
 */
export function reportedListVersion(enabled: boolean, list: LocalAuthListStore): number {
  if (!enabled) return LIST_VERSION_NOT_SUPPORTED;
  if (list.size() === 0) return 0;
  return list.version();
}
