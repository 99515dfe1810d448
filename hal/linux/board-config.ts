import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { createRequire } from 'node:module';
import { HalError } from '../errors.js';
import { pointerGet } from '../json-pointer.js';
import type { ConnectorKind } from '../types.js';
import type { LinuxContactorConfig } from './contactor.js';
import type { LinuxLockConfig } from './connector-lock.js';
import type { LinuxPilotConfig } from './control-pilot.js';
import type { LinuxProximityConfig } from './proximity.js';
import type { LinuxRcdConfig } from './rcd.js';

/** TypeScript view of hal/board.schema.json (the schema is what is enforced; keep the two in step). */
export type GpioBackendName = 'onoff' | 'chardev' | 'fake';

export interface ModbusRtuMeterConfig {
  kind: 'modbus-rtu';
  port: string;
  baudRate: number;
  parity: 'none' | 'even' | 'odd';
  dataBits: 7 | 8;
  stopBits: 1 | 2;
  model: string;
  unitId: number;
}
export interface ModbusTcpMeterConfig {
  kind: 'modbus-tcp';
  host: string;
  port: number;
  model: string;
  unitId: number;
}
export type MeterConfig = ModbusRtuMeterConfig | ModbusTcpMeterConfig;

export interface ReaderConfig {
  kind: string;
  [setting: string]: unknown;
}

export interface LinuxEvseConfig {
  id: number;
  connector: ConnectorKind;
  contactor: LinuxContactorConfig;
  rcd?: LinuxRcdConfig;
  lock?: LinuxLockConfig;
  pilot: LinuxPilotConfig;
  proximity?: LinuxProximityConfig;
  meter: MeterConfig;
  reader?: ReaderConfig;
}

export interface LinuxBoardConfig {
  driver: 'linux';
  name?: string;
  description?: string;
  gpio: {
    backend: GpioBackendName;
    chip?: string;
    sysfsRoot?: string;
    tools?: { gpioset?: string; gpioget?: string; gpiomon?: string };
  };
  evses: LinuxEvseConfig[];
}

export interface SimBoardConfig {
  driver: 'sim';
  name?: string;
  description?: string;
  sim?: {
    cableLingerMs?: number;
    evReactionMs?: number;
    evMaxCurrentA?: number;
    contactorSettleMs?: number;
    lockMs?: number;
    voltageV?: number;
    stateFile?: string | null;
  };
}

export type BoardConfig = LinuxBoardConfig | SimBoardConfig;

export const BOARD_SCHEMA_URL = new URL('../board.schema.json', import.meta.url);

/** URL of a shipped profile (hal/boards/<name>.json). */
export function boardProfileUrl(name: string): URL {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new HalError('BAD_CONFIG', `board profile name ${JSON.stringify(name)} is not a plain name`);
  return new URL(`../boards/${name}.json`, import.meta.url);
}

/** One problem of a board profile: the JSON pointer inside the profile, the value found there and the rule. */
export interface BoardProblem {
  pointer: string;
  value: unknown;
  rule: string;
}

/** HalError BAD_CONFIG whose message has one "  /pointer: rule" line per problem, with the problems attached. */
export class BoardConfigError extends HalError {
  constructor(
    readonly problems: BoardProblem[],
    source?: string,
  ) {
    super('BAD_CONFIG', `invalid board profile${source ? ` ${source}` : ''}:\n  ${problems.map((p) => `${p.pointer || '(root)'}: ${p.rule}`).join('\n  ')}`, { part: 'board' });
  }
}

function describe(e: ErrorObject, root: unknown): BoardProblem {
  let pointer = e.instancePath;
  let rule = `${e.message ?? 'is invalid'} (${e.keyword})`;
  if (e.keyword === 'required') {
    pointer = `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`;
    rule = 'is required';
  } else if (e.keyword === 'additionalProperties') {
    pointer = `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    rule = 'is not a known setting';
  } else if (e.keyword === 'enum') {
    rule = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return { pointer, value: e.keyword === 'required' ? undefined : pointerGet(root, pointer), rule };
}

export type BoardChecker = (raw: unknown) => BoardProblem[];

/**
 * Every problem of a board profile (schema and the rules below), none thrown. One per caller: no module-level
 * ajv state.
 */
export function createBoardChecker(): BoardChecker {
  // ajv required here, not imported: the config loader imports this module for every station, and only a board
  // profile needs ajv's compiler (a simulated station never loads it).
  const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const validate = ajv.compile(JSON.parse(readFileSync(BOARD_SCHEMA_URL, 'utf8')));
  return (raw) => {
    const problems: BoardProblem[] = [];
    if (!validate(raw)) {
      // if/then/else add a summary error ("must match then schema") beside the real ones.
      const seen = new Set<string>();
      for (const e of validate.errors ?? []) {
        if (e.keyword === 'if') continue;
        const p = describe(e, raw);
        const key = `${p.pointer}\n${p.rule}`;
        if (!seen.has(key)) problems.push(p);
        seen.add(key);
      }
    }
    const cfg = raw as Partial<LinuxBoardConfig> | null;
    if (cfg && typeof cfg === 'object' && cfg.driver === 'linux') problems.push(...linuxSemantics(cfg));
    return problems;
  };
}

export type BoardValidator = (raw: unknown, source?: string) => BoardConfig;

/**
 * Validator for board profiles; throws BoardConfigError (HalError BAD_CONFIG) whose message lists each problem
 * as "/evses/0/pilot/adc/gain: is required" and whose `problems` carry the values found.
 */
export function createBoardValidator(): BoardValidator {
  const check = createBoardChecker();
  return (raw, source) => {
    const problems = check(raw);
    if (problems.length > 0) throw new BoardConfigError(problems, source);
    return raw as BoardConfig;
  };
}

type LineRef = { line?: unknown; chip?: unknown } | undefined;

/**
 * What the schema cannot say: unique ids, and no GPIO line used twice. Also run on a profile the schema refused
 * (so a duplicate pin shows beside a missing field), hence every access is guarded.
 */
function linuxSemantics(cfg: Partial<LinuxBoardConfig>): BoardProblem[] {
  const problems: BoardProblem[] = [];
  const ids = new Set<unknown>();
  const lines = new Map<string, string>();
  const defaultChip = cfg.gpio && typeof cfg.gpio === 'object' ? (cfg.gpio.chip ?? '') : '';
  const use = (path: string, l: LineRef): void => {
    if (!l || typeof l !== 'object' || typeof l.line !== 'number') return;
    const key = `${String(l.chip ?? defaultChip)}:${l.line}`;
    const prev = lines.get(key);
    if (prev) problems.push({ pointer: `${path}/line`, value: l.line, rule: `line ${l.line} is already used by ${prev}` });
    else lines.set(key, path);
  };
  const each = (path: string, list: unknown): void => {
    if (Array.isArray(list)) list.forEach((o: LineRef, k) => use(`${path}/${k}`, o));
  };
  if (!Array.isArray(cfg.evses)) return problems;
  cfg.evses.forEach((e: Partial<LinuxEvseConfig> | null, i) => {
    if (!e || typeof e !== 'object') return;
    const at = `/evses/${i}`;
    if (ids.has(e.id)) problems.push({ pointer: `${at}/id`, value: e.id, rule: `${String(e.id)} is used twice` });
    ids.add(e.id);
    each(`${at}/contactor/outputs`, e.contactor?.outputs);
    each(`${at}/contactor/feedback`, e.contactor?.feedback);
    use(`${at}/rcd/trip`, e.rcd?.trip);
    use(`${at}/rcd/test`, e.rcd?.test);
    use(`${at}/lock/lockOutput`, e.lock?.lockOutput);
    use(`${at}/lock/unlockOutput`, e.lock?.unlockOutput);
    use(`${at}/lock/feedback`, e.lock?.feedback);
    const p = e.pilot;
    if (p && typeof p === 'object') {
      const sampleMs = typeof p.sampleMs === 'number' ? p.sampleMs : 10;
      const debounce = typeof p.debounceSamples === 'number' ? p.debounceSamples : 3;
      if (sampleMs * debounce > 60) problems.push({ pointer: `${at}/pilot`, value: { sampleMs, debounceSamples: debounce }, rule: 'sampleMs × debounceSamples must be ≤ 60 ms' });
    }
  });
  return problems;
}

/** Read and validate a board profile file (a path or URL). */
export function loadBoardFile(file: string | URL, validator: BoardValidator = createBoardValidator()): BoardConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new HalError('BAD_CONFIG', `cannot read board profile ${String(file)}: ${(cause as Error).message}`, { part: 'board', cause });
  }
  return validator(raw, String(file));
}
