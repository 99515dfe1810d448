/**
 * What the contract (test/unit/hal-contract/identifier-reader.test.ts) does not cover, per driver: the PN532's
 * wake-up and configuration sequence, garbage on the line, a port that does not exist; evtest that cannot
 * grab, restarts with backoff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SystemClock } from '../../../agent/clock/clock.js';
import { KeyboardReader } from '../../../hal/linux/rfid/keyboard-reader.js';
import { Pn532Reader, PN532_CMD } from '../../../hal/linux/rfid/pn532-reader.js';
import { Pn532Peer } from '../../peers/pn532/pn532-peer.js';
import { PtyPair } from '../../peers/pn532/pty-pair.js';
import { nextEvent } from '../hal-contract/identifier-reader.contract.js';
import { EvtestStandin, keyLines } from './evtest-standin.js';

async function pn532Rig(): Promise<{ peer: Pn532Peer; reader: Pn532Reader; close: () => Promise<void> }> {
  const pty = await PtyPair.open();
  const peer = await Pn532Peer.open(pty.peerPath);
  const reader = new Pn532Reader({ path: pty.devicePath, pollIntervalMs: 40, responseTimeoutMs: 150 }, { clock: new SystemClock() });
  return {
    peer,
    reader,
    close: async () => {
      await reader.stop();
      await peer.close();
      await pty.close();
    },
  };
}

test('PN532: wakes the reader, SAMConfiguration then RFConfiguration, then polls InListPassiveTarget', async () => {
  const { peer, reader, close } = await pn532Rig();
  try {
    const polled = peer.nextCommand(PN532_CMD.InListPassiveTarget, 2);
    await reader.start();
    await polled;
    assert.deepEqual(peer.commands.slice(0, 4), [PN532_CMD.SAMConfiguration, PN532_CMD.RFConfiguration, PN532_CMD.InListPassiveTarget, PN532_CMD.InListPassiveTarget]);
    assert.equal(reader.fault, null);
    assert.equal(reader.stats.inits, 1);
  } finally {
    await close();
  }
});

test('PN532: garbage instead of answers is a fault (counted, no crash); clean answers recover and read the card', async () => {
  const { peer, reader, close } = await pn532Rig();
  try {
    await reader.start();
    await peer.nextCommand(PN532_CMD.InListPassiveTarget);
    const fault = nextEvent(reader, 'fault');
    peer.setGarbage(Uint8Array.of(0x00, 0x00, 0xff, 0x03, 0xfd, 0xd5, 0x4b, 0x00, 0x00, 0x13, 0x37));
    const [reason] = await fault;
    assert.match(reason, /PN532 on .*: (no ACK|no response|unexpected|reader)/);
    assert.ok(reader.stats.garbage > 0);
    const back = nextEvent(reader, 'recovered');
    peer.setGarbage(null);
    await back;
    const read = nextEvent(reader, 'tag');
    peer.placeCard(Uint8Array.of(0x04, 0x11, 0x22, 0x33));
    assert.deepEqual(await read, ['04112233']);
  } finally {
    await close();
  }
});

test('PN532: a port that does not exist is a fault at start, not a rejected start', async () => {
  const reader = new Pn532Reader({ path: '/nonexistent/ttyPN532', pollIntervalMs: 40, failuresBeforeFault: 1 }, { clock: new SystemClock() });
  const fault = nextEvent(reader, 'fault');
  await reader.start();
  const [reason] = await fault;
  assert.match(reason, /cannot open \/nonexistent\/ttyPN532/);
  await reader.stop();
});

test('keyboard: evtest that cannot grab the device is a fault and is restarted until the grab holds', async () => {
  const evtest = new EvtestStandin();
  evtest.grabFails(true);
  const reader = new KeyboardReader({ device: evtest.device, evtest: evtest.command, restartMinMs: 30, restartMaxMs: 60 }, { clock: new SystemClock() });
  try {
    const fault = nextEvent(reader, 'fault');
    await reader.start();
    const [reason] = await fault;
    assert.match(reason, /grabbed by another process/);
    const back = nextEvent(reader, 'recovered');
    evtest.grabFails(false);
    await back;
    assert.ok(reader.stats.starts >= 2);
    await reader.whenReading();
    const read = nextEvent(reader, 'tag');
    evtest.type(keyLines('Ab12\n'));
    assert.deepEqual(await read, ['Ab12']);
  } finally {
    await reader.stop();
    evtest.remove();
  }
});

test('keyboard: a missing evtest program is a fault with the reason, retried', async () => {
  const reader = new KeyboardReader({ device: '/dev/input/event9', evtest: '/nonexistent/evtest', restartMinMs: 30 }, { clock: new SystemClock() });
  const fault = nextEvent(reader, 'fault');
  await reader.start();
  const [reason] = await fault;
  assert.match(reason, /cannot run \/nonexistent\/evtest/);
  await reader.stop();
});
