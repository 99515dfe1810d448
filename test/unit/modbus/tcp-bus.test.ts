import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { HalError } from '../../../hal/errors.js';
import type { ReadRequest } from '../../../hal/modbus/pdu.js';
import { TcpBus, buildTcpReadRequest, type TcpBusConfig } from '../../../hal/modbus/tcp-bus.js';
import { waitFor } from './helpers.js';

const REQ: ReadRequest = { unitId: 1, functionCode: 3, address: 0x5000, count: 2 };
const word = (a: number): number => (a * 3) & 0xffff;

type Reply = Uint8Array | null | 'close';
type Handler = (frame: Buffer, index: number) => Reply;

/** MBAP reply to a request frame, from a register function. */
function reply(frame: Buffer, opts: { txId?: number; unit?: number; protocol?: number } = {}): Uint8Array {
  const fc = frame[7]!;
  const address = frame.readUInt16BE(8);
  const count = frame.readUInt16BE(10);
  const out = Buffer.alloc(9 + 2 * count);
  out.writeUInt16BE(opts.txId ?? frame.readUInt16BE(0), 0);
  out.writeUInt16BE(opts.protocol ?? 0, 2);
  out.writeUInt16BE(3 + 2 * count, 4);
  out[6] = opts.unit ?? frame[6]!;
  out[7] = fc;
  out[8] = 2 * count;
  for (let i = 0; i < count; i++) out.writeUInt16BE(word(address + i), 9 + 2 * i);
  return out;
}

function exception(frame: Buffer, code: number): Uint8Array {
  const out = Buffer.from(frame.subarray(0, 9));
  out.writeUInt16BE(3, 4);
  out[7] = frame[7]! | 0x80;
  out[8] = code;
  return out;
}

interface Peer {
  port: number;
  frames: Buffer[];
  connections: number;
  sockets: Set<Socket>;
  handler: Handler;
  server: Server;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function peer(handler: Handler): Promise<Peer> {
  const p: Peer = { port: 0, frames: [], connections: 0, sockets: new Set(), handler, server: createServer() };
  p.server.on('connection', (socket) => {
    p.connections++;
    p.sockets.add(socket);
    socket.on('close', () => p.sockets.delete(socket));
    socket.on('error', () => undefined);
    let rx = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      rx = Buffer.concat([rx, chunk]);
      while (rx.length >= 6 && rx.length >= 6 + rx.readUInt16BE(4)) {
        const frame = rx.subarray(0, 6 + rx.readUInt16BE(4));
        rx = rx.subarray(frame.length);
        const index = p.frames.length;
        p.frames.push(Buffer.from(frame));
        const r = p.handler(frame, index);
        if (r === 'close') socket.destroy();
        else if (r) socket.write(r);
      }
    });
  });
  await new Promise<void>((resolve) => p.server.listen(0, '127.0.0.1', resolve));
  p.port = (p.server.address() as { port: number }).port;
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of p.sockets) s.destroy();
        p.server.close(() => resolve());
      }),
  );
  return p;
}

async function setup(handler: Handler, config: Partial<TcpBusConfig> = {}) {
  const p = await peer(handler);
  const clock = new FakeClock();
  const bus = new TcpBus({ host: '127.0.0.1', port: p.port, retries: 0, ...config }, { clock });
  await bus.start();
  cleanups.push(() => bus.stop());
  return { p, bus, clock };
}

function isHal(code: string, check?: (e: HalError) => void) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof HalError, `HalError expected, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    check?.(e);
    return true;
  };
}

describe('TcpBus (Modbus TCP, MBAP)', () => {
  test('request framing: transaction id, protocol 0, length, unit, PDU', () => {
    assert.deepEqual([...buildTcpReadRequest(0x1234, REQ)], [0x12, 0x34, 0, 0, 0, 6, 1, 3, 0x50, 0x00, 0, 2]);
  });

  test('reads registers; transaction ids increase per request', async () => {
    const { p, bus } = await setup((f) => reply(f));
    assert.deepEqual([...(await bus.readRegisters(REQ))], [word(0x5000), word(0x5001)]);
    assert.deepEqual([...(await bus.readRegisters({ ...REQ, address: 0 }))], [0, 3]);
    assert.deepEqual(
      p.frames.map((f) => f.readUInt16BE(0)),
      [1, 2],
    );
    assert.equal(p.connections, 1, 'one connection reused');
  });

  test('a reply delivered byte by byte is reassembled', async () => {
    const { p, bus } = await setup(() => null);
    const read = bus.readRegisters(REQ);
    await waitFor(() => p.frames.length === 1, 'request');
    const r = reply(p.frames[0]!);
    const socket = [...p.sockets][0]!;
    for (const b of r) {
      socket.write(Uint8Array.of(b));
      await new Promise<void>((res) => setImmediate(res));
    }
    assert.deepEqual([...(await read)], [word(0x5000), word(0x5001)]);
  });

  test('exception reply is MODBUS_EXCEPTION with the code', async () => {
    const { bus } = await setup((f) => exception(f, 2));
    await assert.rejects(bus.readRegisters(REQ), isHal('MODBUS_EXCEPTION', (e) => assert.equal(e.details.modbusCode, 2)));
  });

  test('gateway "target failed to respond" (11) names it', async () => {
    const { bus } = await setup((f) => exception(f, 11));
    await assert.rejects(bus.readRegisters(REQ), isHal('MODBUS_EXCEPTION', (e) => assert.match(e.message, /gateway target/)));
  });

  test('wrong unit is MODBUS_WRONG_UNIT', async () => {
    const { bus } = await setup((f) => reply(f, { unit: 9 }));
    await assert.rejects(bus.readRegisters(REQ), isHal('MODBUS_WRONG_UNIT'));
  });

  test('byte count disagreeing with the request is MODBUS_BYTE_COUNT', async () => {
    const { bus } = await setup((f) => {
      const r = Buffer.from(reply(f));
      r[8] = 2;
      return r;
    });
    await assert.rejects(bus.readRegisters(REQ), isHal('MODBUS_BYTE_COUNT'));
  });

  test('a late reply with an older transaction id is dropped as stray', async () => {
    const { bus } = await setup((f) => {
      const stale = reply(f, { txId: f.readUInt16BE(0) - 1 });
      return Buffer.concat([stale, reply(f)]);
    });
    assert.deepEqual([...(await bus.readRegisters(REQ))], [word(0x5000), word(0x5001)]);
    assert.equal(bus.stats.stray, 1);
  });

  test('a bad MBAP header is MODBUS_BAD_MBAP and the connection is re-made', async () => {
    const { p, bus } = await setup((f, i) => (i === 0 ? reply(f, { protocol: 7 }) : reply(f)));
    await assert.rejects(bus.readRegisters(REQ), isHal('MODBUS_BAD_MBAP'));
    assert.deepEqual([...(await bus.readRegisters(REQ))], [word(0x5000), word(0x5001)]);
    assert.equal(p.connections, 2);
  });

  test('timeout from the injected clock; three in a row re-make the connection', async () => {
    const { p, bus, clock } = await setup((f, i) => (i < 3 ? null : reply(f)), { timeoutMs: 800 });
    for (let i = 0; i < 3; i++) {
      const read = bus.readRegisters(REQ);
      await waitFor(() => p.frames.length === i + 1, `request ${i + 1}`);
      clock.advance(799);
      clock.advance(1);
      await assert.rejects(read, isHal('MODBUS_TIMEOUT', (e) => assert.equal(e.details.request?.length, 12)));
    }
    assert.equal(bus.stats.timeouts, 3);
    assert.deepEqual([...(await bus.readRegisters(REQ))], [word(0x5000), word(0x5001)]);
    assert.equal(p.connections, 2);
  });

  test('retries a timeout when configured', async () => {
    const { p, bus, clock } = await setup((f, i) => (i === 0 ? null : reply(f)), { retries: 1, timeoutMs: 100 });
    const read = bus.readRegisters(REQ);
    await waitFor(() => p.frames.length === 1, 'first attempt');
    clock.advance(100);
    assert.deepEqual([...(await read)], [word(0x5000), word(0x5001)]);
    assert.deepEqual([bus.stats.retries, bus.stats.ok], [1, 1]);
  });

  test('connection refused is PORT_ERROR', async () => {
    const p = await peer(() => null);
    const port = p.port;
    await new Promise<void>((r) => p.server.close(() => r()));
    const bus = new TcpBus({ host: '127.0.0.1', port, retries: 0 }, { clock: new FakeClock() });
    await bus.start();
    cleanups.push(() => bus.stop());
    await assert.rejects(bus.readRegisters(REQ), isHal('PORT_ERROR'));
  });

  test('the gateway dropping the connection fails the request with PORT_CLOSED; the next one reconnects', async () => {
    const { p, bus } = await setup((f, i) => (i === 0 ? 'close' : reply(f)));
    await assert.rejects(bus.readRegisters(REQ), isHal('PORT_CLOSED'));
    assert.deepEqual([...(await bus.readRegisters(REQ))], [word(0x5000), word(0x5001)]);
    assert.equal(p.connections, 2);
  });

  test('stop() rejects the pending request, closes the socket and leaves no timers', async () => {
    const { p, bus, clock } = await setup(() => null);
    const read = bus.readRegisters(REQ);
    await waitFor(() => p.frames.length === 1, 'request');
    await bus.stop();
    await assert.rejects(read, isHal('PORT_CLOSED'));
    assert.equal(clock.pendingTimers(), 0);
    await waitFor(() => p.sockets.size === 0, 'server saw the close');
    await assert.rejects(bus.readRegisters(REQ), isHal('PORT_CLOSED'));
  });

  test('bad config is BAD_CONFIG at start', async () => {
    const bus = new TcpBus({ host: '', port: 502 }, { clock: new FakeClock() });
    await assert.rejects(bus.start(), isHal('BAD_CONFIG'));
    const bus2 = new TcpBus({ host: 'h', port: 70000 }, { clock: new FakeClock() });
    await assert.rejects(bus2.start(), isHal('BAD_CONFIG'));
  });
});
