/**
 * Behaviour settings of the station, by version-neutral names. OCPP profiles expose them under their own key
 * names (profiles/ocpp16/config-keys.ts); ChangeConfiguration and `chargerctl config set` both end here, so a
 * value is validated, persisted and announced in one place.
 */
import { Emitter } from '../../hal/emitter.js';
import type { SettingsStore } from '../../offline-queue/types.js';

export interface StationSettingValues {
  heartbeatIntervalS: number;
  connectionTimeOutS: number;
  meterValueSampleIntervalS: number;
  clockAlignedDataIntervalS: number;
  sampledMeasurands: string[];
  alignedMeasurands: string[];
  stopTxnSampledMeasurands: string[];
  stopTxnAlignedMeasurands: string[];
  stopTransactionOnEVSideDisconnect: boolean;
  unlockConnectorOnEVSideDisconnect: boolean;
  stopTransactionOnInvalidId: boolean;
  maxEnergyOnInvalidIdWh: number;
  localPreAuthorize: boolean;
  localAuthorizeOffline: boolean;
  authorizeRemoteTxRequests: boolean;
  allowOfflineTxForUnknownId: boolean;
  authorizationCacheEnabled: boolean;
  localAuthListEnabled: boolean;
  transactionMessageAttempts: number;
  transactionMessageRetryIntervalS: number;
  resetRetries: number;
  blinkRepeat: number;
  lightIntensity: number;
  minimumStatusDurationS: number;
  webSocketPingIntervalS: number;
  messageTimeoutS: number;
  connectorPhaseRotation: string;
  stopTransactionMaxMeterValues: number;
  /** A reservation may name no EVSE (1.6 connector 0): the station keeps one free for it. */
  reserveConnectorZeroSupported: boolean;
}

export type SettingName = keyof StationSettingValues;

export const DEFAULT_SETTINGS: StationSettingValues = {
  heartbeatIntervalS: 300,
  connectionTimeOutS: 60,
  meterValueSampleIntervalS: 60,
  clockAlignedDataIntervalS: 0,
  sampledMeasurands: ['Energy.Active.Import.Register'],
  alignedMeasurands: ['Energy.Active.Import.Register'],
  stopTxnSampledMeasurands: ['Energy.Active.Import.Register'],
  stopTxnAlignedMeasurands: [],
  stopTransactionOnEVSideDisconnect: true,
  unlockConnectorOnEVSideDisconnect: true,
  stopTransactionOnInvalidId: true,
  maxEnergyOnInvalidIdWh: 0,
  localPreAuthorize: false,
  localAuthorizeOffline: true,
  authorizeRemoteTxRequests: false,
  allowOfflineTxForUnknownId: false,
  authorizationCacheEnabled: true,
  localAuthListEnabled: true,
  transactionMessageAttempts: 3,
  transactionMessageRetryIntervalS: 60,
  resetRetries: 1,
  blinkRepeat: 3,
  lightIntensity: 50,
  minimumStatusDurationS: 0,
  webSocketPingIntervalS: 60,
  messageTimeoutS: 30,
  connectorPhaseRotation: '0.RST',
  stopTransactionMaxMeterValues: 200,
  reserveConnectorZeroSupported: true,
};

const PREFIX = 'setting.';

export class Settings {
  readonly events = new Emitter<{ change: <K extends SettingName>(name: K, value: StationSettingValues[K]) => void }>();
  private readonly values: StationSettingValues;

  constructor(
    private readonly store: SettingsStore,
    defaults: StationSettingValues = DEFAULT_SETTINGS,
  ) {
    this.values = structuredClone(defaults);
    const saved = store.getAll();
    for (const name of Object.keys(this.values) as SettingName[]) {
      const raw = saved[PREFIX + name];
      if (raw === undefined) continue;
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed === typeof this.values[name] && Array.isArray(parsed) === Array.isArray(this.values[name]))
          (this.values as unknown as Record<string, unknown>)[name] = parsed;
      } catch {
        // A value we cannot read keeps the default; the next write replaces it.
      }
    }
  }

  get<K extends SettingName>(name: K): StationSettingValues[K] {
    return this.values[name];
  }

  /** Whether a value was ever written (persisted); lets config-file defaults apply only to fresh databases. */
  isPersisted(name: SettingName): boolean {
    return this.store.getAll()[PREFIX + name] !== undefined;
  }

  set<K extends SettingName>(name: K, value: StationSettingValues[K]): void {
    this.store.set(PREFIX + name, JSON.stringify(value));
    this.values[name] = value;
    this.events.emit('change', name, value);
  }

  snapshot(): StationSettingValues {
    return structuredClone(this.values);
  }
}
