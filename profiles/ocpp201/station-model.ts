/**
 * The device model of one station, wired to the station: values persisted in the store's settings table under
 * `dm:<keyOf()>` (the key/value API offline-queue already has), live values read from the clock, the EVSEs and the
 * config's identity, and the variables that steer version-neutral station behaviour mirrored into Settings
 * (SETTING_BRIDGE) so the core (heartbeat, ping, sampling, authorization) obeys SetVariables.
 */
import type { Clock } from '../../agent/clock/clock.js';
import type { ResolvedConfig } from '../../agent/config/load.js';
import type { Settings, SettingName, StationSettingValues } from '../../agent/station/settings.js';
import type { Station } from '../../agent/station/station.js';
import type { SettingsStore, Store } from '../../offline-queue/types.js';
import { DeviceModel, keyOf, type VariableRef } from './device-model/device-model.js';
import { authCacheStorage, localListStorage } from './local-list/storage.js';
import type { ComponentDefinition } from './device-model/types.js';
import { STANDARD_COMPONENTS } from './device-model/variables.js';
import { connectorStatus } from './status-mapping.js';

export const DM_PREFIX = 'dm:';

/** The EVSE's one connector: chargerd's EVSEs have exactly one (connector 1 in 2.0.1 addressing). */
export const CONNECTOR_ID = 1;

type Kind = 'int' | 'bool' | 'list';

/** Device-model variable (Actual) → station setting. Data, not code: the test and the README read it. */
export const SETTING_BRIDGE: readonly { ref: VariableRef; setting: SettingName; kind: Kind }[] = [
  { ref: { component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' }, setting: 'heartbeatIntervalS', kind: 'int' },
  { ref: { component: 'OCPPCommCtrlr', variable: 'WebSocketPingInterval' }, setting: 'webSocketPingIntervalS', kind: 'int' },
  { ref: { component: 'OCPPCommCtrlr', variable: 'MessageAttempts', instance: 'TransactionEvent' }, setting: 'transactionMessageAttempts', kind: 'int' },
  { ref: { component: 'OCPPCommCtrlr', variable: 'MessageAttemptInterval', instance: 'TransactionEvent' }, setting: 'transactionMessageRetryIntervalS', kind: 'int' },
  { ref: { component: 'OCPPCommCtrlr', variable: 'ResetRetries' }, setting: 'resetRetries', kind: 'int' },
  { ref: { component: 'OCPPCommCtrlr', variable: 'UnlockOnEVSideDisconnect' }, setting: 'unlockConnectorOnEVSideDisconnect', kind: 'bool' },
  { ref: { component: 'TxCtrlr', variable: 'EVConnectionTimeOut' }, setting: 'connectionTimeOutS', kind: 'int' },
  { ref: { component: 'TxCtrlr', variable: 'StopTxOnEVSideDisconnect' }, setting: 'stopTransactionOnEVSideDisconnect', kind: 'bool' },
  { ref: { component: 'TxCtrlr', variable: 'StopTxOnInvalidId' }, setting: 'stopTransactionOnInvalidId', kind: 'bool' },
  { ref: { component: 'TxCtrlr', variable: 'MaxEnergyOnInvalidId' }, setting: 'maxEnergyOnInvalidIdWh', kind: 'int' },
  { ref: { component: 'SampledDataCtrlr', variable: 'TxUpdatedInterval' }, setting: 'meterValueSampleIntervalS', kind: 'int' },
  { ref: { component: 'SampledDataCtrlr', variable: 'TxUpdatedMeasurands' }, setting: 'sampledMeasurands', kind: 'list' },
  { ref: { component: 'SampledDataCtrlr', variable: 'TxEndedMeasurands' }, setting: 'stopTxnSampledMeasurands', kind: 'list' },
  { ref: { component: 'AlignedDataCtrlr', variable: 'Interval' }, setting: 'clockAlignedDataIntervalS', kind: 'int' },
  { ref: { component: 'AlignedDataCtrlr', variable: 'Measurands' }, setting: 'alignedMeasurands', kind: 'list' },
  { ref: { component: 'AlignedDataCtrlr', variable: 'TxEndedMeasurands' }, setting: 'stopTxnAlignedMeasurands', kind: 'list' },
  { ref: { component: 'AuthCtrlr', variable: 'LocalPreAuthorize' }, setting: 'localPreAuthorize', kind: 'bool' },
  { ref: { component: 'AuthCtrlr', variable: 'LocalAuthorizeOffline' }, setting: 'localAuthorizeOffline', kind: 'bool' },
  { ref: { component: 'AuthCtrlr', variable: 'AuthorizeRemoteStart' }, setting: 'authorizeRemoteTxRequests', kind: 'bool' },
  { ref: { component: 'AuthCtrlr', variable: 'OfflineTxForUnknownIdEnabled' }, setting: 'allowOfflineTxForUnknownId', kind: 'bool' },
  { ref: { component: 'AuthCacheCtrlr', variable: 'Enabled' }, setting: 'authorizationCacheEnabled', kind: 'bool' },
  { ref: { component: 'LocalAuthListCtrlr', variable: 'Enabled' }, setting: 'localAuthListEnabled', kind: 'bool' },
];

/**
 * Variables whose Actual value the station owns although the appendix data marks them stored: MessageTimeout
 * [Default] is ocpp.callTimeoutS (the agent writes it into Settings), not something SetVariables changes.
 */
const STATION_SUPPLIED = new Set(['OCPPCommCtrlr.MessageTimeout[Default]']);

function components(): ComponentDefinition[] {
  return STANDARD_COMPONENTS.map((c) => ({
    ...c,
    variables: c.variables.map((v) => (STATION_SUPPLIED.has(keyOf({ component: c.name, variable: v.name, ...(v.instance ? { instance: v.instance } : {}) })) ? { ...v, live: true } : v)),
  }));
}

function parse(kind: Kind, raw: string): StationSettingValues[SettingName] | undefined {
  if (kind === 'int') return raw === '' || !Number.isFinite(Number(raw)) ? undefined : Number(raw);
  if (kind === 'bool') return raw === 'true' ? true : raw === 'false' ? false : undefined;
  return raw === '' ? [] : raw.split(',').map((s) => s.trim());
}

export function persistedValues(store: SettingsStore): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(store.getAll())) if (k.startsWith(DM_PREFIX)) out[k.slice(DM_PREFIX.length)] = v;
  return out;
}

/** IEC 62196 type 2: a socket (sType2) or a tethered cable (cType2), as ConnectorEnumType names them. */
export function connectorType(connector: 'socket' | 'cable'): string {
  return connector === 'cable' ? 'cType2' : 'sType2';
}

export interface StationModelDeps {
  store: Store;
  settings: Settings;
  clock: Clock;
  identity: ResolvedConfig['identity'];
  evses: ResolvedConfig['evses'];
  /** The station once attached; live values before that fall back to the stored ones. */
  station: () => Station | null;
  /** OCPPCommCtrlr.ActiveNetworkProfile: the B09/B10 slot the connection uses. */
  activeNetworkProfile?: () => number | undefined;
}

export function createStationModel(d: StationModelDeps): DeviceModel {
  const evseCfg = (id: number | undefined) => d.evses.find((e) => e.id === id);
  const characteristics: Record<string, { maxLimit: number }> = {};
  const values: Record<string, string> = {};
  for (const e of d.evses) {
    // 230 V per phase: the most this EVSE can offer (B05: EVSE.Power maxLimit is required).
    characteristics[keyOf({ component: 'EVSE', evseId: e.id, variable: 'Power' })] = { maxLimit: e.maxCurrentA * 230 * e.phases };
  }
  return new DeviceModel({
    evses: d.evses.map((e) => ({ id: e.id, connectors: [CONNECTOR_ID] })),
    components: components(),
    persisted: persistedValues(d.store.settings),
    persist: (key, value) => d.store.settings.set(DM_PREFIX + key, value),
    characteristics,
    values,
    read: (ref) => {
      const st = d.station();
      const evse = ref.evseId !== undefined ? st?.evse(ref.evseId) : undefined;
      switch (`${ref.component}.${ref.variable}`) {
        case 'OCPPCommCtrlr.ActiveNetworkProfile': {
          const slot = d.activeNetworkProfile?.();
          return slot === undefined ? undefined : String(slot);
        }
        case 'ClockCtrlr.DateTime':
          return d.clock.now().toISOString();
        case 'OCPPCommCtrlr.MessageTimeout':
          return String(d.settings.get('messageTimeoutS'));
        case 'ChargingStation.AvailabilityState':
          return st ? connectorStatus(st.stationStatus().status) : undefined;
        case 'EVSE.AvailabilityState':
        case 'Connector.AvailabilityState':
          return evse ? connectorStatus(evse.currentStatus().status) : undefined;
        case 'EVSE.Problem':
          return evse ? String(evse.snapshot().faults.length > 0) : undefined;
        case 'EVSE.Power': {
          const w = evse?.snapshot().powerW;
          return typeof w === 'number' ? String(Math.round(w)) : undefined;
        }
        case 'ChargingStation.Model':
          return d.identity.model;
        case 'ChargingStation.VendorName':
          return d.identity.vendor;
        case 'ChargingStation.SupplyPhases':
          return String(Math.max(...d.evses.map((e) => e.phases)));
        case 'EVSE.SupplyPhases':
        case 'Connector.SupplyPhases':
          return evseCfg(ref.evseId) ? String(evseCfg(ref.evseId)!.phases) : undefined;
        case 'Connector.ConnectorType':
          return evseCfg(ref.evseId) ? connectorType(evseCfg(ref.evseId)!.connector) : undefined;
        case 'LocalAuthListCtrlr.Entries':
          return String(d.store.localList.size());
        case 'LocalAuthListCtrlr.Storage':
          return String(localListStorage(d.store.localList));
        case 'AuthCacheCtrlr.Storage':
          return String(authCacheStorage(d.store.authCache));
        case 'SmartChargingCtrlr.Entries':
          return st ? String(st.profiles.all().length) : undefined;
        default:
          return undefined;
      }
    },
  });
}

/**
 * Brings Settings in line with the device model (at start, and after every accepted write): the device model is
 * the source of truth for a 2.0.1 station. Returns the off switch of the listener.
 */
export function bridgeSettings(model: DeviceModel, settings: Settings): () => void {
  const apply = (entry: (typeof SETTING_BRIDGE)[number]) => {
    const raw = model.value(entry.ref);
    if (raw === undefined) return;
    const v = parse(entry.kind, raw);
    if (v === undefined || JSON.stringify(v) === JSON.stringify(settings.get(entry.setting))) return;
    settings.set(entry.setting, v as never);
  };
  for (const entry of SETTING_BRIDGE) apply(entry);
  return model.onChange((ref, attribute) => {
    if (attribute !== 'Actual') return;
    const k = keyOf(ref).toLowerCase();
    const entry = SETTING_BRIDGE.find((e) => keyOf(e.ref).toLowerCase() === k);
    if (entry) apply(entry);
  });
}
