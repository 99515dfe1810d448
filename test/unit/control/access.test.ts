/**
 * Who may do what on the control API (README "Who may do what"): the read-only socket serves only the methods of
 * agent/control/access.ts, the admin socket everything; the admin socket is chowned to its group or left 0600;
 * chargerctl tries the admin socket first and falls back to the read-only one. Real sockets, real ControlServer.
 */
import assert from 'node:assert/strict';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { pino } from 'pino';
import type { CliIo } from '../../../agent/cli/io.js';
import { main } from '../../../agent/cli/main.js';
import { resolveSockets, socketCandidates } from '../../../agent/cli/socket-path.js';
import { ConfigError } from '../../../agent/config/error.js';
import { createConfigValidator } from '../../../agent/config/load.js';
import { DEFAULT_ADMIN_GROUP, READ_ONLY_METHODS, adminSocketPathFor, isReadOnlyMethod } from '../../../agent/control/access.js';
import { controlCall } from '../../../agent/control/client.js';
import { groupId } from '../../../agent/control/group-id.js';
import { ControlError, type ControlParams } from '../../../agent/control/protocol.js';
import { ControlServer, type ControlHandlers } from '../../../agent/control/server.js';
import { silentLog, tempDir } from './helpers.js';

/** Today's methods that change the station: none may be reachable through the read-only socket. */
const STATE_CHANGING = ['config.set', 'evse.unlock', 'sim.plug', 'sim.unplug', 'sim.tag', 'sim.ev', 'sim.evLimit', 'sim.fault', 'sim.clear', 'hal.relay.test', 'hal.rcd.test', 'queue.retry'];
const READ_ONLY = ['status', 'version', 'methods', 'config.get', 'logs.source', 'logs.tail', 'diagnostics.collect', 'config.export', 'tx.list', 'tx.show', 'queue.list', 'queue.stats', 'queue.dead', 'queue.export', 'auth.list', 'auth.lookup', 'meter.read', 'hal.pilot', 'hal.probe', 'sim.state', 'reservations', 'profiles.list', 'profiles.schedule'];

const call = (sock: string, method: string, params: ControlParams = {}) => controlCall(sock, method, params, { timeoutMs: 5000 });
const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (err: unknown) => (err instanceof ControlError ? err.code : `thrown ${String(err)}`));

function capturingLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

test('the classification: every read-only method of today is listed, no state-changing one is, and only those are listed', () => {
  assert.deepEqual([...READ_ONLY_METHODS].sort(), [...READ_ONLY].sort());
  for (const m of STATE_CHANGING) assert.equal(isReadOnlyMethod(m), false, m);
  // Deny by default: a method nobody has classified (another helper's reset, config.import) is admin-only.
  for (const m of ['reset', 'config.import', 'evse.enable', 'diagnostics.bundle', '', 'Status']) assert.equal(isReadOnlyMethod(m), false, m);
});

test('the admin socket sits beside the control socket; the default admin group is chargerd-admin', () => {
  assert.equal(adminSocketPathFor('/run/chargerd/control.sock'), '/run/chargerd/control.admin.sock');
  assert.equal(adminSocketPathFor('/tmp/ctl'), '/tmp/ctl.admin');
  assert.equal(DEFAULT_ADMIN_GROUP, 'chargerd-admin');
  const cfg = createConfigValidator()({ chargePointId: 'CP', ocpp: { csmsUrl: 'ws://x' }, evses: [{ id: 1, maxCurrentA: 16 }], controlSocket: '/srv/c/ctl.sock' });
  assert.deepEqual(cfg.control, { adminSocket: '/srv/c/ctl.admin.sock', adminGroup: 'chargerd-admin' });
  const own = createConfigValidator()({ chargePointId: 'CP', ocpp: { csmsUrl: 'ws://x' }, evses: [{ id: 1, maxCurrentA: 16 }], control: { adminSocket: '/srv/a.sock', adminGroup: 'techs' } });
  assert.deepEqual(own.control, { adminSocket: '/srv/a.sock', adminGroup: 'techs' });
  assert.throws(
    () => createConfigValidator()({ chargePointId: 'CP', ocpp: { csmsUrl: 'ws://x' }, evses: [{ id: 1, maxCurrentA: 16 }], control: { adminGroup: 'a b', other: 1 } }),
    (err: ConfigError) => err.problems.some((p) => p.field === '/control/adminGroup') && err.problems.some((p) => p.field === '/control/other'),
  );
});

test('a config error on a secret field names the field and never shows the value', () => {
  const secret = 'S3cret-never-shown-0123456789-0123456789-0123456789-0123456789-0123';
  let err: ConfigError | undefined;
  try {
    createConfigValidator()({
      chargePointId: 'CP',
      ocpp: { csmsUrl: 'ws://x', securityProfile: 1, basicAuthPassword: secret },
      evses: [{ id: 1, maxCurrentA: 16 }],
      mqtt: { url: 'mqtt://h', password: '' },
    });
  } catch (e) {
    err = e as ConfigError;
  }
  assert.ok(err instanceof ConfigError);
  assert.match(err.message, /\/ocpp\/basicAuthPassword: .*value not shown: it is a secret/);
  assert.match(err.message, /\/mqtt\/password: /);
  assert.ok(!err.message.includes(secret), err.message);
  assert.ok(!JSON.stringify(err.problems).includes(secret));
  const key = new ConfigError([{ field: '/ocppKeys/AuthorizationKey', value: 'abcdef0123', rule: 'is not a valid hex string' }]);
  assert.ok(!key.message.includes('abcdef0123') && !JSON.stringify(key.problems).includes('abcdef0123'));
  // Other fields still show what was found: that is how a technician sees the typo.
  assert.match(new ConfigError([{ field: '/dataDir', value: '/nope', rule: 'x' }]).message, /found "\/nope"/);
});

test('groupId: /etc/group-style file first, numeric ids as they are, null for a group that does not exist', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const file = path.join(dir, 'group');
    await writeFile(file, 'root:x:0:\nchargerd:x:998:\nchargerd-admin:x:997:tech,chargerd\n');
    assert.equal(await groupId('chargerd-admin', file), 997);
    assert.equal(await groupId('chargerd', file), 998);
    assert.equal(await groupId('1234', file), 1234);
    assert.equal(await groupId('no-such-group-ctlsec-test', file), null);
  } finally {
    await cleanup();
  }
});

describe('ControlServer with a read-only and an admin socket', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let ro: string;
  let admin: string;
  let server: ControlServer | null;
  let calls: string[];

  const handlers = (): ControlHandlers =>
    Object.fromEntries(
      [...READ_ONLY, ...STATE_CHANGING, 'reset'].map((m) => [m, (p: ControlParams) => (calls.push(m), m === 'config.set' ? { status: 'Accepted' } : { method: m, params: p })]),
    );

  const start = async (group: string, log = silentLog) => {
    server = new ControlServer({ socketPath: ro, adminSocket: { path: admin, group }, handlers: handlers(), log });
    await server.start();
    return server;
  };

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    ro = path.join(dir, 'run', 'control.sock');
    admin = path.join(dir, 'run', 'control.admin.sock');
    server = null;
    calls = [];
  });
  afterEach(async () => {
    await server?.stop();
    await cleanup();
  });

  test('the read-only socket refuses every state-changing or unclassified method with FORBIDDEN, without calling it', async () => {
    await start(String(process.getgid!()));
    for (const m of [...STATE_CHANGING, 'reset']) {
      const err = await call(ro, m, { evse: 1 }).then(() => null, (e: ControlError) => e);
      assert.ok(err instanceof ControlError, `${m} answered on the read-only socket`);
      assert.equal(err.code, 'FORBIDDEN', m);
      // The message names the method, the way in (the admin socket and its group) and where it is documented.
      assert.ok(err.message.startsWith(`${m} is forbidden on the read-only control socket ${ro}`), err.message);
      assert.ok(err.message.includes(`member of group ${process.getgid!()}`) && err.message.includes(admin), err.message);
    }
    assert.deepEqual(calls, []);
    // An unknown method is still UNKNOWN_METHOD: its name reveals nothing, and a typo deserves the real answer.
    assert.equal(await codeOf(call(ro, 'no.such.method')), 'UNKNOWN_METHOD');
  });

  test('the read-only socket serves the read-only methods; the admin socket serves everything', async () => {
    await start(String(process.getgid!()));
    for (const m of READ_ONLY) assert.deepEqual(await call(ro, m, { key: 'HeartbeatInterval' }), { method: m, params: { key: 'HeartbeatInterval' } });
    for (const m of [...READ_ONLY, ...STATE_CHANGING, 'reset']) assert.equal(await codeOf(call(admin, m)), 'ok', m);
    assert.deepEqual(calls, [...READ_ONLY, ...READ_ONLY, ...STATE_CHANGING, 'reset']);
  });

  test('both sockets are 0660; the admin socket belongs to the admin group; both are removed on stop', async () => {
    const gid = process.getgid!();
    await start(String(gid));
    assert.equal((await stat(ro)).mode & 0o777, 0o660);
    const st = await stat(admin);
    assert.equal(st.mode & 0o777, 0o660);
    assert.equal(st.gid, gid);
    await server!.stop();
    server = null;
    await assert.rejects(stat(ro), { code: 'ENOENT' });
    await assert.rejects(stat(admin), { code: 'ENOENT' });
  });

  test('an admin group that does not exist: the admin socket is left 0600 (owner and root) and an error is logged', async () => {
    const { log, lines } = capturingLog();
    await start('no-such-group-ctlsec', log);
    assert.equal((await stat(admin)).mode & 0o777, 0o600);
    assert.equal((await stat(ro)).mode & 0o777, 0o660);
    const err = lines.find((l) => l.level === 50);
    assert.ok(err, JSON.stringify(lines));
    assert.equal(err.group, 'no-such-group-ctlsec');
    assert.match(String(err.msg), /admin group does not exist.*root and the service user only/);
    // Still usable by its owner (this process): fail closed, not fail dead.
    assert.equal(await codeOf(call(admin, 'config.set')), 'ok');
  });

  describe('chargerctl main(): admin socket first, the read-only socket when the admin one cannot be reached', () => {
    const run = async (argv: string[], env: Record<string, string | undefined> = {}) => {
      let out = '';
      let err = '';
      const io: CliIo = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env };
      return { code: await main(argv, io), out, err };
    };

    test('$CHARGERD_SOCKET names the read-only socket; the admin one beside it is used for state changes', async () => {
      await start(String(process.getgid!()));
      const r = await run(['sim', 'plug', '1'], { CHARGERD_SOCKET: ro });
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(calls, ['sim.plug']);
    });

    test('--config FILE: control.adminSocket is used when given', async () => {
      const elsewhere = path.join(dir, 'elsewhere.sock');
      server = new ControlServer({ socketPath: ro, adminSocket: { path: elsewhere, group: String(process.getgid!()) }, handlers: handlers(), log: silentLog });
      await server.start();
      const cfg = path.join(dir, 'config.json');
      await writeFile(cfg, JSON.stringify({ controlSocket: ro, control: { adminSocket: elsewhere } }));
      assert.deepEqual(socketCandidates(resolveSockets({ config: cfg, json: false, help: false, version: false }, {})), [elsewhere, ro]);
      assert.equal((await run(['--config', cfg, 'config', 'set', 'HeartbeatInterval', '60'])).code, 0);
      assert.deepEqual(calls, ['config.set']);
    });

    test('no admin socket (ENOENT): reads work through the read-only socket, a state change exits 4 (not allowed) naming the method', async () => {
      server = new ControlServer({ socketPath: ro, handlers: handlers(), log: silentLog });
      await server.start();
      const status = await run(['status', '--json'], { CHARGERD_SOCKET: ro });
      assert.equal(status.code, 0, status.err);
      const plug = await run(['sim', 'plug', '1'], { CHARGERD_SOCKET: ro });
      assert.equal(plug.code, 4);
      assert.match(plug.err, /^chargerctl: sim\.plug is forbidden on the read-only control socket /);
      assert.deepEqual(calls, ['status']);
    });

    test('--socket forces exactly that socket: the read-only one refuses even with the admin socket beside it', async () => {
      await start(String(process.getgid!()));
      assert.deepEqual(socketCandidates(resolveSockets({ socket: ro, json: false, help: false, version: false }, {})), [ro]);
      const r = await run(['--socket', ro, 'config', 'set', 'HeartbeatInterval', '60']);
      assert.equal(r.code, 4);
      assert.match(r.err, /config\.set is forbidden on the read-only control socket/);
      assert.equal((await run(['--socket', admin, 'config', 'set', 'HeartbeatInterval', '60'])).code, 0);
      assert.deepEqual(calls, ['config.set']);
    });

    test('no agent at all: NO_AGENT for the read-only socket (the last one tried)', async () => {
      const r = await run(['status'], { CHARGERD_SOCKET: ro });
      assert.equal(r.code, 3);
      assert.ok(r.err.includes(ro) && /is chargerd running/.test(r.err), r.err);
    });
  });
});
