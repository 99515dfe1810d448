/**
 * The OCPP 1.6 validator the station runs: the ajv standalone code that scripts/gen-validators.mjs generates at
 * build time from the same vendored schema files (dist/profiles/ocpp16/standalone/*.cjs). Same PayloadValidator,
 * same ajv error objects and so the same CALLERROR mapping (failureFromAjv) as the runtime-compiled
 * SchemaValidator (runtime-validator.ts), without loading ajv's compiler or compiling a schema before the BootNotification.
 */
import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import { failureFromAjv } from '../../agent/ocpp/schema-errors.js';
import type { PayloadValidator, ValidationFailure } from '../../agent/ocpp/validator.js';

type Fn = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
type Generated = Record<string, Fn> & { schemaIds: Record<string, string> };
type Kind = 'request' | 'response';

/** Folders in precedence order, as in createOcpp16RuntimeValidator (the core 1.6 files first). */
const SETS = ['schemas', 'security-schemas'] as const;

// Action names are identifiers; anything else (e.g. "__proto__" tricks, "XResponse") never indexes the modules.
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

export class StandaloneValidator implements PayloadValidator {
  private readonly sets: Generated[];

  constructor(options: { security?: boolean } = {}) {
    const require = createRequire(import.meta.url);
    const names = options.security ?? true ? SETS : SETS.slice(0, 1);
    this.sets = names.map((n) => require(`./standalone/${n}.cjs`) as Generated);
  }

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
    return set ? (set.schemaIds[file(action, kind)] ?? null) : null;
  }

  actions(): string[] {
    const out = new Set<string>();
    for (const set of this.sets) {
      for (const f of Object.keys(set.schemaIds)) {
        const a = f.slice(0, -'.json'.length);
        if (this.setOf(a) === set) out.add(a);
      }
    }
    return [...out].sort();
  }

  private validate(action: string, kind: Kind, payload: unknown): ValidationFailure | null {
    const set = this.setOf(action);
    if (!set) return { code: 'NotImplemented', message: `unknown action "${action.slice(0, 64)}"` };
    const fn = set[`v_${file(action, kind).slice(0, -'.json'.length)}`]!;
    return fn(payload) ? null : failureFromAjv(fn.errors);
  }

  private setOf(action: string): Generated | null {
    if (!ACTION_NAME.test(action)) return null;
    // Requiring both files keeps "XResponse" from passing as an action whose request schema is XResponse.json.
    return this.sets.find((s) => Object.hasOwn(s.schemaIds, file(action, 'request')) && Object.hasOwn(s.schemaIds, file(action, 'response'))) ?? null;
  }
}

function file(action: string, kind: Kind): string {
  return kind === 'request' ? `${action}.json` : `${action}Response.json`;
}

export interface Ocpp16ValidatorOptions {
  /** Also know the security whitepaper messages (default true). */
  security?: boolean;
}

/** Loads the generated code on each call: create once per process and share (module.ts does). */
export function createOcpp16Validator(options: Ocpp16ValidatorOptions = {}): StandaloneValidator {
  return new StandaloneValidator(options);
}
