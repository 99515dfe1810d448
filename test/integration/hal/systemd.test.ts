/**
 * systemd/chargerd.service: it parses (systemd-analyze verify reports nothing but the programs that are not
 * installed here), its exposure score stays where systemd/README.md says, and its ExecStopPost command line is one
 * the built chargerctl accepts and runs without an agent.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHARGERCTL } from '../../support/station-process.js';

function unitFile(): string {
  const candidates = [
    process.env.CHARGERD_SYSTEMD_UNIT,
    fileURLToPath(new URL('../../../../systemd/chargerd.service', import.meta.url)),
    join(process.cwd(), 'systemd/chargerd.service'),
  ].filter((c): c is string => !!c);
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`chargerd.service not found (looked in ${candidates.join(', ')}); run from the repository root or set CHARGERD_SYSTEMD_UNIT`);
  return found;
}

const HAVE_ANALYZE = !spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' }).error;
// In CI (scripts/test.sh installs it) a missing systemd-analyze is a failure, not a skip: the unit's checks must run.
if (!HAVE_ANALYZE && process.env.CI) throw new Error('systemd-analyze is not installed: scripts/test.sh installs Debian\'s systemd package for it');
const skip = HAVE_ANALYZE ? false : 'systemd-analyze is not installed (outside CI only)';

function analyze(args: string[]): { code: number | null; out: string } {
  const r = spawnSync('systemd-analyze', args, { encoding: 'utf8', env: { ...process.env, SYSTEMD_COLORS: '0', SYSTEMD_PAGER: '' } });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** verify's complaints, minus the one this machine cannot help: the programs are not installed under /usr/bin. */
function verifyProblems(file: string): string[] {
  return analyze(['verify', file])
    .out.split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .filter((l) => !/: Command \/usr\/bin\/(chargerd|chargerctl) is not executable: No such file or directory$/.test(l));
}

function directive(text: string, name: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}=`))
    .map((l) => l.slice(name.length + 1));
}

describe('systemd/chargerd.service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chargerd-unit-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('systemd-analyze verify: no problems except the programs not installed here', { skip }, () => {
    assert.deepEqual(verifyProblems(unitFile()), []);
  });

  test('the check itself catches a broken unit', { skip }, () => {
    const broken = join(dir, 'chargerd.service');
    writeFileSync(broken, readFileSync(unitFile(), 'utf8').replace('Type=notify', 'Type=notfy').replace('RestartSec=3', 'RestartSec=three'));
    const problems = verifyProblems(broken);
    assert.ok(problems.some((l) => /Failed to parse service type/.test(l)), problems.join('\n'));
    assert.ok(problems.some((l) => /Failed to parse sec value/.test(l)), problems.join('\n'));
  });

  test('systemd-analyze security: exposure at most 2.0 (systemd/README.md states the figure)', { skip }, () => {
    const r = analyze(['security', '--offline=true', unitFile()]);
    const m = /Overall exposure level for chargerd\.service: (\d+\.\d)/.exec(r.out);
    assert.ok(m, r.out.slice(-500));
    const score = Number(m[1]);
    assert.ok(score <= 2.0, `exposure ${score}`);
    const readme = readFileSync(join(unitFile(), '..', 'README.md'), 'utf8');
    assert.ok(readme.includes(`**${m[1]} OK**`), `systemd/README.md states the exposure score ${m[1]}`);
  });

  test('the unit says what the agent relies on', () => {
    const text = readFileSync(unitFile(), 'utf8');
    assert.deepEqual(directive(text, 'Type'), ['notify']);
    assert.deepEqual(directive(text, 'NotifyAccess'), ['all']);
    assert.deepEqual(directive(text, 'Restart'), ['always']);
    assert.deepEqual(directive(text, 'User'), ['chargerd']);
    assert.deepEqual(directive(text, 'RuntimeDirectory'), ['chargerd'], 'the control socket default /run/chargerd/control.sock');
    assert.deepEqual(directive(text, 'StateDirectory'), ['chargerd'], 'the dataDir default /var/lib/chargerd');
    assert.deepEqual(directive(text, 'MemoryDenyWriteExecute'), [], "V8's JIT needs W+X");
    assert.deepEqual(directive(text, 'WatchdogSec'), ['30s'], 'chargerd pings at half of it (test/integration/hal/watchdog.test.ts)');
    assert.deepEqual(directive(text, 'ExecStart'), ['/usr/bin/chargerd --config /etc/chargerd/config.json']);
    assert.deepEqual(directive(text, 'ExecStopPost'), ['/usr/bin/chargerctl hal safe-state --config /etc/chargerd/config.json']);
  });

  test("ExecStopPost's command line runs through the built chargerctl with no agent", async () => {
    const [line] = directive(readFileSync(unitFile(), 'utf8'), 'ExecStopPost');
    const args = line!.split(' ').slice(1);
    const cfg = join(dir, 'config.json');
    writeFileSync(cfg, JSON.stringify({ chargePointId: 'CP-UNIT', hal: { driver: 'sim' } }));
    const argv = args.map((a) => (a === '/etc/chargerd/config.json' ? cfg : a));
    const r = await new Promise<{ code: number | null; out: string }>((resolve) =>
      execFile(process.execPath, [CHARGERCTL, ...argv], { env: { PATH: process.env.PATH ?? '' } }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, out: stdout + stderr }),
      ),
    );
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /hal\.driver is "sim"; no hardware to put in a safe state/);
  });
});
