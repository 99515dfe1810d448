/**
 * One DemoCsms and one real chargerd process for the offline tests: the CSMS can refuse connections and drop the
 * station's, the process can be killed and restarted on the same data directory with the same options, and the
 * transaction messages the CSMS received can be read back in arrival order.
 */
import { DemoCsms, type CsmsRecord, type DemoCsmsOptions } from '../../../agent/demo/csms.js';
import { StationProcess, type StationOptions } from '../../support/station-process.js';

export type RigStationOptions = Omit<StationOptions, 'csmsUrl' | 'id' | 'dataDir'>;

export const TX_ACTIONS = ['StartTransaction', 'MeterValues', 'StopTransaction'] as const;

export class OfflineRig {
  st: StationProcess;
  /** csms.records.length each time the station's connection closed (drop or kill): answers owed then are lost. */
  readonly drops: number[] = [];

  private constructor(
    readonly csms: DemoCsms,
    readonly id: string,
    private readonly opts: RigStationOptions,
    st: StationProcess,
  ) {
    this.st = st;
    csms.on('disconnected', (identity: string) => {
      if (identity === id) this.drops.push(csms.records.length);
    });
  }

  /**
   * `rebootForKeys`: start once, stop, start again. Some keys (MessageTimeout) are read before the config file's
   * ocppKeys are applied, so they only take effect from the second start on the same database.
   */
  static async create(id: string, station: RigStationOptions = {}, csmsOpts: DemoCsmsOptions = {}, rebootForKeys = false): Promise<OfflineRig> {
    const csms = new DemoCsms(csmsOpts);
    const url = await csms.start();
    const st = new StationProcess({ ...station, csmsUrl: url, id }).start();
    const r = new OfflineRig(csms, id, station, st);
    try {
      await st.ready();
      if (rebootForKeys) {
        await st.stop();
        await r.restart({ kill: false });
      }
      await r.registered();
    } catch (err) {
      await r.close().catch(() => undefined);
      throw err;
    }
    return r;
  }

  /** Index into csms.records: only look at what happened after this. */
  mark(): number {
    return this.csms.records.length;
  }

  /** Until the station is connected and its BootNotification was accepted. */
  async registered(timeoutMs = 15_000): Promise<void> {
    await this.st.until('connected and registered', (s) => s.connection.state === 'open' && s.registration === 'Accepted', timeoutMs);
  }

  /** The CSMS refuses connections and drops the station's; resolves once the station knows it is offline. */
  async offline(): Promise<void> {
    this.csms.setAccepting(false);
    await this.csms.disconnect(this.id);
    await this.st.until('offline', (s) => s.connection.state !== 'open');
  }

  /** The CSMS accepts again; resolves once the station has reconnected. Returns Date.now() of the switch. */
  async online(): Promise<number> {
    const t = Date.now();
    this.csms.setAccepting(true);
    await this.csms.waitForConnection(this.id, 15_000);
    await this.registered();
    return t;
  }

  /** kill -9 (default) or SIGTERM, then a new process on the same data directory with the same options. */
  async restart(opts: { kill?: boolean } = {}): Promise<void> {
    if (opts.kill !== false) await this.st.kill('SIGKILL');
    else await this.st.stop();
    this.st = new StationProcess({ ...this.opts, csmsUrl: this.csms.url, id: this.id, dataDir: this.st.dataDir }).start();
    await this.st.ready();
  }

  /** Transaction-related calls the CSMS received after `from`, in arrival order (MeterValues without a
   * transaction, clock-aligned samples of an idle connector, are not). */
  txCalls(from = 0): CsmsRecord[] {
    return this.csms.records
      .slice(from)
      .filter(
        (r) =>
          r.dir === 'in' &&
          r.kind === 'call' &&
          (TX_ACTIONS as readonly string[]).includes(r.action) &&
          (r.action !== 'MeterValues' || (r.payload as { transactionId?: number }).transactionId !== undefined),
      );
  }

  /**
   * Transaction calls after `from` without repeats, and the repeats. A call identical to an earlier one is a
   * second delivery of the same queued message: legitimate only when the CSMS received the first copy, the
   * answer was lost with the connection (or the process), and the copy is the first transaction message sent
   * after that. Anything else is a bug and throws.
   */
  distinctTxCalls(from = 0): { calls: CsmsRecord[]; repeats: number } {
    const seen = new Map<string, CsmsRecord>();
    const calls: CsmsRecord[] = [];
    let repeats = 0;
    const all = this.txCalls(from);
    for (const c of all) {
      const key = `${c.action} ${JSON.stringify(c.payload)}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, c);
        calls.push(c);
        continue;
      }
      const at = this.csms.records.indexOf(c);
      const drop = [...this.drops].reverse().find((d) => d <= at);
      const explained =
        drop !== undefined &&
        this.csms.records.indexOf(first) < drop &&
        all.find((x) => this.csms.records.indexOf(x) >= drop) === c;
      if (!explained) throw new Error(`${c.action} delivered twice without a lost answer in between: ${JSON.stringify(c.payload)}`);
      repeats++;
    }
    return { calls, repeats };
  }

  /** The CSMS's answer to a call it received. */
  answer(call: CsmsRecord): any {
    return this.csms.records.find((r) => r.dir === 'in' && r.kind === 'result' && r.messageId === call.messageId)?.payload;
  }

  /** Until the station's EVSE runs a transaction the CSMS has given an id; returns that id. */
  async csmsTxId(evse: number, timeoutMs = 10_000): Promise<number> {
    const s = await this.st.until(`EVSE ${evse} has a CSMS transaction id`, (x) => (x.evses.find((e: any) => e.id === evse)?.transaction?.csmsId ?? null) !== null, timeoutMs);
    // The status shows the journal's text; a 1.6 id is an integer.
    return Number(s.evses.find((e: any) => e.id === evse).transaction.csmsId);
  }

  /** Until the EVSE runs a (possibly offline) transaction for `idTag`. */
  async transactionRunning(evse: number, idTag: string, timeoutMs = 10_000): Promise<void> {
    await this.st.until(`EVSE ${evse} runs a transaction for ${idTag}`, (x) => x.evses.find((e: any) => e.id === evse)?.transaction?.idTag === idTag, timeoutMs);
  }

  /** Until the EVSE has no transaction (its stop is committed). */
  async transactionEnded(evse: number, timeoutMs = 10_000): Promise<void> {
    await this.st.until(`EVSE ${evse} has no transaction`, (x) => x.evses.find((e: any) => e.id === evse)?.transaction === null, timeoutMs);
  }

  /** Until the queue holds at least `n` messages. */
  async queued(n: number, timeoutMs = 15_000): Promise<void> {
    await this.st.until(`${n} messages queued`, (x) => x.queue.depth >= n, timeoutMs);
  }

  /** Until the queue is empty (every message answered or dead-lettered). */
  async drained(timeoutMs = 15_000): Promise<any> {
    return this.st.until('queue drained', (x) => x.queue.depth === 0, timeoutMs);
  }

  /** The transaction journal as `chargerctl call tx.list` shows it, newest first. */
  async journal(): Promise<any[]> {
    return journalRows(JSON.parse(await this.st.ok('call', 'tx.list', '{"limit":1000}')));
  }

  async close(): Promise<void> {
    await this.st.stop().catch(async () => {
      await this.st.kill('SIGKILL');
    });
    await this.csms.stop();
    this.st.cleanup();
  }
}

/** Energy.Active.Import.Register of a MeterValues payload (the first meter value's), Wh. */
export function energyWh(p: any): number {
  const sv = p.meterValue[0].sampledValue.find((v: any) => (v.measurand ?? 'Energy.Active.Import.Register') === 'Energy.Active.Import.Register');
  if (!sv) throw new Error(`no energy register in ${JSON.stringify(p)}`);
  return Number(sv.value);
}

/** The time a MeterValues sample was taken, ms. */
export function sampledAt(p: any): number {
  return Date.parse(p.meterValue[0].timestamp);
}

/** tx.list answers { transactions: [...] } (a bare array before `chargerctl tx` existed). csmsId is the journal's
 * text; these 1.6 tests compare it with StartTransaction.conf's integer, so it is read back as one. */
export function journalRows(answer: unknown): any[] {
  const rows = Array.isArray(answer) ? answer : (answer as { transactions: any[] }).transactions;
  return rows.map((t) => ({ ...t, csmsId: t.csmsId === null ? null : Number(t.csmsId) }));
}
