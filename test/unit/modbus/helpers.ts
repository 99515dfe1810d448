/**
 * Test doubles for the Modbus tests: a register encoder (the inverse of hal/meters/decode.ts, written
 * independently), a fake ModbusBus with fault injection, a binding-mock serial device that answers requests,
 * and event-loop helpers that wait for I/O without sleeping.
 */
import { SerialPortMock } from 'serialport';
import type { FakeClock } from '../../../agent/clock/fake-clock.js';
import { HalError } from '../../../hal/errors.js';
import { crc16 } from '../../../hal/modbus/crc16.js';
import { emptyStats, type BusStats, type ModbusBus } from '../../../hal/modbus/bus.js';
import type { ReadRequest } from '../../../hal/modbus/pdu.js';
import type { SerialOpenOptions, SerialPortLike } from '../../../hal/modbus/rtu-bus.js';
import { modelFields, registerAddress, UNIT_FACTORS, type ModelFile, type RegisterSpec } from '../../../hal/meters/model.js';
import type { MeterReading } from '../../../hal/types.js';

export { SAMPLE_3P } from '../../support/meter-sample.js';

/** Words (register order) holding `raw` (already in the spec's raw units) for a spec. */
export function encodeRaw(raw: number | bigint, spec: Pick<RegisterSpec, 'type' | 'wordOrder'>): number[] {
  const buf = Buffer.alloc(8);
  let bytes: number;
  switch (spec.type) {
    case 'uint16':
      buf.writeUInt16BE(Number(raw));
      bytes = 2;
      break;
    case 'int16':
      buf.writeInt16BE(Number(raw));
      bytes = 2;
      break;
    case 'uint32':
      buf.writeUInt32BE(Number(raw));
      bytes = 4;
      break;
    case 'int32':
      buf.writeInt32BE(Number(raw));
      bytes = 4;
      break;
    case 'float32':
      buf.writeFloatBE(Number(raw));
      bytes = 4;
      break;
    case 'uint64':
      buf.writeBigUInt64BE(BigInt(raw));
      bytes = 8;
      break;
    case 'int64':
      buf.writeBigInt64BE(BigInt(raw));
      bytes = 8;
      break;
  }
  const words: number[] = [];
  for (let i = 0; i < bytes; i += 2) words.push(buf.readUInt16BE(i));
  return spec.wordOrder === 'little' ? words.reverse() : words;
}

/** Words for a value in MeterReading units (Wh, W, A, V, Hz), rounded to the register's resolution. */
export function encodeValue(value: number, spec: RegisterSpec): number[] {
  const inUnit = value / UNIT_FACTORS[spec.unit]!;
  const raw = inUnit / spec.scale;
  return encodeRaw(spec.type === 'float32' ? raw : Math.round(raw), spec);
}

/** A register image (address → word) of a model holding `reading`. */
export function registerImage(model: ModelFile, reading: MeterReading): Map<number, number> {
  const image = new Map<number, number>();
  const valueOf = (path: string): number | undefined => {
    const [name, phase] = path.split('.');
    switch (name) {
      case 'energy':
        return reading.energyImportWh;
      case 'energyExport':
        return reading.energyExportWh;
      case 'power':
        return reading.powerW;
      case 'frequency':
        return reading.frequencyHz;
      case 'current':
        return reading.currentA?.[phase as 'L1'];
      case 'voltage':
        return reading.voltageV?.[phase as 'L1'];
      case 'powerPerPhase':
        return reading.powerPerPhaseW?.[phase as 'L1'];
    }
    return undefined;
  };
  for (const { path, spec } of modelFields(model)) {
    const v = valueOf(path);
    if (v === undefined) continue;
    encodeValue(v, spec).forEach((w, i) => image.set(registerAddress(spec) + i, w));
  }
  return image;
}

export class FakeBus implements ModbusBus {
  readonly key: string;
  readonly stats: BusStats = emptyStats();
  readonly requests: ReadRequest[] = [];
  /** unit id → function code → address → word. Unset registers read as 0. */
  readonly units = new Map<number, { fc: 3 | 4; image: Map<number, number> }>();
  starts = 0;
  stops = 0;
  private failures: HalError[] = [];

  constructor(key = 'fake:bus') {
    this.key = key;
  }

  setUnit(unitId: number, fc: 3 | 4, image: Map<number, number>): void {
    this.units.set(unitId, { fc, image });
  }

  /** The next reads fail with these errors, one each. */
  failNext(...errors: HalError[]): void {
    this.failures.push(...errors);
  }

  async start(): Promise<void> {
    this.starts++;
  }

  async stop(): Promise<void> {
    this.stops++;
  }

  async readRegisters(req: ReadRequest): Promise<Uint16Array> {
    this.requests.push({ ...req });
    const failure = this.failures.shift();
    if (failure) throw failure;
    const unit = this.units.get(req.unitId);
    if (!unit) throw new HalError('MODBUS_TIMEOUT', `fake: no unit ${req.unitId}`);
    if (unit.fc !== req.functionCode) throw new HalError('MODBUS_EXCEPTION', 'fake: illegal function', { modbusCode: 1 });
    const out = new Uint16Array(req.count);
    for (let i = 0; i < req.count; i++) out[i] = unit.image.get(req.address + i) ?? 0;
    return out;
  }
}

export function timeoutError(): HalError {
  return new HalError('MODBUS_TIMEOUT', 'test timeout');
}

/** Yields to the event loop (I/O, nextTicks, immediates) until `cond` holds; fails after `turns` turns. */
export async function waitFor(cond: () => boolean, what = 'condition', turns = 5000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (cond()) return;
    await new Promise<void>((r) => setImmediate(r));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Lets I/O run and moves the fake clock 1 ms at a time until `p` settles: for requests whose only fake-time
 * waits are the bus's inter-frame gaps, with replies that arrive without a real-time silence.
 */
export async function pump<T>(clock: FakeClock, p: Promise<T>, maxMs = 200): Promise<T> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let ms = 0; ms < maxMs && !done; ms++) {
    for (let i = 0; i < 20 && !done; i++) await new Promise<void>((r) => setImmediate(r));
    if (!done) clock.advance(1);
  }
  return p;
}

/** A full RTU reply frame with a correct CRC. */
export function rtuFrame(...bytes: number[]): Uint8Array {
  const body = Uint8Array.from(bytes);
  const crc = crc16(body);
  return Uint8Array.from([...bytes, crc & 0xff, crc >>> 8]);
}

/** The reply a correct device gives to an FC 03/04 request frame, from a register function. */
export function replyTo(request: Uint8Array, word: (address: number) => number): Uint8Array {
  const unit = request[0]!;
  const fc = request[1]!;
  const address = (request[2]! << 8) | request[3]!;
  const count = (request[4]! << 8) | request[5]!;
  const data: number[] = [];
  for (let i = 0; i < count; i++) {
    const w = word(address + i);
    data.push(w >>> 8, w & 0xff);
  }
  return rtuFrame(unit, fc, 2 * count, ...data);
}

type Responder = (request: Uint8Array, index: number) => Uint8Array | null;

/**
 * A serial device on a binding-mock port: every frame the bus writes is recorded and answered by `respond`
 * (null = stay silent). `openPort` is the factory to give RtuBus.
 */
export class MockSerialDevice {
  readonly writes: Uint8Array[] = [];
  port: SerialPortMock | null = null;
  respond: Responder;

  constructor(
    readonly path: string,
    respond: Responder,
  ) {
    this.respond = respond;
    SerialPortMock.binding.createPort(path, { echo: false, record: false });
  }

  readonly openPort = (options: SerialOpenOptions): SerialPortLike => {
    const port = new SerialPortMock(options);
    this.port = port;
    port.once('open', () => this.hook(port));
    return port as unknown as SerialPortLike;
  };

  /** Bytes from the device to the bus, outside any request (noise, late replies). */
  emit(bytes: Uint8Array): void {
    this.port?.port?.emitData(Buffer.from(bytes));
  }

  private hook(port: SerialPortMock): void {
    const binding = port.port!;
    const write = binding.write.bind(binding);
    binding.write = async (buffer: Buffer): Promise<void> => {
      await write(buffer);
      const frame = new Uint8Array(buffer);
      const index = this.writes.length;
      this.writes.push(frame);
      const reply = this.respond(frame, index);
      if (reply) setImmediate(() => binding.isOpen && binding.emitData(Buffer.from(reply)));
    };
  }
}

let nextPort = 0;
/** A fresh mock port path per test, so tests never share a port. */
export function mockPath(): string {
  return `/dev/mock-modbus-${process.pid}-${nextPort++}`;
}
