import { arr, bool, num, obj, optNum, optStr, str } from './shape.js';
import { optCsmsId } from './render-queue.js';
import { formatFields, formatTable } from './table.js';

/** The `status` method's result, as chargerctl reads it. */
export interface StatusResult {
  chargePointId: string;
  ocppVersion: string;
  connection: {
    state: string;
    url: string;
    since?: string;
    /** Reconnect state (agents from this version on). */
    lastFailure?: { reason: string; at: string } | null;
    failedAttempts?: number;
    nextRetryAt?: string | null;
  };
  registration: string;
  /** Set when the board runs on stand-ins (hal.dryRun): nothing real is switched. */
  dryRun?: string;
  evses: EvseStatus[];
  queue: { depth: number; deadLetters?: number };
}

export interface EvseStatus {
  id: number;
  status: string;
  errorCode: string;
  pilotState: string;
  relayClosed: boolean;
  offeredCurrentA: number;
  powerW?: number;
  energyWh?: number;
  /** The effective limit and what sets it (evse, cable, external, site, profile); agents from issue 10 on. */
  limitA?: number;
  limitSource?: string;
  limitProfileId?: number;
  transaction: null | { localId: string; csmsId: string | null; idTag: string; startedAt: string; energyWh: number };
  /** Agents from the Reservation profile on. */
  reservation?: { id: number; idTag: string; expiryDate: string } | null;
}

export function readStatus(v: unknown): StatusResult {
  const o = obj(v, 'status');
  const c = obj(o.connection, 'status.connection');
  const q = obj(o.queue, 'status.queue');
  const since = optStr(c, 'since', 'status.connection');
  const lf = c.lastFailure === null || c.lastFailure === undefined ? null : obj(c.lastFailure, 'status.connection.lastFailure');
  const lastFailure = lf ? { reason: str(lf, 'reason', 'status.connection.lastFailure'), at: str(lf, 'at', 'status.connection.lastFailure') } : null;
  const failedAttempts = optNum(c, 'failedAttempts', 'status.connection');
  const nextRetryAt = optStr(c, 'nextRetryAt', 'status.connection') ?? null;
  const deadLetters = optNum(q, 'deadLetters', 'status.queue');
  const dryRun = optStr(o, 'dryRun', 'status');
  return {
    chargePointId: str(o, 'chargePointId', 'status'),
    ocppVersion: str(o, 'ocppVersion', 'status'),
    connection: {
      state: str(c, 'state', 'status.connection'),
      url: str(c, 'url', 'status.connection'),
      ...(since !== undefined ? { since } : {}),
      lastFailure,
      ...(failedAttempts !== undefined ? { failedAttempts } : {}),
      nextRetryAt,
    },
    registration: str(o, 'registration', 'status'),
    ...(dryRun !== undefined ? { dryRun } : {}),
    evses: arr(o.evses, 'status.evses').map((e, i) => readEvse(e, `status.evses[${i}]`)),
    queue: { depth: num(q, 'depth', 'status.queue'), ...(deadLetters !== undefined ? { deadLetters } : {}) },
  };
}

function readEvse(v: unknown, where: string): EvseStatus {
  const e = obj(v, where);
  const powerW = optNum(e, 'powerW', where);
  const energyWh = optNum(e, 'energyWh', where);
  const limitA = optNum(e, 'limitA', where);
  const limitSource = optStr(e, 'limitSource', where);
  const limitProfileId = optNum(e, 'limitProfileId', where);
  let transaction: EvseStatus['transaction'] = null;
  if (e.transaction !== null && e.transaction !== undefined) {
    const tw = `${where}.transaction`;
    const t = obj(e.transaction, tw);
    const csmsId = optCsmsId(t, 'csmsId', tw) ?? null;
    transaction = { localId: str(t, 'localId', tw), csmsId, idTag: str(t, 'idTag', tw), startedAt: str(t, 'startedAt', tw), energyWh: num(t, 'energyWh', tw) };
  }
  let reservation: EvseStatus['reservation'] = null;
  if (e.reservation !== null && e.reservation !== undefined) {
    const rw = `${where}.reservation`;
    const r = obj(e.reservation, rw);
    reservation = { id: num(r, 'id', rw), idTag: str(r, 'idTag', rw), expiryDate: str(r, 'expiryDate', rw) };
  }
  return {
    id: num(e, 'id', where),
    status: str(e, 'status', where),
    errorCode: str(e, 'errorCode', where),
    pilotState: str(e, 'pilotState', where),
    relayClosed: bool(e, 'relayClosed', where),
    offeredCurrentA: num(e, 'offeredCurrentA', where),
    ...(powerW !== undefined ? { powerW } : {}),
    ...(energyWh !== undefined ? { energyWh } : {}),
    ...(limitA !== undefined ? { limitA } : {}),
    ...(limitSource !== undefined ? { limitSource } : {}),
    ...(limitProfileId !== undefined ? { limitProfileId } : {}),
    transaction,
    reservation,
  };
}

export function renderStatus(result: unknown): string {
  const s = readStatus(result);
  const conn = s.connection;
  const queue = s.queue.depth === 0 ? 'empty' : `${s.queue.depth} message${s.queue.depth === 1 ? '' : 's'} waiting`;
  const dead = s.queue.deadLetters ? `, ${s.queue.deadLetters} dead letter${s.queue.deadLetters === 1 ? '' : 's'}` : '';
  const header = formatFields([
    // First, so a technician cannot miss that the board is not really driven.
    ...(s.dryRun ? ([['DRY RUN', s.dryRun]] as [string, string][]) : []),
    ['Charge point', `${s.chargePointId} (OCPP ${s.ocppVersion})`],
    ['Connection', `${conn.state}  ${conn.url}${conn.since ? `  since ${conn.since}` : ''}`],
    ...retryFields(conn),
    ['Registration', s.registration],
    ['Queue', queue + dead],
  ]);
  if (s.evses.length === 0) return `${header}\n\nNo EVSEs configured.\n`;
  const rows = s.evses.map((e) => {
    const t = e.transaction;
    return [
      String(e.id),
      e.status,
      e.errorCode === 'NoError' ? '-' : e.errorCode,
      e.pilotState,
      e.relayClosed ? 'closed' : 'open',
      fixed(e.offeredCurrentA, 1),
      e.powerW === undefined ? '-' : (e.powerW / 1000).toFixed(2),
      t ? (t.csmsId === null ? `local:${t.localId}` : t.csmsId) : '-',
      t ? t.idTag : '-',
      t ? (t.energyWh / 1000).toFixed(3) : '-',
    ];
  });
  const table = formatTable(['EVSE', 'STATUS', 'ERROR', 'PILOT', 'RELAY', 'OFFERED A', 'POWER kW', 'TRANSACTION', 'ID TAG', 'ENERGY kWh'], rows);
  const note = s.evses.some((e) => e.transaction !== null && e.transaction.csmsId === null)
    ? 'local:ID = transaction not yet confirmed by the CSMS (no transactionId yet)\n'
    : '';
  const reserved = s.evses.flatMap((e) => (e.reservation ? [`EVSE ${e.id} reserved for ${e.reservation.idTag} (reservation ${e.reservation.id}) until ${e.reservation.expiryDate}\n`] : [])).join('');
  return `${header}\n\n${table}\n${note}${reserved}${limitNotes(s.evses)}`;
}

/** What holds an EVSE below its own rating, one line each (the table stays as it was for scripts). */
function limitNotes(evses: EvseStatus[]): string {
  const by: Record<string, string> = { cable: 'the cable', external: 'the energy manager', site: 'the site share', failsafe: 'the failsafe limit (CSMS out of reach)' };
  return evses
    .filter((e) => e.limitA !== undefined && e.limitSource !== undefined && e.limitSource !== 'evse')
    .map((e) => {
      const what = e.limitSource === 'profile' ? `profile ${e.limitProfileId ?? '?'}` : (by[e.limitSource!] ?? e.limitSource!);
      const paused = e.limitA! < 6 ? ' (under 6 A: paused)' : '';
      return `EVSE ${e.id}: limited to ${fixed(e.limitA!, 1)} A by ${what}${paused}\n`;
    })
    .join('');
}

/** While not connected: why the last attempt failed, how many failed in a row, when the next one starts. */
function retryFields(conn: StatusResult['connection']): [string, string][] {
  if (conn.state === 'open' || !conn.lastFailure) return [];
  const attempts = conn.failedAttempts ?? 0;
  const next = conn.nextRetryAt ? `next attempt at ${conn.nextRetryAt}` : 'attempt under way';
  return [
    ['Last failure', `${conn.lastFailure.reason}  at ${conn.lastFailure.at}`],
    ['Retrying', `${attempts} failed attempt${attempts === 1 ? '' : 's'} in a row, ${next}`],
  ];
}

/** At most `decimals` decimals, without trailing zeros (32 → "32", 6.25 → "6.3"). */
function fixed(n: number, decimals: number): string {
  return String(Number(n.toFixed(decimals)));
}
