/**
 * A PN532 on the far end of a serial line, as far as a host can tell over HSU: it sleeps until the 0x55 wake-up,
 * answers nothing but SAMConfiguration first, ACKs every well-formed command, NACKs a frame whose checksum is
 * wrong, answers GetFirmwareVersion, SAMConfiguration, RFConfiguration, InListPassiveTarget (106 kbps type A)
 * and InRelease, and an error frame to anything else. The test puts a card in the field or takes it away,
 * makes it go silent, makes it send garbage in place of its answers, or power-cycles it (asleep again).
 */
import { SerialPort } from 'serialport';
import { ACK_FRAME, encodeFrame, ERROR_FRAME, NACK_FRAME, Pn532FrameParser, TFI_HOST_TO_PN532, TFI_PN532_TO_HOST, type Pn532Frame } from '../../../hal/linux/rfid/pn532-frame.js';

export interface Pn532PeerCard {
  uid: Uint8Array;
  /** SENS_RES (ATQA) and SEL_RES (SAK); a MIFARE Classic 1K by default. */
  sensRes?: [number, number];
  selRes?: number;
}

export class Pn532Peer {
  private readonly parser: Pn532FrameParser;
  private asleep = true;
  private samConfigured = false;
  private card: Pn532PeerCard | null = null;
  private silent = false;
  private garbage: Uint8Array | null = null;
  /** Commands received, by code, in order (wake-ups and bad frames not included). */
  readonly commands: number[] = [];
  private waiters: { cmd: number; count: number; resolve: () => void }[] = [];

  /** close() began: nothing more is written, and a write it cut short is not an error. */
  private closing = false;

  private constructor(private readonly port: SerialPort) {
    this.parser = new Pn532FrameParser((f) => this.onFrame(f), () => undefined);
    port.on('data', (chunk: Buffer) => this.onBytes(chunk));
    // An answer still being written when the test closes the peer fails with EBADF; without a listener that
    // became an uncaught error in whichever test was running (seen once in a clean CI run). Outside a close it
    // is still thrown: the peer must not hide a broken link.
    port.on('error', (err) => {
      if (!this.closing) throw err;
    });
  }

  static async open(path: string, baudRate = 115200): Promise<Pn532Peer> {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    return new Pn532Peer(port);
  }

  async close(): Promise<void> {
    this.closing = true;
    if (!this.port.isOpen) return;
    await new Promise<void>((resolve) => this.port.drain(() => resolve()));
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  placeCard(card: Pn532PeerCard | Uint8Array): void {
    this.card = card instanceof Uint8Array ? { uid: card } : card;
  }

  removeCard(): void {
    this.card = null;
  }

  /** Silent: it reads nothing and answers nothing (unplugged, or hung), until set back. */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  /** Answer every command with these bytes instead of ACK and response, until null. */
  setGarbage(bytes: Uint8Array | null): void {
    this.garbage = bytes;
  }

  /** Power loss: it wakes up in low-power mode and needs the wake-up and SAMConfiguration again. */
  powerCycle(): void {
    this.asleep = true;
    this.samConfigured = false;
  }

  /** Resolves once `count` more commands `cmd` than now were answered. */
  nextCommand(cmd: number, count = 1): Promise<void> {
    const target = this.commands.filter((c) => c === cmd).length + count;
    return new Promise((resolve) => this.waiters.push({ cmd, count: target, resolve }));
  }

  private onBytes(chunk: Buffer): void {
    if (this.silent) return;
    // HSU wake-up: any 0x55 while asleep; what follows in the same burst is the first command.
    if (this.asleep && chunk.includes(0x55)) this.asleep = false;
    if (this.asleep) return;
    this.parser.push(chunk);
  }

  private onFrame(f: Pn532Frame): void {
    if (f.kind !== 'info') return; // host ACK (abort) or NACK: nothing is pending in this peer
    if (f.tfi !== TFI_HOST_TO_PN532 || f.data.length === 0) return this.write(NACK_FRAME);
    const cmd = f.data[0]!;
    if (this.garbage) return this.write(this.garbage);
    if (!this.samConfigured && cmd !== 0x14) return; // low-power mode: only SAMConfiguration wakes the firmware
    this.commands.push(cmd);
    this.write(ACK_FRAME);
    const answer = this.answer(cmd, f.data.subarray(1));
    this.write(answer ? encodeFrame(TFI_PN532_TO_HOST, [cmd + 1, ...answer]) : ERROR_FRAME);
    const n = this.commands.filter((c) => c === cmd).length;
    this.waiters = this.waiters.filter((w) => {
      if (w.cmd !== cmd || n < w.count) return true;
      w.resolve();
      return false;
    });
  }

  private answer(cmd: number, params: Uint8Array): number[] | null {
    switch (cmd) {
      case 0x02:
        return [0x32, 0x01, 0x06, 0x07]; // PN532, firmware 1.6, ISO 14443 A/B and 18092
      case 0x14:
        if (params[0] !== 0x01) return null;
        this.samConfigured = true;
        return [];
      case 0x32:
        return [];
      case 0x52:
        return [0x00];
      case 0x4a: {
        if (params[1] !== 0x00) return null; // only 106 kbps type A here
        const c = this.card;
        if (!c) return [0x00];
        const [a, b] = c.sensRes ?? [0x00, 0x04];
        return [0x01, 0x01, a, b, c.selRes ?? 0x08, c.uid.length, ...c.uid];
      }
      default:
        return null;
    }
  }

  private write(bytes: Uint8Array): void {
    if (!this.silent && !this.closing) this.port.write(Buffer.from(bytes));
  }
}
