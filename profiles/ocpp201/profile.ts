/**
 * OCPP 2.0.1 on top of the version-neutral station, provisioning part: registration (B01-B03), heartbeat (G02),
 * StatusNotification (G01, B04), the device model (B05-B08) persisted in the store and mirrored into the station
 * settings, ChangeAvailability (G03, G04), Reset (B11, B12) and TriggerMessage (F06) for what it sends.
 * Transactions (E, C01 Authorize, F01-F03): transactions/, wired here.
 */
import type { Clock, TimerHandle } from '../../agent/clock/clock.js';
import type { ResolvedConfig } from '../../agent/config/load.js';
import type { Logger } from '../../agent/log.js';
import { ConnectionChores } from '../../agent/ocpp/connection-chores.js';
import { OcppCallError } from '../../agent/ocpp/errors.js';
import type { ConfigSetResult, LocalListReporting, ProtocolProfile } from '../../agent/ocpp/protocol-profile.js';
import type { RpcConnection } from '../../agent/ocpp/rpc-connection.js';
import type { EvseStatusEvent } from '../../agent/station/evse.js';
import type { Settings } from '../../agent/station/settings.js';
import type { Station } from '../../agent/station/station.js';
import type { TxPoints } from '../../agent/station/tx-points.js';
import type { ResetKind, StopReason } from '../../agent/station/types.js';
import type { DurableLedger } from '../../agent/transactions/ledger.js';
import type { QueueSender } from '../../agent/transactions/queue-sender.js';
import type { Store } from '../../offline-queue/types.js';
import { recordNextBootReason, takeStartReason } from './boot-reason.js';
import { DeviceModelConfig } from './config-access.js';
import type { DeviceModel } from './device-model/device-model.js';
import type { BootNotificationRequest, BootReasonEnumType } from './generated/BootNotification.js';
import type { NotifyReportRequest } from './generated/NotifyReport.js';
import type { ResetEnumType } from './generated/Reset.js';
import type { MessageTriggerEnumType, TriggerMessageRequest } from './generated/TriggerMessage.js';
import { authCacheLifeTimeS, createLocalListHandlers, maxListEntries, reportedListVersion201, type LocalListHandler } from './local-list/index.js';
import { PROVISIONING_HANDLERS } from './provisioning/index.js';
import { attachReservations, RESERVATION_HANDLERS, type ReservationStatusUpdates } from './reservations/index.js';
import { alignedDuringTx, idleAlignedSamples } from './provisioning/aligned-meter-values.js';
import { triggerOther } from './provisioning/triggered.js';
import { createNetworkHandlers, NetworkSelector, securityProfileOf, vetoEmptySlots, type NetworkHandler } from './network/index.js';
import { Registration, type RegistrationStatus } from './registration.js';
import { bridgeSettings, createStationModel, persistedValues } from './station-model.js';
import { SMART_CHARGING_HANDLERS, watchExternalLimits } from './smart-charging/index.js';
import { StatusNotifier } from './status-notifier.js';
import { TX_HANDLERS } from './transactions/index.js';
import { STOPPED_REASON } from './transactions/mapping.js';
import { TxSide } from './transactions/tx-side.js';
import type { TxHandlerContext } from './transactions/context.js';
import { txPointsOf, vetoUnsupportedTxPoints } from './transactions/tx-points201.js';
import type { Authorization } from '../../agent/station/authorization.js';
import { CUSTOMER_DATA_HANDLERS } from './customer/index.js';
import { eventIds, FaultEvents } from './events/index.js';
import type { NotifyCustomerInformationRequest } from './generated/NotifyCustomerInformation.js';

/** Let a CALLRESULT leave before what it announces (a reset closing the connection, a triggered message). */
const AFTER_ANSWER_MS = 50;

export interface Ocpp201ProfileDeps {
  rpc: RpcConnection;
  store: Store;
  settings: Settings;
  clock: Clock;
  log: Logger;
  chargingStation: BootNotificationRequest['chargingStation'];
  identity: ResolvedConfig['identity'];
  evses: ResolvedConfig['evses'];
  maxQueueDepth: number;
  onReset: (kind: ResetKind) => void;
}

export class Ocpp201Profile implements ProtocolProfile {
  readonly version = '2.0.1';
  readonly settings: Settings;
  readonly model: DeviceModel;
  readonly keys: DeviceModelConfig;
  readonly authorization: Authorization;
  readonly ledger: DurableLedger;
  readonly sender: QueueSender;
  readonly localList: LocalListReporting;
  private readonly registration: Registration;
  private readonly localListHandlers: Readonly<Record<string, LocalListHandler>>;
  /** Which network connection profile (B09/B10 slot) the connection uses. */
  readonly network: NetworkSelector;
  private readonly networkHandlers: Readonly<Record<string, NetworkHandler>>;
  private readonly notifier: StatusNotifier;
  private station: Station | null = null;
  private ctx: TxHandlerContext | null = null;
  private readonly tx: TxSide;
  private readonly chores: ConnectionChores;
  private resetTimer: TimerHandle | null = null;
  private readonly offs: (() => void)[] = [];
  private accepted = false;
  /** NotifyReport parts go out one after the other, each after the previous was answered, reports in order. */
  private reports: Promise<void> = Promise.resolve();
  private stopped = false;
  private reservationUpdates: ReservationStatusUpdates | null = null;
  private readonly faultEvents: FaultEvents;

  constructor(private readonly d: Ocpp201ProfileDeps) {
    this.settings = d.settings;
    this.model = createStationModel({ store: d.store, settings: d.settings, clock: d.clock, identity: d.identity, evses: d.evses, station: () => this.station, activeNetworkProfile: () => this.network?.activeSlot() });
    for (const w of this.model.warnings) d.log.warn(w);
    vetoUnsupportedTxPoints(this.model);
    vetoEmptySlots(this.model, d.store.settings);
    this.network = new NetworkSelector({ rpc: d.rpc, model: this.model, settings: d.store.settings, log: d.log.child({ module: 'network' }) });
    this.networkHandlers = createNetworkHandlers({ model: this.model, settings: d.store.settings, activeSecurityProfile: () => securityProfileOf(d.rpc.baseUrl, d.rpc.usesBasicAuth) });
    this.offs.push(bridgeSettings(this.model, d.settings));
    this.keys = new DeviceModelConfig(this.model);
    this.localList = { maxLength: maxListEntries(this.model), reportedVersion: reportedListVersion201 };
    this.localListHandlers = createLocalListHandlers({ store: d.store, model: this.model, settings: d.settings, log: d.log.child({ module: 'local-list' }) });
    this.tx = new TxSide({ rpc: d.rpc, store: d.store, settings: d.settings, clock: d.clock, log: d.log, evses: d.evses, maxQueueDepth: d.maxQueueDepth, canSend: () => this.canSend(), station: () => this.station, cacheLifeTimeS: () => authCacheLifeTimeS(this.model), alignedDuringTx: () => alignedDuringTx(this.model) });
    this.authorization = this.tx.authorization;
    this.sender = this.tx.sender;
    this.chores = new ConnectionChores({ rpc: d.rpc, clock: d.clock, log: d.log, settings: d.settings, sender: this.sender, canSend: () => this.canSend() });
    this.ledger = this.tx.ledger;
    this.registration = new Registration({
      clock: d.clock,
      log: d.log.child({ module: 'boot' }),
      call: (a, p) => d.rpc.call(a, p),
      station: d.chargingStation,
      reason: takeStartReason(d.store.settings),
      isOpen: () => d.rpc.state === 'open',
      onAccepted: (conf) => this.onAccepted(conf.interval),
      onStatus: (s) => d.log.info({ registration: s }, 'registration status'),
    });
    this.notifier = new StatusNotifier({
      clock: d.clock,
      log: d.log.child({ module: 'status' }),
      canSend: () => this.canSend(),
      call: (a, p) => d.rpc.call(a, p),
      current: () => this.currentStatuses(),
      offlineThresholdS: () => this.model.number({ component: 'OCPPCommCtrlr', variable: 'OfflineThreshold' }) ?? 0,
    });
    this.faultEvents = new FaultEvents({
      clock: d.clock,
      log: d.log.child({ module: 'events' }),
      canSend: () => this.canSend(),
      call: (a, p) => d.rpc.call(a, p),
      nextEventId: eventIds(d.store.settings),
      current: () =>
        (this.station?.evses() ?? []).map((e) => {
          const tx = e.transaction();
          // A 2.0.1 transactionId is its journal localId (tx-events.ts).
          return { evseId: e.id, faults: e.snapshot().faults, ...(tx ? { transactionId: tx.localId } : {}) };
        }),
    });
  }

  /**
   * Initial values from the config file's `ocppKeys`, by device-model key (config-access.ts), for attributes the
   * store has no value for yet; every problem is returned, nothing applied twice.
   */
  applyInitialKeys(values: Record<string, string>): { key: string; reason: string }[] {
    const problems: { key: string; reason: string }[] = [];
    const stored = persistedValues(this.d.store.settings);
    for (const [key, value] of Object.entries(values)) {
      const v = this.keys.get(key);
      if (!v) {
        problems.push({ key, reason: 'unknown OCPP 2.0.1 device-model variable (Component[@evse[/connector]].Variable[[instance]][/Attribute])' });
        continue;
      }
      if (v.readonly) {
        problems.push({ key, reason: 'read-only variable' });
        continue;
      }
      if (this.keys.isStored(key, stored)) continue;
      const r: ConfigSetResult = this.keys.set(key, value);
      if (r.status === 'Rejected' || r.status === 'NotSupported') problems.push({ key, reason: r.reason ?? r.status });
    }
    return problems;
  }

  /** TxCtrlr.TxStartPoint / TxStopPoint as the session takes them (read at each decision). */
  txPoints(): TxPoints {
    const p = txPointsOf(this.model);
    // StopTxOnEVSideDisconnect (part 2 2.6.2): unplugging at the EV deauthorizes, which Authorized as a stop point
    // (checkTxPoints requires it) turns into the end: the same as EVConnected among the stop points.
    if (this.settings.get('stopTransactionOnEVSideDisconnect') && !p.stop.includes('EVConnected')) return { ...p, stop: [...p.stop, 'EVConnected'] };
    return p;
  }

  registrationStatus(): RegistrationStatus {
    return this.registration.state;
  }

  attach(station: Station): void {
    this.station = station;
    const d = this.d;
    this.ctx = {
      station,
      model: this.model,
      clock: d.clock,
      log: d.log.child({ module: 'ocpp201' }),
      registration: () => this.registration.state,
      scheduleReset: (type, reason) => this.reset(type, reason),
      sendReport: (parts) => this.sendReport(parts),
      trigger: (message, evse) => this.trigger(message, evse),
      store: d.store,
      settings: d.settings,
      authorization: this.authorization,
      noteTokenType: (t) => this.tx.noteTokenType(t),
      call: (action, payload) => d.rpc.call(action, payload),
      canSend: () => this.canSend(),
      evseConfig: d.evses,
      sendCustomerInformation: (parts) => this.sendCustomerInformation(parts),
    };
    this.offs.push(watchExternalLimits(this.ctx));
    // B03.FR.08: while Rejected, every CSMS call is answered SecurityError.
    d.rpc.setInboundGate(() =>
      this.registration.state === 'Rejected' ? { kind: 'error', code: 'SecurityError', description: 'the CSMS rejected this station (BootNotification Rejected)' } : { kind: 'allow' },
    );
    d.rpc.setInboundHandler((action, payload) => this.dispatch(action, payload));
    this.reservationUpdates = attachReservations({ station, model: this.model, store: d.store.settings, log: d.log.child({ module: 'reservations' }), canSend: () => this.canSend(), call: (a, p) => d.rpc.call(a, p), connected: () => d.rpc.state === 'open' });
    this.offs.push(
      d.rpc.events.on('open', () => {
        // B10.FR.10: through another network profile this may be another CSMS: register again.
        if (this.network.takeSwitched() && this.accepted) {
          this.accepted = false;
          this.registration.forget();
        }
        if (this.accepted) this.onRegisteredConnection(false);
        else this.registration.connected();
      }),
    );
    this.offs.push(
      d.rpc.events.on('close', () => this.notifier.disconnected()),
    );
    this.offs.push(station.events.on('status', (e) => this.notifier.changed(e)));
    this.offs.push(station.events.on('status', (e) => this.tx.statusChanged(e)));
    this.offs.push(station.events.on('transactionStopped', (rec) => this.tx.transactionEnded(rec.localId)));
    this.offs.push(station.events.on('idleSample', (id, samples) => idleAlignedSamples(this.meterDeps(), id, samples)));
    this.offs.push(station.events.on('resetRequested', (kind) => d.onReset(kind)));
    this.offs.push(station.events.on('fault', (e) => this.faultEvents.changed(e)));
    this.chores.start();
    this.sender.start();
  }

  async stopSending(maxWaitMs: number): Promise<void> {
    this.quiet();
    await this.sender.finish(maxWaitMs);
  }

  stop(): void {
    this.quiet();
    this.sender.stop();
    this.chores.stop();
  }

  private quiet(): void {
    this.stopped = true;
    this.faultEvents.stop();
    this.registration.stop();
    this.network.stop();
    this.chores.quiet();
    this.d.clock.clear(this.resetTimer);
    this.reservationUpdates?.stop();
    this.offs.splice(0).forEach((off) => off());
    this.d.rpc.setInboundHandler(null);
    this.d.rpc.setInboundGate(null);
  }

  canSend(): boolean {
    return this.registration.state === 'Accepted' && this.d.rpc.state === 'open';
  }

  private onAccepted(interval: number): void {
    // B01.FR.04: the CSMS's interval becomes HeartbeatInterval (the bridge passes it on to the heartbeat).
    if (interval > 0 && this.model.number({ component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' }) !== interval) {
      this.model.set({ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: String(interval) });
    }
    const first = !this.accepted;
    this.accepted = true;
    this.onRegisteredConnection(first);
  }

  private onRegisteredConnection(first: boolean): void {
    this.notifier.registered(first);
    this.faultEvents.registered();
    this.chores.registered();
    this.reservationUpdates?.flush();
  }

  private currentStatuses(): EvseStatusEvent[] {
    const st = this.station;
    if (!st) return [];
    const now = this.d.clock.now().toISOString();
    return st.evses().map((e) => ({ evseId: e.id, ...e.currentStatus(), timestamp: now }));
  }

  private sendReport(parts: NotifyReportRequest[]): void {
    this.sendParts('NotifyReport', parts);
  }

  private sendCustomerInformation(parts: NotifyCustomerInformationRequest[]): void {
    this.sendParts('NotifyCustomerInformation', parts);
  }

  /**
   * A report in parts (NotifyReport, NotifyCustomerInformation): after the answer that announced it, each part
   * after the previous one was answered, reports in the order they were asked for.
   */
  private sendParts(action: string, parts: { requestId: number; seqNo: number }[]): void {
    const send = async () => {
      await new Promise<void>((r) => this.d.clock.setTimeout(r, AFTER_ANSWER_MS));
      for (const part of parts) {
        if (this.stopped) return;
        try {
          await this.d.rpc.call(action, part);
        } catch (err) {
          // The rest of this report would have a gap the CSMS cannot see: stop it here (it may ask again).
          this.d.log.warn({ requestId: part.requestId, seqNo: part.seqNo, err: (err as Error).message }, `${action} not delivered: rest of the report dropped`);
          return;
        }
      }
    };
    this.reports = this.reports.then(send);
  }

  private trigger(message: MessageTriggerEnumType, evse: TriggerMessageRequest['evse']): 'Accepted' | 'Rejected' | 'NotImplemented' {
    const later = (fn: () => void) => this.d.clock.setTimeout(fn, AFTER_ANSWER_MS);
    switch (message) {
      case 'BootNotification':
        // F06.FR.17: refused once Accepted.
        return this.registration.trigger() ? 'Accepted' : 'Rejected';
      case 'Heartbeat':
        if (this.d.rpc.state !== 'open') return 'Rejected';
        later(() => this.chores.heartbeat());
        return 'Accepted';
      case 'StatusNotification': {
        if (evse !== undefined && !this.station?.evse(evse.id)) return 'Rejected';
        if (evse?.connectorId !== undefined && evse.connectorId !== 1) return 'Rejected';
        later(() => this.notifier.trigger(evse?.id));
        return 'Accepted';
      }
      default:
        return triggerOther({ ...this.meterDeps(), station: this.station, later }, message, evse);
    }
  }

  private meterDeps() {
    const d = this.d;
    return { model: this.model, station: () => this.station, canSend: () => this.canSend(), call: (a: string, p: unknown) => d.rpc.call(a, p), log: d.log.child({ module: 'meter' }), alignedMeasurands: () => this.settings.get('alignedMeasurands'), phasesOf: (id: number) => d.evses.find((e) => e.id === id)?.phases ?? 3 };
  }

  /** `chargerctl reset`: Soft restarts the agent, Hard the process (both reboot as far as the CSMS can tell). */
  scheduleReset(kind: ResetKind): void {
    this.rebootLater(kind, 'LocalReset');
  }

  /**
   * Reset(Immediate) reboots now (transactions stopped first, B12.FR.04): a fresh process, as 1.6's Hard.
   * Reset(OnIdle) waits for transactions to end (B12.FR.01: Scheduled), then restarts the agent in the process as
   * 1.6's Soft.
   */
  private reset(type: ResetEnumType, reason: BootReasonEnumType): 'Accepted' | 'Scheduled' {
    const station = this.station;
    // Errata 2.14 (B11): a pending reservation is no idle state either, so OnIdle waits for it to end too.
    const busy = () => (station?.evses().some((e) => e.transaction() !== null) ?? false) || (station?.reservations.list().length ?? 0) > 0;
    if (type === 'Immediate' || !busy() || !station) {
      this.rebootLater(type === 'Immediate' ? 'Hard' : 'Soft', reason);
      return 'Accepted';
    }
    recordNextBootReason(this.d.store.settings, reason);
    const idle = () => {
      if (busy()) return;
      offs.forEach((off) => off());
      this.rebootLater('Soft', reason);
    };
    const offs = [station.events.on('transactionStopped', idle), station.reservations.events.on('changed', idle)];
    this.offs.push(...offs);
    return 'Scheduled';
  }

  private rebootLater(kind: ResetKind, reason: BootReasonEnumType): void {
    recordNextBootReason(this.d.store.settings, reason);
    this.d.clock.clear(this.resetTimer);
    this.resetTimer = this.d.clock.setTimeout(() => {
      this.resetTimer = null;
      void this.station?.reset(kind);
    }, AFTER_ANSWER_MS);
  }

  csmsStopReason(reason: StopReason): string {
    return STOPPED_REASON[reason];
  }

  private async dispatch(action: string, payload: unknown): Promise<unknown> {
    const ctx = this.ctx;
    if (!ctx) throw new OcppCallError('InternalError', 'station not ready');
    if (Object.hasOwn(TX_HANDLERS, action)) return TX_HANDLERS[action]!(ctx, payload);
    if (Object.hasOwn(SMART_CHARGING_HANDLERS, action)) return SMART_CHARGING_HANDLERS[action]!(ctx, payload);
    if (Object.hasOwn(this.localListHandlers, action)) return this.localListHandlers[action]!(payload);
    if (Object.hasOwn(RESERVATION_HANDLERS, action)) return RESERVATION_HANDLERS[action]!(ctx, payload);
    if (Object.hasOwn(CUSTOMER_DATA_HANDLERS, action)) return CUSTOMER_DATA_HANDLERS[action]!(ctx, payload);
    if (Object.hasOwn(this.networkHandlers, action)) return this.networkHandlers[action]!(payload);
    const handler = PROVISIONING_HANDLERS[action];
    // A 2.0.1 action this station does not do (the validator already answered NotImplemented for unknown names):
    // part 4 §4.3 "recognized but not supported", as its own example for an unimplemented request.
    if (!handler || !Object.hasOwn(PROVISIONING_HANDLERS, action)) throw new OcppCallError('NotSupported', `${action} is not supported by this station (OCPP 2.0.1 preview)`);
    return handler(ctx, payload);
  }
}
