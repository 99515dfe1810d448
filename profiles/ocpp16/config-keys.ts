/**
 * The OCPP 1.6 configuration keys (§9.1 Core, with errata 3.79–3.89; §9.2 LocalAuthListManagement; §9.4 SmartCharging): name,
 * access, type, validation, whether a change needs a reboot, and where the value lives. Values live in the
 * station's Settings (persisted), so ChangeConfiguration and `chargerctl config set` share one path: `set()` below.
 */
import { STATION_PROFILE_LIMITS } from '../../agent/station/charging-profiles.js';
import type { Settings, SettingName, StationSettingValues } from '../../agent/station/settings.js';
import type { LocalListLimits } from './local-auth-list/limits.js';
import { parseMeasurandEntry, type Measurand16 } from './meter-values.js';

export type KeyAccess = 'R' | 'RW';
export type SetResult = { status: 'Accepted' | 'Rejected' | 'RebootRequired' | 'NotSupported'; reason?: string };

interface KeyBase {
  key: string;
  access: KeyAccess;
  rebootRequired?: boolean;
}
interface SettingKey extends KeyBase {
  kind: 'int' | 'bool' | 'measurands' | 'phaseRotation';
  setting: SettingName;
  min?: number;
  max?: number;
}
interface ConstKey extends KeyBase {
  kind: 'const';
  value: () => string;
}
export type KeyDef = SettingKey | ConstKey;

export interface KeyContext {
  settings: Settings;
  numberOfConnectors: number;
  supportedMeasurands: readonly Measurand16[];
  supportedProfiles: readonly string[];
  /** Every EVSE has a fixed cable: UnlockConnectorOnEVSideDisconnect is then read-only false (errata 3.83). */
  allFixedCable: boolean;
  maxMeasurands: number;
  getConfigurationMaxKeys: number;
}

const PHASE_ROTATIONS = new Set(['NotApplicable', 'Unknown', 'RST', 'RTS', 'SRT', 'STR', 'TRS', 'TSR']);

export function coreKeys(ctx: KeyContext): KeyDef[] {
  const rw = (key: string, kind: SettingKey['kind'], setting: SettingName, extra: Partial<SettingKey> = {}): SettingKey => ({ key, access: 'RW', kind, setting, ...extra });
  const ro = (key: string, value: () => string): ConstKey => ({ key, access: 'R', kind: 'const', value });
  return [
    rw('AllowOfflineTxForUnknownId', 'bool', 'allowOfflineTxForUnknownId'),
    rw('AuthorizationCacheEnabled', 'bool', 'authorizationCacheEnabled'),
    rw('AuthorizeRemoteTxRequests', 'bool', 'authorizeRemoteTxRequests'),
    rw('BlinkRepeat', 'int', 'blinkRepeat', { min: 0, max: 100 }),
    rw('ClockAlignedDataInterval', 'int', 'clockAlignedDataIntervalS', { min: 0, max: 86400 }),
    rw('ConnectionTimeOut', 'int', 'connectionTimeOutS', { min: 0, max: 86400 }),
    rw('ConnectorPhaseRotation', 'phaseRotation', 'connectorPhaseRotation'),
    ro('ConnectorPhaseRotationMaxLength', () => String(ctx.numberOfConnectors + 1)),
    ro('GetConfigurationMaxKeys', () => String(ctx.getConfigurationMaxKeys)),
    rw('HeartbeatInterval', 'int', 'heartbeatIntervalS', { min: 0, max: 604800 }),
    rw('LightIntensity', 'int', 'lightIntensity', { min: 0, max: 100 }),
    rw('LocalAuthorizeOffline', 'bool', 'localAuthorizeOffline'),
    rw('LocalPreAuthorize', 'bool', 'localPreAuthorize'),
    rw('MaxEnergyOnInvalidId', 'int', 'maxEnergyOnInvalidIdWh', { min: 0 }),
    rw('MessageTimeout', 'int', 'messageTimeoutS', { min: 1, max: 600, rebootRequired: true }),
    rw('MeterValuesAlignedData', 'measurands', 'alignedMeasurands'),
    ro('MeterValuesAlignedDataMaxLength', () => String(ctx.maxMeasurands)),
    rw('MeterValuesSampledData', 'measurands', 'sampledMeasurands'),
    ro('MeterValuesSampledDataMaxLength', () => String(ctx.maxMeasurands)),
    rw('MeterValueSampleInterval', 'int', 'meterValueSampleIntervalS', { min: 0, max: 86400 }),
    rw('MinimumStatusDuration', 'int', 'minimumStatusDurationS', { min: 0, max: 3600 }),
    ro('NumberOfConnectors', () => String(ctx.numberOfConnectors)),
    rw('ResetRetries', 'int', 'resetRetries', { min: 0, max: 100 }),
    rw('StopTransactionOnEVSideDisconnect', 'bool', 'stopTransactionOnEVSideDisconnect'),
    rw('StopTransactionOnInvalidId', 'bool', 'stopTransactionOnInvalidId'),
    ro('StopTransactionMaxMeterValues', () => String(ctx.settings.get('stopTransactionMaxMeterValues'))),
    rw('StopTxnAlignedData', 'measurands', 'stopTxnAlignedMeasurands'),
    ro('StopTxnAlignedDataMaxLength', () => String(ctx.maxMeasurands)),
    rw('StopTxnSampledData', 'measurands', 'stopTxnSampledMeasurands'),
    ro('StopTxnSampledDataMaxLength', () => String(ctx.maxMeasurands)),
    ro('SupportedFeatureProfiles', () => ctx.supportedProfiles.join(',')),
    ro('SupportedFeatureProfilesMaxLength', () => String(ctx.supportedProfiles.length)),
    rw('TransactionMessageAttempts', 'int', 'transactionMessageAttempts', { min: 1, max: 100 }),
    rw('TransactionMessageRetryInterval', 'int', 'transactionMessageRetryIntervalS', { min: 0, max: 86400 }),
    ctx.allFixedCable
      ? ro('UnlockConnectorOnEVSideDisconnect', () => 'false')
      : rw('UnlockConnectorOnEVSideDisconnect', 'bool', 'unlockConnectorOnEVSideDisconnect'),
    rw('WebSocketPingInterval', 'int', 'webSocketPingIntervalS', { min: 0, max: 86400 }),
  ];
}

/** §9.4: the keys of the SmartCharging profile, all read-only, their values the station's own limits. */
export function smartChargingKeys(limits = STATION_PROFILE_LIMITS): KeyDef[] {
  const ro = (key: string, value: string): ConstKey => ({ key, access: 'R', kind: 'const', value: () => value });
  const unitName = { A: 'Current', W: 'Power' } as const;
  return [
    ro('ChargeProfileMaxStackLevel', String(limits.maxStackLevel)),
    ro('ChargingScheduleAllowedChargingRateUnit', limits.allowedUnits.map((u) => unitName[u]).join(',')),
    ro('ChargingScheduleMaxPeriods', String(limits.maxPeriods)),
    ro('ConnectorSwitch3to1PhaseSupported', String(limits.phaseSwitching)),
    ro('MaxChargingProfilesInstalled', String(limits.maxInstalled)),
  ];
}

/** §9.2: the keys of the LocalAuthListManagement profile, all required when the profile is supported. */
export function localAuthListKeys(limits: LocalListLimits): KeyDef[] {
  return [
    { key: 'LocalAuthListEnabled', access: 'RW', kind: 'bool', setting: 'localAuthListEnabled' },
    { key: 'LocalAuthListMaxLength', access: 'R', kind: 'const', value: () => String(limits.maxLength) },
    { key: 'SendLocalListMaxLength', access: 'R', kind: 'const', value: () => String(limits.sendMaxLength) },
  ];
}

export class ConfigKeyRegistry {
  private readonly byName = new Map<string, KeyDef>();

  constructor(
    private readonly ctx: KeyContext,
    defs: KeyDef[] = coreKeys(ctx),
  ) {
    for (const d of defs) this.byName.set(d.key, d);
  }

  keys(): KeyDef[] {
    return [...this.byName.values()];
  }

  has(key: string): boolean {
    return this.byName.has(key);
  }

  /** Value as GetConfiguration shows it; undefined for unknown keys. Keys are case-sensitive (§9). */
  get(key: string): { key: string; readonly: boolean; value: string } | undefined {
    const d = this.byName.get(key);
    if (!d) return undefined;
    return { key: d.key, readonly: d.access === 'R', value: this.valueOf(d) };
  }

  /** ChangeConfiguration semantics; the same path serves `chargerctl config set`. `owner`: the config file's initial
   * values, which may also set a read-only key that is a setting (not a constant). */
  set(key: string, raw: string, opts: { owner?: boolean } = {}): SetResult {
    const checked = this.check(key, raw, opts);
    if (checked.status !== 'Accepted' && checked.status !== 'RebootRequired') return checked;
    const d = this.byName.get(key) as SettingKey;
    this.ctx.settings.set(d.setting, (this.parse(d, raw) as { value: unknown }).value as StationSettingValues[typeof d.setting]);
    return checked;
  }

  /** What set() would answer, without changing anything (`chargerctl config import` checks every key first). */
  check(key: string, raw: string, opts: { owner?: boolean } = {}): SetResult {
    const d = this.byName.get(key);
    if (!d) return { status: 'NotSupported', reason: `unknown key ${key}` };
    if ((d.access === 'R' && !opts.owner) || d.kind === 'const') return { status: 'Rejected', reason: `${key} is read-only` };
    const parsed = this.parse(d, raw);
    if ('error' in parsed) return { status: 'Rejected', reason: `${key}: ${parsed.error}` };
    return d.rebootRequired ? { status: 'RebootRequired' } : { status: 'Accepted' };
  }

  private valueOf(d: KeyDef): string {
    if (d.kind === 'const') return d.value();
    const v = this.ctx.settings.get(d.setting);
    if (Array.isArray(v)) return v.join(',');
    return String(v);
  }

  private parse(d: SettingKey, raw: string): { value: unknown } | { error: string } {
    const text = raw.trim();
    switch (d.kind) {
      case 'bool': {
        const t = text.toLowerCase();
        if (t === 'true') return { value: true };
        if (t === 'false') return { value: false };
        return { error: `"${raw}" is not a boolean (true or false)` };
      }
      case 'int': {
        if (!/^-?\d+$/.test(text)) return { error: `"${raw}" is not an integer` };
        const n = Number(text);
        if (d.min !== undefined && n < d.min) return { error: `${n} is below the minimum ${d.min}` };
        if (d.max !== undefined && n > d.max) return { error: `${n} is above the maximum ${d.max}` };
        return { value: n };
      }
      case 'measurands': {
        const list = text === '' ? [] : text.split(',').map((s) => s.trim());
        // Errata 3.14.4: any unsupported measurand rejects the whole change. An entry may name a phase (Voltage.L1).
        const bad = list.filter((m) => !this.ctx.supportedMeasurands.includes(parseMeasurandEntry(m).measurand));
        if (bad.length) return { error: `unsupported measurand(s): ${bad.join(', ')}` };
        if (list.length > this.ctx.maxMeasurands) return { error: `at most ${this.ctx.maxMeasurands} measurands` };
        return { value: list };
      }
      case 'phaseRotation': {
        const items = text.split(',').map((s) => s.trim());
        for (const item of items) {
          const m = /^(\d+)\.(\w+)$/.exec(item);
          if (!m || !PHASE_ROTATIONS.has(m[2]!) || Number(m[1]) > this.ctx.numberOfConnectors)
            return { error: `"${item}" is not <connector>.<rotation> with a rotation of ${[...PHASE_ROTATIONS].join('/')}` };
        }
        return { value: items.join(',') };
      }
    }
  }
}
