/**
 * Runtime-compiled validation of OCPP 1.6 payloads (ajv's compiler in the process), compiled from the same vendored, unmodified OCA schema files that the
 * generated types come from:
 * - `schemas/<Action>.json` / `<Action>Response.json`: draft-04 with `"id"` (urn:OCPP:1.6:2019:12:…, and
 *   StopTransaction's request re-released as urn:OCPP:1.6:2025:04:…, which accepts both Celcius and Celsius);
 *   plain ajv 8 no longer reads draft-04 `id`, hence ajv-draft-04.
 * - `security-schemas/`: the security whitepaper messages (SignCertificate, GetLog, …), draft-06 with `$id`.
 *
 * `strict: false` because the OCA files carry keywords ajv's strict mode rejects (e.g. `additionalProperties` on
 * string enums, `javaType`). Failure codes are canonical (errors.ts); the connection converts them to the 1.6
 * spellings (FormationViolation, OccurenceConstraintViolation) when it answers.
 *
 * The station does not run this one: it runs the same schemas as standalone code generated at build time
 * (validator.ts, scripts/gen-validators.mjs). This stays as the reference the generated code is checked against
 * (test/unit/profiles/standalone-validator.test.ts).
 */
import { Ajv } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormatsPlugin from 'ajv-formats';
import type { Ajv as AjvCore } from 'ajv';
import { createRequire } from 'node:module';
import { SchemaValidator } from '../../agent/ocpp/schema-validator.js';
import { installToleranceMultipleOf } from '../../agent/ocpp/schema-errors.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = ((addFormatsPlugin as unknown as { default?: unknown }).default ?? addFormatsPlugin) as (ajv: AjvCore) => AjvCore;
const Draft04 = ((Ajv04 as unknown as { default?: unknown }).default ?? Ajv04) as unknown as new (opts: object) => AjvCore;

export interface Ocpp16ValidatorOptions {
  /** Also know the security whitepaper messages (default true). */
  security?: boolean;
}

const files = (action: string) => ({ request: `${action}.json`, response: `${action}Response.json` });

function prepare(ajv: AjvCore): AjvCore {
  addFormats(ajv);
  installToleranceMultipleOf(ajv);
  return ajv;
}

/** Create once per process and share: compiled schemas are cached inside and never change. */
export function createOcpp16RuntimeValidator(options: Ocpp16ValidatorOptions = {}): SchemaValidator {
  const sets = [
    {
      dir: new URL('./schemas/', import.meta.url),
      files,
      createAjv: () => prepare(new Draft04({ strict: false })),
    },
  ];
  if (options.security ?? true) {
    sets.push({
      dir: new URL('./security-schemas/', import.meta.url),
      files,
      createAjv: () => {
        const ajv = new Ajv({ strict: false });
        ajv.addMetaSchema(createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-06.json'));
        return prepare(ajv as unknown as AjvCore);
      },
    });
  }
  return new SchemaValidator(sets);
}
