import type { Clock } from './clock/clock.js';
import { ConfigError, type ResolvedConfig } from './config/load.js';
import type { Logger } from './log.js';
import type { AgentHal } from './hal-factory.js';

/** Real board: wired in once the linux drivers land (issue 4). */
export async function createLinuxAgentHal(_cfg: ResolvedConfig, _clock: Clock, _log: Logger): Promise<AgentHal> {
  throw new ConfigError([{ field: '/hal/driver', value: 'linux', rule: 'the linux driver is not available in this build' }]);
}
