/**
 * OCPP 2.0.1 as the composition root offers it to the agent: its subprotocol, its validator (generated at build
 * time, loaded once per process at the first station that needs it) and the factory of a station's 2.0.1 side.
 */
import type { ResolvedConfig } from '../../agent/config/load.js';
import type { ProtocolModule, ProtocolProfileDeps } from '../../agent/ocpp/protocol-profile.js';
import type { PayloadValidator } from '../../agent/ocpp/validator.js';
import type { BootNotificationRequest } from './generated/BootNotification.js';
import { Ocpp201Profile } from './profile.js';
import { createOcpp201StandaloneValidator } from './standalone-validator.js';

let shared: PayloadValidator | null = null;

export const ocpp201: ProtocolModule = {
  version: '2.0.1',
  subprotocol: 'ocpp2.0.1',
  dialect: 'ocpp2.0.1',
  validator() {
    shared ??= createOcpp201StandaloneValidator();
    return shared;
  },
  create(deps: ProtocolProfileDeps) {
    return new Ocpp201Profile({
      rpc: deps.rpc,
      store: deps.store,
      settings: deps.settings,
      clock: deps.clock,
      log: deps.log,
      chargingStation: chargingStation(deps.identity),
      identity: deps.identity,
      evses: deps.evses,
      maxQueueDepth: deps.maxQueueDepth,
      onReset: deps.onReset,
    });
  },
};

/**
 * BootNotification's chargingStation from the same identity config as 1.6: vendor, model, serial number (the
 * charge point's, else the charge box's), firmware version and the modem's ICCID / IMSI. The config schema keeps
 * them within 1.6's sizes, which are within 2.0.1's (vendorName 50, model 20, serialNumber 25, firmware 50).
 */
export function chargingStation(id: ResolvedConfig['identity']): BootNotificationRequest['chargingStation'] {
  const cs: BootNotificationRequest['chargingStation'] = { vendorName: id.vendor, model: id.model };
  const serial = id.serialNumber ?? id.chargeBoxSerialNumber;
  if (serial) cs.serialNumber = serial;
  if (id.firmwareVersion) cs.firmwareVersion = id.firmwareVersion;
  if (id.iccid || id.imsi) cs.modem = { ...(id.iccid ? { iccid: id.iccid } : {}), ...(id.imsi ? { imsi: id.imsi } : {}) };
  return cs;
}
