/**
 * What every 1.6 handler gets: the station's API and the 1.6 pieces around it. Handlers hold no state of
 * their own; unit tests build this from real small parts.
 */
import type { Clock } from '../../agent/clock/clock.js';
import type { Logger } from '../../agent/log.js';
import type { Authorization } from '../../agent/station/authorization.js';
import type { Settings } from '../../agent/station/settings.js';
import type { Station } from '../../agent/station/station.js';
import type { ResetKind } from '../../agent/station/types.js';
import type { Store } from '../../offline-queue/types.js';
import type { ConfigKeyRegistry } from './config-keys.js';

export type RegistrationStatus = 'Unregistered' | 'Pending' | 'Accepted' | 'Rejected';

export interface Ocpp16Context {
  station: Station;
  settings: Settings;
  keys: ConfigKeyRegistry;
  store: Store;
  authorization: Authorization;
  clock: Clock;
  log: Logger;
  registration(): RegistrationStatus;
  /** Reply first, then reset: the CSMS must see the answer before the connection goes. */
  scheduleReset(kind: ResetKind): void;
  numberOfConnectors: number;
  getConfigurationMaxKeys: number;
}
