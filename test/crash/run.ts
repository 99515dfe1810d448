/**
 * The crash rounds without the test runner, for long soak runs; prints one JSON report and exits 1 on any
 * violation (the data directory is then kept and named in the report).
 *
 *   npm run build && node dist/test/crash/run.js --rounds 500 [--seed N] [--max-delay-ms 4500] [--progress]
 */
import { removeRun, repeatsByCause, runCrashRounds } from './runner.js';
import { verify } from './verify.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} needs a number >= 0`);
  return v;
}

const rounds = option('--rounds', 100);
const seed = option('--seed', Math.floor(Math.random() * 2 ** 31));
const maxKillDelayMs = option('--max-delay-ms', 4500);
const progress = process.argv.includes('--progress');

const run = await runCrashRounds({ rounds, seed, maxKillDelayMs, log: progress ? (l) => process.stderr.write(`${l}\n`) : undefined });
const f = verify(run);
const ok = f.violations.length === 0;
process.stdout.write(
  `${JSON.stringify(
    {
      ok,
      seed,
      stats: run.stats,
      connectionLosses: run.losses.length,
      transactions: f.transactions,
      meterValues: f.meterValues,
      powerLossStops: f.powerLossStops,
      repeats: f.repeats,
      repeatsByCause: repeatsByCause(run, f),
      violations: f.violations,
      ...(ok ? {} : { dataDir: run.dataDir }),
    },
    null,
    2,
  )}\n`,
);
if (ok) removeRun(run);
process.exitCode = ok ? 0 : 1;
