// The generated standalone validators (scripts/gen-validators.mjs) against ajv compiling the same files at run
// time: the same verdict and the same CALLERROR code and message for every action and a spread of hostile
// payloads, so generating at build time changes nothing a CSMS can observe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOcpp16Validator } from '../../../profiles/ocpp16/validator.js';
import { createOcpp16RuntimeValidator } from '../../../profiles/ocpp16/runtime-validator.js';

const generated = createOcpp16Validator();
const runtime = createOcpp16RuntimeValidator();

const payloads: unknown[] = [
  {}, null, [], 'x', 42, { extra: 1 },
  { connectorId: -1, idTag: 'A'.repeat(21) },
  { connectorId: 1.5, status: 'Nope', errorCode: 'NoError' },
  { chargePointVendor: 'v', chargePointModel: 'm' },
  { status: 'Accepted', currentTime: 'not-a-date', interval: 10 },
  { status: 'Accepted', currentTime: '2026-01-01T00:00:00Z', interval: 10 },
  { connectorId: 1, csChargingProfiles: { chargingProfileId: 1, stackLevel: 0, chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Absolute', chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 6.15 }, { startPeriod: 60, limit: 6.1234 }] } } },
  { connectorId: 1, meterValue: [{ timestamp: '2026-01-01T00:00:00Z', sampledValue: [{ value: '1', unit: 'Wh?' }] }] },
];

test('generated and runtime validators know the same actions with the same schema ids', () => {
  assert.deepEqual(generated.actions(), runtime.actions());
  for (const a of runtime.actions()) {
    assert.equal(generated.schemaId(a, 'request'), runtime.schemaId(a, 'request'), a);
    assert.equal(generated.schemaId(a, 'response'), runtime.schemaId(a, 'response'), a);
  }
});

test('generated and runtime validators give the same failure for every action and payload', () => {
  for (const a of [...runtime.actions(), 'Nope', 'BootNotificationResponse', '__proto__']) {
    for (const p of payloads) {
      assert.deepEqual(generated.validateRequest(a, p), runtime.validateRequest(a, p), `${a}.req ${JSON.stringify(p)}`);
      assert.deepEqual(generated.validateResponse(a, p), runtime.validateResponse(a, p), `${a}.conf ${JSON.stringify(p)}`);
    }
  }
});
