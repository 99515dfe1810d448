/**
 * What every OCPP schema validator needs on top of ajv: the keyword → CALLERROR code table, and a `multipleOf`
 * that tolerates binary floating point.
 */
import type { ErrorObject } from 'ajv';
import type { Ajv as AjvCore } from 'ajv';
import type { CanonicalErrorCode } from './errors.js';
import type { ValidationFailure } from './validator.js';

/**
 * First failing ajv keyword → CALLERROR code, decided from the definitions in OCPP-J 1.6 Table 7 (2.0.1 Part 4
 * Table 8 has the same wording):
 * - TypeConstraintViolation: "a field violates data type constraints (e.g. "somestring": 12)" → `type`.
 * - OccurrenceConstraintViolation: "a field violates occurrence constraints" → how many times something occurs:
 *   `required` (a mandatory field occurs 0 times), item and property counts, surplus tuple items.
 * - PropertyConstraintViolation: "payload is syntactically correct but at least one field contains an invalid
 *   value" → every keyword that judges the value of a field that is where it belongs and has the right type:
 *   `enum`, `pattern`, lengths, bounds, `multipleOf`, `format`.
 * - FormatViolation (1.6 FormationViolation): "payload syntactically incorrect or not conform the PDU structure"
 *   → a field that is not part of the PDU at all (`additionalProperties: false`) breaks the structure, not a value;
 *   it is also the fallback for structural keywords we do not expect in OCA schemas (oneOf, not, dependencies…).
 * ocpp-rpc maps differently (bounds/lengths/enum → FormatViolation, additionalProperties → PropertyConstraint);
 * peers must accept any code anyway, so we follow the spec's definitions rather than another implementation.
 */
export const KEYWORD_ERROR_CODES: Readonly<Record<string, CanonicalErrorCode>> = {
  type: 'TypeConstraintViolation',

  required: 'OccurrenceConstraintViolation',
  minItems: 'OccurrenceConstraintViolation',
  maxItems: 'OccurrenceConstraintViolation',
  additionalItems: 'OccurrenceConstraintViolation',
  minProperties: 'OccurrenceConstraintViolation',
  maxProperties: 'OccurrenceConstraintViolation',

  enum: 'PropertyConstraintViolation',
  const: 'PropertyConstraintViolation',
  pattern: 'PropertyConstraintViolation',
  maxLength: 'PropertyConstraintViolation',
  minLength: 'PropertyConstraintViolation',
  maximum: 'PropertyConstraintViolation',
  minimum: 'PropertyConstraintViolation',
  exclusiveMaximum: 'PropertyConstraintViolation',
  exclusiveMinimum: 'PropertyConstraintViolation',
  multipleOf: 'PropertyConstraintViolation',
  format: 'PropertyConstraintViolation',
  uniqueItems: 'PropertyConstraintViolation',

  additionalProperties: 'FormatViolation',
};

export function codeForKeyword(keyword: string): CanonicalErrorCode {
  return KEYWORD_ERROR_CODES[keyword] ?? 'FormatViolation';
}

/**
 * The message names the field and the rule but never the value found: payloads carry secrets
 * (ChangeConfiguration of AuthorizationKey) and these messages go to logs and to the peer.
 */
export function failureFromAjv(errors: readonly ErrorObject[] | null | undefined): ValidationFailure {
  const e = errors?.[0];
  if (!e) return { code: 'FormatViolation', message: 'payload invalid' };
  const at = e.instancePath || '(root)';
  let rule = e.message ?? `fails "${e.keyword}"`;
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') {
    rule = `must NOT have additional property "${p.additionalProperty}"`;
  } else if (e.keyword === 'enum' && Array.isArray(p.allowedValues)) {
    rule = `must be one of ${p.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return { code: codeForKeyword(e.keyword), message: `${at} ${rule}` };
}

/**
 * ajv checks multipleOf exactly, so a valid decimal such as 0.1 * 3 = 0.30000000000000004 fails "multipleOf 0.1"
 * (the OCA schemas put multipleOf 0.1 on charging limits). Accept quotients within a tolerance of an integer: an
 * absolute floor for small quotients and a relative bound where float64 spacing grows (ocpp-rpc does the same).
 */
export function installToleranceMultipleOf(ajv: AjvCore): void {
  ajv.removeKeyword('multipleOf');
  ajv.addKeyword({
    keyword: 'multipleOf',
    type: 'number',
    schemaType: 'number',
    errors: true,
    compile(divisor: number) {
      const validate: ((data: number) => boolean) & { errors?: Partial<ErrorObject>[] } = (data) => {
        const q = data / divisor;
        if (Math.abs(Math.round(q) - q) <= Math.max(1e-9, Math.abs(q) * 1e-12)) return true;
        validate.errors = [{ keyword: 'multipleOf', message: `must be multiple of ${divisor}`, params: { multipleOf: divisor } }];
        return false;
      };
      return validate;
    },
  });
}
