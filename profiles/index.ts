/**
 * Every OCPP version this build speaks, for the programs (agent/bin/, the composition root) to hand to the agent.
 * A fleet of simulated stations in one process shares these modules, and so their compiled validators.
 */
import type { ProtocolModules } from '../agent/ocpp/protocol-profile.js';
import { ocpp16 } from './ocpp16/module.js';
import { ocpp201 } from './ocpp201/module.js';

export const PROTOCOLS: ProtocolModules = { [ocpp16.version]: ocpp16, [ocpp201.version]: ocpp201 };
