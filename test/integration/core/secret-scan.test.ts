/**
 * No secret leaves the agent (issue 8, "Control socket security"): with a distinctive CSMS basic-auth password
 * (AuthorizationKey), a password in the CSMS URL's userinfo and an MQTT password configured, every read command of
 * chargerctl (with and without --json, through the admin socket: the most a caller can see), the agent's own log
 * at trace level, everything on the broker under '#', and chargerd's report of a config that it refuses must not
 * contain any of them, nor the Basic credentials they make. Real chargerd, real CSMS, real mosquitto.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { COMMANDS } from '../../../agent/cli/commands.js';
import { isReadOnlyMethod } from '../../../agent/control/access.js';
import { DemoCsms } from '../../../agent/demo/csms.js';
import { Mosquitto, Observer } from '../../support/mosquitto.js';
import { CHARGERD, StationProcess, shebangFlags } from '../../support/station-process.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

const ID = 'CP-SECRETS';
const tag = randomBytes(6).toString('hex');
const OCPP_PW = `OcppKey${tag}Zq`;
const URL_PW = `UrlPw${tag}Zq`;
const MQTT_PW = `MqttPw${tag}Zq`;

/** Each secret as it is, and in the encodings a careless log line would carry it (Basic credentials). */
const needles = (): { what: string; text: string }[] => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return [
    { what: 'the CSMS password', text: OCPP_PW },
    { what: 'the CSMS Basic credentials', text: b64(`${ID}:${OCPP_PW}`) },
    { what: 'the CSMS URL password', text: URL_PW },
    { what: 'the CSMS URL password, URL-encoded Basic', text: b64(`${ID}:${URL_PW}`) },
    { what: 'the MQTT password', text: MQTT_PW },
    { what: 'the MQTT password in base64', text: b64(MQTT_PW) },
  ];
};

function assertClean(where: string, text: string): void {
  for (const n of needles()) assert.ok(!text.includes(n.text), `${n.what} appears in ${where}:\n${text.slice(Math.max(0, text.indexOf(n.text) - 300), text.indexOf(n.text) + 100)}`);
}

/** Arguments for every read-only command: each runs as it is and with --json. */
const READ_ARGS: Record<string, string[][]> = {
  status: [[]],
  version: [[]],
  logs: [[], ['--since', '10m']],
  'config export': [[]],
  // Its archive's content is searched file by file in diagnostics.test.ts; here what the command prints.
  'diagnostics bundle': [['--out', join(tmpdir(), `chargerd-scan-${process.pid}-${randomBytes(4).toString('hex')}.tar.gz`)]],
  'config get': [[], ['AuthorizationKey'], ['HeartbeatInterval']],
  queue: [[]],
  'queue list': [[]],
  'queue dead': [[]],
  'queue export': [['all']],
  'tx list': [[]],
  'tx show': [['1']],
  'auth list': [['--all']],
  'auth lookup': [['SECRET-CARD']],
  'hal probe': [[]],
  'hal pilot': [['1']],
  'meter read': [[], ['1']],
  profiles: [[], ['1']],
  schedule: [['1'], ['0', '--duration', '600', '--watts']],
  reservations: [[]],
  call: [['sim.state'], ['config.get'], ['status'], ['methods'], ['version'], ['--list']],
};

describe('no configured secret in any output', { timeout: SUITE_TIMEOUT_MS }, () => {
  let broker: Mosquitto;
  let obs: Observer;
  let csms: DemoCsms;
  let st: StationProcess;
  const outputs: { where: string; text: string }[] = [];
  const authHeaders: string[] = [];

  before(async () => {
    broker = await new Mosquitto().start();
    obs = await Observer.connect(broker.url, ['#']);
    csms = new DemoCsms();
    const url = await csms.start();
    // The handshake's Authorization header, to show the scan looks for what the agent really sends.
    (csms as unknown as { http: import('node:http').Server }).http.prependListener('upgrade', (req: import('node:http').IncomingMessage) => {
      if (req.headers.authorization) authHeaders.push(req.headers.authorization);
    });
    const withUserinfo = url.replace('ws://', `ws://${ID}:${URL_PW}@`);
    st = new StationProcess({
      csmsUrl: withUserinfo,
      id: ID,
      extra: {
        ocpp: { version: '1.6', csmsUrl: withUserinfo, securityProfile: 1, basicAuthPassword: OCPP_PW, reconnectMinS: 0.2, reconnectMaxS: 1, callTimeoutS: 5 },
        mqtt: { url: broker.url, username: 'chargerd', password: MQTT_PW, keepaliveS: 5 },
        log: { level: 'trace' },
      },
    }).start();
    await st.ready();
    await st.until('registered', (s) => s.registration === 'Accepted');
    await obs.waitFor(`chargerd/${ID}/status`, (p) => p === 'online');
    // A session, so tx list / tx show / queue have something to show, and the bridge publishes its events.
    await st.ok('sim', 'plug', '1');
    await st.ok('sim', 'tag', '1', 'SECRET-CARD');
    await csms.waitFor('StartTransaction');
    await st.until('charging', (s) => s.evses[0].status === 'Charging');
  });

  after(async () => {
    await st?.stop();
    st?.cleanup();
    await csms?.stop();
    await obs?.close();
    await broker?.cleanup();
    rmSync(READ_ARGS['diagnostics bundle']![0]![1]!, { force: true });
  });

  test('the CSMS received the Basic credentials (the scan looks for something the agent really holds)', () => {
    assert.ok(authHeaders.includes(`Basic ${Buffer.from(`${ID}:${OCPP_PW}`).toString('base64')}`), JSON.stringify(authHeaders));
    assert.ok(/"level":20/.test(st.output), 'debug lines were logged');
  });

  test('every read command of chargerctl, plain and --json', async () => {
    const covered = new Set(Object.keys(READ_ARGS));
    const readCommands = COMMANDS.filter((c) => isReadOnlyMethod(c.method) || c.path[0] === 'call').map((c) => c.path.join(' '));
    for (const c of readCommands) assert.ok(covered.has(c), `the scan has no arguments for the read command '${c}': add it to READ_ARGS`);
    const tx = JSON.parse(await st.ok('tx', 'list', '--json'));
    READ_ARGS['tx show'] = [[String(tx.transactions[0].id)]];
    for (const [cmd, argSets] of Object.entries(READ_ARGS)) {
      for (const args of argSets) {
        for (const json of [false, true]) {
          const argv = [...cmd.split(' '), ...args, ...(json ? ['--json'] : [])];
          const r = await st.ctl(argv);
          outputs.push({ where: `chargerctl ${argv.join(' ')}`, text: r.stdout + r.stderr });
          assertClean(`chargerctl ${argv.join(' ')} (exit ${r.code})`, r.stdout + r.stderr);
        }
      }
    }
    // The scan would be worthless if the commands failed before showing anything.
    assert.match(outputs.find((o) => o.where === 'chargerctl status --json')!.text, /"chargePointId": "CP-SECRETS"/);
    assert.match(outputs.find((o) => o.where === 'chargerctl status')!.text, /Connection\s+open\s+ws:\/\/127\.0\.0\.1/);
  });

  test("the agent's own log at trace level", async () => {
    await st.stop();
    assertClean('the agent log', st.output);
    // The restart path logs the config again; the stop path logs the shutdown: both are in the capture now.
    assert.match(st.output, /chargerd started/);
  });

  test("everything on the broker under '#'", () => {
    assert.ok(obs.messages.length > 10, `the bridge published (${obs.messages.length} messages)`);
    assertClean("the broker's topics", obs.messages.map((m) => `${m.topic} ${m.payload}`).join('\n'));
  });

  test('chargerd refusing a config: the problems are named, the secrets not shown', async () => {
    const bad = join(st.dataDir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        chargePointId: ID,
        ocpp: { csmsUrl: `http://${ID}:${URL_PW}@127.0.0.1/`, securityProfile: 1, basicAuthPassword: `${OCPP_PW}${'x'.repeat(64)}` },
        evses: [{ id: 1, maxCurrentA: 16 }],
        dataDir: st.dataDir,
        mqtt: { url: 'mqtt://127.0.0.1:1', password: `${MQTT_PW}${'y'.repeat(256)}` },
      }),
    );
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const p = spawn(process.execPath, [...shebangFlags(CHARGERD), CHARGERD, '--config', bad], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      p.stdout.on('data', (b: Buffer) => (out += b.toString()));
      p.stderr.on('data', (b: Buffer) => (out += b.toString()));
      p.on('exit', (code) => resolve({ code, out }));
    });
    assert.equal(r.code, 2, r.out);
    assert.match(r.out, /\/ocpp\/basicAuthPassword: /);
    assert.match(r.out, /\/mqtt\/password: /);
    assertClean('the config error', r.out);
  });
});
