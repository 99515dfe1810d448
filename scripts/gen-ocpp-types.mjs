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
function splitDeclarations(text) {
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
  return chunks.map((text) => ({ text, name: /^export (?:type|interface) (\w+)/m.exec(text)?.[1] ?? null }));
}

const bodyOf = (chunk) => chunk.replace(/\/\*\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').trim();

function dedupeDeclarations(text, where) {
  const seen = new Map();
  const out = [];
  for (const c of splitDeclarations(text)) {
    if (c.name === null) {
      out.push(c);
      continue;
    }
    const prev = seen.get(c.name);
    if (prev === undefined) {
      seen.set(c.name, bodyOf(c.text));
      out.push(c);
    } else if (prev !== bodyOf(c.text)) {
      throw new Error(`${where}: two different declarations of ${c.name}`);
    }
  }
  return out;
}

// The same definitions recur across the 2.0.1 actions too (ChargingProfileType in four of them, IdTokenType in
// six, ...): a declaration found word for word in two or more actions is emitted once, in common.ts, and each
// action module imports and re-exports it, so `import { X } from './<Action>.js'` keeps working. A declaration is
// shared only when every type it names is shared as well, so common.ts never imports from an action.
function shareCommonDeclarations(perAction) {
  const uses = new Map();
  for (const chunks of perAction.values()) {
    for (const c of chunks) {
      if (c.name === null) continue;
      const u = uses.get(c.name) ?? { bodies: new Set(), count: 0, chunk: c };
      u.bodies.add(bodyOf(c.text));
      u.count++;
      uses.set(c.name, u);
    }
  }
  const shared = new Set([...uses].filter(([, u]) => u.count > 1 && u.bodies.size === 1).map(([n]) => n));
  const referenced = (c) => [...bodyOf(c.text).replace(/^export (?:type|interface) \w+/, '').matchAll(/\b([A-Z]\w*Type)\b/g)].map((m) => m[1]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of shared) {
      if (referenced(uses.get(n).chunk).some((r) => uses.has(r) && !shared.has(r))) {
        shared.delete(n);
        changed = true;
      }
    }
  }
  const names = [...shared].sort();
  const common = names.map((n) => uses.get(n).chunk.text).join('\n');
  const actions = new Map();
  for (const [action, chunks] of perAction) {
    const mine = chunks.filter((c) => c.name !== null && shared.has(c.name)).map((c) => c.name).sort();
    const ownChunks = chunks.filter((c) => c.name === null || !shared.has(c.name));
    const own = ownChunks.map((c) => c.text).join('\n');
    const used = [...new Set(ownChunks.flatMap(referenced))].filter((n) => shared.has(n)).sort();
    const head =
      (used.length ? `import type { ${used.join(', ')} } from './common.js';\n` : '') +
      (mine.length ? `export type { ${mine.join(', ')} } from './common.js';\n\n` : '');
    actions.set(action, `${head}${own}`.replace(/\n{3,}/g, '\n\n'));
  }
  return { common: common.replace(/\n{3,}/g, '\n\n'), actions };
}

let drift = [];
for (const set of sets) {
  const files = readdirSync(join(root, set.dir)).filter((f) => f.endsWith('.json')).sort();
  const reqSuffix = `${set.requestSuffix}.json`;
  const actions = files
    .filter((f) => !f.endsWith('Response.json') && f.endsWith(reqSuffix))
    .map((f) => f.slice(0, -reqSuffix.length));
  const outputs = new Map();
  const perAction = new Map();
  for (const action of actions) {
    const req = await typesFor(join(root, set.dir, `${action}${reqSuffix}`), `${action}Request`);
    const conf = await typesFor(join(root, set.dir, `${action}Response.json`), `${action}Response`);
    perAction.set(action, set.dedupe ? dedupeDeclarations(`${req}\n${conf}`, `${set.dir}/${action}`) : null);
    if (!set.dedupe) outputs.set(action, `${req}\n${conf}`);
  }
  if (set.dedupe) {
    const { common, actions: texts } = shareCommonDeclarations(perAction);
    for (const [action, text] of texts) outputs.set(action, text);
    outputs.set('common.ts', `${banner(`${set.dir} (the definitions two or more actions share)`)}\n${common}`);
  }
  for (const action of actions) {
    outputs.set(`${action}.ts`, `${banner(`${set.dir}/${action}${reqSuffix} and ${action}Response.json`)}\n${outputs.get(action)}`);
    outputs.delete(action);
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
