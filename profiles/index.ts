/**
 * Every OCPP version this build speaks, for the programs (agent/bin/, the composition root) to hand to the agent.
 * A fleet of simulated stations in one process shares these modules, and so their compiled validators. The order
 * is the preference `ocpp.version` "auto" offers them in (Sec-WebSocket-Protocol): 2.0.1 first.
 */
import type { ProtocolModules } from '../agent/ocpp/protocol-profile.js';
import { ocpp16 } from './ocpp16/module.js';
import { ocpp201 } from './ocpp201/module.js';

export const PROTOCOLS: ProtocolModules = { [ocpp201.version]: ocpp201, [ocpp16.version]: ocpp16 };
