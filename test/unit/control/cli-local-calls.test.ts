/**
 * Commands that run in chargerctl and call the agent themselves (logs, diagnostics bundle, config export/import,
 * queue export, version) reach it as every other command does: the admin socket first. And `logs` under systemd
 * reads the journal through journalctl with the unit the agent names (a stand-in journalctl on PATH records its
 * arguments: no journald runs here).
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { CliIo } from '../../../agent/cli/io.js';
import { main } from '../../../agent/cli/main.js';
import type { ControlParams } from '../../../agent/control/protocol.js';
import { ControlServer } from '../../../agent/control/server.js';
import { silentLog, tempDir } from './helpers.js';

describe('chargerctl local commands against a read-only and an admin socket', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let server: ControlServer;
  let ro: string;
  let calls: { method: string; params: ControlParams }[] = [];
  let source: { source: string; unit?: string } = { source: 'ring' };
  const savedPath = process.env.PATH;

  const handlers = {
    'config.import': (params: ControlParams) => (calls.push({ method: 'config.import', params }), { applied: true, problems: [], changed: ['HeartbeatInterval'], unchanged: 0, rebootRequired: [], notApplied: [] }),
    'config.export': () => (calls.push({ method: 'config.export', params: {} }), { format: 'chargerd-config/1', ocppKeys: {} }),
    'logs.source': () => source,
    'logs.tail': (params: ControlParams) => (calls.push({ method: 'logs.tail', params }), { lines: [{ seq: 1, line: '{"msg":"hello"}' }], last: 1 }),
  };

  const run = async (argv: string[]) => {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: { CHARGERD_SOCKET: ro } };
    return { code: await main(argv, io), out, err };
  };

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    ro = path.join(dir, 'control.sock');
    // Only the admin socket serves config.import: a local command that used the read-only one would be refused.
    server = new ControlServer({ socketPath: ro, adminSocket: { path: path.join(dir, 'control.admin.sock'), group: String(process.getgid!()) }, handlers, log: silentLog });
    await server.start();
  });
  after(async () => {
    process.env.PATH = savedPath;
    await server.stop();
    await cleanup();
  });
  beforeEach(() => {
    calls = [];
    source = { source: 'ring' };
  });

  test('config import goes to the admin socket (the read-only one would answer FORBIDDEN)', async () => {
    const file = path.join(dir, 'import.json');
    writeFileSync(file, JSON.stringify({ format: 'chargerd-config/1', ocppKeys: { HeartbeatInterval: '60' } }));
    const r = await run(['config', 'import', file]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(calls.map((c) => c.method), ['config.import']);
  });

  test('logs without a journal: the ring through logs.tail', async () => {
    const r = await run(['logs']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /hello/);
    assert.deepEqual(calls.map((c) => c.method), ['logs.tail']);
  });

  test('logs under systemd: journalctl -u UNIT with --since as epoch seconds, -o json under --json, -f to follow', async () => {
    source = { source: 'journal', unit: 'chargerd.service' };
    const record = path.join(dir, 'journalctl-argv');
    const standIn = path.join(dir, 'journalctl');
    writeFileSync(standIn, `#!/bin/sh\nprintf '%s\\n' "$*" >> ${JSON.stringify(record)}\n`);
    chmodSync(standIn, 0o755);
    process.env.PATH = `${dir}:${savedPath}`;
    writeFileSync(record, '');
    const before = Math.floor(Date.now() / 1000) - 600;
    assert.equal((await run(['logs', '--since', '10m'])).code, 0);
    assert.equal((await run(['logs', '--follow', '--json'])).code, 0);
    const [plain, follow] = readFileSync(record, 'utf8').trim().split('\n');
    const m = /^-u chargerd\.service -o cat --no-pager --since @(\d+)$/.exec(plain!);
    assert.ok(m, plain);
    assert.ok(Math.abs(Number(m[1]) - before) <= 2, `--since @${m[1]}, expected about @${before}`);
    assert.equal(follow, '-u chargerd.service -o json --no-pager -f');
    // The journal has it all: the ring is not read.
    assert.deepEqual(calls, []);
  });

  test('journalctl failing is the command failing (exit 1), with its arguments named', async () => {
    source = { source: 'journal', unit: 'chargerd.service' };
    const standIn = path.join(dir, 'journalctl');
    writeFileSync(standIn, '#!/bin/sh\nexit 7\n');
    chmodSync(standIn, 0o755);
    process.env.PATH = `${dir}:${savedPath}`;
    const r = await run(['logs']);
    assert.equal(r.code, 1);
    assert.match(r.err, /journalctl -u chargerd\.service -o cat --no-pager exited 7/);
  });
});
