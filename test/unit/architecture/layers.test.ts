/**
 * The layering rules, checked on every import of the sources (type-only imports included: a type is a
 * dependency too). Imports point down: profiles/ → agent/ → offline-queue/, hal/. The programs in agent/bin/
 * are the composition root and the one place in agent/ that may name the profiles (through profiles/index.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

// dist/test/unit/architecture/ → the checkout.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const LAYERS = ['agent', 'hal', 'offline-queue', 'profiles'] as const;

interface Edge {
  from: string;
  /** Repository-relative target for relative specifiers, else the bare specifier. */
  to: string;
  line: number;
}

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s(?:[^'"`;]*?\sfrom\s)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

export function importsOf(file: string, text: string): Edge[] {
  const edges: Edge[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2]!;
    const line = text.slice(0, m.index).split('\n').length;
    const to = spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)).split(sep).join('/') : spec;
    edges.push({ from: file, to, line });
  }
  return edges;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sources(rel));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

const top = (path: string) => path.split('/')[0]!;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies?: Record<string, string> };

/** The package a bare specifier names ('@scope/name/sub' → '@scope/name'). */
const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** Why an edge breaks the layering, or null. */
export function violation(e: Edge): string | null {
  const from = top(e.from);
  if (e.to.startsWith('node:')) return null;
  const relativeTarget = LAYERS.some((l) => e.to === l || e.to.startsWith(`${l}/`)) || e.to.startsWith('test/') || e.to.startsWith('scripts/');
  if (!relativeTarget) {
    // A runtime file's packages must be installed in production (devDependencies are not).
    const name = packageOf(e.to);
    if (pkg.dependencies[name]) return null;
    return pkg.devDependencies?.[name] ? `imports "${name}", a devDependency, which a production install lacks` : `imports "${name}", which package.json does not list`;
  }
  const to = top(e.to);
  if (to === 'test' || to === 'scripts') return `a runtime file imports ${to}/`;
  if (from === to) {
    if (from === 'profiles') {
      const [, a] = e.from.split('/');
      const [, b] = e.to.split('/');
      if (a !== b && a !== 'index.ts' && b !== 'index.js') return `one OCPP version's profile imports another's (${a} → ${b})`;
    }
    return null;
  }
  const allowed: Record<string, string[]> = {
    profiles: ['agent', 'offline-queue', 'hal'],
    agent: ['offline-queue', 'hal'],
    'offline-queue': [],
    hal: [],
  };
  if (from === 'agent' && to === 'profiles' && e.from.startsWith('agent/bin/') && e.to === 'profiles/index.js') return null;
  if (allowed[from]!.includes(to)) return null;
  if (from === 'agent' && to === 'profiles') return 'agent/ imports a profile (only agent/bin/, the composition root, may, and only profiles/index.js)';
  return `${from}/ imports ${to}/, which sits above it`;
}

describe('architecture: imports point down', () => {
  const edges = LAYERS.flatMap((l) => sources(l)).flatMap((f) => importsOf(f, readFileSync(join(ROOT, f), 'utf8')));

  test('the scan sees the code (so a broken scanner cannot pass)', () => {
    assert.ok(edges.length > 500, `only ${edges.length} imports found`);
    assert.ok(edges.some((e) => e.from === 'agent/bin/chargerd.ts' && e.to === 'profiles/index.js'), 'the composition root imports profiles/index.js');
    assert.ok(edges.some((e) => e.from === 'profiles/ocpp16/profile.ts' && e.to.startsWith('agent/')), 'the 1.6 profile builds on agent/');
  });

  test('no import breaks the layering', () => {
    const bad = edges.map((e) => ({ e, why: violation(e) })).filter((x) => x.why !== null);
    assert.deepEqual(
      bad.map(({ e, why }) => `${e.from}:${e.line} → ${e.to}: ${why}`),
      [],
    );
  });

  test('the rules catch what they are for', () => {
    const at = (from: string, text: string) => importsOf(from, text).map(violation);
    assert.match(at('agent/station/evse.ts', "import { x } from '../../profiles/ocpp16/profile.js';")[0]!, /agent\/ imports a profile/);
    assert.match(at('agent/control/x.ts', "const m = await import('../../profiles/index.js');")[0]!, /agent\/ imports a profile/);
    assert.match(at('agent/x.ts', "import type { T } from '../profiles/ocpp16/generated/index.js';")[0]!, /agent\/ imports a profile/);
    assert.match(at('hal/sim/x.ts', "import { Station } from '../../agent/station/station.js';")[0]!, /hal\/ imports agent\//);
    assert.match(at('offline-queue/x.ts', "export { y } from '../agent/log.js';")[0]!, /offline-queue\/ imports agent\//);
    assert.match(at('profiles/ocpp201/x.ts', "import { y } from '../ocpp16/mapping.js';")[0]!, /one OCPP version's profile imports another's/);
    assert.match(at('agent/x.ts', "import { compile } from 'json-schema-to-typescript';")[0]!, /devDependency/);
    assert.match(at('hal/x.ts', "import { y } from '../test/support/z.js';")[0]!, /runtime file imports test\//);
    assert.equal(at('agent/bin/chargerd.ts', "import { PROTOCOLS } from '../../profiles/index.js';")[0], null);
    assert.equal(at('profiles/ocpp16/x.ts', "import { y } from '../../agent/station/station.js';")[0], null);
    assert.equal(at('agent/x.ts', "import { readFileSync } from 'node:fs';")[0], null);
  });
});
