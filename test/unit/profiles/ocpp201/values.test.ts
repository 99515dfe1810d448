import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkValue, truncate, lengthOf } from '../../../../profiles/ocpp201/device-model/values.js';
import type { VariableDefinition } from '../../../../profiles/ocpp201/device-model/types.js';

const def = (over: Partial<VariableDefinition>): VariableDefinition => ({
  name: 'X', dataType: 'string', attributes: [], live: false, rebootRequired: false, required: null, csvRequired: false, description: '', src: '',
  ...over,
});
const ok = (d: VariableDefinition, v: string) => assert.equal(checkValue(d, v), null, `${d.dataType} ${JSON.stringify(v)} should be valid`);
const bad = (d: VariableDefinition, v: string, code: string) => assert.equal(checkValue(d, v)?.reasonCode, code, `${d.dataType} ${JSON.stringify(v)}`);

describe('device model value validation (part 2 §1.2 primitive types, §2.51 characteristics)', () => {
  test('integer: digits without leading zeros or plus sign, 32 bit, min/maxLimit', () => {
    const d = def({ dataType: 'integer', minLimit: 1, maxLimit: 3600 });
    for (const v of ['1', '60', '3600']) ok(d, v);
    for (const v of ['', ' 1', '01', '+5', '1.0', '1e3', 'abc', '0x10', '60s']) bad(d, v, 'InvalidValue');
    bad(d, '0', 'ValueOutOfRange');
    bad(d, '3601', 'ValueOutOfRange');
    bad(d, '-1', 'ValueOutOfRange');
    ok(def({ dataType: 'integer' }), '-2147483648');
    bad(def({ dataType: 'integer' }), '2147483648', 'ValueOutOfRange');
  });

  test('decimal: at most six decimal places, limits', () => {
    const d = def({ dataType: 'decimal', minLimit: 0, maxLimit: 22000 });
    for (const v of ['0', '11000', '0.5', '21999.123456']) ok(d, v);
    for (const v of ['', '1.', '.5', '1.1234567', '1,5', 'NaN', 'Infinity', '1e3']) bad(d, v, 'InvalidValue');
    bad(d, '22000.000001', 'ValueOutOfRange');
    bad(d, '-0.1', 'ValueOutOfRange');
  });

  test('boolean: only "true" and "false"', () => {
    const d = def({ dataType: 'boolean' });
    ok(d, 'true');
    ok(d, 'false');
    for (const v of ['', 'True', 'FALSE', '1', '0', 'yes']) bad(d, v, 'InvalidValue');
  });

  test('dateTime: RFC 3339, at most 3 fractional digits, real dates; empty means unset', () => {
    const d = def({ dataType: 'dateTime' });
    for (const v of ['2026-03-01T10:00:00Z', '2026-03-01T10:00:00.123Z', '2019-12-19T16:39:57+01:00', '2024-02-29T00:00:00Z', '']) ok(d, v);
    for (const v of ['2026-03-01', '2026-03-01 10:00:00Z', '2026-03-01T10:00:00', '2026-03-01T10:00:00.1234Z', '2026-02-30T00:00:00Z', '2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:00:00+25:00']) {
      bad(d, v, 'InvalidValue');
    }
  });

  test('string: maxLimit is the length (code points), pattern', () => {
    const d = def({ dataType: 'string', maxLimit: 5 });
    ok(d, '');
    ok(d, 'abcde');
    ok(d, '€€€€€');
    bad(d, 'abcdef', 'ValueOutOfRange');
    const p = def({ dataType: 'string', pattern: '^([+-](0\\d|1[0-4]):[0-5]\\d)?$' });
    ok(p, '+01:00');
    ok(p, '');
    bad(p, '01:00', 'InvalidValue');
    // A rejected secret never appears in the message.
    const pw = def({ dataType: 'string', pattern: '^[\\s\\S]{16,}$', maxLimit: 64 });
    const problem = checkValue(pw, 'short-secret');
    assert.equal(problem?.reasonCode, 'InvalidValue');
    assert.ok(!problem!.info.includes('short-secret'));
  });

  test('OptionList: exactly one listed value', () => {
    const d = def({ dataType: 'OptionList', valuesList: 'LRU,LFU' });
    ok(d, 'LRU');
    for (const v of ['', 'FIFO', 'LRU,LFU', 'lru']) bad(d, v, 'InvalidValue');
  });

  test('MemberList: an unordered subset without repeats; empty unless nonEmpty', () => {
    const d = def({ dataType: 'MemberList', valuesList: 'EVConnected,Authorized,PowerPathClosed' });
    for (const v of ['', 'Authorized', 'PowerPathClosed,EVConnected', 'EVConnected, Authorized']) ok(d, v);
    for (const v of ['Bogus', 'Authorized,Authorized', 'Authorized,']) bad(d, v, 'InvalidValue');
    bad({ ...d, nonEmpty: true }, '', 'InvalidValue');
    bad({ ...d, maxLimit: 10 }, 'EVConnected,Authorized', 'ValueOutOfRange');
  });

  test('SequenceList: an ordered subset, never empty', () => {
    const d = def({ dataType: 'SequenceList', valuesList: 'Heartbeat,NTP,RealTimeClock' });
    ok(d, 'NTP,Heartbeat');
    ok(d, 'RealTimeClock');
    for (const v of ['', 'GPS', 'NTP,NTP']) bad(d, v, 'InvalidValue');
  });

  test('truncate counts code points', () => {
    assert.equal(truncate('abcdef', 3), 'abc');
    assert.equal(truncate('a😀b', 2), 'a😀');
    assert.equal(lengthOf('a😀b'), 3);
  });
});
