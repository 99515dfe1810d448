/**
 * A dry run of a board (hal.dryRun): the real chargerd process runs a shipped Linux board profile on this machine,
 * which has none of its GPIO chips, PWM or ADC: the fake GPIO backend (wired like the board) and stand-in
 * PWM/ADC trees under dataDir/dry-run take their place. It says so in the log and in `chargerctl status`; a bad
 * board file is refused with the part named, as on the board.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DemoCsms } from '../../../agent/demo/csms.js';
import { boardProfileUrl } from '../../../hal/linux/board-config.js';
import { StationProcess } from '../../support/station-process.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

const ID = 'CP-DRY';

describe('hal.dryRun: a linux board profile on a desk', { timeout: SUITE_TIMEOUT_MS }, () => {
  const csms = new DemoCsms();
  let st: StationProcess;

  before(async () => {
    await csms.start();
    st = new StationProcess({
      csmsUrl: csms.url,
      id: ID,
      evses: [{ id: 1, maxCurrentA: 16, phases: 3, connector: 'socket' }],
      extra: { hal: { driver: 'linux', board: 'rpi-generic', dryRun: true }, meterFaultAction: 'continue' },
    }).start();
    await st.ready(15_000);
    await csms.waitFor('BootNotification');
  });

  after(async () => {
    await st?.stop();
    st?.cleanup();
    await csms.stop();
  });

  test('loud in the log, in chargerctl status --json and in plain chargerctl status (its first line)', async () => {
    assert.match(st.output, /DRY RUN \(hal\.dryRun\): no hardware is driven/);
    const s = await st.status();
    assert.match(String(s.dryRun), /^DRY RUN/);
    const plain = await st.ok('status');
    assert.match(plain.split('\n')[0]!, /^DRY RUN\s+DRY RUN \(hal\.dryRun\): no hardware is driven/);
    assert.ok(existsSync(join(st.dataDir, 'dry-run', 'sys/class/pwm/pwmchip0/pwm0/duty_cycle')), 'the PWM stand-in tree');
  });

  test('the profile is driven as written: pilot on the stand-in ADC (state A, +12 V), relays on the wired fake GPIO', async () => {
    const p = JSON.parse(await st.ok('hal', 'pilot', '1', '--json'));
    assert.equal(p.state, 'A');
    assert.ok(Math.abs(p.cpVolts - 12) < 0.1, `cpVolts ${p.cpVolts}`);
    const probe = JSON.parse((await st.ctl(['hal', 'probe', '--json'])).stdout);
    assert.equal(probe.gpioBackend ?? 'fake', 'fake');
    const parts = (probe.results as { part: string; ok: boolean | null }[]).filter((r) => !r.part.endsWith('.meter'));
    assert.ok(parts.length >= 6 && parts.every((r) => r.ok === true), JSON.stringify(probe.results));
    // The mirror contact follows the relay as on the board, so the contactor's own check passes.
    const relay = await st.ctl(['hal', 'relay', 'test', '1']);
    assert.equal(relay.code, 0, relay.stdout + relay.stderr);
  });
});

describe('hal.dryRun with a bad board file', { timeout: SUITE_TIMEOUT_MS }, () => {
  test('refused at start, naming the file and the part', async () => {
    const board = JSON.parse(readFileSync(boardProfileUrl('rpi-generic'), 'utf8'));
    board.evses[0].lock.feedback.line = 17; // the contactor's first relay
    const st = new StationProcess({ csmsUrl: 'ws://127.0.0.1:1/ocpp', id: ID, evses: [{ id: 1, maxCurrentA: 16, phases: 3, connector: 'socket' }] });
    const file = join(st.dataDir, 'board.json');
    writeFileSync(file, JSON.stringify(board));
    const cfg = JSON.parse(readFileSync(st.configPath, 'utf8'));
    cfg.hal = { driver: 'linux', board: file, dryRun: true };
    writeFileSync(st.configPath, JSON.stringify(cfg));
    st.start();
    try {
      assert.equal(await st.exitCode(15_000), 2, st.output);
      assert.match(st.output, new RegExp(`${file.replaceAll('.', '\\.')} /evses/0/lock/feedback/line: line 17 is already used`));
    } finally {
      st.cleanup();
    }
  });
});
