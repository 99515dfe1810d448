import type { KeyDef } from '../config-keys.js';

/**
 * §9.3: the Reservation profile's one key. Read-only for the CSMS (§9.3.1 Accessibility R): the station's owner
 * chooses it in the config file (`ocppKeys`), default true.
 */
export function reservationKeys(): KeyDef[] {
  return [{ key: 'ReserveConnectorZeroSupported', access: 'R', kind: 'bool', setting: 'reserveConnectorZeroSupported' }];
}
