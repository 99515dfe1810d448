/**
 * The board profile named by `hal.board` in the agent config, resolved and validated. Shared by chargerd and by
 * `chargerctl hal safe-state`, which must find the same board with no agent running.
 *
 * `hal.board` is one of:
 * - a shipped profile name (`rpi-generic` → hal/boards/rpi-generic.json): a plain lower-case name, no slash;
 * - a path to a profile file (anything with a `/` or ending in `.json`). A relative path is taken from the
 *   working directory, which is `/` under systemd: use absolute paths in production configs;
 * - the profile itself, inline.
 *
 * Problems come back as the agent's ConfigError, each with the JSON pointer of the field in the config
 * (`/hal/board/evses/0/pilot/adc/gain` for an inline profile; `/hal/board` naming the file otherwise).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './config/load.js';
import { HalError } from '../hal/errors.js';
import { boardProfileUrl, createBoardValidator, loadBoardFile, type BoardConfig, type LinuxBoardConfig } from '../hal/linux/board-config.js';

export const BOARD_FIELD = '/hal/board';

type Problem = ConstructorParameters<typeof ConfigError>[0][number];

export interface ResolvedBoard {
  board: LinuxBoardConfig;
  /** Where it came from: 'shipped profile rpi-generic', a file path, or 'inline'. */
  source: string;
  /** The profile is written inside the config (its fields have config pointers). */
  inline: boolean;
}

/**
 * A ConfigError about a field of a resolved board (`pointer` inside the profile, e.g. /evses/0/meter): pointed
 * at in the config when the profile is inline, else named with its file.
 */
export function boardConfigError(b: ResolvedBoard, pointer: string, rule: string, value?: unknown, configFile?: string): ConfigError {
  return new ConfigError([b.inline ? { field: `${BOARD_FIELD}${pointer}`, value, rule } : { field: BOARD_FIELD, value, rule: `${b.source} ${pointer}: ${rule}` }], configFile);
}

/** A name as boardProfileUrl accepts it; anything else is a path. */
function isProfileName(s: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/.test(s) && !s.endsWith('.json');
}

/**
 * Problem lines of a board validator HalError. createBoardValidator documents its message as one
 * "  /json/pointer: rule" line per problem after a heading line; a line in another shape is kept whole.
 */
function problemsOf(err: HalError, inline: boolean, source: string): Problem[] {
  const lines = err.message.split('\n').slice(1).map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length === 0) return [{ field: BOARD_FIELD, value: undefined, rule: `${source}: ${err.message}` }];
  return lines.map((line) => {
    const m = /^((?:\/[^:\s]*)*|\(root\)): (.*)$/.exec(line);
    const pointer = m && m[1] !== '(root)' ? m[1]! : '';
    const rule = m ? m[2]! : line;
    return inline ? { field: `${BOARD_FIELD}${pointer}`, value: undefined, rule } : { field: BOARD_FIELD, value: undefined, rule: `${source}${pointer ? ` ${pointer}` : ''}: ${rule}` };
  });
}

function fail(problems: Problem[], configFile?: string): never {
  throw new ConfigError(problems, configFile);
}

/**
 * Resolve and validate `hal.board` (a linux board). `evses`, when given, are the config's EVSEs: the board must
 * have exactly those ids, with the same connector kind. Throws ConfigError.
 */
export function resolveBoard(
  raw: unknown,
  opts: { evses?: readonly { id: number; connector: 'socket' | 'cable' }[]; configFile?: string } = {},
): ResolvedBoard {
  const validate = createBoardValidator();
  let board: BoardConfig;
  let source: string;
  let inline = false;
  try {
    if (typeof raw === 'string' && isProfileName(raw)) {
      const url = boardProfileUrl(raw);
      if (!existsSync(url)) fail([{ field: BOARD_FIELD, value: raw, rule: `no shipped board profile named ${JSON.stringify(raw)} (${fileURLToPath(url)} does not exist); give a path to your own profile file instead` }], opts.configFile);
      source = `shipped profile ${raw}`;
      board = loadBoardFile(url, validate);
    } else if (typeof raw === 'string') {
      if (raw === '') fail([{ field: BOARD_FIELD, value: raw, rule: 'must name a board profile' }], opts.configFile);
      source = raw;
      board = loadBoardFile(raw, validate);
    } else if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      source = 'inline';
      inline = true;
      board = validate(raw, 'in the config');
    } else {
      fail([{ field: BOARD_FIELD, value: raw, rule: 'must be a board profile name, a path to a profile file, or a profile object' }], opts.configFile);
    }
  } catch (err) {
    if (err instanceof HalError && err.code === 'BAD_CONFIG') fail(problemsOf(err, inline, typeof raw === 'string' ? raw : 'inline profile'), opts.configFile);
    throw err;
  }
  if (board.driver !== 'linux') {
    fail([{ field: inline ? `${BOARD_FIELD}/driver` : BOARD_FIELD, value: board.driver, rule: `${source} is a simulation profile; use hal.driver "sim" for it, or name a linux board profile` }], opts.configFile);
  }
  if (opts.evses) checkEvses(board, opts.evses, inline, source, opts.configFile);
  return { board, source, inline };
}

/** The station's EVSEs (config `evses`) and the board's must be the same set, with the same connector kinds. */
function checkEvses(board: LinuxBoardConfig, evses: readonly { id: number; connector: 'socket' | 'cable' }[], inline: boolean, source: string, configFile?: string): void {
  const problems: Problem[] = [];
  const boardIds = board.evses.map((e) => e.id).sort((a, b) => a - b);
  const configIds = evses.map((e) => e.id).sort((a, b) => a - b);
  if (boardIds.join(',') !== configIds.join(',')) {
    problems.push({
      field: inline ? `${BOARD_FIELD}/evses` : BOARD_FIELD,
      value: boardIds,
      rule: `${source} wires EVSE ids [${boardIds.join(', ')}] but the config's evses are [${configIds.join(', ')}]; they must be the same`,
    });
  }
  evses.forEach((e, i) => {
    const b = board.evses.find((x) => x.id === e.id);
    if (b && b.connector !== e.connector) {
      problems.push({ field: `/evses/${i}/connector`, value: e.connector, rule: `the board (${source}) has a ${b.connector} on EVSE ${e.id}; set "connector": "${b.connector}"` });
    }
  });
  if (problems.length > 0) fail(problems, configFile);
}
