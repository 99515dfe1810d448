/**
 * Meter model files (hal/meters/models/*.json): their type, and loading with validation against
 * model.schema.json plus the checks a schema cannot express (phase maps agree with `phases`, blocks fit the
 * read limit). A model is data: adding a meter never needs code. Models come built in (by name), or from a
 * manufacturer's own files outside the package (a path, or a name in a models directory), checked alike.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { HalError } from '../errors.js';
import { pointerGet } from '../json-pointer.js';
import type { Measurand, Phase } from '../types.js';

export type RegisterType = 'float32' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'int16' | 'uint16';
export type WordOrder = 'big' | 'little';

export interface RegisterSpec {
  /** 0-based protocol address; "0x...." strings are accepted in files, see registerAddress(). */
  register: number | string;
  words: 1 | 2 | 4;
  type: RegisterType;
  wordOrder: WordOrder;
  /** Multiplier from the raw number to `unit`. */
  scale: number;
  unit: string;
  notAvailable?: 'max';
}

export type PhaseMap = { L1: RegisterSpec } & Partial<Record<Phase, RegisterSpec>>;

export interface ModelMeasurands {
  energy: RegisterSpec;
  energyExport?: RegisterSpec;
  power?: RegisterSpec;
  powerPerPhase?: PhaseMap;
  current?: PhaseMap;
  voltage?: PhaseMap;
  frequency?: RegisterSpec;
}

export interface SerialDefaults {
  baudRate: number;
  parity: 'none' | 'even' | 'odd';
  dataBits: 7 | 8;
  stopBits: 1 | 2;
}

export interface ModelFile {
  model: string;
  vendor: string;
  phases: 1 | 3;
  functionCode: 3 | 4;
  defaults: { unitId: number; serial: SerialDefaults };
  limits?: { maxRegistersPerRead?: number; maxGapRegisters?: number };
  source: string;
  notes?: string;
  measurands: ModelMeasurands;
}

export const WORDS_OF_TYPE: Record<RegisterType, 1 | 2 | 4> = {
  int16: 1,
  uint16: 1,
  float32: 2,
  int32: 2,
  uint32: 2,
  int64: 4,
  uint64: 4,
};

/** Factor from a model unit to the MeterReading unit (Wh, W, A, V, Hz). */
export const UNIT_FACTORS: Record<string, number> = { Wh: 1, kWh: 1000, MWh: 1e6, W: 1, kW: 1000, A: 1, mA: 0.001, V: 1, Hz: 1 };

const PER_PHASE: readonly Measurand[] = ['powerPerPhase', 'current', 'voltage'];
const MODEL_NAME = /^[a-z0-9][a-z0-9_-]*$/;

export function registerAddress(spec: RegisterSpec): number {
  return typeof spec.register === 'number' ? spec.register : Number.parseInt(spec.register.slice(2), 16);
}

/** Every register of a model with its measurand path ('energy', 'current.L2', ...), in file order. */
export function modelFields(model: ModelFile): { path: string; spec: RegisterSpec }[] {
  const out: { path: string; spec: RegisterSpec }[] = [];
  for (const [name, value] of Object.entries(model.measurands)) {
    if (name === '$comment' || value === undefined) continue;
    if (PER_PHASE.includes(name as Measurand)) {
      for (const [phase, spec] of Object.entries(value as PhaseMap)) {
        if (phase !== '$comment' && spec) out.push({ path: `${name}.${phase}`, spec: spec as RegisterSpec });
      }
    } else {
      out.push({ path: name, spec: value as RegisterSpec });
    }
  }
  return out;
}

export function modelMeasurands(model: ModelFile): Measurand[] {
  return (Object.keys(model.measurands) as (Measurand | '$comment')[]).filter((k): k is Measurand => k !== '$comment');
}

/**
 * Compiled at the first model checked, then kept (a pure function): the config loader imports this module for
 * every station, and a simulated one never checks a model, so it must not pay ajv's compile at start-up.
 */
let compiled: ValidateFunction<ModelFile> | null = null;
function validateSchema(data: unknown): data is ModelFile {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile<ModelFile>(
    JSON.parse(readFileSync(new URL('./model.schema.json', import.meta.url), 'utf8')) as object,
  );
  return compiled(data);
}

/** One problem of a model: the JSON pointer inside the model ('' for the model as a whole), value found, rule. */
export interface ModelProblem {
  pointer: string;
  value: unknown;
  rule: string;
}

/** HalError BAD_CONFIG about one model (`label`, the file), with each problem attached. */
export class MeterModelError extends HalError {
  constructor(
    readonly label: string,
    readonly problems: ModelProblem[],
    heading = `meter model ${label} is invalid`,
    cause?: unknown,
  ) {
    super('BAD_CONFIG', problems.length === 1 && problems[0]!.pointer === '' ? problems[0]!.rule : `${heading}:\n  ${problems.map((p) => `${p.pointer || '(root)'}: ${p.rule}`).join('\n  ')}`, cause === undefined ? {} : { cause });
  }
}

/**
 * Validates an already-parsed model (schema + cross-field rules). Throws MeterModelError listing every
 * problem, naming `label` (the file) so a technician knows what to fix.
 */
export function validateModel(data: unknown, label: string): ModelFile {
  if (!validateSchema(data)) {
    const problems = (compiled?.errors ?? []).map((e) => ({ pointer: e.instancePath, value: pointerGet(data, e.instancePath), rule: e.message ?? e.keyword }));
    throw new MeterModelError(label, problems);
  }
  const model = data;
  const problems: ModelProblem[] = [];
  for (const name of PER_PHASE) {
    const map = model.measurands[name as keyof ModelMeasurands] as PhaseMap | undefined;
    if (!map) continue;
    const mapped = Object.keys(map).filter((k) => k !== '$comment');
    if (model.phases === 1 && (map.L2 || map.L3)) problems.push({ pointer: `/measurands/${name}`, value: mapped, rule: 'a single-phase model maps only L1' });
    if (model.phases === 3 && (!map.L2 || !map.L3)) problems.push({ pointer: `/measurands/${name}`, value: mapped, rule: 'a three-phase model maps L1, L2 and L3' });
  }
  const maxRead = model.limits?.maxRegistersPerRead ?? 125;
  for (const { path, spec } of modelFields(model)) {
    const address = registerAddress(spec);
    const at = `/measurands/${path.replace('.', '/')}`;
    if (spec.words !== WORDS_OF_TYPE[spec.type]) problems.push({ pointer: `${at}/words`, value: spec.words, rule: `${spec.type} spans ${WORDS_OF_TYPE[spec.type]} registers, not ${spec.words}` });
    if (address + spec.words > 0x10000) problems.push({ pointer: `${at}/register`, value: spec.register, rule: `register ${address} + ${spec.words} is past 65535` });
    if (spec.words > maxRead) problems.push({ pointer: `${at}/words`, value: spec.words, rule: `${spec.words} registers exceed limits.maxRegistersPerRead ${maxRead}` });
  }
  if (problems.length > 0) throw new MeterModelError(label, problems);
  return model;
}

/** URL of a shipped model file by name (e.g. 'eastron-sdm630'). */
export function modelUrl(name: string): URL {
  if (!MODEL_NAME.test(name)) throw new MeterModelError(name, [{ pointer: '', value: name, rule: `meter model name ${JSON.stringify(name)} is not a file name (a-z, 0-9, '-', '_')` }]);
  return new URL(`./models/${name}.json`, import.meta.url);
}

/** Where a manufacturer keeps register maps of its own, outside the package, so an upgrade leaves them alone. */
export const DEFAULT_MODELS_DIR = '/etc/chargerd/meters';

/** Where a `model` string that is not a built-in-only lookup is searched for. */
export interface ModelLookup {
  /** Directory a relative model path is taken from (the directory of the file that names the model). */
  baseDir?: string;
  /** Directory of models named without a path (NAME → DIR/NAME.json); consulted before the built-in models. */
  modelsDir?: string;
}

/** A model reference that names a file rather than a model: it has a slash or ends in .json. */
export function isModelPath(ref: string): boolean {
  return ref.includes('/') || ref.endsWith('.json');
}

/**
 * What a `model` string stands for, without reading it: a model file (absolute path) or a built-in model name.
 * A name found in the models directory wins over a built-in of the same name, so a manufacturer's corrected map
 * is not replaced behind its back when an upgrade ships a model with that name.
 */
export function resolveModelRef(ref: string, lookup: ModelLookup = {}): { file: string } | { name: string } {
  if (isModelPath(ref)) return { file: isAbsolute(ref) ? ref : resolvePath(lookup.baseDir ?? process.cwd(), ref) };
  if (lookup.modelsDir && MODEL_NAME.test(ref)) {
    const file = join(lookup.modelsDir, `${ref}.json`);
    if (existsSync(file)) return { file };
  }
  return { name: ref };
}

/**
 * Loads and validates a model: a built-in by name, a model file (a path; relative ones from lookup.baseDir), a
 * name from lookup.modelsDir, or a model object given inline. Every file is checked against the same schema and
 * rules as the built-in ones; errors name the file.
 */
export function loadModel(model: string | ModelFile, lookup: ModelLookup = {}): ModelFile {
  if (typeof model !== 'string') return validateModel(model, `"${model.model ?? 'inline'}"`);
  const ref = resolveModelRef(model, lookup);
  if ('file' in ref) return loadModelFile(ref.file);
  let text: string;
  try {
    text = readFileSync(modelUrl(model), 'utf8');
  } catch (cause) {
    if (cause instanceof HalError) throw cause;
    const own = lookup.modelsDir ? `; ${lookup.modelsDir}: ${modelNamesIn(lookup.modelsDir).join(', ') || 'none'}` : '';
    throw new MeterModelError(model, [{ pointer: '', value: model, rule: `unknown meter model "${model}" (available: ${shippedModelNames().join(', ')}${own})` }], undefined, cause);
  }
  return parseModel(text, `${model}.json`, model);
}

/** Loads and validates a model file; `file` is the label of every error. */
export function loadModelFile(file: string): ModelFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new MeterModelError(file, [{ pointer: '', value: file, rule: `cannot read meter model file ${file}: ${(cause as Error).message}` }], undefined, cause);
  }
  return parseModel(text, file, file);
}

function parseModel(text: string, label: string, value: string): ModelFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new MeterModelError(label, [{ pointer: '', value, rule: `meter model ${label} is not JSON: ${(cause as Error).message}` }], undefined, cause);
  }
  return validateModel(data, label);
}

/** Model names in a models directory (none when it does not exist). */
export function modelNamesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json') && MODEL_NAME.test(f.slice(0, -'.json'.length)))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
  } catch {
    return [];
  }
}

/** Names of the shipped models (the template excluded). */
export function shippedModelNames(): string[] {
  return readdirSync(new URL('./models/', import.meta.url))
    .filter((f) => f.endsWith('.json') && f !== 'template.json')
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}
