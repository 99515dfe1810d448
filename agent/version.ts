/**
 * chargerd's version, from package.json: it sits two levels above this module both in a checkout
 * (dist/agent/version.js) and in the installed package (/usr/lib/chargerd/dist/agent/version.js).
 */
import { readFileSync } from 'node:fs';

let cached: string | null = null;

export function chargerdVersion(): string {
  if (cached === null) {
    try {
      cached = String((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: unknown }).version);
    } catch {
      cached = 'unknown';
    }
  }
  return cached;
}
