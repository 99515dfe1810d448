/**
 * What cannot run here (no /dev/input): a stand-in `evtest` that behaves like Debian's for the driver. A bash
 * script, put where the reader's `evtest` option points, that
 * - fails like evtest when the device path does not exist ("evtest: No such file or directory", exit 1);
 * - prints evtest's device header and "Testing ... (interrupt to exit)";
 * - prints the grab warning (and reads on, as evtest does) when `<dir>/grab-fails` exists;
 * - then prints every line appended to `<dir>/events` from its start on (tail -F), so a test "types" by
 *   appending lines once the driver is reading (KeyboardReader.whenReading).
 * `keyLines()` builds the lines a keyboard-emulating reader produces, copied from evtest on a real one.
 */
import { appendFileSync, chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HEADER = `Input driver version is 1.0.1
Input device ID: bus 0x3 vendor 0xffff product 0x35 version 0x110
Input device name: "Sycreader RFID Technology Co., Ltd SYC ID&IC USB Reader"
Supported events:
  Event type 0 (EV_SYN)
  Event type 1 (EV_KEY)
    Event code 2 (KEY_1)
    Event code 28 (KEY_ENTER)
    Event code 42 (KEY_LEFTSHIFT)
  Event type 4 (EV_MSC)
    Event code 4 (MSC_SCAN)
  Event type 17 (EV_LED)
    Event code 0 (LED_NUML) state 0
Key repeat handling:
  Repeat type 20 (EV_REP)
    Repeat code 0 (REP_DELAY)
      Value    250
    Repeat code 1 (REP_PERIOD)
      Value     33
Properties:
Testing ... (interrupt to exit)`;

const GRAB_WARNING = `***********************************************
  This device is grabbed by another process.
  No events are available to evtest while the
  other grab is active.
  In most cases, this is caused by an X driver,
  try VT-switching and re-run evtest again.
  Run the following command to see processes with
  an open fd on this device
 "fuser -v DEVICE"
***********************************************`;

export class EvtestStandin {
  readonly dir: string;
  readonly command: string;
  /** The "device": a plain file; remove it to unplug the reader. */
  readonly device: string;
  private readonly events: string;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'chargerd-evtest-'));
    this.command = join(this.dir, 'evtest');
    this.device = join(this.dir, 'usb-Sycreader_RFID-event-kbd');
    this.events = join(this.dir, 'events');
    writeFileSync(this.events, '');
    writeFileSync(this.device, '');
    writeFileSync(
      this.command,
      `#!/bin/bash
[ "$1" = --grab ] || { echo "stand-in evtest: expected --grab" >&2; exit 2; }
dev="$2"
echo "$$ $*" >> '${this.dir}/calls.log'
[ -e "$dev" ] || { echo "evtest: No such file or directory" >&2; exit 1; }
# Each evtest reads what is typed from its own start on: lines typed once the driver saw it ready are all read.
: > '${this.events}'
cat <<'HEADER'
${HEADER}
HEADER
[ -e '${this.dir}/grab-fails' ] && cat <<'WARN'
${GRAB_WARNING}
WARN
exec tail -n +1 -F '${this.events}' 2>/dev/null
`,
    );
    chmodSync(this.command, 0o755);
  }

  type(lines: readonly string[]): void {
    appendFileSync(this.events, lines.map((l) => `${l}\n`).join(''));
  }

  unplug(): void {
    rmSync(this.device, { force: true });
  }

  plug(): void {
    writeFileSync(this.device, '');
  }

  grabFails(fails: boolean): void {
    if (fails) writeFileSync(join(this.dir, 'grab-fails'), '');
    else rmSync(join(this.dir, 'grab-fails'), { force: true });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const CODES: Record<string, [number, string]> = { '\n': [28, 'KEY_ENTER'], '-': [12, 'KEY_MINUS'] };
'1234567890'.split('').forEach((d, i) => (CODES[d] = [2 + i, `KEY_${d}`]));
const ROWS: [string, number][] = [
  ['QWERTYUIOP', 16],
  ['ASDFGHJKL', 30],
  ['ZXCVBNM', 44],
];
for (const [row, first] of ROWS) row.split('').forEach((c, i) => (CODES[c] = [first + i, `KEY_${c}`]));

/** The evtest lines of `text` typed by a reader (press, SYN, release, SYN per key; Shift around capitals). */
export function keyLines(text: string, startS = 1700000000): string[] {
  const out: string[] = [];
  let us = 100000;
  const t = (): string => `${startS}.${String(us).padStart(6, '0')}`;
  const key = (code: number, name: string, value: number): void => {
    if (value !== 2) out.push(`Event: time ${t()}, type 4 (EV_MSC), code 4 (MSC_SCAN), value 700${code.toString(16).padStart(2, '0')}`);
    out.push(`Event: time ${t()}, type 1 (EV_KEY), code ${code} (${name}), value ${value}`);
    out.push(`Event: time ${t()}, -------------- SYN_REPORT ------------`);
    us += 8000;
  };
  for (const ch of text) {
    const upper = /[A-Z]/.test(ch);
    const [code, name] = CODES[ch.toUpperCase()] ?? (() => {
      throw new Error(`keyLines: no key for ${JSON.stringify(ch)}`);
    })();
    if (upper) key(42, 'KEY_LEFTSHIFT', 1);
    key(code, name, 1);
    key(code, name, 0);
    if (upper) key(42, 'KEY_LEFTSHIFT', 0);
  }
  return out;
}
