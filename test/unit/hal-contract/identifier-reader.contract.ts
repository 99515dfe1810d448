/**
 * The behaviour every IdentifierReader owes the station (hal/types.ts), run against the simulated reader, the
 * PN532 (over a pty, against our PN532 peer) and the keyboard reader (through a stand-in evtest). A rig puts a
 * card on its reader and takes it away, breaks the reader (silent, unplugged) and repairs it. Real time: the
 * real drivers talk to real processes; every wait is on an event, with a deadline.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IdentifierReader, IdentifierReaderEvents } from '../../../hal/types.js';

export interface ReaderRig {
  readonly reader: IdentifierReader;
  /** Put the card whose idTag is `idTag` (uppercase hex) on the reader. */
  present(idTag: string): Promise<void>;
  /** Take it away (nothing for a reader that reads a card only as it passes). */
  remove(): Promise<void>;
  /** Resolves once the reader had every chance to report the card again (several polls). */
  settle(): Promise<void>;
  breakReader(): Promise<void>;
  repair(): Promise<void>;
  close(): Promise<void>;
}

export type ReaderRigFactory = () => Promise<ReaderRig>;

const DEADLINE_MS = 5000;

export function nextEvent<K extends keyof IdentifierReaderEvents & string>(reader: IdentifierReader, event: K, ms = DEADLINE_MS): Promise<Parameters<IdentifierReaderEvents[K]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no '${event}' event within ${ms} ms`));
    }, ms);
    const off = reader.events.on(event, ((...args: Parameters<IdentifierReaderEvents[K]>) => {
      clearTimeout(timer);
      off();
      resolve(args);
    }) as IdentifierReaderEvents[K]);
  });
}

interface Recorded {
  rig: ReaderRig;
  tags: string[];
  faults: string[];
  recovered: () => number;
}

export function runIdentifierReaderContract(name: string, makeRig: ReaderRigFactory): void {
  async function started(): Promise<Recorded> {
    const rig = await makeRig();
    const tags: string[] = [];
    const faults: string[] = [];
    let recovered = 0;
    rig.reader.events.on('tag', (t) => tags.push(t));
    rig.reader.events.on('fault', (r) => faults.push(r));
    rig.reader.events.on('recovered', () => recovered++);
    await rig.reader.start();
    return { rig, tags, faults, recovered: () => recovered };
  }

  describe(`IdentifierReader contract: ${name}`, () => {
    test('a presented card is read once, as its idTag; no fault', async () => {
      const { rig, tags, faults } = await started();
      try {
        const read = nextEvent(rig.reader, 'tag');
        await rig.present('04A1B2C3D4E5F6');
        assert.deepEqual(await read, ['04A1B2C3D4E5F6']);
        await rig.settle();
        assert.deepEqual(tags, ['04A1B2C3D4E5F6'], 'a card held on the reader is not read again');
        assert.deepEqual(faults, []);
        assert.equal(rig.reader.fault, null);
      } finally {
        await rig.close();
      }
    });

    test('the same card taken away and presented again is read again; another card at once', async () => {
      const { rig, tags } = await started();
      try {
        let read = nextEvent(rig.reader, 'tag');
        await rig.present('DEADBEEF');
        await read;
        await rig.remove();
        await rig.settle();
        read = nextEvent(rig.reader, 'tag');
        await rig.present('DEADBEEF');
        await read;
        read = nextEvent(rig.reader, 'tag');
        await rig.present('0A0B0C0D');
        await read;
        await rig.settle();
        assert.deepEqual(tags, ['DEADBEEF', 'DEADBEEF', '0A0B0C0D']);
      } finally {
        await rig.close();
      }
    });

    test('a broken reader is one fault, not an exception; repaired, it recovers and reads again', async () => {
      const { rig, tags, faults, recovered } = await started();
      try {
        const fault = nextEvent(rig.reader, 'fault');
        await rig.breakReader();
        const [reason] = await fault;
        assert.ok(reason.length > 0);
        assert.equal(rig.reader.fault, reason);
        await rig.settle();
        assert.equal(faults.length, 1, 'latched: reported once');
        const back = nextEvent(rig.reader, 'recovered');
        await rig.repair();
        await back;
        assert.equal(rig.reader.fault, null);
        assert.equal(recovered(), 1);
        const read = nextEvent(rig.reader, 'tag');
        await rig.present('11223344');
        await read;
        assert.deepEqual(tags, ['11223344']);
      } finally {
        await rig.close();
      }
    });

    test('stopped, it reads nothing; stop twice is harmless', async () => {
      const { rig, tags } = await started();
      try {
        const read = nextEvent(rig.reader, 'tag');
        await rig.present('CAFE0001');
        await read;
        await rig.remove();
        await rig.reader.stop();
        await rig.present('CAFE0002');
        await rig.settle();
        await rig.reader.stop();
        assert.deepEqual(tags, ['CAFE0001']);
      } finally {
        await rig.close();
      }
    });
  });
}
