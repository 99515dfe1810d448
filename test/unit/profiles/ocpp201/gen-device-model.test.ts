/** The generator refuses profiles that drift from the OCA appendix, so a typo cannot reach variables.ts. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const script = join(root, 'scripts/gen-device-model.mjs');
const original = JSON.parse(readFileSync(join(root, 'profiles/ocpp201/device-model/profile.json'), 'utf8'));

function run(mutate: (p: typeof original) => void): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dm201-'));
  try {
    const p = structuredClone(original);
    mutate(p);
    const file = join(dir, 'profile.json');
    writeFileSync(file, JSON.stringify(p));
    const r = spawnSync(process.execPath, [script, '--profile', file], { encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('gen-device-model.mjs', () => {
  test('the committed profile generates exactly the committed variables.ts', () => {
    assert.equal(run(() => {}).status, 0);
  });

  test('a name not in the CSV fails', () => {
    const r = run((p) => {
      p.components.TxCtrlr.variables.TxStartPoints = p.components.TxCtrlr.variables.TxStartPoint;
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /TxCtrlr\.TxStartPoints: not in .*names must be exactly the CSV's/);
  });

  test('a CSV variable of a listed component left out fails', () => {
    const r = run((p) => {
      delete p.components.AuthCtrlr.variables.MasterPassGroupId;
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /AuthCtrlr\.MasterPassGroupId: listed in the CSV but neither described nor omitted/);
  });

  test('an override of the CSV without a reason, a bad mutability, a list without valuesList all fail, all reported at once', () => {
    const r = run((p) => {
      delete p.components.OCPPCommCtrlr.variables.ActiveNetworkProfile.why;
      p.components.TxCtrlr.variables.StopTxOnInvalidId.mutability = 'ReadMostly';
      delete p.components.AuthCacheCtrlr.variables.Policy.valuesList;
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /OCPPCommCtrlr\.ActiveNetworkProfile: overrides the CSV without saying why/);
    assert.match(r.stderr, /TxCtrlr\.StopTxOnInvalidId: mutability must be one of/);
    assert.match(r.stderr, /AuthCacheCtrlr\.Policy: valuesList is required exactly for/);
  });

  test('a <generic> variable needs "generic": true, and must be a <generic> row of the CSV', () => {
    const plain = run((p) => {
      const v = { ...p.components.EVSE.variables.Problem };
      delete v.generic;
      p.components.EVSE.variables.Problem = v;
    });
    assert.equal(plain.status, 1);
    assert.match(plain.stderr, /EVSE\.Problem: not in .*names must be exactly the CSV's/);
    const unknown = run((p) => {
      p.components.EVSE.variables.Problems = p.components.EVSE.variables.Problem;
    });
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /EVSE\.Problems: not in .* as a <generic> variable/);
  });
});
