import type { ControlParams } from '../control/protocol.js';

/** The agent's config file when `--config` is not given (where chargerd reads it by default). */
export const DEFAULT_CONFIG_FILE = '/etc/chargerd/config.json';

/** What a command that runs without the agent gets from the command line. */
export interface LocalContext {
  /** `--config FILE`, else DEFAULT_CONFIG_FILE. */
  configFile: string;
  /** The agent's control socket as `--socket`, $CHARGERD_SOCKET or the config name it (to check none runs). */
  socketPath(): string;
  /** One call to the agent as a remote command makes it: the admin socket first, then the read-only one. */
  call(method: string, params: ControlParams, timeoutMs?: number): Promise<unknown>;
  /** Time for calls to the agent (the CLI's clock). */
  timeoutMs: number;
  /** `--json`: a local action that streams (logs --follow) writes JSON itself. */
  json?: boolean;
}

/** What a command line turns into: one call on the control socket (or a local action, see `local`). */
export interface Invocation {
  method: string;
  params: ControlParams;
  /** Run the command's `local` action in chargerctl instead of calling the agent. */
  local?: boolean;
  /** Call again every this many ms until interrupted (`status --watch`); main() does the refreshing. */
  watchMs?: number;
  /** Which rendering of the result, when a command has more than one (`call --list`). */
  view?: string;
}

/**
 * One row of the command table. Adding a command is adding a row: main() does the option parsing, the socket,
 * the call, `--json`, errors and exit codes for every row alike.
 */
export interface CommandSpec {
  /** Words that select the command, e.g. ['sim', 'plug']. */
  readonly path: readonly string[];
  /** Argument synopsis after the words, e.g. 'N [--keep-cable]'. */
  readonly args: string;
  readonly summary: string;
  /** The control method it calls (documentation and tests; `call` names it on the command line). */
  readonly method: string;
  /** Boolean `--flags` this command accepts besides the global options. */
  readonly flags?: readonly string[];
  /** Validate the arguments (after the words) and build the call; throws UsageError. */
  parse(args: readonly string[], flags: ReadonlySet<string>, hint: string): Invocation;
  /** Human-readable rendering of the result for stdout (ignored with --json). */
  render(result: unknown, inv: Invocation): string;
  /** A message when the result means the command failed (exit 1), e.g. an unknown configuration key. */
  failure?(result: unknown, inv: Invocation): string | null;
  /**
   * Run in chargerctl itself instead of calling the agent (when parse() sets `local`), for what must work when no
   * agent runs: `hal safe-state` from systemd's ExecStopPost, `hal probe --offline`. Its result is rendered like
   * an agent's; a throw exits 1.
   */
  local?(inv: Invocation, ctx: LocalContext): Promise<unknown>;
}

export function synopsis(spec: CommandSpec): string {
  return [...spec.path, spec.args].filter((s) => s.length > 0).join(' ');
}

export function usageLine(spec: CommandSpec): string {
  return `Usage: chargerctl ${synopsis(spec)}`;
}
