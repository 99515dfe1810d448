/**
 * hal.readers on a linux board, in-process through createLinuxAgentHal: the configured PN532 (our peer over a
 * socat pty) is the reader of the EVSE it names, started and stopped with the HAL, and a reader that is not
 * there does not fail the HAL's start.
 */
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SystemClock } from '../../../agent/clock/clock.js';
import { createConfigValidator } from '../../../agent/config/load.js';
import { createLinuxAgentHal } from '../../../agent/hal-linux.js';
import { silentLogger } from '../../../agent/log.js';
import { FakeGpioBackend } from '../../../hal/gpio/fake-backend.js';
import { Pn532Reader } from '../../../hal/linux/rfid/pn532-reader.js';
import { Pn532Peer } from '../../peers/pn532/pn532-peer.js';
import { PtyPair } from '../../peers/pn532/pty-pair.js';
import { nextEvent } from '../../unit/hal-contract/identifier-reader.contract.js';
import { BoardRig, LINES } from './board-rig.js';

const clock = new SystemClock();
let rig: BoardRig;
beforeEach(() => (rig = new BoardRig()));
afterEach(() => rig.cleanup());

function config(board: unknown, readers: unknown[]) {
  const dir = '/nonexistent/chargerd-test';
  return createConfigValidator()({
    chargePointId: 'CP-RFID',
    ocpp: { version: '1.6', csmsUrl: 'ws://127.0.0.1:9/ocpp' },
    dataDir: dir,
    controlSocket: join(dir, 'control.sock'),
    hal: { driver: 'linux', board, readers },
    evses: [{ id: 1, connector: 'cable' }],
  });
}

test('a configured PN532 is EVSE 1 reader: a card on it is a tag there; stopped with the HAL', async () => {
  const pty = await PtyPair.open();
  const peer = await Pn532Peer.open(pty.peerPath);
  const gpio = new FakeGpioBackend({ clock });
  gpio.setInput(LINES.rcdTrip, 1);
  const parts = await createLinuxAgentHal(config(rig.board(join(rig.dir, 'ttyNONE'), 30), [{ type: 'pn532', evse: 1, port: pty.devicePath, pollIntervalMs: 50 }]), clock, silentLogger(), { gpioBackend: gpio });
  try {
    const reader = parts.hal.evses.get(1)!.reader;
    assert.ok(reader instanceof Pn532Reader);
    await parts.hal.start();
    const read = nextEvent(reader, 'tag');
    peer.placeCard(Uint8Array.of(0x04, 0xa1, 0xb2, 0xc3));
    assert.deepEqual(await read, ['04A1B2C3']);
  } finally {
    await parts.hal.stop();
    await peer.close();
    await pty.close();
  }
});

test('a PN532 whose port does not exist: the HAL starts, the reader reports a fault', async () => {
  const gpio = new FakeGpioBackend({ clock });
  gpio.setInput(LINES.rcdTrip, 1);
  const parts = await createLinuxAgentHal(config(rig.board(join(rig.dir, 'ttyNONE'), 30), [{ type: 'pn532', evse: 1, port: join(rig.dir, 'ttyNOREADER'), pollIntervalMs: 50 }]), clock, silentLogger(), {
    gpioBackend: gpio,
  });
  try {
    const reader = parts.hal.evses.get(1)!.reader!;
    const fault = nextEvent(reader, 'fault');
    await parts.hal.start();
    assert.match((await fault)[0], /cannot open .*ttyNOREADER/);
  } finally {
    await parts.hal.stop();
  }
});
