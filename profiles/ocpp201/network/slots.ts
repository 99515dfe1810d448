/**
 * The network connection profiles of B09/B10 as data: which configuration slots exist (the valuesList of
 * OCPPCommCtrlr.NetworkConfigurationPriority), what each holds (stored by SetNetworkProfile in the store's settings
 * table, one JSON value per slot), and the order they are tried in (NetworkConfigurationPriority's value).
 *
 * Slot 0 is the config file's `ocpp.csmsUrl` until a SetNetworkProfile replaces it; any other slot is empty until
 * one is set. Only what this station can connect with is ever stored (set-network-profile.ts refuses the rest),
 * so a stored profile is always usable.
 */
import type { SettingsStore } from '../../../offline-queue/types.js';
import type { DeviceModel, VariableRef } from '../device-model/device-model.js';
import type { NetworkConnectionProfileType } from '../generated/SetNetworkProfile.js';

export const PRIORITY: VariableRef = { component: 'OCPPCommCtrlr', variable: 'NetworkConfigurationPriority' };
export const ATTEMPTS: VariableRef = { component: 'OCPPCommCtrlr', variable: 'NetworkProfileConnectionAttempts' };

/** The slot the config file's csmsUrl fills unless a SetNetworkProfile replaced it. */
export const CONFIG_SLOT = 0;

const KEY = (slot: number) => `ocpp201:networkProfile:${slot}`;
/** The slot of the last connection that opened (B10.FR.07's fallback), kept across reboots. */
export const LAST_GOOD_KEY = 'ocpp201:networkProfile:lastGood';

/** What a slot connects with: a stored profile or the config's URL. */
export interface SlotTarget {
  slot: number;
  url: string;
  /** From a SetNetworkProfile (false: the config file's csmsUrl). */
  stored: boolean;
}

const list = (raw: string | undefined): number[] =>
  (raw ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')
    .map(Number);

/** The configuration slots this station has (NetworkConfigurationPriority's valuesList). */
export function slotsOf(model: DeviceModel): number[] {
  const e = model.find({ name: PRIORITY.component }, { name: PRIORITY.variable });
  return typeof e === 'string' ? [CONFIG_SLOT] : list(e.def.valuesList);
}

export function priorityOf(model: DeviceModel): number[] {
  return list(model.value(PRIORITY));
}

export function storedProfile(settings: SettingsStore, slot: number): NetworkConnectionProfileType | undefined {
  const raw = settings.getAll()[KEY(slot)];
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as NetworkConnectionProfileType;
  } catch {
    return undefined;
  }
}

export function storeProfile(settings: SettingsStore, slot: number, p: NetworkConnectionProfileType): void {
  settings.set(KEY(slot), JSON.stringify(p));
}

export function targetOf(settings: SettingsStore, slot: number, configUrl: string): SlotTarget | undefined {
  const p = storedProfile(settings, slot);
  if (p) return { slot, url: p.ocppCsmsUrl, stored: true };
  return slot === CONFIG_SLOT ? { slot, url: configUrl, stored: false } : undefined;
}

/**
 * B10.FR.02: NetworkConfigurationPriority may only name slots that hold a profile; the reason for the first one
 * that does not, else null.
 */
export function vetoEmptySlots(model: DeviceModel, settings: SettingsStore): void {
  model.addVeto((ref, attribute, value) => {
    if (ref.component !== PRIORITY.component || ref.variable.toLowerCase() !== PRIORITY.variable.toLowerCase() || attribute !== 'Actual') return null;
    const empty = list(value).find((slot) => targetOf(settings, slot, 'ws://config') === undefined);
    return empty === undefined ? null : `configuration slot ${empty} holds no network connection profile (SetNetworkProfile first)`;
  });
}
