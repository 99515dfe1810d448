/**
 * Logging: pino, JSON lines to stdout (journald keeps them), or a readable form for people (`log.pretty`).
 * Every module takes a child logger named after it ({ module: 'ocpp:rpc' }). Secrets never reach a log line:
 * the redact list below is the last line of defence, not the first.
 *
 * Every line is also kept in the logger's LogRing (createLogHub), which `chargerctl logs` reads when there is no
 * journal. Two rules hold for every line, whoever logs it: one `module` key (a child of a child names the inner
 * module only) and numbers rounded (roundNumbers) so float noise such as 0.30000000000000004 never shows.
 */
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import { LogRing } from './log-ring.js';

export type Logger = PinoLogger;

const REDACT = ['password', '*.password', 'basicAuthPassword', '*.basicAuthPassword', 'authorization', '*.authorization', 'AuthorizationKey', '*.AuthorizationKey', 'headers.authorization'];

export interface LogOptions {
  level: string;
  pretty: boolean;
  name?: string;
}

/** A logger and the ring that keeps its recent lines. */
export interface LogHub {
  log: Logger;
  ring: LogRing;
}

export function createLogger(opts: LogOptions, dest?: DestinationStream): Logger {
  return createLogHub(opts, dest).log;
}

/** The logger writes to `dest` (default stdout, or pino-pretty with `pretty`) and to its ring alike. */
export function createLogHub(opts: LogOptions, dest?: DestinationStream, ring = new LogRing()): LogHub {
  const out: DestinationStream =
    dest ??
    (opts.pretty
      ? (pino.transport({ target: 'pino-pretty', options: { colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } }) as DestinationStream)
      : pino.destination({ fd: process.stdout.fd || 1 }));
  const log = pino(
    {
      level: opts.level,
      redact: { paths: REDACT, censor: '[redacted]' },
      base: opts.name ? { station: opts.name } : null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (obj) => roundNumbers(obj, 0) as Record<string, unknown> },
      onChild: singleModule,
    },
    tee(out, ring),
  );
  return { log, ring };
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** Writes each line to the destination and to the ring; flush and end reach the destination. */
function tee(out: DestinationStream, ring: LogRing): DestinationStream {
  const o = out as DestinationStream & { flushSync?: () => void; flush?: (cb?: () => void) => void; end?: () => void };
  return Object.assign(
    {
      write(line: string) {
        ring.push(line);
        return out.write(line);
      },
    },
    o.flushSync ? { flushSync: () => o.flushSync!() } : {},
    o.flush ? { flush: (cb?: () => void) => o.flush!(cb) } : {},
    o.end ? { end: () => o.end!() } : {},
  );
}

const { chindingsSym } = pino.symbols;
const MODULE_BINDING = /,"module":"(?:[^"\\]|\\.)*"/g;

/**
 * Pino appends a child's bindings to its parent's as JSON text, so `station` → `evse:1` would write two
 * `module` keys in one line (most JSON readers keep the last, jq and journald's viewers show both). Called once
 * per child created (not per line): keep only the innermost module.
 */
function singleModule(child: Logger): void {
  const c = child as unknown as Record<symbol, string>;
  const text = c[chindingsSym];
  if (typeof text !== 'string') return;
  const found = text.match(MODULE_BINDING);
  if (!found || found.length < 2) return;
  let seen = 0;
  c[chindingsSym] = text.replace(MODULE_BINDING, (m) => (++seen === found.length ? m : ''));
}

/**
 * Non-integers to 3 decimals (3 significant digits below 0.001, so a small value does not read as 0), in plain
 * objects and arrays to a few levels; other objects (Error, Date, Buffer) are left to pino's serialisers. The
 * caller's object is copied where something changes, never modified.
 */
export function roundNumbers(v: unknown, depth: number): unknown {
  if (typeof v === 'number') return roundNumber(v);
  if (depth > 4 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    v.forEach((x, i) => {
      const r = roundNumbers(x, depth + 1);
      if (r !== x) (out ??= v.slice())[i] = r;
    });
    return out ?? v;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return v;
  let out: Record<string, unknown> | null = null;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const r = roundNumbers(x, depth + 1);
    if (r !== x) (out ??= { ...(v as Record<string, unknown>) })[k] = r;
  }
  return out ?? v;
}

export function roundNumber(n: number): number {
  if (Number.isInteger(n) || !Number.isFinite(n)) return n;
  return Math.abs(n) >= 0.001 ? Math.round(n * 1000) / 1000 : Number(n.toPrecision(3));
}
