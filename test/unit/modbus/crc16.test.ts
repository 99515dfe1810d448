import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { crc16, hasValidCrc, withCrc } from '../../../hal/modbus/crc16.js';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('crc16 (CRC-16/MODBUS)', () => {
  test('catalogue check value: "123456789" -> 0x4B37', () => {
    assert.equal(crc16(ascii('123456789')), 0x4b37);
  });

  test('empty input is the init value 0xFFFF', () => {
    assert.equal(crc16(new Uint8Array()), 0xffff);
  });

  test('Modbus spec example 11 03 00 6B 00 03 -> wire bytes 76 87', () => {
    const frame = withCrc(Uint8Array.of(0x11, 0x03, 0x00, 0x6b, 0x00, 0x03));
    assert.deepEqual([...frame.slice(-2)], [0x76, 0x87]);
  });

  test('read holding 01 03 00 00 00 0A -> wire bytes C5 CD', () => {
    const frame = withCrc(Uint8Array.of(0x01, 0x03, 0x00, 0x00, 0x00, 0x0a));
    assert.deepEqual([...frame], [0x01, 0x03, 0x00, 0x00, 0x00, 0x0a, 0xc5, 0xcd]);
  });

  test('read input 01 04 00 00 00 02 -> wire bytes 71 CB', () => {
    assert.deepEqual([...withCrc(Uint8Array.of(1, 4, 0, 0, 0, 2)).slice(-2)], [0x71, 0xcb]);
  });

  test('a frame with its CRC checks to zero; any flipped bit breaks it', () => {
    const frame = withCrc(Uint8Array.of(0x01, 0x04, 0x04, 0x43, 0x66, 0x19, 0x9a));
    assert.equal(crc16(frame), 0);
    assert.ok(hasValidCrc(frame));
    for (let i = 0; i < frame.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const bad = frame.slice();
        bad[i]! ^= 1 << bit;
        assert.equal(hasValidCrc(bad), false, `flip byte ${i} bit ${bit}`);
      }
    }
  });

  test('start/end select a slice', () => {
    const bytes = ascii('xx123456789yy');
    assert.equal(crc16(bytes, 2, 11), 0x4b37);
  });

  test('frames shorter than 3 bytes are never valid', () => {
    assert.equal(hasValidCrc(Uint8Array.of(0xff, 0xff)), false);
  });
});
