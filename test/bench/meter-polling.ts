/**
 * Meter polling cost: two meters (Eastron SDM630 unit 1, Carlo Gavazzi EM340 unit 2) on one RTU line — a socat
 * pty pair with the pymodbus meter peer on the far end — each read once per interval through the real driver
 * stack (registry, RtuBus, InterByteTimeoutParser, model decoding, supervision), as the station does.
 *
 * Reports this process's CPU share while polling (the peer's python and socat are not counted), reads and bus
 * requests per second, errors, and read latency. Needs socat and pymodbus (see test/integration/modbus/peer.ts).
 * Run alone: node dist/test/bench/meter-polling.js
 */
import { pathToFileURL } from 'node:url';
import { SystemClock } from '../../agent/clock/clock.js';
import { ModbusBusRegistry, createModbusMeter, type ModbusMeter } from '../../hal/meters/index.js';
import { MeterPeer } from '../integration/modbus/peer.js';

export interface MeterPollingOptions {
  /** Default 10 000 ms. */
  durationMs?: number;
  /** Poll interval per meter, default 1000 ms. */
  intervalMs?: number;
}

export async function benchMeterPolling(options: MeterPollingOptions = {}): Promise<Record<string, number | string>> {
  const durationMs = options.durationMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 1000;
  const peer = await MeterPeer.start({
    meters: [
      { model: 'eastron-sdm630', unit: 1, values: { energyImportWh: 1_000_000, powerW: 7000, currentA: { L1: 10, L2: 10, L3: 10 }, energyImportWhPerS: 2 } },
      { model: 'carlo-gavazzi-em340', unit: 2, values: { energyImportWh: 500_000, powerW: 11000, currentA: { L1: 16, L2: 16, L3: 16 }, energyImportWhPerS: 3 } },
    ],
  });
  const clock = new SystemClock();
  const registry = new ModbusBusRegistry({ clock });
  const transport = { kind: 'rtu' as const, path: peer.devicePath, baudRate: 9600 };
  const meters: ModbusMeter[] = [
    createModbusMeter({ model: 'eastron-sdm630', unitId: 1, transport }, { clock, registry }),
    createModbusMeter({ model: 'carlo-gavazzi-em340', unitId: 2, transport }, { clock, registry }),
  ];
  const latencies: number[] = [];
  let reads = 0;
  let errors = 0;
  const inFlight = new Set<Promise<void>>();
  const poll = (m: ModbusMeter): void => {
    const t0 = performance.now();
    const p = m
      .read()
      .then(
        () => {
          reads++;
          latencies.push(performance.now() - t0);
        },
        () => {
          errors++;
        },
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  try {
    for (const m of meters) await m.start();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const timers = meters.map((m) => clock.setInterval(() => poll(m), intervalMs));
    await new Promise<void>((resolve) => {
      const done = clock.setTimeout(() => {
        clock.clear(done);
        resolve();
      }, durationMs);
    });
    for (const t of timers) clock.clear(t);
    await Promise.all(inFlight);
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const stats = registry.bus(`rtu:${peer.devicePath}`)!.stats;
    latencies.sort((a, b) => a - b);
    const pct = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    return {
      meters: meters.length,
      baudRate: 9600,
      durationS: round(wallMs / 1000),
      cpuPercent: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
      readsPerS: round((reads * 1000) / wallMs),
      requestsPerS: round((stats.sent * 1000) / wallMs),
      errors: errors + stats.timeouts + stats.badFrames + stats.exceptions,
      readLatencyP50Ms: round(pct(0.5)),
      readLatencyMaxMs: round(latencies[latencies.length - 1] ?? NaN),
      faulted: meters.filter((m) => m.faulted).length,
    };
  } finally {
    for (const m of meters) await m.stop();
    await peer.stop();
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchMeterPolling().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
