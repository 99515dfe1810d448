/**
 * Chooses the hardware drivers from the config. Real drivers are loaded with dynamic import() only when
 * configured, so the simulation and the tests never load native hardware modules (serialport, onoff).
 */
import { join } from 'node:path';
import type { Clock } from './clock/clock.js';
import type { ResolvedConfig } from './config/load.js';
import type { Logger } from './log.js';
import type { AgentHal } from './agent-hal.js';

export type { AgentHal };

export async function createHal(cfg: ResolvedConfig, clock: Clock, log: Logger): Promise<AgentHal> {
  if (cfg.hal.driver === 'sim') {
    const { SimStation } = await import('../hal/sim/sim-station.js');
    const sim = new SimStation(
      {
        evses: cfg.evses.map((e) => ({ id: e.id, connector: e.connector, maxCurrentA: e.maxCurrentA, phases: e.phases, evMaxCurrentA: cfg.hal.sim.evMaxCurrentA })),
        cableLingerMs: cfg.hal.sim.cableLingerMs,
        evReactionMs: cfg.hal.sim.evReactionMs,
        stateFile: join(cfg.dataDir, 'sim-state.json'),
      },
      clock,
    );
    const { createSimHalHandlers } = await import('./control/handlers-hal-sim.js');
    log.debug('simulated hardware');
    return { hal: sim, sim, control: createSimHalHandlers(sim) };
  }
  const { createLinuxAgentHal } = await import('./hal-linux.js');
  return createLinuxAgentHal(cfg, clock, log);
}
