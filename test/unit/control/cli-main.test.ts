import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { COMMANDS } from '../../../agent/cli/commands.js';
import type { CliIo } from '../../../agent/cli/io.js';
import { main } from '../../../agent/cli/main.js';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { ControlError, type ControlParams } from '../../../agent/control/protocol.js';
import type { ControlHandlers, ControlServer } from '../../../agent/control/server.js';
import { statusCharging, statusOffline } from './cli-fixtures.js';
import { settle, startServer, tempDir } from './helpers.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('chargerctl main() against a real ControlServer', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let sock: string;
  let server: ControlServer;
  const calls: { method: string; params: ControlParams }[] = [];
  let statusResult: unknown = statusCharging;

  const record = (method: string, result: (p: ControlParams) => unknown) => (p: ControlParams) => {
    calls.push({ method, params: p });
    return result(p);
  };

  const handlers: ControlHandlers = {
    status: record('status', () => statusResult),
    'config.get': record('config.get', (p) => {
      if (p.key === 'Nope') return { keys: [], unknownKeys: ['Nope'] };
      const all = [
        { key: 'HeartbeatInterval', value: '300', readonly: false },
        { key: 'NumberOfConnectors', value: '2', readonly: true },
        { key: 'WebSocketPingInterval', value: null, readonly: false, rebootRequired: true },
      ];
      return { keys: p.key === undefined ? all : all.filter((k) => k.key === p.key), unknownKeys: [] };
    }),
    'config.set': record('config.set', (p) => {
      switch (p.value) {
        case 'reject':
          return { status: 'Rejected', reason: 'value out of range 1..86400' };
        case 'unsupported':
          return { status: 'NotSupported' };
        case 'reboot':
          return { status: 'RebootRequired' };
        default:
          return { status: 'Accepted' };
      }
    }),
    'sim.plug': record('sim.plug', (p) => {
      if (p.evse === 9) throw new ControlError('NOT_FOUND', 'no EVSE 9 on this station');
      return null;
    }),
    'sim.unplug': record('sim.unplug', () => null),
    'sim.tag': record('sim.tag', () => null),
    'sim.ev': record('sim.ev', () => null),
    'sim.evLimit': record('sim.evLimit', () => null),
    'sim.fault': record('sim.fault', () => {
      throw new ControlError('NOT_AVAILABLE', 'sim commands need the simulated HAL');
    }),
    'sim.clear': record('sim.clear', () => null),
    'evse.unlock': record('evse.unlock', () => ({ evse: 2, status: 'Unlocked' })),
    'queue.list': record('queue.list', () => [{ id: 1, action: 'MeterValues' }]),
    ...Object.fromEntries(['queue.stats', 'queue.dead', 'queue.retry', 'queue.export', 'tx.list', 'tx.show', 'auth.list', 'auth.lookup', 'profiles.list', 'profiles.schedule'].map((m) => [m, record(m, () => null)])),
    'hal.probe': record('hal.probe', (p) => ({ device: p.device, ok: true })),
    'hal.pilot': record('hal.pilot', () => null),
    'hal.relay.test': record('hal.relay.test', () => null),
    'hal.rcd.test': record('hal.rcd.test', () => null),
    'meter.read': record('meter.read', () => null),
    'evse.availability': record('evse.availability', (p) => ({ evse: p.evse, operative: p.operative, status: 'Accepted', reason: null })),
    reset: record('reset', () => ({ status: 'Accepted', kind: 'Soft', stopsTransactionsOn: [] })),
    methods: record('methods', () => ({ methods: [] })),
    version: record('version', () => ({ chargerd: '9.9.9', node: '20.0.0', ocppVersion: '1.6' })),
    'config.export': record('config.export', () => ({ format: 'chargerd-config/1', ocppKeys: {} })),
    reservations: record('reservations', () => ({ time: '2026-03-01T10:00:00.000Z', reservations: [] })),
    hang: () => new Promise(() => {}),
  };

  const run = async (argv: string[], env: Record<string, string | undefined> = {}, clock?: FakeClock): Promise<Run> => {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env, ...(clock ? { clock } : {}) };
    const code = await main(argv, io);
    return { code, out, err };
  };
  /** With the test socket given the way most tests do not care about. */
  const ctl = (...argv: string[]) => run(['--socket', sock, ...argv]);

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    sock = path.join(dir, 'control.sock');
    server = await startServer(sock, handlers);
  });
  after(async () => {
    await server.stop();
    await cleanup();
  });
  beforeEach(() => {
    calls.length = 0;
    statusResult = statusCharging;
  });

  describe('every command calls the right method with the right params', () => {
    const cases: [string[], string, ControlParams][] = [
      [['status'], 'status', {}],
      [['config', 'get'], 'config.get', {}],
      [['config', 'get', 'HeartbeatInterval'], 'config.get', { key: 'HeartbeatInterval' }],
      [['config', 'set', 'HeartbeatInterval', '300'], 'config.set', { key: 'HeartbeatInterval', value: '300' }],
      [['config', 'set', 'LocalAuthListEnabled', ''], 'config.set', { key: 'LocalAuthListEnabled', value: '' }],
      [['sim', 'plug', '1'], 'sim.plug', { evse: 1 }],
      [['sim', 'unplug', '2'], 'sim.unplug', { evse: 2, keepCable: false }],
      [['sim', 'unplug', '2', '--keep-cable'], 'sim.unplug', { evse: 2, keepCable: true }],
      [['sim', 'unplug', '--keep-cable', '12'], 'sim.unplug', { evse: 12, keepCable: true }],
      [['sim', 'tag', '1', 'ABCDEF0123456789ABCD'], 'sim.tag', { evse: 1, idTag: 'ABCDEF0123456789ABCD' }],
      [['sim', 'tag', '1', 'CAFE', '--no-wait'], 'sim.tag', { evse: 1, idTag: 'CAFE', waitMs: 0 }],
      [['sim', 'ev', '1', 'charge'], 'sim.ev', { evse: 1, mode: 'charge' }],
      [['sim', 'ev', '1', 'pause'], 'sim.ev', { evse: 1, mode: 'pause' }],
      [['sim', 'clear', '3'], 'sim.clear', { evse: 3 }],
      [['sim', 'ev', '1', 'ventilate'], 'sim.ev', { evse: 1, mode: 'ventilate' }],
      [['sim', 'ev-limit', '2', '8'], 'sim.evLimit', { evse: 2, currentA: 8 }],
      [['unlock', '2'], 'evse.unlock', { evse: 2 }],
      [['call', 'queue.list'], 'queue.list', {}],
      // Queue and journal commands (output and argument checks: cli-queue.test.ts).
      [['queue'], 'queue.stats', {}],
      [['queue', 'list', '--limit', '5'], 'queue.list', { limit: 5 }],
      [['queue', 'dead'], 'queue.dead', {}],
      [['queue', 'retry'], 'queue.retry', {}],
      [['queue', 'export', 'dead'], 'queue.export', { what: 'dead' }],
      [['tx', 'list', '--open'], 'tx.list', { open: true }],
      [['tx', 'show', '4711'], 'tx.show', { id: '4711' }],
      [['profiles'], 'profiles.list', {}],
      [['profiles', '0'], 'profiles.list', { evse: 0 }],
      [['schedule', '1'], 'profiles.schedule', { evse: 1 }],
      [['schedule', '0', '--duration', '600', '--watts'], 'profiles.schedule', { evse: 0, durationS: 600, unit: 'W' }],
      [['auth', 'list'], 'auth.list', { limit: 100 }],
      [['auth', 'list', '--all'], 'auth.list', {}],
      [['auth', 'lookup', 'CARD-1'], 'auth.lookup', { idTag: 'CARD-1' }],
      [['call', 'hal.probe', '{"device":"meter","unit":2}'], 'hal.probe', { device: 'meter', unit: 2 }],
      [['hal', 'probe'], 'hal.probe', {}],
      [['hal', 'pilot', '1'], 'hal.pilot', { evse: 1 }],
      [['hal', 'relay', 'test', '2'], 'hal.relay.test', { evse: 2 }],
      [['hal', 'rcd', 'test', '1'], 'hal.rcd.test', { evse: 1 }],
      [['meter', 'read'], 'meter.read', {}],
      [['meter', 'read', '3'], 'meter.read', { evse: 3 }],
      [['evse', 'enable', '2'], 'evse.availability', { evse: 2, operative: true }],
      [['evse', 'disable', '0'], 'evse.availability', { evse: 0, operative: false }],
      [['reset', 'soft'], 'reset', { kind: 'soft' }],
      [['reset', 'hard'], 'reset', { kind: 'hard' }],
      [['call', '--list'], 'methods', {}],
      [['version'], 'version', {}],
      [['config', 'export'], 'config.export', {}],
      [['reservations'], 'reservations', {}],
      ...(['rcd', 'pilot', 'weld', 'meter', 'lock', 'pilot-unreadable'] as const).map((kind): [string[], string, ControlParams] => [['sim', 'fault', '2', kind], 'sim.fault', { evse: 2, kind }]),
    ];
    for (const [argv, method, params] of cases) {
      test(`${argv.join(' ')} → ${method} ${JSON.stringify(params)}`, async () => {
        await ctl(...argv);
        assert.deepEqual(calls, [{ method, params }]);
      });
    }

    test('the cases above cover every method in the command table', () => {
      const covered = new Set(cases.map(([, m]) => m));
      // hal safe-state never calls the agent (cli-hal.test.ts covers it); logs, diagnostics bundle and config import
      // make several calls and touch files: covered end to end in test/integration/core/diagnostics.test.ts.
      const endToEnd = ['logs', 'diagnostics bundle', 'config import'];
      for (const c of COMMANDS) if (c.method !== '<METHOD>' && !c.method.startsWith('(none') && !endToEnd.includes(c.path.join(' '))) assert.ok(covered.has(c.method), `${c.method} has no mapping test`);
    });
  });

  describe('output and exit codes', () => {
    test('sim commands print a confirmation and exit 0', async () => {
      assert.deepEqual(await ctl('sim', 'plug', '1'), { code: 0, out: 'EVSE 1: EV plugged in\n', err: '' });
      assert.deepEqual(await ctl('sim', 'unplug', '1', '--keep-cable'), { code: 0, out: 'EVSE 1: EV unplugged, cable left in the socket\n', err: '' });
      assert.deepEqual(await ctl('sim', 'tag', '2', 'CAFE'), { code: 0, out: 'EVSE 2: presented idTag CAFE\n', err: '' });
    });

    test('an agent error exits 1 with "chargerctl: <message>" on stderr and nothing on stdout', async () => {
      assert.deepEqual(await ctl('sim', 'plug', '9'), { code: 1, out: '', err: 'chargerctl: no EVSE 9 on this station\n' });
      assert.deepEqual(await ctl('sim', 'fault', '1', 'rcd'), { code: 1, out: '', err: 'chargerctl: sim commands need the simulated HAL\n' });
      assert.deepEqual(await ctl('call', 'no.such'), { code: 1, out: '', err: 'chargerctl: unknown method: no.such\n' });
    });

    test('no agent on the socket exits 3 and names the socket', async () => {
      const missing = path.join(dir, 'nobody.sock');
      const r = await run(['--socket', missing, 'status']);
      assert.equal(r.code, 3);
      assert.equal(r.out, '');
      assert.match(r.err, /^chargerctl: cannot reach the agent: is chargerd running\? \(socket .*nobody\.sock: ENOENT\)\n$/);
    });

    test('--timeout: no reply in time exits 3 (fake clock)', async () => {
      const clock = new FakeClock();
      const pending = run(['--socket', sock, '--timeout', '250', 'call', 'hang'], {}, clock);
      await settle();
      clock.advance(250);
      const r = await pending;
      assert.equal(r.code, 3);
      assert.match(r.err, /^chargerctl: no reply from the agent within 250 ms/);
    });

    test('call prints the JSON result', async () => {
      const r = await ctl('call', 'hal.probe', '{"device":"rcd"}');
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.out), { device: 'rcd', ok: true });
    });

    test('a reply of the wrong shape exits 1 with a clear message instead of a crash', async () => {
      statusResult = { chargePointId: 'CP', evses: 'many' };
      const r = await ctl('status');
      assert.equal(r.code, 1);
      assert.match(r.err, /^chargerctl: unexpected reply from the agent to status .*: status\.connection is not an object\n$/);
    });
  });

  describe('bad usage exits 2 with a one-line message and a hint, and calls nothing', () => {
    const cases: [string[], RegExp][] = [
      [['sim', 'plug', '0'], /EVSE must be a positive integer, got '0'/],
      [['sim', 'plug', '-1'], /EVSE must be a positive integer, got '-1'/],
      [['sim', 'plug', '1.5'], /EVSE must be a positive integer/],
      [['sim', 'plug', 'one'], /EVSE must be a positive integer/],
      [['sim', 'plug', '99999999999999999999'], /EVSE must be a positive integer/],
      [['sim', 'plug'], /missing EVSE number/],
      [['sim', 'plug', '1', '2'], /unexpected argument '2'/],
      [['sim', 'tag', '1'], /missing IDTAG/],
      [['sim', 'tag', '1', ''], /IDTAG must not be empty/],
      [['sim', 'tag', '1', 'X'.repeat(21)], /IDTAG must be at most 20 characters, got 21/],
      [['sim', 'tag', '1', 'Grüße'], /IDTAG must be printable ASCII/],
      [['sim', 'ev', '1', 'fast'], /EV mode must be one of charge, pause, ventilate, got 'fast'/],
      [['sim', 'ev', '1'], /missing EV mode/],
      [['sim', 'ev-limit', '1', '-3'], /EV current limit must be a number of amperes from 0 to 80, got '-3'/],
      [['sim', 'ev-limit', '1'], /missing the EV current limit/],
      [['sim', 'fault', '1', 'smoke'], /fault kind must be one of rcd, pilot, weld, meter, lock, pilot-unreadable, got 'smoke'/],
      [['sim', 'unplug', '1', '--force'], /unknown option --force/],
      [['status', '--keep-cable'], /unknown option --keep-cable/],
      [['status', 'now'], /unexpected argument 'now'/],
      [['config', 'set', 'HeartbeatInterval'], /missing VALUE/],
      [['config', 'set', 'K'.repeat(51), '1'], /KEY must be at most 50 characters/],
      [['config', 'set', 'K', 'v'.repeat(501)], /VALUE must be at most 500 characters/],
      [['config', 'get', 'A', 'B'], /unexpected argument 'B'/],
      [['call'], /missing METHOD/],
      [['call', 'x', '[1]'], /JSON params must be a JSON object/],
      [['call', 'x', '{nope'], /JSON params are not valid JSON/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['sim'], /'sim' needs a subcommand: plug, unplug, tag, ev, ev-limit, fault, clear/],
      [['sim', 'explode', '1'], /unknown sim command 'explode'/],
      [['--timeout', '0', 'status'], /--timeout must be between 1 and 3600000 ms/],
      [['--timeout', 'soon', 'status'], /--timeout must be a whole number/],
      [['--json=yes', 'status'], /option --json takes no value/],
      [['help', 'frobnicate'], /no command 'frobnicate'/],
    ];
    for (const [argv, message] of cases) {
      test(argv.join(' ') || '(empty)', async () => {
        const r = await ctl(...argv);
        assert.equal(r.code, 2, r.err);
        assert.equal(r.out, '');
        const lines = r.err.trimEnd().split('\n');
        assert.equal(lines.length, 2, `message + hint, got: ${r.err}`);
        assert.match(lines[0]!, /^chargerctl: /);
        assert.match(lines[0]!, message);
        assert.match(lines[1]!, /^(Usage: chargerctl |Try 'chargerctl help)/);
        assert.deepEqual(calls, []);
      });
    }

    test('the hint of a command error is that command\'s usage line', async () => {
      const r = await ctl('sim', 'fault', 'x', 'rcd');
      assert.equal(r.err, "chargerctl: EVSE must be a positive integer, got 'x'\nUsage: chargerctl sim fault N rcd|pilot|weld|meter|lock|pilot-unreadable\n");
    });

    test('--socket without a value', async () => {
      const r = await run(['status', '--socket']);
      assert.equal(r.code, 2);
      assert.match(r.err, /^chargerctl: option --socket needs a value\n/);
    });
  });

  describe('--json', () => {
    test('status --json prints the raw result, exit 0', async () => {
      for (const argv of [['--json', 'status'], ['status', '--json']]) {
        const r = await ctl(...argv);
        assert.equal(r.code, 0);
        assert.deepEqual(JSON.parse(r.out), statusCharging);
      }
    });

    test('config get --json of an unknown key prints the raw result and still exits 1', async () => {
      const r = await ctl('--json', 'config', 'get', 'Nope');
      assert.equal(r.code, 1);
      assert.deepEqual(JSON.parse(r.out), { keys: [], unknownKeys: ['Nope'] });
      assert.equal(r.err, 'chargerctl: unknown configuration key: Nope\n');
    });

    test('sim plug --json prints null for a null result', async () => {
      const r = await ctl('--json', 'sim', 'plug', '1');
      assert.deepEqual(r, { code: 0, out: 'null\n', err: '' });
    });
  });

  describe('config', () => {
    test('config get renders key / value / access', async () => {
      const r = await ctl('config', 'get');
      assert.equal(r.code, 0);
      assert.equal(
        r.out,
        [
          'KEY                    VALUE      ACCESS',
          'HeartbeatInterval      300        RW',
          'NumberOfConnectors     2          RO',
          'WebSocketPingInterval  (not set)  RW (reboot)',
          '',
        ].join('\n'),
      );
    });

    test('config get of an unknown key exits 1 with a message', async () => {
      assert.deepEqual(await ctl('config', 'get', 'Nope'), { code: 1, out: '', err: 'chargerctl: unknown configuration key: Nope\n' });
    });

    test('config set: Accepted and RebootRequired exit 0; Rejected and NotSupported exit 1 with the reason', async () => {
      assert.deepEqual(await ctl('config', 'set', 'HeartbeatInterval', '60'), { code: 0, out: 'HeartbeatInterval: Accepted\n', err: '' });
      assert.deepEqual(await ctl('config', 'set', 'HeartbeatInterval', 'reboot'), {
        code: 0,
        out: 'HeartbeatInterval: Accepted, takes effect after a reboot (RebootRequired)\n',
        err: '',
      });
      assert.deepEqual(await ctl('config', 'set', 'HeartbeatInterval', 'reject'), {
        code: 1,
        out: '',
        err: 'chargerctl: config set HeartbeatInterval: Rejected (value out of range 1..86400)\n',
      });
      assert.deepEqual(await ctl('config', 'set', 'Frob', 'unsupported'), { code: 1, out: '', err: 'chargerctl: config set Frob: NotSupported\n' });
    });
  });

  describe('status rendering', () => {
    test('with a confirmed transaction', async () => {
      const r = await ctl('status');
      assert.equal(r.code, 0);
      assert.equal(
        r.out,
        [
          'Charge point  CP-0042 (OCPP 1.6)',
          'Connection    Connected  wss://csms.example.com/ocpp/CP-0042  since 2026-01-01T09:00:00.000Z',
          'Registration  Accepted',
          'Queue         empty',
          '',
          'EVSE  STATUS     ERROR  PILOT  RELAY   OFFERED A  POWER kW  TRANSACTION  ID TAG    ENERGY kWh',
          '1     Charging   -      C      closed  16         11.04     4711         DEADBEEF  12.345',
          '2     Available  -      A      open    0          -         -            -         -',
          '',
        ].join('\n'),
      );
    });

    test('without a confirmed transaction id, offline, faulted, with a queue', async () => {
      statusResult = statusOffline;
      const r = await ctl('status');
      assert.equal(r.code, 0);
      assert.equal(
        r.out,
        [
          'Charge point  CP-0042 (OCPP 1.6)',
          'Connection    Reconnecting  wss://csms.example.com/ocpp/CP-0042',
          'Registration  Accepted',
          'Queue         3 messages waiting, 1 dead letter',
          '',
          'EVSE  STATUS       ERROR          PILOT  RELAY  OFFERED A  POWER kW  TRANSACTION  ID TAG  ENERGY kWh',
          '1     SuspendedEV  -              B      open   6.3        0.00      local:tx-8   CAFE    0.000',
          '2     Faulted      GroundFailure  F      open   0          -         -            -       -',
          'local:ID = transaction not yet confirmed by the CSMS (no transactionId yet)',
          '',
        ].join('\n'),
      );
    });

    test('no EVSE at all', async () => {
      statusResult = { ...statusCharging, evses: [] };
      const r = await ctl('status');
      assert.equal(r.code, 0);
      assert.ok(r.out.endsWith('\n\nNo EVSEs configured.\n'));
    });

    test('control characters from the agent are not passed to the terminal', async () => {
      statusResult = {
        ...statusCharging,
        chargePointId: 'CP\u001b]0;pwned\u0007',
        evses: [{ ...statusCharging.evses[0]!, transaction: { ...statusCharging.evses[0]!.transaction!, idTag: 'A\u001b[2JB' } }],
      };
      const r = await ctl('status');
      assert.equal(r.code, 0);
      assert.ok(!/[\u0000-\u001f]/.test(r.out.replace(/\n/g, '')), JSON.stringify(r.out));
      assert.ok(r.out.includes('CP?]0;pwned?'));
      assert.ok(r.out.includes('A?[2JB'));
    });
  });

  describe('socket resolution: --socket, then $CHARGERD_SOCKET, then --config FILE, then the default', () => {
    const bogus = () => path.join(dir, 'bogus.sock');
    const configWith = async (name: string, doc: unknown) => {
      const file = path.join(dir, name);
      await writeFile(file, JSON.stringify(doc));
      return file;
    };

    test('--socket wins over the environment and the config file', async () => {
      const cfg = await configWith('flag.json', { controlSocket: bogus() });
      const r = await run(['--socket', sock, '--config', cfg, 'sim', 'plug', '1'], { CHARGERD_SOCKET: bogus() });
      assert.equal(r.code, 0, r.err);
    });

    test('$CHARGERD_SOCKET is used without --socket, and wins over --config', async () => {
      const cfg = await configWith('env.json', { controlSocket: bogus() });
      assert.equal((await run(['sim', 'plug', '1'], { CHARGERD_SOCKET: sock })).code, 0);
      assert.equal((await run(['--config', cfg, 'sim', 'plug', '1'], { CHARGERD_SOCKET: sock })).code, 0);
      const wrong = await run(['--config', cfg, 'sim', 'plug', '1'], { CHARGERD_SOCKET: bogus() });
      assert.equal(wrong.code, 3);
      assert.ok(wrong.err.includes('bogus.sock'));
    });

    test('--config FILE: its controlSocket field is used', async () => {
      const cfg = await configWith('agent.json', { chargePointId: 'CP', controlSocket: sock });
      const r = await run(['--config', cfg, 'sim', 'plug', '1']);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(calls, [{ method: 'sim.plug', params: { evse: 1 } }]);
    });

    test('an unreadable or invalid config file is a usage error', async () => {
      const missing = await run(['--config', path.join(dir, 'absent.json'), 'status']);
      assert.equal(missing.code, 2);
      assert.match(missing.err, /^chargerctl: cannot read config file .*absent\.json: ENOENT\n/);
      const badFile = path.join(dir, 'bad.json');
      await writeFile(badFile, '{ nope');
      const bad = await run(['--config', badFile, 'status']);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /is not valid JSON/);
      const wrongType = await run(['--config', await configWith('num.json', { controlSocket: 5 }), 'status']);
      assert.equal(wrongType.code, 2);
      assert.match(wrongType.err, /"controlSocket" must be a non-empty string/);
    });
  });

  describe('help', () => {
    test('no arguments, help and --help print usage listing every command, exit 0', async () => {
      for (const argv of [[], ['help'], ['--help'], ['-h']]) {
        const r = await run(argv);
        assert.equal(r.code, 0);
        assert.equal(r.err, '');
        assert.ok(r.out.startsWith('Usage: chargerctl [--socket PATH] [--config FILE] [--json] [--timeout MS] <command>'));
        for (const c of COMMANDS) assert.ok(r.out.includes(`  ${[...c.path, c.args].join(' ').trim()}  `), `usage lists ${c.path.join(' ')}`);
        assert.ok(r.out.includes('Exit status: 0 done; 1 the agent failed or refused, or the result is a failure; 2 bad usage (nothing sent); 3 no agent answered'));
      }
      assert.deepEqual(calls, []);
    });

    test('help for a group or a command lists only those commands', async () => {
      const sim = await run(['help', 'sim']);
      assert.equal(sim.code, 0);
      const lines = sim.out.trimEnd().split('\n');
      assert.equal(lines.length, COMMANDS.filter((c) => c.path[0] === 'sim').length);
      assert.ok(lines.every((l) => l.startsWith('chargerctl sim ')));
      const one = await run(['config', 'set', '--help']);
      assert.equal(one.code, 0);
      assert.match(one.out, /^chargerctl config set KEY VALUE {2}/);
    });
  });
});
