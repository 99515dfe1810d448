import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { OcppCallError } from '../../../agent/ocpp/errors.js';
import { processInboundCall, type InboundDeps } from '../../../agent/ocpp/inbound.js';
import type { PayloadValidator } from '../../../agent/ocpp/validator.js';
import { createOcpp16Validator } from '../../../profiles/ocpp16/validator.js';

const validator = createOcpp16Validator();
const log = pino({ level: 'silent' });

function deps(over: Partial<InboundDeps> = {}): InboundDeps {
  return { validator, gate: null, handler: async () => ({ status: 'Accepted' }), log, ...over };
}

describe('inbound pipeline', () => {
  test('valid request → handler → CALLRESULT', async () => {
    const seen: unknown[] = [];
    const reply = await processInboundCall('Reset', { type: 'Soft' }, deps({ handler: async (a, p) => (seen.push([a, p]), { status: 'Accepted' }) }));
    assert.deepEqual(reply, { kind: 'result', payload: { status: 'Accepted' } });
    assert.deepEqual(seen, [['Reset', { type: 'Soft' }]]);
  });

  test('unknown action, or no handler at all → NotImplemented', async () => {
    const r = await processInboundCall('FlyToTheMoon', {}, deps());
    assert.equal(r.kind, 'error');
    assert.equal(r.kind === 'error' && r.code, 'NotImplemented');
    const r2 = await processInboundCall('Reset', { type: 'Soft' }, deps({ handler: null }));
    assert.equal(r2.kind === 'error' && r2.code, 'NotImplemented');
  });

  test('invalid payload → the mapped code, handler not called', async () => {
    let called = false;
    const handler = async () => ((called = true), { status: 'Accepted' });
    const cases: [unknown, string][] = [
      [{ type: 'Sideways' }, 'PropertyConstraintViolation'],
      [{}, 'OccurrenceConstraintViolation'],
      [{ type: 1 }, 'TypeConstraintViolation'],
      [{ type: 'Soft', extra: true }, 'FormatViolation'],
    ];
    for (const [payload, code] of cases) {
      const r = await processInboundCall('Reset', payload, deps({ handler }));
      assert.equal(r.kind === 'error' && r.code, code, JSON.stringify(payload));
    }
    assert.equal(called, false);
  });

  test('handler errors: OcppCallError keeps its code and details, anything else is InternalError without internals', async () => {
    const r = await processInboundCall('UnlockConnector', { connectorId: 1 }, deps({ handler: async () => { throw new OcppCallError('NotSupported', 'no lock', { why: 'cable' }); } }));
    assert.deepEqual(r, { kind: 'error', code: 'NotSupported', description: 'no lock', details: { why: 'cable' } });
    const r2 = await processInboundCall('UnlockConnector', { connectorId: 1 }, deps({ handler: async () => { throw new Error('db path /var/secret failed'); } }));
    assert.equal(r2.kind, 'error');
    assert.ok(r2.kind === 'error');
    assert.equal(r2.code, 'InternalError');
    assert.ok(!r2.description.includes('secret'));
    const r3 = await processInboundCall('UnlockConnector', { connectorId: 1 }, deps({ handler: () => { throw 'a string'; } }));
    assert.equal(r3.kind === 'error' && r3.code, 'InternalError');
  });

  test('own response failing its schema → InternalError; undefined response is validated as {}', async () => {
    const r = await processInboundCall('Reset', { type: 'Hard' }, deps({ handler: async () => ({ status: 'Maybe' }) }));
    assert.equal(r.kind === 'error' && r.code, 'InternalError');
    const r2 = await processInboundCall('Reset', { type: 'Hard' }, deps({ handler: async () => undefined }));
    assert.equal(r2.kind === 'error' && r2.code, 'InternalError', 'ResetResponse requires status');
    const r3 = await processInboundCall('ClearCache', {}, deps({ handler: async () => ({ status: 'Accepted' }) }));
    assert.equal(r3.kind, 'result');
  });

  test('the gate runs first: error, ignore, allow', async () => {
    let called = 0;
    const handler = async () => (called++, { status: 'Accepted' });
    const refuse = await processInboundCall('FlyToTheMoon', {}, deps({ handler, gate: () => ({ kind: 'error', code: 'SecurityError', description: 'not accepted yet' }) }));
    assert.deepEqual(refuse, { kind: 'error', code: 'SecurityError', description: 'not accepted yet', details: {} });
    const ignore = await processInboundCall('Reset', { type: 'Hard' }, deps({ handler, gate: () => ({ kind: 'ignore' }) }));
    assert.deepEqual(ignore, { kind: 'ignore' });
    const gated: string[] = [];
    const allow = await processInboundCall('Reset', { type: 'Hard' }, deps({ handler, gate: (a) => (gated.push(a), { kind: 'allow' }) }));
    assert.equal(allow.kind, 'result');
    assert.deepEqual(gated, ['Reset']);
    assert.equal(called, 1);
  });

  test('a throwing gate or validator never escapes', async () => {
    const r = await processInboundCall('Reset', { type: 'Hard' }, deps({ gate: () => { throw new Error('bug'); } }));
    assert.equal(r.kind === 'error' && r.code, 'InternalError');
    const broken: PayloadValidator = {
      knows: () => true,
      validateRequest: () => { throw new Error('schema file missing'); },
      validateResponse: () => null,
    };
    const r2 = await processInboundCall('Reset', { type: 'Hard' }, deps({ validator: broken }));
    assert.equal(r2.kind === 'error' && r2.code, 'InternalError');
  });
});
