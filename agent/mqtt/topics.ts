/**
 * The topic layout and the payloads built from the station's snapshots: pure functions, so the layout is
 * tested without a broker and documented in one place (README "MQTT" has the table).
 *
 * Each value has a topic of its own (plain text: a number, ON/OFF, a status word) for simple displays and
 * Home Assistant, and each EVSE has a JSON summary (`evse/<n>/state`) for programs.
 */
import type { LimitSetting, LimitSource } from '../station/external-limit.js';
import type { EvseErrorCode, EvseFault, EvseStatus } from '../station/types.js';

export const topics = (prefix: string) => ({
  status: `${prefix}/status`,
  error: `${prefix}/error`,
  station: `${prefix}/state`,
  siteLimit: `${prefix}/site/limit`,
  siteLimitSet: `${prefix}/site/limit/set`,
  evse: (n: number) => `${prefix}/evse/${n}`,
  evseLimitSetAll: `${prefix}/evse/+/limit/set`,
  evseEnabledSetAll: `${prefix}/evse/+/enabled/set`,
  evseEvent: (n: number, kind: 'session_started' | 'session_stopped' | 'fault') => `${prefix}/evse/${n}/event/${kind}`,
});

/** What the bridge reads of an EVSE (Evse.snapshot() has these fields and more). */
export interface EvseView {
  id: number;
  status: EvseStatus;
  errorCode: EvseErrorCode;
  pilotState: string;
  relayClosed: boolean;
  offeredCurrentA: number;
  limitA: number;
  limitSource: LimitSource;
  operative: boolean;
  faults: EvseFault[];
  powerW?: number | undefined;
  energyWh?: number | undefined;
  /** csmsId as the journal keeps it: text (a 1.6 integer id in decimal). */
  transaction: { localId: string; csmsId: string | null; idTag: string; startedAt: string; energyWh: number } | null;
}

export interface StationView {
  chargePointId: string;
  version: string;
  ocppVersion: string;
  availability: EvseStatus;
  connection: string;
  registration: string;
  queue: { depth: number; deadLetters: number };
  mqtt: { droppedEvents: number };
}

const onOff = (b: boolean) => (b ? 'ON' : 'OFF');
const num = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '' : String(Math.round(v * 1000) / 1000));

export const CHARGING_STATUSES: readonly EvseStatus[] = ['Charging'];

/** Seconds since the session began; 0 without one (or with an untrusted start stamp in the future). */
export function sessionDurationS(startedAt: string | undefined, now: Date): number {
  if (!startedAt) return 0;
  return Math.max(0, Math.floor((now.getTime() - Date.parse(startedAt)) / 1000));
}

export function limitJson(s: LimitSetting | null): string {
  return JSON.stringify(s ? { ...s.value, expiresAt: s.expiresAt } : null);
}

/**
 * Every retained topic of one EVSE with its payload. Topics relative to `evse/<n>/`; `state` is the JSON
 * summary. An absent reading is an empty payload, which at the broker removes the retained value.
 */
export function evseState(v: EvseView, external: LimitSetting | null, now: Date): Record<string, string> {
  const tx = v.transaction;
  const plugged = v.pilotState === 'B' || v.pilotState === 'C' || v.pilotState === 'D';
  const fault = v.faults.some((f) => f.blocking);
  const durationS = sessionDurationS(tx?.startedAt, now);
  const summary = {
    id: v.id,
    status: v.status,
    errorCode: v.errorCode,
    pilot: v.pilotState,
    relayClosed: v.relayClosed,
    offeredCurrentA: v.offeredCurrentA,
    limitA: v.limitA,
    limitSource: v.limitSource,
    externalLimit: external ? { ...external.value, expiresAt: external.expiresAt } : null,
    powerW: v.powerW ?? null,
    energyWh: v.energyWh ?? null,
    enabled: v.operative,
    plugged,
    charging: v.relayClosed && CHARGING_STATUSES.includes(v.status),
    fault,
    session: tx ? { idToken: tx.idTag, transactionId: tx.csmsId, localId: tx.localId, startedAt: tx.startedAt, energyWh: tx.energyWh, durationS } : null,
  };
  return {
    status: v.status,
    error_code: v.errorCode,
    pilot: v.pilotState,
    relay: onOff(v.relayClosed),
    offered_current: num(v.offeredCurrentA),
    limit: num(v.limitA),
    'limit/source': v.limitSource,
    'limit/external': limitJson(external),
    power: num(v.powerW),
    energy: num(v.energyWh),
    enabled: onOff(v.operative),
    plugged: onOff(plugged),
    charging: onOff(summary.charging),
    fault: onOff(fault),
    'session/active': onOff(tx !== null),
    'session/id_token': tx?.idTag ?? '',
    'session/start': tx?.startedAt ?? '',
    'session/energy': num(tx?.energyWh ?? 0),
    'session/duration': String(durationS),
    state: JSON.stringify(summary),
  };
}

/** Every retained topic of the station, relative to the prefix. */
export function stationState(s: StationView, site: LimitSetting | null): Record<string, string> {
  return {
    version: s.version,
    'ocpp/version': s.ocppVersion,
    'ocpp/connection': s.connection,
    'ocpp/registration': s.registration,
    availability: s.availability,
    'queue/depth': String(s.queue.depth),
    'queue/dead_letters': String(s.queue.deadLetters),
    'mqtt/dropped_events': String(s.mqtt.droppedEvents),
    'site/limit': limitJson(site),
    state: JSON.stringify({ ...s, siteLimit: site ? { ...site.value, expiresAt: site.expiresAt } : null }),
  };
}
