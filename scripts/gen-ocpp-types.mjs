#!/usr/bin/env node
// Generates TypeScript message types from the vendored, unmodified OCA JSON schemas so that the types and the
// runtime validators (compiled from the same files) can never drift apart. `--check` regenerates in memory and
// fails when the committed output differs: CI runs it.
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

// 1.6 names its files <Action>.json / <Action>Response.json, 2.0.1 <Action>Request.json / <Action>Response.json.
const sets = [
  { version: 'ocpp16', dir: 'profiles/ocpp16/schemas', out: 'profiles/ocpp16/generated', label: 'OCPP 1.6', requestSuffix: '' },
  { version: 'ocpp201', dir: 'profiles/ocpp201/schemas', out: 'profiles/ocpp201/generated', label: 'OCPP 2.0.1', requestSuffix: 'Request', dedupe: true },
];

const banner = (src) => `// GENERATED from ${src} by scripts/gen-ocpp-types.mjs — do not edit.\n`;

async function typesFor(schemaPath, typeName) {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // The title drives the generated name; ids are metadata and would only leak into comments.
  const copy = { ...schema, title: typeName };
  delete copy.id;
  delete copy.$id;
  return compile(copy, typeName, { bannerComment: '', additionalProperties: false, strictIndexSignatures: true, format: true, unknownAny: true });
}

// 2.0.1 request and response schemas each carry their own copy of the shared definitions (CustomDataType,
// AttributeEnumType, ...); two `export type X` in one module do not compile. Keep the first declaration of each
// name, and fail when a later one differs in more than its comments, so a real clash is never hidden.
function dedupeDeclarations(text, where) {
  const chunks = [];
  let cur = [];
  let hasDecl = false;
  for (const line of text.split('\n')) {
    const starts = line.startsWith('/**') || line.startsWith('export ');
    if (starts && hasDecl) {
      chunks.push(cur.join('\n'));
      cur = [];
      hasDecl = false;
    }
    cur.push(line);
    if (line.startsWith('export ')) hasDecl = true;
  }
  chunks.push(cur.join('\n'));
  const seen = new Map();
  const out = [];
  const body = (c) => c.replace(/\/\*\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').trim();
  for (const c of chunks) {
    const m = /^export (?:type|interface) (\w+)/m.exec(c);
    if (!m) {
      out.push(c);
      continue;
    }
    const prev = seen.get(m[1]);
    if (prev === undefined) {
      seen.set(m[1], body(c));
      out.push(c);
    } else if (prev !== body(c)) {
      throw new Error(`${where}: two different declarations of ${m[1]}`);
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

let drift = [];
for (const set of sets) {
  const files = readdirSync(join(root, set.dir)).filter((f) => f.endsWith('.json')).sort();
  const reqSuffix = `${set.requestSuffix}.json`;
  const actions = files
    .filter((f) => !f.endsWith('Response.json') && f.endsWith(reqSuffix))
    .map((f) => f.slice(0, -reqSuffix.length));
  const outputs = new Map();
  for (const action of actions) {
    const reqFile = `${action}${reqSuffix}`;
    const req = await typesFor(join(root, set.dir, reqFile), `${action}Request`);
    const conf = await typesFor(join(root, set.dir, `${action}Response.json`), `${action}Response`);
    const types = set.dedupe ? dedupeDeclarations(`${req}\n${conf}`, `${set.dir}/${action}`) : `${req}\n${conf}`;
    outputs.set(`${action}.ts`, `${banner(`${set.dir}/${reqFile} and ${action}Response.json`)}\n${types}`);
  }
  let index = banner(set.dir) + '\n';
  for (const a of actions) index += `import type { ${a}Request, ${a}Response } from './${a}.js';\n`;
  for (const a of actions) index += `export type { ${a}Request, ${a}Response } from './${a}.js';\n`;
  index += `\n/** Every ${set.label} action, named as on the wire. */\nexport const ACTIONS = [\n${actions.map((a) => `  '${a}',`).join('\n')}\n] as const;\n`;
  index += `export type Action = (typeof ACTIONS)[number];\n\n`;
  index += `/** Request and response payload types of each action. */\nexport interface ActionMap {\n${actions.map((a) => `  ${a}: { req: ${a}Request; conf: ${a}Response };`).join('\n')}\n}\n`;
  index += `export type RequestOf<A extends Action> = ActionMap[A]['req'];\nexport type ResponseOf<A extends Action> = ActionMap[A]['conf'];\n`;
  outputs.set('index.ts', index);

  const outDir = join(root, set.out);
  if (!check) mkdirSync(outDir, { recursive: true });
  for (const [name, text] of outputs) {
    const path = join(outDir, name);
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) drift.push(path);
    } else {
      writeFileSync(path, text);
    }
  }
}
// The config file's types come from its schema the same way.
{
  const src = 'agent/config/config.schema.json';
  const schema = JSON.parse(readFileSync(join(root, src), 'utf8'));
  delete schema.$id;
  const text = banner(src) + '\n' + (await compile(schema, 'ChargerdConfig', { bannerComment: '', additionalProperties: false, format: true, unknownAny: true }));
  const path = join(root, 'agent/config/generated.ts');
  if (check) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) drift.push(path);
  } else writeFileSync(path, text);
}

if (check) {
  if (drift.length) {
    console.error(`generated OCPP types are out of date (run npm run gen):\n  ${drift.join('\n  ')}`);
    process.exit(1);
  }
  console.log('generated OCPP types are up to date');
}
