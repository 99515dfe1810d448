/**
 * A reader that cannot read is a warning, never a reason to stop charging: ReaderFailure with the status kept
 * (Charging stays Charging), cleared when the reader recovers; a card is read again afterwards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chargingSession, harness, SOCKET } from './harness.js';

test('reader fault while charging: ReaderFailure, contactor stays closed, session goes on; recovery clears it', async () => {
  const h = await harness();
  await chargingSession(h);
  const reader = h.sim.evses.get(SOCKET)!.reader;
  reader.setFault('PN532 on /dev/ttyS0: no ACK to command 0x4a within 500 ms');
  await h.run(1000);
  let s = h.station.evse(SOCKET)!.currentStatus();
  assert.deepEqual([s.status, s.errorCode], ['Charging', 'ReaderFailure']);
  assert.match(s.info ?? '', /no ACK/);
  assert.equal(h.hw().contactor.commandedClosed, true);
  reader.setFault(null);
  await h.run(1000);
  s = h.station.evse(SOCKET)!.currentStatus();
  assert.deepEqual([s.status, s.errorCode], ['Charging', 'NoError']);
  await h.close();
});
