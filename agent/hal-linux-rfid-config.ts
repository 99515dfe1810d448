/**
 * The cross-field rules of `hal.readers` and `evses[].freeVend` that the schema cannot say. Kept apart from the
 * drivers (agent/hal-linux-rfid.ts) because the config loader imports it for every station, simulated ones too.
 */
import type { ConfigProblem } from './config/error.js';
import type { UidFormat } from '../hal/linux/rfid/id-tag.js';

export type RfidReaderConfig =
  | { type: 'pn532'; evse: number; port: string; baudRate?: number; pollIntervalMs?: number; responseTimeoutMs?: number; removeAfterMs?: number; uidFormat?: UidFormat }
  | { type: 'keyboard'; evse: number; device: string; evtest?: string; tagTimeoutMs?: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readerProblems(raw: Record<string, unknown>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const hal = isObject(raw.hal) ? raw.hal : null;
  const readers = hal && Array.isArray(hal.readers) ? (hal.readers as unknown[]) : [];
  const evses = Array.isArray(raw.evses) ? raw.evses.filter(isObject) : [];
  const evseIds = evses.map((e) => e.id).filter((id): id is number => typeof id === 'number');
  if (readers.length > 0 && hal?.driver !== 'linux') {
    problems.push({ field: '/hal/readers', value: readers.length, rule: 'readers are drivers of a real board (hal.driver "linux"); a simulated station has a reader per EVSE (chargerctl sim tag)' });
  }
  const byEvse = new Map<number, number>();
  const byLine = new Map<string, number>();
  readers.forEach((r, i) => {
    if (!isObject(r)) return;
    if (typeof r.evse === 'number') {
      if (!evseIds.includes(r.evse)) problems.push({ field: `/hal/readers/${i}/evse`, value: r.evse, rule: `no such EVSE (the config's evses are [${evseIds.join(', ')}])` });
      const other = byEvse.get(r.evse);
      if (other !== undefined) problems.push({ field: `/hal/readers/${i}/evse`, value: r.evse, rule: `EVSE ${r.evse} already has a reader (/hal/readers/${other}); one reader per EVSE` });
      else byEvse.set(r.evse, i);
    }
    const key = r.type === 'pn532' ? 'port' : r.type === 'keyboard' ? 'device' : null;
    const line = key ? r[key] : undefined;
    if (key && typeof line === 'string') {
      const other = byLine.get(line);
      if (other !== undefined) problems.push({ field: `/hal/readers/${i}/${key}`, value: line, rule: `${line} is already the ${key} of /hal/readers/${other}` });
      else byLine.set(line, i);
    }
  });
  evses.forEach((e, i) => {
    if (typeof e.freeVend !== 'string' || typeof e.id !== 'number') return;
    const reader = byEvse.get(e.id);
    if (reader !== undefined) problems.push({ field: `/evses/${i}/freeVend`, value: e.freeVend, rule: `EVSE ${e.id} has a reader (/hal/readers/${reader}); freeVend is for an EVSE without one` });
  });
  return problems;
}
