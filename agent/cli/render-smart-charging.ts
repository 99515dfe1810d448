/**
 * `chargerctl profiles` and `chargerctl schedule`: the installed charging profiles as a table; the composite
 * schedule as a table and as a small chart of the limit over time (plain ASCII, so it survives any terminal,
 * a serial console and a copy into a ticket).
 */
import { arr, num, obj, optNum, optStr, str } from './shape.js';
import { formatTable } from './table.js';

const PURPOSE_16: Record<string, string> = { ChargingStationMax: 'ChargePointMax', TxDefault: 'TxDefault', Tx: 'Tx', ChargingStationExternalConstraints: 'External' };

/** "16 A" or "0:16 600:10 1200:6 …" (startPeriod:limit), at most `max` periods. */
function periodsText(periods: unknown[], unit: string, where: string, max = 4): string {
  const ps = periods.map((p, i) => obj(p, `${where}[${i}]`)).map((p) => ({ start: num(p, 'startPeriod', where), limit: num(p, 'limit', where) }));
  if (ps.length === 1) return `${ps[0]!.limit} ${unit}`;
  const shown = ps.slice(0, max).map((p) => `${p.start}s:${p.limit}`);
  return `${shown.join(' ')}${ps.length > max ? ` (+${ps.length - max})` : ''} ${unit}`;
}

export function renderProfiles(result: unknown): string {
  const o = obj(result, 'profiles.list');
  const list = arr(o.profiles, 'profiles.list.profiles');
  const evse = o.evse === null || o.evse === undefined ? null : Number(o.evse);
  if (list.length === 0) return evse === null ? 'No charging profiles installed.\n' : `No charging profiles apply to EVSE ${evse}.\n`;
  const rows = list.map((v, i) => {
    const w = `profiles[${i}]`;
    const p = obj(v, w);
    const s = obj(arr(p.schedules, `${w}.schedules`)[0], `${w}.schedules[0]`);
    const unit = str(s, 'chargingRateUnit', w);
    const kind = str(p, 'kind', w);
    const rec = optStr(p, 'recurrencyKind', w);
    const from = optStr(p, 'validFrom', w);
    const to = optStr(p, 'validTo', w);
    const start = optStr(s, 'startSchedule', w);
    const duration = optNum(s, 'duration', w);
    const tx = optStr(p, 'transactionId', w);
    const csms = p.csmsTransactionId;
    const evseId = num(p, 'evseId', w);
    return [
      String(num(p, 'id', w)),
      evseId === 0 ? '0 (station)' : String(evseId),
      PURPOSE_16[str(p, 'purpose', w)] ?? str(p, 'purpose', w),
      String(num(p, 'stackLevel', w)),
      rec ? `${kind}/${rec}` : kind,
      start ?? '-',
      duration === undefined ? '-' : `${duration}s`,
      periodsText(arr(s.periods, `${w}.periods`), unit, `${w}.periods`),
      from || to ? `${from ?? '…'} – ${to ?? '…'}` : '-',
      tx === undefined ? '-' : typeof csms === 'string' ? csms : `local:${tx}`,
    ];
  });
  return `${formatTable(['ID', 'EVSE', 'PURPOSE', 'STACK', 'KIND', 'START', 'DURATION', 'LIMITS', 'VALID', 'TRANSACTION'], rows)}\n`;
}

interface Period {
  startPeriod: number;
  limit: number;
  numberPhases?: number;
}

function readSchedule(result: unknown): { evse: number; scheduleStart: string; durationS: number; unit: string; periods: Period[] } {
  const o = obj(result, 'profiles.schedule');
  return {
    evse: num(o, 'evse', 'profiles.schedule'),
    scheduleStart: str(o, 'scheduleStart', 'profiles.schedule'),
    durationS: num(o, 'durationS', 'profiles.schedule'),
    unit: str(o, 'unit', 'profiles.schedule'),
    periods: arr(o.periods, 'profiles.schedule.periods').map((v, i) => {
      const w = `profiles.schedule.periods[${i}]`;
      const p = obj(v, w);
      const phases = optNum(p, 'numberPhases', w);
      return { startPeriod: num(p, 'startPeriod', w), limit: num(p, 'limit', w), ...(phases !== undefined ? { numberPhases: phases } : {}) };
    }),
  };
}

const hms = (s: number) => {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${sec ? `${String(sec).padStart(2, '0')}s` : ''}` : `${sec}s`;
};

export function renderSchedule(result: unknown): string {
  const c = readSchedule(result);
  const start = Date.parse(c.scheduleStart);
  const who = c.evse === 0 ? 'Station (EVSE 0, total)' : `EVSE ${c.evse}`;
  const rows = c.periods.map((p, i) => {
    const end = c.periods[i + 1]?.startPeriod ?? c.durationS;
    return [`+${hms(p.startPeriod)}`, new Date(start + p.startPeriod * 1000).toISOString().replace('.000Z', 'Z'), hms(end - p.startPeriod), String(p.limit), p.numberPhases === undefined ? '-' : String(p.numberPhases)];
  });
  const table = formatTable(['FROM', 'AT', 'FOR', `LIMIT ${c.unit}`, 'PHASES'], rows);
  return `${who}: composite schedule from ${c.scheduleStart} for ${hms(c.durationS)}\n\n${table}\n\n${chart(c.periods, c.durationS, c.unit)}`;
}

/** Limit over time: WIDTH columns of time, HEIGHT rows of limit, '#' up to the limit of each column's start. */
export function chart(periods: readonly Period[], durationS: number, unit: string, width = 60, height = 8): string {
  if (periods.length === 0) return '';
  const top = Math.max(...periods.map((p) => p.limit));
  const at = (t: number) => {
    let v = periods[0]!.limit;
    for (const p of periods) if (p.startPeriod <= t) v = p.limit;
    return v;
  };
  const cols = Array.from({ length: width }, (_, i) => at((i * durationS) / width));
  const label = (v: number) => `${Number(v.toFixed(1))} ${unit}`;
  const pad = Math.max(label(top).length, label(0).length);
  const lines: string[] = [];
  for (let r = height; r >= 1; r--) {
    const threshold = top === 0 ? Infinity : (top * (r - 0.5)) / height;
    const y = r === height ? label(top) : r === 1 ? label(0) : '';
    lines.push(`${y.padStart(pad)} |${cols.map((v) => (v >= threshold ? '#' : ' ')).join('')}`.trimEnd());
  }
  lines.push(`${' '.repeat(pad)} +${'-'.repeat(width)}`);
  const end = `+${hms(durationS)}`;
  lines.push(`${' '.repeat(pad)}  0${' '.repeat(Math.max(1, width - 1 - end.length))}${end}`);
  return `${lines.join('\n')}\n`;
}
