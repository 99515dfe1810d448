/**
 * What every control method may consult: the station and what it runs on. Its own file so that the handler sets
 * (agent/control/handlers-*.ts) and the table that gathers them (agent/control-handlers.ts) both depend on it,
 * not on each other.
 */
import type { Clock } from '../clock/clock.js';
import type { ResolvedConfig } from '../config/load.js';
import type { ProtocolProfile } from '../ocpp/protocol-profile.js';
import type { RpcConnection } from '../ocpp/rpc-connection.js';
import type { Station } from '../station/station.js';
import type { SimControl } from '../../hal/sim/types.js';
import type { Store } from '../../offline-queue/types.js';
import type { ControlParams } from './protocol.js';

/**
 * Extra methods contributed by the hardware layer (hal.* for real boards); see agent/hal-linux.ts. They get the
 * context as a second argument: the hardware is built before the station they must consult (a relay test is
 * refused while a transaction runs).
 */
export type ExtraHandlers = Record<string, (params: ControlParams, ctx: ControlContext) => unknown | Promise<unknown>>;

export interface ControlContext {
  config: ResolvedConfig;
  station: Station;
  profile: ProtocolProfile;
  store: Store;
  rpc: RpcConnection;
  sim: SimControl | null;
  clock: Clock;
  extra?: ExtraHandlers;
}
