import { SystemClock } from '../../../agent/clock/clock.js';
import { KeyboardReader } from '../../../hal/linux/rfid/keyboard-reader.js';
import { Pn532Reader } from '../../../hal/linux/rfid/pn532-reader.js';
import { SimIdentifierReader } from '../../../hal/sim/identifier-reader.js';
import { Pn532Peer } from '../../peers/pn532/pn532-peer.js';
import { PtyPair } from '../../peers/pn532/pty-pair.js';
import { EvtestStandin, keyLines } from '../hal-linux/evtest-standin.js';
import { runIdentifierReaderContract } from './identifier-reader.contract.js';

runIdentifierReaderContract('SimIdentifierReader', async () => {
  const reader = new SimIdentifierReader();
  return {
    reader,
    present: async (idTag) => reader.present(idTag),
    remove: async () => undefined,
    settle: async () => undefined,
    breakReader: async () => reader.setFault('simulated reader failure'),
    repair: async () => reader.setFault(null),
    close: () => reader.stop(),
  };
});

const POLL_MS = 40;

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
}

/** Resolves after `polls` more InListPassiveTarget, or after that many poll periods if none come (stopped, silent). */
function polls(peer: Pn532Peer, n: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, (n + 2) * (POLL_MS + 20) + 200);
    void peer.nextCommand(0x4a, n).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

runIdentifierReaderContract('Pn532Reader (PN532 peer over a socat pty)', async () => {
  const pty = await PtyPair.open();
  const peer = await Pn532Peer.open(pty.peerPath);
  const reader = new Pn532Reader({ path: pty.devicePath, pollIntervalMs: POLL_MS, responseTimeoutMs: 150, removeAfterMs: 2 * POLL_MS }, { clock: new SystemClock() });
  return {
    reader,
    present: async (idTag) => peer.placeCard(hexToBytes(idTag)),
    remove: async () => {
      peer.removeCard();
      // Away for more than removeAfterMs, as seen by the reader's own polls.
      await polls(peer, 4);
    },
    settle: () => polls(peer, 4),
    breakReader: async () => peer.setSilent(true),
    repair: async () => {
      // As after a power loss: asleep, it needs the wake-up and SAMConfiguration again.
      peer.powerCycle();
      peer.setSilent(false);
    },
    close: async () => {
      await reader.stop();
      await peer.close();
      await pty.close();
    },
  };
});

runIdentifierReaderContract('KeyboardReader (stand-in evtest)', async () => {
  const evtest = new EvtestStandin();
  const reader = new KeyboardReader({ device: evtest.device, evtest: evtest.command, restartMinMs: 50, restartMaxMs: 200 }, { clock: new SystemClock() });
  return {
    reader,
    present: async (idTag) => {
      if (reader.fault === null && reader.pid !== null) await reader.whenReading();
      evtest.type(keyLines(`${idTag}\n`));
    },
    remove: async () => undefined,
    // Typed lines are read in order: a marker key (no Enter, dropped later) read back proves the rest was read.
    settle: () => new Promise((resolve) => setTimeout(resolve, 200)),
    breakReader: async () => {
      evtest.unplug();
      if (reader.pid !== null) process.kill(reader.pid, 'SIGKILL');
    },
    repair: async () => evtest.plug(),
    close: async () => {
      await reader.stop();
      evtest.remove();
    },
  };
});
