/**
 * The crash rounds: the real chargerd process on one data directory, killed with SIGKILL at random moments while
 * a random driver plugs EVs, presents fresh cards, stops sessions (card or unplug) and takes the CSMS offline and
 * back; then restarted. After the last round: a final start with the CSMS online, every EV unplugged, the queue
 * drained. The result is everything needed to check the outcome (verify.ts).
 *
 * Two kinds of kill:
 * - timed: a uniform random delay (0..maxKillDelayMs), from the spawn in a third of the rounds (start-up and
 *   recovery) and from the moment the station answers its control socket in the rest (mid-session, mid-send,
 *   offline or online). Counting from readiness keeps the session share of the kills the same on a slow or loaded
 *   machine, where start-up alone can take most of maxKillDelayMs;
 * - targeted: armed after a random delay, the kill follows within 0-3 ms the moment the CSMS receives a
 *   transaction message, to hit the window where the CSMS has a message whose answer the station never
 *   processes. Some targeted rounds drop the connection instead of killing (the same window without a restart).
 *
 * The CSMS deduplicates StartTransaction as a real one would (same connector, id tag, meterStart and timestamp:
 * the same transaction, the same id), so a start delivered twice does not open a second transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoCsms, type CsmsRecord } from '../../agent/demo/csms.js';
import { prng } from '../support/prng.js';
import { StationProcess, sleep, type StationOptions } from '../support/station-process.js';
import { TX_ACTIONS, type Findings, type JournalRow } from './verify.js';

/** What closed the connection: a kill at a random moment, a kill aimed at a message in flight, a drop. */
export type LossCause = 'timed-kill' | 'targeted-kill' | 'targeted-drop' | 'driver-drop' | 'other';

export interface CrashRunOptions {
  rounds: number;
  seed: number;
  /** Upper bound of the random kill delay, ms after the spawn or after readiness (see the header). */
  maxKillDelayMs: number;
  /** Share of rounds with a targeted kill (0..1). */
  targetedShare?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface CrashRun {
  identity: string;
  dataDir: string;
  records: CsmsRecord[];
  losses: number[];
  /** Why each connection loss happened (same order as `losses`). */
  lossCauses: LossCause[];
  journal: JournalRow[];
  queue: { depth: number; deadLetters: number };
  validationFailures: unknown[];
  stats: {
    rounds: number;
    kills: number;
    targetedKills: number;
    targetedDrops: number;
    killsWhileOffline: number;
    driverDrops: number;
    cardsPresented: number;
    durationMs: number;
  };
}

const IDENTITY = 'CP-CRASH';
/** Both kinds of connector: a cable EVSE ends its sessions without an unlock, so its stops are sent sooner. */
export const CRASH_EVSES: NonNullable<StationOptions['evses']> = [
  { id: 1, maxCurrentA: 32, phases: 3, connector: 'socket' },
  { id: 2, maxCurrentA: 32, phases: 3, connector: 'cable' },
];
const OCPP_KEYS = {
  MeterValueSampleInterval: 1,
  // Offline, fresh cards start sessions too: the crash rounds need offline transactions.
  AllowOfflineTxForUnknownId: true,
  LocalAuthorizeOffline: true,
  StopTransactionOnEVSideDisconnect: true,
};


export async function runCrashRounds(opts: CrashRunOptions): Promise<CrashRun> {
  const t0 = Date.now();
  const random = prng(opts.seed);
  const log = opts.log ?? (() => undefined);
  const csms = new DemoCsms();
  const url = await csms.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'chargerd-crash-'));
  const losses: number[] = [];
  const lossCauses: LossCause[] = [];
  const cause = { next: 'other' as LossCause };
  csms.on('disconnected', (id: string) => {
    if (id !== IDENTITY) return;
    losses.push(csms.records.length);
    lossCauses.push(cause.next);
    cause.next = 'other';
  });
  dedupeStarts(csms);
  const stats: CrashRun['stats'] = { rounds: opts.rounds, kills: 0, targetedKills: 0, targetedDrops: 0, killsWhileOffline: 0, driverDrops: 0, cardsPresented: 0, durationMs: 0 };
  const station = () => new StationProcess({ csmsUrl: url, id: IDENTITY, dataDir, evses: CRASH_EVSES, ocppKeys: OCPP_KEYS, sim: { cableLingerMs: 100, evReactionMs: 20 } });
  let st: StationProcess | null = null;
  try {
    for (let round = 0; round < opts.rounds; round++) {
      csms.setAccepting(random() < 0.7);
      st = station().start();
      const targeted = random() < (opts.targetedShare ?? 0.3);
      const delay = random() * opts.maxKillDelayMs;
      const fromReady = random() < 2 / 3;
      cause.next = 'other';
      const outcome = await crashRound(st, csms, random, { round, targeted, delay, fromReady, maxMs: opts.maxKillDelayMs, stats, cause });
      stats.kills++;
      if (!outcome.connected) stats.killsWhileOffline++;
      log(`round ${round}: ${outcome.what} after ${Math.round(outcome.afterMs)} ms${outcome.connected ? '' : ' (offline)'}`);
    }

    // The end: online, every EV unplugged (stopping what runs), everything delivered.
    csms.setAccepting(true);
    st = station().start();
    await waitReady(st, () => false, 20_000);
    const s0 = await st.status();
    for (const e of s0.evses) await st.ok('sim', 'unplug', String(e.id));
    const last = await st.until(
      'the end: registered, no transaction, queue drained',
      (s) => s.registration === 'Accepted' && s.connection.state === 'open' && s.queue.depth === 0 && s.evses.every((e: any) => e.transaction === null),
      60_000,
    );
    const listed = JSON.parse(await st.ok('call', 'tx.list', '{"limit":10000}'));
    const journal = (Array.isArray(listed) ? listed : listed.transactions) as JournalRow[];
    await st.stop();
    st = null;
    stats.durationMs = Date.now() - t0;
    return {
      identity: IDENTITY,
      dataDir,
      records: csms.records,
      losses,
      lossCauses,
      journal,
      queue: { depth: last.queue.depth, deadLetters: last.queue.deadLetters },
      validationFailures: csms.validationFailures,
      stats,
    };
  } finally {
    if (st) await st.kill('SIGKILL');
    await csms.stop();
  }
}

/** Forget the data directory of a run that passed (a failed one is kept for a look). */
export function removeRun(run: CrashRun): void {
  rmSync(run.dataDir, { recursive: true, force: true });
}

function dedupeStarts(csms: DemoCsms): void {
  const ids = new Map<string, number>();
  let next = 1;
  csms.setHandler('StartTransaction', (p: any) => {
    const key = JSON.stringify([p.connectorId, p.idTag, p.meterStart, p.timestamp, p.reservationId ?? null]);
    let id = ids.get(key);
    if (id === undefined) {
      id = next++;
      ids.set(key, id);
    }
    return { transactionId: id, idTagInfo: { status: 'Accepted' } };
  });
}

interface RoundPlan {
  round: number;
  targeted: boolean;
  delay: number;
  /** The timed kill's delay counts from readiness (else from the spawn). */
  fromReady: boolean;
  maxMs: number;
  stats: CrashRun['stats'];
  /** Set right before closing the connection, so the CSMS's disconnect event can be attributed. */
  cause: { next: LossCause };
}

async function crashRound(st: StationProcess, csms: DemoCsms, random: () => number, plan: RoundPlan): Promise<{ what: string; afterMs: number; connected: boolean }> {
  const spawnedAt = Date.now();
  let killed = false;
  let what = 'timed kill';
  let connected = false;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const kill = (why: string, cause: LossCause = 'timed-kill') => {
    if (killed) return;
    killed = true;
    what = why;
    plan.cause.next = cause;
    connected = csms.isConnected(IDENTITY);
    st.kill('SIGKILL').then(() => done());
  };
  const timers: NodeJS.Timeout[] = [];
  let armed = false;
  const onRecord = (r: CsmsRecord) => {
    if (!armed || killed || r.identity !== IDENTITY || r.dir !== 'in' || r.kind !== 'call' || !(TX_ACTIONS as readonly string[]).includes(r.action)) return;
    armed = false;
    const lag = Math.floor(random() * 4);
    if (random() < 0.3) {
      plan.stats.targetedDrops++;
      // The answer is lost with the connection; the process lives on and resends after reconnecting.
      setTimeout(() => {
        if (killed) return;
        plan.cause.next = 'targeted-drop';
        void csms.disconnect(IDENTITY);
      }, lag);
      timers.push(setTimeout(() => kill('timed kill after a targeted drop'), plan.maxMs));
    } else {
      plan.stats.targetedKills++;
      timers.push(setTimeout(() => kill(`targeted kill ${lag} ms after ${r.action} reached the CSMS`, 'targeted-kill'), lag));
    }
  };
  if (plan.targeted) {
    csms.on('record', onRecord);
    timers.push(setTimeout(() => (armed = true), plan.delay / 2));
    timers.push(setTimeout(() => kill('timed kill (targeted round, nothing sent)'), plan.maxMs * 1.5));
  } else if (plan.fromReady) {
    // Bounded: a station that never gets ready is still killed (and the run goes on).
    timers.push(setTimeout(() => kill('timed kill (never ready)'), 20_000 + plan.maxMs));
  } else {
    timers.push(setTimeout(() => kill('timed kill during start-up'), plan.delay));
  }
  const onReady = () => {
    if (!plan.targeted && plan.fromReady) timers.push(setTimeout(() => kill('timed kill'), plan.delay));
  };
  const driver = drive(st, csms, random, plan, () => killed, onReady).catch(() => undefined);
  await finished;
  await driver;
  for (const t of timers) clearTimeout(t);
  csms.off('record', onRecord);
  return { what, afterMs: Date.now() - spawnedAt, connected };
}

async function waitReady(st: StationProcess, killed: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!killed()) {
    const r = await st.ctl(['status', '--json']).catch(() => null);
    if (r && r.code === 0) return true;
    if (Date.now() > end) throw new Error(`chargerd did not become ready:\n${st.output.slice(-3000)}`);
    await sleep(30);
  }
  return false;
}

/** Random sessions until the kill; every chargerctl call may fail once the process is gone. */
async function drive(st: StationProcess, csms: DemoCsms, random: () => number, plan: RoundPlan, killed: () => boolean, onReady: () => void): Promise<void> {
  if (!(await waitReady(st, killed, 20_000))) return;
  onReady();
  let n = 0;
  while (!killed()) {
    const s = await st.status().catch(() => null);
    if (!s) return;
    for (const e of s.evses) {
      if (killed()) return;
      const id = String(e.id);
      if (e.pilotState === 'A') {
        if (random() < 0.7) await st.ok('sim', 'plug', id);
      } else if (e.transaction) {
        if (random() < 0.12) {
          if (random() < 0.5) await st.ok('sim', 'tag', id, e.transaction.idTag, '--no-wait');
          else await st.ok('sim', 'unplug', id);
        }
      } else if (e.status === 'Finishing' || random() < 0.1) {
        await st.ok('sim', 'unplug', id);
      } else if (e.status === 'Preparing' && random() < 0.7) {
        // Unique per session: the CSMS side matches transactions by it.
        await st.ok('sim', 'tag', id, `R${plan.round}E${id}N${n++}`, '--no-wait');
        plan.stats.cardsPresented++;
      }
    }
    if (random() < 0.1) {
      if (csms.isConnected(IDENTITY)) {
        csms.setAccepting(false);
        plan.stats.driverDrops++;
        plan.cause.next = 'driver-drop';
        await csms.disconnect(IDENTITY);
      } else csms.setAccepting(true);
    }
    // Pacing between random actions (not waiting for a condition): sessions get time to charge and sample.
    await sleep(100 + random() * 300);
  }
}

export interface RepeatCount {
  /** Connection losses of this cause the CSMS saw. */
  losses: number;
  StartTransaction: number;
  MeterValues: number;
  StopTransaction: number;
}

/** Legitimate repeats (verify's findings) by the cause of the loss that explains them. */
export function repeatsByCause(run: CrashRun, f: Findings): Record<LossCause, RepeatCount> {
  const causes: LossCause[] = ['timed-kill', 'targeted-kill', 'targeted-drop', 'driver-drop', 'other'];
  const count = (cause: LossCause, action: string) => f.repeatCauses.filter((r) => run.lossCauses[r.loss] === cause && r.action === action).length;
  return Object.fromEntries(
    causes.map((c) => [
      c,
      {
        losses: run.lossCauses.filter((x) => x === c).length,
        StartTransaction: count(c, 'StartTransaction'),
        MeterValues: count(c, 'MeterValues'),
        StopTransaction: count(c, 'StopTransaction'),
      },
    ]),
  ) as Record<LossCause, RepeatCount>;
}
