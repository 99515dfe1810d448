import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, fstatSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectLogSource } from '../../../agent/log-source.js';

test('journal only when INVOCATION_ID is set and JOURNAL_STREAM is our stdout; the unit comes from the cgroup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'log-source-'));
  try {
    const fd = openSync(join(dir, 'out'), 'w');
    const st = fstatSync(fd);
    const cg = join(dir, 'cgroup');
    writeFileSync(cg, '0::/system.slice/chargerd.service\n');
    const stream = `${st.dev}:${st.ino}`;
    assert.deepEqual(detectLogSource({ INVOCATION_ID: 'x', JOURNAL_STREAM: stream }, fd, cg), { kind: 'journal', unit: 'chargerd.service' });
    assert.deepEqual(detectLogSource({ JOURNAL_STREAM: stream }, fd, cg), { kind: 'ring' }, 'not started by systemd');
    assert.deepEqual(detectLogSource({ INVOCATION_ID: 'x', JOURNAL_STREAM: '1:2' }, fd, cg), { kind: 'ring' }, 'stdout is not the journal');
    assert.deepEqual(detectLogSource({ INVOCATION_ID: 'x', JOURNAL_STREAM: stream }, fd, join(dir, 'none')), { kind: 'journal', unit: 'chargerd.service' }, 'default unit name');
    closeSync(fd);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
