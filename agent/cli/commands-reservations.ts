/** `chargerctl reservations`: the station's reservations (read-only; only the CSMS makes and cancels them). */
import type { CommandSpec } from './command.js';
import { arr, num, obj, optStr, str } from './shape.js';
import { formatTable } from './table.js';
import { expectNoMore } from './validate.js';

export interface ReservationRow {
  id: number;
  evseId: number;
  idTag: string;
  parentIdTag: string | null;
  expiryDate: string;
  /** 2.0.1: a reservation without EVSE for a connector type (agents before it send none). */
  connectorType: string | null;
}

export function readReservations(v: unknown): { time: string; reservations: ReservationRow[] } {
  const o = obj(v, 'reservations');
  const rows = arr(o.reservations, 'reservations.reservations').map((x, i) => {
    const w = `reservations.reservations[${i}]`;
    const r = obj(x, w);
    return { id: num(r, 'id', w), evseId: num(r, 'evseId', w), idTag: str(r, 'idTag', w), parentIdTag: optStr(r, 'parentIdTag', w) ?? null, expiryDate: str(r, 'expiryDate', w), connectorType: optStr(r, 'connectorType', w) ?? null };
  });
  return { time: str(o, 'time', 'reservations'), reservations: rows };
}

export function renderReservations(result: unknown): string {
  const { time, reservations } = readReservations(result);
  if (reservations.length === 0) return 'No reservations.\n';
  const now = Date.parse(time);
  const rows = reservations.map((r) => [
    String(r.id),
    r.evseId !== 0 ? String(r.evseId) : r.connectorType ? `any ${r.connectorType}` : 'any',
    r.idTag,
    r.parentIdTag ?? '-',
    r.expiryDate,
    left(Date.parse(r.expiryDate) - now),
  ]);
  const table = formatTable(['ID', 'EVSE', 'ID TAG', 'PARENT ID TAG', 'EXPIRES', 'LEFT'], rows);
  const anyEvse = reservations.some((r) => r.evseId === 0) ? 'EVSE any = a reservation of the station: one Available EVSE is kept free for it\n' : '';
  return `${table}\n${anyEvse}`;
}

function left(ms: number): string {
  if (!(ms > 0)) return 'expiring';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

const reservations: CommandSpec = {
  path: ['reservations'],
  args: '',
  summary: 'reservations made by the CSMS: id, EVSE (any: the station), id tag and group, expiry',
  method: 'reservations',
  parse(args, _flags, hint) {
    expectNoMore(args, 0, hint);
    return { method: 'reservations', params: {} };
  },
  render: (r) => renderReservations(r),
};

export const RESERVATION_COMMANDS: readonly CommandSpec[] = [reservations];
