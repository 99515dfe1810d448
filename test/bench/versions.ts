/**
 * OCPP 1.6 and 2.0.1 side by side (issue 9, Performance): the same simulated one-EVSE station process against the
 * loopback demo CSMS (agent/demo/csms.ts, strict, in the protocol of the version), measured the same way for both:
 * - process start → BootNotification at the CSMS, median of `runs` starts per version (the versions alternate, so a
 *   change of the machine's load hits both alike);
 * - idle RSS 15 s after boot, settled (as footprint.ts);
 * - CPU while charging: utime + stime of the agent from /proc/<pid>/stat over a fixed window of a running
 *   transaction sampling meter values at 1 s (no chargerctl call inside the window: it would cost the agent CPU);
 * - replay of `replayN` queued transaction messages (1.6 MeterValues with its transactionId, 2.0.1
 *   TransactionEvent Updated). The station queues its first ones itself while the CSMS refuses it; then it is
 *   stopped and the newest of them is cloned (timestamps advanced) to `replayN` in its store, so every queued row is
 *   what that version's station writes; measured from the BootNotification of the restart until the CSMS has all
 *   of them.
 * The measured configuration is the same for both: four measurands (energy, power, current and voltage per phase),
 * 1 s sampling, heartbeat 300 s.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DemoCsms, type CsmsProtocol, type CsmsRecord } from '../../agent/demo/csms.js';
import { openSqliteStore } from '../../offline-queue/index.js';
import { StationProcess, sleep, type StationOptions } from '../support/station-process.js';
import { machine } from './footprint.js';

type Version = '1.6' | '2.0.1';

const CLK_TCK = 100;
const MEASURANDS = 'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage';
const IDLE_SETTLE_MS = 15_000;
// /proc counts CPU in 10 ms ticks: 30 s resolve 0.033 % of a core, about 5 % of what a charging agent uses.
const CHARGE_WINDOW_MS = 30_000;

interface VersionSetup {
  protocol: CsmsProtocol;
  ocppKeys: Record<string, string | number>;
  /** A periodic transaction message of transaction `csmsId` (what the replay counts). */
  isTxMessage: (r: CsmsRecord, csmsId: string) => boolean;
}

const SETUP: Record<Version, VersionSetup> = {
  '1.6': {
    protocol: 'ocpp1.6',
    ocppKeys: { MeterValueSampleInterval: 1, MeterValuesSampledData: MEASURANDS, HeartbeatInterval: 300 },
    isTxMessage: (r, id) => r.action === 'MeterValues' && String((r.payload as any).transactionId) === id,
  },
  '2.0.1': {
    protocol: 'ocpp2.0.1',
    ocppKeys: { 'SampledDataCtrlr.TxUpdatedInterval': 1, 'SampledDataCtrlr.TxUpdatedMeasurands': MEASURANDS, 'OCPPCommCtrlr.HeartbeatInterval': 300 },
    isTxMessage: (r, id) => r.action === 'TransactionEvent' && (r.payload as any).eventType === 'Updated' && (r.payload as any).transactionInfo?.transactionId === id,
  },
};

interface Figures {
  bootsMs: number[];
  idleRssMb: number;
  chargeCpuPct: number;
  chargeMessages: number;
  replayS: number;
  replayCpuS: number;
  replayed: number;
}

function procStat(pid: number): { rssMb: number; cpuS: number } {
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces): utime and stime are the 14th and 15th of the line.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { rssMb: rssKb / 1024, cpuS: (Number(f[11]) + Number(f[12])) / CLK_TCK };
}

function stationOptions(v: Version, url: string, id: string, dataDir?: string): StationOptions {
  return {
    csmsUrl: url,
    id,
    ...(dataDir ? { dataDir } : {}),
    evses: [{ id: 1, maxCurrentA: 32, phases: 3 }],
    extra: { ocpp: { version: v, csmsUrl: url, reconnectMinS: 0.2, reconnectMaxS: 1, callTimeoutS: 5 }, ocppKeys: SETUP[v].ocppKeys },
  };
}

/** Counts the CSMS's records matching `pred` as they arrive; `reached(n)` resolves once there are n. */
function counter(csms: DemoCsms, pred: (r: CsmsRecord) => boolean) {
  let n = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  csms.on('record', (r: CsmsRecord) => {
    if (r.dir !== 'in' || r.kind !== 'call' || !pred(r)) return;
    n++;
    for (const w of waiters.filter((x) => x.n <= n)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  return {
    get count() {
      return n;
    },
    reached(target: number, timeoutMs: number, what: string): Promise<void> {
      if (n >= target) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`bench: ${what}: ${n} of ${target} after ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ n: target, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

/** One start, timed to the BootNotification; stopped right after. */
async function bootOnce(v: Version, i: number): Promise<number> {
  const csms = new DemoCsms({ protocol: SETUP[v].protocol });
  const url = await csms.start();
  const st = new StationProcess(stationOptions(v, url, `CP-VB-${v}-${i}`));
  try {
    const t0 = performance.now();
    st.start();
    await csms.waitFor('BootNotification', () => true, 20_000);
    return performance.now() - t0;
  } finally {
    await st.stop();
    await csms.stop();
    st.cleanup();
  }
}

/** Clone the newest queued periodic message of the transaction until `n` are queued; returns how many there are. */
function fillQueue(dataDir: string, v: Version, localId: string, n: number): number {
  const store = openSqliteStore(`${dataDir}/chargerd.db`);
  try {
    const periodic = (m: { kind: string; action: string; payload: unknown; txLocalId: string | null }) =>
      m.kind === 'meter' && m.txLocalId === localId && (v === '1.6' ? m.action === 'MeterValues' : (m.payload as any).triggerReason === 'MeterValuePeriodic');
    const queued = store.queue.list(1_000_000);
    const template = queued.filter(periodic).at(-1);
    if (!template) throw new Error(`bench: ${v}: no periodic message queued offline (queue: ${queued.map((m) => m.action).join(', ')})`);
    const counted = queued.filter((m) => m.kind === 'meter' && m.txLocalId === localId && (v === '1.6' ? m.action === 'MeterValues' : true)).length;
    const json = JSON.stringify(template.payload);
    const stamps = [...new Set(json.match(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g) ?? [])];
    store.atomically(() => {
      for (let i = 1; i <= n - counted; i++) {
        let text = json;
        for (const s of stamps) text = text.split(s).join(new Date(Date.parse(s) + i * 1000).toISOString());
        store.queue.enqueue({ kind: 'meter', action: template.action, payload: JSON.parse(text), txLocalId: localId, createdAt: new Date(Date.parse(template.createdAt) + i * 1000).toISOString(), ocppVersion: template.ocppVersion });
      }
    });
    return n;
  } finally {
    store.close();
  }
}

/** Idle RSS, CPU while charging, then the offline queue and its replay: one station, two processes. */
async function fullRun(v: Version, replayN: number): Promise<Omit<Figures, 'bootsMs'>> {
  const id = `CP-VF-${v}`;
  const csms = new DemoCsms({ protocol: SETUP[v].protocol });
  const url = await csms.start();
  const st = new StationProcess(stationOptions(v, url, id));
  try {
    st.start();
    await st.ready();
    await sleep(IDLE_SETTLE_MS);
    const idleRssMb = procStat(st.proc!.pid!).rssMb;

    await st.ok('sim', 'plug', '1');
    await st.ok('sim', 'tag', '1', 'BENCH');
    const s = await st.until('charging with a transaction id', (x) => x.evses[0].status === 'Charging' && typeof x.evses[0].transaction?.csmsId === 'string', 20_000);
    const csmsId = s.evses[0].transaction.csmsId as string;
    const localId = s.evses[0].transaction.localId as string;
    const periodic = counter(csms, (r) => SETUP[v].isTxMessage(r, csmsId));
    // The window opens on a sample that has just gone out, so both versions see the same number of samples.
    await periodic.reached(1, 10_000, 'first periodic message');
    const a = procStat(st.proc!.pid!);
    const ta = performance.now();
    const n0 = periodic.count;
    await sleep(CHARGE_WINDOW_MS);
    const b = procStat(st.proc!.pid!);
    const chargeCpuPct = ((b.cpuS - a.cpuS) / ((performance.now() - ta) / 1000)) * 100;
    const chargeMessages = periodic.count - n0;
    if (chargeMessages < CHARGE_WINDOW_MS / 1000 - 3) throw new Error(`bench: ${v}: ${chargeMessages} periodic messages in ${CHARGE_WINDOW_MS} ms`);

    // Offline: the CSMS refuses the station; it queues its samples; then a restart with the queue filled.
    csms.setAccepting(false);
    await csms.disconnect(id);
    await st.until('samples queued offline', (x) => x.queue.depth >= 3, 20_000);
    await st.stop();
    const replayed = fillQueue(st.dataDir, v, localId, replayN);

    const replay = new DemoCsms({ protocol: SETUP[v].protocol });
    await csms.stop();
    await replay.start(csms.port);
    const delivered = counter(replay, (r) => SETUP[v].isTxMessage(r, csmsId));
    const st2 = new StationProcess(stationOptions(v, replay.url, id, st.dataDir));
    try {
      st2.start();
      await replay.waitFor('BootNotification', () => true, 20_000);
      const tb = performance.now();
      const c0 = procStat(st2.proc!.pid!).cpuS;
      await delivered.reached(replayed, 120_000, `${v} replay`);
      const replayS = (performance.now() - tb) / 1000;
      const replayCpuS = procStat(st2.proc!.pid!).cpuS - c0;
      if (replay.validationFailures.length) throw new Error(`bench: ${v}: the strict CSMS refused frames: ${JSON.stringify(replay.validationFailures.slice(0, 3))}`);
      return { idleRssMb, chargeCpuPct, chargeMessages, replayS, replayCpuS, replayed };
    } finally {
      await st2.stop();
      await replay.stop();
    }
  } finally {
    await st.stop();
    await csms.stop();
    st.cleanup();
  }
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

/** `lowerIsBetter` figures: 2.0.1 / 1.6, and whether 2.0.1 is within 10 % of 1.6. */
function compare(a: number, b: number, unit: string, d = 1): string {
  const ratio = b / a;
  return `1.6 ${round(a, d)} ${unit} | 2.0.1 ${round(b, d)} ${unit} | 2.0.1/1.6 ${ratio.toFixed(2)} | ${ratio <= 1.1 ? 'within 10 %' : 'NOT within 10 %'}`;
}

export async function benchVersions(runs = 5, replayN = 10_000): Promise<Record<string, string>> {
  const f: Record<Version, Figures> = {
    '1.6': { bootsMs: [], idleRssMb: 0, chargeCpuPct: 0, chargeMessages: 0, replayS: 0, replayCpuS: 0, replayed: 0 },
    '2.0.1': { bootsMs: [], idleRssMb: 0, chargeCpuPct: 0, chargeMessages: 0, replayS: 0, replayCpuS: 0, replayed: 0 },
  };
  // The starts first, alternating, on a bench process that has not yet run a 10,000-message replay through its
  // CSMS: counting the full runs' starts made the second version's start follow the first's replay.
  for (let i = 0; i < runs; i++) for (const v of (i % 2 ? ['2.0.1', '1.6'] : ['1.6', '2.0.1']) as Version[]) f[v].bootsMs.push(await bootOnce(v, i));
  for (const v of ['1.6', '2.0.1'] as const) {
    f[v] = { ...f[v], ...(await fullRun(v, replayN)) };
  }
  const [a, b] = [f['1.6'], f['2.0.1']];
  return {
    machine: machine(),
    'load average (1, 5, 15 min) at the end': readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', '),
    [`start → BootNotification, median of ${runs}`]: compare(median(a.bootsMs), median(b.bootsMs), 'ms', 0),
    'start → BootNotification, min-max': `1.6 ${round(Math.min(...a.bootsMs), 0)}-${round(Math.max(...a.bootsMs), 0)} ms | 2.0.1 ${round(Math.min(...b.bootsMs), 0)}-${round(Math.max(...b.bootsMs), 0)} ms`,
    'idle RSS 15 s after boot, settled': compare(a.idleRssMb, b.idleRssMb, 'MB'),
    [`charging, 1 s samples, CPU over ${CHARGE_WINDOW_MS / 1000} s (% of one core)`]: compare(a.chargeCpuPct, b.chargeCpuPct, '%', 2),
    'charging: periodic messages in the window': `1.6 ${a.chargeMessages} | 2.0.1 ${b.chargeMessages}`,
    [`replay of ${replayN} queued transaction messages: BootNotification → all at the CSMS`]: compare(a.replayS, b.replayS, 's', 2),
    'replay: messages per s': `1.6 ${round(a.replayed / a.replayS, 0)} | 2.0.1 ${round(b.replayed / b.replayS, 0)}`,
    'replay: agent CPU (utime + stime)': compare(a.replayCpuS, b.replayCpuS, 's', 2),
  };
}
