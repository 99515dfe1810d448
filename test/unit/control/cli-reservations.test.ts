/** `chargerctl reservations` rendering, and the reservation line `status` shows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderReservations } from '../../../agent/cli/commands-reservations.js';
import { ReplyShapeError } from '../../../agent/cli/errors.js';

test('reservations: a table with the EVSE (any for the station), the group and the time left; none said so', () => {
  const out = renderReservations({
    time: '2026-03-01T10:00:00.000Z',
    reservations: [
      { id: 7, evseId: 1, idTag: 'CARD-A', idTagType: null, parentIdTag: 'GRP', expiryDate: '2026-03-01T11:30:00.000Z' },
      { id: 9, evseId: 0, idTag: 'CARD-B', idTagType: null, parentIdTag: null, expiryDate: '2026-03-01T10:02:05.000Z' },
    ],
  });
  const lines = out.split('\n');
  assert.match(lines[0]!, /^ID\s+EVSE\s+ID TAG\s+PARENT ID TAG\s+EXPIRES\s+LEFT$/);
  assert.match(out, /^7\s+1\s+CARD-A\s+GRP\s+2026-03-01T11:30:00.000Z\s+1h30m$/m);
  assert.match(out, /^9\s+any\s+CARD-B\s+-\s+2026-03-01T10:02:05.000Z\s+2m05s$/m);
  assert.match(out, /EVSE any = a reservation of the station/);
  assert.equal(renderReservations({ time: '2026-03-01T10:00:00.000Z', reservations: [] }), 'No reservations.\n');
  const typed = renderReservations({
    time: '2026-03-01T10:00:00.000Z',
    reservations: [{ id: 3, evseId: 0, idTag: 'CARD-C', idTagType: 'ISO14443', parentIdTag: null, expiryDate: '2026-03-01T10:00:30.000Z', connectorType: 'cType2' }],
  });
  assert.match(typed, /^3\s+any cType2\s+CARD-C\s/m, '2.0.1: a reservation without EVSE for a connector type');
  assert.throws(() => renderReservations({ time: 'x', reservations: [{ id: 'a' }] }), ReplyShapeError);
});
