import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { ControlServer } from '../../../agent/control/server.js';
import { startServer, tempDir } from './helpers.js';

/** The built entry point, beside this test in the same output tree. */
const BIN = fileURLToPath(new URL('../../../agent/bin/chargerctl.js', import.meta.url));

function chargerctl(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, out: stdout, err: stderr });
    });
  });
}

let dir: string;
let cleanup: () => Promise<void>;
let sock: string;
let server: ControlServer;

before(async () => {
  ({ dir, cleanup } = await tempDir());
  sock = path.join(dir, 'control.sock');
  server = await startServer(sock, { 'sim.plug': (p) => ({ plugged: p.evse }) });
});
after(async () => {
  await server.stop();
  await cleanup();
});

test('the bin file starts with a node shebang', async () => {
  assert.ok((await readFile(BIN, 'utf8')).startsWith('#!/usr/bin/env node\n'));
});

test('the process exit code is main()\'s: 0, 3 (no agent) and 2', async () => {
  assert.deepEqual(await chargerctl(['--json', 'sim', 'plug', '3'], { CHARGERD_SOCKET: sock }), { code: 0, out: '{\n  "plugged": 3\n}\n', err: '' });
  const failed = await chargerctl(['--socket', path.join(dir, 'none.sock'), 'status']);
  assert.equal(failed.code, 3);
  assert.match(failed.err, /is chargerd running\?/);
  const usage = await chargerctl(['sim', 'plug', 'x']);
  assert.equal(usage.code, 2);
  assert.equal(usage.out, '');
});
