import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { HalError } from '../../../hal/errors.js';
import { loadModel, registerAddress, shippedModelNames, type ModelFile } from '../../../hal/meters/model.js';
import { ModbusMeter } from '../../../hal/meters/modbus-meter.js';
import { resolution } from '../../../hal/meters/decode.js';
import type { MeterReading } from '../../../hal/types.js';
import { RtuBus } from '../../../hal/modbus/rtu-bus.js';
import { FakeBus, MockSerialDevice, mockPath, pump, replyTo, SAMPLE_3P, registerImage, timeoutError } from './helpers.js';


/** Tolerance for a value read through a register: half its step, or float32 rounding. */
function close(actual: number | undefined, expected: number, model: ModelFile, path: string): void {
  const [name, phase] = path.split('.');
  const m = model.measurands as unknown as Record<string, unknown>;
  const spec = (phase ? (m[name!] as Record<string, unknown>)[phase] : m[name!]) as Parameters<typeof resolution>[0];
  const tol = spec.type === 'float32' ? Math.abs(expected) * 1e-6 + 1e-9 : resolution(spec, expected) / 2 + 1e-9;
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tol, `${model.model} ${path}: got ${actual}, expected ${expected} ± ${tol}`);
}

function expectReading(r: MeterReading, expected: MeterReading, model: ModelFile): void {
  const m = model.measurands;
  close(r.energyImportWh, expected.energyImportWh, model, 'energy');
  if (m.energyExport) close(r.energyExportWh, expected.energyExportWh!, model, 'energyExport');
  if (m.power) close(r.powerW, expected.powerW!, model, 'power');
  if (m.frequency) close(r.frequencyHz, expected.frequencyHz!, model, 'frequency');
  for (const [key, rk] of [
    ['current', 'currentA'],
    ['voltage', 'voltageV'],
    ['powerPerPhase', 'powerPerPhaseW'],
  ] as const) {
    const map = m[key];
    if (!map) {
      assert.equal(r[rk], undefined);
      continue;
    }
    for (const phase of Object.keys(map)) close(r[rk]?.[phase as 'L1'], expected[rk]![phase as 'L1']!, model, `${key}.${phase}`);
  }
}

function meterFor(name: string, reading: MeterReading, unitId = 7) {
  const model = loadModel(name);
  const bus = new FakeBus();
  const clock = new FakeClock();
  bus.setUnit(unitId, model.functionCode, registerImage(model, reading));
  const meter = new ModbusMeter({ model: name, unitId, bus }, clock);
  return { model, bus, clock, meter };
}

describe('ModbusMeter: one generic driver for every model file', () => {
  for (const name of shippedModelNames()) {
    test(`${name}: decodes and scales every measurand`, async () => {
      const model = loadModel(name);
      const expected: MeterReading = model.phases === 1 ? { ...SAMPLE_3P, powerW: 2401.1 } : SAMPLE_3P;
      const { meter, bus } = meterFor(name, expected);
      await meter.start();
      const r = await meter.read();
      expectReading(r, expected, model);
      assert.equal(meter.phases, model.phases);
      assert.deepEqual([...meter.measurands].sort(), Object.keys(model.measurands).sort());
      assert.equal(bus.requests.length, meter.readPlan.length, 'one request per planned block');
      assert.ok(bus.requests.every((q) => q.unitId === 7 && q.functionCode === model.functionCode));
      await meter.stop();
    });
  }

  test('SDM630 requests exactly the planned blocks', async () => {
    const { meter, bus } = meterFor('eastron-sdm630', SAMPLE_3P, 1);
    await meter.start();
    await meter.read();
    assert.deepEqual(
      bus.requests.map((q) => [q.functionCode, q.address, q.count]),
      [
        [4, 0x0000, 18],
        [4, 0x0034, 2],
        [4, 0x0046, 6],
      ],
    );
  });

  test('an inline model object works like a file', async () => {
    const model = loadModel('carlo-gavazzi-em24');
    const bus = new FakeBus();
    bus.setUnit(3, 4, registerImage(model, SAMPLE_3P));
    const meter = new ModbusMeter({ model, unitId: 3, bus }, new FakeClock());
    await meter.start();
    assert.equal((await meter.read()).energyImportWh, 1234600);
  });

  test('start and stop drive the bus; read before start is METER_UNAVAILABLE', async () => {
    const { meter, bus } = meterFor('eastron-sdm120', SAMPLE_3P);
    await assert.rejects(meter.read(), (e: unknown) => e instanceof HalError && e.code === 'METER_UNAVAILABLE');
    await meter.start();
    await meter.start();
    assert.equal(bus.starts, 1);
    await meter.stop();
    await meter.stop();
    assert.equal(bus.stops, 1);
    await assert.rejects(meter.read(), (e: unknown) => e instanceof HalError && e.code === 'METER_UNAVAILABLE');
  });

  test('an invalid unit id is BAD_CONFIG at start', async () => {
    const meter = new ModbusMeter({ model: 'eastron-sdm630', unitId: 0, bus: new FakeBus() }, new FakeClock());
    await assert.rejects(meter.start(), (e: unknown) => e instanceof HalError && e.code === 'BAD_CONFIG');
  });

  test('an unknown model is BAD_CONFIG', () => {
    const meter = new ModbusMeter({ model: 'acme-9000', unitId: 1, bus: new FakeBus() }, new FakeClock());
    assert.throws(() => meter.measurands, (e: unknown) => e instanceof HalError && e.code === 'BAD_CONFIG');
  });

  test('ABB reporting its energy counter as not available is METER_UNAVAILABLE', async () => {
    const { meter, bus, model } = meterFor('abb-b23', SAMPLE_3P);
    const image = bus.units.get(7)!.image;
    for (let i = 0; i < 4; i++) image.set(registerAddress(model.measurands.energy) + i, 0xffff);
    await meter.start();
    await assert.rejects(meter.read(), (e: unknown) => e instanceof HalError && e.code === 'METER_UNAVAILABLE');
  });

  test('ABB "not available" on a voltage leaves that value out of the reading', async () => {
    const { meter, bus, model } = meterFor('abb-b23', SAMPLE_3P);
    const image = bus.units.get(7)!.image;
    const a = registerAddress(model.measurands.voltage!.L3!);
    image.set(a, 0xffff);
    image.set(a + 1, 0xffff);
    await meter.start();
    const r = await meter.read();
    assert.equal(r.voltageV?.L3, undefined);
    assert.equal(r.voltageV?.L1, 229.6);
  });
});

describe('ModbusMeter: supervision through the driver', () => {
  test('bus errors reject read() and fault the meter after 3 in a row; a good read recovers', async () => {
    const { meter, bus } = meterFor('eastron-sdm630', SAMPLE_3P);
    const log: string[] = [];
    meter.events.on('fault', (e) => log.push(`fault:${e.code}`));
    meter.events.on('recovered', () => log.push('recovered'));
    await meter.start();
    bus.failNext(timeoutError(), timeoutError(), new HalError('MODBUS_CRC', 'crc'));
    for (const expected of ['MODBUS_TIMEOUT', 'MODBUS_TIMEOUT', 'MODBUS_CRC']) {
      await assert.rejects(meter.read(), (e: unknown) => e instanceof HalError && e.code === expected);
    }
    assert.equal(meter.faulted, true);
    assert.equal(meter.fault?.code, 'MODBUS_CRC');
    assert.deepEqual(log, ['fault:MODBUS_CRC']);
    await meter.read();
    assert.equal(meter.faulted, false);
    assert.deepEqual(log, ['fault:MODBUS_CRC', 'recovered']);
  });

  test('2 failed reads then a good one: no fault event; 3 in a row: one, emitted before the third read rejects', async () => {
    const { meter, bus } = meterFor('eastron-sdm630', SAMPLE_3P);
    const log: string[] = [];
    meter.events.on('fault', (e) => log.push(`fault:${e.code}`));
    await meter.start();
    const read = (): Promise<unknown> =>
      meter.read().then(
        () => log.push('ok'),
        (e: HalError) => log.push(`rejected:${e.code}`),
      );
    bus.failNext(timeoutError(), timeoutError());
    await read();
    await read();
    await read();
    assert.deepEqual(log, ['rejected:MODBUS_TIMEOUT', 'rejected:MODBUS_TIMEOUT', 'ok']);
    log.length = 0;
    bus.failNext(timeoutError(), timeoutError(), timeoutError(), timeoutError());
    for (let i = 0; i < 4; i++) await read();
    assert.deepEqual(log, ['rejected:MODBUS_TIMEOUT', 'rejected:MODBUS_TIMEOUT', 'fault:MODBUS_TIMEOUT', 'rejected:MODBUS_TIMEOUT', 'rejected:MODBUS_TIMEOUT']);
  });

  test('one CRC glitch on the line is a retry inside the read, not a failed read and not a fault', async () => {
    const model = loadModel('eastron-sdm630');
    const image = registerImage(model, SAMPLE_3P);
    let corrupted = 0;
    const device = new MockSerialDevice(mockPath(), (req) => {
      const reply = replyTo(req, (a) => image.get(a) ?? 0);
      if (corrupted++ === 0) reply[reply.length - 1]! ^= 0xff;
      return reply;
    });
    const clock = new FakeClock();
    const bus = new RtuBus({ path: device.path, baudRate: 115200 }, { clock, openPort: device.openPort });
    const meter = new ModbusMeter({ model: 'eastron-sdm630', unitId: 1, bus }, clock);
    const faults: string[] = [];
    meter.events.on('fault', (e) => faults.push(e.code));
    await meter.start();
    try {
      const r = await pump(clock, meter.read(), 2000);
      expectReading(r, SAMPLE_3P, model);
      assert.equal(bus.stats.badFrames, 1);
      assert.equal(bus.stats.retries, 1);
      assert.deepEqual(faults, []);
      assert.equal(meter.faulted, false);
    } finally {
      await meter.stop();
    }
  });

  test('a failure in the second block fails the whole read (no half readings)', async () => {
    const { meter, bus } = meterFor('eastron-sdm630', SAMPLE_3P);
    await meter.start();
    await meter.read();
    const before = bus.requests.length;
    const real = bus.readRegisters.bind(bus);
    let n = 0;
    bus.readRegisters = (req) => (++n === 2 ? Promise.reject(timeoutError()) : real(req));
    await assert.rejects(meter.read(), (e: unknown) => e instanceof HalError && e.code === 'MODBUS_TIMEOUT');
    assert.equal(bus.requests.length - before, 1, 'stopped after the failed block');
  });

  test('counter going backwards between reads is METER_BACKWARDS', async () => {
    const { meter, bus, model } = meterFor('eastron-sdm630', SAMPLE_3P);
    await meter.start();
    await meter.read();
    bus.setUnit(7, 4, registerImage(model, { ...SAMPLE_3P, energyImportWh: 1000 }));
    await assert.rejects(meter.read(), (e: unknown) => e instanceof HalError && e.code === 'METER_BACKWARDS');
    assert.equal(meter.faulted, true);
  });

  test('stop/start forgets the counter (a replaced meter starts from its own value)', async () => {
    const { meter, bus, model } = meterFor('eastron-sdm630', SAMPLE_3P);
    await meter.start();
    await meter.read();
    await meter.stop();
    bus.setUnit(7, 4, registerImage(model, { ...SAMPLE_3P, energyImportWh: 1000 }));
    await meter.start();
    assert.equal((await meter.read()).energyImportWh, 1000);
  });

  test('stale: counter frozen while 7 kW flows, polled every second (FakeClock)', async () => {
    const { meter, clock } = meterFor('eastron-sdm630', SAMPLE_3P);
    await meter.start();
    await meter.read();
    for (let i = 1; i < 10; i++) {
      clock.advance(1000);
      await meter.read();
    }
    clock.advance(1000);
    await assert.rejects(meter.read(), (e: unknown) => e instanceof HalError && e.code === 'METER_STALE');
  });

  test('stale on a 0.1 kWh counter (EM340) waits for 200 Wh of expected energy, not 10 reads', async () => {
    const { meter, clock } = meterFor('carlo-gavazzi-em340', SAMPLE_3P);
    await meter.start();
    await meter.read();
    // 7215.3 W -> 2.004 Wh per 1 s poll: 200 Wh after 100 polls.
    for (let i = 1; i < 100; i++) {
      clock.advance(1000);
      await meter.read();
    }
    clock.advance(1000);
    await assert.rejects(meter.read(), (e: unknown) => e instanceof HalError && e.code === 'METER_STALE');
  });

  test('supervision thresholds come from the meter config', async () => {
    const model = loadModel('eastron-sdm630');
    const bus = new FakeBus();
    bus.setUnit(1, 4, registerImage(model, SAMPLE_3P));
    const meter = new ModbusMeter({ model, unitId: 1, bus, supervision: { failuresBeforeFault: 1 } }, new FakeClock());
    await meter.start();
    bus.failNext(timeoutError());
    await assert.rejects(meter.read());
    assert.equal(meter.faulted, true);
  });
});
