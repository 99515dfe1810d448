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
 * A meter's `model` is a built-in name, a name in the models directory (`hal.meterModelsDir`), or a model file;
 * relative model paths are taken from the directory of the file that names them (the board file, or the config
 * file for an inline board). The resolved board names every file model by its absolute path, so whoever builds
 * the meter from it (the agent, `chargerctl hal probe --offline`) needs no lookup of its own.
 *
 * Problems come back as the agent's ConfigError, each with the JSON pointer of the field in the config
 * (`/hal/board/evses/0/pilot/adc/gain` for an inline profile; `/hal/board` naming the file otherwise).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, type ConfigProblem } from './config/error.js';
import { HalError } from '../hal/errors.js';
import { boardProfileUrl, createBoardChecker, type BoardConfig, type BoardProblem, type LinuxBoardConfig } from '../hal/linux/board-config.js';
import { DEFAULT_MODELS_DIR, loadModel, MeterModelError, resolveModelRef, type ModelFile, type ModelLookup } from '../hal/meters/model.js';

export const BOARD_FIELD = '/hal/board';

type Problem = ConfigProblem;

/** The config's EVSEs as far as the board has to agree with them. */
export type ConfigEvse = { id: number; connector?: 'socket' | 'cable'; phases?: 1 | 3 };

export interface ResolvedBoard {
  /** The profile, with each meter's model resolved (a built-in name, or the absolute path of a model file). */
  board: LinuxBoardConfig;
  /** Where it came from: 'shipped profile rpi-generic', a file path, or 'inline'. */
  source: string;
  /** The profile is written inside the config (its fields have config pointers). */
  inline: boolean;
}

/** A problem about a field of a board (`pointer` inside the profile): pointed at in the config when the profile is inline, else named with its file. */
function boardProblem(at: { inline: boolean; source: string }, pointer: string, rule: string, value?: unknown): Problem {
  return at.inline ? { field: `${BOARD_FIELD}${pointer}`, value, rule } : { field: BOARD_FIELD, value, rule: `${at.source}${pointer ? ` ${pointer}` : ''}: ${rule}` };
}

/**
 * A ConfigError about a field of a resolved board (`pointer` inside the profile, e.g. /evses/0/meter): pointed
 * at in the config when the profile is inline, else named with its file.
 */
export function boardConfigError(b: ResolvedBoard, pointer: string, rule: string, value?: unknown, configFile?: string): ConfigError {
  return new ConfigError([boardProblem(b, pointer, rule, value)], configFile);
}

/** A name as boardProfileUrl accepts it; anything else is a path. */
function isProfileName(s: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/.test(s) && !s.endsWith('.json');
}

export interface BoardInspection {
  /** The board, when it has no problem of its own (problems with the rest of the config may remain). */
  resolved: ResolvedBoard | null;
  /** Every problem found, in the config's terms. */
  problems: Problem[];
}

/** Where the agent config puts meter models: the config file (for relative paths) and the models directory. */
export interface ModelPlaces {
  /** The agent config file: an inline board's relative model paths are taken from its directory. */
  configFile?: string;
  /** hal.meterModelsDir (relative to the config file's directory); when absent, read from configFile, else the default. */
  modelsDir?: string;
}

/** The profile `hal.board` stands for, read but not checked; or why there is none. `dir` is where its relative model paths start. */
function readBoard(raw: unknown, configFile?: string): { data: unknown; source: string; inline: boolean; dir: string } | Problem {
  if (typeof raw === 'string' && isProfileName(raw)) {
    const url = boardProfileUrl(raw);
    if (!existsSync(url)) return { field: BOARD_FIELD, value: raw, rule: `no shipped board profile named ${JSON.stringify(raw)} (${fileURLToPath(url)} does not exist); give a path to your own profile file instead` };
    const r = readJson(url, raw);
    return 'field' in r ? r : { data: r.data, source: `shipped profile ${raw}`, inline: false, dir: dirname(fileURLToPath(url)) };
  }
  if (typeof raw === 'string') {
    if (raw === '') return { field: BOARD_FIELD, value: raw, rule: 'must name a board profile' };
    const r = readJson(raw, raw);
    return 'field' in r ? r : { data: r.data, source: raw, inline: false, dir: dirname(resolve(raw)) };
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return { data: raw, source: 'inline', inline: true, dir: configFile ? dirname(resolve(configFile)) : process.cwd() };
  return { field: BOARD_FIELD, value: raw, rule: 'must be a board profile name, a path to a profile file, or a profile object' };
}

function readJson(file: string | URL, raw: string): { data: unknown } | Problem {
  try {
    return { data: JSON.parse(readFileSync(file, 'utf8')) };
  } catch (cause) {
    return { field: BOARD_FIELD, value: raw, rule: `cannot read board profile ${String(file)}: ${(cause as Error).message}` };
  }
}

/**
 * Every problem of `hal.board` at once: the profile's schema and pin rules, and the config's EVSEs against the
 * board's. With `parts`, also what the agent needs to drive it: each meter's model (and whether it measures
 * enough phases), line settings shared by meters, readers without a driver; `chargerctl hal safe-state` leaves
 * those out, as it must reach a board whose meter is misconfigured. Nothing is thrown and nothing opened, so
 * the loader can add these to its own report.
 */
export function inspectBoard(raw: unknown, opts: { evses?: readonly ConfigEvse[]; parts?: boolean } & ModelPlaces = {}): BoardInspection {
  const read = readBoard(raw, opts.configFile);
  if ('field' in read) return { resolved: null, problems: [read] };
  const lookup: ModelLookup = { baseDir: read.dir, modelsDir: modelsDirOf(opts) };
  const problems: Problem[] = createBoardChecker()(read.data).map((p: BoardProblem) => boardProblem(read, p.pointer, p.rule, p.value));
  const board = read.data as Partial<BoardConfig>;
  if (board.driver === 'sim') {
    problems.push({ field: read.inline ? `${BOARD_FIELD}/driver` : BOARD_FIELD, value: board.driver, rule: `${read.source} is a simulation profile; use hal.driver "sim" for it, or name a linux board profile` });
  }
  const evses = board.driver === 'linux' && Array.isArray(board.evses) ? (board.evses as Partial<LinuxBoardConfig['evses'][number]>[]) : [];
  if (opts.evses && board.driver === 'linux' && Array.isArray(board.evses)) problems.push(...evseProblems(evses, opts.evses, read));
  if (opts.parts) {
    problems.push(...meterProblems(evses, opts.evses ?? [], read, lookup));
    evses.forEach((e, i) => {
      if (e && typeof e === 'object' && e.reader && typeof e.reader === 'object') {
        const kind = (e.reader as { kind?: unknown }).kind;
        problems.push(boardProblem(read, `/evses/${i}/reader`, `reader kind ${JSON.stringify(kind)} is not read from the board profile; remove it and configure the reader in hal.readers of the config (type pn532 or keyboard)`, kind));
      }
    });
  }
  const ok = problems.length === 0;
  return { resolved: ok ? { board: withResolvedModels(board as LinuxBoardConfig, lookup), source: read.source, inline: read.inline } : null, problems };
}

/** hal.meterModelsDir as an absolute path. */
function modelsDirOf(places: ModelPlaces): string {
  const base = places.configFile ? dirname(resolve(places.configFile)) : process.cwd();
  // chargerctl hands over only the config file (it reads hal.board alone): the directory is read from it here.
  const dir = places.modelsDir ?? (places.configFile ? configuredModelsDir(places.configFile) : undefined) ?? DEFAULT_MODELS_DIR;
  return resolve(base, dir);
}

function configuredModelsDir(configFile: string): string | undefined {
  try {
    const doc = JSON.parse(readFileSync(configFile, 'utf8')) as { hal?: { meterModelsDir?: unknown } };
    return typeof doc.hal?.meterModelsDir === 'string' && doc.hal.meterModelsDir !== '' ? doc.hal.meterModelsDir : undefined;
  } catch {
    return undefined;
  }
}

/** A copy of the board whose meters name their model as a built-in name or an absolute file path. */
function withResolvedModels(board: LinuxBoardConfig, lookup: ModelLookup): LinuxBoardConfig {
  if (!Array.isArray(board.evses)) return board;
  return {
    ...board,
    evses: board.evses.map((e) => {
      if (!e?.meter || typeof e.meter.model !== 'string') return e;
      const ref = resolveModelRef(e.meter.model, lookup);
      return { ...e, meter: { ...e.meter, model: 'file' in ref ? ref.file : ref.name } };
    }),
  };
}

/**
 * Resolve and check `hal.board` (a linux board), see inspectBoard. `evses`, when given, are the config's EVSEs:
 * the board must have exactly those ids, with the same connector kind. Throws one ConfigError listing every
 * problem.
 */
export function resolveBoard(raw: unknown, opts: { evses?: readonly ConfigEvse[]; parts?: boolean } & ModelPlaces = {}): ResolvedBoard {
  const { resolved, problems } = inspectBoard(raw, { ...opts, parts: opts.parts ?? false });
  if (problems.length > 0 || !resolved) throw new ConfigError(problems, opts.configFile);
  return resolved;
}

type BoardEvse = Partial<LinuxBoardConfig['evses'][number]>;

/** The station's EVSEs (config `evses`) and the board's must be the same set, with the same connector kinds. */
function evseProblems(board: BoardEvse[], evses: readonly ConfigEvse[], at: { inline: boolean; source: string }): Problem[] {
  const problems: Problem[] = [];
  const boardIds = board.map((e) => e?.id).filter((id): id is number => typeof id === 'number').sort((a, b) => a - b);
  const configIds = evses.map((e) => e.id).sort((a, b) => a - b);
  if (boardIds.join(',') !== configIds.join(',')) {
    problems.push({
      field: at.inline ? `${BOARD_FIELD}/evses` : BOARD_FIELD,
      value: boardIds,
      rule: `${at.source} wires EVSE ids [${boardIds.join(', ')}] but the config's evses are [${configIds.join(', ')}]; they must be the same`,
    });
  }
  evses.forEach((e, i) => {
    const b = board.find((x) => x?.id === e.id);
    if (b && typeof b.connector === 'string' && e.connector && b.connector !== e.connector) {
      problems.push({ field: `/evses/${i}/connector`, value: e.connector, rule: `the board (${at.source}) has a ${b.connector} on EVSE ${e.id}; set "connector": "${b.connector}"` });
    }
  });
  return problems;
}

/**
 * Each meter's model must load; a single-phase meter on a three-phase EVSE would bill a third of the energy;
 * meters on one line must agree on its settings (a line has one baud rate).
 */
function meterProblems(board: BoardEvse[], evses: readonly ConfigEvse[], at: { inline: boolean; source: string }, lookup: ModelLookup): Problem[] {
  const problems: Problem[] = [];
  const lines = new Map<string, { settings: string; pointer: string }>();
  board.forEach((e, i) => {
    const m = e && typeof e === 'object' ? e.meter : undefined;
    if (!m || typeof m !== 'object') return;
    const pointer = `/evses/${i}/meter`;
    if (typeof m.model === 'string') {
      let model: ModelFile | null = null;
      try {
        model = loadModel(m.model, lookup);
      } catch (err) {
        if (err instanceof MeterModelError) {
          for (const p of err.problems) problems.push(boardProblem(at, `${pointer}/model`, p.pointer ? `${err.label} ${p.pointer}: ${p.rule}` : p.rule, p.pointer ? p.value : m.model));
        } else if (err instanceof HalError && err.code === 'BAD_CONFIG') {
          problems.push(boardProblem(at, `${pointer}/model`, err.message, m.model));
        } else throw err;
      }
      const ci = evses.findIndex((c) => c.id === e!.id);
      const c = evses[ci];
      if (model && c?.phases === 3 && model.phases === 1) {
        problems.push({ field: `/evses/${ci}/phases`, value: c.phases, rule: `EVSE ${c.id} is three-phase but its meter (${m.model}) measures one phase` });
      }
    }
    const line = m.kind === 'modbus-rtu' ? `rtu:${String(m.port)}` : m.kind === 'modbus-tcp' ? `tcp:${String(m.host)}:${String(m.port)}` : null;
    if (line === null) return;
    const settings = m.kind === 'modbus-rtu' ? `${String(m.baudRate)} ${String(m.dataBits)}${String(m.parity).charAt(0).toUpperCase()}${String(m.stopBits)}` : '';
    const prev = lines.get(line);
    if (!prev) lines.set(line, { settings, pointer });
    else if (prev.settings !== settings) {
      problems.push(boardProblem(at, pointer, `shares ${line} with ${prev.pointer} but asks for ${settings} where that meter asks for ${prev.settings}; meters on one line must use the same line settings`, settings));
    }
  });
  return problems;
}
