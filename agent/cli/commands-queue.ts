/**
 * The durable queue and the transaction journal as a technician sees them: `queue`, `queue list|dead|retry|export`,
 * `tx list`, `tx show`. Rows of the command table like every other command.
 *
 * The command line parser (args.ts) knows command options only as booleans: the value of `--limit N` or
 * `--out FILE` reaches parse() as a positional argument, in command-line order. The synopses are chosen so that
 * this is unambiguous, and where it could be (`queue export` with a file named like a choice) the command asks
 * rather than guesses.
 */
import { writeFile } from 'node:fs/promises';
import { EXPORT_KINDS, MAX_LIST_LIMIT, type ExportKind } from '../control/handlers-queue.js';
import type { CommandSpec, Invocation, LocalContext } from './command.js';
import { UsageError } from './errors.js';
import {
  renderExport,
  renderExportWritten,
  renderQueueDead,
  renderQueueList,
  renderQueueRetry,
  renderQueueStats,
  renderTxList,
  renderTxShow,
  summariseExport,
  type ExportWritten,
} from './render-queue.js';
import { expectNoMore, parseCiString } from './validate.js';

/** Longest transaction id accepted: a local id (UUID, 36) with its `local:` prefix, with room for other forms. */
const TX_ID_MAX = 64;

/** `[--limit N]` on a command without other arguments: N is the only positional argument. */
function parseLimit(args: readonly string[], flags: ReadonlySet<string>, hint: string): { limit?: number } {
  if (!flags.has('--limit')) {
    expectNoMore(args, 0, hint);
    return {};
  }
  const arg = args[0];
  if (arg === undefined) throw new UsageError('--limit needs a number', hint);
  expectNoMore(args, 1, hint);
  if (!/^[0-9]+$/.test(arg) || Number(arg) < 1 || Number(arg) > MAX_LIST_LIMIT) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIST_LIMIT}, got '${arg}'`, hint);
  }
  return { limit: Number(arg) };
}

const isKind = (a: string | undefined): a is ExportKind => a !== undefined && (EXPORT_KINDS as readonly string[]).includes(a);

/** `[dead|queue|all] [--out FILE]`, in either order; `all` when no kind is named. */
export function parseExportArgs(args: readonly string[], flags: ReadonlySet<string>, hint: string): { what: ExportKind; out: string | null } {
  const choices = EXPORT_KINDS.join(', ');
  if (!flags.has('--out')) {
    expectNoMore(args, 1, hint);
    const a = args[0];
    if (a === undefined) return { what: 'all', out: null };
    if (!isKind(a)) throw new UsageError(`what to export must be one of ${choices}, got '${a}'`, hint);
    return { what: a, out: null };
  }
  expectNoMore(args, 2, hint);
  const [a, b] = args;
  if (a === undefined) throw new UsageError('--out needs a FILE', hint);
  const ambiguous = (name: string) => new UsageError(`--out needs a FILE; for a file named '${name}' write ./${name}`, hint);
  if (b === undefined) {
    if (isKind(a)) throw ambiguous(a);
    return { what: 'all', out: a };
  }
  if (isKind(a) && isKind(b)) throw ambiguous(b);
  if (isKind(a)) return { what: a, out: b };
  if (isKind(b)) return { what: b, out: a };
  throw new UsageError(`what to export must be one of ${choices}, got '${a}'`, hint);
}

/** Fetch the export from the agent and write it: the file gets exactly what stdout would have shown. */
async function writeExport(inv: Invocation, ctx: LocalContext): Promise<ExportWritten> {
  const file = inv.params.out as string;
  const result = await ctx.call('queue.export', { what: inv.params.what });
  const counts = summariseExport(result);
  const text = renderExport(result);
  try {
    // idTags are personal data: a new file is readable by its owner only.
    await writeFile(file, text, { mode: 0o600 });
  } catch (err) {
    throw new Error(`cannot write ${file}: ${(err as Error).message}`);
  }
  return { file, bytes: Buffer.byteLength(text), ...counts };
}

const QUEUE_SUBCOMMANDS = ['list', 'dead', 'retry', 'export'];

const queueStats: CommandSpec = {
  path: ['queue'],
  args: '',
  summary: 'transaction message queue: depth, oldest age, dead letters, thinned count, sender',
  method: 'queue.stats',
  parse(args, _flags, hint) {
    // `queue` is also the group word of the commands below: a mistyped subcommand lands here.
    if (args[0] !== undefined) {
      throw new UsageError(`unknown queue command '${args[0]}' (one of ${QUEUE_SUBCOMMANDS.join(', ')})`, "Try 'chargerctl help queue'.");
    }
    expectNoMore(args, 0, hint);
    return { method: 'queue.stats', params: {} };
  },
  render: (r) => renderQueueStats(r),
};

const queueList: CommandSpec = {
  path: ['queue', 'list'],
  args: '[--limit N]',
  summary: `messages waiting to be sent, oldest first (default 20, at most ${MAX_LIST_LIMIT})`,
  method: 'queue.list',
  flags: ['--limit'],
  parse: (args, flags, hint) => ({ method: 'queue.list', params: parseLimit(args, flags, hint) }),
  render: (r) => renderQueueList(r),
};

const queueDead: CommandSpec = {
  path: ['queue', 'dead'],
  args: '[--limit N]',
  summary: 'dead letters: messages that failed every attempt, with the reason',
  method: 'queue.dead',
  flags: ['--limit'],
  parse: (args, flags, hint) => ({ method: 'queue.dead', params: parseLimit(args, flags, hint) }),
  render: (r) => renderQueueDead(r),
};

const queueRetry: CommandSpec = {
  path: ['queue', 'retry'],
  args: '',
  summary: 'move every dead letter back to the end of the queue and send again',
  method: 'queue.retry',
  parse(args, _flags, hint) {
    expectNoMore(args, 0, hint);
    return { method: 'queue.retry', params: {} };
  },
  render: (r) => renderQueueRetry(r),
};

const queueExport: CommandSpec = {
  path: ['queue', 'export'],
  args: `[${EXPORT_KINDS.join('|')}] [--out FILE]`,
  summary: 'full JSON of the messages with payloads and their transactions (default all), to stdout or FILE',
  method: 'queue.export',
  flags: ['--out'],
  parse(args, flags, hint) {
    const { what, out } = parseExportArgs(args, flags, hint);
    if (out === null) return { method: 'queue.export', params: { what } };
    return { method: 'queue.export', params: { what, out }, local: true };
  },
  local: (inv, ctx) => writeExport(inv, ctx),
  render: (r, inv) => (inv.local ? renderExportWritten(r) : renderExport(r)),
};

const txList: CommandSpec = {
  path: ['tx', 'list'],
  args: '[--open] [--limit N]',
  summary: 'transactions from the journal, newest first: energy, stop reason, send state (--open: running only)',
  method: 'tx.list',
  flags: ['--open', '--limit'],
  parse(args, flags, hint) {
    const params = { ...parseLimit(args, flags, hint), ...(flags.has('--open') ? { open: true } : {}) };
    return { method: 'tx.list', params };
  },
  render: (r) => renderTxList(r),
};

const txShow: CommandSpec = {
  path: ['tx', 'show'],
  args: 'ID',
  summary: 'one transaction by CSMS transaction id or local id, with its queued messages and dead letters',
  method: 'tx.show',
  parse(args, _flags, hint) {
    const id = parseCiString(args[0], 'ID', TX_ID_MAX, hint);
    expectNoMore(args, 1, hint);
    return { method: 'tx.show', params: { id } };
  },
  render: (r) => renderTxShow(r),
};

export const QUEUE_COMMANDS: readonly CommandSpec[] = [queueStats, queueList, queueDead, queueRetry, queueExport, txList, txShow];
