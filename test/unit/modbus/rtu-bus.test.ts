import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { HalError } from '../../../hal/errors.js';
import { buildRtuReadRequest, type ReadRequest } from '../../../hal/modbus/pdu.js';
import { RtuBus, bitsPerChar, t35Ms, type RtuBusConfig } from '../../../hal/modbus/rtu-bus.js';
import { MockSerialDevice, mockPath, pump, replyTo, rtuFrame, waitFor } from './helpers.js';

const REQ: ReadRequest = { unitId: 1, functionCode: 4, address: 0x0048, count: 2 };
const word = (a: number): number => (a * 7) & 0xffff;
const good = (req: Uint8Array): Uint8Array => replyTo(req, word);

const open: RtuBus[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.stop();
});

async function setup(respond: (req: Uint8Array, i: number) => Uint8Array | null, config: Partial<RtuBusConfig> = {}) {
  const clock = new FakeClock();
  const device = new MockSerialDevice(mockPath(), respond);
  const bus = new RtuBus({ path: device.path, baudRate: 115200, retries: 0, ...config }, { clock, openPort: device.openPort });
  open.push(bus);
  await bus.start();
  return { clock, device, bus };
}

function isHal(code: string, check?: (e: HalError) => void) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof HalError, `HalError expected, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    check?.(e);
    return true;
  };
}

describe('t3.5 inter-frame time', () => {
  test('3.5 characters at 9600 baud 8N1 (10 bits) and 8E1 (11 bits)', () => {
    assert.equal(t35Ms(9600, bitsPerChar(8, 'none', 1)), (3.5 * 10 * 1000) / 9600);
    assert.equal(t35Ms(9600, bitsPerChar(8, 'even', 1)), (3.5 * 11 * 1000) / 9600);
    assert.equal(t35Ms(2400, 11), (3.5 * 11 * 1000) / 2400);
    assert.equal(t35Ms(19200, 11), (3.5 * 11 * 1000) / 19200);
  });
  test('fixed 1.75 ms above 19200 baud', () => {
    assert.equal(t35Ms(38400, 11), 1.75);
    assert.equal(t35Ms(115200, 10), 1.75);
  });
  test('the bus uses it unless configured', () => {
    const clock = new FakeClock();
    assert.equal(new RtuBus({ path: 'x', baudRate: 9600 }, { clock }).settings.interFrameMs, (3.5 * 10 * 1000) / 9600);
    assert.equal(new RtuBus({ path: 'x', baudRate: 9600, interFrameMs: 20 }, { clock }).settings.interFrameMs, 20);
  });
});

describe('RtuBus over binding-mock: good replies', () => {
  test('sends the exact request frame and returns the registers', async () => {
    const { bus, device } = await setup(good);
    const regs = await bus.readRegisters(REQ);
    assert.deepEqual([...regs], [word(0x48), word(0x49)]);
    assert.deepEqual(device.writes[0], buildRtuReadRequest(REQ));
    assert.equal(bus.stats.ok, 1);
  });

  test('opens the port with the configured line settings', async () => {
    const { device } = await setup(good, { baudRate: 9600, parity: 'even', stopBits: 1, dataBits: 8 });
    const o = device.port!.port!.openOptions;
    assert.deepEqual([o.baudRate, o.parity, o.dataBits, o.stopBits], [9600, 'even', 8, 1]);
  });

  test('a full-length reply completes without waiting for the t3.5 silence', async () => {
    // interFrameMs 1000: if the bus waited for silence this read would take a second.
    const { bus } = await setup(good, { interFrameMs: 1000 });
    const t0 = performance.now();
    await bus.readRegisters(REQ);
    assert.ok(performance.now() - t0 < 500, `took ${performance.now() - t0} ms`);
  });

  test('bytes after the expected length are counted as stray, not taken for the next reply', async () => {
    const { bus, clock } = await setup((req) => Uint8Array.from([...good(req), 0xaa, 0xbb]));
    assert.deepEqual([...(await bus.readRegisters(REQ))], [word(0x48), word(0x49)]);
    await waitFor(() => bus.stats.stray === 1, 'stray trailing bytes');
    assert.deepEqual([...(await pump(clock, bus.readRegisters({ ...REQ, address: 0 })))], [0, 7]);
  });

  test('two meters (unit ids) on one bus: requests go out one at a time, in order', async () => {
    const events: string[] = [];
    const { bus, clock, device } = await setup((req) => {
      events.push(`write unit ${req[0]}`);
      return good(req);
    });
    const a = bus.readRegisters({ ...REQ, unitId: 1 }).then(() => events.push('reply unit 1'));
    const b = bus.readRegisters({ ...REQ, unitId: 2 }).then(() => events.push('reply unit 2'));
    await pump(clock, Promise.all([a, b]));
    assert.deepEqual(events, ['write unit 1', 'reply unit 1', 'write unit 2', 'reply unit 2']);
    assert.equal(device.writes.length, 2);
  });

  test('waits t3.5 (+ turnaround) of quiet line between frames', async () => {
    const { bus, clock, device } = await setup(good, { turnaroundMs: 20 });
    await bus.readRegisters(REQ);
    const second = bus.readRegisters(REQ);
    await waitFor(() => clock.pendingTimers() === 1, 'gap timer');
    clock.advance(20);
    await new Promise<void>((r) => setImmediate(r));
    assert.equal(device.writes.length, 1, 'not before the gap');
    await pump(clock, second);
    assert.equal(device.writes.length, 2);
  });
});

describe('RtuBus over binding-mock: faults', () => {
  test('timeout: no reply within timeoutMs (+ line time) is MODBUS_TIMEOUT with the request attached', async () => {
    const { bus, clock, device } = await setup(() => null, { timeoutMs: 300 });
    const p = bus.readRegisters(REQ);
    await waitFor(() => device.writes.length === 1, 'request written');
    clock.advance(299);
    let settled = false;
    p.catch(() => undefined).finally(() => (settled = true));
    await new Promise<void>((r) => setImmediate(r));
    assert.equal(settled, false, 'not before the timeout');
    clock.advance(10);
    await assert.rejects(p, isHal('MODBUS_TIMEOUT', (e) => assert.deepEqual(e.details.request, buildRtuReadRequest(REQ))));
    assert.equal(bus.stats.timeouts, 1);
    assert.equal(clock.pendingTimers(), 0);
  });

  test('retries a timeout, then succeeds', async () => {
    const { bus, clock, device } = await setup((req, i) => (i === 0 ? null : good(req)), { retries: 2, timeoutMs: 100 });
    const p = bus.readRegisters(REQ);
    await waitFor(() => device.writes.length === 1, 'first attempt');
    clock.advance(110);
    assert.deepEqual([...(await pump(clock, p))], [word(0x48), word(0x49)]);
    assert.equal(device.writes.length, 2);
    assert.deepEqual([bus.stats.timeouts, bus.stats.retries, bus.stats.ok], [1, 1, 1]);
  });

  test('gives up after the configured retries with the last error', async () => {
    const { bus, clock, device } = await setup(() => null, { retries: 1, timeoutMs: 100 });
    const p = bus.readRegisters(REQ);
    p.catch(() => undefined);
    await waitFor(() => device.writes.length === 1, 'first attempt');
    clock.advance(110);
    await waitFor(() => clock.pendingTimers() === 1, 'gap before retry');
    clock.advance(5);
    await waitFor(() => device.writes.length === 2, 'retry');
    clock.advance(110);
    await assert.rejects(p, isHal('MODBUS_TIMEOUT'));
    assert.deepEqual([bus.stats.sent, bus.stats.timeouts, bus.stats.retries], [2, 2, 1]);
  });

  test('bad CRC is MODBUS_CRC with both frames attached; retried when allowed', async () => {
    const corrupt = (req: Uint8Array): Uint8Array => {
      const r = good(req);
      r[r.length - 1]! ^= 0xff;
      return r;
    };
    const { bus } = await setup(corrupt);
    await assert.rejects(
      bus.readRegisters(REQ),
      isHal('MODBUS_CRC', (e) => {
        assert.equal(e.details.request?.length, 8);
        assert.equal(e.details.response?.length, 9);
      }),
    );
    const second = await setup((req, i) => (i === 0 ? corrupt(req) : good(req)), { retries: 1 });
    assert.deepEqual([...(await pump(second.clock, second.bus.readRegisters(REQ)))], [word(0x48), word(0x49)]);
    assert.equal(second.bus.stats.badFrames, 1);
  });

  test('wrong unit is MODBUS_WRONG_UNIT', async () => {
    const { bus } = await setup((req) => good(Uint8Array.from([9, ...req.slice(1)])));
    await assert.rejects(bus.readRegisters(REQ), isHal('MODBUS_WRONG_UNIT'));
  });

  test('exception reply (ended by t3.5 silence) is MODBUS_EXCEPTION with the code, and is not retried', async () => {
    const { bus, device } = await setup((req) => rtuFrame(req[0]!, req[1]! | 0x80, 0x02), { retries: 2 });
    await assert.rejects(bus.readRegisters(REQ), isHal('MODBUS_EXCEPTION', (e) => assert.equal(e.details.modbusCode, 2)));
    assert.equal(device.writes.length, 1);
    assert.equal(bus.stats.exceptions, 1);
  });

  test('"server busy" exception (6) is retried', async () => {
    const { bus, clock } = await setup((req, i) => (i === 0 ? rtuFrame(req[0]!, req[1]! | 0x80, 0x06) : good(req)), { retries: 1 });
    // The exception frame ends by real t3.5 silence; then the retry needs the fake gap to pass.
    const p = bus.readRegisters(REQ);
    await waitFor(() => bus.stats.exceptions === 1, 'busy reply');
    assert.deepEqual([...(await pump(clock, p))], [word(0x48), word(0x49)]);
  });

  test('short frame (reply cut off, ended by silence) is MODBUS_SHORT_FRAME', async () => {
    const { bus } = await setup((req) => good(req).slice(0, 6));
    await assert.rejects(bus.readRegisters(REQ), isHal('MODBUS_SHORT_FRAME', (e) => assert.equal(e.details.response?.length, 6)));
  });

  test('a reply for another function is MODBUS_WRONG_FUNCTION', async () => {
    const { bus } = await setup((req) => replyTo(Uint8Array.from([req[0]!, 3, ...req.slice(2)]), word));
    await assert.rejects(bus.readRegisters(REQ), isHal('MODBUS_WRONG_FUNCTION'));
  });

  test('noise on an idle line is counted as stray and does not disturb the next read', async () => {
    const { bus, clock, device } = await setup(good);
    device.emit(Uint8Array.of(0x00, 0xff, 0x13));
    await waitFor(() => bus.stats.stray === 1, 'stray noise frame');
    assert.deepEqual([...(await pump(clock, bus.readRegisters(REQ)))], [word(0x48), word(0x49)]);
  });
});

describe('RtuBus: port lifecycle', () => {
  test('start() fails with PORT_ERROR when the port cannot be opened', async () => {
    const clock = new FakeClock();
    const device = new MockSerialDevice(mockPath(), good);
    const bus = new RtuBus({ path: '/dev/does-not-exist', baudRate: 9600 }, { clock, openPort: device.openPort });
    await assert.rejects(bus.start(), isHal('PORT_ERROR'));
    await assert.rejects(bus.readRegisters(REQ), isHal('PORT_CLOSED'));
  });

  test('bad line settings are BAD_CONFIG at start', async () => {
    const clock = new FakeClock();
    for (const bad of [{ baudRate: 0 }, { parity: 'mark' }, { dataBits: 9 }, { retries: -1 }, { path: '' }, { interFrameMs: 0.5 }]) {
      const bus = new RtuBus({ path: '/dev/x', baudRate: 9600, ...bad } as RtuBusConfig, { clock });
      await assert.rejects(bus.start(), isHal('BAD_CONFIG'), JSON.stringify(bad));
    }
  });

  test('stop() rejects the request in flight and the queued ones with PORT_CLOSED, and leaves no timers', async () => {
    const { bus, clock, device } = await setup(() => null);
    const a = bus.readRegisters(REQ);
    const b = bus.readRegisters({ ...REQ, unitId: 2 });
    await waitFor(() => device.writes.length === 1, 'first request on the line');
    await bus.stop();
    await assert.rejects(a, isHal('PORT_CLOSED'));
    await assert.rejects(b, isHal('PORT_CLOSED'));
    assert.equal(clock.pendingTimers(), 0);
    assert.equal(device.port!.isOpen, false);
    assert.equal(device.writes.length, 1);
  });

  test('stop() during the inter-frame wait cancels it', async () => {
    const { bus, clock } = await setup(good);
    await bus.readRegisters(REQ);
    const p = bus.readRegisters(REQ);
    await waitFor(() => clock.pendingTimers() === 1, 'gap timer');
    await bus.stop();
    await assert.rejects(p, isHal('PORT_CLOSED'));
    assert.equal(clock.pendingTimers(), 0);
  });

  test('a port closed underneath fails the pending request, and the next request reopens it', async () => {
    const { bus, clock, device } = await setup((req, i) => (i === 0 ? null : good(req)));
    const p = bus.readRegisters(REQ);
    await waitFor(() => device.writes.length === 1, 'request written');
    const first = device.port!;
    await new Promise<void>((r) => first.close(() => r()));
    await assert.rejects(p, isHal('PORT_CLOSED'));
    assert.deepEqual([...(await pump(clock, bus.readRegisters(REQ)))], [word(0x48), word(0x49)]);
    assert.notEqual(device.port, first, 'a new port object');
    assert.equal(device.port!.isOpen, true);
  });

  test('stop() while the port is still opening leaves it closed', async () => {
    const clock = new FakeClock();
    const device = new MockSerialDevice(mockPath(), good);
    const bus = new RtuBus({ path: device.path, baudRate: 9600 }, { clock, openPort: device.openPort });
    const starting = bus.start();
    await bus.stop();
    await assert.rejects(starting, isHal('PORT_CLOSED'));
    assert.equal(device.port!.isOpen, false);
    assert.equal(clock.pendingTimers(), 0);
  });

  test('restart after stop works', async () => {
    const { bus, clock } = await setup(good);
    await bus.stop();
    await bus.start();
    assert.deepEqual([...(await pump(clock, bus.readRegisters(REQ)))], [word(0x48), word(0x49)]);
  });
});
