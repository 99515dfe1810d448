import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineSplitter, type SplitEvent } from '../../../agent/control/line-splitter.js';

const lines = (evs: SplitEvent[]) => evs.map((e) => (e.kind === 'line' ? e.line : `<oversized ${e.bytesSeen}>`));

describe('LineSplitter', () => {
  test('splits several lines in one chunk and keeps a partial line for the next chunk', () => {
    const s = new LineSplitter(100);
    assert.deepEqual(lines(s.push(Buffer.from('a\nbb\ncc'))), ['a', 'bb']);
    assert.deepEqual(lines(s.push(Buffer.from('c\n'))), ['ccc']);
  });

  test('strips a trailing CR and skips blank lines', () => {
    const s = new LineSplitter(100);
    assert.deepEqual(lines(s.push(Buffer.from('x\r\n\n  \r\ny\n'))), ['x', 'y']);
  });

  test('a UTF-8 character split across chunks is decoded whole', () => {
    const bytes = Buffer.from('"€"\n');
    const s = new LineSplitter(100);
    assert.deepEqual(lines(s.push(bytes.subarray(0, 2))), []);
    assert.deepEqual(lines(s.push(bytes.subarray(2))), ['"€"']);
  });

  test('an over-long line is reported once, skipped to its newline, and the next line is read', () => {
    const s = new LineSplitter(10);
    const evs1 = s.push(Buffer.from('0123456789ABC'));
    assert.deepEqual(lines(evs1), ['<oversized 13>']);
    assert.deepEqual(lines(s.push(Buffer.from('more garbage without newline'))), []);
    assert.deepEqual(lines(s.push(Buffer.from('tail\nok\n'))), ['ok']);
  });

  test('a line of exactly the limit is accepted; one byte more is not', () => {
    const s = new LineSplitter(4);
    assert.deepEqual(lines(s.push(Buffer.from('abcd\nabcde\nz\n'))), ['abcd', '<oversized 5>', 'z']);
  });

  test('the limit counts bytes accumulated over many chunks', () => {
    const s = new LineSplitter(8);
    assert.deepEqual(lines(s.push(Buffer.from('1234'))), []);
    assert.deepEqual(lines(s.push(Buffer.from('5678'))), []);
    assert.deepEqual(lines(s.push(Buffer.from('9'))), ['<oversized 9>']);
  });

  test('end() flushes an unterminated last line, but not a skipped one', () => {
    const s = new LineSplitter(5);
    s.push(Buffer.from('abc'));
    assert.deepEqual(lines(s.end()), ['abc']);
    const t = new LineSplitter(2);
    t.push(Buffer.from('abc'));
    assert.deepEqual(lines(t.end()), []);
  });

  test('does not keep a reference to the caller\'s chunk buffer', () => {
    const s = new LineSplitter(100);
    const chunk = Buffer.from('abc');
    s.push(chunk);
    chunk.fill(0x7a);
    assert.deepEqual(lines(s.push(Buffer.from('\n'))), ['abc']);
  });
});
