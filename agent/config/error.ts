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

/**
 * Fields whose value is a secret: a problem with one says what is wrong but never shows the value (the message
 * goes to the terminal and the journal). Matched on the last segment of the pointer, so an OCPP key in
 * `ocppKeys` (AuthorizationKey) is covered as well as `ocpp.basicAuthPassword` and `mqtt.password`.
 */
const SECRET_FIELD = /(password|authorizationkey|secret|token)$/i;

export function isSecretField(pointer: string): boolean {
  return SECRET_FIELD.test(pointer.slice(pointer.lastIndexOf('/') + 1));
}

/** A URL's userinfo (ws://user:password@host) is a secret wherever it appears. */
const withoutUserinfo = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/(\/\/)[^/@\s]*@/g, '$1[redacted]@') : v);

const shown = (p: ConfigProblem): string =>
  p.value === undefined ? '' : isSecretField(p.field) ? ' (value not shown: it is a secret)' : ` (found ${JSON.stringify(withoutUserinfo(p.value))})`;

/** A config problem, with the JSON pointer of the field, the value found and the rule it breaks. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** As given, except that a secret field's value is replaced: callers print and serialise these too. */
  readonly problems: ConfigProblem[];
  constructor(
    problems: ConfigProblem[],
    readonly file?: string,
  ) {
    super(
      `invalid config${file ? ` ${file}` : ''}${problems.length > 1 ? ` (${problems.length} problems)` : ''}:\n` +
        problems.map((p) => `  ${p.field || '(root)'}: ${p.rule}${shown(p)}`).join('\n'),
    );
    this.problems = problems.map((p) => (p.value === undefined ? p : { ...p, value: isSecretField(p.field) ? '[redacted]' : withoutUserinfo(p.value) }));
  }
}
