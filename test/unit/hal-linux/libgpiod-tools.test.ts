import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HalError } from '../../../hal/errors.js';
import { detectLibgpiod, dialectFrom, parseGpiogetValue, parseGpiomonEvent, parseLibgpiodVersion } from '../../../hal/gpio/libgpiod-tools.js';
import { StandinLines, writeLibgpiodStandins } from './libgpiod-standins.js';

describe('libgpiod tool output', () => {
  test('versions of both generations', () => {
    assert.deepEqual(parseLibgpiodVersion('gpioset (libgpiod) v2.1.3\nCopyright'), { major: 2, version: 'v2.1.3' });
    assert.deepEqual(parseLibgpiodVersion('gpioset (libgpiod) v2.1'), { major: 2, version: 'v2.1' });
    assert.deepEqual(parseLibgpiodVersion('gpioset (libgpiod) v1.6.3\nCopyright (C) 2017-2018 Bartosz Golaszewski'), { major: 1, version: 'v1.6.3' });
    assert.equal(parseLibgpiodVersion('nonsense'), null);
  });

  test('gpioget levels: v2 words, v1 digits', () => {
    assert.equal(parseGpiogetValue('"17"=active\n'), 1);
    assert.equal(parseGpiogetValue('17=inactive'), 0);
    assert.equal(parseGpiogetValue('1\n'), 1);
    assert.equal(parseGpiogetValue('0'), 0);
    assert.equal(parseGpiogetValue('error'), null);
  });

  test("gpiomon events in each generation's format; v2's numeric falling edge (2) is not mistaken for anything", () => {
    assert.equal(parseGpiomonEvent('1', 1), 1);
    assert.equal(parseGpiomonEvent('0\n', 1), 0);
    assert.equal(parseGpiomonEvent('rising', 2), 1);
    assert.equal(parseGpiomonEvent('falling\n', 2), 0);
    assert.equal(parseGpiomonEvent('2', 2), null);
    assert.equal(parseGpiomonEvent('x', 1), null);
  });

  test('each generation gets its own command lines', () => {
    const v1 = dialectFrom('gpioset', 'gpioset (libgpiod) v1.6.3', '');
    assert.deepEqual(v1.setOnceArgs('gpiochip0', 17, 0), ['-m', 'exit', 'gpiochip0', '17=0']);
    assert.deepEqual(v1.holdArgs('gpiochip0', 17, 1), ['-m', 'signal', 'gpiochip0', '17=1']);
    assert.deepEqual(v1.getArgs('gpiochip0', 5), ['gpiochip0', '5']);
    assert.deepEqual(v1.monArgs('gpiochip0', 5), ['-b', '-F', '%e', 'gpiochip0', '5']);
    assert.equal(v1.interactive, false);
    assert.throws(() => v1.interactiveArgs('gpiochip0', 17, 0), (e: unknown) => e instanceof HalError);
    const v2 = dialectFrom('gpioset', 'gpioset (libgpiod) v2.1.3', '  -i, --interactive\tset the lines then wait');
    assert.deepEqual(v2.setOnceArgs('gpiochip0', 17, 0), ['-c', 'gpiochip0', '-t0', '17=0']);
    assert.deepEqual(v2.interactiveArgs('gpiochip0', 17, 1), ['-c', 'gpiochip0', '-i', '17=1']);
    assert.deepEqual(v2.monArgs('gpiochip0', 5), ['-c', 'gpiochip0', '-e', 'both', '-F', '%E', '5']);
    assert.equal(v2.interactive, true);
    assert.equal(dialectFrom('gpioset', 'gpioset (libgpiod) v2.0', '-t, --toggle').interactive, false);
    assert.throws(
      () => dialectFrom('/usr/bin/gpioset', 'gpioset (libgpiod) v3.0\n', ''),
      (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE' && /\/usr\/bin\/gpioset --version printed "gpioset \(libgpiod\) v3\.0"/.test(e.message),
    );
  });
});

describe('detectLibgpiod', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'libgpiod-detect-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('tells the generations apart from the stand-ins and asks each gpioset once per process', async () => {
    const lines = new StandinLines(join(dir, 'state'));
    const v1 = writeLibgpiodStandins(join(dir, 'v1'), lines.state, 1);
    const v2 = writeLibgpiodStandins(join(dir, 'v2'), lines.state, 2);
    const [a, b, again] = await Promise.all([detectLibgpiod(v1.gpioset), detectLibgpiod(v2.gpioset), detectLibgpiod(v1.gpioset)]);
    assert.equal(a.generation, 1);
    assert.equal(a.version, 'v1.6.3');
    assert.equal(b.generation, 2);
    assert.equal(b.interactive, true);
    assert.equal(again, a);
    await detectLibgpiod(v1.gpioset);
    assert.equal(lines.log('calls').filter((c) => c.startsWith('gpioset --version')).length, 2, 'one --version per tool');
  });

  test('a failed detection names the tool and is not cached', async () => {
    const path = join(dir, 'later', 'gpioset');
    await assert.rejects(detectLibgpiod(path), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE' && e.message.includes(path));
    writeLibgpiodStandins(join(dir, 'later'), join(dir, 'state'), 1);
    assert.equal((await detectLibgpiod(path)).generation, 1, 'installed afterwards: found without a restart');
  });
});
