/**
 * The OCPP 2.0.1 validator the station runs: ajv standalone code that scripts/gen-validators.mjs generates at build
 * time from the vendored schemas (dist/profiles/ocpp201/standalone/schemas.cjs), behind the version-neutral
 * StandaloneValidator. The runtime-compiled validator.ts stays the reference the tests hold it against.
 */
import { createRequire } from 'node:module';
import { StandaloneValidator, type GeneratedSet, type Kind } from '../../agent/ocpp/standalone-validator.js';

function file(action: string, kind: Kind): string {
  return kind === 'request' ? `${action}Request.json` : `${action}Response.json`;
}

/** Loads the generated code on each call: create once per process and share (module.ts does). */
export function createOcpp201StandaloneValidator(): StandaloneValidator {
  const require = createRequire(import.meta.url);
  return new StandaloneValidator([require('./standalone/schemas.cjs') as GeneratedSet], file);
}
