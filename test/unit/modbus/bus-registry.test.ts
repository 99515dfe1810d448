import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { HalError } from '../../../hal/errors.js';
import { ModbusBusRegistry, createModbusMeter } from '../../../hal/meters/index.js';
import { loadModel } from '../../../hal/meters/model.js';
import type { SerialOpenOptions, SerialPortLike } from '../../../hal/modbus/rtu-bus.js';
import { MockSerialDevice, SAMPLE_3P, mockPath, pump, registerImage, replyTo } from './helpers.js';

/** A mock line whose device answers any unit from a per-unit register image. */
function line(images: Map<number, Map<number, number>>) {
  const device = new MockSerialDevice(mockPath(), (req) => {
    const image = images.get(req[0]!);
    return image ? replyTo(req, (a) => image.get(a) ?? 0) : null;
  });
  const opened: SerialOpenOptions[] = [];
  const openPort = (o: SerialOpenOptions): SerialPortLike => {
    opened.push(o);
    return device.openPort(o);
  };
  return { device, opened, openPort };
}

describe('ModbusBusRegistry', () => {
  test('handles for one port share one bus, opened once, closed with the last user', async () => {
    const { device, opened, openPort } = line(new Map());
    const clock = new FakeClock();
    const registry = new ModbusBusRegistry({ clock, openPort });
    const a = registry.acquire({ kind: 'rtu', path: device.path, baudRate: 9600 });
    const b = registry.acquire({ kind: 'rtu', path: device.path, baudRate: 9600, parity: 'none' });
    assert.equal(a.key, `rtu:${device.path}`);
    await Promise.all([a.start(), b.start(), a.start()]);
    assert.equal(opened.length, 1);
    assert.deepEqual(registry.activeLines, [`rtu:${device.path}`]);
    await a.stop();
    assert.equal(device.port!.isOpen, true, 'still used by b');
    await a.stop();
    assert.equal(device.port!.isOpen, true, 'a second stop of the same handle changes nothing');
    await b.stop();
    assert.equal(device.port!.isOpen, false);
    assert.deepEqual(registry.activeLines, []);
    assert.equal(clock.pendingTimers(), 0);
  });

  test('a handle that is not started refuses to read', async () => {
    const { device, openPort } = line(new Map());
    const registry = new ModbusBusRegistry({ clock: new FakeClock(), openPort });
    const a = registry.acquire({ kind: 'rtu', path: device.path, baudRate: 9600 });
    const b = registry.acquire({ kind: 'rtu', path: device.path, baudRate: 9600 });
    await b.start();
    await assert.rejects(a.readRegisters({ unitId: 1, functionCode: 4, address: 0, count: 1 }), (e: unknown) => e instanceof HalError && e.code === 'PORT_CLOSED');
    await b.stop();
  });

  test('conflicting line settings for one port are BAD_CONFIG', () => {
    const registry = new ModbusBusRegistry({ clock: new FakeClock() });
    registry.acquire({ kind: 'rtu', path: '/dev/ttyS9', baudRate: 9600 });
    assert.throws(
      () => registry.acquire({ kind: 'rtu', path: '/dev/ttyS9', baudRate: 2400 }),
      (e: unknown) => e instanceof HalError && e.code === 'BAD_CONFIG' && /same line settings/.test(e.message),
    );
  });

  test('TCP lines are keyed by host:port, default port 502', () => {
    const registry = new ModbusBusRegistry({ clock: new FakeClock() });
    assert.equal(registry.acquire({ kind: 'tcp', host: '192.0.2.7' }).key, 'tcp:192.0.2.7:502');
    assert.equal(registry.acquire({ kind: 'tcp', host: '192.0.2.7', port: 502 }).key, 'tcp:192.0.2.7:502');
    assert.equal(registry.acquire({ kind: 'tcp', host: '192.0.2.7', port: 5020 }).key, 'tcp:192.0.2.7:5020');
  });
});

describe('createModbusMeter', () => {
  test('serial settings default to the model (SDM120: 2400 8N1); unit id defaults to the model', async () => {
    const model = loadModel('eastron-sdm120');
    const { device, opened, openPort } = line(new Map([[1, registerImage(model, { ...SAMPLE_3P, powerW: 2401.1 })]]));
    const clock = new FakeClock();
    const registry = new ModbusBusRegistry({ clock, openPort });
    const meter = createModbusMeter({ model: 'eastron-sdm120', transport: { kind: 'rtu', path: device.path } }, { clock, registry });
    assert.equal(meter.unitId, 1);
    await meter.start();
    assert.deepEqual(
      [opened[0]!.baudRate, opened[0]!.parity, opened[0]!.dataBits, opened[0]!.stopBits],
      [2400, 'none', 8, 1],
    );
    const r = await pump(clock, meter.read(), 2000);
    assert.ok(Math.abs(r.voltageV!.L1! - 229.6) < 1e-4, `${r.voltageV?.L1}`);
    await meter.stop();
  });

  test('two meters with different unit ids and models on one line', async () => {
    const sdm = loadModel('eastron-sdm630');
    const em = loadModel('carlo-gavazzi-em340');
    const images = new Map([
      [1, registerImage(sdm, SAMPLE_3P)],
      [2, registerImage(em, { ...SAMPLE_3P, energyImportWh: 999900 })],
    ]);
    const { device, opened, openPort } = line(images);
    const clock = new FakeClock();
    const registry = new ModbusBusRegistry({ clock, openPort });
    const transport = { kind: 'rtu' as const, path: device.path, baudRate: 9600 };
    const m1 = createModbusMeter({ model: 'eastron-sdm630', unitId: 1, transport }, { clock, registry });
    const m2 = createModbusMeter({ model: 'carlo-gavazzi-em340', unitId: 2, transport }, { clock, registry });
    await m1.start();
    await m2.start();
    assert.equal(opened.length, 1, 'one port for both meters');
    const [r1, r2] = await pump(clock, Promise.all([m1.read(), m2.read()]), 2000);
    assert.ok(Math.abs(r1.energyImportWh - 1234567.8) < 0.2, `${r1.energyImportWh}`);
    assert.equal(r2.energyImportWh, 999900);
    assert.deepEqual(
      [...new Set(device.writes.map((w) => w[0]))].sort(),
      [1, 2],
    );
    await m1.stop();
    assert.equal(device.port!.isOpen, true);
    await m2.stop();
    assert.equal(device.port!.isOpen, false);
    assert.equal(clock.pendingTimers(), 0);
  });

  test('models with different factory baud rates on one port without an explicit baudRate are BAD_CONFIG', () => {
    const clock = new FakeClock();
    const registry = new ModbusBusRegistry({ clock });
    createModbusMeter({ model: 'eastron-sdm630', unitId: 1, transport: { kind: 'rtu', path: '/dev/ttyS8' } }, { clock, registry });
    assert.throws(
      () => createModbusMeter({ model: 'eastron-sdm120', unitId: 2, transport: { kind: 'rtu', path: '/dev/ttyS8' } }, { clock, registry }),
      (e: unknown) => e instanceof HalError && e.code === 'BAD_CONFIG',
    );
  });

  test('unknown model is BAD_CONFIG at creation', () => {
    const clock = new FakeClock();
    assert.throws(
      () => createModbusMeter({ model: 'nope', transport: { kind: 'tcp', host: 'h' } }, { clock, registry: new ModbusBusRegistry({ clock }) }),
      (e: unknown) => e instanceof HalError && e.code === 'BAD_CONFIG',
    );
  });
});
