import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyboardTagDecoder, parseEventLine } from '../../../hal/linux/rfid/evtest-decoder.js';

// As evtest prints them for a USB reader typing "0012345678" + Enter (scan codes, presses, SYN, releases).
const REAL = `Event: time 1700000000.100000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 70027
Event: time 1700000000.100000, type 1 (EV_KEY), code 11 (KEY_0), value 1
Event: time 1700000000.100000, -------------- SYN_REPORT ------------
Event: time 1700000000.108000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 70027
Event: time 1700000000.108000, type 1 (EV_KEY), code 11 (KEY_0), value 0
Event: time 1700000000.108000, -------------- SYN_REPORT ------------
Event: time 1700000000.116000, type 1 (EV_KEY), code 11 (KEY_0), value 1
Event: time 1700000000.116000, type 1 (EV_KEY), code 11 (KEY_0), value 0
Event: time 1700000000.124000, type 1 (EV_KEY), code 2 (KEY_1), value 1
Event: time 1700000000.124000, type 1 (EV_KEY), code 2 (KEY_1), value 0
Event: time 1700000000.132000, type 1 (EV_KEY), code 3 (KEY_2), value 1
Event: time 1700000000.132000, type 1 (EV_KEY), code 3 (KEY_2), value 2
Event: time 1700000000.132000, type 1 (EV_KEY), code 3 (KEY_2), value 0
Event: time 1700000000.140000, type 1 (EV_KEY), code 4 (KEY_3), value 1
Event: time 1700000000.148000, type 1 (EV_KEY), code 5 (KEY_4), value 1
Event: time 1700000000.156000, type 1 (EV_KEY), code 6 (KEY_5), value 1
Event: time 1700000000.164000, type 1 (EV_KEY), code 7 (KEY_6), value 1
Event: time 1700000000.172000, type 1 (EV_KEY), code 8 (KEY_7), value 1
Event: time 1700000000.180000, type 1 (EV_KEY), code 9 (KEY_8), value 1
Event: time 1700000000.188000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 70028
Event: time 1700000000.188000, type 1 (EV_KEY), code 28 (KEY_ENTER), value 1
Event: time 1700000000.188000, -------------- SYN_REPORT ------------
Event: time 1700000000.196000, type 1 (EV_KEY), code 28 (KEY_ENTER), value 0`.split('\n');

const decoder = (): KeyboardTagDecoder => new KeyboardTagDecoder({ tagTimeoutMs: 1000, maxLength: 20 });

test('parses evtest event lines; header and SYN lines are no events', () => {
  assert.deepEqual(parseEventLine(REAL[1]!), { timeMs: 1700000000100, type: 1, code: 11, name: 'KEY_0', value: 1 });
  assert.equal(parseEventLine(REAL[2]!), null);
  assert.equal(parseEventLine('Testing ... (interrupt to exit)'), null);
  assert.equal(parseEventLine('    Event code 28 (KEY_ENTER)'), null);
});

test('real evtest lines of a swipe give one tag at Enter; autorepeat and releases type nothing', () => {
  const d = decoder();
  const out = REAL.map((l) => d.line(l, 0)).filter((r) => r !== null);
  assert.deepEqual(out, [{ tag: '0012345678' }]);
});

test('Shift gives capitals and shifted symbols; keypad digits; keypad Enter ends the tag', () => {
  const d = decoder();
  const k = (code: number, name: string, value: number): string => `Event: time 1.000000, type 1 (EV_KEY), code ${code} (${name}), value ${value}`;
  const lines = [k(42, 'KEY_LEFTSHIFT', 1), k(30, 'KEY_A', 1), k(30, 'KEY_A', 0), k(2, 'KEY_1', 1), k(42, 'KEY_LEFTSHIFT', 0), k(48, 'KEY_B', 1), k(79, 'KEY_KP1', 1), k(12, 'KEY_MINUS', 1), k(96, 'KEY_KPENTER', 1)];
  assert.deepEqual(lines.map((l) => d.line(l, 0)).filter((r) => r !== null), [{ tag: 'A!b1-' }]);
});

test('a partial tag is dropped after tagTimeoutMs; an empty Enter and an overlong tag give no tag', () => {
  const d = decoder();
  const k = (code: number, name: string): string => `Event: time 1.000000, type 1 (EV_KEY), code ${code} (${name}), value 1`;
  assert.equal(d.line(k(2, 'KEY_1'), 0), null);
  assert.deepEqual(d.line(k(3, 'KEY_2'), 1500), { dropped: '1', reason: 'no Enter within 1000 ms' });
  assert.deepEqual(d.line(k(28, 'KEY_ENTER'), 1600), { tag: '2' });
  assert.equal(d.line(k(28, 'KEY_ENTER'), 1700), null);
  for (let i = 0; i < 21; i++) d.line(k(2, 'KEY_1'), 1800);
  assert.deepEqual(d.line(k(28, 'KEY_ENTER'), 1800), { dropped: '1'.repeat(21), reason: 'longer than 20 characters' });
});
