import { HalError } from '../errors.js';
import type { ConnectorKind } from '../types.js';

export interface SimEvseOptions {
  id: number;
  connector: ConnectorKind;
  /** Rating of the EVSE (supply, contactor), A per phase. */
  maxCurrentA: number;
  phases: 1 | 3;
  /** Most the simulated EV draws, A per phase (default 32). A value in the state file wins over this one. */
  evMaxCurrentA?: number;
  /** Socket only: rating the proximity pilot reports for the cable; default the smallest standard cable rating
   * (13, 20, 32, 63 A) that covers maxCurrentA, so the cable never limits a default setup. */
  cableMaxCurrentA?: number;
}

export interface SimStationOptions {
  evses: SimEvseOptions[];
  /** Socket: how long the cable stays in the socket after the EV side is unplugged (default 2000 ms); a cable
   * still locked then leaves when the lock releases it. */
  cableLingerMs?: number;
  /** EV reaction to PWM changes and to its own pause/resume (default 200 ms; IEC allows the EV up to 3 s). */
  evReactionMs?: number;
  /** Time after a contactor command when a feedback mismatch is reported (default 50 ms). */
  contactorSettleMs?: number;
  /** Connector lock travel time (default 100 ms). */
  lockMs?: number;
  /** Phase voltage (default 230 V). */
  voltageV?: number;
  /** JSON file the simulated hardware state survives restarts in; null or absent: nothing is persisted. */
  stateFile?: string | null;
}

/** Options with every default applied, per EVSE. */
export interface SimEvseConfig {
  id: number;
  connector: ConnectorKind;
  maxCurrentA: number;
  phases: 1 | 3;
  evMaxCurrentA: number;
  cableMaxCurrentA: number;
  cableLingerMs: number;
  evReactionMs: number;
  contactorSettleMs: number;
  lockMs: number;
  voltageV: number;
}

export const SIM_DEFAULTS = {
  evMaxCurrentA: 32,
  cableLingerMs: 2000,
  evReactionMs: 200,
  contactorSettleMs: 50,
  lockMs: 100,
  voltageV: 230,
} as const;

/** Current ratings a proximity-pilot resistor can encode (IEC 61851-1 Table B.2 codes used on type 2 cables). */
const CABLE_RATINGS_A = [13, 20, 32, 63] as const;

function bad(message: string): never {
  throw new HalError('BAD_CONFIG', `sim station: ${message}`, { part: 'sim' });
}

function checkNumber(value: unknown, name: string, min: number, integer = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    bad(`${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Validates the options and resolves defaults; throws HalError BAD_CONFIG naming the field. */
export function resolveSimOptions(options: SimStationOptions): SimEvseConfig[] {
  if (!options || !Array.isArray(options.evses) || options.evses.length === 0) bad('evses must be a non-empty array');
  const cableLingerMs = checkNumber(options.cableLingerMs ?? SIM_DEFAULTS.cableLingerMs, 'cableLingerMs', 0);
  const evReactionMs = checkNumber(options.evReactionMs ?? SIM_DEFAULTS.evReactionMs, 'evReactionMs', 0);
  const contactorSettleMs = checkNumber(options.contactorSettleMs ?? SIM_DEFAULTS.contactorSettleMs, 'contactorSettleMs', 0);
  const lockMs = checkNumber(options.lockMs ?? SIM_DEFAULTS.lockMs, 'lockMs', 0);
  const voltageV = checkNumber(options.voltageV ?? SIM_DEFAULTS.voltageV, 'voltageV', 1);
  if (options.stateFile !== undefined && options.stateFile !== null && (typeof options.stateFile !== 'string' || options.stateFile === '')) {
    bad('stateFile must be a non-empty path or null');
  }
  const seen = new Set<number>();
  return options.evses.map((e, i) => {
    const at = `evses[${i}]`;
    const id = checkNumber(e?.id, `${at}.id`, 1, true);
    if (seen.has(id)) bad(`${at}.id ${id} is used twice`);
    seen.add(id);
    if (e.connector !== 'socket' && e.connector !== 'cable') bad(`${at}.connector must be "socket" or "cable", got ${JSON.stringify(e.connector)}`);
    if (e.phases !== 1 && e.phases !== 3) bad(`${at}.phases must be 1 or 3, got ${JSON.stringify(e.phases)}`);
    const maxCurrentA = checkNumber(e.maxCurrentA, `${at}.maxCurrentA`, 0);
    if (maxCurrentA === 0) bad(`${at}.maxCurrentA must be > 0`);
    const evMaxCurrentA = checkNumber(e.evMaxCurrentA ?? SIM_DEFAULTS.evMaxCurrentA, `${at}.evMaxCurrentA`, 0);
    const cableMaxCurrentA = checkNumber(
      e.cableMaxCurrentA ?? CABLE_RATINGS_A.find((r) => r >= maxCurrentA) ?? CABLE_RATINGS_A[CABLE_RATINGS_A.length - 1],
      `${at}.cableMaxCurrentA`,
      0,
    );
    return {
      id,
      connector: e.connector,
      maxCurrentA,
      phases: e.phases,
      evMaxCurrentA,
      cableMaxCurrentA,
      cableLingerMs,
      evReactionMs,
      contactorSettleMs,
      lockMs,
      voltageV,
    };
  });
}
