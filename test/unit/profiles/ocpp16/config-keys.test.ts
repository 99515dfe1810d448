/**
 * OCPP 1.6 configuration keys (§9.1 with errata): presence and access of every Core key, parsing and limits,
 * errata 3.14.4 measurand rejection, read-only / unknown keys, RebootRequired, persistence through Settings.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Settings } from '../../../../agent/station/settings.js';
import { ConfigKeyRegistry, type KeyContext } from '../../../../profiles/ocpp16/config-keys.js';
import { supportedMeasurands } from '../../../../profiles/ocpp16/meter-values.js';
import { createMemoryStore, openSqliteStore, type SettingsStore } from '../../../../offline-queue/index.js';
import { REQUIRED_CORE_KEYS as REQUIRED } from '../../../fixtures/ocpp16-core-keys.js';

function registry(extra: Partial<KeyContext> = {}, store: SettingsStore = createMemoryStore().settings) {
  const settings = new Settings(store);
  const ctx: KeyContext = {
    settings,
    numberOfConnectors: 2,
    supportedMeasurands: supportedMeasurands(['energy', 'power', 'current', 'voltage', 'frequency']),
    supportedProfiles: ['Core'],
    allFixedCable: false,
    maxMeasurands: 4,
    getConfigurationMaxKeys: 50,
    ...extra,
  };
  return { keys: new ConfigKeyRegistry(ctx), settings, store };
}

/** §9.1 Core keys (with errata 3.79–3.89) and the access this charge point gives them. */
const CORE: Record<string, 'R' | 'RW'> = {
  AllowOfflineTxForUnknownId: 'RW',
  AuthorizationCacheEnabled: 'RW',
  AuthorizeRemoteTxRequests: 'RW',
  BlinkRepeat: 'RW',
  ClockAlignedDataInterval: 'RW',
  ConnectionTimeOut: 'RW',
  ConnectorPhaseRotation: 'RW',
  ConnectorPhaseRotationMaxLength: 'R',
  GetConfigurationMaxKeys: 'R',
  HeartbeatInterval: 'RW',
  LightIntensity: 'RW',
  LocalAuthorizeOffline: 'RW',
  LocalPreAuthorize: 'RW',
  MaxEnergyOnInvalidId: 'RW',
  MessageTimeout: 'RW',
  MeterValuesAlignedData: 'RW',
  MeterValuesAlignedDataMaxLength: 'R',
  MeterValuesSampledData: 'RW',
  MeterValuesSampledDataMaxLength: 'R',
  MeterValueSampleInterval: 'RW',
  MinimumStatusDuration: 'RW',
  NumberOfConnectors: 'R',
  ResetRetries: 'RW',
  StopTransactionMaxMeterValues: 'R',
  StopTransactionOnEVSideDisconnect: 'RW',
  StopTransactionOnInvalidId: 'RW',
  StopTxnAlignedData: 'RW',
  StopTxnAlignedDataMaxLength: 'R',
  StopTxnSampledData: 'RW',
  StopTxnSampledDataMaxLength: 'R',
  SupportedFeatureProfiles: 'R',
  SupportedFeatureProfilesMaxLength: 'R',
  TransactionMessageAttempts: 'RW',
  TransactionMessageRetryInterval: 'RW',
  UnlockConnectorOnEVSideDisconnect: 'RW',
  WebSocketPingInterval: 'RW',
};


describe('the Core keys', () => {
  test('every required Core key is present', () => {
    const { keys } = registry();
    for (const k of REQUIRED) assert.ok(keys.has(k), k);
  });

  test('exactly the listed keys, each with its access (readonly flag in GetConfiguration)', () => {
    const { keys } = registry();
    assert.deepEqual(keys.keys().map((k) => k.key).sort(), Object.keys(CORE).sort());
    for (const [k, access] of Object.entries(CORE)) {
      const v = keys.get(k);
      assert.ok(v, k);
      assert.equal(v.key, k);
      assert.equal(v.readonly, access === 'R', k);
    }
  });

  test('values as GetConfiguration shows them (defaults)', () => {
    const { keys } = registry();
    const value = (k: string) => keys.get(k)?.value;
    assert.equal(value('HeartbeatInterval'), '300');
    assert.equal(value('ConnectionTimeOut'), '60');
    assert.equal(value('MeterValueSampleInterval'), '60');
    assert.equal(value('ClockAlignedDataInterval'), '0');
    assert.equal(value('MeterValuesSampledData'), 'Energy.Active.Import.Register');
    assert.equal(value('StopTxnAlignedData'), '');
    assert.equal(value('LocalAuthorizeOffline'), 'true');
    assert.equal(value('LocalPreAuthorize'), 'false');
    assert.equal(value('NumberOfConnectors'), '2');
    assert.equal(value('SupportedFeatureProfiles'), 'Core');
    assert.equal(value('GetConfigurationMaxKeys'), '50');
    assert.equal(value('MeterValuesSampledDataMaxLength'), '4');
    assert.equal(value('ConnectorPhaseRotation'), '0.RST');
    assert.equal(value('StopTransactionMaxMeterValues'), '200');
  });

  test('keys are case-sensitive; unknown keys are undefined', () => {
    const { keys } = registry();
    assert.equal(keys.get('heartbeatinterval'), undefined);
    assert.equal(keys.get('NoSuchKey'), undefined);
  });

  test('UnlockConnectorOnEVSideDisconnect is read-only false when every EVSE has a fixed cable (errata 3.83)', () => {
    const { keys, settings } = registry({ allFixedCable: true });
    assert.deepEqual(keys.get('UnlockConnectorOnEVSideDisconnect'), { key: 'UnlockConnectorOnEVSideDisconnect', readonly: true, value: 'false' });
    assert.equal(keys.set('UnlockConnectorOnEVSideDisconnect', 'true').status, 'Rejected');
    assert.equal(settings.get('unlockConnectorOnEVSideDisconnect'), true, 'setting untouched');
  });
});

describe('ChangeConfiguration semantics', () => {
  test('unknown key → NotSupported; read-only key → Rejected', () => {
    const { keys } = registry();
    assert.equal(keys.set('NoSuchKey', '1').status, 'NotSupported');
    assert.equal(keys.set('heartbeatinterval', '10').status, 'NotSupported');
    for (const [k, access] of Object.entries(CORE)) {
      if (access !== 'R') continue;
      const before = keys.get(k)!.value;
      assert.equal(keys.set(k, '3').status, 'Rejected', k);
      assert.equal(keys.get(k)!.value, before, k);
    }
  });

  test('booleans: true/false (any case, surrounding blanks ignored); anything else Rejected with no change', () => {
    const { keys, settings } = registry();
    assert.equal(keys.set('LocalPreAuthorize', 'true').status, 'Accepted');
    assert.equal(settings.get('localPreAuthorize'), true);
    assert.equal(keys.set('LocalPreAuthorize', 'FALSE').status, 'Accepted');
    assert.equal(settings.get('localPreAuthorize'), false);
    assert.equal(keys.set('LocalPreAuthorize', ' True ').status, 'Accepted');
    assert.equal(keys.get('LocalPreAuthorize')!.value, 'true');
    for (const bad of ['1', '0', 'yes', '', 'truee']) {
      assert.equal(keys.set('LocalPreAuthorize', bad).status, 'Rejected', bad);
      assert.equal(settings.get('localPreAuthorize'), true, bad);
    }
  });

  test('integers: parsed, with min and max; non-integers Rejected with no change', () => {
    const { keys, settings } = registry();
    assert.equal(keys.set('HeartbeatInterval', '120').status, 'Accepted');
    assert.equal(settings.get('heartbeatIntervalS'), 120);
    assert.equal(keys.get('HeartbeatInterval')!.value, '120');
    for (const bad of ['1.5', 'abc', '', '12s', '0x10', '-1']) {
      assert.equal(keys.set('HeartbeatInterval', bad).status, 'Rejected', bad);
      assert.equal(settings.get('heartbeatIntervalS'), 120, bad);
    }
    assert.equal(keys.set('ClockAlignedDataInterval', '86400').status, 'Accepted');
    assert.equal(keys.set('ClockAlignedDataInterval', '86401').status, 'Rejected');
    assert.equal(keys.set('ClockAlignedDataInterval', '0').status, 'Accepted');
    assert.equal(keys.set('TransactionMessageAttempts', '0').status, 'Rejected');
    assert.equal(keys.set('TransactionMessageAttempts', '1').status, 'Accepted');
    assert.equal(keys.set('LightIntensity', '101').status, 'Rejected');
    assert.equal(keys.set('LightIntensity', '100').status, 'Accepted');
    assert.equal(keys.set('MessageTimeout', '0').status, 'Rejected');
    assert.equal(keys.set('MeterValueSampleInterval', ' 15 ').status, 'Accepted');
    assert.equal(settings.get('meterValueSampleIntervalS'), 15);
  });

  test('WebSocketPingInterval: 0 disables, negative Rejected', () => {
    const { keys, settings } = registry();
    assert.equal(keys.set('WebSocketPingInterval', '0').status, 'Accepted');
    assert.equal(settings.get('webSocketPingIntervalS'), 0);
    assert.equal(keys.set('WebSocketPingInterval', '-5').status, 'Rejected');
    assert.equal(settings.get('webSocketPingIntervalS'), 0);
  });

  test('MessageTimeout needs a reboot: RebootRequired, and the value is stored', () => {
    const { keys, settings } = registry();
    assert.deepEqual(keys.set('MessageTimeout', '45'), { status: 'RebootRequired' });
    assert.equal(settings.get('messageTimeoutS'), 45);
    assert.equal(keys.get('MessageTimeout')!.value, '45');
  });

  test('a change is announced through Settings events', () => {
    const { keys, settings } = registry();
    const seen: [string, unknown][] = [];
    settings.events.on('change', (name, value) => seen.push([name, value]));
    keys.set('ClockAlignedDataInterval', '900');
    keys.set('ClockAlignedDataInterval', 'bad');
    assert.deepEqual(seen, [['clockAlignedDataIntervalS', 900]]);
  });
});

describe('measurand lists (CSL) and errata 3.14.4', () => {
  const LISTS = [
    ['MeterValuesSampledData', 'sampledMeasurands'],
    ['MeterValuesAlignedData', 'alignedMeasurands'],
    ['StopTxnSampledData', 'stopTxnSampledMeasurands'],
    ['StopTxnAlignedData', 'stopTxnAlignedMeasurands'],
  ] as const;

  for (const [key, setting] of LISTS) {
    test(`${key}: supported list accepted, blanks trimmed, empty allowed; any unsupported measurand rejects the whole change`, () => {
      const { keys, settings } = registry();
      assert.equal(keys.set(key, 'Energy.Active.Import.Register, Power.Active.Import,Current.Import').status, 'Accepted');
      assert.deepEqual(settings.get(setting), ['Energy.Active.Import.Register', 'Power.Active.Import', 'Current.Import']);
      assert.equal(keys.get(key)!.value, 'Energy.Active.Import.Register,Power.Active.Import,Current.Import');
      for (const bad of ['Temperature', 'Energy.Active.Import.Register,SoC', 'Power.Factor', 'energy.active.import.register', 'Nonsense,Voltage']) {
        const r = keys.set(key, bad);
        assert.equal(r.status, 'Rejected', bad);
        assert.deepEqual(settings.get(setting), ['Energy.Active.Import.Register', 'Power.Active.Import', 'Current.Import'], `no change after ${bad}`);
      }
      assert.equal(keys.set(key, '').status, 'Accepted');
      assert.deepEqual(settings.get(setting), []);
    });
  }

  test('a measurand may be combined with a phase (§9.1.16 "Voltage.L1"); unknown phases or phases of totals are rejected', () => {
    const { keys, settings } = registry();
    assert.equal(keys.set('MeterValuesSampledData', 'Voltage.L1,Current.Import.L2,Energy.Active.Import.Register').status, 'Accepted');
    assert.deepEqual(settings.get('sampledMeasurands'), ['Voltage.L1', 'Current.Import.L2', 'Energy.Active.Import.Register']);
    for (const bad of ['Voltage.L4', 'Energy.Active.Import.Register.L1', 'Temperature.L1', 'Current.Import.L1-L2']) {
      assert.equal(keys.set('MeterValuesSampledData', bad).status, 'Rejected', bad);
    }
    const noVoltage = registry({ supportedMeasurands: supportedMeasurands(['energy']) });
    assert.equal(noVoltage.keys.set('MeterValuesSampledData', 'Voltage.L1').status, 'Rejected');
  });

  test('a measurand the meter cannot measure is rejected (a meter without voltage)', () => {
    const { keys } = registry({ supportedMeasurands: supportedMeasurands(['energy']) });
    assert.equal(keys.set('MeterValuesSampledData', 'Voltage').status, 'Rejected');
    assert.equal(keys.set('MeterValuesSampledData', 'Current.Offered,Power.Offered').status, 'Accepted');
  });

  test('more measurands than MeterValuesSampledDataMaxLength are rejected', () => {
    const { keys } = registry({ maxMeasurands: 2 });
    assert.equal(keys.set('MeterValuesSampledData', 'Energy.Active.Import.Register,Power.Active.Import,Voltage').status, 'Rejected');
    assert.equal(keys.set('MeterValuesSampledData', 'Energy.Active.Import.Register,Power.Active.Import').status, 'Accepted');
  });
});

describe('ConnectorPhaseRotation', () => {
  test('<connector>.<rotation> items for existing connectors; other values rejected', () => {
    const { keys, settings } = registry();
    assert.equal(keys.set('ConnectorPhaseRotation', '0.RST, 1.RTS, 2.NotApplicable').status, 'Accepted');
    assert.equal(settings.get('connectorPhaseRotation'), '0.RST,1.RTS,2.NotApplicable');
    for (const bad of ['3.RST', '1.XYZ', 'RST', '', '1.RST,', 'a.RST']) {
      assert.equal(keys.set('ConnectorPhaseRotation', bad).status, 'Rejected', bad);
      assert.equal(settings.get('connectorPhaseRotation'), '0.RST,1.RTS,2.NotApplicable', bad);
    }
  });
});

describe('persistence', () => {
  test('values written through the registry are visible after building a new Settings on the same store', () => {
    const store = openSqliteStore(':memory:');
    const first = registry({}, store.settings);
    assert.equal(first.keys.set('HeartbeatInterval', '77').status, 'Accepted');
    assert.equal(first.keys.set('LocalPreAuthorize', 'true').status, 'Accepted');
    assert.equal(first.keys.set('MeterValuesSampledData', 'Power.Active.Import,Voltage').status, 'Accepted');
    assert.equal(first.keys.set('StopTxnSampledData', '').status, 'Accepted');
    assert.equal(first.keys.set('ConnectorPhaseRotation', '0.TSR').status, 'Accepted');
    assert.equal(first.keys.set('MessageTimeout', '20').status, 'RebootRequired');
    const second = registry({}, store.settings);
    assert.equal(second.keys.get('HeartbeatInterval')!.value, '77');
    assert.equal(second.keys.get('LocalPreAuthorize')!.value, 'true');
    assert.equal(second.keys.get('MeterValuesSampledData')!.value, 'Power.Active.Import,Voltage');
    assert.equal(second.keys.get('StopTxnSampledData')!.value, '');
    assert.equal(second.keys.get('ConnectorPhaseRotation')!.value, '0.TSR');
    assert.equal(second.keys.get('MessageTimeout')!.value, '20');
    assert.deepEqual(second.settings.get('sampledMeasurands'), ['Power.Active.Import', 'Voltage']);
    assert.equal(second.settings.isPersisted('heartbeatIntervalS'), true);
    assert.equal(second.settings.isPersisted('blinkRepeat'), false);
    store.close();
  });

  test('a rejected change writes nothing to the store', () => {
    const { keys, store } = registry();
    keys.set('HeartbeatInterval', 'abc');
    keys.set('MeterValuesSampledData', 'Temperature');
    keys.set('NumberOfConnectors', '4');
    assert.deepEqual(store.getAll(), {});
  });
});
