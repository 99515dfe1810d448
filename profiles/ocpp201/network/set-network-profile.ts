/**
 * B09 SetNetworkProfile: the profile is checked, then stored in its slot; it is used from the next reboot on, when
 * NetworkConfigurationPriority names it (B09 remark, B10). What this station can connect with today is refused
 * otherwise, never stored and then ignored:
 * - configurationSlot out of NetworkConfigurationPriority's valuesList: Rejected InvalidConfSlot (B09.FR.05);
 * - ocppVersion other than OCPP20 or ocppTransport SOAP, an unusable URL, apn or vpn (no modem or VPN control):
 *   Rejected InvalidNetworkConf (B09.FR.02);
 * - a securityProfile below the one in use: Rejected NoSecurityDowngrade (B09.FR.04, errata 2025-09); above it:
 *   Rejected too, as security profiles 2 and 3 (TLS, certificates) and a profile 1 without the config's
 *   basic-auth password are not available yet — so a profile's securityProfile is the one in use, and its URL ws://.
 * - the store refusing the write: Failed (B09.FR.03).
 * messageTimeout is kept with the profile; calls keep the station's MessageTimeout (ocpp.callTimeoutS).
 */
import { connectionUrl } from '../../../agent/ocpp/handshake.js';
import type { SettingsStore } from '../../../offline-queue/types.js';
import type { DeviceModel } from '../device-model/device-model.js';
import type { SetNetworkProfileRequest, SetNetworkProfileResponse } from '../generated/SetNetworkProfile.js';
import { slotsOf, storeProfile } from './slots.js';

export interface NetworkHandlerDeps {
  model: DeviceModel;
  settings: SettingsStore;
  /** The security profile of the connection in use (0: plain ws, 1: ws with basic auth, 2/3: TLS). */
  activeSecurityProfile: () => number;
}

const rejected = (reasonCode: string, additionalInfo: string): SetNetworkProfileResponse => ({ status: 'Rejected', statusInfo: { reasonCode, additionalInfo } });

export function setNetworkProfile(d: NetworkHandlerDeps, req: SetNetworkProfileRequest): SetNetworkProfileResponse {
  const slots = slotsOf(d.model);
  if (!slots.includes(req.configurationSlot)) return rejected('InvalidConfSlot', `configurationSlot ${req.configurationSlot} is not one of ${slots.join(',')} (NetworkConfigurationPriority valuesList)`);
  const p = req.connectionData;
  if (p.ocppVersion !== 'OCPP20') return rejected('InvalidNetworkConf', `ocppVersion ${p.ocppVersion}: this station speaks OCPP 2.0.1 (OCPP20) here`);
  if (p.ocppTransport !== 'JSON') return rejected('InvalidNetworkConf', 'ocppTransport SOAP is not supported (OCPP-J only)');
  if (p.apn || p.vpn) return rejected('InvalidNetworkConf', `${p.apn ? 'apn' : 'vpn'} cannot be applied: this station does not control a modem or a VPN`);
  let scheme: string;
  try {
    // The identity is appended as for the config's URL; any non-empty one checks the URL the same way.
    connectionUrl(p.ocppCsmsUrl, 'identity');
    scheme = new URL(p.ocppCsmsUrl).protocol;
  } catch (err) {
    return rejected('InvalidNetworkConf', `ocppCsmsUrl: ${(err as Error).message}`);
  }
  const active = d.activeSecurityProfile();
  if (p.securityProfile < active) return rejected('NoSecurityDowngrade', `securityProfile ${p.securityProfile} is below the one in use (${active})`);
  if (p.securityProfile > active) return rejected('InvalidNetworkConf', `securityProfile ${p.securityProfile}: only the one in use (${active}) is available (TLS profiles 2 and 3 come with certificate management)`);
  if (scheme !== 'ws:') return rejected('InvalidNetworkConf', `ocppCsmsUrl: ${scheme.replace(/:$/, '')}:// needs security profile 2 or 3, not available yet; use ws://`);
  try {
    storeProfile(d.settings, req.configurationSlot, p);
  } catch (err) {
    return { status: 'Failed', statusInfo: { reasonCode: 'InternalError', additionalInfo: `not stored: ${(err as Error).message}` } };
  }
  return { status: 'Accepted' };
}

/** The security profile a connection has (part 2 A00): TLS or not, basic auth or a client certificate. */
export function securityProfileOf(baseUrl: string, basicAuth: boolean): number {
  const tls = baseUrl.toLowerCase().startsWith('wss:');
  return tls ? (basicAuth ? 2 : 3) : basicAuth ? 1 : 0;
}
