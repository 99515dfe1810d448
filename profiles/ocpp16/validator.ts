/**
 * The OCPP 1.6 validator the station runs: the ajv standalone code that scripts/gen-validators.mjs generates at
 * build time from the same vendored schema files (dist/profiles/ocpp16/standalone/*.cjs), behind the
 * version-neutral StandaloneValidator. The runtime-compiled SchemaValidator (runtime-validator.ts) is the
 * reference the tests hold it against.
 */
import { createRequire } from 'node:module';
import { StandaloneValidator, type GeneratedSet, type Kind } from '../../agent/ocpp/standalone-validator.js';

/** Folders in precedence order, as in createOcpp16RuntimeValidator (the core 1.6 files first). */
const SETS = ['schemas', 'security-schemas'] as const;

function file(action: string, kind: Kind): string {
  return kind === 'request' ? `${action}.json` : `${action}Response.json`;
}

export interface Ocpp16ValidatorOptions {
  /** Also know the security whitepaper messages (default true). */
  security?: boolean;
}

/** Loads the generated code on each call: create once per process and share (module.ts does). */
export function createOcpp16Validator(options: Ocpp16ValidatorOptions = {}): StandaloneValidator {
  const require = createRequire(import.meta.url);
  const names = options.security ?? true ? SETS : SETS.slice(0, 1);
  return new StandaloneValidator(names.map((n) => require(`./standalone/${n}.cjs`) as GeneratedSet), file);
}
