/**
 * Logging: pino, JSON lines to stdout (journald keeps them), or a readable form for people (`log.pretty`).
 * Every module takes a child logger named after it ({ module: 'ocpp:rpc' }). Secrets never reach a log line:
 * the redact list below is the last line of defence, not the first.
 */
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';

export type Logger = PinoLogger;

const REDACT = ['password', '*.password', 'basicAuthPassword', '*.basicAuthPassword', 'authorization', '*.authorization', 'AuthorizationKey', '*.AuthorizationKey', 'headers.authorization'];

export function createLogger(opts: { level: string; pretty: boolean; name?: string }, dest?: DestinationStream): Logger {
  const base = { level: opts.level, redact: { paths: REDACT, censor: '[redacted]' }, base: opts.name ? { station: opts.name } : null, timestamp: pino.stdTimeFunctions.isoTime };
  if (dest) return pino(base, dest);
  if (opts.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  return pino(base);
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
