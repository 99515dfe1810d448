import { readFileSync, writeFileSync } from 'node:fs';
import { HalError, type HalErrorCode } from '../errors.js';

/** Synchronous sysfs access: a sysfs write has reached the driver when write(2) returns. */
export function writeSysfs(path: string, value: string | number, code: HalErrorCode, part: string): void {
  try {
    writeFileSync(path, String(value));
  } catch (cause) {
    throw new HalError(code, `write ${JSON.stringify(String(value))} to ${path} failed: ${(cause as Error).message}`, { part, cause });
  }
}

export function readSysfs(path: string, code: HalErrorCode, part: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (cause) {
    throw new HalError(code, `read ${path} failed: ${(cause as Error).message}`, { part, cause });
  }
}

export function readSysfsNumber(path: string, code: HalErrorCode, part: string): number {
  const text = readSysfs(path, code, part);
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) throw new HalError(code, `${path} holds ${JSON.stringify(text)}, not a number`, { part });
  return n;
}
