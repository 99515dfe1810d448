#!/usr/bin/env node
// tsc emits only JavaScript; the runtime also reads data files that sit beside the code (OCA schemas, the config
// schema, meter register maps, SQL migrations). Copy them into the build output at the same relative paths, so
// code finds them with `new URL('./x.json', import.meta.url)` both in dist/ and in any --out folder.
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate as generateValidators } from './gen-validators.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? process.argv[outArg + 1] : join(root, 'dist');
const exts = ['.json', '.sql'];
let n = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (exts.some((e) => name.endsWith(e))) {
      const dest = join(out, relative(root, p));
      mkdirSync(dirname(dest), { recursive: true });
      cpSync(p, dest);
      n++;
    }
  }
}
for (const top of ['agent', 'hal', 'profiles', 'offline-queue', 'test']) walk(join(root, top));

// tsc writes its output 0644, but the programs are run by their path: /usr/bin/chargerd (ExecStart) and
// /usr/bin/chargerctl (the safety ExecStopPost) are links to these files, and a link to a file without the x bit
// is "Permission denied" — for ExecStopPost, a board left as it was.
const bin = join(out, 'agent', 'bin');
let x = 0;
if (existsSync(bin)) {
  for (const name of readdirSync(bin)) {
    const p = join(bin, name);
    if (!name.endsWith('.js') || !readFileSync(p, 'utf8').startsWith('#!')) continue;
    chmodSync(p, 0o755);
    x++;
  }
}
generateValidators(out);
if (!process.argv.includes('--quiet')) console.log(`copied ${n} data files to ${relative(root, out) || out}; ${x} programs made executable`);
