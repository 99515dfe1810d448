import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ACTIONS } from '../../../profiles/ocpp16/generated/index.js';
import { createOcpp16Validator } from '../../../profiles/ocpp16/validator.js';
import { KEYWORD_ERROR_CODES, codeForKeyword } from '../../../agent/ocpp/schema-errors.js';

const v = createOcpp16Validator();

const chargingProfile = (limit: number) => ({
  connectorId: 1,
  csChargingProfiles: {
    chargingProfileId: 1,
    stackLevel: 0,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit }] },
  },
});

const stopTx = (unit: string) => ({
  meterStop: 1234,
  timestamp: '2026-01-01T10:00:00Z',
  transactionId: 7,
  transactionData: [
    { timestamp: '2026-01-01T10:00:00Z', sampledValue: [{ value: '21.5', measurand: 'Temperature', unit }] },
  ],
});

describe('OCPP 1.6 validator: which actions it knows', () => {
  test('every generated 1.6 action and the security whitepaper messages', () => {
    for (const a of ACTIONS) assert.ok(v.knows(a), a);
    assert.ok(v.knows('SignCertificate'));
    assert.ok(v.knows('GetLog'));
    assert.equal(v.actions().length, ACTIONS.length + 11);
  });

  test('not: unknown names, response schema names, paths', () => {
    for (const a of ['FlyToTheMoon', 'HeartbeatResponse', 'heartbeat', '../schemas/Heartbeat', 'Heartbeat.json', '', 'SHA256SUMS', 'SOURCE']) {
      assert.equal(v.knows(a), false, a);
    }
  });

  test('security messages can be left out', () => {
    const core = createOcpp16Validator({ security: false });
    assert.equal(core.knows('GetLog'), false);
    assert.equal(core.knows('Heartbeat'), true);
  });

  test('an unknown action fails with NotImplemented', () => {
    assert.equal(v.validateRequest('FlyToTheMoon', {})?.code, 'NotImplemented');
    assert.equal(v.validateResponse('FlyToTheMoon', {})?.code, 'NotImplemented');
  });

  test('schema ids are the ones in the files, StopTransaction request from the 2025-04 re-release', () => {
    assert.equal(v.schemaId('StopTransaction', 'request'), 'urn:OCPP:1.6:2025:04:StopTransactionRequest');
    assert.equal(v.schemaId('StopTransaction', 'response'), 'urn:OCPP:1.6:2019:12:StopTransactionResponse');
    assert.equal(v.schemaId('SignCertificate', 'request'), 'urn:OCPP:Cp:1.6:2020:3:SignCertificate.req');
    for (const a of ACTIONS) {
      const file = JSON.parse(readFileSync(new URL(`../../../profiles/ocpp16/schemas/${a}.json`, import.meta.url), 'utf8'));
      assert.equal(v.schemaId(a, 'request'), file.id, a);
      assert.match(v.schemaId(a, 'response') ?? '', new RegExp(`^urn:OCPP:1\\.6:2019:12:${a}Response$`));
    }
  });
});

describe('OCPP 1.6 validator: payloads', () => {
  test('valid requests and responses of several actions', () => {
    assert.equal(v.validateRequest('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' }), null);
    assert.equal(v.validateRequest('Heartbeat', {}), null);
    assert.equal(v.validateRequest('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' }), null);
    assert.equal(v.validateRequest('StartTransaction', { connectorId: 1, idTag: 'ABC', meterStart: 0, timestamp: '2026-01-01T10:00:00.000Z' }), null);
    assert.equal(v.validateResponse('BootNotification', { status: 'Accepted', currentTime: '2026-01-01T10:00:00Z', interval: 300 }), null);
    assert.equal(v.validateResponse('Heartbeat', { currentTime: '2026-01-01T10:00:00Z' }), null);
    assert.equal(v.validateRequest('GetConfiguration', {}), null);
    assert.equal(v.validateRequest('SignCertificate', { csr: '-----BEGIN CERTIFICATE REQUEST-----' }), null);
  });

  test('multipleOf tolerates binary floating point (0.1 * 3) but not a real second decimal', () => {
    assert.equal(v.validateRequest('SetChargingProfile', chargingProfile(0.1 * 3)), null);
    assert.equal(v.validateRequest('SetChargingProfile', chargingProfile(6.6)), null);
    assert.equal(v.validateRequest('SetChargingProfile', chargingProfile(32)), null);
    assert.equal(v.validateRequest('SetChargingProfile', chargingProfile(123456.7)), null);
    const f = v.validateRequest('SetChargingProfile', chargingProfile(16.05));
    assert.equal(f?.code, 'PropertyConstraintViolation');
    assert.match(f!.message, /limit must be multiple of 0\.1/);
  });

  test('StopTransaction accepts both Celcius and Celsius (2025-04 erratum)', () => {
    assert.equal(v.validateRequest('StopTransaction', stopTx('Celcius')), null);
    assert.equal(v.validateRequest('StopTransaction', stopTx('Celsius')), null);
    assert.equal(v.validateRequest('StopTransaction', stopTx('Kelvin'))?.code, 'PropertyConstraintViolation');
    assert.equal(v.validateRequest('MeterValues', { connectorId: 1, meterValue: stopTx('Celsius').transactionData }), null);
  });

  test('StopTransaction reason is optional (2019-12 fix)', () => {
    const { transactionData: _unused, ...plain } = stopTx('Celsius');
    assert.equal(v.validateRequest('StopTransaction', plain), null);
  });
});

describe('OCPP 1.6 validator: ajv keyword → CALLERROR code', () => {
  const cases: [string, string, unknown, string][] = [
    ['type', 'StatusNotification', { connectorId: '1', errorCode: 'NoError', status: 'Available' }, 'TypeConstraintViolation'],
    ['required', 'StatusNotification', { connectorId: 1, status: 'Available' }, 'OccurrenceConstraintViolation'],
    ['additionalProperties', 'Heartbeat', { hello: 1 }, 'FormatViolation'],
    ['enum', 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Bogus' }, 'PropertyConstraintViolation'],
    ['maxLength', 'Authorize', { idTag: 'X'.repeat(21) }, 'PropertyConstraintViolation'],
    ['format', 'StartTransaction', { connectorId: 1, idTag: 'A', meterStart: 0, timestamp: 'yesterday' }, 'PropertyConstraintViolation'],
  ];
  for (const [keyword, action, payload, code] of cases) {
    test(`${keyword} → ${code}`, () => {
      const f = v.validateRequest(action, payload);
      assert.ok(f, 'expected a failure');
      assert.equal(f.code, code);
    });
  }

  test('minItems and additionalItems (security schemas) → OccurrenceConstraintViolation', () => {
    const f = v.validateResponse('GetInstalledCertificateIds', { status: 'Accepted', certificateHashData: [] });
    assert.equal(f?.code, 'OccurrenceConstraintViolation');
  });

  test('the table covers every keyword the OCA schemas use, unknown keywords are FormatViolation', () => {
    for (const k of ['type', 'required', 'minItems', 'maxItems', 'additionalItems', 'minProperties', 'maxProperties', 'additionalProperties', 'pattern', 'enum', 'maxLength', 'minLength', 'maximum', 'minimum', 'format', 'multipleOf']) {
      assert.ok(k in KEYWORD_ERROR_CODES, k);
    }
    assert.equal(codeForKeyword('oneOf'), 'FormatViolation');
  });

  test('messages name the field but never echo its value', () => {
    const secret = 'S3CRET-AUTHKEY-VALUE-0123456789';
    const f = v.validateRequest('Authorize', { idTag: secret });
    assert.ok(f);
    assert.match(f.message, /\/idTag/);
    assert.ok(!f.message.includes(secret));
    const g = v.validateRequest('Heartbeat', { [secret]: 1 });
    assert.ok(g);
    assert.match(g.message, /additional property/);
  });

  test('non-object payloads', () => {
    assert.equal(v.validateRequest('Heartbeat', [])?.code, 'TypeConstraintViolation');
    assert.equal(v.validateRequest('Heartbeat', null)?.code, 'TypeConstraintViolation');
  });
});
