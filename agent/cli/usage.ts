import { DEFAULT_SOCKET_PATH } from '../control/protocol.js';
import { DEFAULT_CONFIG_FILE, synopsis, type CommandSpec } from './command.js';
import { EXIT_CODES } from './exit-codes.js';

export const DEFAULT_TIMEOUT_MS = 5000;

/** The full help text, built from the command table so it can never miss a command. */
export function usageText(commands: readonly CommandSpec[]): string {
  const lines = [...commands.map((c) => [synopsis(c), c.summary] as const), ['help [COMMAND]', 'show this text, or the commands under COMMAND'] as const];
  const width = Math.max(...lines.map(([s]) => s.length));
  return [
    'Usage: chargerctl [--socket PATH] [--config FILE] [--json] [--timeout MS] <command> [args]',
    '       chargerctl --version',
    '',
    'Technician tool for a running chargerd, over its local control socket (hal safe-state runs without one).',
    '',
    'Commands:',
    ...lines.map(([s, d]) => `  ${s.padEnd(width)}  ${d}`),
    '',
    'Options (anywhere on the line):',
    `  --socket PATH   control socket; default $CHARGERD_SOCKET, else "controlSocket" in --config FILE,`,
    `                  else ${DEFAULT_SOCKET_PATH}`,
    `  --config FILE   agent config file to read the socket path (and, for hal safe-state, the board) from;`,
    `                  hal safe-state defaults to ${DEFAULT_CONFIG_FILE}`,
    '  --json          print the agent\'s raw result as JSON; errors too, as {"error":{"code","message"}} on stdout',
    `  --timeout MS    how long to wait for the agent (default ${DEFAULT_TIMEOUT_MS})`,
    '  --version       chargerctl\'s version and the running agent\'s',
    '  -h, --help      show this text',
    '',
    `Exit status: ${EXIT_CODES.map((e) => `${e.code} ${e.meaning}`).join('; ')}.`,
    '',
  ].join('\n');
}

/** Help for the commands under some words (`chargerctl help sim`), or null if none match. */
export function commandHelp(commands: readonly CommandSpec[], words: readonly string[]): string | null {
  const matching = commands.filter((c) => words.every((w, i) => c.path[i] === w));
  if (matching.length === 0) return null;
  const width = Math.max(...matching.map((c) => synopsis(c).length));
  return `${matching.map((c) => `chargerctl ${synopsis(c).padEnd(width)}  ${c.summary}`).join('\n')}\n`;
}
