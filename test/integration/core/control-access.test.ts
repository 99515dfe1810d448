/**
 * Who may do what, with real users and the kernel's own check (README "Who may do what"): chargerd runs as a
 * service user of its own (primary group = the readers' group, member of the admin group, as postinst makes
 * `chargerd`), and chargerctl runs as a reader (readers' group only), a technician (both groups) and an
 * outsider (neither). Needs root to create the users (CI runs as root); fails, never skips, without it.
 */
import assert from 'node:assert/strict';
import { chmodSync, chownSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CHARGERCTL, StationProcess } from '../../support/station-process.js';
import { SystemUsers, requireRoot, type RunResult } from '../../support/system-users.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

/** The checkout (dist/agent/bin/chargerctl.js is four levels down). */
const CHECKOUT = join(CHARGERCTL, '..', '..', '..', '..');

describe('control sockets against real users', { timeout: SUITE_TIMEOUT_MS }, () => {
  const users = new SystemUsers();
  let readers: string;
  let admins: string;
  let svc: string;
  let reader: string;
  let tech: string;
  let outsider: string;
  let outsiderGroup: string;
  const stations: StationProcess[] = [];
  let st: StationProcess;
  /** The build as the test's users can reach it (the checkout itself may be under a 0700 directory). */
  let build: ReturnType<SystemUsers['readableBuild']>;

  /** A station run by the service user, its data directory its own and reachable by everyone (0755). */
  const station = async (id: string, extra: Record<string, unknown> = {}) => {
    const s = new StationProcess({ csmsUrl: 'ws://127.0.0.1:9/ocpp', id, extra, launcher: users.launcher(svc, readers), chargerd: build.chargerd });
    stations.push(s);
    chmodSync(s.dataDir, 0o755);
    chownSync(s.dataDir, users.uid(svc), users.gid(readers));
    chownSync(s.configPath, users.uid(svc), users.gid(readers));
    s.start();
    await s.ready();
    return s;
  };
  const uid = (name: string) => users.uid(name);

  const ctlAs = (user: string, group: string, args: string[], socket = st.socket) =>
    users.run(user, group, [process.execPath, build.chargerctl, ...args], { CHARGERD_SOCKET: socket });
  /** The code the agent (or the client) answers with, through the library chargerctl uses, as that user. */
  const codeAs = async (user: string, group: string, socket: string, method: string, params: Record<string, unknown> = {}): Promise<string> => {
    const script = `import(${JSON.stringify(build.client)}).then(({ controlCall }) => controlCall(${JSON.stringify(socket)}, ${JSON.stringify(method)}, ${JSON.stringify(params)}, { timeoutMs: 5000 })).then(() => console.log('ok'), (e) => console.log(e.code))`;
    const r = await users.run(user, group, [process.execPath, '-e', script]);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim();
  };
  const expectOk = (r: RunResult, what: string) => assert.equal(r.code, 0, `${what}: ${r.stderr}${r.stdout}`);

  before(async () => {
    requireRoot('test/integration/core/control-access.test.ts');
    build = users.readableBuild(CHECKOUT);
    readers = users.group('cdtr');
    admins = users.group('cdta');
    outsiderGroup = users.group('cdtn');
    svc = users.user('cdts', readers, [admins]);
    reader = users.user('cdtu', readers);
    tech = users.user('cdtt', readers, [admins]);
    outsider = users.user('cdto', outsiderGroup);
    st = await station('CP-ACCESS', { control: { adminGroup: admins } });
  });

  after(async () => {
    for (const s of stations) {
      await s.stop().catch(() => s.kill());
      s.cleanup();
    }
    users.remove();
  });

  test('the sockets: read-only 0660 of the service group, admin 0660 of the admin group, both the service user’s', () => {
    const ro = statSync(st.socket);
    const admin = statSync(st.adminSocket);
    assert.equal(ro.mode & 0o777, 0o660);
    assert.equal(ro.gid, users.gid(readers));
    assert.equal(admin.mode & 0o777, 0o660);
    assert.equal(admin.gid, users.gid(admins));
    assert.equal(ro.uid, uid(svc));
    assert.equal(admin.uid, uid(svc));
  });

  test('a reader (group chargerd only) reads, and every state change exits 4 with FORBIDDEN', async () => {
    expectOk(await ctlAs(reader, readers, ['status']), 'status');
    expectOk(await ctlAs(reader, readers, ['config', 'get', 'HeartbeatInterval']), 'config get');
    for (const args of [['config', 'set', 'HeartbeatInterval', '120'], ['sim', 'plug', '1']]) {
      const r = await ctlAs(reader, readers, args);
      assert.equal(r.code, 4, `${args.join(' ')}: ${r.stdout}`);
      const method = args[0] === 'config' ? 'config.set' : 'sim.plug';
      assert.match(r.stderr, new RegExp(`^chargerctl: ${method.replace('.', '\\.')} is forbidden on the read-only control socket .*member of group ${admins}`));
    }
    assert.equal(await codeAs(reader, readers, st.socket, 'sim.plug', { evse: 1 }), 'FORBIDDEN');
    assert.equal(await codeAs(reader, readers, st.adminSocket, 'status'), 'NO_ACCESS', 'the kernel refuses the admin socket');
    const s = await st.status();
    assert.equal(s.evses[0].status, 'Available', 'nothing was plugged');
    assert.equal(JSON.parse(await st.ok('config', 'get', 'HeartbeatInterval', '--json')).keys[0].value, '300');
  });

  test('a technician (chargerd and chargerd-admin) gets everything; --socket on the read-only one is refused', async () => {
    expectOk(await ctlAs(tech, readers, ['status']), 'status');
    const forced = await ctlAs(tech, readers, ['--socket', st.socket, 'sim', 'plug', '1']);
    assert.equal(forced.code, 4);
    assert.match(forced.stderr, /sim\.plug is forbidden on the read-only control socket/);
    expectOk(await ctlAs(tech, readers, ['config', 'set', 'HeartbeatInterval', '120']), 'config set');
    expectOk(await ctlAs(tech, readers, ['sim', 'plug', '1']), 'sim plug');
    await st.until('EVSE 1 plugged', (s) => s.evses[0].pilotState === 'B');
    assert.equal(JSON.parse(await st.ok('config', 'get', 'HeartbeatInterval', '--json')).keys[0].value, '120');
    assert.equal(await codeAs(tech, readers, st.adminSocket, 'sim.unplug', { evse: 1 }), 'ok');
    await st.until('EVSE 1 unplugged', (s) => s.evses[0].pilotState === 'A');
  });

  test('a user in neither group gets NO_ACCESS on both sockets', async () => {
    const r = await ctlAs(outsider, outsiderGroup, ['status']);
    assert.equal(r.code, 4);
    assert.match(r.stderr, new RegExp(`^chargerctl: permission denied on ${st.socket.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: run as root or as a member`));
    assert.equal(await codeAs(outsider, outsiderGroup, st.socket, 'status'), 'NO_ACCESS');
    assert.equal(await codeAs(outsider, outsiderGroup, st.adminSocket, 'status'), 'NO_ACCESS');
  });

  test('fail closed: a service user outside the admin group leaves the admin socket 0600, logs an error, and a technician only reads', async () => {
    const other = await station('CP-CLOSED', { control: { adminGroup: outsiderGroup }, log: { level: 'info' } });
    const admin = statSync(other.adminSocket);
    assert.equal(admin.mode & 0o777, 0o600);
    assert.equal(admin.uid, uid(svc));
    assert.match(other.output, /cannot give the admin control socket to its group/);
    const r = await users.run(tech, readers, [process.execPath, build.chargerctl, 'sim', 'plug', '1'], { CHARGERD_SOCKET: other.socket });
    assert.equal(r.code, 4);
    assert.match(r.stderr, /sim\.plug is forbidden on the read-only control socket/);
    assert.equal(await codeAs(tech, readers, other.adminSocket, 'status'), 'NO_ACCESS');
    // The service user itself (and root) still has it: ExecStopPost and scripts run as chargerd keep working.
    assert.equal(await codeAs(svc, readers, other.adminSocket, 'sim.plug', { evse: 1 }), 'ok');
  });
});

