/**
 * ConfigError on its own, so that the board and meter checks the loader runs (agent/hal-linux-board.ts) can
 * build one without importing the loader that imports them.
 */

/** One config problem: the JSON pointer of the field, the value found there and the rule it breaks. */
export interface ConfigProblem {
  field: string;
  value: unknown;
  rule: string;
}

/** A config problem, with the JSON pointer of the field, the value found and the rule it breaks. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly problems: ConfigProblem[],
    readonly file?: string,
  ) {
    super(
      `invalid config${file ? ` ${file}` : ''}${problems.length > 1 ? ` (${problems.length} problems)` : ''}:\n` +
        problems.map((p) => `  ${p.field || '(root)'}: ${p.rule}${p.value === undefined ? '' : ` (found ${JSON.stringify(p.value)})`}`).join('\n'),
    );
  }
}
