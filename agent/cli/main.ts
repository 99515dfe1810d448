import { SystemClock, type Clock } from '../clock/clock.js';
import { controlCallFirst } from '../control/client.js';
import { ControlError } from '../control/protocol.js';
import { parseArgv, type GlobalOptions } from './args.js';
import { DEFAULT_CONFIG_FILE, usageLine, type CommandSpec, type Invocation, type LocalContext } from './command.js';
import { COMMANDS } from './commands.js';
import { renderVersion, versionReport } from './commands-tech.js';
import { ReplyShapeError, UsageError } from './errors.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, exitCodeFor } from './exit-codes.js';
import type { CliIo } from './io.js';
import { resolveSocketPath, resolveSockets, socketCandidates } from './socket-path.js';
import { DEFAULT_TIMEOUT_MS, commandHelp, usageText } from './usage.js';
import { watch } from './watch.js';

export { EXIT_FAILED, EXIT_NO_ACCESS, EXIT_NO_AGENT, EXIT_OK, EXIT_USAGE } from './exit-codes.js';

const TRY_HELP = "Try 'chargerctl help'.";

/**
 * chargerctl's whole behaviour: parse `argv` (without node and script), call the agent, print, and return the
 * exit code. Never throws and never exits the process, so tests run it in-process.
 *
 * Every failure leaves through report(): a message on stderr, or under --json one `{"error": {...}}` object on
 * stdout, with the exit code of the table in exit-codes.ts either way.
 */
export async function main(argv: readonly string[], io: CliIo, commands: readonly CommandSpec[] = COMMANDS): Promise<number> {
  const json = wantsJson(argv);
  try {
    return await run(argv, io, commands);
  } catch (err) {
    if (err instanceof UsageError) return report(io, json, 'USAGE', err.message, EXIT_USAGE, err.hint ?? TRY_HELP);
    if (err instanceof ControlError) return report(io, json, err.code, err.message, exitCodeFor(err.code));
    if (err instanceof ReplyShapeError) return report(io, json, err.code, err.message, EXIT_FAILED);
    return report(io, json, 'FAILED', err instanceof Error ? err.message : String(err), EXIT_FAILED);
  }
}

/** --json must shape the errors of a command line that does not parse, so it is looked for before parsing. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

export function errorJson(code: string, message: string, hint?: string): string {
  return `${JSON.stringify({ error: { code, message, ...(hint ? { hint } : {}) } })}\n`;
}

function report(io: CliIo, json: boolean, code: string, message: string, exit: number, hint?: string): number {
  if (json) io.stdout.write(errorJson(code, message, hint));
  else io.stderr.write(`chargerctl: ${message}\n${hint ? `${hint}\n` : ''}`);
  return exit;
}

async function run(argv: readonly string[], io: CliIo, commands: readonly CommandSpec[]): Promise<number> {
  const { globals, words, flags } = parseArgv(argv);

  if (globals.version) {
    if (words.length > 0) throw new UsageError(`--version takes no command (got '${words[0]}')`, 'Usage: chargerctl --version');
    return print(io, globals, await versionReport(localContext(globals, io)), renderVersion);
  }

  if (words[0] === 'help' || globals.help || words.length === 0) {
    const topic = words[0] === 'help' ? words.slice(1) : words;
    if (topic.length === 0) {
      io.stdout.write(usageText(commands));
      return EXIT_OK;
    }
    const text = commandHelp(commands, topic);
    if (text === null) throw new UsageError(`no command '${topic.join(' ')}'`, TRY_HELP);
    io.stdout.write(text);
    return EXIT_OK;
  }

  const spec = findCommand(commands, words);
  const hint = usageLine(spec);
  for (const f of flags) {
    if (!spec.flags?.includes(f)) throw new UsageError(`unknown option ${f}`, hint);
  }
  const inv = spec.parse(words.slice(spec.path.length), flags, hint);
  const clock: Clock = io.clock ?? new SystemClock();

  if (inv.local && spec.local) {
    const result = await spec.local(inv, localContext(globals, io));
    return finish(io, globals, spec, inv, result);
  }
  // The admin socket first, then the read-only one (a connect the kernel refuses sends nothing).
  const sockets = socketCandidates(resolveSockets(globals, io.env));
  const call = () => controlCallFirst(sockets, inv.method, inv.params, { timeoutMs: globals.timeoutMs ?? DEFAULT_TIMEOUT_MS, clock });
  if (inv.watchMs !== undefined) {
    return watch({ io, clock, json: globals.json, intervalMs: inv.watchMs, title: `chargerctl ${spec.path.join(' ')}`, call, render: (r) => spec.render(r, inv) });
  }
  return finish(io, globals, spec, inv, await call());
}

function localContext(globals: GlobalOptions, io: CliIo): LocalContext {
  const clock: Clock = io.clock ?? new SystemClock();
  return {
    configFile: globals.config ?? DEFAULT_CONFIG_FILE,
    socketPath: () => resolveSocketPath(globals, io.env).path,
    // A local command that changes state (config import) needs the admin socket as any other command does.
    call: (method, params, timeoutMs) =>
      controlCallFirst(socketCandidates(resolveSockets(globals, io.env)), method, params, { timeoutMs: timeoutMs ?? globals.timeoutMs ?? DEFAULT_TIMEOUT_MS, clock }),
    timeoutMs: globals.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    json: globals.json,
  };
}

function print(io: CliIo, globals: GlobalOptions, result: unknown, render: (r: unknown) => string): number {
  io.stdout.write(globals.json ? `${JSON.stringify(result ?? null, null, 2)}\n` : render(result));
  return EXIT_OK;
}

/** Print the result; a result that means failure (an unknown key, Rejected) is printed and still exits 1. */
function finish(io: CliIo, globals: GlobalOptions, spec: CommandSpec, inv: Invocation, result: unknown): number {
  try {
    print(io, globals, result, (r) => spec.render(r, inv));
    const failure = spec.failure?.(result, inv) ?? null;
    if (failure !== null) {
      io.stderr.write(`chargerctl: ${failure}\n`);
      return EXIT_FAILED;
    }
  } catch (err) {
    if (err instanceof ReplyShapeError) {
      throw new ReplyShapeError(`unexpected reply from the agent to ${inv.method} (different chargerd version?): ${err.message}`);
    }
    throw err;
  }
  return EXIT_OK;
}

/** The command whose words are the longest prefix of `words`. */
function findCommand(commands: readonly CommandSpec[], words: readonly string[]): CommandSpec {
  let best: CommandSpec | undefined;
  for (const c of commands) {
    if (c.path.length <= words.length && c.path.every((w, i) => words[i] === w) && (!best || c.path.length > best.path.length)) best = c;
  }
  if (best) return best;
  // `hal relay` without `test`: the words are the start of longer commands.
  const longer = commands.filter((c) => words.length > 1 && c.path.length > words.length && words.every((w, i) => c.path[i] === w));
  if (longer.length > 0) {
    const prefix = words.join(' ');
    throw new UsageError(`'${prefix}' needs a subcommand: ${longer.map((c) => c.path[words.length]).join(', ')}`, `Try 'chargerctl help ${prefix}'.`);
  }
  const group = commands.filter((c) => c.path.length > 1 && c.path[0] === words[0]);
  if (group.length > 0) {
    const subs = group.map((c) => c.path[1]).join(', ');
    const message = words.length === 1 ? `'${words[0]}' needs a subcommand: ${subs}` : `unknown ${words[0]} command '${words[1]}' (one of ${subs})`;
    throw new UsageError(message, `Try 'chargerctl help ${words[0]}'.`);
  }
  throw new UsageError(`unknown command '${words[0]}'`, TRY_HELP);
}
