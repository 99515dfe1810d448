/**
 * The chardev backend against stand-in libgpiod tools: small shell scripts that speak the same command lines and
 * stdin/stdout protocol and log what they were asked. Real child processes and pipes, no GPIO hardware.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '../../../agent/clock/clock.js';
import { HalError } from '../../../hal/errors.js';
import { ChardevGpioBackend, parseGpiogetValue, parseGpiomonEvent, parseLibgpiodVersion } from '../../../hal/gpio/chardev-backend.js';
import type { GpioValue } from '../../../hal/gpio/types.js';

async function waitFor(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('chardev backend output parsing', () => {
  test('versions, gpioget and gpiomon formats', () => {
    assert.equal(parseLibgpiodVersion('gpioset (libgpiod) v2.1.3\nCopyright'), 2);
    assert.equal(parseLibgpiodVersion('gpioset (libgpiod) v1.6.3'), 1);
    assert.equal(parseLibgpiodVersion('nonsense'), null);
    assert.equal(parseGpiogetValue('"17"=active\n'), 1);
    assert.equal(parseGpiogetValue('17=inactive'), 0);
    assert.equal(parseGpiogetValue('1\n'), 1);
    assert.equal(parseGpiogetValue('0'), 0);
    assert.equal(parseGpiogetValue('error'), null);
    assert.equal(parseGpiomonEvent('1'), 1);
    assert.equal(parseGpiomonEvent('0'), 0);
    assert.equal(parseGpiomonEvent('rising'), 1);
    assert.equal(parseGpiomonEvent('1234.5 falling "5"'), 0);
    assert.equal(parseGpiomonEvent('x'), null);
  });
});

describe('chardev backend with stand-in tools', () => {
  let dir: string;
  let log: string;
  let events: string;
  let backend: ChardevGpioBackend;

  const script = (name: string, body: string): string => {
    const p = join(dir, name);
    writeFileSync(p, `#!/bin/bash\n${body}\n`);
    chmodSync(p, 0o755);
    return p;
  };
  const logText = (): string => (existsSync(log) ? readFileSync(log, 'utf8') : '');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chardev-tools-'));
    log = join(dir, 'log');
    events = join(dir, 'events');
    writeFileSync(events, '');
    writeFileSync(join(dir, 'level-5'), '"5"=inactive\n');
    const gpioset = script(
      'gpioset',
      `if [ "$1" = "--version" ]; then echo "gpioset (libgpiod) v2.1.3"; exit 0; fi
if [ "$1" = "--help" ]; then echo "  -i, --interactive	set the lines then wait for additional set commands"; exit 0; fi
echo "start $* pid $$" >> ${log}
while IFS= read -r cmd; do
  echo "cmd $$ $cmd" >> ${log}
  case "$cmd" in get) echo '"17"=inactive';; exit) exit 0;; esac
done`,
    );
    const gpioget = script('gpioget', `echo "get $*" >> ${log}; cat ${dir}/level-\${@: -1}`);
    const gpiomon = script('gpiomon', `echo "mon $*" >> ${log}; exec tail -n 0 -F ${events}`);
    backend = new ChardevGpioBackend({ clock: new SystemClock(), tools: { gpioset, gpioget, gpiomon }, fifoDir: dir, readyMs: 30, restartMs: 20 });
  });
  afterEach(async () => {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an output runs one interactive gpioset; write() hands "set" over before it returns', async () => {
    const out = await backend.open({ chip: 'gpiochip0', line: 17, direction: 'out', activeLow: true });
    assert.match(logText(), /start -c gpiochip0 -i 17=1 pid \d+/, 'active-low output requested at physical 1 (inactive)');
    assert.match(logText(), /cmd \d+ get/);
    out.write(1);
    out.write(0);
    await waitFor(() => /set 17=0\n[^]*set 17=1/.test(logText()), 'set commands (physical levels: active-low)');
    assert.equal(out.read(), 0);
  });

  test('a gpioset that died is replaced on the next write, started at the wanted level', async () => {
    const out = await backend.open({ line: 17, direction: 'out' });
    const pid = Number(/start .* pid (\d+)/.exec(logText())![1]);
    process.kill(pid, 'SIGKILL');
    await waitFor(() => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    }, 'gpioset to die');
    await new Promise((r) => setImmediate(r));
    out.write(1);
    await waitFor(() => /start -c gpiochip0 -i 17=1 pid/.test(logText()), 'new gpioset at level 1');
    out.write(0);
    await waitFor(() => /set 17=0/.test(logText()), 'set on the new gpioset');
  });

  test('an input reads its level with gpioget and follows gpiomon events', async () => {
    const inp = await backend.open({ chip: 'gpiochip0', line: 5, direction: 'in', activeLow: true });
    assert.match(logText(), /get -c gpiochip0 5/);
    assert.match(logText(), /mon -c gpiochip0 -e both --format=%e 5/);
    assert.equal(inp.read(), 1, 'inactive physical low = logical 1 with activeLow');
    const seen: GpioValue[] = [];
    inp.watch((v) => seen.push(v));
    appendFileSync(events, '1\n');
    await waitFor(() => seen.length === 1, 'rising event');
    appendFileSync(events, '0\n');
    await waitFor(() => seen.length === 2, 'falling event');
    assert.deepEqual(seen, [0, 1]);
    assert.throws(() => inp.write(1), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE');
  });

  test('libgpiod v1 tools are refused with a pointer to the onoff backend', async () => {
    const v1 = script('gpioset1', 'echo "gpioset (libgpiod) v1.6.3"');
    const b = new ChardevGpioBackend({ clock: new SystemClock(), tools: { gpioset: v1 }, fifoDir: dir });
    await assert.rejects(b.open({ line: 1, direction: 'out' }), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE' && /onoff/.test(e.message));
  });

  test('a gpioset built without interactive mode is refused', async () => {
    const noI = script('gpiosetnoi', 'if [ "$1" = "--version" ]; then echo "gpioset (libgpiod) v2.1.3"; fi; echo "  -t, --toggle"');
    const b = new ChardevGpioBackend({ clock: new SystemClock(), tools: { gpioset: noI }, fifoDir: dir });
    await assert.rejects(b.open({ line: 1, direction: 'out' }), (e: unknown) => e instanceof HalError && /interactive/.test(e.message));
  });

  test('a gpioset that cannot take the line fails open() with its message', async () => {
    const busy = script('gpiosetbusy', 'if [ "$1" = "--version" ]; then echo "v2.1"; exit 0; fi; if [ "$1" = "--help" ]; then echo "--interactive"; exit 0; fi; echo "gpioset: unable to request lines: Device or resource busy" >&2; exit 1');
    const b = new ChardevGpioBackend({ clock: new SystemClock(), tools: { gpioset: busy }, fifoDir: dir, readyMs: 2000 });
    await assert.rejects(b.open({ line: 1, direction: 'out' }), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE' && /busy/.test(e.message));
    await b.close();
  });
});
