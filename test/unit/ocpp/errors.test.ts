import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CallTimeoutError,
  ConnectionLostError,
  NotConnectedError,
  OcppCallError,
  OutboundValidationError,
  ResponseValidationError,
  RpcConfigError,
  errorCodeForDialect,
  isOcppErrorCode,
  normalizeErrorCode,
  type OcppErrorCode,
} from '../../../agent/ocpp/errors.js';

const ALL: OcppErrorCode[] = [
  'NotImplemented',
  'NotSupported',
  'InternalError',
  'ProtocolError',
  'SecurityError',
  'FormationViolation',
  'FormatViolation',
  'PropertyConstraintViolation',
  'OccurenceConstraintViolation',
  'OccurrenceConstraintViolation',
  'TypeConstraintViolation',
  'GenericError',
  'RpcFrameworkError',
  'MessageTypeNotSupported',
];

// OCPP-J 1.6 Table 7 (with its deliberate typos) and 2.0.1 Part 4 Table 8.
const CODES_16 = new Set([
  'NotImplemented',
  'NotSupported',
  'InternalError',
  'ProtocolError',
  'SecurityError',
  'FormationViolation',
  'PropertyConstraintViolation',
  'OccurenceConstraintViolation',
  'TypeConstraintViolation',
  'GenericError',
]);
const CODES_201 = new Set([
  'FormatViolation',
  'GenericError',
  'InternalError',
  'MessageTypeNotSupported',
  'NotImplemented',
  'NotSupported',
  'OccurrenceConstraintViolation',
  'PropertyConstraintViolation',
  'ProtocolError',
  'RpcFrameworkError',
  'SecurityError',
  'TypeConstraintViolation',
]);

describe('normalizeErrorCode', () => {
  test('folds both spellings into the canonical one', () => {
    assert.equal(normalizeErrorCode('FormationViolation'), 'FormatViolation');
    assert.equal(normalizeErrorCode('FormatViolation'), 'FormatViolation');
    assert.equal(normalizeErrorCode('OccurenceConstraintViolation'), 'OccurrenceConstraintViolation');
    assert.equal(normalizeErrorCode('OccurrenceConstraintViolation'), 'OccurrenceConstraintViolation');
  });

  test('keeps every other known code, tolerates case and whitespace, maps the unknown to GenericError', () => {
    for (const c of ALL) {
      if (c === 'FormationViolation' || c === 'OccurenceConstraintViolation') continue;
      assert.equal(normalizeErrorCode(c), c);
    }
    assert.equal(normalizeErrorCode('notimplemented'), 'NotImplemented');
    assert.equal(normalizeErrorCode(' SecurityError '), 'SecurityError');
    assert.equal(normalizeErrorCode('Bogus'), 'GenericError');
    assert.equal(normalizeErrorCode(''), 'GenericError');
    assert.equal(normalizeErrorCode('constructor'), 'GenericError');
  });

  test('isOcppErrorCode knows exactly the 14 codes', () => {
    for (const c of ALL) assert.ok(isOcppErrorCode(c), c);
    assert.ok(!isOcppErrorCode('toString'));
    assert.ok(!isOcppErrorCode('formatviolation'));
  });
});

describe('errorCodeForDialect', () => {
  test('1.6 keeps its typos on purpose', () => {
    assert.equal(errorCodeForDialect('FormatViolation', 'ocpp1.6'), 'FormationViolation');
    assert.equal(errorCodeForDialect('FormationViolation', 'ocpp1.6'), 'FormationViolation');
    assert.equal(errorCodeForDialect('OccurrenceConstraintViolation', 'ocpp1.6'), 'OccurenceConstraintViolation');
    assert.equal(errorCodeForDialect('OccurenceConstraintViolation', 'ocpp1.6'), 'OccurenceConstraintViolation');
  });

  test('2.0.1 uses the corrected spellings', () => {
    assert.equal(errorCodeForDialect('FormationViolation', 'ocpp2.0.1'), 'FormatViolation');
    assert.equal(errorCodeForDialect('OccurenceConstraintViolation', 'ocpp2.0.1'), 'OccurrenceConstraintViolation');
    assert.equal(errorCodeForDialect('RpcFrameworkError', 'ocpp2.0.1'), 'RpcFrameworkError');
    assert.equal(errorCodeForDialect('MessageTypeNotSupported', 'ocpp2.0.1'), 'MessageTypeNotSupported');
  });

  test('every code maps into the code table of the dialect', () => {
    for (const c of ALL) {
      assert.ok(CODES_16.has(errorCodeForDialect(c, 'ocpp1.6')), `${c} on 1.6`);
      assert.ok(CODES_201.has(errorCodeForDialect(c, 'ocpp2.0.1')), `${c} on 2.0.1`);
    }
  });

  test('2.0.1-only codes fall back to 1.6 codes', () => {
    assert.equal(errorCodeForDialect('RpcFrameworkError', 'ocpp1.6'), 'FormationViolation');
    assert.equal(errorCodeForDialect('MessageTypeNotSupported', 'ocpp1.6'), 'GenericError');
  });

  test('round trip: the wire spelling of either dialect normalises back to the canonical code', () => {
    for (const c of ALL) {
      const canonical = normalizeErrorCode(c);
      if (canonical === 'RpcFrameworkError' || canonical === 'MessageTypeNotSupported') continue;
      assert.equal(normalizeErrorCode(errorCodeForDialect(c, 'ocpp1.6')), canonical);
      assert.equal(normalizeErrorCode(errorCodeForDialect(c, 'ocpp2.0.1')), canonical);
    }
  });
});

describe('typed errors', () => {
  test('OcppCallError carries code, description, details and the raw code', () => {
    const e = new OcppCallError('NotSupported', 'no lock', { connectorId: 1 });
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'NotSupported');
    assert.equal(e.description, 'no lock');
    assert.deepEqual(e.details, { connectorId: 1 });
    assert.equal(e.rawCode, 'NotSupported');
    assert.equal(e.message, 'NotSupported: no lock');
    const received = new OcppCallError('FormatViolation', '', {}, 'FormationViolation');
    assert.equal(received.rawCode, 'FormationViolation');
    assert.equal(received.message, 'FormatViolation');
  });

  test('local failures have stable codes', () => {
    const cases: [Error & { code: string }, string][] = [
      [new CallTimeoutError('Heartbeat', 'id', 5), 'RPC_TIMEOUT'],
      [new NotConnectedError('Heartbeat'), 'RPC_NOT_CONNECTED'],
      [new ConnectionLostError('Heartbeat', true), 'RPC_CONNECTION_LOST'],
      [new OutboundValidationError('Heartbeat', 'FormatViolation', 'x'), 'RPC_OUTBOUND_INVALID'],
      [new ResponseValidationError('Heartbeat', 'FormatViolation', 'x', {}), 'RPC_RESPONSE_INVALID'],
      [new RpcConfigError('bad'), 'RPC_CONFIG'],
    ];
    for (const [err, code] of cases) {
      assert.ok(err instanceof Error);
      assert.equal(err.code, code);
      assert.equal(err.name, err.constructor.name);
    }
  });
});
