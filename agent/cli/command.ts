import type { ControlParams } from '../control/protocol.js';

/** What a command line turns into: one call on the control socket. */
export interface Invocation {
  method: string;
  params: ControlParams;
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
}

export function synopsis(spec: CommandSpec): string {
  return [...spec.path, spec.args].filter((s) => s.length > 0).join(' ');
}

export function usageLine(spec: CommandSpec): string {
  return `Usage: chargerctl ${synopsis(spec)}`;
}
