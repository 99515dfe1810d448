/**
 * The Debian package, end to end on this machine (CI: root on a fresh Debian): `scripts/package-deb.mjs` builds
 * it from the built dist/ (production dependencies installed and compiled in a staging directory: about two
 * minutes), dpkg-deb shows its fields and paths, `dpkg -i` installs it (user, groups, directories, the enabled
 * unit, /usr/bin/chargerd --version, the ExecStopPost command as the service user), a package of a higher version
 * (the script's --version) installs over it as an upgrade and keeps the edited config, the database and the
 * manufacturer's meter models, and `dpkg --purge` removes it with all of them.
 * Everything it installs or creates is removed again in after(), also when a test failed. Nothing is skipped:
 * without dpkg, without root, or with a chargerd already installed, it fails and says why.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string; author: string };

function sh(cmd: string, args: string[]): { code: number | null; out: string; stdout: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.error) return { code: -1, out: String(r.error.message), stdout: '' };
  return { code: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}
const installed = () => sh('dpkg-query', ['-W', '-f=${Status}', 'chargerd']).stdout.includes('install ok installed');
const known = () => sh('dpkg-query', ['-W', '-f=${Status}', 'chargerd']).code === 0 && sh('dpkg-query', ['-W', '-f=${Status}', 'chargerd']).stdout.trim() !== 'unknown ok not-installed';
const userExists = (u: string) => sh('getent', ['passwd', u]).code === 0;
const groupExists = (g: string) => sh('getent', ['group', g]).code === 0;

describe('Debian package (npm run package, dpkg -i, dpkg --purge)', { timeout: 1_100_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'chargerd-pkg-'));
  const arch = sh('dpkg', ['--print-architecture']).stdout.trim();
  const deb = join(out, `chargerd_${pkg.version}_${arch}.deb`);
  const createdHere: { users: string[]; groups: string[] } = { users: [], groups: [] };
  let weInstalled = false;
  // Set once before() found the machine clean: a run that refused to start must not purge a package that
  // another run (another checkout on this machine) is in the middle of testing.
  let ours = false;

  before(() => {
    assert.ok(sh('dpkg-deb', ['--version']).code === 0 && sh('dpkg', ['--version']).code === 0, 'dpkg and dpkg-deb are needed for the package test (CI runs on Debian: apt-get install dpkg)');
    assert.equal(process.getuid?.(), 0, 'the package test installs a package with dpkg -i and must run as root (CI does)');
    assert.ok(!known() && !existsSync('/usr/bin/chargerd'), 'a chargerd package (or /usr/bin/chargerd) is already on this machine: the test would replace and then purge it; remove it first');
    ours = true;
    for (const u of ['chargerd']) if (!userExists(u)) createdHere.users.push(u);
    for (const g of ['chargerd', 'chargerd-admin', 'gpio', 'dialout']) if (!groupExists(g)) createdHere.groups.push(g);
  });

  after(() => {
    if (weInstalled || (ours && known())) sh('dpkg', ['--purge', 'chargerd']);
    rmSync(out, { recursive: true, force: true });
    if (!ours) return;
    for (const u of createdHere.users) if (userExists(u)) sh('deluser', ['--system', '--quiet', u]);
    for (const g of createdHere.groups) if (groupExists(g)) sh('delgroup', ['--system', '--quiet', g]);
  });

  const build = (args: string[]) =>
    new Promise<{ code: number | null; out: string; stdout: string }>((resolve) =>
      execFile(process.execPath, [join(repo, 'scripts', 'package-deb.mjs'), '--no-build', ...args], { cwd: repo, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, out: stdout + stderr, stdout }),
      ),
    );
  let haveNodePkg = false;

  test('scripts/package-deb.mjs builds chargerd_<version>_<dpkg arch>.deb', { timeout: 900_000 }, async (t) => {
    const started = Date.now();
    const r = await build(['--out', out]);
    t.diagnostic(`package built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    assert.equal(r.code, 0, r.out);
    assert.ok(existsSync(deb), `${deb} missing:\n${r.out}`);
    assert.equal(r.stdout, `${deb}\n`, 'the path of the package on stdout, for scripts');
  });

  test('dpkg-deb --info: name, version, host architecture, Depends nodejs (>= 20), conffile, maintainer scripts', () => {
    const info = sh('dpkg-deb', ['--info', deb]);
    assert.equal(info.code, 0, info.out);
    assert.match(info.out, /^ Package: chargerd$/m);
    assert.match(info.out, new RegExp(`^ Version: ${pkg.version.replaceAll('.', '\\.')}$`, 'm'));
    assert.match(info.out, new RegExp(`^ Architecture: ${arch}$`, 'm'));
    assert.match(info.out, /^ Depends: .*nodejs \(>= 20\)/m);
    for (const s of ['postinst', 'prerm', 'postrm', 'conffiles']) assert.match(info.out, new RegExp(`\\b${s}\\b`));
    assert.equal(sh('dpkg-deb', ['-f', deb, 'Package']).stdout.trim(), 'chargerd');
    assert.equal(sh('dpkg-deb', ['-f', deb, 'Maintainer']).stdout.trim(), pkg.author, 'the maintainer is package.json\'s author');
    const conffiles = spawnSync('sh', ['-c', `dpkg-deb --ctrl-tarfile '${deb}' | tar -xO ./conffiles`], { encoding: 'utf8' });
    assert.equal(conffiles.stdout, '/etc/chargerd/config.json\n');
  });

  test('dpkg-deb --contents: agent, native modules, unit, config 0600, /usr/bin links, bash completion, no tests', () => {
    const c = sh('dpkg-deb', ['--contents', deb]);
    assert.equal(c.code, 0, c.out);
    const lines = c.stdout.split('\n');
    const line = (path: string) => lines.find((l) => l.endsWith(` ./${path}`) || l.includes(` ./${path} -> `));
    for (const p of ['lib/systemd/system/chargerd.service', 'usr/lib/chargerd/package.json', 'usr/lib/chargerd/dist/agent/bin/chargerd.js', 'usr/lib/chargerd/dist/agent/config/config.schema.json', 'usr/lib/chargerd/node_modules/better-sqlite3/build/Release/better_sqlite3.node']) {
      assert.ok(line(p), `${p} is in the package`);
    }
    assert.match(line('etc/chargerd/config.json') ?? '', /^-rw------- root\/root /);
    assert.match(line('usr/lib/chargerd/dist/agent/bin/chargerd.js') ?? '', /^-rwxr-xr-x /);
    assert.match(line('usr/bin/chargerd') ?? '', /-> \.\.\/lib\/chargerd\/dist\/agent\/bin\/chargerd\.js$/);
    assert.match(line('usr/bin/chargerctl') ?? '', /-> \.\.\/lib\/chargerd\/dist\/agent\/bin\/chargerctl\.js$/);
    // Generated by the packaged chargerctl from its command table; bash-completion loads it by the command's name.
    assert.match(line('usr/share/bash-completion/completions/chargerctl') ?? '', /^-rw-r--r-- root\/root /);
    assert.ok(line('usr/share/doc/chargerd/copyright'), 'the copyright file Debian asks for');
    const copyright = spawnSync('sh', ['-c', `dpkg-deb --fsys-tarfile '${deb}' | tar -xO ./usr/share/doc/chargerd/copyright`], { encoding: 'utf8' }).stdout;
    assert.match(copyright, /^Format: https:\/\/www\.debian\.org\/doc\/packaging-manuals\/copyright-format\/1\.0\/$/m);
    assert.match(copyright, /^License: Apache-2\.0$/m);
    assert.ok(copyright.includes(`Copyright: ${new Date().getUTCFullYear()} ${pkg.author}\n`), copyright);
    assert.deepEqual(lines.filter((l) => l.includes('./usr/lib/chargerd/dist/test')), [], 'no tests in the package');
    assert.deepEqual(lines.filter((l) => / \.\/usr\/lib\/chargerd\/node_modules\/(typescript|json-schema-to-typescript)\//.test(l)).slice(0, 3), [], 'no dev dependencies');
  });

  test('dpkg -i: users, directories, config owned by chargerd 0600, unit enabled, chargerd --version from /usr/bin', (t) => {
    // The nodejs dependency is a Debian package here (NodeSource or Debian's own); a Node installed from a
    // tarball satisfies the program but not dpkg, and then the install goes on with --force-depends, said aloud.
    haveNodePkg = sh('dpkg-query', ['-W', '-f=${Status}', 'nodejs']).stdout.includes('install ok installed');
    if (!haveNodePkg) t.diagnostic('nodejs is not a dpkg package on this machine: installing with --force-depends');
    const r = sh('dpkg', [...(haveNodePkg ? [] : ['--force-depends']), '-i', deb]);
    weInstalled = true;
    assert.equal(r.code, 0, r.out);
    assert.ok(installed());
    assert.ok(userExists('chargerd') && groupExists('chargerd') && groupExists('chargerd-admin'));
    // chargerd chowns its admin control socket to chargerd-admin, which the kernel allows only to a member.
    assert.ok(sh('id', ['-nG', 'chargerd']).stdout.trim().split(/\s+/).includes('chargerd-admin'), sh('id', ['-nG', 'chargerd']).stdout);
    assert.match(sh('getent', ['passwd', 'chargerd']).stdout, /:\/var\/lib\/chargerd:\/usr\/sbin\/nologin$/m);

    const cfg = statSync('/etc/chargerd/config.json');
    const uid = Number(sh('id', ['-u', 'chargerd']).stdout.trim());
    assert.equal(cfg.uid, uid);
    assert.equal(cfg.mode & 0o777, 0o600);
    assert.equal(statSync('/var/lib/chargerd').uid, uid);
    assert.equal(statSync('/etc/chargerd/meters').mode & 0o7777, 0o750, 'the directory of own meter models');
    assert.ok(existsSync('/lib/systemd/system/chargerd.service'));
    const wants = '/etc/systemd/system/multi-user.target.wants/chargerd.service';
    assert.ok(lstatSync(wants).isSymbolicLink(), 'enabled on install (not started: the config is an example)');
    assert.match(readlinkSync(wants), /chargerd\.service$/);

    const v = sh('/usr/bin/chargerd', ['--version']);
    assert.equal(v.code, 0, v.out);
    assert.equal(v.stdout, `chargerd ${pkg.version}\n`);
    // The unit's ExecStopPost, as the service user: the config is readable by it, the installed modules load.
    const [line] = readFileSync('/lib/systemd/system/chargerd.service', 'utf8').split('\n').filter((l) => l.startsWith('ExecStopPost='));
    const safe = sh('runuser', ['-u', 'chargerd', '--', ...line!.slice('ExecStopPost='.length).split(' ')]);
    assert.equal(safe.code, 0, safe.out);
    assert.match(safe.out, /hal\.driver is "sim"/);
  });

  test('an upgrade (a higher version from --version) keeps the edited config, the database and own meter models', { timeout: 900_000 }, async (t) => {
    const edited = JSON.parse(readFileSync('/etc/chargerd/config.json', 'utf8')) as { chargePointId: string };
    edited.chargePointId = 'CP-KEPT-OVER-UPGRADE';
    const configText = JSON.stringify(edited, null, 2) + '\n';
    writeFileSync('/etc/chargerd/config.json', configText); // an existing file keeps its owner and mode
    const dbFile = '/var/lib/chargerd/chargerd.db';
    const db = new Database(dbFile);
    db.exec("CREATE TABLE kept (id INTEGER PRIMARY KEY, what TEXT); INSERT INTO kept (what) VALUES ('undelivered StopTransaction')");
    db.close();
    const model = join('/etc/chargerd/meters', 'acme-3000.json');
    const modelText = readFileSync(join(repo, 'hal', 'meters', 'models', 'eastron-sdm630.json'), 'utf8').replace('"Eastron"', '"ACME"');
    writeFileSync(model, modelText);

    const next = `${pkg.version}+upgrade1`;
    assert.equal(sh('dpkg', ['--compare-versions', next, 'gt', pkg.version]).code, 0, `${next} is higher than ${pkg.version}`);
    const out2 = mkdtempSync(join(tmpdir(), 'chargerd-pkg-next-'));
    try {
      const started = Date.now();
      const b = await build(['--out', out2, '--version', next]);
      t.diagnostic(`second package built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      assert.equal(b.code, 0, b.out);
      const deb2 = join(out2, `chargerd_${next}_${arch}.deb`);
      assert.equal(b.stdout, `${deb2}\n`);
      const r = sh('dpkg', [...(haveNodePkg ? [] : ['--force-depends']), '-i', deb2]);
      assert.equal(r.code, 0, r.out);
      const esc = (v: string) => v.replace(/[.+]/g, '\\$&');
      assert.match(r.out, new RegExp(`Unpacking chargerd \\(${esc(next)}\\) over \\(${esc(pkg.version)}\\)`), 'dpkg took it as an upgrade');
    } finally {
      rmSync(out2, { recursive: true, force: true });
    }
    assert.equal(sh('dpkg-query', ['-W', '-f=${Version}', 'chargerd']).stdout, next);
    assert.equal(sh('/usr/bin/chargerd', ['--version']).stdout, `chargerd ${next}\n`);

    assert.equal(readFileSync('/etc/chargerd/config.json', 'utf8'), configText, 'the edited config is kept');
    assert.deepEqual(readdirSync('/etc/chargerd').filter((f) => f.includes('.dpkg-')), [], 'no .dpkg-new / .dpkg-dist beside it');
    const cfg = statSync('/etc/chargerd/config.json');
    assert.equal(cfg.uid, Number(sh('id', ['-u', 'chargerd']).stdout.trim()));
    assert.equal(cfg.mode & 0o777, 0o600);
    const kept = new Database(dbFile, { readonly: true });
    try {
      assert.deepEqual(kept.prepare('SELECT what FROM kept').all(), [{ what: 'undelivered StopTransaction' }], 'the database is kept');
    } finally {
      kept.close();
    }
    assert.equal(readFileSync(model, 'utf8'), modelText, 'own meter models are kept');
  });

  test('dpkg --purge: programs, unit, config, meter models and data gone', () => {
    const r = sh('dpkg', ['--purge', 'chargerd']);
    assert.equal(r.code, 0, r.out);
    weInstalled = false;
    assert.ok(!known(), sh('dpkg-query', ['-W', '-f=${Status}', 'chargerd']).out);
    for (const p of ['/usr/bin/chargerd', '/usr/bin/chargerctl', '/usr/lib/chargerd', '/lib/systemd/system/chargerd.service', '/etc/systemd/system/multi-user.target.wants/chargerd.service', '/etc/chargerd', '/var/lib/chargerd']) {
      assert.equal(existsSync(p), false, `${p} is gone`);
    }
  });
});
