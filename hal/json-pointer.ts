/**
 * JSON Pointer (RFC 6901) helpers for error reports: the config, board profiles and meter models all name the
 * value they found at the field an ajv error points to.
 */

/** One reference token: `~` and `/` escaped. */
export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The value at `pointer` inside `root`, or undefined where the path does not exist. */
export function pointerGet(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const part of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}
