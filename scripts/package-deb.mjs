#!/usr/bin/env node
// npm run package: builds chargerd_<version>_<arch>.deb with dpkg-deb, from this checkout, for this machine.
//
//   node scripts/package-deb.mjs [--out DIR] [--no-build] [--version V]
//
// The package's version is package.json's, or --version / CHARGERD_DEB_VERSION (a Debian version, e.g.
// 0.1.0-2 for a rebuild, or 0.1.1~rc1); `chargerd --version` reports the same. Maintainer and copyright come
// from package.json ("chargerd": { "maintainer", "copyright" }, else "author") or the environment
// (CHARGERD_DEB_MAINTAINER "Name <email>", CHARGERD_DEB_COPYRIGHT "2026 ACME GmbH"), so an image builder
// brands the package without editing the checkout.
//
// The package holds the compiled agent (dist/ without the tests), the production dependencies installed with
// `npm ci --omit=dev` into a staging directory (the checkout's node_modules has the dev tools and is never
// touched), the unit, an example config and the maintainer scripts of systemd/debian/. Native modules
// (better-sqlite3, serialport, onoff) are built here, so the architecture comes from `dpkg --print-architecture`
// of this machine and the package must be built on (or for) the controller's architecture and Node major.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const outDir = resolve(arg('--out') ?? root);
const templates = join(root, 'systemd', 'debian');
const say = (m) => process.stderr.write(`package-deb: ${m}\n`);
// Tools' chatter goes to stderr: stdout carries only the path of the package, for scripts.
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ['ignore', 2, 2], ...opts });

for (const tool of ['dpkg-deb', 'dpkg']) {
  if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).error) {
    say(`${tool} not found: building a .deb needs the dpkg tools (Debian/Ubuntu: apt-get install dpkg)`);
    process.exit(1);
  }
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const version = arg('--version') ?? process.env.CHARGERD_DEB_VERSION ?? pkg.version;
// Debian policy 5.6.12, without an epoch (a colon would not do in the file name).
if (!/^[0-9][A-Za-z0-9.+~-]*$/.test(version)) {
  say(`version ${JSON.stringify(version)} is not a Debian version (digits first, then letters, digits, . + ~ -)`);
  process.exit(2);
}
const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name ? `${pkg.author.name}${pkg.author.email ? ` <${pkg.author.email}>` : ''}` : undefined;
const maintainer = process.env.CHARGERD_DEB_MAINTAINER || pkg.chargerd?.maintainer || author;
if (!maintainer || !/^[^<>\n]+ <[^<>\s]+@[^<>\s]+>$/.test(maintainer)) {
  say(`maintainer ${JSON.stringify(maintainer ?? null)} is not "Name <email>": set CHARGERD_DEB_MAINTAINER, or "author" / "chargerd.maintainer" in package.json`);
  process.exit(2);
}
const copyright = process.env.CHARGERD_DEB_COPYRIGHT || pkg.chargerd?.copyright || `${new Date().getUTCFullYear()} ${maintainer}`;
const arch = execFileSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).trim();
const debName = `chargerd_${version}_${arch}.deb`;

if (!process.argv.includes('--no-build')) {
  say('building');
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')]);
  run(process.execPath, [join(root, 'scripts', 'copy-assets.mjs'), '--quiet']);
}
if (!existsSync(join(root, 'dist', 'agent', 'bin', 'chargerd.js'))) {
  say('dist/agent/bin/chargerd.js is missing: build first (npm run build) or drop --no-build');
  process.exit(1);
}

const stage = mkdtempSync(join(tmpdir(), 'chargerd-deb-'));
try {
  const pkgroot = join(stage, 'root');
  const lib = join(pkgroot, 'usr', 'lib', 'chargerd');
  mkdirSync(lib, { recursive: true });

  // The agent: dist/ without the tests (the demo and its bundled CSMS stay: small, and on-site it shows a CSMS
  // vendor the station works).
  cpSync(join(root, 'dist'), join(lib, 'dist'), { recursive: true, filter: (src) => relative(join(root, 'dist'), src).split('/')[0] !== 'test' });
  // package.json: `chargerd --version` reads it, and Node needs its "type": "module" for dist/.
  const runtimePkg = { name: pkg.name, version, description: pkg.description, type: pkg.type, license: pkg.license, engines: pkg.engines };
  writeFileSync(join(lib, 'package.json'), JSON.stringify(runtimePkg, null, 2) + '\n');

  // Production dependencies, with their install scripts (the native builds), outside the checkout.
  say('installing production dependencies (npm ci --omit=dev; better-sqlite3 may build from source)');
  const deps = join(stage, 'deps');
  mkdirSync(deps);
  copyFileSync(join(root, 'package.json'), join(deps, 'package.json'));
  copyFileSync(join(root, 'package-lock.json'), join(deps, 'package-lock.json'));
  run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', deps], { cwd: deps });
  cpSync(join(deps, 'node_modules'), join(lib, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  prune(join(lib, 'node_modules'));

  // /usr/bin: links, so the shebang's interpreter flags and import.meta.url (the data files beside the code)
  // are the ones of the installed files.
  const usrbin = join(pkgroot, 'usr', 'bin');
  mkdirSync(usrbin, { recursive: true });
  symlinkSync('../lib/chargerd/dist/agent/bin/chargerd.js', join(usrbin, 'chargerd'));
  symlinkSync('../lib/chargerd/dist/agent/bin/chargerctl.js', join(usrbin, 'chargerctl'));

  const unitDir = join(pkgroot, 'lib', 'systemd', 'system');
  mkdirSync(unitDir, { recursive: true });
  copyFileSync(join(root, 'systemd', 'chargerd.service'), join(unitDir, 'chargerd.service'));

  const etc = join(pkgroot, 'etc', 'chargerd');
  mkdirSync(etc, { recursive: true });
  copyFileSync(join(templates, 'config.json'), join(etc, 'config.json'));
  // root-owned in the archive (the user does not exist yet when dpkg unpacks); postinst gives it to chargerd.
  chmodSync(join(etc, 'config.json'), 0o600);

  const doc = join(pkgroot, 'usr', 'share', 'doc', 'chargerd');
  mkdirSync(doc, { recursive: true });
  copyFileSync(join(root, 'README.md'), join(doc, 'README.md'));
  copyFileSync(join(root, 'systemd', 'README.md'), join(doc, 'systemd.md'));
  // Debian's machine-readable copyright format; the licence text itself is in /usr/share/common-licenses.
  writeFileSync(
    join(doc, 'copyright'),
    `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: ${pkg.name}\n\nFiles: *\nCopyright: ${copyright}\nLicense: ${pkg.license}\n` +
      (pkg.license === 'Apache-2.0' ? ' On Debian systems the full text of the Apache License 2.0 is in /usr/share/common-licenses/Apache-2.0.\n' : ''),
  );

  // Bash completion, generated by the chargerctl being packaged (from its command table), where bash-completion
  // loads it on demand. A chargerctl that cannot print it is a broken build: no package without it.
  const completion = spawnSync(process.execPath, [join(root, 'dist', 'agent', 'bin', 'chargerctl.js'), 'completion', 'bash'], { encoding: 'utf8' });
  if (completion.status !== 0 || !completion.stdout.includes('complete -F _chargerctl chargerctl')) {
    throw new Error(`chargerctl completion bash failed (exit ${completion.status}): ${completion.stderr}`);
  }
  const completionDir = join(pkgroot, 'usr', 'share', 'bash-completion', 'completions');
  mkdirSync(completionDir, { recursive: true });
  writeFileSync(join(completionDir, 'chargerctl'), completion.stdout, { mode: 0o644 });

  const debian = join(pkgroot, 'DEBIAN');
  mkdirSync(debian);
  const sizeKiB = Math.ceil(du(pkgroot) / 1024);
  const control = readFileSync(join(templates, 'control'), 'utf8').replaceAll('@VERSION@', version).replaceAll('@MAINTAINER@', maintainer).replaceAll('@ARCH@', arch).replaceAll('@INSTALLED_SIZE@', String(sizeKiB));
  writeFileSync(join(debian, 'control'), control);
  copyFileSync(join(templates, 'conffiles'), join(debian, 'conffiles'));
  for (const script of ['postinst', 'prerm', 'postrm']) {
    copyFileSync(join(templates, script), join(debian, script));
    chmodSync(join(debian, script), 0o755);
  }
  normaliseModes(pkgroot);
  chmodSync(join(etc, 'config.json'), 0o600);

  mkdirSync(outDir, { recursive: true });
  const deb = join(outDir, debName);
  run('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', pkgroot, deb], { stdio: ['ignore', 'ignore', 'inherit'] });
  say(`built ${deb} (${(statSync(deb).size / 1048576).toFixed(1)} MiB, installed ${(sizeKiB / 1024).toFixed(1)} MiB)`);
  process.stdout.write(deb + '\n');
} finally {
  rmSync(stage, { recursive: true, force: true });
}

/** What a running agent never reads: native build intermediates, sources of bundled C libraries, test suites. */
function prune(nm) {
  rmSync(join(nm, 'better-sqlite3', 'deps'), { recursive: true, force: true });
  rmSync(join(nm, 'better-sqlite3', 'src'), { recursive: true, force: true });
  rmSync(join(nm, '.package-lock.json'), { force: true });
  for (const dir of packageDirs(nm)) {
    for (const sub of ['obj.target', '.deps', 'obj']) rmSync(join(dir, 'build', 'Release', sub), { recursive: true, force: true });
    rmSync(join(dir, 'build', 'deps'), { recursive: true, force: true });
  }
}

function packageDirs(nm) {
  const out = [];
  for (const name of readdirSync(nm)) {
    if (name.startsWith('.')) continue;
    const p = join(nm, name);
    if (name.startsWith('@')) for (const sub of readdirSync(p)) out.push(join(p, sub));
    else out.push(p);
  }
  return out;
}

/** dpkg-deb keeps the staging modes; a umask of 0077 (or a checkout made under one) must not leak into /usr. */
function normaliseModes(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'DEBIAN') continue;
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) {
      chmodSync(p, 0o755);
      normaliseModes(p);
    } else chmodSync(p, st.mode & 0o111 ? 0o755 : 0o644);
  }
}

function du(dir) {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const st = lstatSync(join(dir, name));
    n += st.isDirectory() ? du(join(dir, name)) : st.size;
  }
  return n;
}
