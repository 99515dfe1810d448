import { isPlainObject } from '../control/protocol.js';
import { ReplyShapeError } from './errors.js';

/**
 * Readers for agent replies that fail with a precise ReplyShapeError instead of a TypeError when an older or
 * newer agent answers in another shape.
 */
export function obj(v: unknown, where: string): Record<string, unknown> {
  if (!isPlainObject(v)) throw new ReplyShapeError(`${where} is not an object`);
  return v;
}

export function arr(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new ReplyShapeError(`${where} is not an array`);
  return v;
}

export function str(o: Record<string, unknown>, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new ReplyShapeError(`${where}.${key} is not a string`);
  return v;
}

export function optStr(o: Record<string, unknown>, key: string, where: string): string | undefined {
  return o[key] === undefined || o[key] === null ? undefined : str(o, key, where);
}

export function num(o: Record<string, unknown>, key: string, where: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ReplyShapeError(`${where}.${key} is not a number`);
  return v;
}

export function optNum(o: Record<string, unknown>, key: string, where: string): number | undefined {
  return o[key] === undefined || o[key] === null ? undefined : num(o, key, where);
}

export function bool(o: Record<string, unknown>, key: string, where: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') throw new ReplyShapeError(`${where}.${key} is not a boolean`);
  return v;
}
