/**
 * Config errors against the real chargerd process: it exits 2 by itself, promptly, with every problem on stderr.
 * A dataDir under /proc used to hang it at 100 % CPU, deaf to SIGTERM (Node's recursive mkdir never returns there).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { boardProfileUrl } from '../../../hal/linux/board-config.js';
import { StationProcess } from '../../support/station-process.js';

/** Exit code, or 'running' if the process is still there after `ms` (it is then killed). */
async function exitWithin(st: StationProcess, ms: number): Promise<number | null | 'running'> {
  const proc = st.proc!;
  if (proc.exitCode !== null) return proc.exitCode;
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const late = new Promise<'running'>((r) => (timer = setTimeout(() => r('running'), ms)));
  const first = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (first === 'running') await st.kill('SIGKILL');
  return first;
}

describe('config errors of the real process', () => {
  const stations: StationProcess[] = [];
  after(() => stations.forEach((s) => s.cleanup()));
  const station = (extra: Record<string, unknown>) => {
    const st = new StationProcess({ csmsUrl: 'ws://127.0.0.1:9/ocpp', extra });
    stations.push(st);
    return st;
  };

  test('a dataDir that cannot be created: exit 2 by itself within seconds, naming dataDir, the value and the reason', async () => {
    const st = station({ dataDir: '/proc/chargerd-it-x/data' }).start();
    const code = await exitWithin(st, 10_000);
    assert.equal(code, 2, `chargerd ${code === 'running' ? 'was still running after 10 s' : `exited ${code}`}:\n${st.output}`);
    assert.match(st.output, /\/dataDir: cannot create directory \/proc\/chargerd-it-x\/data: ENOENT[^\n]*\(found "\/proc\/chargerd-it-x\/data"\)/);
  });

  test('a schema error, a bad pin and a bad meter model: all three printed with their values, exit 2', async () => {
    const board = JSON.parse(readFileSync(boardProfileUrl('rpi-generic'), 'utf8'));
    board.evses[0].lock.feedback.line = 17;
    board.evses[0].meter.model = 'acme-9000';
    const st = station({ hal: { driver: 'linux', board }, evses: [{ id: 1, maxCurrentA: 100, connector: 'socket', phases: 3 }] }).start();
    const code = await exitWithin(st, 10_000);
    assert.equal(code, 2, `chargerd ${code === 'running' ? 'was still running after 10 s' : `exited ${code}`}:\n${st.output}`);
    assert.match(st.output, /\(3 problems\)/);
    assert.match(st.output, /\/evses\/0\/maxCurrentA: must be <= 80 \(maximum\) \(found 100\)/);
    assert.match(st.output, /\/hal\/board\/evses\/0\/lock\/feedback\/line: line 17 is already used by \/evses\/0\/contactor\/outputs\/0 \(found 17\)/);
    assert.match(st.output, /\/hal\/board\/evses\/0\/meter\/model: unknown meter model "acme-9000" \(available: [^\n]*\) \(found "acme-9000"\)/);
  });
});
