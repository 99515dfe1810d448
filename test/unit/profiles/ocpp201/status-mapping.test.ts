/** The core's EVSE status as 2.0.1 ConnectorStatus (G01): the table, every core status covered, schema values only. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CONNECTOR_STATUS, connectorStatus, unreportedError } from '../../../../profiles/ocpp201/status-mapping.js';

const schema = JSON.parse(readFileSync(new URL('../../../../../profiles/ocpp201/schemas/StatusNotificationRequest.json', import.meta.url), 'utf8'));
const allowed: string[] = schema.definitions.ConnectorStatusEnumType.enum;

test('every core status maps to a ConnectorStatusEnumType value, plugged-in states to Occupied', () => {
  assert.deepEqual(CONNECTOR_STATUS, {
    Available: 'Available',
    Preparing: 'Occupied',
    Charging: 'Occupied',
    SuspendedEVSE: 'Occupied',
    SuspendedEV: 'Occupied',
    Finishing: 'Occupied',
    Reserved: 'Reserved',
    Unavailable: 'Unavailable',
    Faulted: 'Faulted',
  });
  for (const v of Object.values(CONNECTOR_STATUS)) assert.ok(allowed.includes(v), v);
  assert.deepEqual([...new Set(Object.values(CONNECTOR_STATUS))].sort(), [...allowed].sort(), 'every 2.0.1 status is reachable');
  assert.equal(connectorStatus('SuspendedEV'), 'Occupied');
});

test('an error code is something a 2.0.1 StatusNotification cannot carry; NoError is not', () => {
  assert.equal(unreportedError('NoError'), false);
  assert.equal(unreportedError('GroundFailure'), true);
});
