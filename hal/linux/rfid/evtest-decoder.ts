/**
 * Turns the event lines Debian's evtest prints for a keyboard-emulating card reader into tags:
 *   Event: time 1700000000.100000, type 1 (EV_KEY), code 11 (KEY_0), value 1
 * Key presses (value 1) of digits, letters and the usual punctuation become characters, Shift (held, value 1
 * to 0) gives the shifted ones, Enter ends the tag; releases (0), autorepeat (2), EV_MSC and SYN lines and the
 * header evtest prints first carry nothing. A tag left without Enter for tagTimeoutMs is dropped, so a half
 * swipe is not glued to the next card.
 */

const EVENT_LINE = /^Event: time (\d+)\.(\d+), type (\d+) \(EV_\w+\), code (\d+) \((\w+)\), value (-?\d+)/;

/** Key name → [unshifted, shifted] (US layout: these readers type as a US keyboard). */
const KEYS: Record<string, [string, string]> = {
  KEY_MINUS: ['-', '_'],
  KEY_EQUAL: ['=', '+'],
  KEY_SEMICOLON: [';', ':'],
  KEY_APOSTROPHE: ["'", '"'],
  KEY_COMMA: [',', '<'],
  KEY_DOT: ['.', '>'],
  KEY_SLASH: ['/', '?'],
  KEY_SPACE: [' ', ' '],
  KEY_KPMINUS: ['-', '-'],
  KEY_KPPLUS: ['+', '+'],
};
const SHIFTED_DIGITS = ')!@#$%^&*(';
for (let d = 0; d <= 9; d++) {
  KEYS[`KEY_${d}`] = [String(d), SHIFTED_DIGITS[d]!];
  KEYS[`KEY_KP${d}`] = [String(d), String(d)];
}
for (let c = 65; c <= 90; c++) {
  const upper = String.fromCharCode(c);
  KEYS[`KEY_${upper}`] = [upper.toLowerCase(), upper];
}
const SHIFT = new Set(['KEY_LEFTSHIFT', 'KEY_RIGHTSHIFT']);
const ENTER = new Set(['KEY_ENTER', 'KEY_KPENTER']);
const EV_KEY = 1;

export interface EvtestEvent {
  timeMs: number;
  type: number;
  code: number;
  name: string;
  value: number;
}

export function parseEventLine(line: string): EvtestEvent | null {
  const m = EVENT_LINE.exec(line);
  if (!m) return null;
  return { timeMs: Number(m[1]) * 1000 + Number(m[2]!.padEnd(6, '0').slice(0, 6)) / 1000, type: Number(m[3]), code: Number(m[4]), name: m[5]!, value: Number(m[6]) };
}

export interface KeyboardDecoderOptions {
  /** A tag still without Enter this long after its last key is dropped. */
  tagTimeoutMs: number;
  /** Longer tags are dropped (OCPP 1.6 idTag: 20). */
  maxLength: number;
}

export type DecodeResult = { tag: string } | { dropped: string; reason: string } | null;

export class KeyboardTagDecoder {
  private chars = '';
  private lastKeyMs = 0;
  private shift = 0;

  constructor(private readonly o: KeyboardDecoderOptions) {}

  /** One evtest line; `nowMs` (the injected clock) dates the keys, as evtest's own times are the kernel's. */
  line(line: string, nowMs: number): DecodeResult {
    const e = parseEventLine(line);
    if (!e || e.type !== EV_KEY) return null;
    if (SHIFT.has(e.name)) {
      if (e.value === 1) this.shift++;
      else if (e.value === 0) this.shift = Math.max(0, this.shift - 1);
      return null;
    }
    if (e.value !== 1) return null;
    let dropped: DecodeResult = null;
    if (this.chars && nowMs - this.lastKeyMs > this.o.tagTimeoutMs) {
      dropped = { dropped: this.chars, reason: `no Enter within ${this.o.tagTimeoutMs} ms` };
      this.chars = '';
    }
    this.lastKeyMs = nowMs;
    if (ENTER.has(e.name)) {
      const tag = this.chars;
      this.chars = '';
      if (!tag) return dropped;
      if (tag.length > this.o.maxLength) return { dropped: tag, reason: `longer than ${this.o.maxLength} characters` };
      return { tag };
    }
    const k = KEYS[e.name];
    if (k) this.chars += k[this.shift > 0 ? 1 : 0];
    return dropped;
  }

  /** Forget a partial tag and the Shift state (the device went away mid-swipe). */
  reset(): void {
    this.chars = '';
    this.shift = 0;
  }
}
