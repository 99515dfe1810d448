/**
 * `forceSafeState()` on a chardev board (what `chargerctl hal safe-state` runs from systemd's ExecStopPost after a
 * crash) with stand-in libgpiod tools of each generation: every output must reach its safe level with the
 * syntax of the tools installed, and the v1 tools refuse the v2 syntax exactly as bookworm's do.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { boardProfileUrl, type LinuxBoardConfig } from '../../../hal/linux/board-config.js';
import { forceSafeState } from '../../../hal/linux/safe-state.js';
import { FakeSysfs } from './fake-sysfs.js';
import { StandinLines, writeLibgpiodStandins, type Generation } from './libgpiod-standins.js';

const CHIP = 'gpiochip0';
const rpi = (): LinuxBoardConfig => JSON.parse(readFileSync(boardProfileUrl('rpi-generic'), 'utf8'));
const PARTS = ['evse1.contactor.outputs[0]', 'evse1.contactor.outputs[1]', 'evse1.lock.lockOutput', 'evse1.lock.unlockOutput', 'evse1.rcd.test', 'evse1.pilot.pwm'];

describe('forceSafeState on a chardev board', () => {
  let fs: FakeSysfs;
  let lines: StandinLines;
  let board: LinuxBoardConfig;
  beforeEach(() => {
    fs = new FakeSysfs();
    fs.addPwmChip(0);
    lines = new StandinLines(join(fs.root, 'gpio-state'));
    board = rpi();
    board.evses[0]!.pilot.pwm.root = fs.pwmRoot;
    // The second relay is wired active-low: its safe level is the high pin.
    board.evses[0]!.contactor.outputs[1]!.activeLow = true;
  });
  afterEach(() => fs.cleanup());

  const killedAgent = (): void => {
    // As a killed agent leaves the board: relays and lock motor on, RCD test current on, PWM offering current.
    for (const l of [17, 23, 6]) lines.setLevel(CHIP, l, 1);
    lines.setLevel(CHIP, 27, 0);
    lines.setLevel(CHIP, 24, 0);
    writeFileSync(join(fs.pwmRoot, 'pwmchip0/pwm0/period'), '1000000');
    writeFileSync(join(fs.pwmRoot, 'pwmchip0/pwm0/duty_cycle'), '533333');
  };

  const expected: Record<Generation, string[]> = {
    1: ['-m exit gpiochip0 17=0', '-m exit gpiochip0 27=1', '-m exit gpiochip0 23=0', '-m exit gpiochip0 24=0', '-m exit gpiochip0 6=0'],
    2: ['-c gpiochip0 -t0 17=0', '-c gpiochip0 -t0 27=1', '-c gpiochip0 -t0 23=0', '-c gpiochip0 -t0 24=0', '-c gpiochip0 -t0 6=0'],
  };

  for (const generation of [1, 2] as const) {
    test(`libgpiod v${generation} tools: every output at its physical safe level, in that generation's syntax, pilot at F`, async () => {
      const tools = writeLibgpiodStandins(join(fs.root, 'bin'), lines.state, generation);
      board.gpio = { backend: 'chardev', chip: CHIP, tools };
      killedAgent();
      const res = await forceSafeState(board);
      assert.deepEqual(res, PARTS.map((part) => ({ part, ok: true })));
      for (const l of [17, 23, 24, 6]) assert.equal(lines.level(CHIP, l), 0, `line ${l}`);
      assert.equal(lines.level(CHIP, 27), 1, 'active-low relay: off is the high level');
      const sets = lines.log('calls').filter((c) => c.startsWith('gpioset ') && !c.startsWith('gpioset --'));
      assert.deepEqual(sets.map((c) => c.replace(/^gpioset (.*) pid \d+$/, '$1')), expected[generation]);
      assert.equal(fs.pwm(0, 0, 'duty_cycle'), '0');
      assert.equal(fs.pwm(0, 0, 'enable'), '1');
    });
  }

  test("the v1 stand-in refuses the v2 syntax as bookworm's gpioset does (the failure issue 7 reported)", () => {
    const tools = writeLibgpiodStandins(join(fs.root, 'bin'), lines.state, 1);
    assert.throws(() => execFileSync(tools.gpioset, ['-c', CHIP, '-t0', '17=0'], { stdio: 'pipe' }), (e: unknown) => /invalid option -- 'c'/.test(String((e as { stderr?: Buffer }).stderr)));
  });

  test('without usable tools every GPIO part fails naming the tool, and the pilot is still made safe', async () => {
    const gpioset = join(fs.root, 'missing', 'gpioset');
    board.gpio = { backend: 'chardev', chip: CHIP, tools: { gpioset } };
    killedAgent();
    const res = await forceSafeState(board);
    assert.deepEqual(res.map((r) => [r.part, r.ok]), PARTS.map((p) => [p, p === 'evse1.pilot.pwm']));
    for (const r of res.filter((x) => !x.ok)) assert.ok(r.error!.includes(`cannot run ${gpioset} --version`), r.error);
    assert.equal(fs.pwm(0, 0, 'duty_cycle'), '0');
  });
});
