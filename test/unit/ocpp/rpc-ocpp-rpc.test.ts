/**
 * RpcConnection against an independent implementation: ocpp-rpc's RPCServer in strict mode (it validates every
 * frame in both directions against its own copy of the 1.6 schemas).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { RPCServer, createRPCError } from 'ocpp-rpc';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { OcppCallError } from '../../../agent/ocpp/errors.js';
import { RpcConnection, type RpcConnectionOptions } from '../../../agent/ocpp/rpc-connection.js';
import type { PayloadValidator } from '../../../agent/ocpp/validator.js';
import { createOcpp16Validator } from '../../../profiles/ocpp16/validator.js';
import { captureLog, until, withTimeout } from './ws-peer.js';

const T = { timeout: 10_000 };

interface ServerClient {
  identity: string;
  protocol: string;
  handle(method: string | ((arg: { method: string; params: unknown }) => unknown), fn?: (arg: { params: any }) => unknown): void;
  call(method: string, params: unknown): Promise<any>;
  on(event: string, fn: (...args: any[]) => void): void;
}

async function setup(validator: PayloadValidator = createOcpp16Validator(), over: Partial<RpcConnectionOptions> = {}) {
  const server = new RPCServer({ protocols: ['ocpp1.6'], strictMode: true, pingIntervalMs: 0 } as any);
  const handshakes: { identity: string; password?: Buffer; protocols: Set<string>; url?: string }[] = [];
  server.auth((accept, _reject, handshake) => {
    handshakes.push({ identity: handshake.identity, password: handshake.password, protocols: handshake.protocols, url: handshake.request.url });
    accept({});
  });
  const clientP = new Promise<ServerClient>((resolve) => server.on('client', resolve));
  const http = await server.listen(0, '127.0.0.1');
  const port = (http.address() as AddressInfo).port;
  const clock = new FakeClock();
  const cap = captureLog();
  const conn = new RpcConnection({
    baseUrl: `ws://127.0.0.1:${port}/ocpp`,
    identity: 'CP 001',
    subprotocol: 'ocpp1.6',
    dialect: 'ocpp1.6',
    validator,
    clock,
    log: cap.log,
    callTimeoutMs: 30_000,
    pingIntervalS: 0,
    backoff: { initialMs: 1000, maxMs: 8000, jitter: 0 },
    basicAuth: { username: 'CP 001', password: Buffer.from('0102030405060708090a0b0c0d0e0f1011121314', 'hex') },
    ...over,
  });
  let opens = 0;
  conn.events.on('open', () => opens++);
  conn.start();
  const client = await withTimeout(clientP, 'ocpp-rpc client');
  await until(() => opens === 1, 'open');
  return {
    conn,
    client,
    handshakes,
    close: async () => {
      await conn.stop();
      await server.close({ force: true });
      assert.equal(clock.pendingTimers(), 0);
    },
  };
}

describe('RpcConnection ↔ ocpp-rpc RPCServer (strict mode)', () => {
  test('handshake: identity, ocpp1.6, raw-byte basic-auth password', T, async () => {
    const s = await setup();
    try {
      assert.equal(s.client.identity, 'CP 001');
      assert.equal(s.client.protocol, 'ocpp1.6');
      assert.equal(s.handshakes[0]!.url, '/ocpp/CP%20001');
      assert.deepEqual([...s.handshakes[0]!.protocols], ['ocpp1.6']);
      assert.equal(s.handshakes[0]!.password?.toString('hex'), '0102030405060708090a0b0c0d0e0f1011121314');
    } finally {
      await s.close();
    }
  });

  test('calls in both directions pass the server’s strict validation', T, async () => {
    const s = await setup();
    try {
      s.client.handle('BootNotification', ({ params }) => {
        assert.equal(params.chargePointVendor, 'chargerd');
        return { status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 };
      });
      const boot = (await s.conn.call('BootNotification', { chargePointVendor: 'chargerd', chargePointModel: 'sim' })) as { status: string };
      assert.equal(boot.status, 'Accepted');

      s.conn.setInboundHandler(async (action, payload) => {
        assert.equal(action, 'ChangeAvailability');
        assert.deepEqual(payload, { connectorId: 1, type: 'Inoperative' });
        return { status: 'Scheduled' };
      });
      assert.deepEqual(await s.client.call('ChangeAvailability', { connectorId: 1, type: 'Inoperative' }), { status: 'Scheduled' });
    } finally {
      await s.close();
    }
  });

  test('one CALL in flight: the server gets the second CALL only after answering the first', T, async () => {
    const s = await setup();
    try {
      const order: string[] = [];
      let releaseAuthorize!: () => void;
      s.client.handle('Authorize', async () => {
        order.push('Authorize');
        await new Promise<void>((r) => (releaseAuthorize = r));
        return { idTagInfo: { status: 'Accepted' } };
      });
      s.client.handle('Heartbeat', () => {
        order.push('Heartbeat');
        return { currentTime: new Date().toISOString() };
      });
      s.conn.setInboundHandler(async () => ({ listVersion: 1 }));
      const p1 = s.conn.call('Authorize', { idTag: 'TAG1' });
      const p2 = s.conn.call('Heartbeat', {});
      await until(() => order.length === 1, 'Authorize handled');
      // A full round trip the other way; a Heartbeat sent early would have been dispatched by now.
      assert.deepEqual(await s.client.call('GetLocalListVersion', {}), { listVersion: 1 });
      assert.deepEqual(order, ['Authorize']);
      releaseAuthorize();
      await p1;
      await p2;
      assert.deepEqual(order, ['Authorize', 'Heartbeat']);
    } finally {
      await s.close();
    }
  });

  test('CALLERRORs from ocpp-rpc reach the caller as OcppCallError', T, async () => {
    const s = await setup();
    try {
      s.client.handle('DataTransfer', () => {
        throw createRPCError('NotSupported', 'no vendor extensions');
      });
      const err = await s.conn.call('DataTransfer', { vendorId: 'x' }).catch((e: unknown) => e);
      assert.ok(err instanceof OcppCallError);
      assert.equal(err.code, 'NotSupported');
      assert.equal(err.description, 'no vendor extensions');
    } finally {
      await s.close();
    }
  });

  // ocpp-rpc 2.2.1 on ocpp1.6 turns FormatViolation into FormationViolation but OccurenceConstraintViolation into
  // the 2.0.1 spelling OccurrenceConstraintViolation: a real CSMS mixing both dialects on one connection.
  test('ocpp-rpc rejects bad requests with mixed 1.6/2.0.1 spellings; we normalise both', T, async () => {
    // Let the bad payload past our own check so the server's strict mode judges it.
    const real = createOcpp16Validator();
    const lax: PayloadValidator = {
      knows: (a) => real.knows(a),
      validateRequest: () => null,
      validateResponse: (a, p) => real.validateResponse(a, p),
    };
    const s = await setup(lax);
    try {
      s.client.handle('StatusNotification', () => ({}));
      const enumErr = await s.conn.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Bogus' }).catch((e: unknown) => e);
      assert.ok(enumErr instanceof OcppCallError);
      assert.equal(enumErr.rawCode, 'FormationViolation');
      assert.equal(enumErr.code, 'FormatViolation');
      const missing = await s.conn.call('StatusNotification', { connectorId: 1, status: 'Available' }).catch((e: unknown) => e);
      assert.ok(missing instanceof OcppCallError);
      assert.equal(missing.rawCode, 'OccurrenceConstraintViolation');
      assert.equal(missing.code, 'OccurrenceConstraintViolation');
      assert.equal(s.conn.state, 'open');
    } finally {
      await s.close();
    }
  });

  test('our invalid own response goes out as InternalError, which ocpp-rpc surfaces', T, async () => {
    const s = await setup();
    try {
      s.conn.setInboundHandler(async () => ({ status: 'Perhaps' }));
      const err = await s.client.call('Reset', { type: 'Soft' }).catch((e: { rpcErrorCode?: string }) => e);
      assert.equal((err as { rpcErrorCode?: string }).rpcErrorCode, 'InternalError');
      s.conn.setInboundHandler(async () => ({ status: 'Accepted' }));
      assert.deepEqual(await s.client.call('Reset', { type: 'Soft' }), { status: 'Accepted' });
    } finally {
      await s.close();
    }
  });
});
