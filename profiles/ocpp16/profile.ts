/**
 * OCPP 1.6J on top of the version-neutral station: wires the RPC connection, registration, heartbeat, status
 * notifications, the durable queue's 1.6 hooks and the CSMS-initiated handlers.
 */
import type { Clock, TimerHandle } from '../../agent/clock/clock.js';
import type { Logger } from '../../agent/log.js';
import { OcppCallError } from '../../agent/ocpp/errors.js';
import type { RpcConnection } from '../../agent/ocpp/rpc-connection.js';
import { Authorization } from '../../agent/station/authorization.js';
import type { EvseStatusEvent } from '../../agent/station/evse.js';
import type { Settings } from '../../agent/station/settings.js';
import type { Station } from '../../agent/station/station.js';
import type { IdTokenInfo, MeterSample, ResetKind, StopReason } from '../../agent/station/types.js';
import { DurableLedger, type TxMessageBuilder } from '../../agent/transactions/ledger.js';
import { QueueSender } from '../../agent/transactions/queue-sender.js';
import type { Store } from '../../offline-queue/types.js';
import { ConfigKeyRegistry, coreKeys, localAuthListKeys, smartChargingKeys, type KeyContext } from './config-keys.js';
import type { Ocpp16Context, RegistrationStatus } from './context.js';
import { coreRouter, type Router } from './core/index.js';
import type { Action, AuthorizeResponse, BootNotificationRequest, MeterValuesRequest, StatusNotificationRequest } from './generated/index.js';
import { ConnectionChores } from '../../agent/ocpp/connection-chores.js';
import type { LocalListReporting, ProtocolProfile } from '../../agent/ocpp/protocol-profile.js';
import { reportedListVersion } from './local-auth-list/version.js';
import { reservationKeys } from './reservation/keys.js';
import { ListConflictReporter } from './local-auth-list/conflict.js';
import { DEFAULT_LOCAL_LIST_LIMITS } from './local-auth-list/limits.js';
import { buildMeterValues, supportedMeasurands } from './meter-values.js';
import { stopReason16 } from './mapping.js';
import { Registration } from './registration.js';
import { StatusNotifier } from './status-notifier.js';
import { createTxMessageBuilder, createTxSendHooks } from './tx-messages.js';

export const SUPPORTED_FEATURE_PROFILES = ['Core', 'LocalAuthListManagement', 'Reservation', 'SmartCharging'] as const;
export const GET_CONFIGURATION_MAX_KEYS = 50;
export const OCPP16_LOCAL_LIST_REPORTING: LocalListReporting = { maxLength: DEFAULT_LOCAL_LIST_LIMITS.maxLength, reportedVersion: reportedListVersion };

export interface Ocpp16ProfileDeps {
  rpc: RpcConnection;
  store: Store;
  settings: Settings;
  clock: Clock;
  log: Logger;
  boot: BootNotificationRequest;
  evses: { id: number; phases: 1 | 3; connector: 'socket' | 'cable' }[];
  meterMeasurands: readonly string[];
  /** Most queued transaction messages before intermediate MeterValues are thinned. */
  maxQueueDepth: number;
  /** A reset was requested and transactions are stopped: the owner restarts the agent. */
  onReset: (kind: ResetKind) => void;
}

/**
 * Construction is two-step because the station needs the profile's ledger and authorizer, and the profile
 * needs the station: `create()` builds what the station needs, `attach(station)` wires the rest.
 */
export class Ocpp16Profile implements ProtocolProfile {
  readonly version = '1.6';
  readonly localList = OCPP16_LOCAL_LIST_REPORTING;
  readonly settings: Settings;
  readonly keys: ConfigKeyRegistry;
  readonly authorization: Authorization;
  readonly ledger: DurableLedger;
  readonly sender: QueueSender;
  private readonly registration: Registration;
  private readonly notifier: StatusNotifier;
  private readonly listConflicts: ListConflictReporter;
  private readonly router: Router = coreRouter();
  private station: Station | null = null;
  private readonly offs: (() => void)[] = [];
  private readonly chores: ConnectionChores;
  private ctx: Ocpp16Context | null = null;
  private resetTimer: TimerHandle | null = null;

  constructor(private readonly d: Ocpp16ProfileDeps) {
    this.settings = d.settings;
    const keyContext: KeyContext = {
      settings: d.settings,
      numberOfConnectors: d.evses.length,
      supportedMeasurands: supportedMeasurands(d.meterMeasurands),
      supportedProfiles: SUPPORTED_FEATURE_PROFILES,
      allFixedCable: d.evses.every((e) => e.connector === 'cable'),
      maxMeasurands: 12,
      getConfigurationMaxKeys: GET_CONFIGURATION_MAX_KEYS,
    };
    this.keys = new ConfigKeyRegistry(keyContext, [...coreKeys(keyContext), ...localAuthListKeys(DEFAULT_LOCAL_LIST_LIMITS), ...reservationKeys(), ...smartChargingKeys()]);
    this.authorization = new Authorization({
      localList: d.store.localList,
      cache: d.store.authCache,
      settings: d.settings,
      clock: d.clock,
      log: d.log.child({ module: 'auth' }),
      online: () => this.canSend(),
      remote: (idTag) => this.remoteAuthorize(idTag),
    });
    const builder: TxMessageBuilder = createTxMessageBuilder(d.settings, (id) => d.evses.find((e) => e.id === id)?.phases ?? 3);
    this.sender = new QueueSender({
      store: d.store,
      transport: { call: (action, payload, onId) => d.rpc.call(action, payload, onId ? { onId } : {}) },
      hooks: createTxSendHooks(d.store, {
        idTagInfo: (idTag, info) => {
          this.authorization.remember(idTag, info);
          this.listConflicts.check(idTag, info);
        },
        startAnswered: (localId, info) => this.station?.transactionAuthorization(localId, info),
      }, d.log.child({ module: 'queue' })),
      clock: d.clock,
      log: d.log.child({ module: 'queue' }),
      settings: d.settings,
    });
    this.ledger = new DurableLedger(d.store, builder, () => this.sender.kick(), () => d.maxQueueDepth);
    this.chores = new ConnectionChores({ rpc: d.rpc, clock: d.clock, log: d.log, settings: d.settings, sender: this.sender, canSend: () => this.canSend() });
    this.registration = new Registration({
      clock: d.clock,
      log: d.log.child({ module: 'boot' }),
      call: (a, p) => d.rpc.call(a, p),
      payload: d.boot,
      isOpen: () => d.rpc.state === 'open',
      onAccepted: (conf) => this.accepted(conf.interval),
      onStatus: (s) => d.log.info({ registration: s }, 'registration status'),
    });
    this.notifier = new StatusNotifier({
      clock: d.clock,
      log: d.log.child({ module: 'status' }),
      settings: d.settings,
      canSend: () => this.canSend(),
      call: (a, p) => d.rpc.call(a, p),
      current: () => this.currentStatuses(),
    });
    this.listConflicts = new ListConflictReporter({
      list: d.store.localList,
      settings: d.settings,
      clock: d.clock,
      log: d.log.child({ module: 'auth' }),
      report: (info) => this.reportListConflict(info),
    });
  }

  /** Initial values from the config file (by OCPP key name) for keys the database has no value for yet. */
  applyInitialKeys(values: Record<string, string>): { key: string; reason: string }[] {
    const problems: { key: string; reason: string }[] = [];
    for (const [key, value] of Object.entries(values)) {
      const def = this.keys.keys().find((k) => k.key === key);
      if (!def) {
        problems.push({ key, reason: 'unknown OCPP 1.6 configuration key' });
        continue;
      }
      if (def.kind === 'const') {
        problems.push({ key, reason: 'read-only key' });
        continue;
      }
      if (this.settings.isPersisted(def.setting)) continue;
      // The config file is the owner's: it may set what the CSMS may only read (ReserveConnectorZeroSupported).
      const r = this.keys.set(key, value, { owner: true });
      if (r.status === 'Rejected' || r.status === 'NotSupported') problems.push({ key, reason: r.reason ?? r.status });
    }
    return problems;
  }

  registrationStatus(): RegistrationStatus {
    return this.registration.state;
  }

  attach(station: Station): void {
    this.station = station;
    const d = this.d;
    this.ctx = {
      station,
      settings: d.settings,
      keys: this.keys,
      store: d.store,
      authorization: this.authorization,
      clock: d.clock,
      log: d.log.child({ module: 'ocpp16' }),
      registration: () => this.registration.state,
      scheduleReset: (kind) => this.scheduleReset(kind),
      numberOfConnectors: d.evses.length,
      getConfigurationMaxKeys: GET_CONFIGURATION_MAX_KEYS,
    };
    d.rpc.setInboundGate(() => (this.registration.state === 'Rejected' ? { kind: 'ignore' } : { kind: 'allow' }));
    d.rpc.setInboundHandler((action, payload) => this.dispatch(action, payload));
    this.offs.push(d.rpc.events.on('open', () => this.registration.connected()));
    this.offs.push(station.events.on('status', (e) => this.notifier.changed(e)));
    this.offs.push(station.events.on('idleSample', (id, s) => this.idleMeterValues(id, s)));
    this.offs.push(station.events.on('resetRequested', (kind) => d.onReset(kind)));
    this.chores.start();
    this.sender.start();
  }

  /**
   * Shutdown, first step (the connection is still open): nothing new is sent or handled, and the transaction
   * message in flight has up to `maxWaitMs` to be answered and recorded. Then the owner closes the connection and
   * calls stop().
   */
  async stopSending(maxWaitMs: number): Promise<void> {
    this.quiet();
    await this.sender.finish(maxWaitMs);
  }

  /** After the connection is closed (nothing can be answered any more), before the store is. */
  stop(): void {
    this.quiet();
    this.sender.stop();
    this.chores.stop();
  }

  private quiet(): void {
    this.registration.stop();
    this.notifier.stop();
    this.chores.quiet();
    this.d.clock.clear(this.resetTimer);
    this.offs.splice(0).forEach((off) => off());
    this.d.rpc.setInboundHandler(null);
    this.d.rpc.setInboundGate(null);
  }

  /** Registered and connected: our own messages may go out. */
  canSend(): boolean {
    return this.registration.state === 'Accepted' && this.d.rpc.state === 'open';
  }

  private accepted(interval: number): void {
    if (interval > 0 && interval !== this.settings.get('heartbeatIntervalS')) this.settings.set('heartbeatIntervalS', interval);
    this.onRegisteredConnection();
    // Later connections of the same run: no new BootNotification, but statuses and the queue resume.
    this.offs.push(
      this.d.rpc.events.on('open', () => {
        if (this.registration.state === 'Accepted') this.onRegisteredConnection();
      }),
    );
  }

  private onRegisteredConnection(): void {
    this.notifier.sendAll();
    this.chores.registered();
  }

  private currentStatuses(): EvseStatusEvent[] {
    const st = this.station;
    if (!st) return [];
    const now = this.d.clock.now().toISOString();
    const zero = st.stationStatus();
    return [
      { evseId: 0, status: zero.status, errorCode: zero.errorCode, info: null, timestamp: now },
      ...st.evses().map((e) => ({ evseId: e.id, ...e.currentStatus(), timestamp: now })),
    ];
  }

  private async remoteAuthorize(idTag: string): Promise<IdTokenInfo> {
    const r = (await this.d.rpc.call('Authorize', { idTag })) as AuthorizeResponse;
    this.listConflicts.check(idTag, r.idTagInfo);
    return r.idTagInfo;
  }

  /**
   * §3.5.2 LocalListConflict: connector 0's current status with that error code. An error report, so not held
   * back by MinimumStatusDuration; like every StatusNotification it is not queued while offline (the warning is
   * logged either way).
   */
  private reportListConflict(info: string): void {
    const zero = this.station?.stationStatus();
    if (!zero || !this.canSend()) return;
    const payload: StatusNotificationRequest = { connectorId: 0, status: zero.status, errorCode: 'LocalListConflict', info, timestamp: this.d.clock.now().toISOString() };
    this.d.rpc.call('StatusNotification', payload).catch((err: Error) => this.d.log.info({ err: err.message }, 'StatusNotification LocalListConflict not delivered'));
  }

  private idleMeterValues(evseId: number, samples: MeterSample[]): void {
    if (!this.canSend()) return; // not transaction-related: not queued while offline
    const phases = this.d.evses.find((e) => e.id === evseId)?.phases ?? 3;
    const meterValue = buildMeterValues(samples, () => this.settings.get('alignedMeasurands'), phases);
    if (meterValue.length === 0) return;
    const payload: MeterValuesRequest = { connectorId: evseId, meterValue };
    this.d.rpc.call('MeterValues', payload).catch((err: Error) => this.d.log.info({ err: err.message }, 'MeterValues (no transaction) not delivered'));
  }

  /**
   * A Reset as the CSMS's Reset.req does it (also `chargerctl reset`): the caller answers first, then transactions
   * stop and the agent restarts through the shutdown that keeps the queue intact.
   */
  scheduleReset(kind: ResetKind): void {
    this.d.clock.clear(this.resetTimer);
    // Let the CALLRESULT leave before transactions stop and the connection closes.
    this.resetTimer = this.d.clock.setTimeout(() => {
      this.resetTimer = null;
      void this.station?.reset(kind);
    }, 50);
  }

  /** The StopTransaction reason this profile sends for a journal stop reason (1.6 has fewer reasons). */
  csmsStopReason(reason: StopReason): string {
    return stopReason16(reason);
  }

  private async dispatch(action: string, payload: unknown): Promise<unknown> {
    const ctx = this.ctx;
    if (!ctx) throw new OcppCallError('InternalError', 'station not ready');
    if (!(action in this.router)) throw new OcppCallError('NotImplemented', `unknown action ${action}`);
    const handler = this.router[action as Action] as ((c: Ocpp16Context, r: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new OcppCallError('NotSupported', `${action} is not supported by this charge point`);
    return handler(ctx, payload);
  }
}
