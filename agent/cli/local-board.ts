/**
 * The board named by an agent config, read by chargerctl itself for the commands that run without the agent.
 * Only `hal.driver` and `hal.board` are read: `hal safe-state` must work even with a config chargerd refused.
 */
import { readFileSync } from 'node:fs';
import { isPlainObject } from '../control/protocol.js';
import type { LinuxBoardConfig } from '../../hal/linux/board-config.js';

export class LocalConfigError extends Error {
  override readonly name = 'LocalConfigError';
  readonly code = 'BAD_CONFIG';
}

export type LocalBoard = { driver: 'sim' } | { driver: 'linux'; board: LinuxBoardConfig; source: string };

export async function readLocalBoard(configFile: string): Promise<LocalBoard> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(configFile, 'utf8'));
  } catch (err) {
    throw new LocalConfigError(`cannot read config file ${configFile}: ${(err as Error).message}`);
  }
  const hal = isPlainObject(doc) && isPlainObject(doc.hal) ? doc.hal : null;
  const driver = hal?.driver ?? 'sim';
  if (driver === 'sim') return { driver: 'sim' };
  if (driver !== 'linux') throw new LocalConfigError(`${configFile}: hal.driver must be "sim" or "linux", found ${JSON.stringify(driver)}`);
  // Loaded here, not at the top: the commands that talk to the agent never need the board code or ajv.
  const { resolveBoard } = await import('../hal-linux-board.js');
  const { board, source } = resolveBoard(hal!.board, { configFile });
  return { driver: 'linux', board, source };
}
