import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { HalError } from '../errors.js';
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

function describe(e: ErrorObject): string {
  let field = e.instancePath || '(root)';
  let rule = e.message ?? 'is invalid';
  if (e.keyword === 'required') {
    field = `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`;
    rule = 'is required';
  } else if (e.keyword === 'additionalProperties') {
    field = `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`;
    rule = 'is not a known setting';
  } else if (e.keyword === 'enum') {
    rule = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${field}: ${rule} (${e.keyword})`;
}

export type BoardValidator = (raw: unknown, source?: string) => BoardConfig;

/**
 * Validator for board profiles; throws HalError BAD_CONFIG whose message lists each problem as
 * "/evses/0/pilot/adc/gain: is required". One per caller: no module-level ajv state.
 */
export function createBoardValidator(): BoardValidator {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const validate = ajv.compile(JSON.parse(readFileSync(BOARD_SCHEMA_URL, 'utf8')));
  return (raw, source) => {
    if (!validate(raw)) {
      // if/then/else add a summary error ("must match then schema") beside the real ones.
      const errs = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
      const lines = [...new Set(errs.map(describe))];
      throw new HalError('BAD_CONFIG', `invalid board profile${source ? ` ${source}` : ''}:\n  ${lines.join('\n  ')}`, { part: 'board' });
    }
    const cfg = raw as BoardConfig;
    if (cfg.driver === 'linux') checkLinuxSemantics(cfg, source);
    return cfg;
  };
}

/** What the schema cannot say: unique ids, and no GPIO line used twice. */
function checkLinuxSemantics(cfg: LinuxBoardConfig, source?: string): void {
  const problems: string[] = [];
  const ids = new Set<number>();
  const lines = new Map<string, string>();
  const use = (path: string, l: { line: number; chip?: string } | undefined): void => {
    if (!l) return;
    const key = `${l.chip ?? cfg.gpio.chip ?? ''}:${l.line}`;
    const prev = lines.get(key);
    if (prev) problems.push(`${path}: line ${l.line} is already used by ${prev}`);
    else lines.set(key, path);
  };
  cfg.evses.forEach((e, i) => {
    const at = `/evses/${i}`;
    if (ids.has(e.id)) problems.push(`${at}/id: ${e.id} is used twice`);
    ids.add(e.id);
    e.contactor.outputs.forEach((o, k) => use(`${at}/contactor/outputs/${k}`, o));
    (e.contactor.feedback ?? []).forEach((o, k) => use(`${at}/contactor/feedback/${k}`, o));
    use(`${at}/rcd/trip`, e.rcd?.trip);
    use(`${at}/rcd/test`, e.rcd?.test);
    use(`${at}/lock/lockOutput`, e.lock?.lockOutput);
    use(`${at}/lock/unlockOutput`, e.lock?.unlockOutput);
    use(`${at}/lock/feedback`, e.lock?.feedback);
    const p = e.pilot;
    if ((p.sampleMs ?? 10) * (p.debounceSamples ?? 3) > 60) problems.push(`${at}/pilot: sampleMs × debounceSamples must be ≤ 60 ms`);
  });
  if (problems.length > 0) throw new HalError('BAD_CONFIG', `invalid board profile${source ? ` ${source}` : ''}:\n  ${problems.join('\n  ')}`, { part: 'board' });
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
