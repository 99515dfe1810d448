/**
 * The LocalAuthListManagement profile's configuration (OCPP 1.6 §9.2, §3.5.2): the three keys and
 * SupportedFeatureProfiles as the real Ocpp16Profile exposes them (built, never started), persistence of
 * LocalAuthListEnabled through Settings, and the config file's initial value.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../../agent/log.js';
import { RpcConnection } from '../../../../agent/ocpp/rpc-connection.js';
import { Settings } from '../../../../agent/station/settings.js';
import { createMemoryStore, type Store } from '../../../../offline-queue/index.js';
import { LOCAL_AUTH_LIST_MAX_LENGTH, SEND_LOCAL_LIST_MAX_LENGTH } from '../../../../profiles/ocpp16/local-auth-list/limits.js';
import { Ocpp16Profile, SUPPORTED_FEATURE_PROFILES } from '../../../../profiles/ocpp16/profile.js';
import { createOcpp16Validator } from '../../../../profiles/ocpp16/validator.js';

function profile(store: Store = createMemoryStore()) {
  const clock = new FakeClock();
  const log = silentLogger();
  const settings = new Settings(store.settings);
  const rpc = new RpcConnection({
    baseUrl: 'ws://127.0.0.1:9/ocpp',
    identity: 'CP-KEYS',
    subprotocol: 'ocpp1.6',
    dialect: 'ocpp1.6',
    validator: createOcpp16Validator({ security: false }),
    clock,
    log,
    callTimeoutMs: 1000,
    pingIntervalS: 0,
    backoff: { initialMs: 1000, maxMs: 2000 },
  });
  const p = new Ocpp16Profile({
    rpc,
    store,
    settings,
    clock,
    log,
    boot: { chargePointVendor: 'V', chargePointModel: 'M' },
    evses: [{ id: 1, phases: 3, connector: 'socket' }],
    meterMeasurands: ['energy'],
    maxQueueDepth: 100,
    onReset: () => {},
  });
  return { p, settings, store };
}

describe('LocalAuthListManagement configuration keys', () => {
  test('SupportedFeatureProfiles lists Core, LocalAuthListManagement, Reservation and SmartCharging (§3.5.2: presence announces the list)', () => {
    const { p } = profile();
    assert.deepEqual([...SUPPORTED_FEATURE_PROFILES], ['Core', 'LocalAuthListManagement', 'Reservation', 'SmartCharging']);
    assert.deepEqual(p.keys.get('SupportedFeatureProfiles'), { key: 'SupportedFeatureProfiles', readonly: true, value: 'Core,LocalAuthListManagement,Reservation,SmartCharging' });
    assert.equal(p.keys.get('SupportedFeatureProfilesMaxLength')?.value, '4');
  });

  test('§9.2: LocalAuthListEnabled RW boolean (default true), LocalAuthListMaxLength and SendLocalListMaxLength read-only', () => {
    const { p } = profile();
    assert.deepEqual(p.keys.get('LocalAuthListEnabled'), { key: 'LocalAuthListEnabled', readonly: false, value: 'true' });
    assert.deepEqual(p.keys.get('LocalAuthListMaxLength'), { key: 'LocalAuthListMaxLength', readonly: true, value: String(LOCAL_AUTH_LIST_MAX_LENGTH) });
    assert.deepEqual(p.keys.get('SendLocalListMaxLength'), { key: 'SendLocalListMaxLength', readonly: true, value: String(SEND_LOCAL_LIST_MAX_LENGTH) });
    assert.equal(LOCAL_AUTH_LIST_MAX_LENGTH, 10_000);
    assert.equal(SEND_LOCAL_LIST_MAX_LENGTH, 1_000);
    assert.ok(SEND_LOCAL_LIST_MAX_LENGTH <= LOCAL_AUTH_LIST_MAX_LENGTH, 'a Full list of the per-message maximum always fits');
    // The Core keys are all still there, each once.
    const names = p.keys.keys().map((k) => k.key);
    assert.equal(new Set(names).size, names.length);
    for (const k of ['HeartbeatInterval', 'LocalPreAuthorize', 'AuthorizationCacheEnabled']) assert.ok(names.includes(k), k);
  });

  test('ChangeConfiguration: LocalAuthListEnabled takes true/false (any case) into the setting; the lengths are Rejected', () => {
    const { p, settings } = profile();
    assert.deepEqual(p.keys.set('LocalAuthListEnabled', 'FALSE'), { status: 'Accepted' });
    assert.equal(settings.get('localAuthListEnabled'), false);
    assert.equal(p.keys.get('LocalAuthListEnabled')?.value, 'false');
    assert.equal(p.keys.set('LocalAuthListEnabled', 'yes').status, 'Rejected');
    assert.equal(settings.get('localAuthListEnabled'), false);
    assert.equal(p.keys.set('LocalAuthListMaxLength', '5').status, 'Rejected');
    assert.equal(p.keys.set('SendLocalListMaxLength', '5').status, 'Rejected');
    assert.equal(p.keys.get('LocalAuthListMaxLength')?.value, String(LOCAL_AUTH_LIST_MAX_LENGTH));
  });

  test('LocalAuthListEnabled persists in the store; the config file value applies to a fresh database only', () => {
    const store = createMemoryStore();
    const a = profile(store);
    assert.deepEqual(a.p.applyInitialKeys({ LocalAuthListEnabled: 'false' }), []);
    assert.equal(a.settings.get('localAuthListEnabled'), false);
    a.p.keys.set('LocalAuthListEnabled', 'true');
    const b = profile(store);
    assert.equal(b.settings.get('localAuthListEnabled'), true);
    assert.deepEqual(b.p.applyInitialKeys({ LocalAuthListEnabled: 'false' }), []);
    assert.equal(b.settings.get('localAuthListEnabled'), true, 'a value set at run time wins over the config file');
    assert.deepEqual(b.p.applyInitialKeys({ LocalAuthListMaxLength: '5' }), [{ key: 'LocalAuthListMaxLength', reason: 'read-only key' }]);
  });
});
