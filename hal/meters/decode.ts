/**
 * Register words → numbers, per a model's RegisterSpec. Bytes inside a register are big-endian (Modbus);
 * `wordOrder` only says which register of a multi-register value is most significant.
 */
import { UNIT_FACTORS, type RegisterSpec } from './model.js';

/** The words of one value, most significant first. */
function wordsMsbFirst(regs: ArrayLike<number>, offset: number, spec: RegisterSpec): number[] {
  const words: number[] = [];
  for (let i = 0; i < spec.words; i++) words.push(regs[offset + i]! & 0xffff);
  return spec.wordOrder === 'little' ? words.reverse() : words;
}

/** The raw number the register(s) hold (before scale), or null when it is the model's "not available" value. */
export function decodeRaw(regs: ArrayLike<number>, offset: number, spec: RegisterSpec): number | null {
  if (offset < 0 || offset + spec.words > regs.length) throw new RangeError(`register offset ${offset} + ${spec.words} outside ${regs.length} words`);
  const w = wordsMsbFirst(regs, offset, spec);
  let value: number;
  let isMax: boolean;
  switch (spec.type) {
    case 'uint16':
      value = w[0]!;
      isMax = value === 0xffff;
      break;
    case 'int16':
      value = (w[0]! << 16) >> 16;
      isMax = value === 0x7fff;
      break;
    case 'uint32':
      value = w[0]! * 0x10000 + w[1]!;
      isMax = value === 0xffffffff;
      break;
    case 'int32':
      value = ((w[0]! << 16) | w[1]!) | 0;
      isMax = value === 0x7fffffff;
      break;
    case 'float32': {
      const view = new DataView(new ArrayBuffer(4));
      view.setUint16(0, w[0]!);
      view.setUint16(2, w[1]!);
      value = view.getFloat32(0);
      isMax = false;
      break;
    }
    case 'uint64':
    case 'int64': {
      let big = 0n;
      for (const word of w) big = (big << 16n) | BigInt(word);
      if (spec.type === 'int64') {
        big = BigInt.asIntN(64, big);
        isMax = big === 0x7fffffffffffffffn;
      } else {
        isMax = big === 0xffffffffffffffffn;
      }
      value = Number(big);
      break;
    }
  }
  if (spec.notAvailable === 'max' && isMax) return null;
  return value;
}

/** Strips binary noise from scaling (12345 * 0.1 = 1234.5000000000002) without touching real precision. */
function clean(x: number): number {
  return Number(x.toPrecision(15));
}

/**
 * The value in the MeterReading unit (Wh, W, A, V, Hz), or undefined when the meter says "not available" or
 * the number is not finite (a float register holding NaN).
 */
export function decodeValue(regs: ArrayLike<number>, offset: number, spec: RegisterSpec): number | undefined {
  const raw = decodeRaw(regs, offset, spec);
  if (raw === null || !Number.isFinite(raw)) return undefined;
  const factor = UNIT_FACTORS[spec.unit];
  if (factor === undefined) throw new RangeError(`unknown unit ${spec.unit}`);
  return clean(raw * spec.scale * factor);
}

/**
 * Smallest step of the value in the MeterReading unit. Integers step by their scale; a float32 register steps
 * by its unit-in-the-last-place at `magnitude`, which grows with the counter (about 0.06 kWh at 1 GWh).
 */
export function resolution(spec: RegisterSpec, magnitude: number): number {
  const factor = UNIT_FACTORS[spec.unit] ?? 1;
  if (spec.type !== 'float32') return spec.scale * factor;
  const rawMagnitude = Math.abs(magnitude) / (spec.scale * factor);
  const ulp = rawMagnitude > 0 ? 2 ** (Math.floor(Math.log2(rawMagnitude)) - 23) : 2 ** -149;
  return ulp * spec.scale * factor;
}
