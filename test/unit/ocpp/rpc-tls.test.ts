/**
 * wss: the `tls` options reach the TLS handshake (server certificate checked against our CA; client certificate for
 * security profile 3). Uses a throw-away PKI from tls-fixture.json.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { RpcConnection, type RpcTlsOptions } from '../../../agent/ocpp/rpc-connection.js';
import { createOcpp16Validator } from '../../../profiles/ocpp16/validator.js';
import { captureLog, until } from './ws-peer.js';

const pki = JSON.parse(readFileSync(new URL('./tls-fixture.json', import.meta.url), 'utf8')) as Record<string, string>;
const validator = createOcpp16Validator();
const T = { timeout: 10_000 };

async function tlsPeer(requestCert: boolean) {
  const https: Server = createServer({ cert: pki.server_pem, key: pki.server_key, ca: pki.ca_pem, requestCert, rejectUnauthorized: requestCert });
  const wss = new WebSocketServer({ server: https, handleProtocols: () => 'ocpp1.6' });
  const peerCerts: string[] = [];
  wss.on('connection', (_ws, req) => {
    const cert = (req.socket as TLSSocket).getPeerCertificate();
    if (cert && cert.subject) peerCerts.push(cert.subject.CN as string);
  });
  await new Promise<void>((r) => https.listen(0, '127.0.0.1', () => r()));
  const port = (https.address() as AddressInfo).port;
  return {
    url: `wss://127.0.0.1:${port}/ocpp`,
    peerCerts,
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        https.closeAllConnections();
        https.close(() => r());
      }),
  };
}

function conn(url: string, tls?: RpcTlsOptions) {
  const clock = new FakeClock();
  const c = new RpcConnection({
    baseUrl: url,
    identity: 'CP001',
    subprotocol: 'ocpp1.6',
    dialect: 'ocpp1.6',
    validator,
    clock,
    log: captureLog().log,
    callTimeoutMs: 30_000,
    pingIntervalS: 0,
    backoff: { initialMs: 1000, maxMs: 8000, jitter: 0 },
    ...(tls ? { tls } : {}),
  });
  const rec = { opens: 0, failed: [] as string[] };
  c.events.on('open', () => rec.opens++);
  c.events.on('connectFailed', (reason) => rec.failed.push(reason));
  return { c, rec, clock };
}

describe('RpcConnection over TLS', () => {
  test('server certificate verified against the configured CA', T, async () => {
    const peer = await tlsPeer(false);
    const ok = conn(peer.url, { ca: pki.ca_pem! });
    const untrusted = conn(peer.url);
    try {
      ok.c.start();
      untrusted.c.start();
      await until(() => ok.rec.opens === 1, 'open with our CA');
      await until(() => untrusted.rec.failed.length === 1, 'failure without it');
      assert.equal(untrusted.rec.opens, 0);
      assert.match(untrusted.rec.failed[0]!, /certificate/i);
    } finally {
      await ok.c.stop();
      await untrusted.c.stop();
      await peer.close();
    }
    assert.equal(ok.clock.pendingTimers(), 0);
    assert.equal(untrusted.clock.pendingTimers(), 0);
  });

  test('client certificate presented (security profile 3)', T, async () => {
    const peer = await tlsPeer(true);
    const withCert = conn(peer.url, { ca: pki.ca_pem!, cert: pki.client_pem!, key: pki.client_key! });
    const without = conn(peer.url, { ca: pki.ca_pem! });
    try {
      withCert.c.start();
      without.c.start();
      await until(() => withCert.rec.opens === 1, 'open with client certificate');
      assert.deepEqual(peer.peerCerts, ['CP001']);
      await until(() => without.rec.failed.length === 1, 'refused without client certificate');
      assert.equal(without.rec.opens, 0);
    } finally {
      await withCert.c.stop();
      await without.c.stop();
      await peer.close();
    }
  });
});
