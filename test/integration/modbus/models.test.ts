/**
 * Every shipped meter model, end to end: the generic driver on one end of a socat pty pair reads a pymodbus
 * RTU server on the other end that encodes its registers from the same model file, with the model's own
 * factory serial settings. And a manufacturer's own model file from a models directory, found the way the agent
 * finds it (through the board), read the same way.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '../../../agent/clock/clock.js';
import { resolveBoard } from '../../../agent/hal-linux-board.js';
import { boardProfileUrl } from '../../../hal/linux/board-config.js';
import { ModbusBusRegistry, createModbusMeter, loadModel, modelUrl, shippedModelNames, type ModelFile } from '../../../hal/meters/index.js';
import { MeterPeer, checkPeerTools } from './peer.js';
import { assertReading, sampleFor } from './expect.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

test('socat and pymodbus are installed (CI installs them; missing tools fail, never skip)', () => {
  checkPeerTools();
});

describe('every shipped meter model over a real RTU link (socat + pymodbus)', { timeout: SUITE_TIMEOUT_MS }, () => {
  for (const name of shippedModelNames()) {
    test(name, async () => {
      const model = loadModel(name);
      const unit = 17;
      const values = sampleFor(model);
      const peer = await MeterPeer.start({ meters: [{ model: name, unit, values }] });
      const clock = new SystemClock();
      const meter = createModbusMeter(
        { model: name, unitId: unit, transport: { kind: 'rtu', path: peer.devicePath, timeoutMs: 1000 } },
        { clock, registry: new ModbusBusRegistry({ clock }) },
      );
      try {
        await meter.start();
        assertReading(await meter.read(), values, model);

        // The test rewrites the values; the next read sees them (the counter moved on by 1.5 kWh).
        const next = { ...values, energyImportWh: values.energyImportWh + 1500, powerW: 3000 };
        peer.setValues(unit, next);
        assertReading(await meter.read(), next, model);
        assert.equal(meter.faulted, false);
      } finally {
        await meter.stop();
        const pids = peer.pids;
        await peer.stop();
        for (const pid of pids) assert.throws(() => process.kill(pid, 0), /ESRCH/, `peer process ${pid} is gone`);
      }
      assert.equal(clock.pendingTimers(), 0, 'no timers left behind');
    });
  }
});

describe("a manufacturer's model file from the models directory over a real RTU link", { timeout: SUITE_TIMEOUT_MS }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'chargerd-own-model-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the board names it by name; the peer serves the same file; the reading follows its register map', async () => {
    // A map no built-in model has: the energy counter as a little-endian uint32 in Wh, at a register of its own.
    const own: ModelFile = JSON.parse(readFileSync(modelUrl('eastron-sdm630'), 'utf8')) as ModelFile;
    own.model = 'ACME 3000';
    own.vendor = 'ACME';
    own.measurands.energy = { register: '0x0200', words: 2, type: 'uint32', wordOrder: 'little', scale: 1, unit: 'Wh' };
    mkdirSync(join(dir, 'meters'));
    const file = join(dir, 'meters', 'acme-3000.json');
    writeFileSync(file, JSON.stringify(own));
    const board = JSON.parse(readFileSync(boardProfileUrl('rpi-generic'), 'utf8'));
    board.evses[0].meter.model = 'acme-3000';
    const resolved = resolveBoard(board, { parts: true, modelsDir: join(dir, 'meters') });
    const ref = resolved.board.evses[0]!.meter.model;
    assert.equal(ref, file);

    const model = loadModel(ref);
    const unit = 3;
    const values = sampleFor(model);
    const peer = await MeterPeer.start({ meters: [{ model: file, unit, values }] });
    const clock = new SystemClock();
    const meter = createModbusMeter({ model: ref, unitId: unit, transport: { kind: 'rtu', path: peer.devicePath, timeoutMs: 1000 } }, { clock, registry: new ModbusBusRegistry({ clock }) });
    try {
      await meter.start();
      assertReading(await meter.read(), values, model);
      const next = { ...values, energyImportWh: values.energyImportWh + 2345 };
      peer.setValues(unit, next);
      const r = await meter.read();
      assertReading(r, next, model);
      assert.equal(r.energyImportWh, Math.round(next.energyImportWh), 'the counter is read as the file says: whole Wh in a uint32');
    } finally {
      await meter.stop();
      await peer.stop();
    }
    assert.equal(clock.pendingTimers(), 0, 'no timers left behind');
  });
});
