import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import type { ChargerdConfig } from './generated.js';

export type { ChargerdConfig } from './generated.js';

/** The config after defaults: every field the agent reads is present. */
export interface ResolvedConfig {
  chargePointId: string;
  ocpp: Required<Omit<ChargerdConfig['ocpp'], 'basicAuthPassword'>> & { basicAuthPassword?: string };
  identity: NonNullable<ChargerdConfig['identity']> & { vendor: string; model: string };
  dataDir: string;
  controlSocket: string;
  log: { level: NonNullable<NonNullable<ChargerdConfig['log']>['level']>; pretty: boolean };
  hal: { driver: 'sim' | 'linux'; sim: { cableLingerMs: number; evReactionMs: number; evMaxCurrentA: number }; [board: string]: unknown };
  evses: { id: number; maxCurrentA: number; phases: 1 | 3; connector: 'socket' | 'cable' }[];
  ocppKeys: Record<string, string>;
  meterFaultAction: 'stop' | 'continue';
  queueMaxMessages: number;
  reset: { hardResetCommand: string[] };
}

/** A config problem, with the JSON pointer of the field, the value found and the rule it breaks. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly problems: { field: string; value: unknown; rule: string }[],
    readonly file?: string,
  ) {
    super(
      `invalid config${file ? ` ${file}` : ''}:\n` +
        problems.map((p) => `  ${p.field || '(root)'}: ${p.rule}${p.value === undefined ? '' : ` (found ${JSON.stringify(p.value)})`}`).join('\n'),
    );
  }
}

const schema = JSON.parse(readFileSync(new URL('./config.schema.json', import.meta.url), 'utf8'));

function describe(e: ErrorObject, root: unknown): { field: string; value: unknown; rule: string } {
  let field = e.instancePath;
  let rule: string;
  switch (e.keyword) {
    case 'required':
      field = `${field}/${(e.params as { missingProperty: string }).missingProperty}`;
      rule = 'is required';
      break;
    case 'additionalProperties':
      field = `${field}/${(e.params as { additionalProperty: string }).additionalProperty}`;
      rule = 'is not a known setting (check the spelling; see README "Configuration")';
      break;
    case 'enum':
      rule = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    default:
      rule = `${e.message ?? 'is invalid'} (${e.keyword})`;
  }
  return { field, value: e.keyword === 'required' || e.keyword === 'additionalProperties' ? undefined : pointerGet(root, e.instancePath), rule };
}

function pointerGet(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const part of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

/** Per-instance validator (no module-level ajv state, so stations in one process share nothing mutable). */
export function createConfigValidator(): (raw: unknown, file?: string) => ResolvedConfig {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  return (raw, file) => {
    const copy = structuredClone(raw);
    const original = structuredClone(raw);
    if (!validate(copy)) throw new ConfigError((validate.errors ?? []).map((e) => describe(e, original)), file);
    return checkSemantics(copy as ChargerdConfig, file);
  };
}

function checkSemantics(c: ChargerdConfig, file?: string): ResolvedConfig {
  const problems: { field: string; value: unknown; rule: string }[] = [];
  c.evses.forEach((e, i) => {
    if (e.id !== i + 1) problems.push({ field: `/evses/${i}/id`, value: e.id, rule: `EVSE ids must be 1..n in order (expected ${i + 1})` });
  });
  const sp = c.ocpp.securityProfile ?? 0;
  if ((sp === 1 || sp === 2) && !c.ocpp.basicAuthPassword)
    problems.push({ field: '/ocpp/basicAuthPassword', value: undefined, rule: `is required for security profile ${sp}` });
  if (sp >= 2 && !c.ocpp.csmsUrl.startsWith('wss://'))
    problems.push({ field: '/ocpp/csmsUrl', value: c.ocpp.csmsUrl, rule: `must be a wss:// URL for security profile ${sp}` });
  if (sp < 2 && c.ocpp.csmsUrl.startsWith('wss://') && sp !== 0)
    problems.push({ field: '/ocpp/securityProfile', value: sp, rule: 'a wss:// URL needs security profile 2 or 3 (or 0 for plain TLS without auth)' });
  if ((c.ocpp.reconnectMinS ?? 1) > (c.ocpp.reconnectMaxS ?? 60))
    problems.push({ field: '/ocpp/reconnectMinS', value: c.ocpp.reconnectMinS, rule: 'must not exceed reconnectMaxS' });
  if (problems.length) throw new ConfigError(problems, file);

  const ocppKeys: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.ocppKeys ?? {})) ocppKeys[k] = String(v);
  const hal = c.hal as ResolvedConfig['hal'];
  return {
    chargePointId: c.chargePointId,
    ocpp: c.ocpp as ResolvedConfig['ocpp'],
    identity: c.identity as ResolvedConfig['identity'],
    dataDir: c.dataDir!,
    controlSocket: c.controlSocket!,
    log: c.log as ResolvedConfig['log'],
    hal: { ...hal, sim: (hal.sim ?? { cableLingerMs: 2000, evReactionMs: 200, evMaxCurrentA: 32 }) as ResolvedConfig['hal']['sim'] },
    evses: c.evses as ResolvedConfig['evses'],
    ocppKeys,
    meterFaultAction: c.meterFaultAction!,
    queueMaxMessages: c.queueMaxMessages!,
    reset: { hardResetCommand: c.reset?.hardResetCommand ?? [] },
  };
}

/** Read and validate a config file; every problem is reported with its field, value and rule. */
export function loadConfigFile(path: string): ResolvedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([{ field: '', value: undefined, rule: `cannot read file: ${(err as Error).message}` }], path);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError([{ field: '', value: undefined, rule: `not valid JSON: ${(err as Error).message}` }], path);
  }
  return createConfigValidator()(raw, path);
}
