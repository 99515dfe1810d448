import { SystemClock } from '../clock/clock.js';
import { controlCall } from '../control/client.js';
import { ControlError } from '../control/protocol.js';
import { parseArgv } from './args.js';
import { DEFAULT_CONFIG_FILE, usageLine, type CommandSpec } from './command.js';
import { COMMANDS } from './commands.js';
import { ReplyShapeError, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { resolveSocketPath } from './socket-path.js';
import { DEFAULT_TIMEOUT_MS, commandHelp, usageText } from './usage.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

const TRY_HELP = "Try 'chargerctl help'.";

/**
 * chargerctl's whole behaviour: parse `argv` (without node and script), call the agent, print, and return the
 * exit code. Never throws and never exits the process, so tests run it in-process.
 */
export async function main(argv: readonly string[], io: CliIo, commands: readonly CommandSpec[] = COMMANDS): Promise<number> {
  try {
    return await run(argv, io, commands);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`chargerctl: ${err.message}\n${err.hint ?? TRY_HELP}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`chargerctl: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT_FAILED;
  }
}

async function run(argv: readonly string[], io: CliIo, commands: readonly CommandSpec[]): Promise<number> {
  const { globals, words, flags } = parseArgv(argv);

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

  let result: unknown;
  if (inv.local && spec.local) {
    result = await spec.local(inv, {
      configFile: globals.config ?? DEFAULT_CONFIG_FILE,
      socketPath: () => resolveSocketPath(globals, io.env).path,
      timeoutMs: globals.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      json: globals.json,
    });
  } else {
    const socket = resolveSocketPath(globals, io.env);
    try {
      result = await controlCall(socket.path, inv.method, inv.params, {
        timeoutMs: globals.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        clock: io.clock ?? new SystemClock(),
      });
    } catch (err) {
      if (err instanceof ControlError) {
        io.stderr.write(`chargerctl: ${err.message}\n`);
        return EXIT_FAILED;
      }
      throw err;
    }
  }

  try {
    io.stdout.write(globals.json ? `${JSON.stringify(result ?? null, null, 2)}\n` : spec.render(result, inv));
    const failure = spec.failure?.(result, inv) ?? null;
    if (failure !== null) {
      io.stderr.write(`chargerctl: ${failure}\n`);
      return EXIT_FAILED;
    }
  } catch (err) {
    if (err instanceof ReplyShapeError) {
      io.stderr.write(`chargerctl: unexpected reply from the agent to ${inv.method} (different chargerd version?): ${err.message}\n`);
      return EXIT_FAILED;
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
