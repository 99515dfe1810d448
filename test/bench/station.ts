/**
 * Benchmarks of the simulated two-EVSE station on loopback (issue "Station core", Performance):
 * process start → BootNotification, idle RSS, RSS and CPU while charging with 1 s meter values, remote stop
 * latencies, and RCD trip → contactor-open latency under load.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent } from '../../agent/agent.js';
import { PROTOCOLS } from '../../profiles/index.js';
import { createConfigValidator } from '../../agent/config/load.js';
import { DemoCsms } from '../../agent/demo/csms.js';
import { silentLogger } from '../../agent/log.js';
import { StationProcess, sleep } from '../support/station-process.js';
import type { SimStation } from '../../hal/sim/sim-station.js';

const CLK_TCK = 100;

function procStat(pid: number): { rssMb: number; cpuTicks: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { rssMb: rssKb / 1024, cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** Process start → BootNotification at the CSMS, idle RSS, and a charging session's RSS and CPU. */
export async function benchProcess(): Promise<Record<string, number>> {
  const boots: number[] = [];
  let idleRss = 0;
  let idleRss3 = 0;
  let chargeRss = 0;
  let chargeCpu = 0;
  for (let i = 0; i < 5; i++) {
    const csms = new DemoCsms();
    const url = await csms.start();
    const st = new StationProcess({ csmsUrl: url, id: `CP-BENCH-${i}`, ocppKeys: { MeterValueSampleInterval: 1 } });
    const t0 = Date.now();
    st.start();
    await csms.waitFor('BootNotification', () => true, 20_000);
    boots.push(Date.now() - t0);
    if (i === 0) {
      await st.ready();
      await sleep(3000);
      idleRss3 = procStat(st.proc!.pid!).rssMb;
      await sleep(12_000);
      idleRss = procStat(st.proc!.pid!).rssMb;
      await st.ok('sim', 'plug', '1');
      await st.ok('sim', 'tag', '1', 'BENCH');
      await st.until('charging', (s) => s.evses[0].status === 'Charging');
      const a = procStat(st.proc!.pid!);
      const ta = Date.now();
      await sleep(20_000);
      const b = procStat(st.proc!.pid!);
      chargeCpu = ((b.cpuTicks - a.cpuTicks) / CLK_TCK / ((Date.now() - ta) / 1000)) * 100;
      chargeRss = b.rssMb;
      const mv = csms.received('MeterValues').length;
      if (mv < 15) throw new Error(`expected ~20 MeterValues in 20 s, got ${mv}`);
    }
    await st.stop();
    await csms.stop();
    st.cleanup();
  }
  boots.sort((x, y) => x - y);
  return {
    'boot: process start → BootNotification, median of 5 (ms)': boots[2]!,
    'boot: max of 5 (ms)': boots[4]!,
    'idle RSS 3 s after boot (MB)': round(idleRss3, 1),
    'idle RSS 15 s after boot, settled (MB)': round(idleRss, 1),
    'charging, 1 s meter values: RSS (MB)': round(chargeRss, 1),
    'charging, 1 s meter values: CPU (% of one core)': round(chargeCpu, 2),
  };
}

/** In-process agent on the sim: remote stop latencies and RCD trip → contactor open under load. */
export async function benchLatencies(trips = 1000, o: { extra?: Record<string, unknown>; beforeTrips?: (parts: Agent['parts']) => Promise<void> } = {}): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chargerd-bench-'));
  const csms = new DemoCsms();
  const url = await csms.start();
  const config = createConfigValidator()({
    chargePointId: 'CP-LAT',
    ocpp: { csmsUrl: url, reconnectMinS: 0.2 },
    dataDir,
    controlSocket: join(dataDir, 'control.sock'),
    hal: { driver: 'sim', sim: { evReactionMs: 200, cableLingerMs: 100 } },
    evses: [{ id: 1 }, { id: 2 }],
    ocppKeys: { MeterValueSampleInterval: 1 },
    ...o.extra,
  });
  const agent = new Agent({ config, protocols: PROTOCOLS, log: silentLogger(), control: false });
  await agent.start();
  const { station, profile } = agent.parts;
  const sim = agent.parts.sim as SimStation;
  const until = async (pred: () => boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error('bench: timed out');
      await sleep(5);
    }
  };
  await until(() => profile!.registrationStatus() === 'Accepted');

  // Remote stop: CSMS sends RemoteStopTransaction → PWM off; then EV back in B → contactor open.
  const hw1 = sim.evses.get(1)!;
  sim.plug(1);
  sim.presentTag(1, 'LAT');
  await until(() => station!.evse(1)!.snapshot().status === 'Charging' && (station!.evse(1)!.transaction()?.csmsId ?? null) !== null);
  let pwmOffAt = 0;
  let inBAt = 0;
  let openAt = 0;
  const origSet = hw1.pilot.setOfferedCurrent.bind(hw1.pilot);
  hw1.pilot.setOfferedCurrent = (a: number) => {
    if (a === 0 && !pwmOffAt) pwmOffAt = performance.now();
    origSet(a);
  };
  // onFirst: recorded before the safety listener opens the contactor in the same call stack.
  const offState = hw1.pilot.events.onFirst('state', (s) => {
    if (s === 'B' && !inBAt) inBAt = performance.now();
  });
  const origOpen = hw1.contactor.open.bind(hw1.contactor);
  hw1.contactor.open = () => {
    if (!openAt) openAt = performance.now();
    origOpen();
  };
  const sentAt = performance.now();
  // The journal keeps CSMS ids as text since store schema 2; a 1.6 transactionId is an integer on the wire.
  await csms.call('CP-LAT', 'RemoteStopTransaction', { transactionId: Number(station!.evse(1)!.transaction()!.csmsId) });
  await until(() => station!.evse(1)!.transaction() === null);
  offState();
  hw1.pilot.setOfferedCurrent = origSet;
  hw1.contactor.open = origOpen;
  sim.unplug(1);

  // RCD trips on EVSE 1 raised by timers while EVSE 2 charges (1 s meter values) and the loop does other work.
  sim.plug(2);
  sim.presentTag(2, 'LOAD');
  await until(() => station!.evse(2)!.snapshot().status === 'Charging');
  let busy = true;
  const churn = () => {
    if (!busy) return;
    // Representative work: JSON of a few KB, as a queue replay or a big SendLocalList would cause.
    const blob = JSON.stringify({ list: Array.from({ length: 200 }, (_, i) => ({ idTag: `TAG${i}`, status: 'Accepted' })) });
    JSON.parse(blob);
    setImmediate(churn);
  };
  churn();
  await o.beforeTrips?.(agent.parts);
  const latencies: number[] = [];
  const codePath: number[] = [];
  let due = 0;
  let firedAt = 0;
  let tripOpenAt = 0;
  hw1.contactor.open = () => {
    tripOpenAt = performance.now();
    origOpen();
  };
  for (let i = 0; i < trips; i++) {
    const delay = 1 + Math.floor(Math.random() * 4);
    due = performance.now() + delay;
    tripOpenAt = 0;
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        firedAt = performance.now();
        sim.injectFault(1, 'rcd');
        resolve();
      }, delay),
    );
    if (!tripOpenAt) throw new Error('bench: contactor.open was not called in the trip call stack');
    // libuv fires timers against a loop clock cached in whole milliseconds, so a timer can appear to fire up
    // to 1 ms before `due`; a trip cannot be handled before it happened, hence the floor at 0.
    latencies.push(Math.max(0, tripOpenAt - due));
    codePath.push(tripOpenAt - firedAt);
    sim.clearFaults(1);
  }
  busy = false;
  hw1.contactor.open = origOpen;
  latencies.sort((a, b) => a - b);
  codePath.sort((a, b) => a - b);
  await agent.stop();
  await csms.stop();
  rmSync(dataDir, { recursive: true, force: true });
  return {
    'remote stop: RemoteStopTransaction sent → PWM off (ms)': round(pwmOffAt - sentAt),
    'remote stop: EV back in B → contactor open (ms)': round(openAt - inBAt),
    'remote stop: PWM off → contactor open, incl. EV reaction 200 ms (ms)': round(openAt - pwmOffAt),
    [`RCD trip due (timer) → contactor open, p50 of ${trips} (ms)`]: round(percentile(latencies, 50), 3),
    [`RCD trip due → contactor open, p99 (ms)`]: round(percentile(latencies, 99), 3),
    [`RCD trip due → contactor open, max (ms)`]: round(latencies[latencies.length - 1]!, 3),
    [`RCD trip event → contactor open (code path only), p99 (ms)`]: round(percentile(codePath, 99), 4),
  };
}

