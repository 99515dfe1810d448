/** The 2.0.1 network connection profiles (B09/B10): the CSMS-initiated actions, bound to one station. */
import type { SetNetworkProfileRequest } from '../generated/SetNetworkProfile.js';
import { setNetworkProfile, type NetworkHandlerDeps } from './set-network-profile.js';

export type NetworkHandler = (req: any) => Promise<unknown>;

export function createNetworkHandlers(d: NetworkHandlerDeps): Readonly<Record<string, NetworkHandler>> {
  return {
    SetNetworkProfile: async (req: SetNetworkProfileRequest) => setNetworkProfile(d, req),
  };
}

export { NetworkSelector } from './selector.js';
export { securityProfileOf } from './set-network-profile.js';
export { vetoEmptySlots } from './slots.js';
