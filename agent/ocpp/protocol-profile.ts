/**
 * What the version-neutral core needs from an OCPP version. A profile (profiles/ocpp16/, later profiles/ocpp201/)
 * implements it; the agent is given the available ones by the program that starts it (agent/bin/, the composition
 * root) and builds the configured one, so nothing in agent/ outside agent/bin/ names a version's code.
 */
import type { Clock } from '../clock/clock.js';
import type { ResolvedConfig } from '../config/load.js';
import type { Logger } from '../log.js';
import type { Authorization } from '../station/authorization.js';
import type { Settings } from '../station/settings.js';
import type { Station } from '../station/station.js';
import type { TxPoints } from '../station/tx-points.js';
import type { ResetKind, StopReason } from '../station/types.js';
import type { DurableLedger } from '../transactions/ledger.js';
import type { QueueSender } from '../transactions/queue-sender.js';
import type { LocalAuthListStore, Store } from '../../offline-queue/types.js';
import type { OcppDialect } from './errors.js';
import type { RpcConnection } from './rpc-connection.js';
import type { PayloadValidator } from './validator.js';

/** The outcome of writing one configuration value (ChangeConfiguration's statuses; SetVariables maps onto them). */
export type ConfigSetResult = { status: 'Accepted' | 'Rejected' | 'RebootRequired' | 'NotSupported'; reason?: string };

/** The station's configuration as its protocol names it: 1.6 keys, or 2.0.1 component/variable names. */
export interface ConfigurationAccess {
  keys(): readonly { key: string; rebootRequired?: boolean }[];
  has(key: string): boolean;
  get(key: string): { key: string; readonly: boolean; value: string } | undefined;
  set(key: string, raw: string): ConfigSetResult;
  /** What set() would answer, without applying anything (an import is checked whole before any key is set). */
  check(key: string, raw: string): ConfigSetResult;
}

/** How the local authorization list's size and version are reported (1.6 §5.10; 2.0.1 D01/D02). */
export interface LocalListReporting {
  /** Most identifiers the list may hold. */
  readonly maxLength: number;
  /** What the CSMS is told the list's version is (e.g. 1.6 answers -1 while the list is disabled). */
  reportedVersion(enabled: boolean, list: LocalAuthListStore): number;
}

export interface ProtocolProfileDeps {
  rpc: RpcConnection;
  store: Store;
  settings: Settings;
  clock: Clock;
  log: Logger;
  identity: ResolvedConfig['identity'];
  evses: ResolvedConfig['evses'];
  meterMeasurands: readonly string[];
  /** Most queued transaction messages before intermediate meter values are thinned. */
  maxQueueDepth: number;
  /** A reset was requested and transactions are stopped: the owner restarts the agent. */
  onReset: (kind: ResetKind) => void;
}

/**
 * One station's protocol side. Construction is two-step because the station needs the profile's ledger and
 * authorizer, and the profile needs the station: the factory builds what the station needs, `attach(station)`
 * wires the rest.
 */
export interface ProtocolProfile {
  readonly version: string;
  readonly settings: Settings;
  readonly keys: ConfigurationAccess;
  readonly authorization: Authorization;
  readonly ledger: DurableLedger;
  readonly sender: QueueSender;
  readonly localList: LocalListReporting;
  /** Applies the config file's protocol keys; the problems found, none applied twice. */
  applyInitialKeys(values: Record<string, string>): { key: string; reason: string }[];
  /** 'Unregistered' until the first answer to the boot message, then the CSMS's verdict. */
  registrationStatus(): string;
  attach(station: Station): void;
  /** Shutdown, first step: nothing new goes out; the transaction message in flight has maxWaitMs to be answered. */
  stopSending(maxWaitMs: number): Promise<void>;
  /** After the connection is closed, before the store is. */
  stop(): void;
  /** Registered and connected: the station's own messages may go out. */
  canSend(): boolean;
  /** A reset as the CSMS would order it (transactions stopped first, then the owner's onReset). */
  scheduleReset(kind: ResetKind): void;
  /** When transactions begin and end, read at each decision (2.0.1 TxStartPoint / TxStopPoint); omitted: the
   * fixed choice of OCPP 1.6. */
  txPoints?(): TxPoints;
  /** The stop reason the CSMS is told for the journal's reason (versions name reasons differently). */
  csmsStopReason(reason: StopReason): string;
}

/** An OCPP version as the composition root offers it to the agent. */
export interface ProtocolModule {
  /** The config's `ocpp.version`. */
  readonly version: string;
  /** Offered in Sec-WebSocket-Protocol. */
  readonly subprotocol: string;
  readonly dialect: OcppDialect;
  /** Compiled once per process and shared by every station in it. */
  validator(): PayloadValidator;
  create(deps: ProtocolProfileDeps): ProtocolProfile;
}

/** The versions a program can speak, by `ocpp.version`. */
export type ProtocolModules = Readonly<Record<string, ProtocolModule>>;
