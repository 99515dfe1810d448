/**
 * Runtime validation of OCPP 2.0.1 payloads, compiled lazily from the same vendored, unmodified OCA schema files
 * (draft-06, `$id` urn:OCPP:Cp:2:2020:3:…) that profiles/ocpp201/generated/ comes from. `strict: false` because
 * the OCA files carry keywords ajv's strict mode rejects (`javaType`, `comment`); multipleOf gets the same
 * floating-point tolerance as 1.6 and ocpp-rpc.
 */
import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { Ajv as AjvCore } from 'ajv';
import { createRequire } from 'node:module';
import { SchemaValidator } from '../../agent/ocpp/schema-validator.js';
import { installToleranceMultipleOf } from '../../agent/ocpp/schema-errors.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = ((addFormatsPlugin as unknown as { default?: unknown }).default ?? addFormatsPlugin) as (ajv: AjvCore) => AjvCore;

/** Create once per process and share: compiled schemas are cached inside and never change. */
export function createOcpp201Validator(): SchemaValidator {
  return new SchemaValidator([
    {
      dir: new URL('./schemas/', import.meta.url),
      files: (action: string) => ({ request: `${action}Request.json`, response: `${action}Response.json` }),
      createAjv: () => {
        const ajv = new Ajv({ strict: false });
        ajv.addMetaSchema(createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-06.json'));
        addFormats(ajv as unknown as AjvCore);
        installToleranceMultipleOf(ajv as unknown as AjvCore);
        return ajv as unknown as AjvCore;
      },
    },
  ]);
}
