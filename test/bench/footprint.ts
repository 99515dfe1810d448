/**
 * Footprint on a controller (issue 8): process start → BootNotification, idle RSS once settled, and what the
 * agent process writes per queued MeterValues while the CSMS is gone, read from its own /proc/<pid>/io.
 * write_bytes is what the block layer is asked to write (dirtied page-cache pages, 4 KiB each); wchar is every
 * byte handed to write(2) (SQLite WAL frames plus any socket or stdout writes).
 */
import { readFileSync } from 'node:fs';
import { cpus, release } from 'node:os';
import { DemoCsms } from '../../agent/demo/csms.js';
import { StationProcess, sleep } from '../support/station-process.js';

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

function procIo(pid: number): { writeBytes: number; wchar: number } {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  return { writeBytes: Number(/write_bytes:\s+(\d+)/.exec(io)?.[1] ?? 0), wchar: Number(/wchar:\s+(\d+)/.exec(io)?.[1] ?? 0) };
}

export function machine(): string {
  return `${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores, Linux ${release()}, Node ${process.version}`;
}

export async function benchFootprint(runs = 5): Promise<Record<string, number | string>> {
  const boots: number[] = [];
  let idle = 0;
  let perMv = { writeBytes: 0, wchar: 0, queued: 0 };
  for (let i = 0; i < runs; i++) {
    const csms = new DemoCsms();
    const url = await csms.start();
    const st = new StationProcess({ csmsUrl: url, id: `CP-FP-${i}`, evses: [{ id: 1, maxCurrentA: 32, phases: 3 }], ocppKeys: { MeterValueSampleInterval: 1 } });
    const t0 = performance.now();
    st.start();
    await csms.waitFor('BootNotification', () => true, 20_000);
    boots.push(performance.now() - t0);
    if (i === 0) {
      await st.ready();
      // Settled: after the start-up garbage is collected and the first heartbeats and status notifications are out.
      await sleep(15_000);
      idle = rssMb(st.proc!.pid!);
      await st.ok('sim', 'plug', '1');
      await st.ok('sim', 'tag', '1', 'BENCH');
      await st.until('charging', (s) => s.evses[0].status === 'Charging');
      await csms.stop();
      await st.until('offline', (s) => s.queue.depth >= 2, 20_000);
      const d0 = (await st.status()).queue.depth as number;
      const a = procIo(st.proc!.pid!);
      // No chargerctl call inside the window: its socket traffic would count in wchar.
      await sleep(10_000);
      const b = procIo(st.proc!.pid!);
      const d1 = (await st.status()).queue.depth as number;
      const queued = d1 - d0;
      if (queued < 5) throw new Error(`expected ~10 MeterValues queued in 10 s offline, got ${queued}`);
      perMv = { writeBytes: (b.writeBytes - a.writeBytes) / queued, wchar: (b.wchar - a.wchar) / queued, queued };
    } else {
      await csms.stop();
    }
    await st.stop();
    st.cleanup();
  }
  boots.sort((x, y) => x - y);
  return {
    machine: machine(),
    [`start → BootNotification, median of ${runs} (ms)`]: round(boots[Math.floor(runs / 2)]!, 0),
    [`start → BootNotification, min / max (ms)`]: `${round(boots[0]!, 0)} / ${round(boots[runs - 1]!, 0)}`,
    'idle RSS 15 s after boot, settled (MB)': round(idle, 1),
    [`offline, per queued MeterValues (${perMv.queued} in 10 s): write_bytes (KiB)`]: round(perMv.writeBytes / 1024, 2),
    'offline, per queued MeterValues: wchar (KiB)': round(perMv.wchar / 1024, 2),
  };
}
