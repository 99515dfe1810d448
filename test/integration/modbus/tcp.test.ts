/** Modbus TCP: the generic driver against pymodbus's TCP server on 127.0.0.1 (a gateway stand-in). */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SystemClock } from '../../../agent/clock/clock.js';
import { HalError } from '../../../hal/errors.js';
import { ModbusBusRegistry, createModbusMeter, loadModel } from '../../../hal/meters/index.js';
import { TcpBus } from '../../../hal/modbus/tcp-bus.js';
import { MeterPeer } from './peer.js';
import { SAMPLE_3P, assertReading } from './expect.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

describe('Modbus TCP against pymodbus', { timeout: SUITE_TIMEOUT_MS }, () => {
  let peer: MeterPeer;
  before(async () => {
    peer = await MeterPeer.start({
      tcp: true,
      meters: [
        { model: 'eastron-sdm630', unit: 1, values: SAMPLE_3P },
        { model: 'abb-b23', unit: 5, values: SAMPLE_3P },
      ],
    });
  });
  after(async () => {
    await peer?.stop();
  });

  test('an input-register meter (SDM630) and a holding-register meter (ABB B23) behind one gateway', async () => {
    const clock = new SystemClock();
    const registry = new ModbusBusRegistry({ clock });
    const transport = { kind: 'tcp' as const, host: '127.0.0.1', port: peer.tcpPort };
    const sdm = createModbusMeter({ model: 'eastron-sdm630', unitId: 1, transport }, { clock, registry });
    const abb = createModbusMeter({ model: 'abb-b23', unitId: 5, transport }, { clock, registry });
    await sdm.start();
    await abb.start();
    try {
      for (let i = 0; i < 3; i++) {
        const [a, b] = await Promise.all([sdm.read(), abb.read()]);
        assertReading(a, SAMPLE_3P, loadModel('eastron-sdm630'));
        assertReading(b, SAMPLE_3P, loadModel('abb-b23'));
      }
      assert.equal(registry.bus(`tcp:127.0.0.1:${peer.tcpPort}`)!.stats.ok, 3 * (3 + 3));
    } finally {
      await sdm.stop();
      await abb.stop();
    }
    assert.equal(clock.pendingTimers(), 0);
  });

  test('exception replies and values rewritten while connected', async () => {
    const clock = new SystemClock();
    const bus = new TcpBus({ host: '127.0.0.1', port: peer.tcpPort, retries: 0 }, { clock });
    await bus.start();
    try {
      await assert.rejects(
        bus.readRegisters({ unitId: 1, functionCode: 4, address: 0xfff0, count: 2 }),
        (e: unknown) => e instanceof HalError && e.code === 'MODBUS_EXCEPTION' && e.details.modbusCode === 2,
      );
      peer.setValues(1, { ...SAMPLE_3P, energyImportWh: 42000 });
      const regs = await bus.readRegisters({ unitId: 1, functionCode: 4, address: 0x48, count: 2 });
      const f = new DataView(new Uint16Array([regs[1]!, regs[0]!]).buffer).getFloat32(0, true);
      assert.equal(f, 42);
    } finally {
      await bus.stop();
    }
  });
});
