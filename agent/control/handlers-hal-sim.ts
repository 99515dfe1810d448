/**
 * `hal probe`, `hal pilot` and `meter read` on the simulated hardware (hal.driver "sim"): the same reply shapes
 * as a real board's (agent/hal-linux-control.ts), read through the HAL interface from the simulated parts, so a
 * technician or a CSMS vendor trying chargerctl on a laptop sees what the station sees. The tests that would
 * energise a contactor have nothing to test here and say so (NOT_AVAILABLE), never UNKNOWN_METHOD.
 */
import { HalError } from '../../hal/errors.js';
import type { EvseHardware, Hal } from '../../hal/types.js';
import { meterReadingRows } from './meter-rows.js';
import { ControlError, type ControlParams } from './protocol.js';
import { evseParam } from './evse-param.js';

const SIM_LINE = 'simulated hardware';

export function createSimHalHandlers(hal: Hal): Record<string, (params: ControlParams) => unknown | Promise<unknown>> {
  const ids = () => [...hal.evses.keys()].sort((a, b) => a - b);
  const noTest = (what: string) => () => {
    throw new ControlError('NOT_AVAILABLE', `${what} needs a real board (hal.driver "linux"); on simulated hardware inject the fault instead (chargerctl sim fault N ...)`);
  };

  return {
    'hal.probe': async () => {
      const results = [];
      for (const id of ids()) results.push(...(await probeEvse(hal.evses.get(id)!)));
      return { board: 'simulated station', source: 'hal.driver "sim"', gpioBackend: 'none (simulated parts)', probedBy: 'chargerd (simulated parts as the agent holds them)', results };
    },

    'meter.read': async (p) => {
      const one = evseParam(p, { ids, optional: true });
      const meters = [];
      for (const id of one === undefined ? ids() : [one]) {
        const base = { evse: id, model: 'sim', unitId: null, line: SIM_LINE };
        try {
          const reading = await hal.evses.get(id)!.meter.read();
          meters.push({ ...base, ok: true, reading, values: meterReadingRows(reading), bus: null });
        } catch (err) {
          meters.push({ ...base, ok: false, error: errorInfo(err), bus: null });
        }
      }
      return { meters };
    },

    'hal.pilot': (p) => {
      const hw = hal.evses.get(evseParam(p, { ids }))!;
      return {
        evse: hw.evseId,
        state: hw.pilot.state,
        dutyCyclePercent: hw.pilot.dutyCyclePercent,
        offeredCurrentA: hw.pilot.offeredCurrentA,
        // No ADC in the simulation: the state is the EV's, not a measured voltage.
        cpVolts: null,
        adcError: hw.pilot.readError,
        pwm: null,
        simulated: true,
        proximity: hw.proximity ? { cablePresent: hw.proximity.cablePresent, cableMaxCurrentA: hw.proximity.cableMaxCurrentA } : null,
      };
    },

    'hal.relay.test': noTest('a relay test'),
    'hal.rcd.test': noTest('an RCD test'),
  };
}

async function probeEvse(hw: EvseHardware): Promise<{ part: string; kind: string; ok: boolean | null; detail: string; value?: number }[]> {
  const at = `evse${hw.evseId}`;
  const out: { part: string; kind: string; ok: boolean | null; detail: string; value?: number }[] = [];
  const p = hw.pilot;
  out.push({ part: `${at}.pilot`, kind: 'sim', ok: p.readError === null, detail: p.readError ?? `state ${p.state}, duty ${p.dutyCyclePercent} %, offering ${p.offeredCurrentA} A` });
  const c = hw.contactor;
  const fb = c.feedbackClosed;
  const agree = fb === null || fb === c.commandedClosed;
  out.push({ part: `${at}.contactor`, kind: 'sim', ok: agree, detail: `commanded ${c.commandedClosed ? 'closed' : 'open'}, feedback ${fb === null ? 'none' : fb ? 'closed' : 'open'}${agree ? '' : ' (disagrees: welded or stuck)'}` });
  if (hw.rcd) out.push({ part: `${at}.rcd`, kind: 'sim', ok: !hw.rcd.tripped, detail: hw.rcd.tripped ? 'tripped' : 'not tripped' });
  if (hw.lock) out.push({ part: `${at}.lock`, kind: 'sim', ok: null, detail: hw.lock.locked ? 'locked' : 'unlocked' });
  if (hw.proximity) out.push({ part: `${at}.proximity`, kind: 'sim', ok: true, detail: hw.proximity.cablePresent ? `cable present, ${hw.proximity.cableMaxCurrentA ?? '?'} A` : 'no cable' });
  if (hw.reader) out.push({ part: `${at}.reader`, kind: 'sim', ok: true, detail: 'simulated card reader (chargerctl sim tag)' });
  try {
    const r = await hw.meter.read();
    out.push({ part: `${at}.meter`, kind: 'sim', ok: true, detail: `${Math.round(r.energyImportWh * 1000) / 1000} Wh`, value: r.energyImportWh });
  } catch (err) {
    out.push({ part: `${at}.meter`, kind: 'sim', ok: false, detail: errorInfo(err).message });
  }
  return out;
}

function errorInfo(err: unknown): { code: string; message: string } {
  if (err instanceof HalError) return { code: err.code, message: err.message };
  return { code: 'ERROR', message: err instanceof Error ? err.message : String(err) };
}
