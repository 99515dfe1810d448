/**
 * The version-neutral StandaloneValidator with 2.0.1's file naming (XRequest.json / XResponse.json), on generated
 * sets shaped like gen-validators.mjs writes them (the 1.6 naming is covered against the real generated code in
 * test/unit/profiles/standalone-validator.test.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StandaloneValidator, type GeneratedSet, type Kind } from '../../../agent/ocpp/standalone-validator.js';

const fn = (ok: (d: unknown) => boolean) => {
  const f = ((d: unknown) => {
    const r = ok(d);
    f.errors = r ? null : [{ instancePath: '', schemaPath: '#/required', keyword: 'required', params: { missingProperty: 'reason' }, message: "must have required property 'reason'" }];
    return r;
  }) as GeneratedSet[string];
  return f;
};

const set = {
  schemaIds: { 'ResetRequest.json': 'urn:x:ResetRequest', 'ResetResponse.json': 'urn:x:ResetResponse', 'OrphanRequest.json': 'urn:x:orphan' },
  v_ResetRequest: fn((d) => typeof (d as { type?: unknown }).type === 'string'),
  v_ResetResponse: fn((d) => typeof (d as { status?: unknown }).status === 'string'),
  v_OrphanRequest: fn(() => true),
} as unknown as GeneratedSet;

const file201 = (action: string, kind: Kind) => `${action}${kind === 'request' ? 'Request' : 'Response'}.json`;

test('2.0.1 naming: actions are the names with both files; requests and responses validate; unknown is NotImplemented', () => {
  const v = new StandaloneValidator([set], file201);
  assert.deepEqual(v.actions(), ['Reset']);
  assert.equal(v.knows('Reset'), true);
  assert.equal(v.knows('Orphan'), false, 'a request without its response schema is not an action');
  assert.equal(v.knows('ResetRequest'), false);
  assert.equal(v.knows('__proto__'), false);
  assert.equal(v.validateRequest('Reset', { type: 'Immediate' }), null);
  assert.equal(v.validateResponse('Reset', { status: 'Accepted' }), null);
  assert.notEqual(v.validateResponse('Reset', {}), null);
  assert.equal(v.validateRequest('Nope', {})?.code, 'NotImplemented');
  assert.equal(v.schemaId('Reset', 'response'), 'urn:x:ResetResponse');
});
