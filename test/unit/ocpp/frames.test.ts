import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FrameEncodingError,
  parseFrame,
  serializeCall,
  serializeError,
  serializeResult,
  truncate,
  type ParseResult,
} from '../../../agent/ocpp/frames.js';

function failure(r: ParseResult) {
  assert.equal(r.ok, false, 'expected a parse failure');
  return r as Extract<ParseResult, { ok: false }>;
}

describe('frames: round trip', () => {
  test('CALL', () => {
    const text = serializeCall('19223201', 'BootNotification', { chargePointVendor: 'VendorX', chargePointModel: 'M' });
    assert.equal(text, '[2,"19223201","BootNotification",{"chargePointVendor":"VendorX","chargePointModel":"M"}]');
    assert.deepEqual(parseFrame(text), {
      ok: true,
      frame: { type: 'call', id: '19223201', action: 'BootNotification', payload: { chargePointVendor: 'VendorX', chargePointModel: 'M' } },
    });
  });

  test('CALLRESULT', () => {
    const text = serializeResult('19223201', { status: 'Accepted', currentTime: '2013-02-01T20:53:32.486Z', interval: 300 });
    assert.deepEqual(parseFrame(text), {
      ok: true,
      frame: { type: 'result', id: '19223201', payload: { status: 'Accepted', currentTime: '2013-02-01T20:53:32.486Z', interval: 300 } },
    });
  });

  test('CALLERROR (the errata example)', () => {
    const text = serializeError('162376037', 'NotSupported', 'SendLocalList.req not implemented');
    assert.equal(text, '[4,"162376037","NotSupported","SendLocalList.req not implemented",{}]');
    assert.deepEqual(parseFrame(text), {
      ok: true,
      frame: { type: 'error', id: '162376037', code: 'NotSupported', description: 'SendLocalList.req not implemented', details: {} },
    });
  });

  test('empty payloads are sent as {}', () => {
    assert.equal(serializeCall('1', 'Heartbeat', undefined), '[2,"1","Heartbeat",{}]');
    assert.equal(serializeCall('1', 'Heartbeat', null), '[2,"1","Heartbeat",{}]');
    assert.equal(serializeResult('1', undefined), '[3,"1",{}]');
  });

  test('a 36-character id (a UUID) is fine', () => {
    const id = 'a'.repeat(36);
    assert.equal(parseFrame(serializeCall(id, 'Heartbeat', {})).ok, true);
  });

  test('null payloads are accepted as empty (OCPP-J 1.6 §4.2.1 allows both notations)', () => {
    const call = parseFrame('[2,"1","Heartbeat",null]');
    assert.ok(call.ok);
    assert.deepEqual(call.frame, { type: 'call', id: '1', action: 'Heartbeat', payload: {} });
    const result = parseFrame('[3,"1",null]');
    assert.ok(result.ok);
    assert.deepEqual(result.frame, { type: 'result', id: '1', payload: {} });
  });

  test('a CALLERROR without description or details still carries its code', () => {
    const r = parseFrame('[4,"1","SecurityError"]');
    assert.ok(r.ok);
    assert.deepEqual(r.frame, { type: 'error', id: '1', code: 'SecurityError', description: '', details: {} });
    const r2 = parseFrame('[4,"1","SecurityError",7,[1]]');
    assert.ok(r2.ok);
    assert.deepEqual(r2.frame, { type: 'error', id: '1', code: 'SecurityError', description: '', details: {} });
  });
});

describe('frames: malformed input', () => {
  test('garbage without a readable id', () => {
    for (const raw of ['', 'not json', '{"a":1}', '"2"', '42', 'null', '[]', '["2","1","Heartbeat",{}]', '[null]', '[2]', '[2,7,"Heartbeat",{}]', '[3,null,{}]', '[4,{},"X","",{}]']) {
      const f = failure(parseFrame(raw));
      assert.equal(f.kind, 'garbage', raw);
      assert.ok(f.reason.length > 0);
    }
  });

  test('unknown message type: id reported when readable', () => {
    const f = failure(parseFrame('[9,"x",{}]'));
    assert.equal(f.kind, 'unknownType');
    assert.ok(f.kind === 'unknownType');
    assert.equal(f.messageType, 9);
    assert.equal(f.id, 'x');
    const g = failure(parseFrame('[5]'));
    assert.ok(g.kind === 'unknownType');
    assert.equal(g.id, null);
    assert.equal(failure(parseFrame('[2.5,"x"]')).kind, 'garbage');
  });

  test('malformed CALL with a readable id can be answered', () => {
    const cases: [string, string][] = [
      ['[2,"1","Reset"]', 'RpcFrameworkError'],
      ['[2,"1","Reset",{},{}]', 'RpcFrameworkError'],
      ['[2,"1",5,{}]', 'RpcFrameworkError'],
      ['[2,"1","",{}]', 'RpcFrameworkError'],
      ['[2,"1","Reset","hard"]', 'FormatViolation'],
      ['[2,"1","Reset",[1]]', 'FormatViolation'],
      ['[2,"1","Reset",3]', 'FormatViolation'],
    ];
    for (const [raw, code] of cases) {
      const f = failure(parseFrame(raw));
      assert.equal(f.kind, 'reply', raw);
      assert.ok(f.kind === 'reply');
      assert.equal(f.id, '1');
      assert.equal(f.code, code, raw);
    }
  });

  test('a message id longer than 36 characters is answered, echoing it', () => {
    const id = 'x'.repeat(37);
    const f = failure(parseFrame(`[2,"${id}","Heartbeat",{}]`));
    assert.ok(f.kind === 'reply');
    assert.equal(f.id, id);
    assert.equal(f.code, 'RpcFrameworkError');
    assert.equal(JSON.parse(serializeError(f.id, 'FormationViolation'))[1], id);
  });

  test('broken CALLRESULT / CALLERROR with a readable id', () => {
    for (const raw of ['[3,"1"]', '[3,"1",{},{}]', '[3,"1","x"]', '[3,"1",[]]', '[4,"1"]', '[4,"1",5,"",{}]', '[4,"1","X","",{},1]']) {
      const f = failure(parseFrame(raw));
      assert.equal(f.kind, 'badResponse', raw);
      assert.ok(f.kind === 'badResponse');
      assert.equal(f.id, '1');
    }
  });
});

describe('frames: serialisation limits', () => {
  test('we never send an id that is empty or longer than 36', () => {
    assert.throws(() => serializeCall('', 'Heartbeat', {}), FrameEncodingError);
    assert.throws(() => serializeCall('x'.repeat(37), 'Heartbeat', {}), FrameEncodingError);
    assert.throws(() => serializeCall('1', '', {}), FrameEncodingError);
  });

  test('errorDescription is cut to 255 characters at a code-point boundary', () => {
    const long = serializeError('1', 'InternalError', 'é'.repeat(300));
    assert.equal((JSON.parse(long)[3] as string).length, 255);
    const emoji = '😀'.repeat(200); // 2 UTF-16 units each
    const cut = truncate(emoji, 255);
    assert.equal(cut.length, 254);
    assert.ok(!/[\uD800-\uDBFF]$/.test(cut), 'no lone high surrogate at the end');
    assert.equal(truncate('short', 255), 'short');
  });

  test('error details default to {}', () => {
    assert.deepEqual(JSON.parse(serializeError('1', 'GenericError')), [4, '1', 'GenericError', '', {}]);
  });
});
