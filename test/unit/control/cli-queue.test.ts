/**
 * chargerctl queue / tx against a real ControlServer with recording handlers: the params each command line
 * sends, the readable output, --json, `queue export --out FILE`, and exit codes (0 done, 1 agent failed or the
 * file could not be written, 2 bad usage).
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { CliIo } from '../../../agent/cli/io.js';
import { main } from '../../../agent/cli/main.js';
import { formatAge } from '../../../agent/cli/render-queue.js';
import { ControlError, type ControlParams } from '../../../agent/control/protocol.js';
import type { ControlServer } from '../../../agent/control/server.js';
import { startServer, tempDir } from './helpers.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {} };
  const code = await main(argv, io);
  return { code, out, err };
}

const LOCAL = '0b7e4c1a-3f52-4d8e-9a61-2c5d7e8f9a10';

const STATS = {
  depth: 3,
  oldestCreatedAt: '2026-01-01T09:00:00.000Z',
  oldestAgeS: 3725,
  deadLetters: 2,
  thinned: 14,
  sender: { online: false, delivered: 118 },
};

const QUEUE_ROWS = [
  { seq: 41, kind: 'start', action: 'StartTransaction', txLocalId: LOCAL, csmsId: null, attempts: 2, createdAt: '2026-01-01T09:00:00.000Z', notBefore: '2026-01-01T10:02:00.000Z' },
  { seq: 42, kind: 'meter', action: 'MeterValues', txLocalId: 'tx-2', csmsId: 4711, attempts: 0, createdAt: '2026-01-01T09:00:01.000Z', notBefore: null },
];

const DEAD_ROWS = [
  {
    seq: 7,
    kind: 'meter',
    action: 'MeterValues',
    txLocalId: 'tx-2',
    csmsId: 4711,
    attempts: 0,
    createdAt: '2026-01-01T08:00:00.000Z',
    notBefore: null,
    deadAt: '2026-01-01T08:00:05.000Z',
    reason: '1 attempt(s) failed; last: InternalError',
  },
];

const TX_DONE = {
  localId: 'tx-2',
  csmsId: 4711,
  evseId: 1,
  idTag: 'DEADBEEF',
  stopIdTag: 'DEADBEEF',
  authStatus: 'Accepted',
  startedAt: '2026-01-01T08:00:00.000Z',
  stoppedAt: '2026-01-01T09:00:00.000Z',
  meterStartWh: 1000,
  lastMeterWh: 13345,
  lastMeterAt: '2026-01-01T09:00:00.000Z',
  meterStopWh: 13345,
  energyWh: 12345,
  stopReason: 'Local',
  startState: 'confirmed',
  stopState: 'sent',
};

const TX_RUNNING = {
  ...TX_DONE,
  localId: LOCAL,
  csmsId: null,
  evseId: 2,
  idTag: 'CAFE',
  stopIdTag: null,
  stoppedAt: null,
  meterStopWh: null,
  lastMeterWh: 1500.4,
  lastMeterAt: '2026-01-01T10:00:00.000Z',
  energyWh: 500.4,
  stopReason: null,
  startState: 'pending',
  stopState: null,
};

const EXPORT = {
  format: 'chargerd-queue-export/1',
  chargePointId: 'CP-0042',
  exportedAt: '2026-01-01T10:00:00.000Z',
  what: 'dead',
  stats: { depth: 3, oldestCreatedAt: '2026-01-01T09:00:00.000Z', deadLetters: 1, thinned: 0 },
  deadLetters: [{ ...DEAD_ROWS[0], notBefore: 0, payload: { connectorId: 1, meterValue: [{ timestamp: '2026-01-01T08:00:00.000Z', sampledValue: [{ value: '1000' }] }] } }],
  transactions: [{ ...TX_DONE, extra: {} }],
};

describe('chargerctl queue / tx against a ControlServer', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let sock: string;
  let server: ControlServer;
  const calls: { method: string; params: ControlParams }[] = [];
  const replies: Record<string, unknown> = {};
  const methods = ['queue.stats', 'queue.list', 'queue.dead', 'queue.retry', 'queue.export', 'tx.list', 'tx.show'];
  const ctl = (...argv: string[]) => run(['--socket', sock, ...argv]);

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    sock = path.join(dir, 'control.sock');
    const handlers = Object.fromEntries(
      methods.map((m) => [
        m,
        (p: ControlParams) => {
          calls.push({ method: m, params: p });
          const r = replies[m];
          if (r instanceof Error) throw r;
          return typeof r === 'function' ? (r as (p: ControlParams) => unknown)(p) : r;
        },
      ]),
    );
    server = await startServer(sock, handlers);
  });
  after(async () => {
    await server.stop();
    await cleanup();
  });
  beforeEach(() => {
    calls.length = 0;
    for (const k of Object.keys(replies)) delete replies[k];
  });

  describe('command line → method and params', () => {
    const cases: [string[], string, ControlParams][] = [
      [['queue'], 'queue.stats', {}],
      [['queue', 'list'], 'queue.list', {}],
      [['queue', 'list', '--limit', '100'], 'queue.list', { limit: 100 }],
      [['queue', 'dead'], 'queue.dead', {}],
      [['queue', 'dead', '--limit', '1'], 'queue.dead', { limit: 1 }],
      [['queue', 'retry'], 'queue.retry', {}],
      [['queue', 'export'], 'queue.export', { what: 'all' }],
      [['queue', 'export', 'dead'], 'queue.export', { what: 'dead' }],
      [['queue', 'export', 'queue'], 'queue.export', { what: 'queue' }],
      [['tx', 'list'], 'tx.list', {}],
      [['tx', 'list', '--open'], 'tx.list', { open: true }],
      [['tx', 'list', '--open', '--limit', '10000'], 'tx.list', { open: true, limit: 10000 }],
      [['tx', 'list', '--limit', '3', '--open'], 'tx.list', { open: true, limit: 3 }],
      [['tx', 'show', '4711'], 'tx.show', { id: '4711' }],
      [['tx', 'show', `local:${LOCAL}`], 'tx.show', { id: `local:${LOCAL}` }],
    ];
    for (const [argv, method, params] of cases) {
      test(`${argv.join(' ')} → ${method} ${JSON.stringify(params)}`, async () => {
        await ctl(...argv);
        assert.deepEqual(calls, [{ method, params }]);
      });
    }
  });

  describe('bad usage: exit 2, a message, and the agent is not called', () => {
    const cases: [string[], RegExp][] = [
      [['queue', 'bogus'], /unknown queue command 'bogus' \(one of list, dead, retry, export\)/],
      [['queue', 'list', '5'], /unexpected argument '5'/],
      [['queue', 'list', '--limit'], /--limit needs a number/],
      [['queue', 'list', '--limit', '0'], /--limit must be a whole number from 1 to 10000, got '0'/],
      [['queue', 'list', '--limit', '10001'], /--limit must be/],
      [['queue', 'list', '--limit', '-3'], /--limit must be/],
      [['queue', 'list', '--limit', 'all'], /--limit must be/],
      [['queue', 'list', '--limit', '1', '2'], /unexpected argument '2'/],
      [['queue', 'dead', '--all'], /unknown option --all/],
      [['queue', 'retry', 'now'], /unexpected argument 'now'/],
      [['queue', 'export', 'everything'], /what to export must be one of dead, queue, all, got 'everything'/],
      [['queue', 'export', 'dead', 'queue'], /unexpected argument 'queue'/],
      [['queue', 'export', '--out'], /--out needs a FILE/],
      [['queue', 'export', 'dead', '--out'], /--out needs a FILE; for a file named 'dead' write \.\/dead/],
      [['queue', 'export', 'dead', '--out', 'all'], /for a file named 'all' write \.\/all/],
      [['queue', 'export', '--out', 'a.json', 'b.json'], /what to export must be one of/],
      [['queue', 'export', '--out', 'a.json', 'dead', 'x'], /unexpected argument 'x'/],
      [['tx'], /'tx' needs a subcommand: list, show/],
      [['tx', 'open'], /unknown tx command 'open'/],
      [['tx', 'list', '--limit', 'x'], /--limit must be/],
      [['tx', 'list', 'all'], /unexpected argument 'all'/],
      [['tx', 'show'], /missing ID/],
      [['tx', 'show', '1', '2'], /unexpected argument '2'/],
      [['tx', 'show', 'a\u001bb'], /ID must be printable ASCII/],
      [['tx', 'show', 'x'.repeat(65)], /ID must be at most 64 characters/],
    ];
    for (const [argv, message] of cases) {
      test(argv.join(' ').replace(/[\u0000-\u001f]/g, '?'), async () => {
        const r = await ctl(...argv);
        assert.equal(r.code, 2, r.err);
        assert.match(r.err, message);
        assert.equal(r.out, '');
        assert.deepEqual(calls, []);
      });
    }
  });

  describe('readable output', () => {
    test('queue: depth, oldest with its age, dead letters with the way out, thinned, sender', async () => {
      replies['queue.stats'] = STATS;
      const r = await ctl('queue');
      assert.equal(r.code, 0, r.err);
      assert.equal(
        r.out,
        [
          'Queue         3 messages waiting',
          'Oldest        2026-01-01T09:00:00.000Z (1 h 2 min ago)',
          'Dead letters  2  (chargerctl queue dead; queue retry sends them again)',
          'Thinned       14 intermediate MeterValues removed by the queue cap',
          'Sender        offline (waits for the CSMS connection), 118 delivered since start',
          '',
        ].join('\n'),
      );
    });

    test('queue: empty', async () => {
      replies['queue.stats'] = { depth: 0, oldestCreatedAt: null, oldestAgeS: null, deadLetters: 0, thinned: 0, sender: { online: true, delivered: 0 } };
      const r = await ctl('queue');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^Queue\s+empty$/m);
      assert.match(r.out, /^Oldest\s+-$/m);
      assert.match(r.out, /^Dead letters\s+0$/m);
      assert.match(r.out, /^Sender\s+online, 0 delivered since start$/m);
    });

    test('--json prints the raw reply (status --json keeps queue.depth; this keeps depth)', async () => {
      replies['queue.stats'] = STATS;
      const r = await ctl('queue', '--json');
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(JSON.parse(r.out), STATS);
    });

    test('queue list: a row per message, transaction named by CSMS id or local:ID, "showing N of M"', async () => {
      replies['queue.list'] = { depth: 250, messages: QUEUE_ROWS };
      const r = await ctl('queue', 'list');
      assert.equal(r.code, 0, r.err);
      const lines = r.out.split('\n');
      assert.match(lines[0]!, /^SEQ\s+KIND\s+ACTION\s+TRANSACTION\s+ATTEMPTS\s+CREATED\s+NEXT TRY$/);
      assert.match(lines[1]!, new RegExp(`^41\\s+start\\s+StartTransaction\\s+local:${LOCAL}\\s+2\\s+2026-01-01T09:00:00.000Z\\s+2026-01-01T10:02:00.000Z$`));
      assert.match(lines[2]!, /^42\s+meter\s+MeterValues\s+4711\s+0\s+2026-01-01T09:00:01.000Z\s+now$/);
      assert.equal(lines[3], 'showing the first 2 of 250 queued messages (--limit N for more)');
    });

    test('queue list: empty queue; all shown → no "showing" line', async () => {
      replies['queue.list'] = { depth: 0, messages: [] };
      assert.equal((await ctl('queue', 'list')).out, 'Queue is empty.\n');
      replies['queue.list'] = { depth: 2, messages: QUEUE_ROWS };
      assert.doesNotMatch((await ctl('queue', 'list')).out, /showing/);
    });

    test('queue dead: reason and time, and what to do next', async () => {
      replies['queue.dead'] = { total: 1, messages: DEAD_ROWS };
      const r = await ctl('queue', 'dead');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^SEQ\s+ACTION\s+TRANSACTION\s+CREATED\s+DEAD SINCE\s+REASON$/m);
      assert.match(r.out, /^7\s+MeterValues\s+4711\s+2026-01-01T08:00:00.000Z\s+2026-01-01T08:00:05.000Z\s+1 attempt\(s\) failed; last: InternalError$/m);
      assert.match(r.out, /^1 dead letter\. 'chargerctl queue retry' sends them again; 'chargerctl queue export dead --out FILE' saves them/m);
      replies['queue.dead'] = { total: 5, messages: DEAD_ROWS };
      assert.match((await ctl('queue', 'dead', '--limit', '1')).out, /showing 1 of 5 dead letters \(--limit N for more\)/);
      replies['queue.dead'] = { total: 0, messages: [] };
      assert.equal((await ctl('queue', 'dead')).out, 'No dead letters.\n');
    });

    test('queue dead: a reason with control characters cannot drive the terminal', async () => {
      replies['queue.dead'] = { total: 1, messages: [{ ...DEAD_ROWS[0], reason: 'bad\u001b[2Jthing' }] };
      const r = await ctl('queue', 'dead');
      assert.ok(!r.out.includes('\u001b'));
      assert.match(r.out, /bad\?\[2Jthing/);
    });

    test('queue retry: how many, and when they go', async () => {
      replies['queue.retry'] = { retried: 2, depth: 5, online: true };
      let r = await ctl('queue', 'retry');
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, '2 dead letters moved back to the end of the queue (5 waiting); sending now.\n');
      replies['queue.retry'] = { retried: 1, depth: 1, online: false };
      r = await ctl('queue', 'retry');
      assert.equal(r.out, '1 dead letter moved back to the end of the queue (1 waiting); they go out when the CSMS connection is back.\n');
      replies['queue.retry'] = { retried: 0, depth: 0, online: true };
      r = await ctl('queue', 'retry');
      assert.equal(r.code, 0);
      assert.equal(r.out, 'No dead letters to retry.\n');
    });

    test('tx list: newest first as sent, energy in kWh with Wh resolution, running ones marked, local:ID note', async () => {
      replies['tx.list'] = { transactions: [TX_RUNNING, TX_DONE] };
      const r = await ctl('tx', 'list');
      assert.equal(r.code, 0, r.err);
      const lines = r.out.split('\n');
      assert.match(lines[0]!, /^TRANSACTION\s+EVSE\s+ID TAG\s+STARTED\s+STOPPED\s+ENERGY kWh\s+REASON\s+START MSG\s+STOP MSG$/);
      assert.match(lines[1]!, new RegExp(`^local:${LOCAL}\\s+2\\s+CAFE\\s+2026-01-01T08:00:00.000Z\\s+running\\s+0.500\\s+-\\s+pending\\s+-$`));
      assert.match(lines[2]!, /^4711\s+1\s+DEADBEEF\s+2026-01-01T08:00:00.000Z\s+2026-01-01T09:00:00.000Z\s+12.345\s+Local\s+confirmed\s+sent$/);
      assert.match(lines[3]!, /^local:ID = not yet confirmed by the CSMS/);
      replies['tx.list'] = { transactions: [TX_DONE] };
      assert.doesNotMatch((await ctl('tx', 'list')).out, /local:ID/);
      replies['tx.list'] = { transactions: [] };
      assert.equal((await ctl('tx', 'list')).out, 'No transactions.\n');
    });

    test('tx show: the billing record, its send state, its queued messages and dead letters', async () => {
      replies['tx.show'] = { transaction: { ...TX_DONE, extra: {} }, queued: [QUEUE_ROWS[1]], deadLetters: DEAD_ROWS };
      const r = await ctl('tx', 'show', '4711');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^Transaction\s+4711$/m);
      assert.match(r.out, /^Local id\s+tx-2$/m);
      assert.match(r.out, /^EVSE\s+1$/m);
      assert.match(r.out, /^ID tag\s+DEADBEEF \(Accepted\)$/m);
      assert.match(r.out, /^Started\s+2026-01-01T08:00:00.000Z  meter 1000 Wh$/m);
      assert.match(r.out, /^Stopped\s+2026-01-01T09:00:00.000Z  meter 13345 Wh  reason Local  by DEADBEEF$/m);
      assert.match(r.out, /^Energy\s+12.345 kWh \(12345 Wh\)$/m);
      assert.match(r.out, /^Start message\s+confirmed$/m);
      assert.match(r.out, /^Stop message\s+sent$/m);
      assert.match(r.out, /^Queued\s+1 message$/m);
      assert.match(r.out, /Queued messages:\nSEQ\s+ACTION\s+ATTEMPTS\s+CREATED\s+NEXT TRY\n42\s+MeterValues\s+0\s+2026-01-01T09:00:01.000Z\s+now\n/);
      assert.match(r.out, /Dead letters:\nSEQ\s+ACTION\s+CREATED\s+DEAD SINCE\s+REASON\n7\s+MeterValues\s+2026-01-01T08:00:00.000Z\s+2026-01-01T08:00:05.000Z\s+1 attempt/);
    });

    test('tx show: a running, unconfirmed transaction', async () => {
      replies['tx.show'] = { transaction: { ...TX_RUNNING, extra: {} }, queued: [], deadLetters: [] };
      const r = await ctl('tx', 'show', `local:${LOCAL}`);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^Transaction\s+not yet confirmed by the CSMS$/m);
      assert.match(r.out, /^Stopped\s+running; last reading 1500.4 Wh at 2026-01-01T10:00:00.000Z$/m);
      assert.match(r.out, /^Energy\s+0.500 kWh \(500.4 Wh\) so far$/m);
      assert.match(r.out, /^Stop message\s+-$/m);
      assert.match(r.out, /^Queued\s+nothing$/m);
      assert.doesNotMatch(r.out, /Queued messages:|Dead letters:\n/);
    });

    test('tx show: unknown id → exit 1 with the agent\'s message', async () => {
      replies['tx.show'] = new ControlError('NOT_FOUND', 'no transaction 99 in the journal');
      const r = await ctl('tx', 'show', '99');
      assert.equal(r.code, 1);
      assert.equal(r.out, '');
      assert.equal(r.err, 'chargerctl: no transaction 99 in the journal\n');
    });

    test('a reply in another shape (other chargerd version) exits 1 and says so', async () => {
      replies['tx.list'] = [TX_DONE];
      const r = await ctl('tx', 'list');
      assert.equal(r.code, 1);
      assert.match(r.err, /unexpected reply from the agent to tx\.list .*: tx\.list is not an object/);
      replies['queue.stats'] = { ...STATS, sender: undefined };
      const s = await ctl('queue');
      assert.equal(s.code, 1);
      assert.match(s.err, /queue.stats.sender is not an object/);
    });

    test('help queue / help tx list the commands', async () => {
      const q = await run(['help', 'queue']);
      assert.equal(q.code, 0);
      for (const c of ['queue  ', 'queue list [--limit N]', 'queue dead [--limit N]', 'queue retry', 'queue export [dead|queue|all] [--out FILE]']) assert.ok(q.out.includes(`chargerctl ${c}`), c);
      const t = await run(['help', 'tx']);
      assert.match(t.out, /chargerctl tx list \[--open\] \[--limit N\]/);
      assert.match(t.out, /chargerctl tx show ID/);
    });
  });

  describe('queue export', () => {
    test('to stdout: the export as pretty JSON, the same with --json', async () => {
      replies['queue.export'] = EXPORT;
      const r = await ctl('queue', 'export', 'dead');
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(JSON.parse(r.out), EXPORT);
      assert.equal(r.out, `${JSON.stringify(EXPORT, null, 2)}\n`);
      assert.equal((await ctl('queue', 'export', 'dead', '--json')).out, r.out);
    });

    test('--out FILE: writes the JSON (owner-only), prints what it wrote; either order of arguments', async () => {
      replies['queue.export'] = EXPORT;
      const file = path.join(dir, 'dead.json');
      const r = await ctl('queue', 'export', 'dead', '--out', file);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(calls, [{ method: 'queue.export', params: { what: 'dead' } }], 'FILE stays on this side');
      const text = readFileSync(file, 'utf8');
      assert.deepEqual(JSON.parse(text), EXPORT);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(r.out, `Wrote 1 dead letter (1 transaction from the journal) to ${file} (${Buffer.byteLength(text)} bytes).\n`);

      const other = path.join(dir, 'other.json');
      calls.length = 0;
      const r2 = await ctl('queue', 'export', '--out', other, 'dead');
      assert.equal(r2.code, 0, r2.err);
      assert.deepEqual(calls, [{ method: 'queue.export', params: { what: 'dead' } }]);
      assert.equal(readFileSync(other, 'utf8'), text);
    });

    test('--out FILE alone exports everything; an existing file is replaced; --json prints the summary', async () => {
      const all = { ...EXPORT, what: 'all', queue: [{ ...QUEUE_ROWS[1], notBefore: 0, payload: {} }] };
      replies['queue.export'] = all;
      const file = path.join(dir, 'all.json');
      writeFileSync(file, 'old content that is longer than nothing');
      const r = await ctl('--json', 'queue', 'export', '--out', file);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(calls, [{ method: 'queue.export', params: { what: 'all' } }]);
      assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), all);
      const summary = JSON.parse(r.out);
      assert.deepEqual({ ...summary, bytes: 0 }, { file, bytes: 0, what: 'all', queued: 1, deadLetters: 1, transactions: 1 });
      assert.equal(summary.bytes, statSync(file).size);
    });

    test('--out to a place that cannot be written: exit 1, the reason, nothing on stdout', async () => {
      replies['queue.export'] = EXPORT;
      const file = path.join(dir, 'no-such-dir', 'x.json');
      const r = await ctl('queue', 'export', 'dead', '--out', file);
      assert.equal(r.code, 1);
      assert.equal(r.out, '');
      assert.match(r.err, new RegExp(`^chargerctl: cannot write ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: ENOENT`));
    });

    test('--out when the agent fails (exit 1) or is not running (exit 3): no file', async () => {
      replies['queue.export'] = new ControlError('INTERNAL', 'database is locked');
      const file = path.join(dir, 'never.json');
      const r = await ctl('queue', 'export', 'dead', '--out', file);
      assert.equal(r.code, 1);
      assert.equal(r.err, 'chargerctl: database is locked\n');
      assert.throws(() => statSync(file), { code: 'ENOENT' });

      const gone = await run(['--socket', path.join(dir, 'nobody.sock'), 'queue', 'export', '--out', file]);
      assert.equal(gone.code, 3);
      assert.match(gone.err, /is chargerd running\?/);
      assert.throws(() => statSync(file), { code: 'ENOENT' });
    });

    test('--out with a reply in another shape writes nothing', async () => {
      replies['queue.export'] = { ...EXPORT, deadLetters: undefined };
      const file = path.join(dir, 'bad.json');
      const r = await ctl('queue', 'export', 'dead', '--out', file);
      assert.equal(r.code, 1);
      assert.match(r.err, /queue.export.deadLetters is missing/);
      assert.throws(() => statSync(file), { code: 'ENOENT' });
    });
  });

  test('formatAge: seconds, minutes, hours with minutes, days with hours', () => {
    assert.deepEqual(
      [0, 59, 60, 3599, 3600, 3725, 47 * 3600 + 59 * 60, 48 * 3600, 50 * 3600 + 60, -5].map(formatAge),
      ['0 s', '59 s', '1 min', '59 min', '1 h', '1 h 2 min', '47 h 59 min', '2 d', '2 d 2 h', '0 s'],
    );
  });
});
