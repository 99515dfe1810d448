/**
 * Control-API methods of a real board, for the technician's bring-up (`chargerctl hal ...`, `chargerctl meter
 * read`). They run inside the agent, next to the station, so they use the parts the agent already holds and ask
 * the station before anything that could put energy on the connector.
 *
 * The hardware layer is built before the station, so the station reaches these handlers as the second argument
 * (the control context) when a request is served, not when they are built.
 */
import type { Clock } from './clock/clock.js';
import { ControlError, type ControlParams } from './control/protocol.js';
import { evseParam } from './control/evse-param.js';
import type { Logger } from './log.js';
import type { Station } from './station/station.js';
import type { HeldGpioBackend } from './hal-linux-gpio.js';
import { meterLine, type BoardMeters } from './hal-linux-meter.js';
import { HalError } from '../hal/errors.js';
import type { LinuxBoardConfig, LinuxEvseConfig } from '../hal/linux/board-config.js';
import type { LinuxEvseHardware, LinuxHal } from '../hal/linux/board.js';
import { DEFAULT_CONTACTOR_SETTLE_MS } from '../hal/linux/contactor.js';
import type { CpAdcConfig } from '../hal/linux/control-pilot.js';
import { IioAdc } from '../hal/linux/iio-adc.js';
import { meterReadingRows } from './control/meter-rows.js';
import type { LineConfig } from '../hal/linux/line-config.js';
import { probeBoard, type ProbeResult } from '../hal/linux/probe.js';

/** What the handlers need from the control context (a subset of agent/control-handlers.ts ControlContext). */
export interface HalControlContext {
  station: Station;
}

export type HalControlHandler = (params: ControlParams, ctx?: HalControlContext) => unknown | Promise<unknown>;

export interface LinuxControlDeps {
  board: LinuxBoardConfig;
  /** Where the profile came from, for the probe header. */
  source: string;
  hal: LinuxHal;
  gpio: HeldGpioBackend;
  meters: BoardMeters;
  clock: Clock;
  log: Logger;
}

/** Time after a relay command before its feedback is judged, on top of the contactor's settle time. */
export const RELAY_TEST_MARGIN_MS = 100;

export { meterReadingRows, type MeterValueRow } from './control/meter-rows.js';

function errorInfo(err: unknown): { code: string; message: string } {
  if (err instanceof HalError) return { code: err.code, message: err.message };
  return { code: 'ERROR', message: err instanceof Error ? err.message : String(err) };
}

/** Every GPIO line of an EVSE with its part name (as probeBoard names them), direction and what logical 1 means. */
function evseLines(e: LinuxEvseConfig): { part: string; cfg: LineConfig; out: boolean; one: string }[] {
  const at = `evse${e.id}`;
  const lines: { part: string; cfg: LineConfig; out: boolean; one: string }[] = [];
  e.contactor.outputs.forEach((cfg, i) => lines.push({ part: `${at}.contactor.outputs[${i}]`, cfg, out: true, one: 'relay energised' }));
  (e.contactor.feedback ?? []).forEach((cfg, i) => lines.push({ part: `${at}.contactor.feedback[${i}]`, cfg, out: false, one: 'contacts closed' }));
  if (e.rcd) {
    lines.push({ part: `${at}.rcd.trip`, cfg: e.rcd.trip, out: false, one: 'tripped' });
    if (e.rcd.test) lines.push({ part: `${at}.rcd.test`, cfg: e.rcd.test, out: true, one: 'test current on' });
  }
  if (e.lock) {
    lines.push({ part: `${at}.lock.lockOutput`, cfg: e.lock.lockOutput, out: true, one: 'motor locking' });
    lines.push({ part: `${at}.lock.unlockOutput`, cfg: e.lock.unlockOutput, out: true, one: 'motor unlocking' });
    lines.push({ part: `${at}.lock.feedback`, cfg: e.lock.feedback, out: false, one: 'locked' });
  }
  return lines;
}

function cpVolts(cfg: CpAdcConfig): number {
  const adc = new IioAdc(cfg);
  adc.open();
  return adc.readVolts() * cfg.gain + cfg.offsetV;
}

export function createLinuxControl(d: LinuxControlDeps): Record<string, HalControlHandler> {
  /** EVSEs with a relay or RCD test in progress: one test at a time per EVSE. */
  const testing = new Set<number>();

  const boardIds = () => [...d.hal.evses.keys()].sort((a, b) => a - b);

  const station = (ctx: HalControlContext | undefined): Station => {
    if (!ctx?.station) throw new ControlError('NOT_AVAILABLE', 'the station is not running');
    return ctx.station;
  };

  const sleep = (ms: number): Promise<void> => new Promise((resolve) => d.clock.setTimeout(resolve, ms));

  const evseConfig = (id: number): LinuxEvseConfig => d.board.evses.find((e) => e.id === id)!;

  /**
   * Why energising this EVSE's contactor now would be unsafe, or null. "No EV" needs the pilot in A; a pilot in F
   * (driven by the EVSE itself while faulted) hides the EV, so it is accepted only when a proximity input shows
   * that no cable is in the socket.
   */
  const whyNotEnergise = (id: number, hw: LinuxEvseHardware, st: Station): string | null => {
    const evse = st.evse(id);
    const snap = evse?.snapshot();
    if (snap?.transaction) return `EVSE ${id} has a transaction running (${snap.transaction.localId}); stop it first`;
    if (hw.contactor.commandedClosed) return `the station holds EVSE ${id}'s contactor closed`;
    if (hw.rcd?.tripped) return `EVSE ${id}'s residual current monitor is tripped; find the fault before energising`;
    const pilot = hw.pilot.state;
    if (pilot === 'A') {
      if (hw.proximity?.cablePresent) return `a cable is in EVSE ${id}'s socket; remove it first`;
      return null;
    }
    if (pilot === 'F' && hw.proximity && !hw.proximity.cablePresent) return null;
    if (pilot === 'B' || pilot === 'C' || pilot === 'D') return `an EV is connected to EVSE ${id} (pilot ${pilot}); unplug it first`;
    return `EVSE ${id}'s pilot is ${pilot}, so a connected EV cannot be ruled out (clear the fault first)`;
  };

  const notTesting = (id: number): void => {
    if (testing.has(id)) throw new ControlError('REFUSED', `a test is already running on EVSE ${id}`);
  };

  return {
    'hal.probe': async () => {
      // PWM, ADC checks from the shared probe; the GPIO lines and the meter from what the agent holds.
      const shared = await probeBoard(d.board, { clock: d.clock, gpioBackend: d.gpio.heldView() });
      const results: ProbeResult[] = [];
      for (const e of d.board.evses) {
        for (const l of evseLines(e)) {
          const chip = l.cfg.chip ?? d.board.gpio.chip;
          const held = d.gpio.lookup(chip, l.cfg.line);
          const where = `${chip ?? 'default chip'} line ${l.cfg.line}${l.cfg.activeLow ? ' active-low' : ''}`;
          if (!held) {
            results.push({ part: l.part, kind: 'gpio', ok: false, detail: `${where}: not held by chargerd (its part did not start)` });
            continue;
          }
          try {
            const v = held.line.read();
            results.push({ part: l.part, kind: 'gpio', ok: true, detail: `${l.out ? 'output' : 'input'} ${where}: logical ${v} (1 = ${l.one})`, value: v });
          } catch (err) {
            results.push({ part: l.part, kind: 'gpio', ok: false, detail: `${where}: ${(err as Error).message}` });
          }
        }
        results.push(...shared.filter((r) => r.part.startsWith(`evse${e.id}.`) && (r.kind === 'pwm' || r.kind === 'adc')));
        const meter = d.meters.meters.get(e.id)!;
        const kind = e.meter.kind === 'modbus-rtu' ? 'serial' : 'tcp';
        const what = `${e.meter.model} unit ${e.meter.unitId} on ${meterLine(e.meter)}`;
        try {
          const r = await meter.read();
          results.push({ part: `evse${e.id}.meter`, kind, ok: true, detail: `${what}: ${Math.round(r.energyImportWh * 1000) / 1000} Wh`, value: r.energyImportWh });
        } catch (err) {
          results.push({ part: `evse${e.id}.meter`, kind, ok: false, detail: `${what}: ${(err as Error).message}` });
        }
      }
      return { board: d.board.name ?? null, source: d.source, gpioBackend: d.gpio.name, probedBy: 'chargerd (lines as the agent holds them)', results };
    },

    'meter.read': async (p) => {
      const one = evseParam(p, { ids: boardIds, optional: true });
      const ids = one === undefined ? [...d.hal.evses.keys()].sort((a, b) => a - b) : [one];
      const meters = [];
      // One after the other: meters on one line queue anyway, and the output keeps EVSE order.
      for (const id of ids) {
        const m = d.meters.meters.get(id)!;
        const base = { evse: id, model: m.cfg.model, unitId: m.cfg.unitId, line: meterLine(m.cfg) };
        try {
          const reading = await m.read();
          meters.push({ ...base, ok: true, reading, values: meterReadingRows(reading), bus: d.meters.stats(id) ?? null });
        } catch (err) {
          meters.push({ ...base, ok: false, error: errorInfo(err), bus: d.meters.stats(id) ?? null });
        }
      }
      return { meters };
    },

    'hal.pilot': (p) => {
      const id = evseParam(p, { ids: boardIds });
      const hw = d.hal.evses.get(id)!;
      const cfg = evseConfig(id);
      let volts: number | null = null;
      let adcError: string | null = null;
      try {
        volts = Math.round(cpVolts(cfg.pilot.adc) * 100) / 100;
      } catch (err) {
        adcError = (err as Error).message;
      }
      return {
        evse: id,
        state: hw.pilot.state,
        dutyCyclePercent: hw.pilot.dutyCyclePercent,
        offeredCurrentA: hw.pilot.offeredCurrentA,
        cpVolts: volts,
        adcError: adcError ?? hw.pilot.lastError?.message ?? null,
        pwm: { chip: cfg.pilot.pwm.chip, channel: cfg.pilot.pwm.channel, inverted: cfg.pilot.pwm.inverted === true },
        proximity: hw.proximity ? { cablePresent: hw.proximity.cablePresent, cableMaxCurrentA: hw.proximity.cableMaxCurrentA } : null,
      };
    },

    'hal.relay.test': async (p, ctx) => {
      const id = evseParam(p, { ids: boardIds });
      const st = station(ctx);
      const hw = d.hal.evses.get(id)!;
      notTesting(id);
      const why = whyNotEnergise(id, hw, st);
      if (why) throw new ControlError('REFUSED', `relay test refused: ${why}`);
      testing.add(id);
      const waitMs = (evseConfig(id).contactor.settleMs ?? DEFAULT_CONTACTOR_SETTLE_MS) + RELAY_TEST_MARGIN_MS;
      let aborted: string | null = null;
      const abort = (reason: string): void => {
        if (aborted) return;
        aborted = reason;
        hw.contactor.open();
      };
      const faults: string[] = [];
      const offs = [
        // Any pilot change means something was plugged in or broke: open at once and end the test.
        hw.pilot.events.on('state', (s, previous) => abort(`pilot went from ${previous} to ${s} during the test (EV connected?)`)),
        ...(hw.proximity ? [hw.proximity.events.on('change', (present) => present && abort('a cable was plugged in during the test'))] : []),
        hw.rcd ? hw.rcd.events.on('trip', () => abort('the residual current monitor tripped during the test')) : () => undefined,
        st.events.on('transactionStarted', (r) => {
          if (r.evseId === id) abort('a transaction started during the test');
        }),
        hw.contactor.events.on('fault', (kind) => faults.push(kind)),
      ];
      d.log.warn({ evse: id }, 'relay test: closing the contactor (technician request)');
      try {
        let close: { commandedClosed: boolean; feedbackClosed: boolean | null; ok: boolean | null };
        try {
          hw.contactor.close();
          await sleep(waitMs);
          const fb = hw.contactor.feedbackClosed;
          close = { commandedClosed: hw.contactor.commandedClosed, feedbackClosed: fb, ok: aborted ? false : fb === null ? null : fb };
        } finally {
          hw.contactor.open();
        }
        await sleep(waitMs);
        const fb = hw.contactor.feedbackClosed;
        const open = { commandedClosed: hw.contactor.commandedClosed, feedbackClosed: fb, ok: fb === null ? null : !fb };
        const ok = aborted || close.ok === false || open.ok === false ? false : close.ok === null ? null : true;
        d.log.warn({ evse: id, ok, aborted, faults }, 'relay test done: contactor open');
        return { evse: id, feedback: hw.contactor.feedbackClosed !== null, waitMs, close, open, faults, aborted, ok };
      } finally {
        offs.forEach((off) => off());
        testing.delete(id);
      }
    },

    'hal.rcd.test': async (p, ctx) => {
      const id = evseParam(p, { ids: boardIds });
      const st = station(ctx);
      const hw = d.hal.evses.get(id)!;
      notTesting(id);
      if (!hw.rcd) throw new ControlError('NOT_AVAILABLE', `EVSE ${id} has no residual current monitor in the board profile`);
      if (!hw.rcd.canSelfTest) throw new ControlError('NOT_AVAILABLE', `EVSE ${id}'s residual current monitor has no test line in the board profile`);
      const tx = st.evse(id)?.snapshot().transaction;
      if (tx) throw new ControlError('REFUSED', `RCD test refused: EVSE ${id} has a transaction running (${tx.localId}); the test trip would end it`);
      if (hw.contactor.commandedClosed) throw new ControlError('REFUSED', `RCD test refused: the station holds EVSE ${id}'s contactor closed`);
      if (hw.rcd.tripped) throw new ControlError('REFUSED', `RCD test refused: EVSE ${id}'s residual current monitor is tripped already; reset it first`);
      testing.add(id);
      const t0 = d.clock.monotonicMs();
      try {
        d.log.warn({ evse: id }, 'RCD self-test (technician request)');
        const ok = await hw.rcd.selfTest();
        const durationMs = Math.round(d.clock.monotonicMs() - t0);
        d.log.warn({ evse: id, ok, durationMs }, 'RCD self-test done');
        return { evse: id, ok, durationMs, tripped: hw.rcd.tripped };
      } catch (err) {
        if (err instanceof HalError) throw new ControlError('REFUSED', `RCD test: ${err.message}`);
        throw err;
      } finally {
        testing.delete(id);
      }
    },
  };
}
