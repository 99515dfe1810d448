import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { controlCall } from '../../../agent/control/client.js';
import { ControlError } from '../../../agent/control/protocol.js';
import type { ControlServer } from '../../../agent/control/server.js';
import { makeStaleSocket, settle, startServer, tempDir, until } from './helpers.js';

const isCode = (code: string, includes?: string) => (err: unknown) => {
  assert.ok(err instanceof ControlError, `expected ControlError, got ${String(err)}`);
  assert.equal(err.code, code);
  if (includes) assert.ok(err.message.includes(includes), `"${err.message}" should include "${includes}"`);
  return true;
};

/** A peer that speaks whatever the test wants instead of the protocol. */
async function rogueServer(socketPath: string, onLine: (s: net.Socket) => void): Promise<net.Server> {
  await mkdir(path.dirname(socketPath), { recursive: true });
  const srv = net.createServer((s) => {
    s.on('error', () => {});
    s.once('data', () => onLine(s));
  });
  await new Promise<void>((r) => srv.listen(socketPath, r));
  return srv;
}

describe('controlCall', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let sock: string;
  let server: ControlServer | null;
  let rogue: net.Server | null;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    sock = path.join(dir, 'control.sock');
    server = null;
    rogue = null;
  });

  afterEach(async () => {
    await server?.stop();
    if (rogue) await new Promise((r) => rogue!.close(r));
    await cleanup();
  });

  test('returns the result and sends the params as given', async () => {
    const seen: unknown[] = [];
    server = await startServer(sock, { 'sim.plug': (p) => (seen.push(p), { ok: true }) });
    const clock = new FakeClock();
    assert.deepEqual(await controlCall(sock, 'sim.plug', { evse: 2 }, { timeoutMs: 1000, clock }), { ok: true });
    assert.deepEqual(seen, [{ evse: 2 }]);
    assert.equal(clock.pendingTimers(), 0, 'the timeout timer is cleared after the reply');
  });

  test('throws ControlError with the agent\'s code and message, including codes this build does not know', async () => {
    server = await startServer(sock, {
      refused: () => {
        throw new ControlError('REFUSED', 'transaction running on EVSE 1');
      },
      future: () => {
        throw new ControlError('SOME_FUTURE_CODE', 'newer agent');
      },
    });
    await assert.rejects(controlCall(sock, 'refused', {}, { timeoutMs: 1000 }), isCode('REFUSED', 'transaction running on EVSE 1'));
    await assert.rejects(controlCall(sock, 'future', {}, { timeoutMs: 1000 }), isCode('SOME_FUTURE_CODE'));
    await assert.rejects(controlCall(sock, 'absent', {}, { timeoutMs: 1000 }), isCode('UNKNOWN_METHOD'));
  });

  test('NO_AGENT with the socket path when the socket file is missing', async () => {
    await assert.rejects(controlCall(sock, 'status', {}, { timeoutMs: 1000 }), isCode('NO_AGENT', `is chargerd running? (socket ${sock}`));
  });

  test('NO_AGENT when the socket file is stale (connection refused)', async () => {
    await makeStaleSocket(sock);
    await assert.rejects(controlCall(sock, 'status', {}, { timeoutMs: 1000 }), isCode('NO_AGENT', 'ECONNREFUSED'));
  });

  test('NO_AGENT when a parent of the socket path is not a directory', async () => {
    await writeFile(path.join(dir, 'file'), '');
    await assert.rejects(controlCall(path.join(dir, 'file', 'control.sock'), 'status', {}, { timeoutMs: 1000 }), isCode('NO_AGENT'));
  });

  test('TIMEOUT when the agent does not answer in time (fake clock, no waiting)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server = await startServer(sock, { hang: () => gate });
    const clock = new FakeClock();
    const p = controlCall(sock, 'hang', {}, { timeoutMs: 3000, clock });
    const outcome = p.then(() => 'resolved', (e: unknown) => e);
    await settle();
    clock.advance(2999);
    await settle();
    assert.equal(server.connectionCount(), 1, 'still waiting at 2999 ms');
    clock.advance(1);
    const err = await outcome;
    isCode('TIMEOUT', '3000 ms')(err);
    // The client hung up: once the handler finishes, the server's side closes too.
    release();
    await until(() => server!.connectionCount() === 0, 'the client closed its connection on timeout');
  });

  test('PROTOCOL when the peer answers something that is not a response', async () => {
    rogue = await rogueServer(sock, (s) => s.write('hello there\n'));
    await assert.rejects(controlCall(sock, 'status', {}, { timeoutMs: 1000 }), isCode('PROTOCOL', 'not valid JSON'));
  });

  test('PROTOCOL when the reply carries another id', async () => {
    rogue = await rogueServer(sock, (s) => s.write('{"id":99,"result":1}\n'));
    await assert.rejects(controlCall(sock, 'status', {}, { timeoutMs: 1000 }), isCode('PROTOCOL', 'does not match'));
  });

  test('PROTOCOL when the peer hangs up without replying', async () => {
    rogue = await rogueServer(sock, (s) => s.end());
    await assert.rejects(controlCall(sock, 'status', {}, { timeoutMs: 1000 }), isCode('PROTOCOL', 'without replying'));
  });

  test('PROTOCOL when the reply is larger than the client accepts', async () => {
    server = await startServer(sock, { big: () => 'z'.repeat(5000) });
    await assert.rejects(controlCall(sock, 'big', {}, { timeoutMs: 1000, maxReplyBytes: 1000 }), isCode('PROTOCOL', 'larger than'));
  });

  test('a reply split across many writes is reassembled', async () => {
    rogue = await rogueServer(sock, (s) => {
      const line = '{"id":1,"result":{"text":"Grüße"}}\n';
      const bytes = Buffer.from(line);
      for (let i = 0; i < bytes.length; i += 3) s.write(bytes.subarray(i, i + 3));
    });
    assert.deepEqual(await controlCall(sock, 'x', {}, { timeoutMs: 1000 }), { text: 'Grüße' });
  });
});
