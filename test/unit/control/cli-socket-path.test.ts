import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parseArgv } from '../../../agent/cli/args.js';
import { resolveSocketPath } from '../../../agent/cli/socket-path.js';
import { DEFAULT_SOCKET_PATH } from '../../../agent/control/protocol.js';
import { tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let withField: string;
let withoutField: string;

before(async () => {
  ({ dir, cleanup } = await tempDir());
  withField = path.join(dir, 'with.json');
  withoutField = path.join(dir, 'without.json');
  await writeFile(withField, JSON.stringify({ controlSocket: '/srv/cfg.sock' }));
  await writeFile(withoutField, JSON.stringify({ chargePointId: 'CP' }));
});
after(() => cleanup());

const resolve = (argv: string[], env: Record<string, string | undefined> = {}) => resolveSocketPath(parseArgv([...argv, 'status']).globals, env);

test('order: flag, then env, then config file, then default', () => {
  const env = { CHARGERD_SOCKET: '/srv/env.sock' };
  assert.deepEqual(resolve(['--socket', '/srv/flag.sock', '--config', withField], env), { path: '/srv/flag.sock', source: 'flag' });
  assert.deepEqual(resolve(['--socket=/srv/flag.sock'], env), { path: '/srv/flag.sock', source: 'flag' });
  assert.deepEqual(resolve(['--config', withField], env), { path: '/srv/env.sock', source: 'env' });
  assert.deepEqual(resolve(['--config', withField]), { path: '/srv/cfg.sock', source: 'config' });
  assert.deepEqual(resolve([]), { path: DEFAULT_SOCKET_PATH, source: 'default' });
  assert.equal(DEFAULT_SOCKET_PATH, '/run/chargerd/control.sock');
});

test('an empty CHARGERD_SOCKET is ignored', () => {
  assert.deepEqual(resolve([], { CHARGERD_SOCKET: '' }), { path: DEFAULT_SOCKET_PATH, source: 'default' });
});

test('a config file without controlSocket falls through to the default', () => {
  assert.deepEqual(resolve(['--config', withoutField]), { path: DEFAULT_SOCKET_PATH, source: 'default' });
});

test('the config file is not read when a flag or env already decides', () => {
  const absent = path.join(dir, 'absent.json');
  assert.equal(resolve(['--socket', '/a.sock', '--config', absent]).source, 'flag');
  assert.equal(resolve(['--config', absent], { CHARGERD_SOCKET: '/b.sock' }).source, 'env');
  assert.throws(() => resolve(['--config', absent]), { name: 'UsageError' });
});

test('parseArgv: options anywhere, last one wins, -- ends options', () => {
  const p = parseArgv(['sim', '--socket', '/a', 'unplug', '--json', '1', '--keep-cable', '--socket=/b', '--timeout', '900']);
  assert.deepEqual(p.words, ['sim', 'unplug', '1']);
  assert.deepEqual([...p.flags], ['--keep-cable']);
  assert.deepEqual(p.globals, { json: true, help: false, version: false, socket: '/b', timeoutMs: 900 });
  assert.deepEqual(parseArgv(['call', 'm', '--', '--json']).words, ['call', 'm', '--json']);
});
