/**
 * Station and EVSE state to MQTT. Listeners (plain `on`, after the safety and OCPP listeners) only mark what
 * changed; a 0 ms timer then builds the payloads and hands them to the link, so no listener does more than
 * set a flag inside a HAL or OCPP event's call stack. A 1 s sample picks up what has no event of its own
 * (power, energy, session duration), which is also the coalescing: at most one publish per topic per second.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { Station } from '../station/station.js';
import type { TransactionRecord } from '../../offline-queue/types.js';
import type { MqttLink } from './link.js';
import { evseState, sessionDurationS, stationState, topics, type EvseView, type StationView } from './topics.js';

export const SAMPLE_MS = 1000;
/** Queue statistics are a few SQL counts: every fifth sample is enough for a depth. */
const QUEUE_EVERY = 5;

/** What the bridge learns of the station beyond its EVSEs: the OCPP side, given by the composition root. */
export interface StationInfo {
  chargePointId: string;
  vendor: string;
  model: string;
  serialNumber?: string | undefined;
  version: string;
  ocppVersion: string;
  connection(): string;
  registration(): string;
  queue(): { depth: number; deadLetters: number };
  /** Subscribe to changes of connection or registration; returns the unsubscribe function. */
  onChange(fn: () => void): () => void;
}

export class StatePublisher {
  private readonly dirtyEvses = new Set<number>();
  private dirtyStation = false;
  private flushTimer: TimerHandle | null = null;
  private sampleTimer: TimerHandle | null = null;
  private ticks = 0;
  private queue = { depth: 0, deadLetters: 0 };
  private readonly lastError = new Map<number, string>();
  /** The CSMS's id of each EVSE's running transaction as last seen: the stopped record predates it. */
  private readonly csmsIds = new Map<number, { localId: string; csmsId: string }>();
  private readonly offs: (() => void)[] = [];
  private readonly t: ReturnType<typeof topics>;

  constructor(
    private readonly d: { link: MqttLink; station: Station; clock: Clock; prefix: string; info: StationInfo },
  ) {
    this.t = topics(d.prefix);
  }

  start(): void {
    const ev = this.d.station.events;
    this.offs.push(
      ev.on('status', (e) => {
        if (e.evseId === 0) this.markStation();
        else this.markEvse(e.evseId);
        if (e.evseId > 0 && e.errorCode !== (this.lastError.get(e.evseId) ?? 'NoError')) {
          this.lastError.set(e.evseId, e.errorCode);
          if (e.errorCode !== 'NoError') this.d.link.event(this.t.evseEvent(e.evseId, 'fault'), JSON.stringify({ evse: e.evseId, status: e.status, errorCode: e.errorCode, info: e.info, timestamp: e.timestamp }));
        }
      }),
      ev.on('transactionStarted', (r) => {
        this.d.link.event(this.t.evseEvent(r.evseId, 'session_started'), JSON.stringify({ evse: r.evseId, localId: r.localId, idToken: r.idTag, startedAt: r.startedAt, meterStartWh: r.meterStartWh }));
        this.markEvse(r.evseId);
      }),
      ev.on('transactionStopped', (r, reason) => {
        const seen = this.csmsIds.get(r.evseId);
        const csmsId = r.csmsId ?? (seen?.localId === r.localId ? seen.csmsId : null);
        this.d.link.event(this.t.evseEvent(r.evseId, 'session_stopped'), sessionStopped({ ...r, csmsId }, reason));
        this.markEvse(r.evseId);
      }),
      this.d.station.limits.onChange((scope) => {
        if (scope === 'site') {
          this.markStation();
          for (const e of this.d.station.evses()) this.markEvse(e.id);
        } else this.markEvse(scope);
      }),
      this.d.info.onChange(() => this.markStation()),
    );
    this.sampleTimer = this.d.clock.setInterval(() => this.sample(), SAMPLE_MS);
    this.queue = this.d.info.queue();
    this.sample();
  }

  stop(): void {
    this.d.clock.clear(this.sampleTimer);
    this.d.clock.clear(this.flushTimer);
    this.sampleTimer = this.flushTimer = null;
    this.offs.splice(0).forEach((off) => off());
  }

  /** Dropped-event count and the like change without an event: every topic is compared each second. */
  private sample(): void {
    if (++this.ticks % QUEUE_EVERY === 0) this.queue = this.d.info.queue();
    this.dirtyStation = true;
    for (const e of this.d.station.evses()) this.dirtyEvses.add(e.id);
    this.flush();
  }

  private markEvse(id: number): void {
    this.dirtyEvses.add(id);
    this.schedule();
  }

  private markStation(): void {
    this.dirtyStation = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.flushTimer) return;
    this.flushTimer = this.d.clock.setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, 0);
  }

  private flush(): void {
    const { link, station, clock } = this.d;
    const now = clock.now();
    for (const id of this.dirtyEvses) {
      const evse = station.evse(id);
      if (!evse) continue;
      const base = this.t.evse(id);
      const snap = evse.snapshot() as EvseView;
      if (snap.transaction?.csmsId != null) this.csmsIds.set(id, { localId: snap.transaction.localId, csmsId: snap.transaction.csmsId });
      for (const [k, v] of Object.entries(evseState(snap, station.limits.evseSetting(id), now))) link.state(`${base}/${k}`, v);
    }
    this.dirtyEvses.clear();
    if (!this.dirtyStation) return;
    this.dirtyStation = false;
    const i = this.d.info;
    const view: StationView = {
      chargePointId: i.chargePointId,
      version: i.version,
      ocppVersion: i.ocppVersion,
      availability: station.stationStatus().status,
      connection: i.connection(),
      registration: i.registration(),
      queue: this.queue,
      mqtt: { droppedEvents: link.stats.droppedEvents },
    };
    for (const [k, v] of Object.entries(stationState(view, station.limits.siteSetting()))) link.state(`${this.d.prefix}/${k}`, v);
  }
}

/** The totals a billing display wants, from the journal's record of the stop. */
export function sessionStopped(r: TransactionRecord, reason: string): string {
  const stopWh = r.meterStopWh ?? r.lastMeterWh;
  const stoppedAt = r.stoppedAt ?? r.lastMeterAt;
  return JSON.stringify({
    evse: r.evseId,
    localId: r.localId,
    transactionId: r.csmsId,
    idToken: r.idTag,
    startedAt: r.startedAt,
    stoppedAt,
    reason,
    meterStartWh: r.meterStartWh,
    meterStopWh: stopWh,
    energyWh: Math.max(0, stopWh - r.meterStartWh),
    durationS: sessionDurationS(r.startedAt, new Date(stoppedAt)),
  });
}
