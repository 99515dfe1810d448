import { accessSync, constants, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import { createRequire } from 'node:module';
import { ConfigError, type ConfigProblem } from './error.js';
import type { ChargerdConfig } from './generated.js';
import { DEFAULT_ADMIN_GROUP, adminSocketPathFor } from './control-sockets.js';
import { inspectBoard } from '../hal-linux-board.js';
import { readerProblems } from '../hal-linux-rfid-config.js';
import { escapePointer, pointerGet } from '../../hal/json-pointer.js';

export type { ChargerdConfig } from './generated.js';
export { ConfigError, type ConfigProblem } from './error.js';

/** The config after defaults: every field the agent reads is present. */
export interface ResolvedConfig {
  chargePointId: string;
  ocpp: Required<Omit<ChargerdConfig['ocpp'], 'basicAuthPassword'>> & { basicAuthPassword?: string };
  identity: NonNullable<ChargerdConfig['identity']> & { vendor: string; model: string };
  dataDir: string;
  controlSocket: string;
  /** The admin socket (every method) and its group; controlSocket serves the read-only methods. */
  control: { adminSocket: string; adminGroup: string };
  log: { level: NonNullable<NonNullable<ChargerdConfig['log']>['level']>; pretty: boolean; frames: boolean };
  hal: { driver: 'sim' | 'linux'; sim: { cableLingerMs: number; evReactionMs: number; evMaxCurrentA: number }; meterModelsDir?: string; dryRun?: boolean; [board: string]: unknown };
  evses: { id: number; maxCurrentA: number; phases: 1 | 3; connector: 'socket' | 'cable'; freeVend?: string }[];
  ocppKeys: Record<string, string>;
  meterFaultAction: 'stop' | 'continue';
  queueMaxMessages: number;
  reset: { hardResetCommand: string[] };
  /** The MQTT bridge; null when the config has no `mqtt`. */
  mqtt: ResolvedMqttConfig | null;
  /** Site sharing and the CSMS failsafe (agent/station/site-shares.ts, failsafe.ts). */
  loadManagement: {
    sharing: { limit: { currentA: number } | { powerW: number } | null; policy: 'equalShare' | 'firstComeFirstServed'; reallocate: boolean; rebalanceIntervalS: number; marginA: number };
    failsafe: { afterS: number; limitA: number } | null;
  };
  /** The file this config was read from (absent for a config checked in memory): relative paths in it start at its directory. */
  configFile?: string;
}

export interface ResolvedMqttConfig {
  url: string;
  username?: string;
  password?: string;
  clientId: string;
  topicPrefix: string;
  homeAssistant: boolean;
  tls: { ca?: string; cert?: string; key?: string; rejectUnauthorized: boolean };
  qos: 0 | 1 | 2;
  keepaliveS: number;
}


function describe(e: ErrorObject, root: unknown): ConfigProblem {
  let field = e.instancePath;
  let rule: string;
  switch (e.keyword) {
    case 'required':
      field = `${field}/${(e.params as { missingProperty: string }).missingProperty}`;
      rule = 'is required';
      break;
    case 'additionalProperties':
      field = `${field}/${escapePointer((e.params as { additionalProperty: string }).additionalProperty)}`;
      rule = 'is not a known setting (check the spelling; see README "Configuration")';
      break;
    case 'enum':
      rule = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    default:
      rule = `${e.message ?? 'is invalid'} (${e.keyword})`;
  }
  return { field, value: e.keyword === 'required' ? undefined : pointerGet(root, field), rule };
}

type Checked = { config: ChargerdConfig; problems: ConfigProblem[] };

/**
 * Schema and cross-field problems together. The cross-field checks also run on a config the schema refused, so
 * they look before they touch: a report lists everything wrong, not what the first failing check got to.
 */
function checker(): (raw: unknown) => Checked {
  // Generated at build time from config.schema.json (scripts/gen-validators.mjs): compiling it here cost every
  // start ajv's compiler and tens of ms. The generated function keeps no state between calls beyond its errors.
  const validate = createRequire(import.meta.url)('./config-validator.cjs') as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
  return (raw) => {
    const copy = structuredClone(raw);
    const problems = validate(copy) ? [] : (validate.errors ?? []).map((e) => describe(e, raw));
    problems.push(...semanticProblems(copy));
    return { config: copy as ChargerdConfig, problems };
  };
}

/** Per-instance validator (no module-level ajv state, so stations in one process share nothing mutable). */
export function createConfigValidator(): (raw: unknown, file?: string) => ResolvedConfig {
  const check = checker();
  return (raw, file) => {
    const { config, problems } = check(raw);
    if (problems.length) throw new ConfigError(problems, file);
    return resolved(config);
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function semanticProblems(raw: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!isObject(raw)) return problems;
  if (Array.isArray(raw.evses)) {
    raw.evses.forEach((e: unknown, i) => {
      if (isObject(e) && typeof e.id === 'number' && e.id !== i + 1) problems.push({ field: `/evses/${i}/id`, value: e.id, rule: `EVSE ids must be 1..n in order (expected ${i + 1})` });
    });
  }
  problems.push(...readerProblems(raw));
  const lm = isObject(raw.loadManagement) ? raw.loadManagement : null;
  if (lm && lm.siteLimitA !== undefined && lm.siteLimitW !== undefined)
    problems.push({ field: '/loadManagement/siteLimitW', value: lm.siteLimitW, rule: 'give the site limit once: siteLimitA or siteLimitW, not both' });
  // A dry run only means something for a board profile: on the simulator it would be silently ignored.
  if (isObject(raw.hal) && raw.hal.dryRun === true && raw.hal.driver !== 'linux')
    problems.push({ field: '/hal/dryRun', value: true, rule: 'needs hal.driver "linux" (a board profile to run on stand-ins); the simulator drives no hardware anyway' });
  const tls = isObject(raw.mqtt) && isObject(raw.mqtt.tls) ? raw.mqtt.tls : null;
  if (tls && (tls.cert === undefined) !== (tls.key === undefined))
    problems.push({ field: tls.cert === undefined ? '/mqtt/tls/cert' : '/mqtt/tls/key', value: undefined, rule: 'a client certificate needs its key, and a key its certificate' });
  // A CA or client certificate next to a plain URL would be ignored, and the link would run without the TLS its
  // author meant: refuse it instead.
  const mqttUrl = isObject(raw.mqtt) && typeof raw.mqtt.url === 'string' ? raw.mqtt.url : null;
  const tlsFiles = tls ? ['ca', 'cert', 'key'].filter((k) => tls[k] !== undefined) : [];
  if (mqttUrl !== null && /^(mqtt|ws):\/\//i.test(mqttUrl) && tlsFiles.length > 0)
    problems.push({ field: '/mqtt/tls', value: tlsFiles.join(', '), rule: `is set, but the url ${mqttUrl.split(':')[0]}:// does not use TLS (use mqtts:// or wss://, or remove tls)` });
  const o = raw.ocpp;
  if (!isObject(o)) return problems;
  const sp = typeof o.securityProfile === 'number' ? o.securityProfile : 0;
  const url = typeof o.csmsUrl === 'string' ? o.csmsUrl : null;
  if ((sp === 1 || sp === 2) && !o.basicAuthPassword) problems.push({ field: '/ocpp/basicAuthPassword', value: undefined, rule: `is required for security profile ${sp}` });
  if (url !== null && sp >= 2 && !url.startsWith('wss://')) problems.push({ field: '/ocpp/csmsUrl', value: url, rule: `must be a wss:// URL for security profile ${sp}` });
  if (url !== null && sp < 2 && url.startsWith('wss://') && sp !== 0)
    problems.push({ field: '/ocpp/securityProfile', value: sp, rule: 'a wss:// URL needs security profile 2 or 3 (or 0 for plain TLS without auth)' });
  const min = typeof o.reconnectMinS === 'number' ? o.reconnectMinS : 1;
  const max = typeof o.reconnectMaxS === 'number' ? o.reconnectMaxS : 60;
  if (min > max) problems.push({ field: '/ocpp/reconnectMinS', value: o.reconnectMinS, rule: 'must not exceed reconnectMaxS' });
  return problems;
}

function resolved(c: ChargerdConfig): ResolvedConfig {
  const ocppKeys: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.ocppKeys ?? {})) ocppKeys[k] = String(v);
  const hal = c.hal as ResolvedConfig['hal'];
  return {
    chargePointId: c.chargePointId,
    ocpp: c.ocpp as ResolvedConfig['ocpp'],
    identity: c.identity as ResolvedConfig['identity'],
    dataDir: c.dataDir!,
    controlSocket: c.controlSocket!,
    control: { adminSocket: c.control?.adminSocket ?? adminSocketPathFor(c.controlSocket!), adminGroup: c.control?.adminGroup ?? DEFAULT_ADMIN_GROUP },
    log: c.log as ResolvedConfig['log'],
    hal: { ...hal, sim: (hal.sim ?? { cableLingerMs: 2000, evReactionMs: 200, evMaxCurrentA: 32 }) as ResolvedConfig['hal']['sim'] },
    evses: c.evses as ResolvedConfig['evses'],
    ocppKeys,
    meterFaultAction: c.meterFaultAction!,
    queueMaxMessages: c.queueMaxMessages!,
    reset: { hardResetCommand: c.reset?.hardResetCommand ?? [] },
    mqtt: c.mqtt ? resolvedMqtt(c.mqtt, c.chargePointId) : null,
    loadManagement: resolvedLoadManagement(c.loadManagement),
  };
}

function resolvedLoadManagement(m: ChargerdConfig['loadManagement']): ResolvedConfig['loadManagement'] {
  const limit = m?.siteLimitA !== undefined ? { currentA: m.siteLimitA } : m?.siteLimitW !== undefined ? { powerW: m.siteLimitW } : null;
  return {
    sharing: {
      limit,
      // The schema's defaults, also when the section is absent.
      policy: m?.policy ?? 'equalShare',
      reallocate: m?.reallocate ?? true,
      rebalanceIntervalS: m?.rebalanceIntervalS ?? 10,
      marginA: m?.marginA ?? 1,
    },
    failsafe: m?.failsafe ? { afterS: m.failsafe.afterS, limitA: m.failsafe.limitA } : null,
  };
}

function resolvedMqtt(m: NonNullable<ChargerdConfig['mqtt']>, id: string): ResolvedMqttConfig {
  return {
    url: m.url,
    ...(m.username !== undefined ? { username: m.username } : {}),
    ...(m.password !== undefined ? { password: m.password } : {}),
    clientId: m.clientId ?? `chargerd-${id}`,
    topicPrefix: m.topicPrefix ?? `chargerd/${id}`,
    homeAssistant: m.homeAssistant ?? true,
    tls: { ...m.tls, rejectUnauthorized: m.tls?.rejectUnauthorized ?? true },
    qos: (m.qos ?? 1) as 0 | 1 | 2,
    keepaliveS: m.keepaliveS ?? 30,
  };
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * `mkdir -p` that always ends. Node's recursive mkdir (sync and async alike) never returns when a directory that
 * exists refuses a child with ENOENT, as /proc does: it takes the ENOENT for a missing parent, creates the parent
 * (EEXIST), and tries the child again, for ever at 100 % CPU. Here each missing directory is tried once, top down.
 */
export function ensureDirectory(dir: string): void {
  const missing: string[] = [];
  for (let cur = resolve(dir); ; cur = dirname(cur)) {
    try {
      if (statSync(cur).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: ${cur} exists and is not a directory`), { code: 'ENOTDIR' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(cur) === cur) throw err;
      missing.push(cur);
    }
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (err) {
      // Another process may have made it meanwhile; a dangling symlink is EEXIST too, and is no directory.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !isDirectory(d)) throw err;
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A directory chargerd writes to: created if missing, and writable; else a problem naming the field. */
function directoryProblem(field: string, dir: string, what: string): ConfigProblem | null {
  try {
    ensureDirectory(dir);
  } catch (err) {
    return { field, value: what, rule: `cannot create directory ${dir}: ${errorText(err)}` };
  }
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    return { field, value: what, rule: `directory ${dir} is not writable: ${errorText(err)}` };
  }
  return null;
}

/** What only the files on this machine can tell: the directories, and (driver linux) the board and its meters. */
function machineProblems(c: ChargerdConfig, configFile: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (typeof c.dataDir === 'string') {
    const p = directoryProblem('/dataDir', c.dataDir, c.dataDir);
    if (p) problems.push(p);
  }
  if (typeof c.controlSocket === 'string') {
    const p = directoryProblem('/controlSocket', dirname(resolve(c.controlSocket)), c.controlSocket);
    if (p) problems.push(p);
  }
  if (isObject(c.control) && typeof c.control.adminSocket === 'string') {
    const p = directoryProblem('/control/adminSocket', dirname(resolve(c.control.adminSocket)), c.control.adminSocket);
    if (p) problems.push(p);
  }
  if (isObject(c.hal) && c.hal.driver === 'linux' && c.hal.board !== undefined) {
    const evses = Array.isArray(c.evses) ? c.evses.filter((e) => isObject(e) && typeof e.id === 'number') : undefined;
    const modelsDir = typeof c.hal.meterModelsDir === 'string' ? { modelsDir: c.hal.meterModelsDir } : {};
    problems.push(...inspectBoard(c.hal.board, { ...(evses ? { evses } : {}), parts: true, configFile, ...modelsDir }).problems);
  }
  return problems;
}

/**
 * Read and check a config file, and make the directories it names. Every problem (schema, cross-field, the
 * directories, the board profile and its meter models) comes back in one ConfigError, each with its field,
 * the value found and the rule, so one edit round fixes them all.
 */
export function loadConfigFile(path: string): ResolvedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([{ field: '', value: undefined, rule: `cannot read file: ${errorText(err)}` }], path);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError([{ field: '', value: undefined, rule: `not valid JSON: ${errorText(err)}` }], path);
  }
  const { config, problems } = checker()(raw);
  if (isObject(config)) problems.push(...machineProblems(config, path));
  if (problems.length) throw new ConfigError(problems, path);
  return { ...resolved(config), configFile: path };
}
