/**
 * Why this BootNotification is sent (B01.FR.09, BootReasonEnumType). A reset records its origin in the store
 * before the agent restarts, so the next run's first BootNotification can say RemoteReset / LocalReset; with no
 * record the station was powered up (or the process restarted by its service manager). A BootNotification the
 * CSMS asked for with TriggerMessage says Triggered.
 */
import type { SettingsStore } from '../../offline-queue/types.js';
import type { BootReasonEnumType } from './generated/BootNotification.js';

/** Store key of the reason the next start reports; deleted once read. */
export const NEXT_BOOT_REASON_KEY = 'ocpp201:nextBootReason';

const RECORDABLE: readonly BootReasonEnumType[] = ['RemoteReset', 'LocalReset', 'ScheduledReset', 'FirmwareUpdate', 'ApplicationReset', 'Watchdog'];

/** The reason of the first BootNotification of a run, from what the previous run recorded (undefined: nothing). */
export function startReason(recorded: string | undefined): BootReasonEnumType {
  return recorded !== undefined && (RECORDABLE as readonly string[]).includes(recorded) ? (recorded as BootReasonEnumType) : 'PowerUp';
}

/** Reads and clears the recorded reason: a later crash-restart must not claim the reset again. */
export function takeStartReason(store: SettingsStore): BootReasonEnumType {
  const recorded = store.getAll()[NEXT_BOOT_REASON_KEY];
  if (recorded !== undefined) store.delete(NEXT_BOOT_REASON_KEY);
  return startReason(recorded);
}

export function recordNextBootReason(store: SettingsStore, reason: BootReasonEnumType): void {
  store.set(NEXT_BOOT_REASON_KEY, reason);
}
