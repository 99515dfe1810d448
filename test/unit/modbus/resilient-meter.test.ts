import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { ResilientMeter } from '../../../agent/hal-linux-meter.js';
import { silentLogger } from '../../../agent/log.js';
import { HalError } from '../../../hal/errors.js';
import type { MeterConfig } from '../../../hal/linux/board-config.js';
import { loadModel } from '../../../hal/meters/model.js';
import { ModbusMeter } from '../../../hal/meters/modbus-meter.js';
import { FakeBus, registerImage, SAMPLE_3P, timeoutError } from './helpers.js';

/** A bus whose port cannot be opened until `unplugged` is cleared (a USB adapter pulled out). */
class UnpluggableBus extends FakeBus {
  unplugged = true;
  override async start(): Promise<void> {
    if (this.unplugged) throw new HalError('PORT_ERROR', 'fake: no such port');
    await super.start();
  }
}

const CFG: MeterConfig = { kind: 'modbus-rtu', port: '/dev/ttyUSB9', baudRate: 9600, parity: 'none', dataBits: 8, stopBits: 1, model: 'eastron-sdm630', unitId: 1 };

function setup() {
  const clock = new FakeClock();
  const bus = new UnpluggableBus();
  bus.setUnit(1, 4, registerImage(loadModel('eastron-sdm630'), SAMPLE_3P));
  const inner = new ModbusMeter({ model: 'eastron-sdm630', unitId: 1, bus }, clock);
  const meter = new ResilientMeter(inner, 1, CFG, silentLogger());
  const log: string[] = [];
  meter.events.on('fault', (e) => log.push(`fault:${e.code}`));
  meter.events.on('recovered', () => log.push('recovered'));
  const read = (): Promise<unknown> =>
    meter.read().then(
      () => log.push('ok'),
      (e: HalError) => log.push(`rejected:${e.code}`),
    );
  return { bus, meter, log, read };
}

describe('ResilientMeter', () => {
  test('a meter that cannot be started: reads count as failed reads, one fault at the threshold, before the read rejects', async () => {
    const { bus, meter, log, read } = setup();
    await meter.start();
    assert.deepEqual(log, [], 'a failed start() alone is not a fault (it never rejects)');
    await read();
    await read();
    assert.deepEqual(log, ['rejected:METER_UNAVAILABLE', 'rejected:METER_UNAVAILABLE']);
    await read();
    await read();
    assert.deepEqual(log.slice(2), ['fault:METER_UNAVAILABLE', 'rejected:METER_UNAVAILABLE', 'rejected:METER_UNAVAILABLE']);
    bus.unplugged = false;
    await read();
    assert.deepEqual(log.slice(5), ['recovered', 'ok']);
    await meter.stop();
  });

  test('2 failed starts then a start and a good read: no fault', async () => {
    const { bus, meter, log, read } = setup();
    await meter.start();
    await read();
    await read();
    bus.unplugged = false;
    await read();
    assert.deepEqual(log, ['rejected:METER_UNAVAILABLE', 'rejected:METER_UNAVAILABLE', 'ok']);
    await meter.stop();
  });

  test("forwards the started inner meter's fault and recovered", async () => {
    const { bus, meter, log, read } = setup();
    bus.unplugged = false;
    await meter.start();
    bus.failNext(timeoutError(), timeoutError(), timeoutError());
    for (let i = 0; i < 4; i++) await read();
    assert.deepEqual(log, ['rejected:MODBUS_TIMEOUT', 'rejected:MODBUS_TIMEOUT', 'fault:MODBUS_TIMEOUT', 'rejected:MODBUS_TIMEOUT', 'recovered', 'ok']);
    await meter.stop();
  });
});
