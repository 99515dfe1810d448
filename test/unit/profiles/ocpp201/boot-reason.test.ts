/** BootReasonEnumType of the first BootNotification of a run (B01.FR.09), from what the previous run recorded. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../../offline-queue/index.js';
import { NEXT_BOOT_REASON_KEY, recordNextBootReason, startReason, takeStartReason } from '../../../../profiles/ocpp201/boot-reason.js';

test('nothing recorded: PowerUp; a recorded reset: its reason; anything else: PowerUp', () => {
  assert.equal(startReason(undefined), 'PowerUp');
  assert.equal(startReason('RemoteReset'), 'RemoteReset');
  assert.equal(startReason('LocalReset'), 'LocalReset');
  assert.equal(startReason('Triggered'), 'PowerUp', 'Triggered is a reason within a run, never a start reason');
  assert.equal(startReason('garbage'), 'PowerUp');
});

test('the recorded reason is taken once from the station database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chargerd-boot-reason-'));
  try {
    const store = openSqliteStore(join(dir, 'chargerd.db'));
    recordNextBootReason(store.settings, 'RemoteReset');
    assert.equal(store.settings.getAll()[NEXT_BOOT_REASON_KEY], 'RemoteReset');
    assert.equal(takeStartReason(store.settings), 'RemoteReset');
    assert.equal(takeStartReason(store.settings), 'PowerUp', 'a crash-restart after that does not claim the reset again');
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
