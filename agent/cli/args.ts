import { UsageError } from './errors.js';

export interface GlobalOptions {
  socket?: string;
  config?: string;
  json: boolean;
  timeoutMs?: number;
  help: boolean;
  /** `--version`: chargerctl's and the agent's version, as `chargerctl version`. */
  version: boolean;
}

export interface ParsedArgv {
  globals: GlobalOptions;
  /** Command words and their arguments, in order. */
  words: string[];
  /** `--name` flags that are not global; the command decides whether it takes them. */
  flags: Set<string>;
}

const VALUE_OPTIONS = new Set(['--socket', '--config', '--timeout']);

/**
 * Split argv into global options, words and command flags. Options may stand anywhere (`chargerctl status --json`
 * reads as well as `chargerctl --json status`); `--` ends options. Only `--name` and `-h` are options, so a
 * mistyped `-1` reaches the command's own check and gets a precise message.
 */
export function parseArgv(argv: readonly string[]): ParsedArgv {
  const globals: GlobalOptions = { json: false, help: false, version: false };
  const words: string[] = [];
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (tok === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (tok === '-h' || tok === '--help') {
      globals.help = true;
      continue;
    }
    if (!tok.startsWith('--') || tok.length === 2) {
      words.push(tok);
      continue;
    }
    const eq = tok.indexOf('=');
    const name = eq === -1 ? tok : tok.slice(0, eq);
    if (VALUE_OPTIONS.has(name)) {
      let value: string;
      if (eq !== -1) value = tok.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('-')) throw new UsageError(`option ${name} needs a value`, usageHintFor(name));
        value = next;
        i++;
      }
      if (value === '') throw new UsageError(`option ${name} needs a value`, usageHintFor(name));
      if (name === '--socket') globals.socket = value;
      else if (name === '--config') globals.config = value;
      else globals.timeoutMs = parseTimeout(value);
      continue;
    }
    if (eq !== -1) throw new UsageError(`option ${name} takes no value`);
    if (name === '--json') globals.json = true;
    else if (name === '--version') globals.version = true;
    else flags.add(name);
  }
  return { globals, words, flags };
}

function parseTimeout(value: string): number {
  if (!/^[0-9]+$/.test(value)) throw new UsageError(`--timeout must be a whole number of milliseconds, got '${value}'`, usageHintFor('--timeout'));
  const ms = Number(value);
  if (ms < 1 || ms > 3_600_000) throw new UsageError(`--timeout must be between 1 and 3600000 ms, got ${value}`, usageHintFor('--timeout'));
  return ms;
}

function usageHintFor(option: string): string {
  switch (option) {
    case '--socket':
      return 'Usage: chargerctl --socket PATH <command>';
    case '--config':
      return 'Usage: chargerctl --config FILE <command>';
    default:
      return 'Usage: chargerctl --timeout MS <command>';
  }
}
