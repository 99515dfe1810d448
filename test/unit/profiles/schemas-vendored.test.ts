/**
 * The OCA files are vendored byte-identical (see each folder's SOURCE.md). Recomputing their SHA-256 against the
 * committed SHA256SUMS makes an edited, added or removed file fail the build instead of silently changing what
 * the validators and generated types are built from.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

// Tests run from dist/test/...; the vendored files are compared in the source tree, which is what gets committed.
const root = fileURLToPath(new URL('../../../../', import.meta.url));

const folders = [
  { dir: 'profiles/ocpp16/schemas', ext: '.json', count: 56 },
  { dir: 'profiles/ocpp16/security-schemas', ext: '.json', count: 22 },
  { dir: 'profiles/ocpp201/schemas', ext: '.json', count: 128 },
  { dir: 'profiles/ocpp201/device-model/appendix', ext: '.csv', count: 4 },
];

function sums(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of readFileSync(join(root, dir, 'SHA256SUMS'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
    assert.ok(match, `${dir}/SHA256SUMS: malformed line ${JSON.stringify(line)}`);
    m.set(match[2]!, match[1]!);
  }
  return m;
}

describe('vendored OCA files are byte-identical to their recorded checksums', () => {
  for (const f of folders) {
    test(f.dir, () => {
      const expected = sums(f.dir);
      const present = readdirSync(join(root, f.dir)).filter((n) => n.endsWith(f.ext)).sort();
      assert.deepEqual(present, [...expected.keys()].sort(), 'files present = files listed in SHA256SUMS');
      assert.equal(present.length, f.count);
      for (const name of present) {
        const actual = createHash('sha256').update(readFileSync(join(root, f.dir, name))).digest('hex');
        assert.equal(actual, expected.get(name), `${f.dir}/${name} differs from the vendored original`);
      }
    });
  }

  test('the 2.0.1 schemas are still the ones in the shared OCA package, when it is present', (t) => {
    const shared = '/work/shared/ocpp/2.0.1/schemas';
    let names: string[];
    try {
      names = readdirSync(shared);
    } catch {
      t.skip('shared reference folder not available');
      return;
    }
    const expected = sums('profiles/ocpp201/schemas');
    for (const n of names.filter((x) => x.endsWith('.json'))) {
      assert.equal(createHash('sha256').update(readFileSync(join(shared, n))).digest('hex'), expected.get(n), n);
    }
  });
});
