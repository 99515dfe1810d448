/**
 * Several meters on one real RTU line, and real device answers to faults: an absent unit (timeout), a
 * function the meter does not serve (exception), a counter that grows while the line is polled.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SystemClock } from '../../../agent/clock/clock.js';
import { HalError } from '../../../hal/errors.js';
import { ModbusBusRegistry, createModbusMeter, loadModel } from '../../../hal/meters/index.js';
import { RtuBus } from '../../../hal/modbus/rtu-bus.js';
import { MeterPeer } from './peer.js';
import { SAMPLE_3P, assertReading } from './expect.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

describe('two meters (two unit ids) on one RTU bus', { timeout: SUITE_TIMEOUT_MS }, () => {
  let peer: MeterPeer;
  const sdm = loadModel('eastron-sdm630');
  const em = loadModel('carlo-gavazzi-em340');
  const emValues = { ...SAMPLE_3P, energyImportWh: 555000, powerW: 1000 };

  before(async () => {
    peer = await MeterPeer.start({
      meters: [
        { model: 'eastron-sdm630', unit: 1, values: SAMPLE_3P },
        { model: 'carlo-gavazzi-em340', unit: 2, values: emValues },
      ],
    });
  });
  after(async () => {
    await peer?.stop();
  });

  test('both meters read correctly, concurrently, through one shared port', async () => {
    const clock = new SystemClock();
    const registry = new ModbusBusRegistry({ clock });
    const transport = { kind: 'rtu' as const, path: peer.devicePath, baudRate: 9600 };
    const m1 = createModbusMeter({ model: 'eastron-sdm630', unitId: 1, transport }, { clock, registry });
    const m2 = createModbusMeter({ model: 'carlo-gavazzi-em340', unitId: 2, transport }, { clock, registry });
    await Promise.all([m1.start(), m2.start()]);
    try {
      for (let i = 0; i < 5; i++) {
        const [r1, r2] = await Promise.all([m1.read(), m2.read()]);
        assertReading(r1, SAMPLE_3P, sdm);
        assertReading(r2, emValues, em);
      }
      const stats = registry.bus(`rtu:${peer.devicePath}`)!.stats;
      assert.equal(stats.ok, 5 * (3 + 2));
      assert.equal(stats.timeouts + stats.badFrames + stats.stray, 0);
    } finally {
      await m1.stop();
      await m2.stop();
    }
    assert.equal(clock.pendingTimers(), 0);
  });

  test('an absent unit times out; a function the meter does not serve is an exception', async () => {
    const clock = new SystemClock();
    const bus = new RtuBus({ path: peer.devicePath, baudRate: 9600, timeoutMs: 150, retries: 1 }, { clock });
    await bus.start();
    try {
      await assert.rejects(bus.readRegisters({ unitId: 9, functionCode: 4, address: 0, count: 2 }), (e: unknown) => e instanceof HalError && e.code === 'MODBUS_TIMEOUT');
      assert.equal(bus.stats.timeouts, 2, 'retried once');
      await assert.rejects(
        bus.readRegisters({ unitId: 1, functionCode: 3, address: 0x48, count: 2 }),
        (e: unknown) => e instanceof HalError && e.code === 'MODBUS_EXCEPTION' && e.details.modbusCode === 2,
      );
      // The line is still good after both faults.
      const regs = await bus.readRegisters({ unitId: 2, functionCode: 4, address: 0x34, count: 2 });
      assert.equal(regs[0]! + regs[1]! * 0x10000, 5550);
    } finally {
      await bus.stop();
    }
  });

  test('a counter growing on the meter is seen growing by the driver', async () => {
    peer.setValues(2, { ...emValues, energyImportWhPerS: 2000 });
    const clock = new SystemClock();
    const registry = new ModbusBusRegistry({ clock });
    const meter = createModbusMeter({ model: 'carlo-gavazzi-em340', unitId: 2, transport: { kind: 'rtu', path: peer.devicePath } }, { clock, registry });
    await meter.start();
    try {
      const first = (await meter.read()).energyImportWh;
      let last = first;
      const t0 = performance.now();
      while (last === first && performance.now() - t0 < 3000) last = (await meter.read()).energyImportWh;
      assert.ok(last > first, `counter moved from ${first} to ${last}`);
      assert.equal(meter.faulted, false);
    } finally {
      await meter.stop();
      peer.setValues(2, emValues);
    }
  });
});
