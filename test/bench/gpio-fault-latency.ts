/**
 * RCD trip edge → contactor output written open, through the real driver code (LinuxRcd, LinuxContactor, logical
 * GPIO lines) with a station-like listener that calls contactor.open() in the trip handler. The fake backend stands
 * in for the kernel: it delivers the edge synchronously and timestamps the output write, so this measures our
 * code path only (add the backend's own latency on hardware: sysfs write ≈ µs, chardev tool hop < 1 ms).
 */
import { FakeClock } from '../../agent/clock/fake-clock.js';
import { FakeGpioBackend } from '../../hal/gpio/fake-backend.js';
import { LinuxContactor } from '../../hal/linux/contactor.js';
import { LinuxRcd } from '../../hal/linux/rcd.js';

export interface LatencyStats {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
}

const TRIP_LINE = 5;
const RELAY_LINES = [17, 27];

export async function benchGpioFaultLatency(n = 1000): Promise<LatencyStats> {
  const clock = new FakeClock();
  const gpio = new FakeGpioBackend({ clock, keepWriteLog: false });
  gpio.setInput(TRIP_LINE, 1);
  const contactor = new LinuxContactor({ outputs: RELAY_LINES.map((line) => ({ line })) }, gpio, clock);
  const rcd = new LinuxRcd({ trip: { line: TRIP_LINE, activeLow: true } }, gpio, clock);
  await contactor.start();
  await rcd.start();
  rcd.events.on('trip', () => contactor.open());

  let openedAt = -1;
  const last = RELAY_LINES[RELAY_LINES.length - 1];
  gpio.onWrite((w) => {
    if (w.line === last && w.value === 0) openedAt = performance.now();
  });

  const samples: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      contactor.close();
      openedAt = -1;
      const t0 = performance.now();
      gpio.setInput(TRIP_LINE, 0);
      if (openedAt < 0) throw new Error(`sample ${i}: the contactor was not opened inside the trip edge`);
      samples.push(openedAt - t0);
      gpio.setInput(TRIP_LINE, 1);
    }
  } finally {
    await rcd.stop();
    await contactor.stop();
  }
  samples.sort((a, b) => a - b);
  const at = (q: number): number => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: samples[samples.length - 1]!, samples: samples.length };
}
