/**
 * createLinuxAgentHal in-process: how hal.board is resolved and checked against the config (ConfigError with the
 * field), the meter that must not stop the agent, the synchronous RCD reaction on the HAL it builds, and the
 * bring-up control methods. GPIO is a FakeGpioBackend passed through the documented `gpioBackend` option (so
 * the test sets inputs and reads outputs in the same call stack); PWM and the CP ADC are sysfs-like file trees.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SystemClock } from '../../../agent/clock/clock.js';
import { ConfigError, createConfigValidator, type ResolvedConfig } from '../../../agent/config/load.js';
import { ControlError } from '../../../agent/control/protocol.js';
import { createLinuxAgentHal, type LinuxAgentHal } from '../../../agent/hal-linux.js';
import { meterReadingRows, type HalControlContext } from '../../../agent/hal-linux-control.js';
import { silentLogger } from '../../../agent/log.js';
import { attachSafety } from '../../../agent/station/safety.js';
import type { Station } from '../../../agent/station/station.js';
import type { EvseFault } from '../../../agent/station/types.js';
import { Emitter } from '../../../hal/emitter.js';
import { HalError } from '../../../hal/errors.js';
import { FakeGpioBackend } from '../../../hal/gpio/fake-backend.js';
import { BoardRig, LINES } from './board-rig.js';

const validate = createConfigValidator();

function config(board: unknown, evses: { id: number; connector?: 'socket' | 'cable'; phases?: 1 | 3 }[] = [{ id: 1, connector: 'cable' }]): ResolvedConfig {
  const dir = '/nonexistent/chargerd-test';
  return validate({
    chargePointId: 'CP-HAL',
    ocpp: { version: '1.6', csmsUrl: 'ws://127.0.0.1:9/ocpp' },
    dataDir: dir,
    controlSocket: join(dir, 'control.sock'),
    hal: { driver: 'linux', board },
    evses,
  });
}

function configErrors(fn: () => unknown): Promise<ConfigError> {
  return Promise.resolve()
    .then(fn)
    .then(
      () => assert.fail('expected a ConfigError'),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
        return err;
      },
    );
}

const clock = new SystemClock();
const log = silentLogger();

describe('hal.board resolution and checks (ConfigError with the field)', () => {
  let rig: BoardRig;
  beforeEach(() => (rig = new BoardRig()));
  afterEach(() => rig.cleanup());

  test('the shipped rpi-generic profile by name builds (nothing touched until start)', async () => {
    const parts = await createLinuxAgentHal(config('rpi-generic', [{ id: 1, connector: 'socket' }]), clock, log, { gpioBackend: new FakeGpioBackend({ clock }) });
    assert.deepEqual([...parts.hal.evses.keys()], [1]);
    assert.equal(parts.sim, null);
    assert.deepEqual(Object.keys(parts.control).sort(), ['hal.pilot', 'hal.probe', 'hal.rcd.test', 'hal.relay.test', 'meter.read']);
    assert.deepEqual(parts.hal.evses.get(1)!.meter.measurands.includes('voltage'), true);
  });

  test('an unknown profile name, a sim profile and a value that is no profile', async () => {
    let e = await configErrors(() => createLinuxAgentHal(config('no-such-board'), clock, log));
    assert.equal(e.problems[0]!.field, '/hal/board');
    assert.match(e.problems[0]!.rule, /no shipped board profile named "no-such-board"/);
    e = await configErrors(() => createLinuxAgentHal(config('sim'), clock, log));
    assert.match(e.problems[0]!.rule, /simulation profile; use hal.driver "sim"/);
    e = await configErrors(() => createLinuxAgentHal(config(''), clock, log));
    assert.equal(e.problems[0]!.field, '/hal/board');
    e = await configErrors(() => createLinuxAgentHal(config(join(rig.dir, 'missing.json')), clock, log));
    assert.match(e.problems[0]!.rule, /cannot read board profile/);
  });

  test('an invalid inline profile: one problem per field, pointed at inside the config', async () => {
    const board = rig.board('/dev/null') as any;
    delete board.evses[0].pilot.adc.gain;
    board.gpio.backend = 'wiringpi';
    const e = await configErrors(() => createLinuxAgentHal(config(board), clock, log));
    const fields = e.problems.map((p) => p.field).sort();
    assert.deepEqual(fields, ['/hal/board/evses/0/pilot/adc/gain', '/hal/board/gpio/backend']);
    assert.match(e.message, /\/hal\/board\/evses\/0\/pilot\/adc\/gain: is required/);
  });

  test('an invalid profile file is named with the field inside it', async () => {
    const board = rig.board('/dev/null') as any;
    board.evses[0].contactor.outputs = [];
    const file = join(rig.dir, 'bad.json');
    writeFileSync(file, JSON.stringify(board));
    const e = await configErrors(() => createLinuxAgentHal(config(file), clock, log));
    assert.equal(e.problems[0]!.field, '/hal/board');
    assert.match(e.problems[0]!.rule, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} /evses/0/contactor/outputs: `));
  });

  test("the board's EVSEs must be the config's, with the same connector kind", async () => {
    let e = await configErrors(() => createLinuxAgentHal(config(rig.board('/dev/null'), [{ id: 1, connector: 'cable' }, { id: 2, connector: 'cable' }]), clock, log));
    assert.equal(e.problems[0]!.field, '/hal/board/evses');
    assert.match(e.problems[0]!.rule, /wires EVSE ids \[1\] but the config's evses are \[1, 2\]/);
    e = await configErrors(() => createLinuxAgentHal(config(rig.board('/dev/null'), [{ id: 1, connector: 'socket' }]), clock, log));
    assert.deepEqual(e.problems.map((p) => p.field), ['/evses/0/connector']);
    assert.match(e.problems[0]!.rule, /has a cable on EVSE 1; set "connector": "cable"/);
  });

  test('meters: an unknown model, a single-phase meter on a three-phase EVSE, a reader without a driver', async () => {
    const unknown = rig.board('/dev/null') as any;
    unknown.evses[0].meter.model = 'acme-9000';
    let e = await configErrors(() => createLinuxAgentHal(config(unknown), clock, log));
    assert.equal(e.problems[0]!.field, '/hal/board/evses/0/meter/model');
    assert.equal(e.problems[0]!.value, 'acme-9000');
    assert.match(e.problems[0]!.rule, /acme-9000/);

    const single = rig.board('/dev/null') as any;
    single.evses[0].meter.model = 'eastron-sdm120';
    e = await configErrors(() => createLinuxAgentHal(config(single, [{ id: 1, connector: 'cable', phases: 3 }]), clock, log));
    assert.deepEqual(e.problems.map((p) => p.field), ['/evses/0/phases']);
    // The same meter on a single-phase EVSE is fine.
    await createLinuxAgentHal(config(single, [{ id: 1, connector: 'cable', phases: 1 }]), clock, log, { gpioBackend: new FakeGpioBackend({ clock }) });

    const reader = rig.board('/dev/null') as any;
    reader.evses[0].reader = { kind: 'pn532', port: '/dev/ttyS0' };
    e = await configErrors(() => createLinuxAgentHal(config(reader), clock, log));
    assert.equal(e.problems[0]!.field, '/hal/board/evses/0/reader');
  });
});

describe('a running linux HAL with fake GPIO and sysfs trees', () => {
  let rig: BoardRig;
  let gpio: FakeGpioBackend;
  let parts: LinuxAgentHal;
  let tx: { localId: string } | null;
  let ctx: HalControlContext;
  const stationEvents = new Emitter<{ transactionStarted: (r: { evseId: number }) => void }>();

  const call = (method: string, params: Record<string, unknown>) => Promise.resolve(parts.control[method]!(params, ctx));
  const refused = async (method: string, params: Record<string, unknown>, code: string, message: RegExp) =>
    assert.rejects(call(method, params), (e: unknown) => e instanceof ControlError && e.code === code && message.test(e.message));
  const mirror = () =>
    gpio.onWrite((w) => {
      if (w.line === LINES.relay) gpio.setInput(LINES.mirror, w.value);
    });
  const waitPilot = async (state: string) => {
    const end = Date.now() + 2000;
    while (parts.hal.evses.get(1)!.pilot.state !== state) {
      if (Date.now() > end) throw new Error(`pilot did not reach ${state}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  beforeEach(async () => {
    rig = new BoardRig();
    gpio = new FakeGpioBackend({ clock });
    gpio.setInput(LINES.rcdTrip, 1); // module output high = no fault (activeLow)
    tx = null;
    ctx = {
      station: {
        evse: () => ({ snapshot: () => ({ transaction: tx }) }),
        events: stationEvents,
      } as unknown as Station,
    };
    // The meter's port does not exist: the agent must come up anyway.
    parts = await createLinuxAgentHal(config(rig.board(join(rig.dir, 'ttyNONE'), 30)), clock, log, { gpioBackend: gpio });
    await parts.hal.start();
  });
  afterEach(async () => {
    await parts.hal.stop();
    rig.cleanup();
  });

  test('a meter that cannot be opened does not fail start(); read() rejects METER_UNAVAILABLE with the cause', async () => {
    await assert.rejects(parts.hal.evses.get(1)!.meter.read(), (e: unknown) => e instanceof HalError && e.code === 'METER_UNAVAILABLE' && /ttyNONE/.test(e.message));
    const r = (await call('meter.read', {})) as any;
    assert.equal(r.meters[0].ok, false);
    assert.equal(r.meters[0].error.code, 'METER_UNAVAILABLE');
    assert.equal(r.meters[0].model, 'eastron-sdm630');
  });

  test('an RCD trip opens the contactor and sets the pilot to F before setInput returns', async () => {
    const hw = parts.hal.evses.get(1)!;
    const faults: EvseFault[] = [];
    const detach = attachSafety(hw, { noteFault: () => undefined, onFault: (f) => faults.push(f), onFaultCleared: () => undefined, onPilot: () => undefined }, { ventilation: false, meterFaultStops: true });
    try {
      mirror();
      hw.pilot.setOfferedCurrent(16);
      hw.contactor.close();
      assert.equal(gpio.level(LINES.relay), 1);
      assert.ok(Math.abs(rig.dutyPercent() - 26.67) < 0.01);
      gpio.setInput(LINES.rcdTrip, 0);
      // No await in between: the reaction ran inside the edge callback.
      assert.equal(gpio.level(LINES.relay), 0);
      assert.equal(rig.dutyPercent(), 0);
      assert.deepEqual(faults.map((f) => f.errorCode), ['GroundFailure']);
    } finally {
      detach();
    }
  });

  test('hal.relay.test: close, feedback follows, open; stuck-open is reported; one test at a time', async () => {
    const off = mirror();
    const r = (await call('hal.relay.test', { evse: 1 })) as any;
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.deepEqual(r.close, { commandedClosed: true, feedbackClosed: true, ok: true });
    assert.deepEqual(r.open, { commandedClosed: false, feedbackClosed: false, ok: true });
    assert.equal(gpio.level(LINES.relay), 0);

    off(); // the mirror contact no longer follows: a contactor that does not close
    const bad = call('hal.relay.test', { evse: 1 });
    await refused('hal.relay.test', { evse: 1 }, 'REFUSED', /already running/);
    const stuck = (await bad) as any;
    assert.equal(stuck.ok, false);
    assert.equal(stuck.close.feedbackClosed, false);
    assert.deepEqual(stuck.faults, ['stuck-open']);
    assert.equal(gpio.level(LINES.relay), 0, 'left open');
  });

  test('hal.relay.test is refused with a transaction, an EV connected, a tripped RCD; bad params', async () => {
    tx = { localId: 'tx-1' };
    await refused('hal.relay.test', { evse: 1 }, 'REFUSED', /transaction running \(tx-1\)/);
    await refused('hal.rcd.test', { evse: 1 }, 'REFUSED', /transaction running/);
    tx = null;
    rig.setCpVolts(9);
    await waitPilot('B');
    await refused('hal.relay.test', { evse: 1 }, 'REFUSED', /an EV is connected to EVSE 1 \(pilot B\)/);
    rig.setCpVolts(12);
    await waitPilot('A');
    gpio.setInput(LINES.rcdTrip, 0);
    await refused('hal.relay.test', { evse: 1 }, 'REFUSED', /residual current monitor is tripped/);
    await refused('hal.rcd.test', { evse: 1 }, 'REFUSED', /tripped already/);
    assert.equal(gpio.writeCount(LINES.relay), 1, 'only the open level written at start-up');
    await refused('hal.relay.test', { evse: 2 }, 'NOT_FOUND', /no EVSE 2/);
    await refused('hal.relay.test', {}, 'BAD_PARAMS', /evse/);
    await assert.rejects(Promise.resolve(parts.control['hal.relay.test']!({ evse: 1 })), (e: unknown) => e instanceof ControlError && e.code === 'NOT_AVAILABLE');
  });

  test('hal.relay.test ends at once when the EV arrives during the test', async () => {
    mirror();
    const pending = call('hal.relay.test', { evse: 1 });
    await new Promise((r) => setTimeout(r, 5));
    rig.setCpVolts(9);
    const r = (await pending) as any;
    assert.equal(r.ok, false);
    assert.match(r.aborted, /pilot went from A to B/);
    assert.equal(gpio.level(LINES.relay), 0);
  });

  test('hal.rcd.test: passes when the test line trips the RCD and it resets; fails when nothing trips', async () => {
    const off = gpio.onWrite((w) => {
      if (w.line === LINES.rcdTest) gpio.setInput(LINES.rcdTrip, w.value === 1 ? 0 : 1);
    });
    const r = (await call('hal.rcd.test', { evse: 1 })) as any;
    assert.equal(r.ok, true);
    assert.equal(r.tripped, false);
    assert.equal(gpio.level(LINES.rcdTest), 0);
    off();
    const bad = (await call('hal.rcd.test', { evse: 1 })) as any;
    assert.equal(bad.ok, false);
    assert.equal(gpio.level(LINES.rcdTest), 0);
  });

  test('hal.pilot and hal.probe describe what the agent holds', async () => {
    const p = (await call('hal.pilot', { evse: 1 })) as any;
    assert.deepEqual({ state: p.state, duty: p.dutyCyclePercent, offered: p.offeredCurrentA, proximity: p.proximity }, { state: 'A', duty: 100, offered: 0, proximity: null });
    assert.ok(Math.abs(p.cpVolts - 12) < 0.05);
    const probe = (await call('hal.probe', {})) as any;
    const byPart = Object.fromEntries(probe.results.map((r: any) => [r.part, r]));
    assert.equal(probe.gpioBackend, 'fake');
    assert.equal(byPart['evse1.contactor.outputs[0]'].ok, true);
    assert.equal(byPart['evse1.rcd.trip'].value, 0);
    assert.equal(byPart['evse1.pilot.pwm'].ok, true);
    assert.equal(byPart['evse1.pilot.adc'].ok, true);
    assert.equal(byPart['evse1.meter'].ok, false);
    assert.match(byPart['evse1.meter'].detail, /ttyNONE/);
  });
});

describe('stop releases everything', () => {
  test('lines closed, pilot at F; the injected backend is left to its owner', async () => {
    const rig = new BoardRig();
    const gpio = new FakeGpioBackend({ clock });
    gpio.setInput(LINES.rcdTrip, 1);
    try {
      const parts = await createLinuxAgentHal(config(rig.board(join(rig.dir, 'ttyNONE'), 30)), clock, log, { gpioBackend: gpio });
      await parts.hal.start();
      assert.equal(gpio.isOpen(LINES.relay), true);
      await parts.hal.stop();
      for (const l of Object.values(LINES)) assert.equal(gpio.isOpen(l), false, `line ${l} released`);
      assert.equal(rig.dutyPercent(), 0);
    } finally {
      rig.cleanup();
    }
  });
});

test('meterReadingRows: every measurand with its OCPP name, phase and unit', () => {
  assert.deepEqual(meterReadingRows({ energyImportWh: 10, energyExportWh: 1, powerW: 2, powerPerPhaseW: { L2: 3 }, currentA: { L1: 4, L3: 5 }, voltageV: { L1: 230 }, frequencyHz: 50 }), [
    { measurand: 'Energy.Active.Import.Register', phase: null, value: 10, unit: 'Wh' },
    { measurand: 'Energy.Active.Export.Register', phase: null, value: 1, unit: 'Wh' },
    { measurand: 'Power.Active.Import', phase: null, value: 2, unit: 'W' },
    { measurand: 'Power.Active.Import', phase: 'L2', value: 3, unit: 'W' },
    { measurand: 'Current.Import', phase: 'L1', value: 4, unit: 'A' },
    { measurand: 'Current.Import', phase: 'L3', value: 5, unit: 'A' },
    { measurand: 'Voltage', phase: 'L1', value: 230, unit: 'V' },
    { measurand: 'Frequency', phase: null, value: 50, unit: 'Hz' },
  ]);
});
