import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { HalError } from '../../../hal/errors.js';
import { MeterSupervisor, SUPERVISION_DEFAULTS } from '../../../hal/meters/meter-supervisor.js';
import type { MeterReading } from '../../../hal/types.js';

function setup(config: ConstructorParameters<typeof MeterSupervisor>[0] = {}, resolutionWh?: number) {
  const clock = new FakeClock();
  const sup = new MeterSupervisor(config, clock, resolutionWh === undefined ? undefined : () => resolutionWh);
  const log: string[] = [];
  sup.events.on('fault', (e) => log.push(`fault:${e.code}`));
  sup.events.on('recovered', () => log.push('recovered'));
  /** One poll: time passes, then the reading is checked. */
  const poll = (r: MeterReading, everyMs = 1000): MeterReading => {
    clock.advance(everyMs);
    return sup.accept(r);
  };
  return { clock, sup, log, poll };
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof HalError);
    return e.code;
  }
  return undefined;
}

describe('MeterSupervisor: counter going backwards', () => {
  test('a lower counter is METER_BACKWARDS and a fault at once; climbing back recovers', () => {
    const { sup, log, poll } = setup();
    poll({ energyImportWh: 1000 });
    assert.equal(code(() => poll({ energyImportWh: 999 })), 'METER_BACKWARDS');
    assert.equal(sup.faulted, true);
    assert.equal(sup.fault?.code, 'METER_BACKWARDS');
    assert.equal(code(() => poll({ energyImportWh: 998 })), 'METER_BACKWARDS');
    assert.deepEqual(log, ['fault:METER_BACKWARDS'], 'one fault event while the reason stays the same');
    poll({ energyImportWh: 1000 });
    assert.equal(sup.faulted, false);
    assert.deepEqual(log, ['fault:METER_BACKWARDS', 'recovered']);
  });

  test('the reference is the highest value seen, not the last', () => {
    const { poll } = setup();
    poll({ energyImportWh: 1000 });
    assert.equal(code(() => poll({ energyImportWh: 500 })), 'METER_BACKWARDS');
    assert.equal(code(() => poll({ energyImportWh: 600 })), 'METER_BACKWARDS');
  });

  test('backwardsToleranceWh allows a configured dip', () => {
    const { poll } = setup({ backwardsToleranceWh: 5 });
    poll({ energyImportWh: 1000 });
    assert.equal(code(() => poll({ energyImportWh: 995 })), undefined);
    assert.equal(code(() => poll({ energyImportWh: 994 })), 'METER_BACKWARDS');
  });

  test('reset() (a new start) forgets the counter', () => {
    const { sup, poll } = setup();
    poll({ energyImportWh: 1000 });
    sup.reset();
    assert.equal(code(() => poll({ energyImportWh: 10 })), undefined);
  });

  test('the fault listener runs before the error reaches the reader', () => {
    const { sup, poll } = setup();
    const order: string[] = [];
    sup.events.on('fault', () => order.push('listener'));
    poll({ energyImportWh: 1000 });
    try {
      poll({ energyImportWh: 1 });
    } catch {
      order.push('caller');
    }
    assert.deepEqual(order, ['listener', 'caller']);
  });
});

describe('MeterSupervisor: stale counter', () => {
  const charging = (wh: number): MeterReading => ({ energyImportWh: wh, powerW: 7000, currentA: { L1: 10, L2: 10, L3: 10 } });

  test(`defaults: stale after ${SUPERVISION_DEFAULTS.staleReads} unchanged reads with power flowing`, () => {
    const { sup, log, poll } = setup();
    poll(charging(5000));
    for (let i = 1; i < SUPERVISION_DEFAULTS.staleReads; i++) assert.equal(code(() => poll(charging(5000))), undefined, `read ${i}`);
    assert.equal(code(() => poll(charging(5000))), 'METER_STALE');
    assert.equal(sup.faulted, true);
    assert.match(sup.fault!.message, /stuck at 5000 Wh/);
    assert.equal(code(() => poll(charging(5000))), 'METER_STALE');
    assert.deepEqual(log, ['fault:METER_STALE']);
    poll(charging(5001));
    assert.deepEqual(log, ['fault:METER_STALE', 'recovered']);
  });

  test('a moving counter never goes stale', () => {
    const { poll } = setup();
    for (let i = 0; i < 100; i++) poll(charging(5000 + 2 * i));
  });

  test('no flow (below the power and current thresholds) is not stale', () => {
    const { poll } = setup();
    for (let i = 0; i < 100; i++) poll({ energyImportWh: 5000, powerW: 50, currentA: { L1: 0.2 } });
  });

  test('a pause in the flow restarts the count', () => {
    const { poll } = setup();
    poll(charging(5000));
    for (let i = 0; i < 9; i++) poll(charging(5000));
    poll({ energyImportWh: 5000, powerW: 0, currentA: { L1: 0 } });
    for (let i = 0; i < 9; i++) assert.equal(code(() => poll(charging(5000))), undefined);
    assert.equal(code(() => poll(charging(5000))), 'METER_STALE');
  });

  test('coarse counters: stale only after twice the resolution should have been counted', () => {
    // EM340-like 0.1 kWh steps: 200 Wh at 7 kW takes ~103 s.
    const { poll } = setup({}, 100);
    poll(charging(5000));
    for (let i = 1; i <= 102; i++) assert.equal(code(() => poll(charging(5000))), undefined, `read ${i}`);
    assert.equal(code(() => poll(charging(5000))), 'METER_STALE');
  });

  test('a meter without power registers: power estimated from current x voltage', () => {
    const { poll } = setup({ staleMinEnergyWh: 30 });
    const r = (wh: number): MeterReading => ({ energyImportWh: wh, currentA: { L1: 16 }, voltageV: { L1: 230 } });
    poll(r(100));
    // 16 A x 230 V = 3680 W = 1.022 Wh/s: 30 Wh needs 30 reads, more than the 10-read minimum.
    for (let i = 1; i < 30; i++) assert.equal(code(() => poll(r(100))), undefined, `read ${i}`);
    assert.equal(code(() => poll(r(100))), 'METER_STALE');
  });

  test('thresholds are configurable', () => {
    const { poll } = setup({ staleReads: 3, stalePowerW: 10, staleCurrentA: 100, staleMinEnergyWh: 0.1 });
    poll({ energyImportWh: 1, powerW: 500 });
    poll({ energyImportWh: 1, powerW: 500 });
    poll({ energyImportWh: 1, powerW: 500 });
    assert.equal(code(() => poll({ energyImportWh: 1, powerW: 500 })), 'METER_STALE');
  });
});

describe('MeterSupervisor: failed reads', () => {
  test(`fault after ${SUPERVISION_DEFAULTS.failuresBeforeFault} failures in a row, carrying the last error`, () => {
    const { sup, log } = setup();
    const t = new HalError('MODBUS_TIMEOUT', 't');
    assert.equal(sup.failed(t), t);
    sup.failed(new HalError('MODBUS_CRC', 'c'));
    assert.equal(sup.faulted, false);
    sup.failed(t);
    assert.equal(sup.faulted, true);
    assert.equal(sup.fault, t);
    sup.failed(t);
    assert.deepEqual(log, ['fault:MODBUS_TIMEOUT']);
    sup.failed(new HalError('MODBUS_CRC', 'c'));
    assert.deepEqual(log, ['fault:MODBUS_TIMEOUT', 'fault:MODBUS_CRC'], 'a new reason is announced');
  });

  test('threshold: 2 failures then a good read raise no fault; 3 in a row raise exactly one', () => {
    const { sup, log, poll } = setup();
    sup.failed(new HalError('MODBUS_TIMEOUT', 't'));
    sup.failed(new HalError('MODBUS_CRC', 'c'));
    poll({ energyImportWh: 1 });
    assert.deepEqual(log, []);
    for (let i = 0; i < 3; i++) sup.failed(new HalError('MODBUS_TIMEOUT', 't'));
    assert.deepEqual(log, ['fault:MODBUS_TIMEOUT']);
  });

  test('a good read between failures resets the count', () => {
    const { sup, poll } = setup();
    sup.failed(new HalError('MODBUS_TIMEOUT', 't'));
    sup.failed(new HalError('MODBUS_TIMEOUT', 't'));
    poll({ energyImportWh: 1 });
    sup.failed(new HalError('MODBUS_TIMEOUT', 't'));
    sup.failed(new HalError('MODBUS_TIMEOUT', 't'));
    assert.equal(sup.faulted, false);
  });

  test('recovers on the next good reading', () => {
    const { sup, log, poll } = setup({ failuresBeforeFault: 1 });
    sup.failed(new HalError('PORT_CLOSED', 'gone'));
    assert.equal(sup.faulted, true);
    poll({ energyImportWh: 1 });
    assert.equal(sup.faulted, false);
    assert.deepEqual(log, ['fault:PORT_CLOSED', 'recovered']);
  });

  test('errors that are not HalErrors become METER_UNAVAILABLE', () => {
    const { sup } = setup();
    const e = sup.failed(new Error('boom'));
    assert.equal(e.code, 'METER_UNAVAILABLE');
    assert.match(e.message, /boom/);
  });
});
