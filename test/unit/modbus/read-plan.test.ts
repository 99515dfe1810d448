import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RegisterSpec } from '../../../hal/meters/model.js';
import { loadModel } from '../../../hal/meters/model.js';
import { planBlocks, planModelReads } from '../../../hal/meters/read-plan.js';

const f32 = (register: number): RegisterSpec => ({ register, words: 2, type: 'float32', wordOrder: 'big', scale: 1, unit: 'W' });
const u16 = (register: number): RegisterSpec => ({ register, words: 1, type: 'uint16', wordOrder: 'big', scale: 1, unit: 'W' });
const u64 = (register: number): RegisterSpec => ({ register, words: 4, type: 'uint64', wordOrder: 'big', scale: 1, unit: 'Wh' });
const shape = (blocks: ReturnType<typeof planBlocks>): [number, number][] => blocks.map((b) => [b.address, b.count]);

describe('read plan: grouping registers into requests', () => {
  test('contiguous registers become one request, whatever the input order', () => {
    const blocks = planBlocks([
      { path: 'c', spec: f32(4) },
      { path: 'a', spec: f32(0) },
      { path: 'b', spec: f32(2) },
    ]);
    assert.deepEqual(shape(blocks), [[0, 6]]);
    assert.deepEqual(
      blocks[0]!.fields.map((f) => [f.path, f.offset]),
      [
        ['a', 0],
        ['b', 2],
        ['c', 4],
      ],
    );
  });

  test('a gap splits requests unless maxGapRegisters allows reading across it', () => {
    const fields = [
      { path: 'a', spec: f32(0) },
      { path: 'b', spec: f32(10) },
    ];
    assert.deepEqual(shape(planBlocks(fields)), [
      [0, 2],
      [10, 2],
    ]);
    assert.deepEqual(shape(planBlocks(fields, { maxGapRegisters: 7 })), [
      [0, 2],
      [10, 2],
    ]);
    assert.deepEqual(shape(planBlocks(fields, { maxGapRegisters: 8 })), [[0, 12]]);
  });

  test('maxRegistersPerRead bounds each request', () => {
    const fields = Array.from({ length: 10 }, (_, i) => ({ path: `p${i}`, spec: f32(2 * i) }));
    assert.deepEqual(shape(planBlocks(fields, { maxRegistersPerRead: 8 })), [
      [0, 8],
      [8, 8],
      [16, 4],
    ]);
  });

  test('never more than the protocol limit of 125 registers', () => {
    const fields = Array.from({ length: 100 }, (_, i) => ({ path: `p${i}`, spec: f32(2 * i) }));
    const blocks = planBlocks(fields, { maxRegistersPerRead: 200 });
    assert.ok(blocks.every((b) => b.count <= 125));
    assert.equal(blocks.reduce((n, b) => n + b.count, 0), 200);
  });

  test('the same register used twice (single-phase power) and overlapping values share a block', () => {
    const blocks = planBlocks([
      { path: 'power', spec: f32(12) },
      { path: 'powerPerPhase.L1', spec: f32(12) },
      { path: 'x', spec: u16(13) },
    ]);
    assert.deepEqual(shape(blocks), [[12, 2]]);
    assert.equal(blocks[0]!.fields.length, 3);
  });

  test('mixed widths: a 64-bit counter next to 16-bit values', () => {
    assert.deepEqual(
      shape(
        planBlocks([
          { path: 'e', spec: u64(0x5000) },
          { path: 'x', spec: u64(0x5004) },
          { path: 'f', spec: u16(0x5b2c) },
        ]),
      ),
      [
        [0x5000, 8],
        [0x5b2c, 1],
      ],
    );
  });

  test('SDM630: three requests (V/I/P per phase, total power, frequency + energy)', () => {
    assert.deepEqual(shape(planModelReads(loadModel('eastron-sdm630'))), [
      [0x0000, 18],
      [0x0034, 2],
      [0x0046, 6],
    ]);
  });

  test('ABB B23: the documented gap registers let V, I and P share one request', () => {
    assert.deepEqual(shape(planModelReads(loadModel('abb-b23'))), [
      [0x5000, 8],
      [0x5b00, 28],
      [0x5b2c, 1],
    ]);
  });

  test('EM340: two requests', () => {
    assert.deepEqual(shape(planModelReads(loadModel('carlo-gavazzi-em340'))), [
      [0x0000, 0x36],
      [0x004e, 2],
    ]);
  });
});
