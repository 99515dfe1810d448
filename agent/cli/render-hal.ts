/**
 * Readable output of the bring-up commands (`hal ...`, `meter read`). Replies are read through shape.ts so an
 * agent of another version fails with a precise message instead of a TypeError.
 */
import { ReplyShapeError } from './errors.js';
import { arr, bool, num, obj, optNum, optStr, str } from './shape.js';
import { clean, formatFields, formatTable } from './table.js';

function optBool(o: Record<string, unknown>, key: string, where: string): boolean | null {
  return o[key] === null || o[key] === undefined ? null : bool(o, key, where);
}

function okWord(ok: boolean | null): string {
  return ok === true ? 'ok' : ok === false ? 'FAILED' : '-';
}

// ------------------------------------------------------------------------------------------------ hal probe

interface ProbeRow {
  part: string;
  kind: string;
  ok: boolean | null;
  detail: string;
}

function readProbe(v: unknown): { board: string | null; source: string; gpioBackend: string; probedBy: string; results: ProbeRow[] } {
  const o = obj(v, 'hal.probe');
  return {
    board: optStr(o, 'board', 'hal.probe') ?? null,
    source: str(o, 'source', 'hal.probe'),
    gpioBackend: str(o, 'gpioBackend', 'hal.probe'),
    probedBy: str(o, 'probedBy', 'hal.probe'),
    results: arr(o.results, 'hal.probe.results').map((r, i) => {
      const w = `hal.probe.results[${i}]`;
      const x = obj(r, w);
      return { part: str(x, 'part', w), kind: str(x, 'kind', w), ok: optBool(x, 'ok', w), detail: str(x, 'detail', w) };
    }),
  };
}

export function renderProbe(v: unknown): string {
  const p = readProbe(v);
  const head = formatFields([
    ['Board', `${p.board ?? '(unnamed)'} (${p.source})`],
    ['GPIO', p.gpioBackend],
    ['Probed by', p.probedBy],
  ]);
  const rows = p.results.map((r) => [r.part, r.kind, r.ok === null ? 'not checked' : okWord(r.ok), r.detail]);
  return `${head}\n\n${formatTable(['PART', 'KIND', 'RESULT', 'DETAIL'], rows)}\n`;
}

export function probeFailure(v: unknown): string | null {
  const bad = readProbe(v).results.filter((r) => r.ok === false);
  return bad.length === 0 ? null : `${bad.length} part(s) did not answer: ${bad.map((r) => r.part).join(', ')}`;
}

// ----------------------------------------------------------------------------------------------- meter read

interface MeterRow {
  evse: number;
  model: string;
  unitId: number | null;
  line: string;
  ok: boolean;
  values: { measurand: string; phase: string | null; value: number; unit: string }[];
  error: { code: string; message: string } | null;
}

function readMeters(v: unknown): MeterRow[] {
  const o = obj(v, 'meter.read');
  return arr(o.meters, 'meter.read.meters').map((m, i) => {
    const w = `meter.read.meters[${i}]`;
    const x = obj(m, w);
    const ok = bool(x, 'ok', w);
    const values = ok
      ? arr(x.values, `${w}.values`).map((r, k) => {
          const vw = `${w}.values[${k}]`;
          const y = obj(r, vw);
          return { measurand: str(y, 'measurand', vw), phase: optStr(y, 'phase', vw) ?? null, value: num(y, 'value', vw), unit: str(y, 'unit', vw) };
        })
      : [];
    let error: MeterRow['error'] = null;
    if (!ok) {
      const e = obj(x.error, `${w}.error`);
      error = { code: str(e, 'code', `${w}.error`), message: str(e, 'message', `${w}.error`) };
    }
    return { evse: num(x, 'evse', w), model: str(x, 'model', w), unitId: optNum(x, 'unitId', w) ?? null, line: str(x, 'line', w), ok, values, error };
  });
}

export function renderMeterRead(v: unknown): string {
  return readMeters(v)
    .map((m) => {
      const head = `EVSE ${m.evse}: ${clean(m.model)}${m.unitId === null ? '' : ` unit ${m.unitId}`} on ${clean(m.line)}`;
      if (!m.ok) return `${head}\n  FAILED ${clean(m.error!.code)}: ${clean(m.error!.message)}\n`;
      // Float registers carry binary noise (1234510.00976563); a thousandth of the unit is finer than any meter.
      const rows = m.values.map((r) => [r.measurand, r.phase ?? '-', String(Math.round(r.value * 1000) / 1000), r.unit]);
      return `${head}\n${formatTable(['MEASURAND', 'PHASE', 'VALUE', 'UNIT'], rows)}\n`;
    })
    .join('\n');
}

export function meterReadFailure(v: unknown): string | null {
  const bad = readMeters(v).filter((m) => !m.ok);
  return bad.length === 0 ? null : `meter read failed on EVSE ${bad.map((m) => m.evse).join(', ')}`;
}

// ----------------------------------------------------------------------------------------------- relay test

interface RelayStep {
  commandedClosed: boolean;
  feedbackClosed: boolean | null;
  ok: boolean | null;
}

function readStep(v: unknown, where: string): RelayStep {
  const o = obj(v, where);
  return { commandedClosed: bool(o, 'commandedClosed', where), feedbackClosed: optBool(o, 'feedbackClosed', where), ok: optBool(o, 'ok', where) };
}

function readRelay(v: unknown) {
  const o = obj(v, 'hal.relay.test');
  return {
    evse: num(o, 'evse', 'hal.relay.test'),
    feedback: bool(o, 'feedback', 'hal.relay.test'),
    close: readStep(o.close, 'hal.relay.test.close'),
    open: readStep(o.open, 'hal.relay.test.open'),
    faults: arr(o.faults, 'hal.relay.test.faults').map((f) => {
      if (typeof f !== 'string') throw new ReplyShapeError('hal.relay.test.faults[] is not a string');
      return f;
    }),
    aborted: optStr(o, 'aborted', 'hal.relay.test') ?? null,
    ok: optBool(o, 'ok', 'hal.relay.test'),
  };
}

function feedbackText(fb: boolean | null): string {
  return fb === null ? 'no feedback input' : fb ? 'feedback closed' : 'feedback open';
}

export function renderRelayTest(v: unknown): string {
  const r = readRelay(v);
  const step = (name: string, s: RelayStep): string => `  ${name.padEnd(6)} ${feedbackText(s.feedbackClosed).padEnd(17)}  ${okWord(s.ok)}`;
  const lines = [`EVSE ${r.evse} relay test`, step('close', r.close), step('open', r.open)];
  if (r.faults.length > 0) lines.push(`  contactor faults reported: ${r.faults.join(', ')}`);
  if (r.aborted) lines.push(`  aborted: ${clean(r.aborted)}`);
  const verdict = r.ok === true ? 'PASSED' : r.ok === false ? 'FAILED' : 'NOT CHECKED: no feedback input; listen for the relay';
  lines.push(`  result ${verdict} (contactor left open)`);
  return `${lines.join('\n')}\n`;
}

export function relayTestFailure(v: unknown): string | null {
  const r = readRelay(v);
  if (r.ok !== false) return null;
  return r.aborted ? `relay test aborted: ${r.aborted}` : `relay test failed on EVSE ${r.evse}`;
}

// ------------------------------------------------------------------------------------------------- rcd test

function readRcd(v: unknown) {
  const o = obj(v, 'hal.rcd.test');
  return { evse: num(o, 'evse', 'hal.rcd.test'), ok: bool(o, 'ok', 'hal.rcd.test'), durationMs: num(o, 'durationMs', 'hal.rcd.test'), tripped: bool(o, 'tripped', 'hal.rcd.test') };
}

export function renderRcdTest(v: unknown): string {
  const r = readRcd(v);
  const state = r.tripped ? 'still tripped' : 'reset';
  return `EVSE ${r.evse} RCD self-test: ${r.ok ? 'PASSED' : 'FAILED'} after ${r.durationMs} ms (RCD now ${state})\n`;
}

export function rcdTestFailure(v: unknown): string | null {
  const r = readRcd(v);
  return r.ok ? null : `RCD self-test failed on EVSE ${r.evse}: it did not trip and reset in time`;
}

// ---------------------------------------------------------------------------------------------------- pilot

export function renderPilot(v: unknown): string {
  const w = 'hal.pilot';
  const o = obj(v, w);
  const volts = optNum(o, 'cpVolts', w);
  const adcError = optStr(o, 'adcError', w);
  const simulated = o.simulated === true;
  const pwm = o.pwm === null && simulated ? null : obj(o.pwm, `${w}.pwm`);
  const fields: [string, string][] = [
    ['EVSE', String(num(o, 'evse', w))],
    ['State', str(o, 'state', w)],
    ['Duty cycle', `${num(o, 'dutyCyclePercent', w)} %`],
    ['Offered', `${num(o, 'offeredCurrentA', w)} A`],
    ['CP voltage', volts === undefined ? (simulated && !adcError ? 'not measured (simulated pilot)' : `unreadable${adcError ? `: ${adcError}` : ''}`) : `${volts} V`],
    ['PWM', pwm === null ? 'simulated' : `pwmchip${num(pwm, 'chip', `${w}.pwm`)} channel ${num(pwm, 'channel', `${w}.pwm`)}${bool(pwm, 'inverted', `${w}.pwm`) ? ' (inverted stage)' : ''}`],
  ];
  if (volts !== undefined && adcError) fields.push(['ADC', `last error: ${adcError}`]);
  if (o.proximity !== null && o.proximity !== undefined) {
    const p = obj(o.proximity, `${w}.proximity`);
    const rating = optNum(p, 'cableMaxCurrentA', `${w}.proximity`);
    fields.push(['Cable', bool(p, 'cablePresent', `${w}.proximity`) ? `present, ${rating === undefined ? 'no valid rating' : `${rating} A`}` : 'none']);
  }
  return `${formatFields(fields)}\n`;
}

// ----------------------------------------------------------------------------------------------- safe state

export interface SafeStateReport {
  configFile: string;
  driver: 'linux' | 'sim';
  board: string | null;
  source: string | null;
  results: { part: string; ok: boolean; error?: string }[];
}

function readSafeState(v: unknown): SafeStateReport {
  const w = 'hal.safe-state';
  const o = obj(v, w);
  const driver = str(o, 'driver', w);
  if (driver !== 'linux' && driver !== 'sim') throw new ReplyShapeError(`${w}.driver is ${driver}`);
  return {
    configFile: str(o, 'configFile', w),
    driver,
    board: optStr(o, 'board', w) ?? null,
    source: optStr(o, 'source', w) ?? null,
    results: arr(o.results, `${w}.results`).map((r, i) => {
      const x = obj(r, `${w}.results[${i}]`);
      const error = optStr(x, 'error', `${w}.results[${i}]`);
      return { part: str(x, 'part', `${w}.results[${i}]`), ok: bool(x, 'ok', `${w}.results[${i}]`), ...(error !== undefined ? { error } : {}) };
    }),
  };
}

export function renderSafeState(v: unknown): string {
  const r = readSafeState(v);
  if (r.driver === 'sim') return `${r.configFile}: hal.driver is "sim"; no hardware to put in a safe state\n`;
  const rows = r.results.map((x) => [x.part, x.ok ? 'safe' : 'FAILED', x.error ?? '']);
  return `Board ${r.board ?? '(unnamed)'} (${r.source ?? '?'})\n\n${formatTable(['PART', 'RESULT', 'ERROR'], rows)}\n`;
}

export function safeStateFailure(v: unknown): string | null {
  const bad = readSafeState(v).results.filter((x) => !x.ok);
  return bad.length === 0 ? null : `safe state NOT reached for: ${bad.map((x) => x.part).join(', ')}`;
}
