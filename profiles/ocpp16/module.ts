/**
 * OCPP 1.6J as the composition root offers it to the agent: its subprotocol, its validator (generated at build
 * time, loaded once per process at the first station that needs it) and the factory of a station's 1.6 side.
 */
import type { ResolvedConfig } from '../../agent/config/load.js';
import type { ProtocolModule, ProtocolProfileDeps } from '../../agent/ocpp/protocol-profile.js';
import type { PayloadValidator } from '../../agent/ocpp/validator.js';
import type { BootNotificationRequest } from './generated/index.js';
import { Ocpp16Profile } from './profile.js';
import { createOcpp16Validator } from './validator.js';

let shared: PayloadValidator | null = null;

export const ocpp16: ProtocolModule = {
  version: '1.6',
  subprotocol: 'ocpp1.6',
  dialect: 'ocpp1.6',
  validator() {
    shared ??= createOcpp16Validator();
    return shared;
  },
  create(deps: ProtocolProfileDeps) {
    const { identity, evses, ...rest } = deps;
    return new Ocpp16Profile({ ...rest, boot: bootPayload(identity), evses });
  },
};

/** BootNotification.req from the config's identity: only the fields that are set, within 1.6's CiString sizes (checked by the config schema). */
export function bootPayload(id: ResolvedConfig['identity']): BootNotificationRequest {
  const p: BootNotificationRequest = { chargePointVendor: id.vendor, chargePointModel: id.model };
  if (id.serialNumber) p.chargePointSerialNumber = id.serialNumber;
  if (id.chargeBoxSerialNumber) p.chargeBoxSerialNumber = id.chargeBoxSerialNumber;
  if (id.firmwareVersion) p.firmwareVersion = id.firmwareVersion;
  if (id.iccid) p.iccid = id.iccid;
  if (id.imsi) p.imsi = id.imsi;
  if (id.meterType) p.meterType = id.meterType;
  if (id.meterSerialNumber) p.meterSerialNumber = id.meterSerialNumber;
  return p;
}
