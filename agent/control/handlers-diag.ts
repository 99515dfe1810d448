/**
 * What a technician collects on site and sends on: logs (logs.source, logs.tail), the diagnostics content
 * (diagnostics.collect) and the configuration (config.export, config.import). Read-only except config.import.
 *
 * The agent assembles the content because it runs as the service user and owns the database; chargerctl only
 * writes files. Nothing here returns a secret: the config goes through redactConfig, OCPP keys the station treats
 * as secret are never listed, and the collected text is checked for the configured secret values before it
 * leaves (a hit is replaced, and counted, rather than sent).
 *
 * `chargerctl logs --follow` polls logs.tail {after: seq} over the ordinary request/response protocol (one
 * connection per call, every 500 ms) instead of a streaming method: the protocol, the client and the access
 * checks stay one request, one reply, and a follower that stops polling costs the agent nothing.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ControlContext } from './context.js';
import { configSecrets, redactConfig, REDACTED } from '../config/redact.js';
import type { LogRing } from '../log-ring.js';
import { chargerdVersion } from '../version.js';
import { isSecretKey } from '../ocpp/frame-trace.js';
import { ControlError, isPlainObject, type ControlParams } from './protocol.js';

/** Where the full log is: a systemd unit's journal (chargerctl asks journalctl), else only the agent's ring. */
export type LogSource = { kind: 'journal'; unit: string } | { kind: 'ring' };

export interface DiagDeps {
  ring: LogRing | null;
  source: LogSource;
}

export const LOG_TAIL_MAX = 5000;
export const CONFIG_EXPORT_FORMAT = 'chargerd-config/1';

type DiagHandler = (params: ControlParams, ctx: ControlContext) => unknown | Promise<unknown>;

export function createDiagHandlers(d: DiagDeps): Record<string, DiagHandler> {
  return {
    'logs.source': (p) => {
      expectParams(p, []);
      return d.source.kind === 'journal' ? { source: 'journal', unit: d.source.unit } : { source: 'ring', last: d.ring?.last ?? 0 };
    },
    'logs.tail': (p) => {
      expectParams(p, ['after', 'limit', 'since']);
      if (!d.ring) throw new ControlError('NOT_AVAILABLE', 'this agent keeps no log lines (it was started without a log ring)');
      const after = intParam(p, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = intParam(p, 'limit', 500, 1, LOG_TAIL_MAX);
      const since = p.since === undefined ? null : timeParam(p.since);
      const lines = d.ring.since(after).filter((l) => since === null || lineTime(l.line) >= since);
      return { source: d.source.kind, last: d.ring.last, lines: lines.slice(-limit) };
    },
    'diagnostics.collect': async (p, ctx) => {
      expectParams(p, []);
      return collect(d, ctx);
    },
    'config.export': (p, ctx) => {
      expectParams(p, []);
      return configExport(ctx);
    },
    'config.import': (p, ctx) => {
      expectParams(p, ['config']);
      return configImport(ctx, p.config);
    },
  };
}

function configExport(ctx: ControlContext) {
  const ocppKeys: Record<string, string> = {};
  const readOnly: Record<string, string> = {};
  for (const def of ctx.profile.keys.keys()) {
    if (isSecretKey(def.key)) continue;
    const v = ctx.profile.keys.get(def.key)!;
    (v.readonly ? readOnly : ocppKeys)[v.key] = v.value;
  }
  return {
    format: CONFIG_EXPORT_FORMAT,
    chargePointId: ctx.config.chargePointId,
    ocppVersion: ctx.profile.version,
    exportedAt: ctx.clock.now().toISOString(),
    ocppKeys,
    readOnlyKeys: readOnly,
    // Secrets are write-only: never exported, and set by the CSMS or in the config file only.
    writeOnlyKeys: ctx.profile.keys.keys().filter((d) => isSecretKey(d.key)).map((d) => d.key),
    agent: redactConfig(ctx.config),
  };
}

interface ImportProblem {
  key: string;
  reason: string;
}

/**
 * All or nothing: every key is checked with the same validation as ChangeConfiguration before any is set. What
 * import takes: `ocppKeys` (read-write keys). Read-only keys (`readOnlyKeys`, or in `ocppKeys`) are accepted only
 * with the station's own value, so an export imports back on the same station; the `agent` section is the
 * config file's business (root-owned, read at start) and is not applied, which the reply says.
 */
function configImport(ctx: ControlContext, raw: unknown) {
  if (!isPlainObject(raw)) throw new ControlError('BAD_PARAMS', 'config must be a JSON object (what config export writes)');
  if (raw.format !== undefined && raw.format !== CONFIG_EXPORT_FORMAT) throw new ControlError('BAD_PARAMS', `format must be "${CONFIG_EXPORT_FORMAT}", got ${JSON.stringify(raw.format)}`);
  const known = ['format', 'chargePointId', 'ocppVersion', 'exportedAt', 'ocppKeys', 'readOnlyKeys', 'writeOnlyKeys', 'agent'];
  const problems: ImportProblem[] = Object.keys(raw)
    .filter((k) => !known.includes(k))
    .map((k) => ({ key: k, reason: `unknown section (expected ${known.join(', ')})` }));
  // 1.6 keys and 2.0.1 variables have other names: an export of the other version cannot mean the same settings.
  if (raw.ocppVersion !== undefined && raw.ocppVersion !== ctx.profile.version) {
    problems.push({ key: 'ocppVersion', reason: `exported from an OCPP ${String(raw.ocppVersion)} station; this one speaks OCPP ${ctx.profile.version}` });
  }
  const keys = raw.ocppKeys ?? {};
  const readOnly = raw.readOnlyKeys ?? {};
  if (!isPlainObject(keys)) problems.push({ key: 'ocppKeys', reason: 'must be an object of key: value' });
  if (!isPlainObject(readOnly)) problems.push({ key: 'readOnlyKeys', reason: 'must be an object of key: value' });
  const changes: { key: string; value: string }[] = [];
  let unchanged = 0;
  const entries = [...Object.entries(isPlainObject(keys) ? keys : {}), ...Object.entries(isPlainObject(readOnly) ? readOnly : {})];
  for (const [key, v] of entries) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      problems.push({ key, reason: 'value must be a string, number or boolean' });
      continue;
    }
    const value = String(v);
    if (isSecretKey(key)) {
      problems.push({ key, reason: 'a secret key is write-only here: set it with ChangeConfiguration from the CSMS or in the config file' });
      continue;
    }
    const current = ctx.profile.keys.get(key);
    if (current && current.value === value) {
      unchanged++;
      continue;
    }
    const checked = ctx.profile.keys.check(key, value);
    if (checked.status === 'Accepted' || checked.status === 'RebootRequired') changes.push({ key, value });
    else problems.push({ key, reason: checked.reason ?? checked.status });
  }
  if (problems.length > 0) return { applied: false, problems, changed: [], unchanged: 0, rebootRequired: [], notApplied: [] };
  const rebootRequired: string[] = [];
  for (const c of changes) {
    const r = ctx.profile.keys.set(c.key, c.value);
    if (r.status === 'RebootRequired') rebootRequired.push(c.key);
  }
  return { applied: true, problems: [], changed: changes.map((c) => c.key), unchanged, rebootRequired, notApplied: raw.agent !== undefined ? ['agent'] : [] };
}

async function collect(d: DiagDeps, ctx: ControlContext) {
  const now = ctx.clock.now();
  const files: Record<string, string> = {};
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  files['config.json'] = json(redactConfig(ctx.config));
  files['ocpp-keys.json'] = json(configExport(ctx));
  files['logs.jsonl'] = d.ring ? d.ring.since(0).map((l) => `${l.line}\n`).join('') : '';
  files['log-source.json'] = json(d.source);
  files['database.json'] = json(databaseSummary(ctx));
  files['versions.json'] = json(versions());
  files['status.json'] = json(status(ctx));
  files['board-probe.json'] = json(await boardProbe(ctx));
  // The last check before anything leaves: a configured secret found anywhere is cut out and counted.
  let leaks = 0;
  for (const s of configSecrets(ctx.config)) {
    for (const [name, text] of Object.entries(files)) {
      if (text.includes(s)) {
        leaks++;
        files[name] = text.split(s).join(REDACTED);
      }
    }
  }
  return { chargePointId: ctx.config.chargePointId, createdAt: now.toISOString(), secretsRemoved: leaks, files };
}

function status(ctx: ControlContext) {
  const q = ctx.store.queue.stats();
  return {
    chargePointId: ctx.config.chargePointId,
    connection: { state: ctx.rpc.state, stats: ctx.rpc.stats() },
    registration: ctx.profile.registrationStatus(),
    time: ctx.clock.now().toISOString(),
    evses: ctx.station.evses().map((e) => e.snapshot()),
    queue: q,
  };
}

/**
 * A second, read-only connection: the store's own stays private to it, and WAL lets a reader look while the
 * agent writes. integrity_check runs on the event loop; on the agent's small database (a bounded queue and
 * journal) it takes milliseconds.
 */
function databaseSummary(ctx: ControlContext) {
  const path = join(ctx.config.dataDir, 'chargerd.db');
  const q = ctx.store.queue.stats();
  const summary: Record<string, unknown> = {
    path,
    queue: { depth: q.depth, deadLetters: q.deadLetters, oldestCreatedAt: q.oldestCreatedAt, thinned: q.thinned },
    openTransactions: ctx.store.journal.unfinished().length,
  };
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    summary.tables = Object.fromEntries(tables.map((t) => [t.name, (db!.prepare(`SELECT count(*) AS n FROM "${t.name.replace(/"/g, '""')}"`).get() as { n: number }).n]));
    summary.integrityCheck = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    summary.pageSize = db.pragma('page_size', { simple: true });
    summary.pageCount = db.pragma('page_count', { simple: true });
    summary.journalMode = db.pragma('journal_mode', { simple: true });
  } catch (err) {
    summary.error = (err as Error).message;
  } finally {
    db?.close();
  }
  return summary;
}

function versions() {
  let betterSqlite3 = 'unknown';
  let sqlite = 'unknown';
  try {
    betterSqlite3 = String((createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string }).version);
  } catch {
    // Reported as unknown.
  }
  try {
    const db = new Database(':memory:');
    sqlite = String(db.prepare('SELECT sqlite_version() AS v').pluck().get());
    db.close();
  } catch {
    // Reported as unknown.
  }
  return {
    chargerd: chargerdVersion(),
    node: process.version,
    os: { type: os.type(), release: os.release(), version: os.version(), arch: os.arch(), platform: os.platform() },
    betterSqlite3,
    sqlite,
  };
}

async function boardProbe(ctx: ControlContext) {
  const probe = ctx.extra?.['hal.probe'];
  if (!probe) return { available: false, driver: ctx.config.hal.driver, reason: `no board probe with hal.driver "${ctx.config.hal.driver}"` };
  try {
    return { available: true, driver: ctx.config.hal.driver, result: await probe({}, ctx) };
  } catch (err) {
    return { available: false, driver: ctx.config.hal.driver, reason: (err as Error).message };
  }
}

const TIME_FIELD = /"time":"([^"]+)"/;

function lineTime(line: string): number {
  const m = TIME_FIELD.exec(line);
  return m ? Date.parse(m[1]!) : 0;
}

function timeParam(v: unknown): number {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(t)) throw new ControlError('BAD_PARAMS', 'since must be an ISO 8601 time');
  return t;
}

function intParam(p: ControlParams, name: string, dflt: number, min: number, max: number): number {
  const v = p[name];
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new ControlError('BAD_PARAMS', `${name} must be an integer from ${min} to ${max}`);
  return v;
}

function expectParams(p: ControlParams, allowed: readonly string[]): void {
  const extra = Object.keys(p).filter((k) => !allowed.includes(k));
  if (extra.length) throw new ControlError('BAD_PARAMS', `unknown param(s) ${extra.join(', ')}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (this method takes none)'}`);
}
