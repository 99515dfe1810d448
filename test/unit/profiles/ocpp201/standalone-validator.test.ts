// The generated 2.0.1 standalone validator (scripts/gen-validators.mjs) against ajv compiling the same schema files
// at run time (profiles/ocpp201/validator.ts): same actions, same verdicts and CALLERROR codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createOcpp201StandaloneValidator } from '../../../../profiles/ocpp201/standalone-validator.js';
import { createOcpp201Validator } from '../../../../profiles/ocpp201/validator.js';

const generated = createOcpp201StandaloneValidator();
const runtime = createOcpp201Validator();
const actions = readdirSync(new URL('../../../../../profiles/ocpp201/schemas/', import.meta.url))
  .filter((f) => f.endsWith('Request.json'))
  .map((f) => f.slice(0, -'Request.json'.length));

const payloads: unknown[] = [
  {}, null, [], 'x', 42, { extra: 1 },
  { chargingStation: { vendorName: 'v', model: 'm' }, reason: 'PowerUp' },
  { chargingStation: { vendorName: 'v', model: 'M'.repeat(21) }, reason: 'PowerUp' },
  { timestamp: '2026-01-01T00:00:00Z', connectorStatus: 'Occupied', evseId: 1, connectorId: 1 },
  { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
  { getVariableData: [] },
  { requestId: 1, reportBase: 'Everything' },
  { status: 'Accepted', currentTime: '2026-01-01T00:00:00Z', interval: 10 },
];

test('the generated validator knows every 2.0.1 action of the schema folder, with the runtime one\'s schema ids', () => {
  assert.ok(actions.length > 60, `${actions.length} actions`);
  assert.deepEqual(generated.actions(), [...actions].sort());
  for (const a of actions) {
    assert.equal(runtime.knows(a), true, a);
    assert.equal(generated.schemaId(a, 'request'), runtime.schemaId(a, 'request'), a);
    assert.equal(generated.schemaId(a, 'response'), runtime.schemaId(a, 'response'), a);
  }
});

test('generated and runtime validators give the same failure for every action and payload', () => {
  for (const a of [...actions, 'Nope', 'BootNotificationResponse', '__proto__']) {
    for (const p of payloads) {
      assert.deepEqual(generated.validateRequest(a, p), runtime.validateRequest(a, p), `${a} request ${JSON.stringify(p)}`);
      assert.deepEqual(generated.validateResponse(a, p), runtime.validateResponse(a, p), `${a} response ${JSON.stringify(p)}`);
    }
  }
});
