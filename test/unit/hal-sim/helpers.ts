import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { SimStation, type SimStationOptions } from '../../../hal/sim/index.js';
import type { CpState } from '../../../hal/types.js';
import type { SimEvse } from '../../../hal/sim/sim-evse.js';

export const SOCKET = 1;
export const CABLE = 2;

/** Two EVSEs: 1 = three-phase 32 A socket, 2 = single-phase 16 A fixed cable. */
export function defaultOptions(extra: Partial<SimStationOptions> = {}): SimStationOptions {
  return {
    evses: [
      { id: SOCKET, connector: 'socket', maxCurrentA: 32, phases: 3 },
      { id: CABLE, connector: 'cable', maxCurrentA: 16, phases: 1 },
    ],
    ...extra,
  };
}

export async function startedStation(extra: Partial<SimStationOptions> = {}, clock = new FakeClock()): Promise<{ station: SimStation; clock: FakeClock }> {
  const station = new SimStation(defaultOptions(extra), clock);
  await station.start();
  return { station, clock };
}

export function evse(station: SimStation, id: number): SimEvse {
  const e = station.evses.get(id);
  if (!e) throw new Error(`no EVSE ${id}`);
  return e;
}

/** Every pilot state change as "prev>next". */
export function recordStates(e: SimEvse): string[] {
  const seen: string[] = [];
  e.pilot.events.on('state', (s: CpState, prev: CpState) => seen.push(`${prev}>${s}`));
  return seen;
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'chargerd-sim-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
