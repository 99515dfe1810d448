/**
 * PN532 NFC reader on a UART (HSU). The driver polls: InListPassiveTarget for one ISO 14443 type A target every
 * pollIntervalMs, with the passive activation retries set to one (RFConfiguration MaxRetries) so that an empty
 * field answers at once instead of blocking the command until a card comes. Polling rather than waiting for a
 * card keeps one request in flight at a time, a timeout per request, and a silent reader noticed within one
 * poll period.
 *
 * A reader that stops answering or answers garbage is a reader fault (`fault`, once), never an exception: the
 * port is reopened if it went away, the wake-up and SAMConfiguration are sent again (a PN532 that lost power
 * wakes up in low-power mode and ignores everything else), and `recovered` follows the first good poll.
 *
 * One read per presentation: a card that stays in the field is reported once; the same card is reported again
 * only after polls found the field empty for removeAfterMs, so a card held on the reader does not stop the
 * session it just started. Another card is reported at once.
 */
import { Emitter } from '../../emitter.js';
import { HalError } from '../../errors.js';
import type { SerialOpenOptions, SerialPortFactory, SerialPortLike } from '../../modbus/rtu-bus.js';
import type { HalClock, HalTimerHandle, IdentifierReader, IdentifierReaderEvents } from '../../types.js';
import { uidToIdTag, type UidFormat } from './id-tag.js';
import { ACK_FRAME, encodeFrame, hexBytes, Pn532FrameParser, TFI_HOST_TO_PN532, TFI_PN532_TO_HOST, type Pn532Frame } from './pn532-frame.js';

export const PN532_CMD = {
  GetFirmwareVersion: 0x02,
  SAMConfiguration: 0x14,
  RFConfiguration: 0x32,
  InListPassiveTarget: 0x4a,
  InRelease: 0x52,
} as const;

/** HSU wake-up (UM0701 §7.2.11, as libnfc sends it): 0x55 0x55 then a long preamble, right before the command. */
export const HSU_WAKEUP = Uint8Array.of(0x55, 0x55, ...new Array<number>(14).fill(0x00));

export const PN532_DEFAULTS = { baudRate: 115200, pollIntervalMs: 250, responseTimeoutMs: 500, removeAfterMs: 500, failuresBeforeFault: 2, uidFormat: 'hex' as UidFormat };

export interface Pn532ReaderOptions {
  path: string;
  baudRate?: number;
  pollIntervalMs?: number;
  /** From a command's write to its response (the ACK included). */
  responseTimeoutMs?: number;
  removeAfterMs?: number;
  /** Consecutive failed exchanges before `fault` (one lost frame on a noisy line is not a fault). */
  failuresBeforeFault?: number;
  uidFormat?: UidFormat;
}

export interface Pn532ReaderDeps {
  clock: HalClock;
  /** Default: the serialport package. */
  openPort?: SerialPortFactory;
  /** Diagnostics (garbage seen, faults); never on a safety path. */
  onDebug?: (msg: string, fields?: Record<string, unknown>) => void;
}

interface Pending {
  command: number;
  acked: boolean;
  timer: HalTimerHandle;
  resolve: (data: Uint8Array) => void;
  reject: (err: Error) => void;
}

async function systemPort(options: SerialOpenOptions): Promise<SerialPortLike> {
  const { SerialPort } = await import('serialport');
  return new SerialPort(options) as unknown as SerialPortLike;
}

export class Pn532Reader implements IdentifierReader {
  readonly events = new Emitter<IdentifierReaderEvents>();
  private readonly o: Required<Pn532ReaderOptions>;
  private port: SerialPortLike | null = null;
  private unwire: (() => void) | null = null;
  private readonly parser: Pn532FrameParser;
  private pending: Pending | null = null;
  private running = false;
  private timer: HalTimerHandle | null = null;
  private cycling: Promise<void> | null = null;
  private configured = false;
  private failures = 0;
  private faultReason: string | null = null;
  /** The card in the field (as an idTag) and when a poll last saw it. */
  private present: { idTag: string; lastSeenMs: number } | null = null;
  /** Counters for `chargerctl hal` and the tests. */
  readonly stats = { polls: 0, reads: 0, timeouts: 0, garbage: 0, inits: 0 };

  constructor(
    options: Pn532ReaderOptions,
    private readonly deps: Pn532ReaderDeps,
  ) {
    this.o = { ...PN532_DEFAULTS, ...options };
    this.parser = new Pn532FrameParser(
      (f) => this.onFrame(f),
      (g) => {
        this.stats.garbage++;
        this.deps.onDebug?.('PN532 garbage', { reason: g.reason, bytes: hexBytes(g.bytes.subarray(0, 32)) });
      },
    );
  }

  get fault(): string | null {
    return this.faultReason;
  }

  /** Never rejects for a reader that is absent or silent: that is a fault, reported through `events`. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.deps.clock.clear(this.timer);
    this.timer = null;
    this.pending?.reject(new HalError('PORT_CLOSED', 'reader stopped'));
    await this.cycling;
    await this.closePort();
    this.present = null;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.cycling = this.cycle().finally(() => {
        this.cycling = null;
        this.schedule(this.o.pollIntervalMs);
      });
    }, ms);
  }

  /** One poll: open and configure the reader when needed, then ask for a target. Never rejects. */
  private async cycle(): Promise<void> {
    try {
      if (!this.port) await this.openPort();
      if (!this.configured) await this.configure();
      this.stats.polls++;
      // MaxTg 1, BrTy 0x00: 106 kbps type A (MIFARE, NTAG, most access cards).
      const res = await this.exchange(PN532_CMD.InListPassiveTarget, [0x01, 0x00]);
      this.succeeded();
      this.onTarget(parseTarget(res));
    } catch (err) {
      if (!this.running) return;
      this.failed(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private async configure(): Promise<void> {
    this.stats.inits++;
    // Mode 1 (normal, no SAM), timeout 0x14 (1 s, only used in virtual card mode), no IRQ pin.
    await this.exchange(PN532_CMD.SAMConfiguration, [0x01, 0x14, 0x00], HSU_WAKEUP);
    // CfgItem 5 MaxRetries: MxRtyATR 0xFF (default), MxRtyPSL 0x01 (default), MxRtyPassiveActivation 0x01.
    await this.exchange(PN532_CMD.RFConfiguration, [0x05, 0xff, 0x01, 0x01]);
    this.configured = true;
  }

  private onTarget(uid: Uint8Array | null): void {
    const now = this.deps.clock.monotonicMs();
    if (uid === null) {
      if (this.present && now - this.present.lastSeenMs >= this.o.removeAfterMs) this.present = null;
      return;
    }
    const idTag = uidToIdTag(uid, this.o.uidFormat);
    if (this.present?.idTag === idTag) {
      this.present.lastSeenMs = now;
      return;
    }
    this.present = { idTag, lastSeenMs: now };
    this.stats.reads++;
    this.events.emit('tag', idTag);
  }

  private succeeded(): void {
    this.failures = 0;
    if (this.faultReason !== null) {
      this.faultReason = null;
      this.events.emit('recovered');
    }
  }

  private failed(err: Error): void {
    // Whatever state the reader is in now (reset, powered off, confused by noise), start it again from the wake-up.
    this.configured = false;
    this.failures++;
    if (this.failures >= this.o.failuresBeforeFault && this.faultReason === null) {
      this.faultReason = `PN532 on ${this.o.path}: ${err.message}`;
      // A card can be taken away while the reader is deaf: it is read again once the reader is back.
      this.present = null;
      this.events.emit('fault', this.faultReason);
    }
  }

  /** One command: write it, wait for its ACK, then for its response frame, within responseTimeoutMs. */
  private exchange(command: number, params: readonly number[], prefix?: Uint8Array): Promise<Uint8Array> {
    const port = this.port;
    if (!port) return Promise.reject(new HalError('PORT_CLOSED', `${this.o.path} is not open`));
    this.parser.reset();
    return new Promise<Uint8Array>((resolve, reject) => {
      const frame = encodeFrame(TFI_HOST_TO_PN532, [command, ...params]);
      const timer = this.deps.clock.setTimeout(() => {
        if (this.pending?.timer !== timer) return;
        const acked = this.pending.acked;
        this.pending = null;
        this.stats.timeouts++;
        // An ACK from the host aborts the command the PN532 may still be working on (UM0701 §6.2.1.3).
        port.write(Buffer.from(ACK_FRAME));
        reject(new HalError('READER_TIMEOUT', `no ${acked ? 'response' : 'ACK'} to command 0x${command.toString(16).padStart(2, '0')} within ${this.o.responseTimeoutMs} ms`));
      }, this.o.responseTimeoutMs);
      const done = (fn: () => void): void => {
        this.deps.clock.clear(timer);
        this.pending = null;
        fn();
      };
      this.pending = { command, acked: false, timer, resolve: (d) => done(() => resolve(d)), reject: (e) => done(() => reject(e)) };
      port.write(prefix ? Buffer.concat([prefix, frame]) : Buffer.from(frame));
    });
  }

  private onFrame(f: Pn532Frame): void {
    const p = this.pending;
    if (!p) return;
    if (f.kind === 'ack') {
      p.acked = true;
      return;
    }
    if (f.kind === 'nack') return p.reject(new HalError('READER_BAD_FRAME', 'reader sent NACK'));
    if (f.kind === 'error') return p.reject(new HalError('READER_BAD_FRAME', 'reader answered with an error frame (syntax error)'));
    if (f.tfi !== TFI_PN532_TO_HOST || f.data[0] !== p.command + 1) {
      return p.reject(new HalError('READER_BAD_FRAME', `unexpected frame TFI 0x${f.tfi.toString(16)} data ${hexBytes(f.data.subarray(0, 8))} for command 0x${p.command.toString(16)}`));
    }
    p.resolve(f.data.subarray(1));
  }

  private async openPort(): Promise<void> {
    const options: SerialOpenOptions = { path: this.o.path, baudRate: this.o.baudRate, dataBits: 8, stopBits: 1, parity: 'none', autoOpen: false };
    let port: SerialPortLike;
    try {
      port = await (this.deps.openPort ?? systemPort)(options);
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    } catch (cause) {
      throw new HalError('PORT_ERROR', `cannot open ${this.o.path}: ${(cause as Error).message}`, { cause });
    }
    const onData = (chunk: Buffer): void => this.parser.push(chunk);
    const onError = (err: Error): void => this.pending?.reject(new HalError('PORT_ERROR', `${this.o.path}: ${err.message}`, { cause: err }));
    const onClose = (): void => {
      if (this.port !== port) return;
      this.pending?.reject(new HalError('PORT_CLOSED', `${this.o.path} closed unexpectedly`));
      this.detach();
    };
    port.on('data', onData);
    port.on('error', onError);
    port.on('close', onClose);
    this.unwire = () => {
      port.off('data', onData);
      port.off('error', onError);
      port.off('close', onClose);
      // An 'error' with no listener would crash the process; a detached port's errors no longer matter.
      port.on('error', () => undefined);
    };
    this.port = port;
    this.configured = false;
    if (!this.running) await this.closePort();
  }

  private detach(): void {
    this.unwire?.();
    this.unwire = null;
    this.port = null;
    this.configured = false;
  }

  private async closePort(): Promise<void> {
    const port = this.port;
    this.detach();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}

/**
 * The first target of an InListPassiveTarget response (after the response code): NbTg, then for 106 kbps
 * type A: Tg, SENS_RES (2), SEL_RES, NFCIDLength, NFCID1, [ATS]. null when no target is in the field.
 */
export function parseTarget(res: Uint8Array): Uint8Array | null {
  const nbTg = res[0];
  if (nbTg === undefined) throw new HalError('READER_BAD_FRAME', 'empty InListPassiveTarget response');
  if (nbTg === 0) return null;
  const idLen = res[5];
  if (idLen === undefined || idLen === 0 || idLen > 10 || res.length < 6 + idLen) {
    throw new HalError('READER_BAD_FRAME', `malformed InListPassiveTarget response ${hexBytes(res.subarray(0, 16))}`);
  }
  return res.slice(6, 6 + idLen);
}
