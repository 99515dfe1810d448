/** Hostile OCPP-J frames from a seed, for the RPC fuzz test and station-level fuzzing of each profile. */

export { prng } from './prng.js';


/**
 * Frame i of a hostile sequence: its text (or bytes) and, when it is a CALL with a usable id, that id (`f<i>`),
 * which must then be answered exactly once.
 */
export function frameGenerator(rand: () => number, actions: readonly string[]): (i: number) => { text: string | Buffer; id: string | null } {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const strings = ['', 'a', 'Accepted', '\u0000', '\ud83d\ude97', 'x'.repeat(300), '"]}', '1e309', '<script>', 'Ω'.repeat(40), '2026-13-45T99:99:99Z'];
  const scalar = (): unknown => pick([() => pick(strings), () => int(2 ** 31) - 2 ** 30, () => rand() * 1e12, () => 1e308 * 10, () => -0, () => null, () => rand() < 0.5, () => 2 ** 53 + 1])();
  const value = (depth: number): unknown => {
    if (depth <= 0 || rand() < 0.4) return scalar();
    if (rand() < 0.5) return Array.from({ length: int(4) }, () => value(depth - 1));
    const o: Record<string, unknown> = {};
    for (let i = int(5); i > 0; i--) o[pick(['status', 'connectorId', 'evseId', 'type', 'key', 'idTag', 'idToken', 'requestId', '__proto__', 'constructor', pick(strings)])] = value(depth - 1);
    return o;
  };
  const deep = (n: number): unknown => (n === 0 ? {} : { a: deep(n - 1) });
  return (i: number): { text: string | Buffer; id: string | null } => {
    const goodId = `f${i}`;
    const kind = int(12);
    switch (kind) {
      case 0:
        return { text: JSON.stringify(value(4)), id: null };
      case 1:
        return { text: pick(['', '[', '[2,"x"', 'null', '{}', '[]', '[2]', 'not json', '[2,"id","Reset",{}]]', '\u0000', '[4,,]']), id: null };
      case 2:
        return { text: Buffer.from([2, 0, 255, 10]), id: null };
      case 3: // A CALL whose id is unusable: not a string, empty or too long.
        return { text: JSON.stringify([2, pick([7, null, '', 'i'.repeat(37), {}, ['x']]), pick(actions), {}]), id: null };
      case 4: // Results and errors for calls never made: to be ignored.
        return { text: JSON.stringify(rand() < 0.5 ? [3, goodId, value(2)] : [4, goodId, pick(['GenericError', 'Nonsense', 7]), 'x', value(1)]), id: null };
      case 5: // An unknown message type with a usable id.
        return { text: JSON.stringify([pick([0, 1, 5, 9, -1, '2', 2.5]), goodId, pick(actions), {}]), id: null };
      case 6: // A known action, payload garbage.
        return { text: JSON.stringify([2, goodId, pick(actions), value(3)]), id: goodId };
      case 7: // A known action, payload not an object.
        return { text: JSON.stringify([2, goodId, pick(actions), pick([[], 'x', 7, null, true])]), id: goodId };
      case 8: // An unknown or ill-formed action.
        return { text: JSON.stringify([2, goodId, pick(['', 'reset', 'Reset ', 'x'.repeat(200), 'Heartbeat2', '__proto__', 'constructor']), {}]), id: goodId };
      case 9: // Too many or too few elements.
        return { text: JSON.stringify(rand() < 0.5 ? [2, goodId, pick(actions), {}, 'extra'] : [2, goodId, pick(actions)]), id: null };
      case 10: // Deep nesting.
        return { text: JSON.stringify([2, goodId, pick(actions), deep(200 + int(300))]), id: goodId };
      default: // An action name that is not a string.
        return { text: JSON.stringify([2, goodId, pick([7, null, {}, []]), {}]), id: null };
    }
  };
}
