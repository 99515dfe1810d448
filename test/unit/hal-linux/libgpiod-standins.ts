/**
 * Stand-ins for the libgpiod tools of one generation: bash scripts that accept that generation's command lines
 * (and reject the other's the way the real tools do: v1 gpioset says "invalid option -- 'c'"), print its output
 * formats, and keep every line's physical level in a file under `state`:
 *
 * - `<chip>-<line>.level`: "0" or "1", replaced atomically (rename), so a reader sees the old or the new level,
 *   never an empty file.
 * - `writes.log`: one "chip line value" per level a gpioset applied, appended *before* the level file changes, so
 *   a reader that saw a level also finds its log line.
 * - `calls.log`: every invocation ("tool args… pid N"), and "monitoring CHIP LINE pid N" once a gpiomon follows.
 * - `<chip>-<line>.events`: levels that gpiomon reports as edges (followed with tail -F).
 * - `<chip>-<line>.wire`: "to invert": a write to this line also drives input `to` (mirror contact, RCD test loop).
 *
 * Used by the chardev backend and safe-state unit tests and by the fake board (test/integration/hal/board-rig.ts).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Generation = 1 | 2;
export interface StandinTools {
  gpioset: string;
  gpioget: string;
  gpiomon: string;
}

/** Writes `text` so that concurrent readers (other processes included) see the old or the new content only. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

const COMMON = (state: string): string => `S='${state}'
# Atomic: readers see the old or the new level, never an empty file.
put() { printf '%s\\n' "$2" > "$1.tmp.$$" && mv -f "$1.tmp.$$" "$1"; }
chipname() { case "$1" in /dev/*) echo "\${1#/dev/}";; [0-9]*) echo "gpiochip$1";; *) echo "$1";; esac; }
die() { echo "$TOOL: $*" >&2; exit 1; }
badopt() { echo "$TOOL: invalid option -- '$1'" >&2; echo "$TOOL: try $TOOL --help" >&2; exit 1; }
# Log first, then the level: whoever sees the new level finds the write in the log.
apply() {
  local chip=$1 line=$2 v=$3
  echo "$chip $line $v" >> "$S/writes.log"
  put "$S/$chip-$line.level" "$v"
  if [ -f "$S/$chip-$line.wire" ]; then
    local to inv
    read -r to inv < "$S/$chip-$line.wire"
    local w=$(( v ^ inv ))
    put "$S/$chip-$to.level" "$w"
    echo "$w" >> "$S/$chip-$to.events"
  fi
}
level() {
  [ -f "$S/$1-$2.level" ] || die "stand-in: no level file for $1 line $2"
  cat "$S/$1-$2.level"
}
# gpiomon: follow the events file from its size now (an edge appended while tail starts is not lost); the
# "monitoring" line in calls.log tells a test that edges from here on are reported. On SIGTERM take tail along.
follow() {
  local chip=$1 line=$2 f="$S/$1-$2.events"
  touch "$f"
  local size=$(stat -c %s "$f")
  coproc TAIL { exec tail -c +$((size + 1)) -F "$f" 2>/dev/null; }
  echo "monitoring $chip $line pid $$" >> "$S/calls.log"
  trap 'kill $TAIL_PID 2>/dev/null; exit 0' TERM INT
  trap 'kill $TAIL_PID 2>/dev/null' EXIT
  while IFS= read -r v <&"\${TAIL[0]}"; do event "$v"; done
}
echo "$TOOL $* pid $$" >> "$S/calls.log"
`;

const V1_GPIOSET = `mode=exit; args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -v|--version) echo "gpioset (libgpiod) v1.6.3"; echo "Copyright (C) 2017-2018 Bartosz Golaszewski"; exit 0;;
    -h|--help) echo "Usage: gpioset [OPTIONS] <chip name/number> <offset1>=<value1> <offset2>=<value2> ..."; echo "  -m, --mode=[exit|wait|time|signal] (defaults to 'exit'):"; exit 0;;
    -m|--mode) mode=$2; shift 2;;
    --mode=*) mode=\${1#--mode=}; shift;;
    -B|-D|-s|-u) shift 2;;
    -l|-b) die "stand-in: $1 is not modelled";;
    --) shift; args+=("$@"); break;;
    --*) echo "$TOOL: unrecognized option '$1'" >&2; echo "$TOOL: try $TOOL --help" >&2; exit 1;;
    -?*) badopt "\${1:1:1}";;
    *) args+=("$1"); shift;;
  esac
done
[ \${#args[@]} -ge 1 ] || die "gpiochip must be specified"
[ \${#args[@]} -ge 2 ] || die "at least one GPIO line offset to value mapping must be specified"
case "\${args[0]}" in *=*) die "error setting the GPIO line values: No such file or directory";; esac
chip=$(chipname "\${args[0]}")
for spec in "\${args[@]:1}"; do [[ "$spec" =~ ^[0-9]+=[01]$ ]] || die "invalid offset<->value mapping: $spec"; done
case "$mode" in exit|signal|wait) ;; *) die "invalid mode: $mode";; esac
for spec in "\${args[@]:1}"; do apply "$chip" "\${spec%%=*}" "\${spec#*=}"; done
case "$mode" in
  exit) exit 0;;
  wait) read -r _; exit 0;;
  signal) exec sleep infinity;;
esac`;

const V2_GPIOSET = (interactive: boolean): string => `chip=; mode=hold; specs=()
while [ $# -gt 0 ]; do
  case "$1" in
    -v|--version) echo "gpioset (libgpiod) v2.1.3"; exit 0;;
    -h|--help) echo "Usage: gpioset [OPTIONS] <line=value>..."; echo "  -t, --toggle <period>[,period]..."; ${interactive ? `printf '  -i, --interactive\\tset the lines then wait for additional set commands\\n';` : ''} exit 0;;
    -c|--chip) chip=$(chipname "$2"); shift 2;;
    --chip=*) chip=$(chipname "\${1#--chip=}"); shift;;
    -t0|--toggle=0) mode=once; shift;;
    -t|--toggle) [ "$2" = 0 ] || die "stand-in: only -t0 is modelled"; mode=once; shift 2;;
    ${interactive ? '-i|--interactive) mode=interactive; shift;;' : ''}
    -z|-l|-p) die "stand-in: $1 is not modelled";;
    --*) echo "$TOOL: unrecognized option '$1'" >&2; echo "$TOOL: try $TOOL --help" >&2; exit 1;;
    -?*) badopt "\${1:1:1}";;
    *=*) specs+=("$1"); shift;;
    *) die "invalid line value: '$1'";;
  esac
done
[ \${#specs[@]} -gt 0 ] || die "at least one GPIO line value must be specified"
for spec in "\${specs[@]}"; do
  [ -n "$chip" ] || die "cannot find line '\${spec%%=*}'"
  [[ "$spec" =~ ^[0-9]+=[01]$ ]] || die "invalid line value: '$spec'"
done
for spec in "\${specs[@]}"; do apply "$chip" "\${spec%%=*}" "\${spec#*=}"; done
case "$mode" in
  once) exit 0;;
  hold) exec sleep infinity;;
esac
first=\${specs[0]%%=*}
while IFS= read -r cmd; do
  case "$cmd" in
    get) if [ "$(level "$chip" "$first")" = 1 ]; then echo "\\"$first\\"=active"; else echo "\\"$first\\"=inactive"; fi;;
    "set "*) for spec in \${cmd#set }; do apply "$chip" "\${spec%%=*}" "\${spec#*=}"; done;;
    exit) exit 0;;
    *) echo "unknown command: '$cmd'";;
  esac
done`;

const V1_GPIOGET = `args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -v|--version) echo "gpioget (libgpiod) v1.6.3"; exit 0;;
    -B) shift 2;;
    -l) die "stand-in: -l is not modelled";;
    -?*) badopt "\${1:1:1}";;
    *) args+=("$1"); shift;;
  esac
done
[ \${#args[@]} -ge 2 ] || die "at least one GPIO line offset must be specified"
chip=$(chipname "\${args[0]}")
out=()
for line in "\${args[@]:1}"; do [[ "$line" =~ ^[0-9]+$ ]] || die "invalid GPIO offset: $line"; out+=("$(level "$chip" "$line")"); done
echo "\${out[*]}"`;

const V2_GPIOGET = `chip=; numeric=0; lines=()
while [ $# -gt 0 ]; do
  case "$1" in
    -v|--version) echo "gpioget (libgpiod) v2.1.3"; exit 0;;
    -c|--chip) chip=$(chipname "$2"); shift 2;;
    --numeric) numeric=1; shift;;
    -a|--as-is) shift;;
    -?*) badopt "\${1:1:1}";;
    *) lines+=("$1"); shift;;
  esac
done
[ \${#lines[@]} -gt 0 ] || die "at least one GPIO line must be specified"
out=()
for line in "\${lines[@]}"; do
  [ -n "$chip" ] && [[ "$line" =~ ^[0-9]+$ ]] || die "cannot find line '$line'"
  v=$(level "$chip" "$line")
  if [ $numeric = 1 ]; then out+=("$v"); elif [ "$v" = 1 ]; then out+=("\\"$line\\"=active"); else out+=("\\"$line\\"=inactive"); fi
done
echo "\${out[*]}"`;

const V1_GPIOMON = `fmt=; args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -v|--version) echo "gpiomon (libgpiod) v1.6.3"; exit 0;;
    -F|--format) fmt=$2; shift 2;;
    --format=*) fmt=\${1#--format=}; shift;;
    -b|--line-buffered) shift;;
    -?*) badopt "\${1:1:1}";;
    *) args+=("$1"); shift;;
  esac
done
[ \${#args[@]} -eq 2 ] || die "stand-in: exactly one chip and one offset"
chip=$(chipname "\${args[0]}"); line=\${args[1]}
[[ "$line" =~ ^[0-9]+$ ]] || die "invalid GPIO offset: $line"
event() {
  if [ -z "$fmt" ]; then
    if [ "$1" = 1 ]; then e=" RISING EDGE"; else e="FALLING EDGE"; fi
    echo "event: $e offset: $line timestamp: [     1.000000000]"
  else
    o=\${fmt//%e/$1}; o=\${o//%o/$line}; o=\${o//%s/1}; o=\${o//%n/0}; echo "$o"
  fi
}
follow "$chip" "$line"`;

const V2_GPIOMON = `chip=; fmt=; lines=()
while [ $# -gt 0 ]; do
  case "$1" in
    -v|--version) echo "gpiomon (libgpiod) v2.1.3"; exit 0;;
    -c|--chip) chip=$(chipname "$2"); shift 2;;
    -e|--edges) [ "$2" = both ] || die "stand-in: only -e both"; shift 2;;
    -F|--format) fmt=$2; shift 2;;
    --format=*) fmt=\${1#--format=}; shift;;
    -?*) badopt "\${1:1:1}";;
    *) lines+=("$1"); shift;;
  esac
done
[ \${#lines[@]} -eq 1 ] || die "stand-in: exactly one line"
line=\${lines[0]}
[ -n "$chip" ] && [[ "$line" =~ ^[0-9]+$ ]] || die "cannot find line '$line'"
event() {
  if [ "$1" = 1 ]; then word=rising; num=1; else word=falling; num=2; fi
  if [ -z "$fmt" ]; then printf '1.000000000\\t%s\\t%s %s\\n' "$word" "$chip" "$line"
  else o=\${fmt//%E/$word}; o=\${o//%e/$num}; o=\${o//%o/$line}; o=\${o//%c/$chip}; echo "$o"; fi
}
follow "$chip" "$line"`;

/** Writes the three tools of `generation` into `dir`, driving the line files in `state`. */
export function writeLibgpiodStandins(dir: string, state: string, generation: Generation, opts: { interactive?: boolean } = {}): StandinTools {
  mkdirSync(dir, { recursive: true });
  mkdirSync(state, { recursive: true });
  const script = (tool: string, body: string): string => {
    const p = join(dir, tool);
    writeFileSync(p, `#!/bin/bash\nTOOL=${tool}\n${COMMON(state)}${body}\n`);
    chmodSync(p, 0o755);
    return p;
  };
  const v1 = generation === 1;
  return {
    gpioset: script('gpioset', v1 ? V1_GPIOSET : V2_GPIOSET(opts.interactive ?? true)),
    gpioget: script('gpioget', v1 ? V1_GPIOGET : V2_GPIOGET),
    gpiomon: script('gpiomon', v1 ? V1_GPIOMON : V2_GPIOMON),
  };
}

/** The line files of a stand-in state directory, read and written the way the tools do. */
export class StandinLines {
  constructor(readonly state: string) {
    mkdirSync(state, { recursive: true });
  }

  private file(chip: string, line: number, ext: string): string {
    return join(this.state, `${chip}-${line}.${ext}`);
  }

  /** Physical level now. A file that holds anything but 0 or 1 is a defect of the rig, not a low level. */
  level(chip: string, line: number): 0 | 1 {
    const text = readFileSync(this.file(chip, line, 'level'), 'utf8').trim();
    if (text !== '0' && text !== '1') throw new Error(`${this.file(chip, line, 'level')} holds ${JSON.stringify(text)}`);
    return text === '1' ? 1 : 0;
  }

  setLevel(chip: string, line: number, v: 0 | 1): void {
    writeAtomic(this.file(chip, line, 'level'), `${v}\n`);
  }

  /** Drive an input as the wiring would: the level, then the edge gpiomon reports. */
  setInput(chip: string, line: number, v: 0 | 1): void {
    this.setLevel(chip, line, v);
    writeFileSync(this.file(chip, line, 'events'), `${v}\n`, { flag: 'a' });
  }

  wire(chip: string, from: number, to: number, invert: boolean): void {
    writeAtomic(this.file(chip, from, 'wire'), `${to} ${invert ? 1 : 0}\n`);
  }

  /** Complete lines of a log; a line still being appended (no newline yet) is left for the next read. */
  log(name: 'writes' | 'calls'): string[] {
    const f = join(this.state, `${name}.log`);
    if (!existsSync(f)) return [];
    const lines = readFileSync(f, 'utf8').split('\n');
    lines.pop();
    return lines.filter(Boolean);
  }
}
