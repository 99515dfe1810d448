/**
 * `npm run bench`: every benchmark, printed as a table with the machine it ran on. The README keeps the
 * latest figures.
 */
import { cpus, totalmem, platform, release } from 'node:os';
import { benchLatencies, benchProcess } from './station.js';
import { benchGpioFaultLatency } from './gpio-fault-latency.js';
import { benchMeterPolling } from './meter-polling.js';
import { benchEnqueue, benchReplay } from './queue.js';
import { benchMqtt } from './mqtt.js';
import { benchFootprint } from './footprint.js';
import { benchComposite, benchRecomputeVsFault } from './composite.js';
import { benchVersions } from './versions.js';

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

function print(title: string, rows: Record<string, number | string>): void {
  console.log(`\n## ${title}`);
  const w = Math.max(...Object.keys(rows).map((k) => k.length));
  for (const [k, v] of Object.entries(rows)) console.log(`  ${k.padEnd(w)}  ${v}`);
}

console.log(`# chargerd benchmarks, ${new Date().toISOString()}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}`);

if (want('process')) print('station process (simulated two-EVSE station, loopback CSMS)', await benchProcess());
if (want('latency')) print('safety and stop latencies (in-process agent, sim HAL, EVSE 2 charging + busy loop)', await benchLatencies(1000));
if (want('gpio')) {
  const g = await benchGpioFaultLatency(1000);
  const ms = (x: number) => Math.round(x * 10_000) / 10_000;
  print('real GPIO driver code path (fake backend): RCD edge → contactor output written, 1000 trips', { 'p50 (ms)': ms(g.p50Ms), 'p99 (ms)': ms(g.p99Ms), 'max (ms)': ms(g.maxMs) });
}
if (want('meter')) print('Modbus RTU meter polling: 2 meters at 1 s on a pty bus (pymodbus peer)', await benchMeterPolling());
if (want('mqtt')) print('MQTT bridge against mosquitto (in-process agent, sim HAL)', await benchMqtt(1000));
if (want('footprint')) print('footprint on a controller: sim one-EVSE station, loopback CSMS, offline queue on this disk', await benchFootprint(5));
if (want('composite')) print('smart charging: composite schedule (pure engine, 20 profiles × 50 periods)', benchComposite());
if (want('recompute')) print('smart charging: period-boundary recomputation vs fault-to-open (in-process agent, sim HAL)', await benchRecomputeVsFault(1000));
if (want('queue')) print('durable queue (SQLite on this disk)', { ...(await benchEnqueue()), ...(await benchReplay()) });
if (want('versions')) print('OCPP 1.6 and 2.0.1 side by side: sim one-EVSE station process, loopback strict CSMS', await benchVersions(5, 10_000));
