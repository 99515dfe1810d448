/**
 * Groups a model's registers into as few read requests as its limits allow: each request is one contiguous
 * block, bounded by `maxRegistersPerRead`, and merges neighbours separated by at most `maxGapRegisters`
 * unmapped registers. Fewer requests means less bus time per poll on a shared RS-485 line.
 */
import { MAX_READ_REGISTERS } from '../modbus/pdu.js';
import { modelFields, registerAddress, type ModelFile, type RegisterSpec } from './model.js';

export interface PlannedField {
  /** Measurand path: 'energy', 'current.L1', ... */
  path: string;
  spec: RegisterSpec;
  /** Word offset inside the block. */
  offset: number;
}

export interface ReadBlock {
  address: number;
  count: number;
  fields: PlannedField[];
}

export interface PlanLimits {
  maxRegistersPerRead?: number;
  maxGapRegisters?: number;
}

export function planBlocks(fields: readonly { path: string; spec: RegisterSpec }[], limits: PlanLimits = {}): ReadBlock[] {
  const maxRead = Math.min(limits.maxRegistersPerRead ?? MAX_READ_REGISTERS, MAX_READ_REGISTERS);
  const maxGap = limits.maxGapRegisters ?? 0;
  const sorted = fields
    .map((f) => ({ ...f, address: registerAddress(f.spec) }))
    .sort((a, b) => a.address - b.address || b.spec.words - a.spec.words);
  const blocks: ReadBlock[] = [];
  let current: ReadBlock | null = null;
  for (const f of sorted) {
    const end = f.address + f.spec.words;
    if (current) {
      const currentEnd = current.address + current.count;
      const gap = f.address - currentEnd;
      const newCount = Math.max(currentEnd, end) - current.address;
      if (gap <= maxGap && newCount <= maxRead) {
        current.count = newCount;
        current.fields.push({ path: f.path, spec: f.spec, offset: f.address - current.address });
        continue;
      }
    }
    current = { address: f.address, count: f.spec.words, fields: [{ path: f.path, spec: f.spec, offset: 0 }] };
    blocks.push(current);
  }
  return blocks;
}

export function planModelReads(model: ModelFile): ReadBlock[] {
  return planBlocks(modelFields(model), model.limits ?? {});
}
