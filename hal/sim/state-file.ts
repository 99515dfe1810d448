import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SimError } from './errors.js';
import { SIM_FAULTS, type SimFault } from './types.js';

export { SIM_FAULTS };

/**
 * The simulated hardware's state on disk. It outlives the agent like real hardware does: the car stays plugged,
 * the meter register never goes back. One JSON file per station, replaced atomically (write a temp file, rename),
 * so a kill -9 at any moment leaves the old or the new content, never a mix. No fsync: the guarantee is against
 * the process dying, not the machine losing power (the simulator runs on development hosts).
 */
export interface PersistedEvse {
  evseId: number;
  evPlugged: boolean;
  cablePresent: boolean;
  /** The cable was left in the socket on purpose (unplug --keep-cable); otherwise a lone cable is being pulled out. */
  cableKept: boolean;
  evWantsCharge: boolean;
  evMaxCurrentA: number;
  faults: SimFault[];
  /** Exact register, Wh (readings are rounded from it). */
  energyWh: number;
}

interface StateFileContent {
  format: typeof FORMAT;
  version: typeof VERSION;
  evses: PersistedEvse[];
}

const FORMAT = 'chargerd-sim-state';
const VERSION = 1;

/** Reads the state file; a missing file is an empty map (first start). Throws SimError naming the file. */
export function loadSimState(file: string): Map<number, PersistedEvse> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new SimError('SIM_STATE_FILE_IO', `cannot read sim state file ${file}: ${(err as Error).message}`, { file, cause: err });
  }
  return parseSimState(text, file);
}

export function parseSimState(text: string, file: string): Map<number, PersistedEvse> {
  const corrupt = (why: string, cause?: unknown): never => {
    throw new SimError(
      'SIM_STATE_FILE_CORRUPT',
      `sim state file ${file} is corrupt (${why}); fix or delete it (deleting resets the simulated hardware: nothing plugged, meters at 0)`,
      { file, cause },
    );
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    corrupt(`not JSON: ${(err as Error).message}`, err);
  }
  if (!isObject(data) || data.format !== FORMAT) corrupt(`not a ${FORMAT} file`);
  const content = data as Record<string, unknown>;
  if (content.version !== VERSION) corrupt(`unsupported version ${JSON.stringify(content.version)}, expected ${VERSION}`);
  if (!Array.isArray(content.evses)) corrupt('"evses" is not an array');
  const out = new Map<number, PersistedEvse>();
  (content.evses as unknown[]).forEach((raw, i) => {
    const at = `evses[${i}]`;
    if (!isObject(raw)) return corrupt(`${at} is not an object`);
    const id = raw.evseId;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) return corrupt(`${at}.evseId is not a positive integer`);
    if (out.has(id)) return corrupt(`EVSE ${id} appears twice`);
    for (const key of ['evPlugged', 'cablePresent', 'evWantsCharge'] as const) {
      if (typeof raw[key] !== 'boolean') corrupt(`${at}.${key} is not a boolean`);
    }
    if (raw.cableKept !== undefined && typeof raw.cableKept !== 'boolean') corrupt(`${at}.cableKept is not a boolean`);
    for (const key of ['evMaxCurrentA', 'energyWh'] as const) {
      const v = raw[key];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) corrupt(`${at}.${key} is not a number >= 0`);
    }
    const faults = raw.faults;
    if (!Array.isArray(faults) || faults.some((f) => !SIM_FAULTS.includes(f as SimFault))) {
      corrupt(`${at}.faults must list only ${SIM_FAULTS.join(', ')}`);
    }
    out.set(id, {
      evseId: id,
      evPlugged: raw.evPlugged as boolean,
      cablePresent: raw.cablePresent as boolean,
      cableKept: (raw.cableKept as boolean | undefined) ?? false,
      evWantsCharge: raw.evWantsCharge as boolean,
      evMaxCurrentA: raw.evMaxCurrentA as number,
      faults: [...new Set(faults as SimFault[])],
      energyWh: raw.energyWh as number,
    });
  });
  return out;
}

export function serializeSimState(evses: readonly PersistedEvse[]): string {
  const content: StateFileContent = { format: FORMAT, version: VERSION, evses: [...evses] };
  return `${JSON.stringify(content, null, 2)}\n`;
}

/** Replaces the file atomically with `text`. Throws SimError SIM_STATE_FILE_IO. */
export function writeSimStateText(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, file);
  } catch (err) {
    throw new SimError('SIM_STATE_FILE_IO', `cannot write sim state file ${file}: ${(err as Error).message}`, { file, cause: err });
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
