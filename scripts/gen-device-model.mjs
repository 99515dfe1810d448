#!/usr/bin/env node
// Generates the OCPP 2.0.1 device model definitions (profiles/ocpp201/device-model/variables.ts) from the vendored
// OCA appendix CSV (names, instances, data types, units, descriptions) and chargerd's profile.json (what the CSV
// does not say: mutability, persistence, limits, values lists, defaults, reboot, which are required). The model is
// data, so the spec's names can never be mistyped in code. `--check` regenerates in memory and fails on drift.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check') || process.argv.includes('--profile');
const dir = 'profiles/ocpp201/device-model';
const csvPath = `${dir}/appendix/dm_components_vars.csv`;
const outPath = join(root, dir, 'variables.ts');

const DATA_TYPES = ['string', 'decimal', 'integer', 'dateTime', 'boolean', 'OptionList', 'SequenceList', 'MemberList'];
const LISTS = ['OptionList', 'SequenceList', 'MemberList'];
const MUTABILITY = ['ReadOnly', 'WriteOnly', 'ReadWrite'];
const PROFILES = ['Core', 'LocalAuthListManagement'];
const KNOWN_FIELDS = new Set(['mutability', 'default', 'live', 'constant', 'minLimit', 'maxLimit', 'valuesList', 'pattern', 'nonEmpty',
  'rebootRequired', 'required', 'src', 'dataType', 'unit', 'why', 'omit', 'generic']);

/** Semicolon-separated, double quotes around fields that contain quotes (doubled inside). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ';') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function firstSentence(text) {
  const t = text.trim().replace(/\s+/g, ' ');
  const m = /^(.+?[.!?])(\s|$)/.exec(t);
  return m ? m[1] : t;
}

const fail = [];
const rows = parseCsv(readFileSync(join(root, csvPath), 'utf8'));
const header = rows.shift();
if (header.join(';') !== 'Specific Component;Variable;Instance;Required?;DataType;Unit;Description') fail.push(`${csvPath}: unexpected header ${header.join(';')}`);
const csv = new Map();
for (const [component, variable, instance, required, dataType, unit, description] of rows) {
  const key = `${component}\u0000${instance ? `${variable}[${instance}]` : variable}`;
  csv.set(key, { component, variable, instance, required: required === 'yes', dataType, unit, description: description ?? '' });
}

// --profile <file>: check another profile against the CSV (the generator's own tests use it); implies --check.
const profileArg = process.argv.indexOf('--profile');
const profilePath = profileArg > 0 ? process.argv[profileArg + 1] : join(root, dir, 'profile.json');
const profile = JSON.parse(readFileSync(profilePath, 'utf8'));
const components = [];
for (const [component, spec] of Object.entries(profile.components)) {
  if (!['station', 'evse', 'connector'].includes(spec.scope)) fail.push(`${component}: scope must be station, evse or connector`);
  const inCsv = [...csv.values()].filter((r) => r.component === component);
  if (!inCsv.length) fail.push(`${component}: not a component of ${csvPath}`);
  for (const r of inCsv) {
    const key = r.instance ? `${r.variable}[${r.instance}]` : r.variable;
    if (!(key in spec.variables)) fail.push(`${component}.${key}: listed in the CSV but neither described nor omitted in profile.json`);
  }
  const variables = [];
  for (const [key, v] of Object.entries(spec.variables)) {
    const where = `${component}.${key}`;
    // "generic": true takes a <generic> row of the CSV (Problem, Tripped...: variables any component may have).
    const row = v.generic === true ? csv.get(`<generic>\u0000${key}`) : csv.get(`${component}\u0000${key}`);
    if (!row) { fail.push(`${where}: not in ${csvPath}${v.generic === true ? ' as a <generic> variable' : ''} (names must be exactly the CSV's)`); continue; }
    for (const f of Object.keys(v)) if (!KNOWN_FIELDS.has(f)) fail.push(`${where}: unknown field ${f}`);
    if (v.omit !== undefined) continue;
    const dataType = v.dataType ?? row.dataType;
    if ((v.dataType !== undefined || v.unit !== undefined) && !v.why) fail.push(`${where}: overrides the CSV without saying why`);
    if (!DATA_TYPES.includes(dataType)) fail.push(`${where}: data type ${dataType} is no DataEnumType`);
    if (!MUTABILITY.includes(v.mutability)) fail.push(`${where}: mutability must be one of ${MUTABILITY.join(', ')}`);
    if (v.required !== undefined && !PROFILES.includes(v.required)) fail.push(`${where}: required must be one of ${PROFILES.join(', ')}`);
    if (typeof v.default !== 'string') fail.push(`${where}: default must be a string`);
    const valuesList = v.valuesList === '@measurands' ? profile.measurands : v.valuesList;
    if (LISTS.includes(dataType) !== (valuesList !== undefined)) fail.push(`${where}: valuesList is required exactly for OptionList, SequenceList and MemberList`);
    const unit = v.unit ?? (row.unit || undefined);
    if (unit !== undefined && unit.includes(',')) fail.push(`${where}: the CSV allows units ${unit}; choose one`);
    const def = {
      name: row.variable,
      ...(row.instance ? { instance: row.instance } : {}),
      dataType,
      ...(unit ? { unit } : {}),
      ...(v.minLimit !== undefined ? { minLimit: v.minLimit } : {}),
      ...(v.maxLimit !== undefined ? { maxLimit: v.maxLimit } : {}),
      ...(valuesList !== undefined ? { valuesList } : {}),
      ...(v.pattern !== undefined ? { pattern: v.pattern } : {}),
      ...(v.nonEmpty ? { nonEmpty: true } : {}),
      attributes: [{
        type: 'Actual',
        mutability: v.mutability,
        // Part 2, Referenced Components and Variables: writable variables SHALL be persistent.
        persistent: v.mutability !== 'ReadOnly' || v.constant === true,
        constant: v.constant === true,
        default: v.default,
      }],
      live: v.live === true,
      rebootRequired: v.rebootRequired === true,
      required: v.required ?? null,
      csvRequired: row.required,
      description: firstSentence(row.description),
      src: v.src ?? '',
    };
    variables.push(def);
  }
  components.push({ name: component, scope: spec.scope, variables });
}

if (fail.length) {
  console.error(`device model profile errors:\n  ${fail.join('\n  ')}`);
  process.exit(1);
}

// One variable per line: reviewable diffs when the CSV or profile.json changes.
function serialize(list) {
  const comps = list.map((c) => `  {\n    name: ${JSON.stringify(c.name)},\n    scope: ${JSON.stringify(c.scope)},\n    variables: [\n${c.variables.map((v) => `      ${JSON.stringify(v)},`).join('\n')}\n    ],\n  },`);
  return `[\n${comps.join('\n')}\n]`;
}

const text = `// GENERATED from ${csvPath} and ${dir}/profile.json by scripts/gen-device-model.mjs — do not edit.

import type { ComponentDefinition } from './types.js';

/** The standardized components chargerd implements, with their variables as the OCA appendix names them. */
export const STANDARD_COMPONENTS: readonly ComponentDefinition[] = ${serialize(components)};
`;
if (check) {
  if (!existsSync(outPath) || readFileSync(outPath, 'utf8') !== text) {
    console.error(`generated device model is out of date (run npm run gen):\n  ${outPath}`);
    process.exit(1);
  }
  console.log('generated device model is up to date');
} else {
  writeFileSync(outPath, text);
}
