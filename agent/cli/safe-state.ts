/**
 * `chargerctl hal safe-state`: contactors open, lock motor and RCD test lines off, every pilot at −12 V (F),
 * with no agent running. systemd runs it as ExecStopPost, after chargerd stopped for any reason (SIGKILL and
 * crashes included), so it reads only what it needs from the config (see local-board.ts).
 */
import { readLocalBoard } from './local-board.js';
import type { SafeStateReport } from './render-hal.js';

export async function runSafeState(configFile: string): Promise<SafeStateReport> {
  const b = await readLocalBoard(configFile);
  if (b.driver === 'sim') return { configFile, driver: 'sim', board: null, source: null, results: [] };
  const { forceSafeState } = await import('../../hal/linux/safe-state.js');
  const results = await forceSafeState(b.board);
  return { configFile, driver: 'linux', board: b.board.name ?? null, source: b.source, results };
}
