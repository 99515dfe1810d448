/**
 * The RFID readers of a linux board (config `hal.readers`): one driver per entry, for the EVSE it names, with its
 * faults and recoveries logged. A reader that cannot read (not plugged in, silent) never stops the agent: the
 * EVSE reports ReaderFailure and sessions still start from the CSMS.
 */
import type { Clock } from './clock/clock.js';
import type { Logger } from './log.js';
import type { RfidReaderConfig } from './hal-linux-rfid-config.js';
import { KeyboardReader } from '../hal/linux/rfid/keyboard-reader.js';
import { Pn532Reader } from '../hal/linux/rfid/pn532-reader.js';
import type { SerialPortFactory } from '../hal/modbus/rtu-bus.js';
import type { IdentifierReader } from '../hal/types.js';

export function readerLine(r: RfidReaderConfig): string {
  return r.type === 'pn532' ? `pn532 ${r.port} ${r.baudRate ?? 115200}` : `keyboard ${r.device}`;
}

export function buildReaders(configs: readonly RfidReaderConfig[], clock: Clock, log: Logger, openPort?: SerialPortFactory): Map<number, IdentifierReader> {
  const readers = new Map<number, IdentifierReader>();
  for (const r of configs) {
    const rlog = log.child({ evse: r.evse, reader: readerLine(r) });
    const onDebug = (msg: string, fields?: Record<string, unknown>): void => rlog.debug(fields ?? {}, msg);
    const reader: IdentifierReader =
      r.type === 'pn532'
        ? new Pn532Reader(
            {
              path: r.port,
              ...(r.baudRate !== undefined ? { baudRate: r.baudRate } : {}),
              ...(r.pollIntervalMs !== undefined ? { pollIntervalMs: r.pollIntervalMs } : {}),
              ...(r.responseTimeoutMs !== undefined ? { responseTimeoutMs: r.responseTimeoutMs } : {}),
              ...(r.removeAfterMs !== undefined ? { removeAfterMs: r.removeAfterMs } : {}),
              ...(r.uidFormat !== undefined ? { uidFormat: r.uidFormat } : {}),
            },
            { clock, ...(openPort ? { openPort } : {}), onDebug },
          )
        : new KeyboardReader(
            { device: r.device, ...(r.evtest !== undefined ? { evtest: r.evtest } : {}), ...(r.tagTimeoutMs !== undefined ? { tagTimeoutMs: r.tagTimeoutMs } : {}) },
            { clock, onDebug },
          );
    reader.events.on('fault', (reason) => rlog.warn({ err: reason }, 'reader fault: cards cannot be read until it answers again'));
    reader.events.on('recovered', () => rlog.info('reader recovered'));
    // The idTag is a credential of sorts: its length only, the station logs what it does with it.
    reader.events.on('tag', (idTag) => rlog.debug({ length: idTag.length }, 'card read'));
    readers.set(r.evse, reader);
  }
  return readers;
}
