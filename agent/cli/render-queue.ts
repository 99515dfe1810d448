/** Readable output of the queue.* and tx.* methods (agent/control/handlers-queue.ts). */
import type { DeadRow, QueueRow, TxRow } from '../control/handlers-queue.js';
import { ReplyShapeError } from './errors.js';
import { arr, bool, num, obj, optNum, optStr, str } from './shape.js';
import { formatFields, formatTable } from './table.js';

// The reply shapes are the agent's own types; the readers below still check every field, because the agent
// on the other end of the socket may be another version.
type QueueRowView = QueueRow;
type DeadRowView = DeadRow;
type TxView = TxRow;

/** A CSMS transaction id: text from this agent; a number from an agent older than the version-neutral store. */
export function optCsmsId(o: Record<string, unknown>, key: string, where: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw new ReplyShapeError(`${where}.${key} is not a transaction id (string)`);
  return v;
}

const nullable = <T>(o: Record<string, unknown>, key: string, read: (o: Record<string, unknown>, k: string, w: string) => T | undefined, where: string): T | null =>
  read(o, key, where) ?? null;

function readQueueRow(v: unknown, where: string): QueueRowView {
  const o = obj(v, where);
  return {
    seq: num(o, 'seq', where),
    kind: str(o, 'kind', where),
    action: str(o, 'action', where),
    txLocalId: nullable(o, 'txLocalId', optStr, where),
    csmsId: nullable(o, 'csmsId', optCsmsId, where),
    // An older agent does not say: its messages are all of the one version it runs.
    ocppVersion: optStr(o, 'ocppVersion', where) ?? '',
    attempts: num(o, 'attempts', where),
    createdAt: str(o, 'createdAt', where),
    notBefore: nullable(o, 'notBefore', optStr, where),
  };
}

function readDeadRow(v: unknown, where: string): DeadRowView {
  const o = obj(v, where);
  return { ...readQueueRow(o, where), deadAt: str(o, 'deadAt', where), reason: str(o, 'reason', where) };
}

function readTx(v: unknown, where: string): TxView {
  const o = obj(v, where);
  return {
    localId: str(o, 'localId', where),
    csmsId: nullable(o, 'csmsId', optCsmsId, where),
    evseId: num(o, 'evseId', where),
    idTag: str(o, 'idTag', where),
    stopIdTag: nullable(o, 'stopIdTag', optStr, where),
    authStatus: nullable(o, 'authStatus', optStr, where),
    startedAt: str(o, 'startedAt', where),
    stoppedAt: nullable(o, 'stoppedAt', optStr, where),
    meterStartWh: num(o, 'meterStartWh', where),
    lastMeterWh: num(o, 'lastMeterWh', where),
    lastMeterAt: str(o, 'lastMeterAt', where),
    meterStopWh: nullable(o, 'meterStopWh', optNum, where),
    energyWh: num(o, 'energyWh', where),
    stopReason: nullable(o, 'stopReason', optStr, where),
    startState: str(o, 'startState', where),
    stopState: nullable(o, 'stopState', optStr, where),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How `status` and `tx list` name a transaction: the CSMS id once known, else the local id `tx show` takes. */
export function txName(csmsId: string | null, localId: string | null): string {
  if (csmsId !== null) return csmsId;
  return localId === null ? '-' : `local:${localId}`;
}

/**
 * The OCPP version of listed messages. All of one version (the usual case): a note says which. Of several (the
 * station's version was switched): an OCPP column after ACTION, and a note that only the running version's go.
 */
function versions(rows: readonly QueueRowView[]): { mixed: boolean; note: string } {
  const known = [...new Set(rows.map((r) => r.ocppVersion))].filter((x) => x !== '');
  if (known.length === 0) return { mixed: false, note: '' };
  if (known.length === 1 && rows.every((r) => r.ocppVersion !== '')) return { mixed: false, note: `OCPP ${known[0]} messages.\n` };
  return { mixed: true, note: `Messages of ${known.map((x) => `OCPP ${x}`).join(', ')}: only those of the station's OCPP version are sent; the others wait for it to run that version again.\n` };
}

/** The OCPP column goes right after ACTION. */
function withVersion(cells: string[], version: string, mixed: boolean, actionAt: number): string[] {
  if (!mixed) return cells;
  return [...cells.slice(0, actionAt + 1), version === '' ? '-' : version, ...cells.slice(actionAt + 1)];
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h": how long a technician reads an age. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** A meter reading in Wh, at most 3 decimals (meters report fractions; more digits are noise here). */
function wh(n: number): string {
  return String(Number(n.toFixed(3)));
}

/** Wh as kWh with Wh resolution (what a bill shows). */
export function kWh(wh: number): string {
  return (wh / 1000).toFixed(3);
}

export function renderQueueStats(result: unknown): string {
  const o = obj(result, 'queue.stats');
  const depth = num(o, 'depth', 'queue.stats');
  const oldest = optStr(o, 'oldestCreatedAt', 'queue.stats');
  const age = optNum(o, 'oldestAgeS', 'queue.stats');
  const dead = num(o, 'deadLetters', 'queue.stats');
  const thinned = num(o, 'thinned', 'queue.stats');
  const sender = obj(o.sender, 'queue.stats.sender');
  const online = bool(sender, 'online', 'queue.stats.sender');
  const delivered = num(sender, 'delivered', 'queue.stats.sender');
  const waiting = depth === 0 ? 'empty' : `${plural(depth, 'message')} waiting`;
  const fields: [string, string][] = [
    ['Queue', waiting],
    ['Oldest', oldest === undefined ? '-' : `${oldest}${age === undefined ? '' : ` (${formatAge(age)} ago)`}`],
    ['Dead letters', dead === 0 ? '0' : `${dead}  (chargerctl queue dead; queue retry sends them again)`],
    ['Thinned', `${thinned} intermediate MeterValues removed by the queue cap`],
    ['Sender', `${online ? 'online' : 'offline (waits for the CSMS connection)'}, ${delivered} delivered since start`],
  ];
  return `${formatFields(fields)}\n`;
}

export function renderQueueList(result: unknown): string {
  const o = obj(result, 'queue.list');
  const depth = num(o, 'depth', 'queue.list');
  const rows = arr(o.messages, 'queue.list.messages').map((m, i) => readQueueRow(m, `queue.list.messages[${i}]`));
  if (rows.length === 0) return 'Queue is empty.\n';
  const v = versions(rows);
  const table = formatTable(
    withVersion(['SEQ', 'KIND', 'ACTION', 'TRANSACTION', 'ATTEMPTS', 'CREATED', 'NEXT TRY'], 'OCPP', v.mixed, 2),
    rows.map((r) => withVersion([String(r.seq), r.kind, r.action, txName(r.csmsId, r.txLocalId), String(r.attempts), r.createdAt, r.notBefore ?? 'now'], r.ocppVersion, v.mixed, 2)),
  );
  const more = depth > rows.length ? `showing the first ${rows.length} of ${depth} queued messages (--limit N for more)\n` : '';
  return `${table}\n${v.note}${more}`;
}

export function renderQueueDead(result: unknown): string {
  const o = obj(result, 'queue.dead');
  const total = num(o, 'total', 'queue.dead');
  const rows = arr(o.messages, 'queue.dead.messages').map((m, i) => readDeadRow(m, `queue.dead.messages[${i}]`));
  if (total === 0) return 'No dead letters.\n';
  const v = versions(rows);
  const table = formatTable(
    withVersion(['SEQ', 'ACTION', 'TRANSACTION', 'CREATED', 'DEAD SINCE', 'REASON'], 'OCPP', v.mixed, 1),
    rows.map((r) => withVersion([String(r.seq), r.action, txName(r.csmsId, r.txLocalId), r.createdAt, r.deadAt, r.reason], r.ocppVersion, v.mixed, 1)),
  );
  const shown = total > rows.length ? `showing ${rows.length} of ${total} dead letters (--limit N for more). ` : `${plural(total, 'dead letter')}. `;
  return `${table}\n${v.note}${shown}'chargerctl queue retry' sends them again; 'chargerctl queue export dead --out FILE' saves them for the CSMS operator.\n`;
}

export function renderQueueRetry(result: unknown): string {
  const o = obj(result, 'queue.retry');
  const retried = num(o, 'retried', 'queue.retry');
  const depth = num(o, 'depth', 'queue.retry');
  const online = bool(o, 'online', 'queue.retry');
  if (retried === 0) return 'No dead letters to retry.\n';
  const when = online ? 'sending now' : 'they go out when the CSMS connection is back';
  return `${plural(retried, 'dead letter')} moved back to the end of the queue (${depth} waiting); ${when}.\n`;
}

/** The export itself: JSON, whatever the options, since it is meant for another program. */
export function renderExport(result: unknown): string {
  obj(result, 'queue.export');
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** What `queue export --out FILE` did. */
export interface ExportWritten {
  file: string;
  bytes: number;
  what: string;
  queued: number;
  deadLetters: number;
  transactions: number;
}

/** Count what an export holds, checking its shape before it is written anywhere. */
export function summariseExport(result: unknown): Omit<ExportWritten, 'file' | 'bytes'> {
  const o = obj(result, 'queue.export');
  const what = str(o, 'what', 'queue.export');
  const count = (key: string) => (o[key] === undefined ? 0 : arr(o[key], `queue.export.${key}`).length);
  if (what !== 'dead' && o.queue === undefined) throw new ReplyShapeError('queue.export.queue is missing');
  if (what !== 'queue' && o.deadLetters === undefined) throw new ReplyShapeError('queue.export.deadLetters is missing');
  return { what, queued: count('queue'), deadLetters: count('deadLetters'), transactions: count('transactions') };
}

export function renderExportWritten(result: unknown): string {
  const o = obj(result, 'export');
  const parts: string[] = [];
  const what = str(o, 'what', 'export');
  if (what !== 'queue') parts.push(plural(num(o, 'deadLetters', 'export'), 'dead letter'));
  if (what !== 'dead') parts.push(plural(num(o, 'queued', 'export'), 'queued message'));
  const tx = plural(num(o, 'transactions', 'export'), 'transaction');
  return `Wrote ${parts.join(' and ')} (${tx} from the journal) to ${str(o, 'file', 'export')} (${num(o, 'bytes', 'export')} bytes).\n`;
}

function sendState(state: string | null): string {
  return state ?? '-';
}

export function renderTxList(result: unknown): string {
  const o = obj(result, 'tx.list');
  const txs = arr(o.transactions, 'tx.list.transactions').map((t, i) => readTx(t, `tx.list.transactions[${i}]`));
  if (txs.length === 0) return 'No transactions.\n';
  const table = formatTable(
    ['TRANSACTION', 'EVSE', 'ID TAG', 'STARTED', 'STOPPED', 'ENERGY kWh', 'REASON', 'START MSG', 'STOP MSG'],
    txs.map((t) => [
      txName(t.csmsId, t.localId),
      String(t.evseId),
      t.idTag,
      t.startedAt,
      t.stoppedAt ?? 'running',
      kWh(t.energyWh),
      t.stopReason ?? '-',
      t.startState,
      sendState(t.stopState),
    ]),
  );
  const note = txs.some((t) => t.csmsId === null) ? 'local:ID = not yet confirmed by the CSMS; chargerctl tx show takes either form\n' : '';
  return `${table}\n${note}`;
}

/** The journal's stop reason beside the one in StopTransaction: 1.6 has no reason for a fault (Other). */
function stopReasons(journal: string | null, csms: string | null, from: string | null): [string, string] {
  const sent = csms === null ? 'unknown (older agent)' : `${csms}${from === 'message' ? ' (in the queued stop message)' : ''}`;
  const differ = csms !== null && journal !== null && csms !== journal ? '  (differs: the OCPP 1.6 reason list is shorter)' : '';
  return ['Stop reason', `journal ${journal ?? '-'}  sent to CSMS ${sent}${differ}`];
}

export function renderTxShow(result: unknown): string {
  const o = obj(result, 'tx.show');
  const t = readTx(o.transaction, 'tx.show.transaction');
  const to = obj(o.transaction, 'tx.show.transaction');
  const csmsReason = nullable(to, 'csmsStopReason', optStr, 'tx.show.transaction');
  const csmsFrom = nullable(to, 'csmsStopReasonFrom', optStr, 'tx.show.transaction');
  const queued = arr(o.queued, 'tx.show.queued').map((m, i) => readQueueRow(m, `tx.show.queued[${i}]`));
  const dead = arr(o.deadLetters, 'tx.show.deadLetters').map((m, i) => readDeadRow(m, `tx.show.deadLetters[${i}]`));
  const fields: [string, string][] = [
    ['Transaction', t.csmsId === null ? 'not yet confirmed by the CSMS' : String(t.csmsId)],
    ['Local id', t.localId],
    ['EVSE', String(t.evseId)],
    ['ID tag', `${t.idTag}${t.authStatus ? ` (${t.authStatus})` : ''}`],
    ['Started', `${t.startedAt}  meter ${wh(t.meterStartWh)} Wh`],
    t.stoppedAt === null
      ? ['Stopped', `running; last reading ${wh(t.lastMeterWh)} Wh at ${t.lastMeterAt}`]
      : ['Stopped', `${t.stoppedAt}  meter ${wh(t.meterStopWh ?? t.lastMeterWh)} Wh  reason ${t.stopReason ?? '-'}${t.stopIdTag ? `  by ${t.stopIdTag}` : ''}`],
    ...(t.stoppedAt === null ? [] : [stopReasons(t.stopReason, csmsReason, csmsFrom)]),
    ['Energy', `${kWh(t.energyWh)} kWh (${wh(t.energyWh)} Wh)${t.stoppedAt === null ? ' so far' : ''}`],
    ['Start message', t.startState],
    ['Stop message', t.stopState ?? (t.stoppedAt === null ? '-' : 'not queued')],
    ['Queued', queued.length === 0 ? 'nothing' : plural(queued.length, 'message')],
    ['Dead letters', String(dead.length)],
  ];
  let out = `${formatFields(fields)}\n`;
  if (queued.length > 0) {
    out += `\nQueued messages:\n${formatTable(
      ['SEQ', 'ACTION', 'ATTEMPTS', 'CREATED', 'NEXT TRY'],
      queued.map((m) => [String(m.seq), m.action, String(m.attempts), m.createdAt, m.notBefore ?? 'now']),
    )}\n`;
  }
  if (dead.length > 0) {
    out += `\nDead letters:\n${formatTable(
      ['SEQ', 'ACTION', 'CREATED', 'DEAD SINCE', 'REASON'],
      dead.map((m) => [String(m.seq), m.action, m.createdAt, m.deadAt, m.reason]),
    )}\n`;
  }
  return out;
}
