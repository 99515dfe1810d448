/**
 * The composition root: reads nothing global, builds one station from its config and wires the layers.
 * Everything is an instance, so a process can run one Agent (chargerd) or hundreds (fleet simulation).
 */
import { join } from 'node:path';
import type { Clock } from './clock/clock.js';
import { SystemClock } from './clock/clock.js';
import type { ResolvedConfig } from './config/load.js';
import { ConfigError, ensureDirectory } from './config/load.js';
import { ControlServer } from './control/server.js';
import type { Logger } from './log.js';
import { redactUrl } from './ocpp/handshake.js';
import type { LogRing } from './log-ring.js';
import { FrameTrace } from './ocpp/frame-trace.js';
import { createDiagHandlers, type LogSource } from './control/handlers-diag.js';
import { RpcConnection } from './ocpp/rpc-connection.js';
import { Settings } from './station/settings.js';
import { Station } from './station/station.js';
import type { ResetKind } from './station/types.js';
import { createControlHandlers } from './control-handlers.js';
import { chargerdVersion } from './version.js';
import type { MqttBridge } from './mqtt/bridge.js';
import { createHal, type AgentHal } from './hal-factory.js';
import { openSqliteStore } from '../offline-queue/index.js';
import type { Store } from '../offline-queue/types.js';
import type { ProtocolModule, ProtocolModules, ProtocolProfile } from './ocpp/protocol-profile.js';


export type AgentOutcome = { kind: 'reset'; reset: ResetKind } | { kind: 'stopped' };

/**
 * On the way down, the most a transaction CALL in flight is waited for (MessageTimeout if shorter): long enough
 * for a CSMS's round trip, well inside systemd's TimeoutStopSec (20 s).
 */
/** How long the shutdown waits for each meter to give the register of a running session. */
export const SHUTDOWN_METER_WAIT_MS = 1000;
export const SHUTDOWN_ANSWER_WAIT_MS = 3000;

export interface AgentOptions {
  config: ResolvedConfig;
  log: Logger;
  /** The OCPP versions the program offers (profiles/index.ts's PROTOCOLS); `ocpp.version` picks one. */
  protocols: ProtocolModules;
  clock?: Clock;
  /** Serve the control socket (off in tests that drive the agent directly). */
  control?: boolean;
  /** Overrides the config's queueMaxMessages. */
  maxQueueDepth?: number;
  /** The recent lines of `log` (createLogHub), for `chargerctl logs` and the diagnostics bundle. */
  logRing?: LogRing;
  /** Where the full log is: the journal of a systemd unit, else only the ring (see agent/control/handlers-diag.ts). */
  logSource?: LogSource;
}

export class Agent {
  readonly clock: Clock;
  readonly log: Logger;
  private store: Store | null = null;
  private halParts: AgentHal | null = null;
  private rpc: RpcConnection | null = null;
  private profile: ProtocolProfile | null = null;
  private station: Station | null = null;
  private control: ControlServer | null = null;
  private settings: Settings | null = null;
  private mqtt: MqttBridge | null = null;
  private resolveDone!: (o: AgentOutcome) => void;
  /** Settles when the agent wants to end (a reset) or was stopped. */
  readonly done: Promise<AgentOutcome>;
  private stopping: Promise<void> | null = null;

  constructor(private readonly opts: AgentOptions) {
    this.clock = opts.clock ?? new SystemClock();
    this.log = opts.log;
    this.done = new Promise((r) => (this.resolveDone = r));
  }

  async start(): Promise<void> {
    const cfg = this.opts.config;
    const log = this.log;
    // Not mkdirSync({ recursive }): under /proc it never returns, and a blocked event loop ignores SIGTERM.
    ensureDirectory(cfg.dataDir);
    const store = openSqliteStore(join(cfg.dataDir, 'chargerd.db'));
    this.store = store;
    const settings = new Settings(store.settings);
    this.settings = settings;

    this.halParts = await createHal(cfg, this.clock, log.child({ module: 'hal' }));
    const hal = this.halParts.hal;
    await hal.start();

    const auto = cfg.ocpp.version === AUTO_VERSION;
    const protocol = auto ? autoProtocol(this.opts.protocols, store.settings.getAll()[NEGOTIATED_KEY]) : this.opts.protocols[cfg.ocpp.version];
    if (!protocol) {
      throw new ConfigError([{ field: '/ocpp/version', value: cfg.ocpp.version, rule: `is not spoken by this build (it speaks ${Object.keys(this.opts.protocols).join(', ')}, or "auto")` }]);
    }
    const rpc = new RpcConnection({
      baseUrl: cfg.ocpp.csmsUrl,
      identity: cfg.chargePointId,
      subprotocol: protocol.subprotocol,
      ...(auto ? { offer: Object.values(this.opts.protocols).map((p) => p.subprotocol) } : {}),
      dialect: protocol.dialect,
      validator: protocol.validator(),
      clock: this.clock,
      log: log.child({ module: 'ocpp:rpc' }),
      callTimeoutMs: initialMessageTimeoutS(cfg, settings) * 1000,
      pingIntervalS: settings.get('webSocketPingIntervalS'),
      backoff: { initialMs: cfg.ocpp.reconnectMinS * 1000, maxMs: cfg.ocpp.reconnectMaxS * 1000 },
      trace: new FrameTrace(log.child({ module: 'ocpp:frames' }, cfg.log.frames ? { level: 'trace' } : {}), [cfg.ocpp.basicAuthPassword, cfg.mqtt?.password]),
      ...(cfg.ocpp.securityProfile === 1 || cfg.ocpp.securityProfile === 2
        ? { basicAuth: { username: cfg.chargePointId, password: cfg.ocpp.basicAuthPassword ?? '' } }
        : {}),
    });
    this.rpc = rpc;
    if (auto) {
      // The CSMS picked another of the offered versions: remember it and start the agent again speaking it (the
      // profile, its validator and the station are built for one version).
      rpc.events.on('otherSubprotocol', (sub) => {
        const picked = Object.values(this.opts.protocols).find((p) => p.subprotocol === sub);
        if (!picked) return;
        store.settings.set(NEGOTIATED_KEY, picked.version);
        log.info({ subprotocol: sub, was: protocol.subprotocol }, 'the CSMS picked another OCPP version: restarting the agent with it');
        this.resolveDone({ kind: 'reset', reset: 'Soft' });
      });
    }

    const firstEvse = hal.evses.get(1);
    const profile = protocol.create({
      rpc,
      store,
      settings,
      clock: this.clock,
      log,
      identity: cfg.identity,
      evses: cfg.evses,
      meterMeasurands: firstEvse ? firstEvse.meter.measurands : ['energy'],
      maxQueueDepth: this.opts.maxQueueDepth ?? cfg.queueMaxMessages,
      onReset: (kind) => this.resolveDone({ kind: 'reset', reset: kind }),
    });
    const problems = profile.applyInitialKeys(cfg.ocppKeys);
    // With "auto" the file may hold keys of every version it can end up speaking: those of the others are no error.
    if (problems.length && auto) log.warn({ version: protocol.version, problems }, 'ocppKeys not applied to this OCPP version');
    else if (problems.length) throw new ConfigError(problems.map((p) => ({ field: `/ocppKeys/${p.key}`, value: cfg.ocppKeys[p.key], rule: p.reason })));
    // The config's call timeout is MessageTimeout's first value (what GetConfiguration shows from then on).
    if (!settings.isPersisted('messageTimeoutS')) settings.set('messageTimeoutS', cfg.ocpp.callTimeoutS);
    this.profile = profile;

    const station = new Station({
      evses: cfg.evses.map((e) => ({ ...e, meterFaultAction: cfg.meterFaultAction })),
      hal,
      clock: this.clock,
      log: log.child({ module: 'station' }),
      settings,
      ledger: profile.ledger,
      authorizer: profile.authorization,
      ...(profile.txPoints ? { txPoints: () => profile.txPoints!() } : {}),
      persisted: store.settings,
      siteSharing: cfg.loadManagement.sharing,
      failsafe: cfg.loadManagement.failsafe,
    });
    this.station = station;
    // The failsafe counts the CSMS as reachable while its WebSocket is open (also while registration is Pending:
    // the CSMS is there and can send profiles once it accepts).
    rpc.events.on('open', () => station.failsafe.connection(true));
    rpc.events.on('close', () => station.failsafe.connection(false));
    profile.attach(station);
    station.start();

    if (this.opts.control !== false) {
      this.control = new ControlServer({
        socketPath: cfg.controlSocket,
        adminSocket: { path: cfg.control.adminSocket, group: cfg.control.adminGroup },
        log: log.child({ module: 'control' }),
        handlers: createControlHandlers({
          config: cfg,
          station,
          profile,
          store,
          rpc,
          sim: this.halParts.sim,
          clock: this.clock,
          extra: {
            ...this.halParts.control,
            ...createDiagHandlers({ ring: this.opts.logRing ?? null, source: this.opts.logSource ?? { kind: 'ring' } }),
          },
        }),
      });
      await this.control.start();
    }
    if (cfg.mqtt) {
      // Loaded only when configured: MQTT.js costs resident memory a station without a broker should not pay.
      const { MqttBridge } = await import('./mqtt/bridge.js');
      this.mqtt = new MqttBridge({
        config: cfg.mqtt,
        station,
        clock: this.clock,
        log: log.child({ module: 'mqtt' }),
        evses: cfg.evses,
        info: {
          chargePointId: cfg.chargePointId,
          vendor: cfg.identity.vendor,
          model: cfg.identity.model,
          serialNumber: cfg.identity.serialNumber,
          version: chargerdVersion(),
          ocppVersion: protocol.version,
          connection: () => rpc.state,
          registration: () => profile.registrationStatus(),
          queue: () => store.queue.stats(),
          onChange: (fn) => {
            const offs = [rpc.events.on('open', fn), rpc.events.on('close', fn), rpc.events.on('connectFailed', fn)];
            return () => offs.forEach((off) => off());
          },
        },
      });
      this.mqtt.start();
    }
    rpc.start();
    log.info({ chargePointId: cfg.chargePointId, csms: redactUrl(cfg.ocpp.csmsUrl), evses: cfg.evses.length, hal: cfg.hal.driver }, 'chargerd started');
  }

  /** Synchronous: contactors open, PWM off. Safe to call from a signal or crash handler. */
  safeState(): void {
    this.halParts?.hal.safeState();
  }

  stop(): Promise<void> {
    if (!this.stopping) this.stopping = this.doStop();
    return this.stopping;
  }

  /**
   * The order matters for billing: a transaction message whose answer is dropped is sent again after the
   * restart (a second StartTransaction opens a second CSMS transaction). So the sender stops starting CALLs and
   * the one in flight may still be answered and recorded; only then does the connection close (failing whatever
   * is left, which stays queued), then the sender stops, and the store closes last.
   */
  private async doStop(): Promise<void> {
    this.safeState();
    // With the energy off, the register is final: a session still running (SIGTERM, upgrade) is billed from it
    // after the restart instead of from an older journaled value.
    await this.station?.journalReadings(SHUTDOWN_METER_WAIT_MS);
    this.station?.stop();
    // Bounded inside (MqttBridge.STOP_WAIT_MS): a dead broker cannot hold the shutdown; before the store closes,
    // which its queue statistics read.
    await this.mqtt?.stop();
    await this.control?.stop();
    await this.profile?.stopSending(this.answerWaitMs());
    await this.rpc?.stop();
    this.profile?.stop();
    await this.halParts?.hal.stop();
    this.store?.close();
    this.resolveDone({ kind: 'stopped' });
  }

  private answerWaitMs(): number {
    const timeoutS = this.settings?.get('messageTimeoutS') ?? 0;
    return timeoutS > 0 ? Math.min(timeoutS * 1000, SHUTDOWN_ANSWER_WAIT_MS) : SHUTDOWN_ANSWER_WAIT_MS;
  }

  // For in-process embedding (demo, fleet, tests).
  get parts() {
    return { station: this.station, profile: this.profile, store: this.store, rpc: this.rpc, sim: this.halParts?.sim ?? null };
  }
}

/** `ocpp.version` "auto": every version of the build is offered, in the order of `protocols`. */
export const AUTO_VERSION = 'auto';
/** Store key of the version the CSMS last picked for an "auto" station (what it speaks at the next start). */
export const NEGOTIATED_KEY = 'ocpp.negotiatedVersion';

/** The version an "auto" station starts speaking: the one the CSMS picked last time, else the first offered. */
export function autoProtocol(protocols: ProtocolModules, negotiated: string | undefined): ProtocolModule | undefined {
  return (negotiated !== undefined ? protocols[negotiated] : undefined) ?? Object.values(protocols)[0];
}

/**
 * The RPC connection is built before the profile applies `ocppKeys`, so its call timeout is taken here the way
 * the settings will end up: a stored MessageTimeout, else the one in ocppKeys, else ocpp.callTimeoutS.
 */
function initialMessageTimeoutS(cfg: ResolvedConfig, settings: Settings): number {
  if (settings.isPersisted('messageTimeoutS')) return settings.get('messageTimeoutS');
  const fromKeys = Number(cfg.ocppKeys.MessageTimeout);
  return Number.isInteger(fromKeys) && fromKeys >= 1 ? fromKeys : cfg.ocpp.callTimeoutS;
}
