/**
 * Checks a value written through SetVariables against a variable's characteristics (part 2 §2.51
 * VariableCharacteristicsType, §1.2 primitive data types, DataEnumType). Returns null when acceptable, else the
 * reasonCode (from the OCA reason code list) and a human sentence for statusInfo.additionalInfo.
 */
import type { VariableDefinition } from './types.js';

export interface ValueProblem {
  reasonCode: 'InvalidValue' | 'ValueOutOfRange' | 'TooLargeElement';
  info: string;
}

// Part 2 §1.2: integer is 32 bit, no leading zeros, no plus sign.
const INTEGER = /^-?(0|[1-9][0-9]*)$/;
// Decimals sent to the Charging Station SHALL NOT have more than six decimal places.
const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]{1,6})?$/;
// RFC 3339 with at most 3 fractional digits (part 2 §1.2 dateTime).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-](\d{2}):(\d{2}))$/i;

/** Length as JSON schema counts it (code points), which is what maxLength and the *ValueSize limits mean. */
export function lengthOf(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function truncate(s: string, max: number): string {
  if (lengthOf(s) <= max) return s;
  return Array.from(s).slice(0, max).join('');
}

function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m) return false;
  const [, y, mo, d, h, mi, se] = m.map(Number) as number[];
  if (mo! < 1 || mo! > 12 || h! > 23 || mi! > 59 || se! > 60) return false;
  const days = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  if (d! < 1 || d! > days) return false;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return true;
}

function range(def: VariableDefinition, n: number, bounds: { min?: number; max?: number }): ValueProblem | null {
  const min = bounds.min ?? def.minLimit;
  const max = bounds.max ?? def.maxLimit;
  if (min !== undefined && n < min) return { reasonCode: 'ValueOutOfRange', info: `${n} is below the minimum ${min}` };
  if (max !== undefined && n > max) return { reasonCode: 'ValueOutOfRange', info: `${n} is above the maximum ${max}` };
  return null;
}

/**
 * `bounds` narrows the numeric range further (MinSet/MaxSet when a Target is written, part 1 §4.3: the target may
 * not be set outside them).
 */
export function checkValue(def: VariableDefinition, value: string, bounds: { min?: number; max?: number } = {}): ValueProblem | null {
  switch (def.dataType) {
    case 'integer': {
      if (!INTEGER.test(value)) return { reasonCode: 'InvalidValue', info: `"${value}" is not an integer` };
      const n = Number(value);
      if (n < -2147483648 || n > 2147483647) return { reasonCode: 'ValueOutOfRange', info: `${value} does not fit in 32 bits` };
      return range(def, n, bounds);
    }
    case 'decimal': {
      if (!DECIMAL.test(value)) return { reasonCode: 'InvalidValue', info: `"${value}" is not a decimal (at most 6 decimal places)` };
      return range(def, Number(value), bounds);
    }
    case 'boolean':
      return value === 'true' || value === 'false' ? null : { reasonCode: 'InvalidValue', info: `"${value}" is not "true" or "false"` };
    case 'dateTime':
      if (value === '') return null;
      return isDateTime(value) ? null : { reasonCode: 'InvalidValue', info: `"${value}" is not an RFC 3339 date-time` };
    case 'string':
      return checkLength(def, value) ?? checkPattern(def, value);
    case 'OptionList': {
      const allowed = splitList(def.valuesList ?? '');
      if (!allowed.includes(value)) return { reasonCode: 'InvalidValue', info: `"${value}" is not one of ${def.valuesList}` };
      return checkLength(def, value);
    }
    case 'SequenceList':
    case 'MemberList': {
      const allowed = splitList(def.valuesList ?? '');
      const items = value === '' ? [] : value.split(',').map((s) => s.trim());
      if (items.length === 0 && (def.nonEmpty || def.dataType === 'SequenceList')) return { reasonCode: 'InvalidValue', info: 'the list must not be empty' };
      for (const it of items) {
        if (!allowed.includes(it)) return { reasonCode: 'InvalidValue', info: `"${it}" is not one of ${def.valuesList}` };
      }
      if (new Set(items).size !== items.length) return { reasonCode: 'InvalidValue', info: 'a value is listed twice' };
      return checkLength(def, value);
    }
  }
}

function checkLength(def: VariableDefinition, value: string): ValueProblem | null {
  // For string and list types maxLimit is the maximum length of the (CSV) string (§2.51).
  if (def.maxLimit !== undefined && lengthOf(value) > def.maxLimit) {
    return { reasonCode: 'ValueOutOfRange', info: `longer than ${def.maxLimit} characters` };
  }
  return null;
}

function checkPattern(def: VariableDefinition, value: string): ValueProblem | null {
  if (def.pattern !== undefined && !new RegExp(def.pattern).test(value)) return { reasonCode: 'InvalidValue', info: 'the value has the wrong format' };
  return null;
}

export function splitList(list: string): string[] {
  return list === '' ? [] : list.split(',').map((s) => s.trim());
}
