/**
 * Inputs from MQTT: the topic and the payload are checked here, in pure functions, before anything reaches the
 * station; a refused input is answered on `<prefix>/error` and changes nothing.
 *
 * Retained commands are refused: a limit left retained by an energy manager that has since died would be
 * applied again at every reconnect, which is exactly what the expiry is there to prevent.
 */
import type { LimitValue } from '../station/external-limit.js';
import { NOMINAL_VOLTAGE_V } from '../station/external-limit.js';
import { MAX_PWM_CURRENT_A } from '../../hal/pilot/duty-cycle.js';

/** A week: longer than any schedule an energy manager repeats, short enough that a dead one cannot pin. */
export const MAX_EXPIRY_S = 7 * 24 * 3600;
export const MAX_POWER_W = MAX_PWM_CURRENT_A * NOMINAL_VOLTAGE_V * 3;
const MAX_PAYLOAD = 1024;

export type Command =
  | { kind: 'limit'; scope: 'site' | number; value: LimitValue | null; expiresInS?: number }
  | { kind: 'enabled'; evse: number; enabled: boolean };

export type Parsed = { ok: true; command: Command } | { ok: false; error: string };

const fail = (error: string): Parsed => ({ ok: false, error });

/** The payload of a limit: a number (A per phase), `{ currentA | powerW, expiresInS? }`, or empty to clear. */
export function parseLimit(text: string): { ok: true; value: LimitValue | null; expiresInS?: number } | { ok: false; error: string } {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch {
    return { ok: false, error: 'not a number or JSON object' };
  }
  if (typeof v === 'number') return amps(v);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, error: 'expected a number (A) or an object { "currentA" | "powerW", "expiresInS"? }' };
  const o = v as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !['currentA', 'powerW', 'expiresInS'].includes(k));
  if (unknown.length) return { ok: false, error: `unknown field ${unknown.map((k) => JSON.stringify(k)).join(', ')}` };
  if (('currentA' in o) === ('powerW' in o)) return { ok: false, error: 'exactly one of "currentA" and "powerW" is required' };
  let expiresInS: number | undefined;
  if ('expiresInS' in o) {
    const e = o.expiresInS;
    if (typeof e !== 'number' || !Number.isFinite(e) || e <= 0 || e > MAX_EXPIRY_S) return { ok: false, error: `"expiresInS" must be a number of seconds > 0 and <= ${MAX_EXPIRY_S}` };
    expiresInS = e;
  }
  const base = 'currentA' in o ? amps(o.currentA) : watts(o.powerW);
  if (!base.ok) return base;
  return expiresInS === undefined ? base : { ...base, expiresInS };
}

function amps(a: unknown): { ok: true; value: LimitValue } | { ok: false; error: string } {
  if (typeof a !== 'number' || !Number.isFinite(a) || a < 0 || a > MAX_PWM_CURRENT_A) return { ok: false, error: `current must be a number of amperes per phase, 0..${MAX_PWM_CURRENT_A}` };
  return { ok: true, value: { currentA: a } };
}

function watts(w: unknown): { ok: true; value: LimitValue } | { ok: false; error: string } {
  if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > MAX_POWER_W) return { ok: false, error: `"powerW" must be a number of watts, 0..${MAX_POWER_W}` };
  return { ok: true, value: { powerW: w } };
}

/**
 * One input message. `prefix` is the bridge's topic prefix, `evses` the configured EVSE ids. The topic is known
 * to match one of the subscriptions; its EVSE number is checked here.
 */
export function parseCommand(prefix: string, topic: string, payload: Buffer, retained: boolean, evses: readonly number[]): Parsed {
  if (retained) return fail('retained commands are ignored: publish without the retain flag');
  if (payload.length > MAX_PAYLOAD) return fail(`payload larger than ${MAX_PAYLOAD} bytes`);
  const text = payload.toString('utf8');
  if (!topic.startsWith(`${prefix}/`)) return fail('not a topic of this station');
  const rest = topic.slice(prefix.length + 1).split('/');
  if (rest.join('/') === 'site/limit/set') {
    const l = parseLimit(text);
    if (!l.ok) return l;
    return { ok: true, command: { kind: 'limit', scope: 'site', value: l.value, ...(l.expiresInS !== undefined ? { expiresInS: l.expiresInS } : {}) } };
  }
  if (rest[0] !== 'evse' || rest.length !== 4 || rest[3] !== 'set') return fail('unknown command topic');
  const nText = rest[1]!;
  const n = /^[1-9][0-9]{0,3}$/.test(nText) ? Number(nText) : NaN;
  if (!evses.includes(n)) return fail(`no EVSE ${JSON.stringify(nText)} (this station has ${evses.join(', ')})`);
  if (rest[2] === 'limit') {
    const l = parseLimit(text);
    if (!l.ok) return l;
    return { ok: true, command: { kind: 'limit', scope: n, value: l.value, ...(l.expiresInS !== undefined ? { expiresInS: l.expiresInS } : {}) } };
  }
  if (rest[2] === 'enabled') {
    const t = text.trim();
    if (t !== 'ON' && t !== 'OFF') return fail('expected ON or OFF');
    return { ok: true, command: { kind: 'enabled', evse: n, enabled: t === 'ON' } };
  }
  return fail('unknown command topic');
}

/** The answer on `<prefix>/error` to a refused input; the payload is cut so an error cannot be larger than its cause. */
export function errorPayload(topic: string, payload: Buffer, error: string): string {
  const text = payload.toString('utf8');
  return JSON.stringify({ topic, payload: text.length > 256 ? `${text.slice(0, 256)}…` : text, error });
}
