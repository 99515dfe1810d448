import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRaw, decodeValue, resolution } from '../../../hal/meters/decode.js';
import type { RegisterSpec, RegisterType, WordOrder } from '../../../hal/meters/model.js';
import { WORDS_OF_TYPE } from '../../../hal/meters/model.js';
import { encodeRaw } from './helpers.js';

function spec(type: RegisterType, wordOrder: WordOrder = 'big', extra: Partial<RegisterSpec> = {}): RegisterSpec {
  return { register: 0, words: WORDS_OF_TYPE[type], type, wordOrder, scale: 1, unit: 'W', ...extra };
}

describe('decodeRaw: every type and word order', () => {
  const cases: [RegisterType, WordOrder, number[], number][] = [
    ['uint16', 'big', [0xffff], 65535],
    ['int16', 'big', [0xffff], -1],
    ['int16', 'big', [0x8000], -32768],
    ['int16', 'big', [0x7ffe], 32766],
    ['uint32', 'big', [0x0001, 0x0002], 65538],
    ['uint32', 'little', [0x0002, 0x0001], 65538],
    ['uint32', 'big', [0xfffe, 0x0000], 0xfffe0000],
    ['int32', 'big', [0xffff, 0xfffe], -2],
    ['int32', 'little', [0xfffe, 0xffff], -2],
    ['int32', 'big', [0x8000, 0x0000], -2147483648],
    ['int32', 'little', [0x3039, 0x0000], 12345],
    ['float32', 'big', [0x4148, 0x0000], 12.5],
    ['float32', 'little', [0x0000, 0x4148], 12.5],
    ['float32', 'big', [0xc2f6, 0xe979], new Float32Array([-123.456])[0]!],
    ['uint64', 'big', [0x0000, 0x0001, 0x0000, 0x0000], 2 ** 32],
    ['uint64', 'little', [0x0000, 0x0000, 0x0001, 0x0000], 2 ** 32],
    ['uint64', 'big', [0x0000, 0x0000, 0x0001, 0x86a0], 100000],
    ['uint64', 'big', [0x0010, 0x0000, 0x0000, 0x0000], 2 ** 52],
    ['int64', 'big', [0xffff, 0xffff, 0xffff, 0xfffe], -2],
    ['int64', 'little', [0xfffe, 0xffff, 0xffff, 0xffff], -2],
    ['int64', 'big', [0x0000, 0x0000, 0x0000, 0x0007], 7],
  ];
  for (const [type, order, words, expected] of cases) {
    test(`${type} ${order} [${words.map((w) => w.toString(16)).join(' ')}] = ${expected}`, () => {
      assert.equal(decodeRaw(words, 0, spec(type, order)), expected);
    });
  }

  test('reads at an offset inside a block', () => {
    assert.equal(decodeRaw([0xdead, 0xbeef, 0x0000, 0x002a], 2, spec('uint32')), 42);
  });

  test('an offset past the block is a RangeError', () => {
    assert.throws(() => decodeRaw([0x0001], 0, spec('uint32')), RangeError);
  });

  test('encoder and decoder agree on random values of every type and order', () => {
    let seed = 12345;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const ranges: Record<RegisterType, [number, number]> = {
      uint16: [0, 65535],
      int16: [-32768, 32767],
      uint32: [0, 2 ** 32 - 1],
      int32: [-(2 ** 31), 2 ** 31 - 1],
      uint64: [0, 2 ** 53],
      int64: [-(2 ** 53), 2 ** 53],
      float32: [-1e6, 1e6],
    };
    for (const type of Object.keys(ranges) as RegisterType[]) {
      for (const order of ['big', 'little'] as const) {
        for (let i = 0; i < 50; i++) {
          const [lo, hi] = ranges[type];
          let v = lo + rnd() * (hi - lo);
          v = type === 'float32' ? Math.fround(v) : Math.round(v);
          assert.equal(decodeRaw(encodeRaw(v, { type, wordOrder: order }), 0, spec(type, order)), v, `${type} ${order} ${v}`);
        }
      }
    }
  });
});

describe('not-available values', () => {
  const na = { notAvailable: 'max' as const };
  test('all ones / max signed are null only when the spec says so', () => {
    assert.equal(decodeRaw([0xffff], 0, spec('uint16', 'big', na)), null);
    assert.equal(decodeRaw([0x7fff], 0, spec('int16', 'big', na)), null);
    assert.equal(decodeRaw([0xffff, 0xffff], 0, spec('uint32', 'big', na)), null);
    assert.equal(decodeRaw([0x7fff, 0xffff], 0, spec('int32', 'big', na)), null);
    assert.equal(decodeRaw([0xffff, 0x7fff], 0, spec('int32', 'little', na)), null);
    assert.equal(decodeRaw([0xffff, 0xffff, 0xffff, 0xffff], 0, spec('uint64', 'big', na)), null);
    assert.equal(decodeRaw([0x7fff, 0xffff, 0xffff, 0xffff], 0, spec('int64', 'big', na)), null);
    assert.equal(decodeRaw([0xffff, 0xffff], 0, spec('uint32')), 0xffffffff);
    assert.equal(decodeRaw([0xffff, 0xfffe], 0, spec('uint32', 'big', na)), 0xfffffffe);
  });

  test('decodeValue gives undefined for not-available and for a NaN float', () => {
    assert.equal(decodeValue([0xffff, 0xffff], 0, spec('uint32', 'big', na)), undefined);
    assert.equal(decodeValue([0x7fc0, 0x0000], 0, spec('float32')), undefined);
  });
});

describe('decodeValue: scale and unit to Wh / W / A / V / Hz', () => {
  test('0.1 kWh counts to Wh without binary noise', () => {
    const s = spec('int32', 'little', { scale: 0.1, unit: 'kWh' });
    assert.equal(decodeValue(encodeRaw(12345, s), 0, s), 1234500);
    assert.equal(decodeValue(encodeRaw(3, s), 0, s), 300);
  });
  test('0.01 kWh uint64 (ABB) to Wh', () => {
    const s = spec('uint64', 'big', { scale: 0.01, unit: 'kWh' });
    assert.equal(decodeValue(encodeRaw(123456789, s), 0, s), 1234567890);
  });
  test('float32 kWh to Wh', () => {
    const s = spec('float32', 'big', { unit: 'kWh' });
    assert.equal(decodeValue(encodeRaw(1234.5, s), 0, s), 1234500);
  });
  test('mA to A, kW to W, MWh to Wh, 0.01 Hz', () => {
    assert.equal(decodeValue([16000], 0, spec('uint16', 'big', { unit: 'mA' })), 16);
    assert.equal(decodeValue([0xfffe], 0, spec('int16', 'big', { unit: 'kW', scale: 0.001 })), -2);
    assert.equal(decodeValue([0, 2], 0, spec('uint32', 'big', { unit: 'MWh' })), 2e6);
    assert.equal(decodeValue([5002], 0, spec('uint16', 'big', { unit: 'Hz', scale: 0.01 })), 50.02);
  });
  test('an unknown unit is a RangeError', () => {
    assert.throws(() => decodeValue([1], 0, spec('uint16', 'big', { unit: 'parsec' })), RangeError);
  });
});

describe('resolution', () => {
  test('integer counters step by their scale', () => {
    assert.equal(resolution(spec('int32', 'little', { scale: 0.1, unit: 'kWh' }), 5e6), 100);
    assert.equal(resolution(spec('uint64', 'big', { scale: 0.01, unit: 'kWh' }), 5e6), 10);
  });
  test('float32 counters step by their ulp, which grows with the value', () => {
    const s = spec('float32', 'big', { unit: 'kWh' });
    // 1000 kWh is in [512, 1024): ulp 2^(9-23) kWh.
    assert.equal(resolution(s, 1e6), 2 ** -14 * 1000);
    // 1 GWh = 1e6 kWh in [2^19, 2^20): ulp 2^-4 kWh = 62.5 Wh.
    assert.equal(resolution(s, 1e9), 62.5);
  });
});
