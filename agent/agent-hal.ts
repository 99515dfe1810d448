/**
 * The hardware as the agent holds it, whichever driver built it. Its own file so that the factory and the
 * drivers it loads (agent/hal-linux.ts) both depend on it, not on each other.
 */
import type { Hal } from '../hal/types.js';
import type { SimControl } from '../hal/sim/types.js';

export interface AgentHal {
  hal: Hal;
  /** Present with the simulated driver only: what `chargerctl sim ...` drives. */
  sim: SimControl | null;
  /** Control API methods of this hardware (e.g. hal.probe, meter.read on a real board). */
  control?: Record<string, (params: Record<string, unknown>) => unknown | Promise<unknown>>;
}
