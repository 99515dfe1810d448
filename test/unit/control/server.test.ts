import assert from 'node:assert/strict';
import { lstat, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { ControlError, MAX_LINE_BYTES } from '../../../agent/control/protocol.js';
import { ControlServer, type ControlHandlers } from '../../../agent/control/server.js';
import { ControlServerError } from '../../../agent/control/server-error.js';
import { RawClient, makeStaleSocket, pipeHandles, settle, silentLog, startServer, tempDir } from './helpers.js';

const exists = (p: string) => lstat(p).then(() => true, () => false);

describe('ControlServer over a real Unix socket', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let sock: string;
  let server: ControlServer | null;
  const clients: RawClient[] = [];

  const handlers: ControlHandlers = {
    echo: (p) => ({ got: p }),
    slowEcho: async (p) => {
      await settle(3);
      return p;
    },
    nothing: () => undefined,
    badParams: () => {
      throw new ControlError('BAD_PARAMS', 'evse must be a positive integer');
    },
    notFound: () => {
      throw new ControlError('NOT_FOUND', 'no EVSE 9');
    },
    notAvailable: async () => {
      throw new ControlError('NOT_AVAILABLE', 'sim commands need the sim HAL');
    },
    refused: () => {
      throw new ControlError('REFUSED', 'relay test refused during a transaction');
    },
    crash: () => {
      throw new TypeError('cannot read properties of undefined');
    },
    crashAsync: () => Promise.reject(new Error('disk full')),
    throwsString: () => {
      throw 'weird';
    },
    bigint: () => ({ n: 1n }),
  };

  const connect = async () => {
    const c = await RawClient.connect(sock);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    sock = path.join(dir, 'run', 'control.sock');
    server = null;
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await server?.stop();
    await cleanup();
  });

  test('answers a request with its result and id; creates the missing parent dir; chmods the socket 0660', async () => {
    server = await startServer(sock, handlers);
    assert.equal((await stat(sock)).mode & 0o777, 0o660);
    const c = await connect();
    c.send('{"id":42,"method":"echo","params":{"evse":1}}\n');
    assert.deepEqual(await c.nextJson(), { id: 42, result: { got: { evse: 1 } } });
  });

  test('a handler returning nothing answers result null', async () => {
    server = await startServer(sock, handlers);
    const c = await connect();
    c.send('{"id":1,"method":"nothing"}\n');
    assert.deepEqual(await c.nextJson(), { id: 1, result: null });
  });

  test('honours a custom socketMode', async () => {
    server = await startServer(sock, handlers, { socketMode: 0o600 });
    assert.equal((await stat(sock)).mode & 0o777, 0o600);
  });

  const errorCases: [string, string, string][] = [
    ['nope', 'UNKNOWN_METHOD', 'unknown method: nope'],
    ['badParams', 'BAD_PARAMS', 'evse must be a positive integer'],
    ['notFound', 'NOT_FOUND', 'no EVSE 9'],
    ['notAvailable', 'NOT_AVAILABLE', 'sim commands need the sim HAL'],
    ['refused', 'REFUSED', 'relay test refused during a transaction'],
    ['crash', 'INTERNAL', 'cannot read properties of undefined'],
    ['crashAsync', 'INTERNAL', 'disk full'],
    ['throwsString', 'INTERNAL', 'weird'],
  ];
  for (const [method, code, message] of errorCases) {
    test(`${method} answers ${code} with the handler's message`, async () => {
      server = await startServer(sock, handlers);
      const c = await connect();
      c.send(`{"id":7,"method":"${method}","params":{}}\n`);
      assert.deepEqual(await c.nextJson(), { id: 7, error: { code, message } });
    });
  }

  test('an unserialisable result answers INTERNAL instead of crashing', async () => {
    server = await startServer(sock, handlers);
    const c = await connect();
    c.send('{"id":8,"method":"bigint"}\n');
    const r = await c.nextJson();
    assert.equal(r.id, 8);
    assert.equal((r.error as { code: string }).code, 'INTERNAL');
  });

  test('Object.prototype names are unknown methods, not callable', async () => {
    server = await startServer(sock, handlers);
    const c = await connect();
    for (const [i, m] of ['toString', 'constructor', '__proto__', 'hasOwnProperty'].entries()) {
      c.send(`${JSON.stringify({ id: i, method: m })}\n`);
      assert.deepEqual(await c.nextJson(), { id: i, error: { code: 'UNKNOWN_METHOD', message: `unknown method: ${m}` } });
    }
  });

  test('params that are not an object answer BAD_PARAMS without calling the handler', async () => {
    let called = false;
    server = await startServer(sock, { echo: () => (called = true) });
    const c = await connect();
    c.send('{"id":3,"method":"echo","params":[1]}\n');
    assert.deepEqual(await c.nextJson(), { id: 3, error: { code: 'BAD_PARAMS', message: 'request "params" must be a JSON object' } });
    assert.equal(called, false);
  });

  test('a malformed line gets an error reply and the same connection then serves a good line', async () => {
    server = await startServer(sock, handlers);
    const c = await connect();
    c.send('this is not json\n');
    const bad = await c.nextJson();
    assert.equal(bad.id, null);
    assert.equal((bad.error as { code: string }).code, 'BAD_REQUEST');
    c.send('{"method":"echo"}\n');
    assert.equal(((await c.nextJson()).error as { code: string }).code, 'BAD_REQUEST');
    c.send('{"id":2,"method":"echo","params":{"x":1}}\n');
    assert.deepEqual(await c.nextJson(), { id: 2, result: { got: { x: 1 } } });
  });

  test('an oversized line (default 1 MiB limit) gets TOO_LARGE once and the connection stays usable', async () => {
    server = await startServer(sock, handlers);
    const c = await connect();
    const huge = `{"id":1,"method":"echo","params":{"pad":"${'x'.repeat(MAX_LINE_BYTES)}"}}\n`;
    c.send(huge);
    const r = await c.nextJson();
    assert.equal(r.id, null);
    assert.equal((r.error as { code: string }).code, 'TOO_LARGE');
    c.send('{"id":2,"method":"echo"}\n');
    assert.deepEqual(await c.nextJson(), { id: 2, result: { got: {} } });
  });

  test('a line just under the limit is served', async () => {
    server = await startServer(sock, handlers, { maxLineBytes: 200 });
    const c = await connect();
    const head = '{"id":1,"method":"echo","params":{"pad":"';
    const tail = '"}}';
    const line = head + 'y'.repeat(200 - head.length - tail.length) + tail;
    assert.equal(Buffer.byteLength(line), 200);
    c.send(`${line}\n`);
    assert.equal((await c.nextJson()).id, 1);
    c.send(`${head}${'y'.repeat(200)}${tail}\n`);
    assert.equal(((await c.nextJson()).error as { code: string }).code, 'TOO_LARGE');
  });

  test('pipelined requests on one connection are answered in order', async () => {
    server = await startServer(sock, handlers);
    const c = await connect();
    let batch = '';
    for (let i = 0; i < 40; i++) batch += `${JSON.stringify({ id: i, method: i % 2 ? 'slowEcho' : 'echo', params: { i } })}\n`;
    c.send(batch);
    for (let i = 0; i < 40; i++) assert.equal((await c.nextJson()).id, i);
  });

  test('a client that half-closes after sending still gets every reply, then the server closes', async () => {
    server = await startServer(sock, handlers);
    const c = await connect();
    // The last line has no newline: `printf ... | socat` sends exactly that.
    c.socket.end('{"id":1,"method":"slowEcho","params":{"a":1}}\n{"id":2,"method":"echo"}');
    assert.deepEqual(await c.nextJson(), { id: 1, result: { a: 1 } });
    assert.deepEqual(await c.nextJson(), { id: 2, result: { got: {} } });
    await c.closed();
    assert.equal(await c.next(), null);
  });

  test('handlers added to the table after start() are served', async () => {
    const table: ControlHandlers = {};
    server = await startServer(sock, table);
    table['queue.list'] = () => [];
    const c = await connect();
    c.send('{"id":1,"method":"queue.list"}\n');
    assert.deepEqual(await c.nextJson(), { id: 1, result: [] });
  });

  test('serves several connections at once', async () => {
    server = await startServer(sock, handlers);
    const [a, b] = await Promise.all([connect(), connect()]);
    b.send('{"id":2,"method":"echo"}\n');
    a.send('{"id":1,"method":"echo"}\n');
    assert.equal((await a.nextJson()).id, 1);
    assert.equal((await b.nextJson()).id, 2);
    assert.equal(server.connectionCount(), 2);
  });

  test('removes a stale socket file (nobody listening) and starts', async () => {
    await mkdir(path.dirname(sock), { recursive: true });
    await makeStaleSocket(sock);
    assert.ok((await lstat(sock)).isSocket());
    await assert.rejects(RawClient.connect(sock), { code: 'ECONNREFUSED' });
    server = await startServer(sock, handlers);
    const c = await connect();
    c.send('{"id":1,"method":"echo"}\n');
    assert.equal((await c.nextJson()).id, 1);
  });

  test('refuses to start while another process listens on the socket, and leaves that listener alone', async () => {
    await mkdir(path.dirname(sock), { recursive: true });
    // The startup probe connects and hangs up at once, so this peer must tolerate resets.
    const other = net.createServer((s) => {
      s.on('error', () => {});
      s.end('other\n');
    });
    await new Promise<void>((r) => other.listen(sock, r));
    try {
      const s = new ControlServer({ socketPath: sock, handlers, log: silentLog });
      await assert.rejects(s.start(), (err: unknown) => err instanceof ControlServerError && err.code === 'SOCKET_IN_USE' && err.message.includes(sock));
      const c = await connect();
      assert.equal(await c.next(), 'other');
      await s.stop(); // not running: a no-op
      assert.ok(await exists(sock));
    } finally {
      await new Promise((r) => other.close(r));
    }
  });

  test('refuses to delete something that is not a socket', async () => {
    await mkdir(path.dirname(sock), { recursive: true });
    await writeFile(sock, 'precious');
    const s = new ControlServer({ socketPath: sock, handlers, log: silentLog });
    await assert.rejects(s.start(), { name: 'ControlServerError', code: 'SOCKET_PATH_INVALID' });
    assert.equal(await readFile(sock, 'utf8'), 'precious');
  });

  test('rejects a socket path longer than a Unix socket allows', async () => {
    const s = new ControlServer({ socketPath: path.join(dir, 'x'.repeat(120), 'c.sock'), handlers, log: silentLog });
    await assert.rejects(s.start(), { code: 'SOCKET_PATH_INVALID' });
  });

  test('start() twice is an error', async () => {
    server = await startServer(sock, handlers);
    await assert.rejects(server.start(), { code: 'ALREADY_STARTED' });
  });

  test('stop() closes client connections, removes the socket file and leaves no pipe handles', async () => {
    await settle();
    const before = pipeHandles();
    const s = await startServer(sock, handlers);
    const a = await RawClient.connect(sock);
    const b = await RawClient.connect(sock);
    a.send('{"id":1,"method":"echo"}\n');
    assert.equal((await a.nextJson()).id, 1);
    assert.ok(pipeHandles() > before);
    await s.stop();
    await Promise.all([a.closed(), b.closed()]);
    await settle();
    assert.equal(await exists(sock), false);
    assert.equal(s.connectionCount(), 0);
    assert.equal(pipeHandles(), before);
    await s.stop(); // idempotent
  });

  test('stop() while a handler is still running does not hang, and the server can start again', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server = await startServer(sock, { hang: () => gate.then(() => 'late'), echo: () => 'ok' });
    const c = await connect();
    c.send('{"id":1,"method":"hang"}\n');
    await settle();
    await server.stop();
    await c.closed();
    release();
    await settle();
    await server.start();
    const d = await connect();
    d.send('{"id":2,"method":"echo"}\n');
    assert.deepEqual(await d.nextJson(), { id: 2, result: 'ok' });
  });
});
