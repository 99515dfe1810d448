/**
 * The two generations of the libgpiod command-line tools take different command lines and print different
 * formats, so every caller (the chardev backend in the agent and in `chargerctl hal probe`, and `chargerctl hal
 * safe-state`) asks `detectLibgpiod()` which one is installed and builds its arguments from the answer. The
 * answer comes from `gpioset --version` once per gpioset path and process.
 *
 * | | v1 (libgpiod 1.x: Debian bookworm, Raspberry Pi OS 12) | v2 (libgpiod 2.x: Debian trixie) |
 * | --- | --- | --- |
 * | set and exit | `gpioset CHIP OFF=V` (mode exit) | `gpioset -c CHIP -t0 OFF=V` |
 * | hold a level | `gpioset -m signal CHIP OFF=V` until SIGTERM | `gpioset -c CHIP OFF=V` until SIGTERM |
 * | change a held level | only by replacing the process | `-i`: `set OFF=V` on stdin (if built with libedit) |
 * | read | `gpioget CHIP OFF` → `1` | `gpioget -c CHIP OFF` → `"OFF"=active` |
 * | edges | `gpiomon -b -F %e CHIP OFF` → `1` rising, `0` falling | `gpiomon -c CHIP -e both -F %E OFF` → `rising` / `falling` |
 *
 * v2's numeric `%e` is 1 rising / 2 falling (v1's is 1 / 0), so v2 is asked for the words: a falling edge read
 * with the other generation's numbers would be lost, and the RCD trip is a falling edge.
 */
import { execFile } from 'node:child_process';
import { HalError } from '../errors.js';
import type { GpioValue } from './types.js';

export type LibgpiodGeneration = 1 | 2;

export interface LibgpiodDialect {
  readonly generation: LibgpiodGeneration;
  /** As printed, e.g. "v1.6.3". */
  readonly version: string;
  /** gpioset takes `set` commands on stdin (v2 built with GPIOSET_INTERACTIVE); otherwise a level change replaces the holder. */
  readonly interactive: boolean;
  /** gpiomon line-buffers by itself (v1 -b); v2 needs stdbuf when its stdout is a pipe. */
  readonly monLineBuffered: boolean;
  setOnceArgs(chip: string, line: number, v: GpioValue): string[];
  holdArgs(chip: string, line: number, v: GpioValue): string[];
  /** v2 only (throws on v1). */
  interactiveArgs(chip: string, line: number, v: GpioValue): string[];
  getArgs(chip: string, line: number): string[];
  monArgs(chip: string, line: number): string[];
  /** One line of gpiomon output as produced with monArgs(); null for anything else. */
  parseEvent(text: string): GpioValue | null;
}

/** libgpiod major version from `--version` output ("gpioset (libgpiod) v2.1.3"). */
export function parseLibgpiodVersion(text: string): { major: number; version: string } | null {
  const m = /\(libgpiod\)\s+(v(\d+)\.\d+(?:\.\d+)?\S*)/.exec(text) ?? /\b(v(\d+)\.\d+(?:\.\d+)?)\b/.exec(text);
  return m ? { major: Number(m[2]), version: m[1]! } : null;
}

/** A level as printed by gpioget: v2 `"17"=active` / `17=inactive`, v1 `1` / `0`. */
export function parseGpiogetValue(text: string): GpioValue | null {
  const m = /(inactive|active|\b[01]\b)\s*$/.exec(text.trim());
  if (!m) return null;
  return m[1] === 'active' || m[1] === '1' ? 1 : 0;
}

/** gpiomon output in the format monArgs() asked for. */
export function parseGpiomonEvent(text: string, generation: LibgpiodGeneration): GpioValue | null {
  const t = text.trim().toLowerCase();
  if (generation === 1) return t === '1' ? 1 : t === '0' ? 0 : null;
  return t === 'rising' ? 1 : t === 'falling' ? 0 : null;
}

function v1(version: string): LibgpiodDialect {
  return {
    generation: 1,
    version,
    interactive: false,
    monLineBuffered: true,
    setOnceArgs: (chip, line, v) => ['-m', 'exit', chip, `${line}=${v}`],
    holdArgs: (chip, line, v) => ['-m', 'signal', chip, `${line}=${v}`],
    interactiveArgs: () => {
      throw new HalError('GPIO_UNAVAILABLE', `gpioset ${version} has no interactive mode`);
    },
    getArgs: (chip, line) => [chip, String(line)],
    monArgs: (chip, line) => ['-b', '-F', '%e', chip, String(line)],
    parseEvent: (text) => parseGpiomonEvent(text, 1),
  };
}

function v2(version: string, interactive: boolean): LibgpiodDialect {
  return {
    generation: 2,
    version,
    interactive,
    monLineBuffered: false,
    // A toggle sequence ending in a 0 period makes gpioset exit after setting the values.
    setOnceArgs: (chip, line, v) => ['-c', chip, '-t0', `${line}=${v}`],
    holdArgs: (chip, line, v) => ['-c', chip, `${line}=${v}`],
    interactiveArgs: (chip, line, v) => ['-c', chip, '-i', `${line}=${v}`],
    getArgs: (chip, line) => ['-c', chip, String(line)],
    monArgs: (chip, line) => ['-c', chip, '-e', 'both', '-F', '%E', String(line)],
    parseEvent: (text) => parseGpiomonEvent(text, 2),
  };
}

/**
 * The dialect for a gpioset that printed `versionText` for --version and `helpText` for --help. Throws
 * GPIO_UNAVAILABLE naming the tool and what it printed when the generation is not one we speak.
 */
export function dialectFrom(gpioset: string, versionText: string, helpText: string): LibgpiodDialect {
  const first = versionText.split('\n')[0]!.trim();
  const v = parseLibgpiodVersion(versionText);
  if (v?.major === 1) return v1(v.version);
  // -i exists only when gpioset was built with libedit; its --help says so.
  if (v?.major === 2) return v2(v.version, /--interactive/.test(helpText));
  throw new HalError('GPIO_UNAVAILABLE', `${gpioset} --version printed ${JSON.stringify(first)}: libgpiod tools v1.x or v2.x are needed (Debian package gpiod)`);
}

export type RunTool = (file: string, args: string[]) => Promise<string>;

export const runTool: RunTool = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 5000 }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stderr: String(stderr) }));
      else resolve(String(stdout));
    });
  });

const detected = new Map<string, Promise<LibgpiodDialect>>();

/**
 * Which tool generation `gpioset` (a path or a name on PATH) is, asked once per process; a failed detection is
 * forgotten so that installing the tools and retrying works without a restart.
 */
export function detectLibgpiod(gpioset: string, run: RunTool = runTool): Promise<LibgpiodDialect> {
  let p = detected.get(gpioset);
  if (!p) {
    p = (async () => {
      let version: string;
      try {
        version = await run(gpioset, ['--version']);
      } catch (cause) {
        const why = String((cause as { stderr?: string }).stderr ?? '').trim() || (cause as Error).message;
        throw new HalError('GPIO_UNAVAILABLE', `cannot run ${gpioset} --version (${why}): install the libgpiod tools (Debian package gpiod)`, { cause });
      }
      const help = parseLibgpiodVersion(version)?.major === 2 ? await run(gpioset, ['--help']).catch(() => '') : '';
      return dialectFrom(gpioset, version, help);
    })();
    detected.set(gpioset, p);
    p.catch(() => {
      if (detected.get(gpioset) === p) detected.delete(gpioset);
    });
  }
  return p;
}
