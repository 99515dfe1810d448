/**
 * The chardev backend against stand-in libgpiod tools of each generation (libgpiod-standins.ts): real child
 * processes and pipes, no GPIO hardware. Each stand-in accepts only its own generation's command lines, so a test
 * passes only when the backend speaks the syntax of the tools it detected.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '../../../agent/clock/clock.js';
import { HalError } from '../../../hal/errors.js';
import { ChardevGpioBackend } from '../../../hal/gpio/chardev-backend.js';
import type { GpioValue } from '../../../hal/gpio/types.js';
import { StandinLines, writeLibgpiodStandins, type Generation } from './libgpiod-standins.js';

const CHIP = 'gpiochip0';

async function waitFor(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Wait until `cond` holds and nothing more is written for `quietMs`: the settled state. Writes still in flight
 * (a stand-in working through queued commands on a loaded machine) restart the quiet window instead of being
 * mistaken for the end; a line that settles anywhere else times out.
 */
async function settles(cond: () => boolean, writesNow: () => number, what: string, quietMs = 300, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let since = Date.now();
  let count = writesNow();
  for (;;) {
    if (writesNow() !== count || !cond()) {
      count = writesNow();
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what} to settle`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

const GENERATIONS: { name: string; generation: Generation; interactive: boolean }[] = [
  { name: 'libgpiod v1 tools (bookworm)', generation: 1, interactive: false },
  { name: 'libgpiod v2 tools, interactive gpioset', generation: 2, interactive: true },
  { name: 'libgpiod v2 tools, gpioset built without -i', generation: 2, interactive: false },
];

for (const g of GENERATIONS) {
  describe(`chardev backend with stand-in ${g.name}`, () => {
    let dir: string;
    let lines: StandinLines;
    let backend: ChardevGpioBackend;
    let errors: Error[];
    const writes = (line: number): string[] => lines.log('writes').filter((w) => w.startsWith(`${CHIP} ${line} `));
    const holders = (line: number): number[] =>
      lines
        .log('calls')
        .filter((c) => c.startsWith('gpioset ') && c.includes(`${line}=`) && !c.includes('-t0') && !c.includes('-m exit'))
        .map((c) => Number(/ pid (\d+)$/.exec(c)![1]));

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'chardev-tools-'));
      lines = new StandinLines(join(dir, 'state'));
      const tools = writeLibgpiodStandins(join(dir, 'bin'), lines.state, g.generation, { interactive: g.interactive });
      // The pin's level before anyone drives it (the stand-ins keep it in a file).
      lines.setLevel(CHIP, 17, 0);
      errors = [];
      backend = new ChardevGpioBackend({ clock: new SystemClock(), tools, fifoDir: dir, readyMs: 30, restartMs: 20, onError: (e) => errors.push(e) });
    });
    afterEach(async () => {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('an output is opened at its physical safe level and follows every write, the last write winning', async () => {
      const out = await backend.open({ chip: CHIP, line: 17, direction: 'out', activeLow: true });
      // open() trusts a gpioset that is still alive after readyMs, which may be before it set the line.
      await waitFor(() => writes(17).length === 1 && lines.level(CHIP, 17) === 1, 'the initial level');
      assert.deepEqual(writes(17), [`${CHIP} 17 1`], 'active-low output requested at physical 1 (inactive)');
      out.write(1);
      await waitFor(() => lines.level(CHIP, 17) === 0, 'physical 0 (logical 1)');
      out.write(0);
      out.write(1);
      out.write(0);
      // The same state (last write 1, level 1) also passes by after the second write; only the settled one counts.
      await settles(() => writes(17).at(-1) === `${CHIP} 17 1` && lines.level(CHIP, 17) === 1, () => writes(17).length, 'back at physical 1');
      assert.equal(lines.level(CHIP, 17), 1);
      assert.equal(out.read(), 0);
      assert.deepEqual(errors, []);
    });

    test('close() applies a write made just before it', async () => {
      const out = await backend.open({ chip: CHIP, line: 17, direction: 'out' });
      out.write(1);
      await waitFor(() => lines.level(CHIP, 17) === 1, 'relay on');
      out.write(0);
      out.close();
      await waitFor(() => holders(17).every(gone), 'every gpioset for the line to exit');
      await waitFor(() => lines.level(CHIP, 17) === 0, 'the safe level written before close');
      assert.equal(writes(17).at(-1), `${CHIP} 17 0`);
    });

    test('an input reads its level with gpioget and reports rising and falling edges from gpiomon', async () => {
      lines.setLevel(CHIP, 5, 0);
      const inp = await backend.open({ chip: CHIP, line: 5, direction: 'in', activeLow: true });
      assert.equal(inp.read(), 1, 'physical low = logical 1 with activeLow');
      await waitFor(() => lines.log('calls').some((c) => c.startsWith(`monitoring ${CHIP} 5 `)), 'gpiomon following the line');
      const seen: GpioValue[] = [];
      inp.watch((v) => seen.push(v));
      lines.setInput(CHIP, 5, 1);
      await waitFor(() => seen.length === 1, 'rising edge');
      lines.setInput(CHIP, 5, 0);
      await waitFor(() => seen.length === 2, 'falling edge (an RCD trip on an active-low input)');
      assert.deepEqual(seen, [0, 1]);
      assert.throws(() => inp.write(1), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE');
    });

    test('a gpioset that died is replaced on the next write, started at the wanted level', async () => {
      const out = await backend.open({ chip: CHIP, line: 17, direction: 'out' });
      // open() trusts a gpioset still alive after readyMs (30 ms here); on a loaded machine bash may not yet have
      // logged its call by then, and the pid read at once was undefined.
      await waitFor(() => holders(17).length === 1, 'the gpioset holding the line to log its call');
      const [pid] = holders(17);
      process.kill(pid!, 'SIGKILL');
      await waitFor(() => gone(pid!), 'gpioset to die');
      await waitFor(() => errors.length > 0, 'the death reported');
      assert.match(errors[0]!.message, /gpioset for gpiochip0:17 exited/);
      out.write(1);
      await waitFor(() => lines.level(CHIP, 17) === 1, 'a new gpioset at level 1');
      assert.equal(holders(17).length, 2);
      out.write(0);
      await waitFor(() => lines.level(CHIP, 17) === 0, 'the new gpioset follows writes');
    });

    test('a line the tools cannot take fails open() with their message', async () => {
      const busyDir = join(dir, 'busy');
      const tools = writeLibgpiodStandins(busyDir, lines.state, g.generation, { interactive: g.interactive });
      // Same version answer, but every request of a line is refused as the kernel does for a busy line.
      const real = tools.gpioset;
      const busy = join(busyDir, 'gpioset-busy');
      writeFileSync(busy, `#!/bin/bash\ncase "$1" in --version|--help) exec ${real} "$@";; esac\necho "gpioset: unable to request lines: Device or resource busy" >&2; exit 1\n`);
      chmodSync(busy, 0o755);
      const b = new ChardevGpioBackend({ clock: new SystemClock(), tools: { ...tools, gpioset: busy }, fifoDir: dir, readyMs: 2000 });
      await assert.rejects(b.open({ line: 1, direction: 'out' }), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE' && /busy/.test(e.message));
      await b.close();
    });
  });
}

describe('chardev backend: tools it cannot use', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'chardev-bad-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a missing gpioset or an unknown generation is GPIO_UNAVAILABLE naming the tool and what it printed', async () => {
    const missing = join(dir, 'no-such-gpioset');
    const b = new ChardevGpioBackend({ clock: new SystemClock(), tools: { gpioset: missing }, fifoDir: dir });
    await assert.rejects(b.open({ line: 1, direction: 'out' }), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE' && e.message.includes(missing) && /gpiod/.test(e.message));
    const v3 = join(dir, 'gpioset3');
    writeFileSync(v3, '#!/bin/bash\necho "gpioset (libgpiod) v3.0.1"\n');
    chmodSync(v3, 0o755);
    const c = new ChardevGpioBackend({ clock: new SystemClock(), tools: { gpioset: v3 }, fifoDir: dir });
    await assert.rejects(c.open({ line: 1, direction: 'out' }), (e: unknown) => e instanceof HalError && e.message.includes(v3) && e.message.includes('v3.0.1'));
  });
});
