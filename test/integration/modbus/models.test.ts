/**
 * Every shipped meter model, end to end: the generic driver on one end of a socat pty pair reads a pymodbus
 * RTU server on the other end that encodes its registers from the same model file, with the model's own
 * factory serial settings.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SystemClock } from '../../../agent/clock/clock.js';
import { ModbusBusRegistry, createModbusMeter, loadModel, shippedModelNames } from '../../../hal/meters/index.js';
import { MeterPeer, checkPeerTools } from './peer.js';
import { assertReading, sampleFor } from './expect.js';

test('socat and pymodbus are installed (CI installs them; missing tools fail, never skip)', () => {
  checkPeerTools();
});

describe('every shipped meter model over a real RTU link (socat + pymodbus)', { timeout: 60000 }, () => {
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
