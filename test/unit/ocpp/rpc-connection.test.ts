/**
 * RpcConnection against a real `ws` server on 127.0.0.1 that writes raw frames. The connection's timers run on a
 * FakeClock; socket I/O is real, so tests wait for it with `until`/`next` (bounded by real-time limits), never
 * for elapsed time.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import {
  CallTimeoutError,
  ConnectionLostError,
  NotConnectedError,
  OcppCallError,
  OutboundValidationError,
  ResponseValidationError,
  RpcConfigError,
} from '../../../agent/ocpp/errors.js';
import { RpcConnection, type RpcConnectionOptions } from '../../../agent/ocpp/rpc-connection.js';
import { createOcpp16Validator } from '../../../profiles/ocpp16/validator.js';
import { captureLog, startPeer, until, type Inbox, type Peer } from './ws-peer.js';

const validator = createOcpp16Validator();
const NOW = '2026-01-01T00:00:00.000Z';

function harness(baseUrl: string, over: Partial<RpcConnectionOptions> = {}) {
  const clock = new FakeClock();
  const cap = captureLog();
  const conn = new RpcConnection({
    baseUrl,
    identity: 'CP001',
    subprotocol: 'ocpp1.6',
    dialect: 'ocpp1.6',
    validator,
    clock,
    log: cap.log,
    callTimeoutMs: 30_000,
    pingIntervalS: 0,
    backoff: { initialMs: 1000, maxMs: 8000, jitter: 0 },
    random: () => 0,
    ...over,
  });
  const rec = {
    opens: 0,
    closes: [] as [number, string][],
    failed: [] as [string, number][],
    bad: [] as [string, string][],
    callErrors: [] as [string, Error][],
  };
  conn.events.on('open', () => rec.opens++);
  conn.events.on('close', (code, reason) => rec.closes.push([code, reason]));
  conn.events.on('connectFailed', (reason, ms) => rec.failed.push([reason, ms]));
  conn.events.on('badFrame', (raw, reason) => rec.bad.push([raw, reason]));
  conn.events.on('callError', (action, err) => rec.callErrors.push([action, err]));
  return { conn, clock, cap, rec };
}
type Harness = ReturnType<typeof harness>;

/** Start, wait for the connection and the server side of it. */
async function connected(peer: Peer, over: Partial<RpcConnectionOptions> = {}): Promise<Harness & { sock: Inbox }> {
  const h = harness(peer.url, over);
  h.conn.start();
  const sock = await peer.nextSocket();
  await until(() => h.rec.opens === 1, 'open');
  return { ...h, sock };
}

/** Run `body` with a fresh peer; always stop the connection and the peer. */
async function withPeer(fn: (peer: Peer, cleanup: (h: { conn: RpcConnection }) => void) => Promise<void>, opts: Parameters<typeof startPeer>[0] = {}) {
  const peer = await startPeer(opts);
  const conns: RpcConnection[] = [];
  try {
    await fn(peer, (h) => conns.push(h.conn));
  } finally {
    for (const c of conns) await c.stop();
    await peer.close();
  }
}

const settled = <T>(p: Promise<T>) => {
  const s = { done: false, value: undefined as unknown };
  p.then(
    (v) => Object.assign(s, { done: true, value: v }),
    (e) => Object.assign(s, { done: true, value: e }),
  );
  return s;
};
const tick = () => new Promise((r) => setImmediate(r));
// A broken connection shows up as a failed test, not a hung run.
const T = { timeout: 10_000 };

describe('RpcConnection: handshake', () => {
  test('identity in the URL, subprotocol, raw-byte basic auth; HTTP 401 retried; no secret in any log line', T, async () => {
    let attempts = 0;
    await withPeer(
      async (peer, cleanup) => {
        const key = Buffer.from('0001020304050607FFFFFFFFFFFFFFFFFFFFFFFF', 'hex');
        const h = harness(`${peer.url}/`, { identity: 'RDAM 123', basicAuth: { username: 'AL1000', password: key } });
        cleanup(h);
        h.conn.start();
        assert.equal(h.conn.state, 'connecting');
        await until(() => h.rec.failed.length === 1, 'first attempt to fail');
        assert.match(h.rec.failed[0]![0], /HTTP 401/);
        assert.equal(h.rec.failed[0]![1], 1000);
        h.clock.advance(1000);
        const sock = await peer.nextSocket();
        await until(() => h.rec.opens === 1, 'open');
        assert.equal(h.conn.state, 'open');
        const req = peer.requests[1]!;
        assert.equal(req.url, '/ocpp/RDAM%20123');
        assert.equal(req.headers['sec-websocket-protocol'], 'ocpp1.6');
        assert.equal(req.headers.authorization, 'Basic QUwxMDAwOgABAgMEBQYH////////////////');
        assert.equal(sock.socket.protocol, 'ocpp1.6');
        await h.conn.stop();
        const text = h.cap.text();
        assert.ok(h.cap.lines.length > 3, 'something was logged');
        for (const secret of ['QUwxMDAwOgABAgMEBQYH', '0001020304050607', key.toString('base64'), key.toString('latin1')]) {
          assert.ok(!text.includes(secret), `log contains ${secret}`);
        }
      },
      { verifyClient: (_info: unknown, cb: (ok: boolean, code?: number) => void) => cb(++attempts > 1, 401) },
    );
  });

  test('a string password never reaches the log either', T, async () => {
    await withPeer(async (peer, cleanup) => {
      const h = harness(peer.url, { basicAuth: { username: 'CP001', password: 'hunter2-secret' } });
      cleanup(h);
      h.conn.start();
      await peer.nextSocket();
      await until(() => h.rec.opens === 1, 'open');
      assert.equal(peer.requests[0]!.headers.authorization, `Basic ${Buffer.from('CP001:hunter2-secret').toString('base64')}`);
      await h.conn.stop();
      assert.ok(!h.cap.text().includes('hunter2'));
      assert.ok(!h.cap.text().includes(Buffer.from('CP001:hunter2-secret').toString('base64')));
    });
  });

  test('a server that does not agree to the subprotocol: closed and retried with back-off', T, async () => {
    await withPeer(
      async (peer, cleanup) => {
        const h = harness(peer.url);
        cleanup(h);
        h.conn.start();
        await until(() => h.rec.failed.length === 1, 'failure');
        assert.equal(h.rec.opens, 0);
        assert.equal(h.conn.state, 'connecting');
        assert.equal(h.rec.failed[0]![1], 1000);
        h.clock.advance(1000);
        await until(() => h.rec.failed.length === 2, 'second failure');
        assert.equal(h.rec.failed[1]![1], 2000, 'back-off grows');
        assert.equal(h.conn.stats().connects, 0);
      },
      { handleProtocols: () => false },
    );
  });

  test('unusable URL is a configuration error thrown by start()', T, () => {
    const h = harness('http://127.0.0.1:1/ocpp');
    assert.throws(() => h.conn.start(), RpcConfigError);
    assert.equal(h.conn.state, 'idle');
    assert.equal(h.clock.pendingTimers(), 0);
  });

  test('a handshake that never completes times out on the injected clock and is retried', T, async () => {
    const held: net.Socket[] = [];
    const silent = net.createServer((s) => held.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    const h = harness(`ws://127.0.0.1:${port}/ocpp`, { connectTimeoutMs: 5000 });
    try {
      h.conn.start();
      await until(() => held.length === 1, 'TCP connection');
      h.clock.advance(4999);
      await tick();
      assert.equal(h.rec.failed.length, 0);
      h.clock.advance(1);
      await until(() => h.rec.failed.length === 1, 'handshake timeout');
      assert.match(h.rec.failed[0]![0], /timed out/);
      h.clock.advance(1000);
      await until(() => held.length === 2, 'second attempt');
      // stop() while the handshake is pending
      await h.conn.stop();
      assert.equal(h.clock.pendingTimers(), 0);
      assert.equal(h.conn.state, 'closed');
    } finally {
      for (const s of held) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});

describe('RpcConnection: outbound calls', () => {
  test('exactly one CALL in flight: the server sees the second only after answering the first', T, async () => {
    await withPeer(async (peer, cleanup) => {
      const h = await connected(peer);
      cleanup(h);
      h.conn.setInboundHandler(async (action) => (action === 'GetLocalListVersion' ? { listVersion: 3 } : {}));
      const p1 = h.conn.call('Heartbeat', {});
      const p2 = h.conn.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
      const f1 = await h.sock.next();
      assert.equal(f1[0], 2);
      assert.equal(f1[2], 'Heartbeat');
      // A round trip the other way: had the client sent the second CALL, it would arrive before this answer.
      assert.deepEqual(await h.sock.request('srv-1', 'GetLocalListVersion', {}), [3, 'srv-1', { listVersion: 3 }]);
      assert.equal(h.sock.all.length, 2);
      assert.equal(h.conn.stats().queued, 1);
      assert.equal(h.conn.stats().inFlight, true);
      h.sock.send([3, f1[1], { currentTime: NOW }]);
      assert.deepEqual(await p1, { currentTime: NOW });
      const f2 = await h.sock.next();
      assert.equal(f2[2], 'StatusNotification');
      assert.notEqual(f2[1], f1[1]);
      assert.equal(typeof f2[1], 'string');
      assert.ok((f2[1] as string).length <= 36);
      h.sock.send([3, f2[1], {}]);
      assert.deepEqual(await p2, {});
      const s = h.conn.stats();
      assert.equal(s.callsSent, 2);
      assert.equal(s.results, 2);
      assert.equal(s.inFlight, false);
    });
  });

  test('timeout (fake clock) rejects with CallTimeoutError, the next call goes out, a late answer does not settle it again', T, async () => {
    await withPeer(async (peer, cleanup) => {
      const h = await connected(peer);
      cleanup(h);
      const s1 = settled(h.conn.call('Heartbeat', {}));
      const p2 = h.conn.call('Heartbeat', {}, { timeoutMs: 5000 });
      const s2 = settled(p2);
      const f1 = await h.sock.next();
      h.clock.advance(29_999);
      await tick();
      assert.equal(s1.done, false);
      h.clock.advance(1);
      await tick();
      assert.ok(s1.value instanceof CallTimeoutError);
      assert.equal((s1.value as CallTimeoutError).messageId, f1[1]);
      assert.equal((s1.value as CallTimeoutError).action, 'Heartbeat');
      const f2 = await h.sock.next();
      assert.equal(f2[2], 'Heartbeat');
      h.sock.send([3, f1[1], { currentTime: NOW }]); // late
      h.clock.advance(4999);
      h.sock.send([3, f2[1], { currentTime: NOW }]);
      assert.deepEqual(await p2, { currentTime: NOW });
      assert.equal(s2.done, true);
      const st = h.conn.stats();
      assert.equal(st.timeouts, 1);
      assert.equal(st.unmatchedResponses, 1);
      assert.equal(h.conn.state, 'open');
      assert.match(h.cap.text(), /after the call timed out/);
      assert.equal(h.rec.callErrors.length, 1);
      assert.ok(h.rec.callErrors[0]![1] instanceof CallTimeoutError);
    });
  });

  test('a late CALLRESULT is validated and reported once as lateResult with its action and uniqueId; invalid ones, late CALLERRORs and strays are not', T, async () => {
    await withPeer(async (peer, cleanup) => {
      const h = await connected(peer);
      cleanup(h);
      const late: [string, string, unknown][] = [];
      h.conn.events.on('lateResult', (action, id, payload) => late.push([action, id, payload]));
      const ids: string[] = [];
      const start = { connectorId: 1, idTag: 'LATE', meterStart: 0, timestamp: NOW };
      const calls = [0, 1, 2].map(() => settled(h.conn.call('StartTransaction', start, { timeoutMs: 1000, onId: (id) => ids.push(id) })));
      const frames = [];
      for (let i = 0; i < 3; i++) {
        frames.push(await h.sock.next());
        h.clock.advance(1000);
        await tick();
      }
      assert.ok(calls.every((c) => c.value instanceof CallTimeoutError));
      assert.deepEqual(ids, frames.map((f) => f[1]), 'onId names the uniqueId on the wire');
      const conf = { transactionId: 7, idTagInfo: { status: 'Accepted' } };
      h.sock.send([3, ids[0], conf]);
      h.sock.send([3, ids[0], conf]); // the same answer twice: reported once
      h.sock.send([3, ids[1], { transactionId: 'seven' }]); // fails StartTransactionResponse
      h.sock.send([4, ids[2], 'InternalError', 'late failure', {}]);
      h.sock.send([3, 'never-sent', conf]);
      await until(() => h.conn.stats().unmatchedResponses === 5, 'five unmatched answers');
      assert.deepEqual(late, [['StartTransaction', ids[0], conf]]);
      assert.equal(h.conn.stats().invalidResponses, 1, 'the invalid late answer was checked against its schema');
      assert.match(h.cap.text(), /late CALLRESULT fails its schema/);
      assert.equal(h.conn.state, 'open');
    });
  });

  test('CALLERROR rejects with OcppCallError; either spelling normalised, unknown codes are GenericError', T, async () => {
    await withPeer(async (peer, cleanup) => {
      const h = await connected(peer);
      cleanup(h);
      const cases: [string, string][] = [
        ['FormationViolation', 'FormatViolation'],
        ['FormatViolation', 'FormatViolation'],
        ['OccurenceConstraintViolation', 'OccurrenceConstraintViolation'],
        ['OccurrenceConstraintViolation', 'OccurrenceConstraintViolation'],
        ['NotSupported', 'NotSupported'],
        ['SecurityError', 'SecurityError'],
        ['TotallyMadeUp', 'GenericError'],
      ];
      for (const [wire, code] of cases) {
        const p = h.conn.call('Heartbeat', {});
        const f = await h.sock.next();
        h.sock.send([4, f[1], wire, 'described', { hint: 1 }]);
        const err = await p.then(
          () => assert.fail('should reject'),
          (e: unknown) => e,
        );
        assert.ok(err instanceof OcppCallError, wire);
        assert.equal(err.code, code);
        assert.equal(err.rawCode, wire);
        assert.equal(err.description, 'described');
        assert.deepEqual(err.details, { hint: 1 });
      }
      assert.equal(h.conn.stats().callErrors, cases.length);
    });
  });

  test('a CALLRESULT that fails its schema, or is malformed, rejects with ResponseValidationError at once', T, async () => {
    await withPeer(async (peer, cleanup) => {
      const h = await connected(peer);
      cleanup(h);
      const p1 = h.conn.call('Heartbeat', {});
      const f1 = await h.sock.next();
      h.sock.send([3, f1[1], {}]);
      const e1 = await p1.catch((e: unknown) => e);
      assert.ok(e1 instanceof ResponseValidationError);
      assert.equal(e1.ocppCode, 'OccurrenceConstraintViolation');
      assert.deepEqual(e1.payload, {});

      const p2 = h.conn.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
      const f2 = await h.sock.next();
      h.sock.send(`[3,"${f2[1] as string}","oops"]`);
      const e2 = await p2.catch((e: unknown) => e);
      assert.ok(e2 instanceof ResponseValidationError);
      assert.equal(e2.ocppCode, 'FormatViolation');

      const p3 = h.conn.call('Heartbeat', {});
      const f3 = await h.sock.next();
      h.sock.send([3, f3[1], { currentTime: NOW }]);
      assert.deepEqual(await p3, { currentTime: NOW });
      assert.equal(h.conn.stats().invalidResponses, 2);
    });
  });

  test('an invalid request is refused locally and nothing is sent; not connected rejects at once', T, async () => {
    await withPeer(async (peer, cleanup) => {
      const h = harness(peer.url);
      cleanup(h);
      await assert.rejects(h.conn.call('Heartbeat', {}), NotConnectedError);
      await assert.rejects(h.conn.call('Heartbeat', { x: 1 }), OutboundValidationError);
      h.conn.start();
      const sock = await peer.nextSocket();
      await until(() => h.rec.opens === 1, 'open');
      const bad = await h.conn.call('StatusNotification', { connectorId: '1', errorCode: 'NoError', status: 'Available' }).catch((e: unknown) => e);
      assert.ok(bad instanceof OutboundValidationError);
      assert.equal(bad.ocppCode, 'TypeConstraintViolation');
      const unknown = await h.conn.call('FlyToTheMoon', {}).catch((e: unknown) => e);
      assert.ok(unknown instanceof OutboundValidationError);
      assert.equal(unknown.ocppCode, 'NotImplemented');
      const p = h.conn.call('Heartbeat', {});
      const f = await sock.next();
      assert.equal(f[2], 'Heartbeat');
      assert.equal(sock.all.length, 1, 'the invalid requests never reached the wire');
      sock.send([3, f[1], { currentTime: NOW }]);
      await p;
      assert.equal(h.conn.stats().callsSent, 1);
      assert.equal(h.rec.callErrors.length, 0, 'callError is only for calls that were accepted');
    });
  });
});

describe('RpcConnection: inbound CALLs', () => {
  const handler = async (action: string): Promise<unknown> => {
    switch (action) {
      case 'Reset':
        return { status: 'Accepted' };
      case 'UnlockConnector':
        throw new OcppCallError('NotSupported', 'no lock', { reason: 'fixed cable' });
      case 'ClearCache':
        throw new Error('sqlite at /var/lib/secret failed');
      case 'GetLocalListVersion':
        return { listVersion: 'three' };
      default:
        return { status: 'Accepted' };
    }
  };

  test('pipeline answers with 1.6 spellings, handler errors never drop the connection', T, async () => {
    await withPeer(async (peer, cleanup) => {
      const h = await connected(peer);
      cleanup(h);
      h.conn.setInboundHandler(handler);
      const { sock } = h;
      const expectError = async (id: string, action: string, payload: unknown, code: string) => {
        const r = await sock.request(id, action, payload);
        assert.equal(r.length, 5, JSON.stringify(r));
        assert.deepEqual([r[0], r[1], r[2]], [4, id, code], `${action} ${JSON.stringify(payload)}`);
        assert.equal(typeof r[3], 'string');
        assert.ok((r[3] as string).length <= 255);
        return r;
      };
      await expectError('a', 'FlyToTheMoon', {}, 'NotImplemented');
      await expectError('b', 'ChangeAvailability', { connectorId: 'x', type: 'Operative' }, 'TypeConstraintViolation');
      await expectError('c', 'ChangeAvailability', { type: 'Operative' }, 'OccurenceConstraintViolation');
      await expectError('d', 'ChangeAvailability', { connectorId: 1, type: 'Operative', extra: 1 }, 'FormationViolation');
      await expectError('e', 'ChangeAvailability', { connectorId: 1, type: 'Sideways' }, 'PropertyConstraintViolation');
      assert.deepEqual(await sock.request('f', 'Reset', { type: 'Hard' }), [3, 'f', { status: 'Accepted' }]);
      const g = await expectError('g', 'UnlockConnector', { connectorId: 1 }, 'NotSupported');
      assert.deepEqual([g[3], g[4]], ['no lock', { reason: 'fixed cable' }]);
      const i = await expectError('i', 'ClearCache', {}, 'InternalError');
      assert.ok(!(i[3] as string).includes('secret'));
      await expectError('j', 'GetLocalListVersion', {}, 'InternalError');
      assert.match(h.cap.text(), /own response fails its schema/);
      assert.equal(h.conn.state, 'open');
      assert.equal(h.rec.closes.length, 0);
      assert.equal(h.conn.stats().inboundCalls, 9);
      assert.equal(h.conn.stats().inboundErrors, 8);
    });
  });

  test('2.0.1 dialect: corrected spellings, MessageTypeNotSupported for unknown message types', T, async () => {
    await withPeer(async (peer, cleanup) => {
      const h = await connected(peer, { dialect: 'ocpp2.0.1' });
      cleanup(h);
      h.conn.setInboundHandler(handler);
      const r1 = await h.sock.request('c', 'ChangeAvailability', { type: 'Operative' });
      assert.equal(r1[2], 'OccurrenceConstraintViolation');
      const r2 = await h.sock.request('d', 'ChangeAvailability', { connectorId: 1, type: 'Operative', extra: 1 });
      assert.equal(r2[2], 'FormatViolation');
      h.sock.send('[9,"x",{}]');
      assert.deepEqual((await h.sock.next()).slice(0, 3), [4, 'x', 'MessageTypeNotSupported']);
      h.sock.send('[2,"y","Reset"]');
      assert.deepEqual((await h.sock.next()).slice(0, 3), [4, 'y', 'RpcFrameworkError']);
    });
  });

  test('gate: error answers with its code, ignore answers nothing at all', T, async () => {
    await withPeer(async (peer, cleanup) => {
      const h = await connected(peer);
      cleanup(h);
      let handled = 0;
      h.conn.setInboundHandler(async () => (handled++, { status: 'Accepted' }));
      h.conn.setInboundGate((action) =>
        action === 'ClearCache'
          ? { kind: 'ignore' }
          : action === 'Reset'
            ? { kind: 'error', code: 'SecurityError', description: 'not accepted yet' }
            : { kind: 'allow' },
      );
      h.sock.send([2, 'g1', 'ClearCache', {}]);
      assert.deepEqual(await h.sock.request('g2', 'Reset', { type: 'Soft' }), [4, 'g2', 'SecurityError', 'not accepted yet', {}]);
      assert.deepEqual(await h.sock.request('g3', 'ChangeAvailability', { connectorId: 0, type: 'Inoperative' }), [3, 'g3', { status: 'Accepted' }]);
      assert.ok(!h.sock.all.some((m) => m.includes('"g1"')), 'the ignored CALL got no answer');
      assert.equal(handled, 1);
    });
  });

  test('a duplicate id while the first is in progress is refused; an answer for a dropped connection is not sent', T, async () => {
    await withPeer(async (peer, cleanup) => {
      const h = await connected(peer);
      cleanup(h);
      const release: (() => void)[] = [];
      h.conn.setInboundHandler(
        (action) => new Promise((resolve) => release.push(() => resolve(action === 'Reset' ? { status: 'Accepted' } : {}))),
      );
      h.sock.send([2, 'dup', 'Reset', { type: 'Soft' }]);
      assert.deepEqual((await h.sock.request('dup', 'Reset', { type: 'Soft' })).slice(0, 3), [4, 'dup', 'FormationViolation']);
      release.shift()!();
      assert.deepEqual(await h.sock.next(), [3, 'dup', { status: 'Accepted' }]);

      // Now a CALL whose answer is still being computed when the connection drops.
      h.sock.send([2, 'late', 'Reset', { type: 'Hard' }]);
      await until(() => release.length === 1, 'handler called');
      h.sock.socket.terminate();
      await until(() => h.rec.closes.length === 1, 'close');
      h.clock.advance(1000);
      const sock2 = await peer.nextSocket();
      await until(() => h.rec.opens === 2, 'reopen');
      release.shift()!();
      await tick();
      // Round trip on the new connection: an answer to "late" would have arrived first.
      h.conn.setInboundHandler(async () => ({ listVersion: 1 }));
      assert.deepEqual(await sock2.request('probe', 'GetLocalListVersion', {}), [3, 'probe', { listVersion: 1 }]);
      assert.equal(sock2.all.length, 1);
      assert.match(h.cap.text(), /answer dropped/);
    });
  });
});

describe('RpcConnection: bad frames', () => {
  test('garbage is logged and ignored, malformed CALLs with a readable id are answered, the connection stays', T, async () => {
    await withPeer(async (peer, cleanup) => {
      const h = await connected(peer);
      cleanup(h);
      const { sock } = h;
      const garbage = ['not json', '{"a":1}', '[]', '[9,"x",{}]', '["2","x","Heartbeat",{}]', '[2,7,"Heartbeat",{}]'];
      for (const g of garbage) sock.send(g);
      sock.send(Buffer.from('[2,"bin","Heartbeat",{}]'));
      sock.send('[3,"nobody",{}]');
      sock.send('[4,"nobody","GenericError","",{}]');
      const longId = 'L'.repeat(37);
      assert.deepEqual((await sock.request(longId, 'Heartbeat', {})).slice(0, 3), [4, longId, 'FormationViolation']);
      sock.send('[2,"m1","Reset"]');
      assert.deepEqual((await sock.next()).slice(0, 3), [4, 'm1', 'FormationViolation']);
      sock.send('[2,"m2","Reset","hard"]');
      assert.deepEqual((await sock.next()).slice(0, 3), [4, 'm2', 'FormationViolation']);
      assert.equal(sock.all.length, 3, 'no answers to garbage, unknown types or stray responses');

      const p = h.conn.call('Heartbeat', {});
      const f = await sock.next();
      sock.send([3, f[1], { currentTime: NOW }]);
      assert.deepEqual(await p, { currentTime: NOW });

      assert.equal(h.conn.state, 'open');
      assert.equal(h.rec.closes.length, 0);
      const st = h.conn.stats();
      assert.equal(st.badFrames, garbage.length + 1 + 3);
      assert.equal(st.unmatchedResponses, 2);
      assert.equal(h.rec.bad.length, st.badFrames);
      assert.ok(h.rec.bad.some(([raw]) => raw === 'not json'));
      const warns = h.cap.lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40);
      assert.ok(warns.filter((l) => l.msg === 'bad frame ignored').length >= garbage.length);
      assert.ok(warns.some((l) => /unknown message id/.test(l.msg)));
    });
  });
});

describe('RpcConnection: reconnect, ping, stop', () => {
  test('back-off grows while the CSMS answers 404, resets after success; a drop fails pending calls', T, async () => {
    let refuse = 3;
    await withPeer(
      async (peer, cleanup) => {
        const h = harness(peer.url);
        cleanup(h);
        h.conn.start();
        const expectAttemptAfter = async (ms: number, n: number) => {
          h.clock.advance(ms - 1);
          assert.equal(h.conn.stats().connectAttempts, n - 1, `attempt ${n} not before ${ms} ms`);
          h.clock.advance(1);
          assert.equal(h.conn.stats().connectAttempts, n, `attempt ${n} after ${ms} ms`);
        };
        await until(() => h.rec.failed.length === 1, 'failure 1');
        await expectAttemptAfter(1000, 2);
        await until(() => h.rec.failed.length === 2, 'failure 2');
        await expectAttemptAfter(2000, 3);
        await until(() => h.rec.failed.length === 3, 'failure 3');
        assert.deepEqual(h.rec.failed.map(([r, ms]) => [r, ms]), [
          ['HTTP 404', 1000],
          ['HTTP 404', 2000],
          ['HTTP 404', 4000],
        ]);
        await expectAttemptAfter(4000, 4);
        const sock = await peer.nextSocket();
        await until(() => h.rec.opens === 1, 'open');

        const inFlight = h.conn.call('Heartbeat', {});
        const waiting = h.conn.call('Heartbeat', {});
        await sock.next();
        sock.socket.terminate();
        const e1 = await inFlight.catch((e: unknown) => e);
        const e2 = await waiting.catch((e: unknown) => e);
        assert.ok(e1 instanceof ConnectionLostError && e1.sent);
        assert.ok(e2 instanceof ConnectionLostError && !e2.sent);
        await until(() => h.rec.closes.length === 1, 'close event');
        assert.equal(h.conn.state, 'connecting');
        await assert.rejects(h.conn.call('Heartbeat', {}), NotConnectedError);

        await expectAttemptAfter(1000, 5); // reset to initialMs after the successful connection
        await peer.nextSocket();
        await until(() => h.rec.opens === 2, 'reopen');
        const st = h.conn.stats();
        assert.equal(st.connects, 2);
        assert.equal(st.reconnects, 1);
        assert.equal(h.rec.failed.length, 3, 'a drop of an open connection is a close, not a failed attempt');
      },
      { verifyClient: (_i: unknown, cb: (ok: boolean, code?: number) => void) => cb(refuse-- <= 0, 404) },
    );
  });

  test('dead peer: no pong within the timeout terminates and reconnects', T, async () => {
    await withPeer(
      async (peer, cleanup) => {
        const h = await connected(peer, { pingIntervalS: 10 });
        cleanup(h);
        h.clock.advance(10_000);
        await until(() => h.sock.pings === 1, 'ping');
        h.clock.advance(9_999);
        await tick();
        assert.equal(h.conn.state, 'open');
        h.clock.advance(1);
        await until(() => h.rec.closes.length === 1, 'dead-peer close');
        await h.sock.whenClosed();
        assert.match(h.cap.text(), /dead-peer/);
        h.clock.advance(1000);
        await peer.nextSocket();
        await until(() => h.rec.opens === 2, 'reconnect');
      },
      { autoPong: false },
    );
  });

  test('pongs keep the connection alive; setPingInterval changes the interval at run time', T, async () => {
    await withPeer(async (peer, cleanup) => {
      const h = await connected(peer, { pingIntervalS: 10 });
      cleanup(h);
      for (let i = 1; i <= 5; i++) {
        h.clock.advance(10_000);
        await until(() => h.conn.stats().pongs === i, `pong ${i}`);
      }
      assert.equal(h.conn.state, 'open');
      assert.equal(h.sock.pings, 5);

      h.conn.setPingInterval(0);
      h.clock.advance(600_000);
      h.conn.setInboundHandler(async () => ({ listVersion: 1 }));
      await h.sock.request('rt', 'GetLocalListVersion', {});
      assert.equal(h.sock.pings, 5, 'interval 0: no pings');
      assert.equal(h.conn.state, 'open', 'and no dead-peer detection');

      h.conn.setPingInterval(3);
      h.clock.advance(3000);
      await until(() => h.sock.pings === 6, 'ping at the new interval');
      assert.throws(() => h.conn.setPingInterval(-1), RangeError);
    });
  });

  test('stop() rejects pending calls, closes the socket and leaves no timers', T, async () => {
    const handles = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'Timeout').length;
    await withPeer(async (peer, cleanup) => {
      const before = handles();
      const h = await connected(peer, { pingIntervalS: 10 });
      cleanup(h);
      const inFlight = h.conn.call('Heartbeat', {});
      const waiting = h.conn.call('Heartbeat', {});
      await h.sock.next();
      assert.ok(h.clock.pendingTimers() > 0);
      const stopped = h.conn.stop();
      assert.equal(h.conn.state, 'closed');
      const e1 = await inFlight.catch((e: unknown) => e);
      const e2 = await waiting.catch((e: unknown) => e);
      assert.ok(e1 instanceof ConnectionLostError && e1.sent);
      assert.ok(e2 instanceof ConnectionLostError && !e2.sent);
      await stopped;
      await h.sock.whenClosed();
      assert.equal(h.clock.pendingTimers(), 0);
      await until(() => handles() === before, 'sockets and real timers released');
      assert.deepEqual(h.rec.closes, [[1000, 'stopped']]);
      await assert.rejects(h.conn.call('Heartbeat', {}), NotConnectedError);
      h.clock.advance(3_600_000);
      assert.equal(h.conn.stats().connectAttempts, 1, 'no reconnect after stop');
      await h.conn.stop(); // idempotent
    });
  });

  test('stop() while waiting to retry, and start() again after stop()', T, async () => {
    let refuse = true;
    await withPeer(
      async (peer, cleanup) => {
        const h = harness(peer.url);
        cleanup(h);
        h.conn.start();
        await until(() => h.rec.failed.length === 1, 'failure');
        assert.equal(h.clock.pendingTimers(), 1, 'the retry timer');
        await h.conn.stop();
        assert.equal(h.clock.pendingTimers(), 0);
        assert.equal(h.conn.state, 'closed');
        refuse = false;
        h.conn.start();
        await peer.nextSocket();
        await until(() => h.rec.opens === 1, 'open after restart');
        await h.conn.stop();
        assert.equal(h.clock.pendingTimers(), 0);
      },
      { verifyClient: (_i: unknown, cb: (ok: boolean, code?: number) => void) => cb(!refuse, 404) },
    );
  });

  test('a listener that throws does not break the connection', T, async () => {
    await withPeer(async (peer, cleanup) => {
      const h = harness(peer.url);
      cleanup(h);
      h.conn.events.on('open', () => {
        throw new Error('listener bug');
      });
      h.conn.start();
      const sock = await peer.nextSocket();
      await until(() => h.rec.opens === 1, 'open');
      const p = h.conn.call('Heartbeat', {});
      const f = await sock.next();
      sock.send([3, f[1], { currentTime: NOW }]);
      assert.deepEqual(await p, { currentTime: NOW });
      assert.match(h.cap.text(), /event listener threw/);
    });
  });
});
