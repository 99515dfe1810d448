/**
 * The NotifyCustomerInformation report builder (N09, N10): parts of at most 512 characters of data, lines kept
 * whole unless one alone is longer than a part, seqNo from 0, tbc on all but the last, every part valid against
 * the OCA schema. And the NotifyEvent eventData of a fault (EVSE.Problem, Delta, HardWiredNotification).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { customerInformationParts, MAX_DATA_CHARS } from '../../../../profiles/ocpp201/customer/report.js';
import { faultEventData } from '../../../../profiles/ocpp201/events/event-data.js';
import { createOcpp201Validator } from '../../../../profiles/ocpp201/validator.js';

const validator = createOcpp201Validator();
const AT = '2026-01-02T03:04:05.000Z';

describe('customerInformationParts', () => {
  test('no lines: one part with empty data (the caller always has a line; the builder never sends nothing)', () => {
    assert.deepEqual(customerInformationParts(7, [], AT), [{ data: '', seqNo: 0, generatedAt: AT, requestId: 7 }]);
  });

  test('lines that fit go in one part, joined by newlines, without tbc', () => {
    const parts = customerInformationParts(1, ['a', 'b', 'c'], AT);
    assert.deepEqual(parts, [{ data: 'a\nb\nc', seqNo: 0, generatedAt: AT, requestId: 1 }]);
    assert.equal(validator.validateRequest('NotifyCustomerInformation', parts[0]), null);
  });

  test('lines are packed greedily and never split when they fit a part', () => {
    const line = (c: string) => c.repeat(200);
    const parts = customerInformationParts(2, [line('a'), line('b'), line('c'), line('d'), line('e')], AT);
    // 200 + 1 + 200 = 401 fits; a third line would make 602.
    assert.deepEqual(parts.map((p) => p.data.split('\n').map((l) => l[0]).join('')), ['ab', 'cd', 'e']);
    assert.deepEqual(parts.map((p) => p.seqNo), [0, 1, 2]);
    assert.deepEqual(parts.map((p) => p.tbc), [true, true, undefined]);
    for (const p of parts) {
      assert.ok(p.data.length <= MAX_DATA_CHARS);
      assert.equal(p.requestId, 2);
      assert.equal(p.generatedAt, AT);
      assert.equal(validator.validateRequest('NotifyCustomerInformation', p), null);
    }
  });

  test('a line exactly one part long is one part; two lines that exactly fill a part stay together', () => {
    assert.deepEqual(customerInformationParts(3, ['x'.repeat(512)], AT).map((p) => p.data.length), [512]);
    assert.deepEqual(customerInformationParts(3, ['x'.repeat(255), 'y'.repeat(256)], AT).map((p) => p.data.length), [512]);
    assert.deepEqual(customerInformationParts(3, ['x'.repeat(256), 'y'.repeat(256)], AT).map((p) => p.data.length), [256, 256]);
  });

  test('a line longer than a part is cut into part-sized pieces; the next line starts a new part when it must', () => {
    const parts = customerInformationParts(4, ['z'.repeat(1100), 'tail'], AT);
    assert.deepEqual(parts.map((p) => p.data.length), [512, 512, 76 + 1 + 4]);
    assert.equal(parts.map((p) => p.data).join('').replace('\n', ''), 'z'.repeat(1100) + 'tail');
    for (const p of parts) assert.equal(validator.validateRequest('NotifyCustomerInformation', p), null);
  });

  test('a smaller part size applies the same rules; a size below 1 is refused', () => {
    assert.deepEqual(customerInformationParts(5, ['ab', 'cd', 'efg'], AT, 5).map((p) => p.data), ['ab\ncd', 'efg']);
    assert.throws(() => customerInformationParts(5, ['a'], AT, 0), /maxChars must be a positive integer/);
  });
});

describe('faultEventData', () => {
  const fault = { source: 'rcd' as const, errorCode: 'GroundFailure' as const, info: 'RCD tripped', blocking: true };

  test('a raised fault: EVSE.Problem true, Delta, HardWiredNotification, the code and text, the transaction', () => {
    const e = faultEventData({ evseId: 2, fault, active: true, problem: true, timestamp: AT, transactionId: 'tx-1' }, 41);
    assert.deepEqual(e, {
      eventId: 41,
      timestamp: AT,
      trigger: 'Delta',
      actualValue: 'true',
      techCode: 'GroundFailure',
      techInfo: 'rcd: RCD tripped',
      transactionId: 'tx-1',
      component: { name: 'EVSE', evse: { id: 2 } },
      variable: { name: 'Problem' },
      eventNotificationType: 'HardWiredNotification',
    });
    assert.equal(validator.validateRequest('NotifyEvent', { generatedAt: AT, seqNo: 0, eventData: [e] }), null);
  });

  test('a cleared fault: cleared true, actualValue the EVSE Problem after it; techInfo within 500 characters', () => {
    const long = { ...fault, info: 'x'.repeat(600) };
    const e = faultEventData({ evseId: 1, fault: long, active: false, problem: true, timestamp: AT }, 42);
    assert.equal(e.cleared, true);
    assert.equal(e.actualValue, 'true', 'another fault remains');
    assert.equal(e.techInfo!.length, 500);
    assert.equal(e.transactionId, undefined);
    assert.equal(validator.validateRequest('NotifyEvent', { generatedAt: AT, seqNo: 0, eventData: [e] }), null);
  });
});
