/**
 * A PayloadValidator over ajv standalone code generated at build time (scripts/gen-validators.mjs) from a
 * version's vendored schema files: the same ajv error objects, so the same CALLERROR mapping (failureFromAjv) as
 * the runtime-compiled SchemaValidator, without loading ajv's compiler or compiling a schema at start-up. The
 * profile loads its generated modules and names its schema files; this class knows no OCPP version.
 */
import type { ErrorObject } from 'ajv';
import { failureFromAjv } from './schema-errors.js';
import type { PayloadValidator, ValidationFailure } from './validator.js';

type Fn = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
/** One module scripts/gen-validators.mjs wrote: a `v_<file>` function per schema file and the files' ids. */
export type GeneratedSet = Record<string, Fn> & { schemaIds: Record<string, string> };
export type Kind = 'request' | 'response';
/** The schema file an action's request or response is in (1.6: X.json / XResponse.json; 2.0.1: XRequest.json / XResponse.json). */
export type SchemaFileName = (action: string, kind: Kind) => string;

// Action names are identifiers; anything else (e.g. "__proto__" tricks, "XResponse") never indexes the modules.
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

export class StandaloneValidator implements PayloadValidator {
  /** `sets` in precedence order (an action in two sets is the first one's). */
  constructor(
    private readonly sets: readonly GeneratedSet[],
    private readonly file: SchemaFileName,
  ) {}

  knows(action: string): boolean {
    return this.setOf(action) !== null;
  }

  validateRequest(action: string, payload: unknown): ValidationFailure | null {
    return this.validate(action, 'request', payload);
  }

  validateResponse(action: string, payload: unknown): ValidationFailure | null {
    return this.validate(action, 'response', payload);
  }

  schemaId(action: string, kind: Kind): string | null {
    const set = this.setOf(action);
    return set ? (set.schemaIds[this.file(action, kind)] ?? null) : null;
  }

  actions(): string[] {
    const out = new Set<string>();
    for (const set of this.sets) {
      for (const f of Object.keys(set.schemaIds)) {
        // Whichever naming the version uses: the action is the name whose request file this is.
        for (const suffix of ['Request.json', '.json']) {
          const a = f.endsWith(suffix) ? f.slice(0, -suffix.length) : null;
          if (a && this.file(a, 'request') === f && this.setOf(a) === set) out.add(a);
        }
      }
    }
    return [...out].sort();
  }

  private validate(action: string, kind: Kind, payload: unknown): ValidationFailure | null {
    const set = this.setOf(action);
    if (!set) return { code: 'NotImplemented', message: `unknown action "${action.slice(0, 64)}"` };
    const fn = set[`v_${this.file(action, kind).slice(0, -'.json'.length)}`]!;
    return fn(payload) ? null : failureFromAjv(fn.errors);
  }

  private setOf(action: string): GeneratedSet | null {
    if (!ACTION_NAME.test(action)) return null;
    // Requiring both files keeps "XResponse" from passing as an action whose request schema is XResponse.json.
    return this.sets.find((s) => Object.hasOwn(s.schemaIds, this.file(action, 'request')) && Object.hasOwn(s.schemaIds, this.file(action, 'response'))) ?? null;
  }
}

