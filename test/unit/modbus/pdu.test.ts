import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HalError } from '../../../hal/errors.js';
import { buildReadPdu, buildRtuReadRequest, parseRtuReadReply, rtuReplyLength, type ReadRequest } from '../../../hal/modbus/pdu.js';
import { rtuFrame } from './helpers.js';

const req: ReadRequest = { unitId: 1, functionCode: 4, address: 0x0048, count: 2 };
const request = buildRtuReadRequest(req);

function rejects(frame: Uint8Array, code: string, r: ReadRequest = req): HalError {
  try {
    parseRtuReadReply(r, request, frame);
  } catch (err) {
    assert.ok(err instanceof HalError, 'a HalError');
    assert.equal(err.code, code, err.message);
    assert.deepEqual(err.details.request, request, 'request bytes attached');
    assert.deepEqual(err.details.response, frame, 'raw reply attached');
    return err;
  }
  assert.fail(`expected ${code}`);
}

describe('Modbus PDU: requests', () => {
  test('FC 04 request bytes, CRC low byte first', () => {
    assert.deepEqual([...request], [0x01, 0x04, 0x00, 0x48, 0x00, 0x02, 0xf1, 0xdd]);
  });

  test('FC 03 high address', () => {
    const r = buildRtuReadRequest({ unitId: 0x11, functionCode: 3, address: 0x5b00, count: 0x1c });
    assert.deepEqual([...r.slice(0, 6)], [0x11, 0x03, 0x5b, 0x00, 0x00, 0x1c]);
  });

  test('reply length = 5 + 2 * count', () => {
    assert.equal(rtuReplyLength(req), 9);
    assert.equal(rtuReplyLength({ ...req, count: 125 }), 255);
  });

  for (const [label, bad] of [
    ['unit 0 (broadcast has no reply)', { unitId: 0 }],
    ['unit 248', { unitId: 248 }],
    ['count 0', { count: 0 }],
    ['count 126', { count: 126 }],
    ['function 6', { functionCode: 6 }],
    ['past the address space', { address: 0xffff, count: 2 }],
    ['negative address', { address: -1 }],
  ] as const) {
    test(`rejects ${label} with BAD_CONFIG`, () => {
      assert.throws(() => buildReadPdu({ ...req, ...bad } as ReadRequest), (e: unknown) => e instanceof HalError && e.code === 'BAD_CONFIG');
    });
  }
});

describe('Modbus PDU: reply validation (length, CRC, unit, exception, function, byte count)', () => {
  const good = rtuFrame(0x01, 0x04, 0x04, 0x44, 0x9a, 0x52, 0x25);

  test('a good reply yields its registers', () => {
    assert.deepEqual([...parseRtuReadReply(req, request, good)], [0x449a, 0x5225]);
  });

  test('short frame: fewer than 5 bytes', () => {
    rejects(Uint8Array.of(0x01, 0x04, 0x04), 'MODBUS_SHORT_FRAME');
  });

  test('short frame: a truncated reply (not an exception) is short before it is a CRC error', () => {
    rejects(good.slice(0, 7), 'MODBUS_SHORT_FRAME');
  });

  test('empty reply is short', () => {
    rejects(new Uint8Array(), 'MODBUS_SHORT_FRAME');
  });

  test('bad CRC', () => {
    const bad = good.slice();
    bad[bad.length - 1]! ^= 0x01;
    rejects(bad, 'MODBUS_CRC');
  });

  test('a corrupted unit byte is a CRC error, not a wrong unit (CRC is checked first)', () => {
    const bad = good.slice();
    bad[0] = 0x02;
    rejects(bad, 'MODBUS_CRC');
  });

  test('wrong unit with a valid CRC', () => {
    rejects(rtuFrame(0x02, 0x04, 0x04, 0x44, 0x9a, 0x52, 0x25), 'MODBUS_WRONG_UNIT');
  });

  test('exception reply carries the exception code', () => {
    const err = rejects(rtuFrame(0x01, 0x84, 0x02), 'MODBUS_EXCEPTION');
    assert.equal(err.details.modbusCode, 2);
    assert.match(err.message, /illegal data address/);
  });

  test('exception from the wrong unit is reported as wrong unit (unit is checked before exception)', () => {
    rejects(rtuFrame(0x05, 0x84, 0x02), 'MODBUS_WRONG_UNIT');
  });

  test('wrong function code', () => {
    rejects(rtuFrame(0x01, 0x03, 0x04, 0x44, 0x9a, 0x52, 0x25), 'MODBUS_WRONG_FUNCTION');
  });

  test('exception for another function is a wrong function', () => {
    rejects(rtuFrame(0x01, 0x83, 0x02), 'MODBUS_WRONG_FUNCTION');
  });

  test('byte count field disagrees with the request', () => {
    rejects(rtuFrame(0x01, 0x04, 0x02, 0x44, 0x9a, 0x52, 0x25), 'MODBUS_BYTE_COUNT');
  });

  test('byte count right but data longer than announced', () => {
    rejects(rtuFrame(0x01, 0x04, 0x04, 0x44, 0x9a, 0x52, 0x25, 0x00, 0x00), 'MODBUS_BYTE_COUNT');
  });

  test('error messages show the bytes in hex', () => {
    const err = rejects(rtuFrame(0x02, 0x04, 0x04, 0, 0, 0, 0), 'MODBUS_WRONG_UNIT');
    assert.match(err.message, /01 04 00 48 00 02/);
  });
});
