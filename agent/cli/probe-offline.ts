/**
 * `chargerctl hal probe --offline`: probe the board from the config with chargerd stopped — what a technician
 * does when the agent will not start (a GPIO line it cannot open, a wrong ADC channel). Each part is opened, read
 * at its safe level and released (hal/linux/probe.ts); each meter is read once.
 *
 * Refused while an agent answers on the control socket: it holds the lines, and releasing a sysfs input line
 * after probing it would unexport it under the running agent.
 */
import { SystemClock } from '../clock/clock.js';
import { controlCall } from '../control/client.js';
import { ControlError } from '../control/protocol.js';
import type { LocalContext } from './command.js';
import { LocalConfigError, readLocalBoard } from './local-board.js';

export async function runOfflineProbe(ctx: LocalContext): Promise<unknown> {
  const socket = ctx.socketPath();
  let running: boolean;
  try {
    await controlCall(socket, 'status', {}, { timeoutMs: ctx.timeoutMs });
    running = true;
  } catch (err) {
    if (!(err instanceof ControlError)) throw err;
    if (err.code !== 'NO_AGENT') throw new ControlError('REFUSED', `cannot tell whether chargerd runs (${err.message}); stop it before probing offline`);
    running = false;
  }
  if (running) throw new ControlError('REFUSED', `chargerd is running (${socket}): run 'chargerctl hal probe' without --offline, or stop chargerd first`);
  const b = await readLocalBoard(ctx.configFile);
  if (b.driver === 'sim') throw new LocalConfigError(`${ctx.configFile}: hal.driver is "sim"; there is no board to probe`);
  const clock = new SystemClock();
  const { probeBoard } = await import('../../hal/linux/probe.js');
  const { createModbusMeter, ModbusBusRegistry } = await import('../../hal/meters/index.js');
  const { meterLine, meterTransport } = await import('../hal-linux-meter.js');
  const shared = await probeBoard(b.board, { clock });
  const registry = new ModbusBusRegistry({ clock });
  const results = shared.filter((r) => !r.part.startsWith('evse'));
  for (const e of b.board.evses) {
    results.push(...shared.filter((r) => r.part.startsWith(`evse${e.id}.`) && r.part !== `evse${e.id}.meter`));
    const what = `${e.meter.model} unit ${e.meter.unitId} on ${meterLine(e.meter)}`;
    const kind = e.meter.kind === 'modbus-rtu' ? 'serial' : 'tcp';
    try {
      const meter = createModbusMeter({ model: e.meter.model, unitId: e.meter.unitId, transport: meterTransport(e.meter) }, { clock, registry });
      await meter.start();
      try {
        const r = await meter.read();
        results.push({ part: `evse${e.id}.meter`, kind, ok: true, detail: `${what}: ${Math.round(r.energyImportWh * 1000) / 1000} Wh`, value: r.energyImportWh });
      } finally {
        await meter.stop();
      }
    } catch (err) {
      results.push({ part: `evse${e.id}.meter`, kind, ok: false, detail: `${what}: ${(err as Error).message}` });
    }
  }
  return { board: b.board.name ?? null, source: b.source, gpioBackend: b.board.gpio.backend, probedBy: 'chargerctl (agent stopped)', results };
}
