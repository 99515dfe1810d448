/**
 * What a technician collects and carries: `logs`, `diagnostics bundle`, `config export`, `config import`.
 * The agent assembles every content (it owns the database and the config, and removes the secrets);
 * chargerctl writes the files. Option values (`--since T`, `--out F`) reach parse() as positional arguments
 * (see commands-queue.ts): each command here takes at most one, so there is nothing to confuse.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isPlainObject } from '../control/protocol.js';
import type { CommandSpec, LocalContext } from './command.js';
import { UsageError } from './errors.js';
import { expectNoMore } from './validate.js';

/** Between two logs.tail calls of `logs --follow`: a technician reads, 0.5 s is live enough. */
export const FOLLOW_POLL_MS = 500;
/** The bundle's integrity check and log copy take longer than a status call. */
const COLLECT_TIMEOUT_MS = 60_000;

interface TailReply {
  source: string;
  last: number;
  lines: { seq: number; line: string }[];
}

/** `10m`, `1h`, `30s`, `2d` ago, or an ISO 8601 time; the result is an absolute time. */
export function parseSince(arg: string | undefined, now: number, hint: string): Date {
  if (arg === undefined) throw new UsageError('--since needs a time: 10m, 1h, 2d or an ISO 8601 time', hint);
  const rel = /^([0-9]+)([smhd])$/.exec(arg);
  if (rel) return new Date(now - Number(rel[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[rel[2] as 's' | 'm' | 'h' | 'd']);
  const t = /^\d{4}-\d{2}-\d{2}/.test(arg) ? Date.parse(arg) : NaN;
  if (!Number.isFinite(t)) throw new UsageError(`--since must be like 10m, 1h, 2d or an ISO 8601 time, got '${arg}'`, hint);
  return new Date(t);
}

const call = (ctx: LocalContext, method: string, params: Record<string, unknown>, timeoutMs = ctx.timeoutMs) => ctx.call(method, params, timeoutMs);

async function runLogs(params: Record<string, unknown>, ctx: LocalContext): Promise<unknown> {
  const source = (await call(ctx, 'logs.source', {})) as { source: string; unit?: string };
  const since = params.since as string | undefined;
  if (source.source === 'journal' && source.unit) {
    const argv = ['-u', source.unit, '-o', ctx.json ? 'json' : 'cat', '--no-pager'];
    if (since) argv.push('--since', `@${Math.floor(Date.parse(since) / 1000)}`);
    if (params.follow) argv.push('-f');
    const code = await new Promise<number>((res, rej) => {
      const p = spawn('journalctl', argv, { stdio: ['ignore', 'inherit', 'inherit'] });
      p.on('error', (err) => rej(new Error(`cannot run journalctl: ${err.message}`)));
      p.on('exit', (c) => res(c ?? 1));
    });
    if (code !== 0) throw new Error(`journalctl ${argv.join(' ')} exited ${code}`);
    return { source: 'journal', unit: source.unit, streamed: true };
  }
  const first = (await call(ctx, 'logs.tail', since ? { since, limit: 5000 } : { limit: 5000 })) as TailReply;
  if (!params.follow) return first;
  // Follow: print as lines come, until interrupted (chargerctl's exit is the end of the follow).
  const print = (r: TailReply) => {
    for (const l of r.lines) process.stdout.write(`${ctx.json ? JSON.stringify(l) : l.line}\n`);
  };
  print(first);
  let after = first.last;
  for (;;) {
    await new Promise((r) => setTimeout(r, FOLLOW_POLL_MS));
    const r = (await call(ctx, 'logs.tail', { after, limit: 5000 })) as TailReply;
    print(r);
    after = r.last;
  }
}

const logs: CommandSpec = {
  path: ['logs'],
  args: '[--follow] [--since 10m|1h|ISO-TIME]',
  summary: "the agent's log: journald's under systemd, else the agent's recent lines; --follow keeps printing",
  method: 'logs.tail',
  flags: ['--follow', '--since'],
  parse(args, flags, hint) {
    const params: Record<string, unknown> = { follow: flags.has('--follow') };
    if (flags.has('--since')) {
      params.since = parseSince(args[0], Date.now(), hint).toISOString();
      expectNoMore(args, 1, hint);
    } else expectNoMore(args, 0, hint);
    return { method: 'logs.tail', params, local: true };
  },
  local: (inv, ctx) => runLogs(inv.params, ctx),
  render: (r) => {
    const reply = r as Partial<TailReply> & { streamed?: boolean };
    if (reply.streamed) return '';
    return (reply.lines ?? []).map((l) => `${l.line}\n`).join('');
  },
};

/** UTC, file-name safe: 20261202T123456Z. */
const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

function tar(args: string[]): Promise<void> {
  return new Promise((res, rej) => {
    const p = spawn('tar', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.on('error', (e) => rej(new Error(`cannot run tar: ${e.message}`)));
    p.on('exit', (c) => (c === 0 ? res() : rej(new Error(`tar exited ${c}: ${err.trim()}`))));
  });
}

/**
 * The archive is written with Debian's tar (a base package, there on every controller image) from a private
 * temporary directory: a correct ustar/gzip writer of our own would be code to maintain for no gain.
 */
async function writeBundle(out: string | undefined, ctx: LocalContext) {
  const r = (await call(ctx, 'diagnostics.collect', {}, Math.max(ctx.timeoutMs, COLLECT_TIMEOUT_MS))) as { chargePointId: string; createdAt: string; secretsRemoved: number; files: Record<string, string> };
  if (!isPlainObject(r) || !isPlainObject(r.files)) throw new Error('unexpected reply from the agent to diagnostics.collect');
  const name = `chargerd-diag-${r.chargePointId.replace(/[^A-Za-z0-9._-]/g, '_')}-${stamp(new Date(r.createdAt))}`;
  const file = resolve(out ?? `${name}.tar.gz`);
  const tmp = await mkdtemp(join(tmpdir(), 'chargerctl-diag-'));
  try {
    await mkdir(join(tmp, name), { mode: 0o700 });
    for (const [f, text] of Object.entries(r.files)) {
      if (!/^[A-Za-z0-9._-]+$/.test(f)) throw new Error(`the agent named a bundle file '${f}'`);
      await writeFile(join(tmp, name, f), String(text), { mode: 0o600 });
    }
    await tar(['-czf', file, '-C', tmp, name]);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return { file, files: Object.keys(r.files), secretsRemoved: r.secretsRemoved };
}

const diagnosticsBundle: CommandSpec = {
  path: ['diagnostics', 'bundle'],
  args: '[--out FILE]',
  summary: 'one .tar.gz: config without secrets, recent logs, database summary and integrity check, versions, board probe, status',
  method: 'diagnostics.collect',
  flags: ['--out'],
  parse(args, flags, hint) {
    if (flags.has('--out')) {
      if (args[0] === undefined) throw new UsageError('--out needs a FILE', hint);
      expectNoMore(args, 1, hint);
      return { method: 'diagnostics.collect', params: { out: args[0] }, local: true };
    }
    expectNoMore(args, 0, hint);
    return { method: 'diagnostics.collect', params: {}, local: true };
  },
  local: (inv, ctx) => writeBundle(inv.params.out as string | undefined, ctx),
  render: (r) => {
    const w = r as { file: string; files: string[] };
    return `Wrote ${w.file} (${w.files.join(', ')})\n`;
  },
};

const configExport: CommandSpec = {
  path: ['config', 'export'],
  args: '[--out FILE]',
  summary: 'OCPP keys and agent settings as JSON (secrets left out), to stdout or FILE',
  method: 'config.export',
  flags: ['--out'],
  parse(args, flags, hint) {
    if (!flags.has('--out')) {
      expectNoMore(args, 0, hint);
      return { method: 'config.export', params: {} };
    }
    if (args[0] === undefined) throw new UsageError('--out needs a FILE', hint);
    expectNoMore(args, 1, hint);
    return { method: 'config.export', params: { out: args[0] }, local: true };
  },
  async local(inv, ctx) {
    const file = resolve(String(inv.params.out));
    const text = `${JSON.stringify(await call(ctx, 'config.export', {}), null, 2)}\n`;
    await writeFile(file, text, { mode: 0o600 }).catch((err: Error) => {
      throw new Error(`cannot write ${file}: ${err.message}`);
    });
    return { file, bytes: Buffer.byteLength(text) };
  },
  render: (r, inv) => (inv.local ? `Wrote ${(r as { file: string }).file}\n` : `${JSON.stringify(r, null, 2)}\n`),
};

interface ImportReply {
  applied: boolean;
  problems: { key: string; reason: string }[];
  changed: string[];
  unchanged: number;
  rebootRequired: string[];
  notApplied: string[];
}

const configImport: CommandSpec = {
  path: ['config', 'import'],
  args: 'FILE',
  summary: 'set the OCPP keys of FILE (as config export writes it): all checked first, nothing applied if one is refused',
  method: 'config.import',
  parse(args, _flags, hint) {
    if (args[0] === undefined) throw new UsageError('missing FILE', hint);
    expectNoMore(args, 1, hint);
    return { method: 'config.import', params: { file: args[0] }, local: true };
  },
  async local(inv, ctx) {
    const file = String(inv.params.file);
    let config: unknown;
    try {
      config = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      throw new Error(`cannot read ${file}: ${(err as Error).message}`);
    }
    return call(ctx, 'config.import', { config });
  },
  render: (r) => {
    const x = r as ImportReply;
    if (!x.applied) return `Nothing applied: ${x.problems.length} refused\n${x.problems.map((p) => `  ${p.key}: ${p.reason}\n`).join('')}`;
    const lines = [`Applied: ${x.changed.length} changed${x.changed.length ? ` (${x.changed.join(', ')})` : ''}, ${x.unchanged} unchanged`];
    if (x.rebootRequired.length) lines.push(`Takes effect after a reset: ${x.rebootRequired.join(', ')}`);
    if (x.notApplied.length) lines.push(`Not applied (edit the config file): ${x.notApplied.join(', ')}`);
    return `${lines.join('\n')}\n`;
  },
  failure: (r) => ((r as ImportReply).applied ? null : `config import refused: ${(r as ImportReply).problems.map((p) => p.key).join(', ')}`),
};

export const DIAG_COMMANDS: readonly CommandSpec[] = [logs, diagnosticsBundle, configExport, configImport];
