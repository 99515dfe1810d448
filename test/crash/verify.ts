/**
 * What "never lose a transaction" means, checked on what a CSMS received (in arrival order) and the station's
 * journal after the crash rounds. Pure: the crash test feeds it a real run, verify.test.ts feeds it broken
 * histories to show each rule can fail.
 *
 * Exact rules (any breach is a violation):
 * - one StartTransaction per transaction (per idTag: every session of the run has a unique one) and one
 *   StopTransaction per transaction id; every start has its stop; no message names an unknown transaction
 *   (or -1: no StartTransaction is ever dead-lettered here);
 * - a transaction's MeterValues arrive after its start and before its stop, on its connector, with energy and
 *   time rising from meterStart/start time to meterStop/stop time; the same for the stop's transactionData;
 * - on each connector transactions do not overlap and the meter never goes back from one to the next;
 * - messages arrive in the order they happened (a power-loss stop, queued at the next start-up, excepted);
 * - the journal has every transaction, stopped, confirmed, with the CSMS id and the meter values the CSMS got;
 *   the queue is empty and has no dead letters.
 *
 * Repeats: a message identical to one received before is the same queued message delivered again. That is
 * legitimate in one window only: the CSMS received it, the answer was lost because the connection dropped or the
 * process died, so the station still had it at the head of its queue. Such a copy must therefore be the first
 * transaction message after a connection loss that came after the original; it is counted, and any other repeat
 * is a violation. Repeats never change anything: a second *different* StopTransaction for a transaction is a
 * violation.
 */
import type { CsmsRecord } from '../../agent/demo/csms.js';

export const TX_ACTIONS = ['StartTransaction', 'MeterValues', 'StopTransaction'] as const;

export interface VerifyInput {
  /** Everything the CSMS recorded, in order. */
  records: readonly CsmsRecord[];
  identity: string;
  /** csms.records.length each time the station's connection closed (kill or drop), in order. */
  losses: readonly number[];
  /** The journal (tx.list rows) after the run. */
  journal: readonly JournalRow[];
  queue: { depth: number; deadLetters: number };
  /** Schema failures ocpp-rpc (strict mode) saw. */
  validationFailures?: readonly unknown[];
}

export interface JournalRow {
  localId: string;
  /** The journal's text ("77"); a number from an agent older than the version-neutral store. */
  csmsId: string | number | null;
  evseId: number;
  idTag: string;
  meterStartWh: number;
  meterStopWh: number | null;
  stoppedAt: string | null;
  stopState: string | null;
}

export interface Findings {
  violations: string[];
  transactions: number;
  meterValues: number;
  powerLossStops: number;
  /** Extra deliveries of an identical message, by action. */
  repeats: Record<(typeof TX_ACTIONS)[number], number>;
  /** Each legitimate repeat with the loss (index into `losses` of the input) that explains it. */
  repeatCauses: { action: string; loss: number }[];
}

/** How far (ms) a later event may be stamped before an earlier one: the station adopts the CSMS's clock at boot. */
export const CLOCK_TOLERANCE_MS = 50;

interface Tx {
  idTag: string;
  id: number;
  start: any;
  startAt: number;
  stop?: any;
  stopAt?: number;
  meters: { payload: any; at: number }[];
}

const energyOf = (mv: any): number | null => {
  const sv = mv.sampledValue.find((v: any) => (v.measurand ?? 'Energy.Active.Import.Register') === 'Energy.Active.Import.Register');
  return sv ? Number(sv.value) : null;
};

export function verify(input: VerifyInput): Findings {
  const v: string[] = [];
  const repeats = { StartTransaction: 0, MeterValues: 0, StopTransaction: 0 };
  const results = new Map<string, any>();
  const calls: { rec: CsmsRecord; index: number }[] = [];
  input.records.forEach((rec, index) => {
    if (rec.identity !== input.identity || rec.dir !== 'in') return;
    if (rec.kind === 'result') results.set(rec.messageId, rec.payload);
    else if (rec.kind === 'call' && (TX_ACTIONS as readonly string[]).includes(rec.action)) calls.push({ rec, index });
  });

  // Repeats first: after this, `distinct` holds every message once, at its first arrival.
  const firstCopy = new Map<string, { rec: CsmsRecord; index: number }>();
  const distinct: { rec: CsmsRecord; index: number }[] = [];
  const losses = input.losses;
  const repeatCauses: Findings['repeatCauses'] = [];
  for (const c of calls) {
    const key = `${c.rec.action} ${JSON.stringify(c.rec.payload)}`;
    const first = firstCopy.get(key);
    if (!first) {
      firstCopy.set(key, c);
      distinct.push(c);
      continue;
    }
    repeats[c.rec.action as keyof typeof repeats]++;
    let lossAt = -1;
    losses.forEach((l, i) => {
      if (l <= c.index && (lossAt < 0 || l >= losses[lossAt]!)) lossAt = i;
    });
    const loss = lossAt < 0 ? undefined : losses[lossAt]!;
    const firstAfterLoss = loss === undefined ? undefined : calls.find((x) => x.index >= loss);
    if (loss === undefined || first.index >= loss || firstAfterLoss !== c) {
      v.push(`${c.rec.action} delivered again (record ${c.index}, first at ${first.index}) without a lost answer in between: ${JSON.stringify(c.rec.payload)}`);
    } else repeatCauses.push({ action: c.rec.action, loss: lossAt });
    if (c.rec.action === 'StartTransaction') {
      const a = results.get(first.rec.messageId)?.transactionId;
      const b = results.get(c.rec.messageId)?.transactionId;
      if (a !== undefined && b !== undefined && a !== b) v.push(`the CSMS gave one StartTransaction two ids (${a}, ${b}): it did not deduplicate`);
    }
  }

  const byTag = new Map<string, Tx>();
  const byId = new Map<number, Tx>();
  let powerLossStops = 0;
  let meterValues = 0;
  for (const { rec, index } of distinct) {
    const p = rec.payload as any;
    if (rec.action === 'StartTransaction') {
      if (byTag.has(p.idTag)) {
        v.push(`two different StartTransaction for ${p.idTag}: ${JSON.stringify(byTag.get(p.idTag)!.start)} and ${JSON.stringify(p)}`);
        continue;
      }
      const copies = calls.filter((c) => c.rec.action === 'StartTransaction' && JSON.stringify(c.rec.payload) === JSON.stringify(p));
      const id = copies.map((c) => results.get(c.rec.messageId)?.transactionId).find((x) => typeof x === 'number');
      if (id === undefined) {
        v.push(`StartTransaction for ${p.idTag} was never answered`);
        continue;
      }
      if (byId.has(id)) v.push(`transaction id ${id} given twice`);
      const tx: Tx = { idTag: p.idTag, id, start: p, startAt: index, meters: [] };
      byTag.set(p.idTag, tx);
      byId.set(id, tx);
      continue;
    }
    const tx = byId.get(p.transactionId);
    if (!tx) {
      v.push(`${rec.action} for unknown transaction ${p.transactionId}: ${JSON.stringify(p)}`);
      continue;
    }
    if (rec.action === 'StopTransaction') {
      if (tx.stop) {
        v.push(`a second, different StopTransaction for transaction ${tx.id}: ${JSON.stringify(tx.stop)} then ${JSON.stringify(p)}`);
        continue;
      }
      tx.stop = p;
      tx.stopAt = index;
      if (p.reason === 'PowerLoss') powerLossStops++;
    } else {
      meterValues++;
      if (tx.stop) v.push(`MeterValues of transaction ${tx.id} after its StopTransaction: ${JSON.stringify(p)}`);
      if (p.connectorId !== tx.start.connectorId) v.push(`MeterValues of transaction ${tx.id} on connector ${p.connectorId}, started on ${tx.start.connectorId}`);
      tx.meters.push({ payload: p, at: index });
    }
  }

  for (const tx of byTag.values()) checkTransaction(tx, v);
  checkConnectors([...byTag.values()], v);
  checkOrder(distinct, v);
  checkJournal(input.journal, byTag, v);
  if (input.queue.depth !== 0) v.push(`queue not drained: ${input.queue.depth} messages left`);
  if (input.queue.deadLetters !== 0) v.push(`${input.queue.deadLetters} dead letters`);
  for (const f of input.validationFailures ?? []) v.push(`schema validation failure at the CSMS: ${JSON.stringify(f)}`);
  return { violations: v, transactions: byTag.size, meterValues, powerLossStops, repeats, repeatCauses };
}

function checkTransaction(tx: Tx, v: string[]): void {
  const name = `transaction ${tx.id} (${tx.idTag})`;
  if (!tx.stop) {
    v.push(`${name} has no StopTransaction`);
    return;
  }
  const startWh = tx.start.meterStart as number;
  const stopWh = tx.stop.meterStop as number;
  const startT = Date.parse(tx.start.timestamp);
  const stopT = Date.parse(tx.stop.timestamp);
  if (stopWh < startWh) v.push(`${name}: meterStop ${stopWh} < meterStart ${startWh}`);
  if (stopT < startT) v.push(`${name}: stopped ${tx.stop.timestamp} before it started ${tx.start.timestamp}`);
  const series = (values: any[], what: string) => {
    let lastWh = startWh;
    let lastT = startT;
    for (const mv of values) {
      const wh = energyOf(mv);
      const t = Date.parse(mv.timestamp);
      if (wh !== null) {
        if (wh < lastWh) v.push(`${name}: ${what} energy fell from ${lastWh} to ${wh} at ${mv.timestamp}`);
        if (wh > stopWh) v.push(`${name}: ${what} energy ${wh} above meterStop ${stopWh}`);
        lastWh = Math.max(lastWh, wh);
      }
      if (t < lastT) v.push(`${name}: ${what} sample at ${mv.timestamp} is earlier than the previous one or the start`);
      if (t > stopT) v.push(`${name}: ${what} sample at ${mv.timestamp} is after the stop ${tx.stop.timestamp}`);
      lastT = Math.max(lastT, t);
    }
  };
  series(tx.meters.flatMap((m) => m.payload.meterValue), 'MeterValues');
  series(tx.stop.transactionData ?? [], 'transactionData');
}

function checkConnectors(txs: Tx[], v: string[]): void {
  const byConnector = new Map<number, Tx[]>();
  for (const tx of txs) {
    if (!tx.stop) continue;
    const list = byConnector.get(tx.start.connectorId) ?? [];
    list.push(tx);
    byConnector.set(tx.start.connectorId, list);
  }
  for (const [connector, list] of byConnector) {
    list.sort((a, b) => Date.parse(a.start.timestamp) - Date.parse(b.start.timestamp));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const next = list[i]!;
      if (Date.parse(next.start.timestamp) < Date.parse(prev.stop.timestamp)) {
        v.push(`connector ${connector}: transaction ${next.id} started ${next.start.timestamp} before ${prev.id} stopped ${prev.stop.timestamp}`);
      }
      if (next.start.meterStart < prev.stop.meterStop) {
        v.push(`connector ${connector}: meter went back from ${prev.stop.meterStop} (stop of ${prev.id}) to ${next.start.meterStart} (start of ${next.id})`);
      }
    }
  }
}

function checkOrder(distinct: { rec: CsmsRecord }[], v: string[]): void {
  let latest = -Infinity;
  let latestWhat = '';
  for (const { rec } of distinct) {
    const p = rec.payload as any;
    // Known only at the next start-up, it is queued behind whatever the other EVSE queued before the crash.
    if (rec.action === 'StopTransaction' && p.reason === 'PowerLoss') continue;
    const at = Date.parse(rec.action === 'MeterValues' ? p.meterValue[0].timestamp : p.timestamp);
    if (at < latest - CLOCK_TOLERANCE_MS) v.push(`${rec.action} of ${new Date(at).toISOString()} arrived after ${latestWhat}: not in the order things happened`);
    if (at > latest) {
      latest = at;
      latestWhat = `${rec.action} of ${new Date(at).toISOString()}`;
    }
  }
}

function checkJournal(journal: readonly JournalRow[], byTag: Map<string, Tx>, v: string[]): void {
  const seen = new Set<string>();
  for (const row of journal) {
    const name = `journal transaction ${row.localId} (${row.idTag})`;
    if (seen.has(row.idTag)) v.push(`two journal transactions for ${row.idTag}`);
    seen.add(row.idTag);
    const tx = byTag.get(row.idTag);
    if (!tx) {
      v.push(`${name} never reached the CSMS: lost`);
      continue;
    }
    if (row.csmsId === null || String(row.csmsId) !== String(tx.id)) v.push(`${name}: CSMS id ${row.csmsId} in the journal, ${tx.id} at the CSMS`);
    if (row.stoppedAt === null) v.push(`${name} is not stopped`);
    if (row.stopState !== 'confirmed') v.push(`${name}: stop state ${row.stopState}`);
    if (row.evseId !== tx.start.connectorId) v.push(`${name}: EVSE ${row.evseId}, the CSMS has connector ${tx.start.connectorId}`);
    if (Math.round(row.meterStartWh) !== tx.start.meterStart) v.push(`${name}: meterStart ${row.meterStartWh} in the journal, ${tx.start.meterStart} at the CSMS`);
    if (tx.stop && (row.meterStopWh === null || Math.round(row.meterStopWh) !== tx.stop.meterStop)) {
      v.push(`${name}: meterStop ${row.meterStopWh} in the journal, ${tx.stop.meterStop} at the CSMS`);
    }
  }
  for (const tag of byTag.keys()) if (!seen.has(tag)) v.push(`transaction of ${tag} at the CSMS is not in the journal`);
}
