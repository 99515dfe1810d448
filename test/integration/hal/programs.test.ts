/**
 * The built programs as systemd and an installer see them: run by their path (or a link to it), not as
 * `node FILE`. A build that left them 0644 made both ExecStart and the safety ExecStopPost "Permission denied".
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHARGERCTL, CHARGERD } from '../../support/station-process.js';

const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('the built programs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chargerd-bin-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const file of [CHARGERD, CHARGERCTL]) {
    test(`${file.split('/').pop()} is executable by everyone`, () => {
      assert.equal(statSync(file).mode & 0o777, 0o755);
    });
  }

  test('chargerd --version through a link, as /usr/bin/chargerd: "chargerd <version of package.json>", exit 0', () => {
    const link = join(dir, 'chargerd');
    symlinkSync(CHARGERD, link);
    const r = spawnSync(link, ['--version'], { encoding: 'utf8' });
    assert.equal(r.error, undefined);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `chargerd ${pkg.version}\n`);
  });

  test('chargerctl runs through a link, as /usr/bin/chargerctl', () => {
    const link = join(dir, 'chargerctl');
    symlinkSync(CHARGERCTL, link);
    const r = spawnSync(link, ['help'], { encoding: 'utf8' });
    assert.equal(r.error, undefined);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /chargerctl/);
  });
});
