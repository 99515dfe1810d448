/**
 * RpcConnection's `offer` (ocpp.version "auto"): every offered subprotocol goes into the handshake in order; the
 * server's pick of the connection's own subprotocol opens it, a pick of another offered one closes the socket
 * unused and tells the owner with `otherSubprotocol`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { RpcConnection } from '../../../agent/ocpp/rpc-connection.js';
import { createOcpp16Validator } from '../../../profiles/ocpp16/validator.js';
import { captureLog, startPeer, until } from './ws-peer.js';

function connection(url: string, subprotocol: string) {
  const conn = new RpcConnection({
    baseUrl: url,
    identity: 'CP-AUTO',
    subprotocol,
    offer: ['ocpp2.0.1', 'ocpp1.6'],
    dialect: 'ocpp1.6',
    validator: createOcpp16Validator(),
    clock: new FakeClock(),
    log: captureLog().log,
    callTimeoutMs: 30_000,
    pingIntervalS: 0,
    backoff: { initialMs: 1000, maxMs: 8000, jitter: 0 },
    random: () => 0,
  });
  const seen = { opens: 0, other: [] as string[] };
  conn.events.on('open', () => seen.opens++);
  conn.events.on('otherSubprotocol', (p) => seen.other.push(p));
  return { conn, seen };
}

test('the server picks the connection\'s own subprotocol: open; both were offered, 2.0.1 first', async () => {
  const peer = await startPeer({ handleProtocols: (p) => (p.has('ocpp1.6') ? 'ocpp1.6' : false) });
  const { conn, seen } = connection(peer.url, 'ocpp1.6');
  try {
    conn.start();
    await until(() => seen.opens === 1, 'open');
    assert.deepEqual(String(peer.requests[0]!.headers['sec-websocket-protocol']).split(/, */), ['ocpp2.0.1', 'ocpp1.6']);
    assert.deepEqual(seen.other, []);
  } finally {
    await conn.stop();
    await peer.close();
  }
});

test('the server picks another offered subprotocol: not opened, socket closed, otherSubprotocol names it', async () => {
  const peer = await startPeer({ handleProtocols: (p) => (p.has('ocpp1.6') ? 'ocpp1.6' : false) });
  const { conn, seen } = connection(peer.url, 'ocpp2.0.1');
  try {
    conn.start();
    await until(() => seen.other.length === 1, 'otherSubprotocol');
    assert.deepEqual(seen.other, ['ocpp1.6']);
    assert.equal(seen.opens, 0);
    const sock = await peer.nextSocket();
    await sock.whenClosed();
  } finally {
    await conn.stop();
    await peer.close();
  }
});
