/**
 * EvseFaults alone (agent/station/evse-faults.ts): the safety path's note is state only and comes before the
 * announcement; a fault is announced once; clearing the last blocking fault lets the pilot offer again.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EvseFaults } from '../../../agent/station/evse-faults.js';
import { silentLogger } from '../../../agent/log.js';
import type { EvseFault } from '../../../agent/station/types.js';

const RCD: EvseFault = { source: 'rcd', errorCode: 'GroundFailure', info: 'tripped', blocking: true };
const READER: EvseFault = { source: 'reader', errorCode: 'ReaderFailure', info: 'no answer', blocking: false };

function rig() {
  const seen: string[] = [];
  const meter = { retryWhileFaulted: () => seen.push('meter retry'), stopRetry: () => seen.push('meter stop retry') };
  const react = { blocking: (f: EvseFault) => seen.push(`blocking ${f.source}`), unblocked: () => seen.push('unblocked'), update: () => seen.push('update') };
  return { seen, faults: new EvseFaults({ log: silentLogger(), evseId: 1, meter, react }) };
}

describe('EVSE faults', () => {
  test('note is state only; announce reacts once; the same fault again is not announced twice', () => {
    const { seen, faults } = rig();
    faults.note(RCD);
    assert.equal(faults.blocking(), true, 'the next pilot command already sees the fault');
    assert.deepEqual(seen, [], 'no reaction, no status before the announcement');
    faults.announce(RCD);
    assert.deepEqual(seen, ['blocking rcd', 'update']);
    faults.raise(RCD);
    faults.announce(RCD);
    assert.deepEqual(seen, ['blocking rcd', 'update'], 'same source and info: nothing new to announce');
    assert.equal(faults.primary(), RCD);
    assert.equal(faults.info(), 'tripped');
  });

  test('a warning is announced without a blocking reaction; the blocking fault is the primary one', () => {
    const { seen, faults } = rig();
    faults.raise(READER);
    faults.raise(RCD);
    assert.deepEqual(seen, ['update', 'blocking rcd', 'update']);
    assert.equal(faults.primary(), RCD);
    assert.deepEqual(faults.list().map((f) => f.source), ['reader', 'rcd']);
  });

  test('clearing the last blocking fault unblocks; clearing an unknown source does nothing', () => {
    const { seen, faults } = rig();
    faults.raise(RCD);
    faults.raise({ source: 'meter', errorCode: 'PowerMeterFailure', info: 'meter failed', blocking: true });
    seen.length = 0;
    faults.clear('rcd');
    assert.deepEqual(seen, ['update'], 'the meter still blocks');
    faults.clear('meter');
    assert.deepEqual(seen, ['update', 'meter stop retry', 'unblocked', 'update']);
    faults.clear('lock');
    assert.equal(seen.length, 4);
    assert.equal(faults.active('rcd'), undefined);
  });

  test('a fault noted and cleared before its announcement is never announced', () => {
    const { seen, faults } = rig();
    faults.note(RCD);
    faults.clear('rcd');
    faults.announce(RCD);
    assert.deepEqual(seen, ['unblocked', 'update']);
  });
});
