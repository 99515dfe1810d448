import type { Invocation } from './command.js';
import { UsageError } from './errors.js';

/** Argument checks done before calling the agent, so a typo never reaches the station. */

export function parseEvse(arg: string | undefined, hint: string): number {
  if (arg === undefined) throw new UsageError('missing EVSE number', hint);
  if (!/^[0-9]+$/.test(arg)) throw new UsageError(`EVSE must be a positive integer, got '${arg}'`, hint);
  const n = Number(arg);
  if (n < 1 || !Number.isSafeInteger(n)) throw new UsageError(`EVSE must be a positive integer, got '${arg}'`, hint);
  return n;
}

export function parseChoice<T extends string>(arg: string | undefined, what: string, choices: readonly T[], hint: string): T {
  if (arg === undefined) throw new UsageError(`missing ${what} (one of ${choices.join(', ')})`, hint);
  if (!(choices as readonly string[]).includes(arg)) {
    throw new UsageError(`${what} must be one of ${choices.join(', ')}, got '${arg}'`, hint);
  }
  return arg as T;
}

/**
 * OCPP CiString<max>: printable ASCII only (OCPP 1.6 §2 "CiString"), 1..max characters. The lengths are the
 * 1.6 ones: idToken 20, configuration key 50, configuration value 500.
 */
export function parseCiString(arg: string | undefined, what: string, max: number, hint: string, allowEmpty = false): string {
  if (arg === undefined) throw new UsageError(`missing ${what}`, hint);
  if (arg.length === 0 && !allowEmpty) throw new UsageError(`${what} must not be empty`, hint);
  if (arg.length > max) throw new UsageError(`${what} must be at most ${max} characters, got ${arg.length}`, hint);
  if (!/^[\x20-\x7e]*$/.test(arg)) throw new UsageError(`${what} must be printable ASCII`, hint);
  return arg;
}

export function expectNoMore(args: readonly string[], count: number, hint: string): void {
  if (args.length > count) throw new UsageError(`unexpected argument '${args[count]}'`, hint);
}

/** The parse() of a command whose only argument is one EVSE number (`hal pilot N`, `sim plug N`, ...). */
export function oneEvse(method: string): (args: readonly string[], flags: ReadonlySet<string>, hint: string) => Invocation {
  return (args, _flags, hint) => {
    const evse = parseEvse(args[0], hint);
    expectNoMore(args, 1, hint);
    return { method, params: { evse } };
  };
}
