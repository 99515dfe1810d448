import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ControlError, encodeResponse, parseRequestLine, parseResponseLine } from '../../../agent/control/protocol.js';

describe('parseRequestLine', () => {
  test('accepts a full request and defaults missing or null params to {}', () => {
    assert.deepEqual(parseRequestLine('{"id":3,"method":"status","params":{"a":1}}'), { ok: true, request: { id: 3, method: 'status', params: { a: 1 } } });
    assert.deepEqual(parseRequestLine('{"id":4,"method":"status"}'), { ok: true, request: { id: 4, method: 'status', params: {} } });
    assert.deepEqual(parseRequestLine('{"id":5,"method":"status","params":null}'), { ok: true, request: { id: 5, method: 'status', params: {} } });
  });

  const bad: [string, string, number | null, string][] = [
    ['not JSON', 'nope', null, 'BAD_REQUEST'],
    ['an array', '[1,2]', null, 'BAD_REQUEST'],
    ['a string id', '{"id":"1","method":"status"}', null, 'BAD_REQUEST'],
    ['no id', '{"method":"status"}', null, 'BAD_REQUEST'],
    ['no method', '{"id":1}', 1, 'BAD_REQUEST'],
    ['an empty method', '{"id":1,"method":""}', 1, 'BAD_REQUEST'],
    ['array params', '{"id":2,"method":"x","params":[1]}', 2, 'BAD_PARAMS'],
    ['string params', '{"id":2,"method":"x","params":"a"}', 2, 'BAD_PARAMS'],
  ];
  for (const [what, line, id, code] of bad) {
    test(`rejects ${what} with ${code}`, () => {
      const r = parseRequestLine(line);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.id, id);
        assert.equal(r.error.code, code);
      }
    });
  }
});

describe('encodeResponse', () => {
  test('undefined result is sent as null, so the reply always has "result"', () => {
    assert.equal(encodeResponse({ id: 1, result: undefined }), '{"id":1,"result":null}\n');
  });

  test('an unserialisable result becomes an INTERNAL error with the same id', () => {
    const line = encodeResponse({ id: 7, result: { n: 1n } });
    const msg = JSON.parse(line);
    assert.equal(msg.id, 7);
    assert.equal(msg.error.code, 'INTERNAL');
    assert.ok(line.endsWith('\n'));
  });
});

describe('parseResponseLine', () => {
  test('reads result and error replies', () => {
    assert.deepEqual(parseResponseLine('{"id":1,"result":{"a":1}}'), { ok: true, id: 1, result: { a: 1 } });
    assert.deepEqual(parseResponseLine('{"id":null,"error":{"code":"TOO_LARGE","message":"m"}}'), { ok: true, id: null, error: { code: 'TOO_LARGE', message: 'm' } });
  });

  test('rejects replies without a usable shape', () => {
    for (const line of ['x', '5', '{"id":1}', '{"id":"1","result":1}', '{"id":1,"error":"boom"}', '{"id":1,"error":{"code":1,"message":"m"}}']) {
      assert.equal(parseResponseLine(line).ok, false, line);
    }
  });
});

test('ControlError keeps its code and is an Error', () => {
  const e = new ControlError('REFUSED', 'transaction running');
  assert.ok(e instanceof Error);
  assert.equal(e.code, 'REFUSED');
  assert.equal(e.message, 'transaction running');
  assert.equal(e.name, 'ControlError');
});
