import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evseParam } from '../../../agent/control/evse-param.js';
import { ControlError } from '../../../agent/control/protocol.js';

const ids = () => [1, 2];
const refused = (fn: () => unknown, code: string, message: string) =>
  assert.throws(fn, (e: unknown) => e instanceof ControlError && e.code === code && e.message === message);

test('an existing EVSE number is returned as it is', () => {
  assert.equal(evseParam({ evse: 2 }, { ids }), 2);
});

test('not a positive integer: BAD_PARAMS, whatever the type', () => {
  for (const evse of [0, -1, 1.5, '1', null, undefined, true]) refused(() => evseParam({ evse }, { ids }), 'BAD_PARAMS', 'evse must be a positive integer');
});

test('a number the station does not have: NOT_FOUND naming the ones it has', () => {
  refused(() => evseParam({ evse: 9 }, { ids }), 'NOT_FOUND', 'no EVSE 9 (this station has EVSEs 1, 2)');
  refused(() => evseParam({ evse: 2 }, { ids: () => [1] }), 'NOT_FOUND', 'no EVSE 2 (this station has EVSE 1)');
});

test('station: 0 is the station as a whole; negatives are still refused', () => {
  assert.equal(evseParam({ evse: 0 }, { ids, station: true }), 0);
  refused(() => evseParam({ evse: -1 }, { ids, station: true }), 'BAD_PARAMS', 'evse must be 0 (the station) or an EVSE number');
});

test('optional: absent means all (undefined); present is checked as usual', () => {
  assert.equal(evseParam({}, { ids, optional: true }), undefined);
  refused(() => evseParam({ evse: 3 }, { ids, optional: true }), 'NOT_FOUND', 'no EVSE 3 (this station has EVSEs 1, 2)');
});
