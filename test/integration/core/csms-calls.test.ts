/**
 * OCPP 1.6 Core, CSMS-initiated calls, against the real chargerd process and an independent CSMS (ocpp-rpc in
 * strict mode). Test names follow the OCA OCTT case list where a case fits.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DemoCsms } from '../../../agent/demo/csms.js';
import type { StationProcess } from '../../support/station-process.js';
import { assertValidFrames, callErrorCode, getKey, relaunch, rig, startSession, statusFrom, unplugToAvailable, type Rig } from './harness.js';
import { REQUIRED_CORE_KEYS } from '../../fixtures/ocpp16-core-keys.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

const ID = 'CP-CALLS';


describe('OCPP 1.6 Core: CSMS-initiated calls against chargerd', { timeout: SUITE_TIMEOUT_MS }, () => {
  let rg: Rig;
  // Short names for rg.csms and rg.st (st is reassigned after a relaunch); rg, not r: the tests use r for results.
  let csms: DemoCsms;
  let st: StationProcess;

  const call = (action: string, params: unknown = {}) => rg.call(action, params);

  before(async () => {
    rg = await rig(ID, {
      evses: [
        { id: 1, maxCurrentA: 32, phases: 3, connector: 'socket' },
        { id: 2, maxCurrentA: 32, phases: 3, connector: 'socket' },
        { id: 3, maxCurrentA: 16, phases: 1, connector: 'cable' },
      ],
    });
    ({ csms, st } = rg);
    await csms.waitFor('BootNotification');
    for (const c of [0, 1, 2, 3]) await statusFrom(rg, 0, c, 'Available');
  });

  after(async () => {
    await rg?.close();
  });

  afterEach(() => assertValidFrames(rg));

  // ------------------------------------------------------------------------------------ GetConfiguration

  test('TC_019_CS retrieve configuration: all keys', async () => {
    const all = await call('GetConfiguration', {});
    assert.equal(all.unknownKey, undefined);
    const keys: { key: string; readonly: boolean; value?: string }[] = all.configurationKey;
    const names = keys.map((k) => k.key);
    assert.equal(new Set(names).size, names.length, 'no key listed twice');
    for (const k of REQUIRED_CORE_KEYS) assert.ok(names.includes(k), `required Core key ${k} is listed`);
    for (const k of keys) {
      assert.equal(typeof k.readonly, 'boolean', `${k.key}.readonly`);
      assert.equal(typeof k.value, 'string', `${k.key} has a value`);
    }
    const byName = new Map(keys.map((k) => [k.key, k]));
    assert.deepEqual(byName.get('NumberOfConnectors'), { key: 'NumberOfConnectors', readonly: true, value: '3' });
    assert.equal(byName.get('SupportedFeatureProfiles')?.value, 'Core,LocalAuthListManagement,Reservation,SmartCharging');
    assert.equal(byName.get('SupportedFeatureProfiles')?.readonly, true);
    assert.equal(byName.get('GetConfigurationMaxKeys')?.readonly, true);
    assert.match(byName.get('GetConfigurationMaxKeys')!.value!, /^[1-9]\d*$/);
    // From the config file's ocppKeys, applied on a fresh database.
    assert.deepEqual(byName.get('MeterValueSampleInterval'), { key: 'MeterValueSampleInterval', readonly: false, value: '1' });
    // An empty key list means "all keys" (§5.8).
    const empty = await call('GetConfiguration', { key: [] });
    assert.deepEqual(empty.configurationKey.map((k: { key: string }) => k.key).sort(), [...names].sort());
  });

  test('TC_019_CS retrieve configuration: by key, unknown keys in unknownKey', async () => {
    const r = await call('GetConfiguration', { key: ['HeartbeatInterval', 'NoSuchKey', 'NumberOfConnectors', 'heartbeatinterval'] });
    assert.deepEqual(r.configurationKey, [
      { key: 'HeartbeatInterval', readonly: false, value: '300' },
      { key: 'NumberOfConnectors', readonly: true, value: '3' },
    ]);
    assert.deepEqual(r.unknownKey, ['NoSuchKey', 'heartbeatinterval']);
    const none = await call('GetConfiguration', { key: ['Nope1', 'Nope2'] });
    assert.equal(none.configurationKey, undefined);
    assert.deepEqual(none.unknownKey, ['Nope1', 'Nope2']);
  });

  test('GetConfiguration: up to GetConfigurationMaxKeys keys answered, more refused with OccurenceConstraintViolation', async () => {
    const max = Number((await getKey(rg, 'GetConfigurationMaxKeys'))!.value);
    assert.ok(Number.isInteger(max) && max > 0);
    const keys = Array.from({ length: max }, (_, i) => (i === 0 ? 'HeartbeatInterval' : `Unknown${i}`));
    const atLimit = await call('GetConfiguration', { key: keys });
    assert.deepEqual(atLimit.configurationKey, [{ key: 'HeartbeatInterval', readonly: false, value: '300' }]);
    assert.equal(atLimit.unknownKey.length, max - 1);
    const code = await callErrorCode(call('GetConfiguration', { key: [...keys, 'OneTooMany'] }));
    assert.equal(code, 'OccurenceConstraintViolation');
  });

  // --------------------------------------------------------------------------------- ChangeConfiguration

  test('TC_021_CS change configuration: Accepted, visible in GetConfiguration and chargerctl', async () => {
    assert.deepEqual(await call('ChangeConfiguration', { key: 'LightIntensity', value: '73' }), { status: 'Accepted' });
    assert.deepEqual(await getKey(rg, 'LightIntensity'), { key: 'LightIntensity', readonly: false, value: '73' });
    const out = await st.ok('config', 'get', 'LightIntensity');
    assert.match(out, /LightIntensity\s+73\s+RW/);
    const json = JSON.parse(await st.ok('--json', 'config', 'get', 'LightIntensity'));
    assert.deepEqual(json.keys, [{ key: 'LightIntensity', value: '73', readonly: false, rebootRequired: false }]);
    // Booleans are case-insensitive in value, and shown normalised.
    assert.deepEqual(await call('ChangeConfiguration', { key: 'StopTransactionOnInvalidId', value: 'FALSE' }), { status: 'Accepted' });
    assert.equal((await getKey(rg, 'StopTransactionOnInvalidId'))?.value, 'false');
    assert.deepEqual(await call('ChangeConfiguration', { key: 'StopTransactionOnInvalidId', value: 'true' }), { status: 'Accepted' });
  });

  test('TC_021_CS ChangeConfiguration HeartbeatInterval takes effect at once', async () => {
    const mark = csms.records.length;
    assert.deepEqual(await call('ChangeConfiguration', { key: 'HeartbeatInterval', value: '1' }), { status: 'Accepted' });
    const first = await csms.waitFor('Heartbeat', () => true, 3000, mark);
    await csms.waitFor('Heartbeat', () => true, 3000, csms.records.indexOf(first) + 1);
    assert.deepEqual(await call('ChangeConfiguration', { key: 'HeartbeatInterval', value: '300' }), { status: 'Accepted' });
    assert.equal((await getKey(rg, 'HeartbeatInterval'))?.value, '300');
  });

  test('ChangeConfiguration of a key that takes effect after a reboot answers RebootRequired', async () => {
    assert.deepEqual(await call('ChangeConfiguration', { key: 'MessageTimeout', value: '25' }), { status: 'RebootRequired' });
    assert.equal((await getKey(rg, 'MessageTimeout'))?.value, '25');
  });

  test('TC_040_1_CS configuration key NotSupported', async () => {
    assert.deepEqual(await call('ChangeConfiguration', { key: 'NoSuchKey', value: '1' }), { status: 'NotSupported' });
    // Keys are case-sensitive: a wrong case is an unknown key, not a change of the real one.
    assert.deepEqual(await call('ChangeConfiguration', { key: 'heartbeatinterval', value: '10' }), { status: 'NotSupported' });
    assert.equal((await getKey(rg, 'HeartbeatInterval'))?.value, '300');
  });

  test('TC_040_2_CS configuration key with an invalid value: Rejected, value unchanged', async () => {
    for (const value of ['abc', '1.5', '', '-3']) {
      assert.deepEqual(await call('ChangeConfiguration', { key: 'MeterValueSampleInterval', value }), { status: 'Rejected' }, `MeterValueSampleInterval=${JSON.stringify(value)}`);
    }
    assert.deepEqual(await call('ChangeConfiguration', { key: 'AuthorizeRemoteTxRequests', value: 'yes' }), { status: 'Rejected' });
    assert.equal((await getKey(rg, 'MeterValueSampleInterval'))?.value, '1');
    assert.equal((await getKey(rg, 'AuthorizeRemoteTxRequests'))?.value, 'false');
  });

  test('ChangeConfiguration of a read-only key is Rejected', async () => {
    assert.deepEqual(await call('ChangeConfiguration', { key: 'NumberOfConnectors', value: '5' }), { status: 'Rejected' });
    assert.deepEqual(await call('ChangeConfiguration', { key: 'GetConfigurationMaxKeys', value: '2' }), { status: 'Rejected' });
    assert.equal((await getKey(rg, 'NumberOfConnectors'))?.value, '3');
  });

  test('ChangeConfiguration MeterValuesSampledData with an unsupported measurand is Rejected and nothing changes (errata 3.14.4)', async () => {
    const before = (await getKey(rg, 'MeterValuesSampledData'))?.value;
    assert.equal(before, 'Energy.Active.Import.Register');
    for (const value of ['Energy.Active.Import.Register,SoC', 'Temperature', 'Energy.Active.Import.Register,NoSuchMeasurand']) {
      assert.deepEqual(await call('ChangeConfiguration', { key: 'MeterValuesSampledData', value }), { status: 'Rejected' }, value);
    }
    assert.equal((await getKey(rg, 'MeterValuesSampledData'))?.value, before);
    // A supported list is taken.
    assert.deepEqual(await call('ChangeConfiguration', { key: 'MeterValuesSampledData', value: 'Energy.Active.Import.Register,Current.Offered' }), { status: 'Accepted' });
    assert.equal((await getKey(rg, 'MeterValuesSampledData'))?.value, 'Energy.Active.Import.Register,Current.Offered');
    // §9.1.17: "Where applicable, the Measurand is combined with the optional phase; for instance: Voltage.L1".
    assert.deepEqual(await call('ChangeConfiguration', { key: 'MeterValuesSampledData', value: 'Energy.Active.Import.Register,Voltage.L1' }), { status: 'Accepted' });
    assert.equal((await getKey(rg, 'MeterValuesSampledData'))?.value, 'Energy.Active.Import.Register,Voltage.L1');
    assert.deepEqual(await call('ChangeConfiguration', { key: 'MeterValuesSampledData', value: 'Voltage.L7' }), { status: 'Rejected' });
    assert.deepEqual(await call('ChangeConfiguration', { key: 'MeterValuesSampledData', value: before! }), { status: 'Accepted' });
  });

  test('ChangeConfiguration ConnectorPhaseRotation: the format of §9.1.7 is Accepted, unknown rotations and connectors Rejected', async () => {
    assert.deepEqual(await call('ChangeConfiguration', { key: 'ConnectorPhaseRotation', value: '0.RST, 1.RST, 2.RTS' }), { status: 'Accepted' });
    assert.match((await getKey(rg, 'ConnectorPhaseRotation'))!.value!, /^0\.RST, ?1\.RST, ?2\.RTS$/);
    for (const value of ['1.XYZ', '9.RST', 'RST', '']) {
      assert.deepEqual(await call('ChangeConfiguration', { key: 'ConnectorPhaseRotation', value }), { status: 'Rejected' }, JSON.stringify(value));
    }
    assert.deepEqual(await call('ChangeConfiguration', { key: 'ConnectorPhaseRotation', value: '0.RST' }), { status: 'Accepted' });
  });

  test('ChangeConfiguration WebSocketPingInterval: negative Rejected, 0 and positive Accepted', async () => {
    assert.deepEqual(await call('ChangeConfiguration', { key: 'WebSocketPingInterval', value: '-1' }), { status: 'Rejected' });
    assert.equal((await getKey(rg, 'WebSocketPingInterval'))?.value, '60');
    assert.deepEqual(await call('ChangeConfiguration', { key: 'WebSocketPingInterval', value: '0' }), { status: 'Accepted' });
    assert.deepEqual(await call('ChangeConfiguration', { key: 'WebSocketPingInterval', value: '45' }), { status: 'Accepted' });
    assert.equal((await getKey(rg, 'WebSocketPingInterval'))?.value, '45');
    assert.equal((await st.status()).connection.state, 'open', 'changing the ping interval keeps the connection');
  });

  // ---------------------------------------------------------------------------------- ChangeAvailability

  test('ChangeAvailability connector 1 Inoperative → Unavailable, Operative → Available', async () => {
    let mark = csms.records.length;
    assert.deepEqual(await call('ChangeAvailability', { connectorId: 1, type: 'Inoperative' }), { status: 'Accepted' });
    await statusFrom(rg, mark, 1, 'Unavailable');
    assert.equal((await st.evse(1)).status, 'Unavailable');
    assert.equal((await st.evse(2)).status, 'Available', 'other connectors are not affected');
    // Asking for the state it is already in is Accepted (§5.2).
    assert.deepEqual(await call('ChangeAvailability', { connectorId: 1, type: 'Inoperative' }), { status: 'Accepted' });
    // An inoperative connector does not start a session.
    await st.ok('sim', 'plug', '1');
    await st.ok('sim', 'tag', '1', 'UNAVAIL-1');
    assert.equal((await st.evse(1)).transaction, null);
    mark = csms.records.length;
    assert.deepEqual(await call('ChangeAvailability', { connectorId: 1, type: 'Operative' }), { status: 'Accepted' });
    await statusFrom(rg, mark, 1, 'Preparing');
    await unplugToAvailable(rg, 1);
    assert.equal(csms.received('StartTransaction').filter((r: any) => r.payload.idTag === 'UNAVAIL-1').length, 0);
  });

  test('ChangeAvailability connector 0: the station and every connector', async () => {
    let mark = csms.records.length;
    assert.deepEqual(await call('ChangeAvailability', { connectorId: 0, type: 'Inoperative' }), { status: 'Accepted' });
    for (const c of [0, 1, 2, 3]) await statusFrom(rg, mark, c, 'Unavailable');
    // A single connector cannot be made operative while the station is inoperative.
    assert.deepEqual(await call('ChangeAvailability', { connectorId: 2, type: 'Operative' }), { status: 'Rejected' });
    assert.equal((await st.evse(2)).status, 'Unavailable');
    mark = csms.records.length;
    assert.deepEqual(await call('ChangeAvailability', { connectorId: 0, type: 'Operative' }), { status: 'Accepted' });
    for (const c of [0, 1, 2, 3]) await statusFrom(rg, mark, c, 'Available');
  });

  test('ChangeAvailability of an unknown connector is Rejected', async () => {
    assert.deepEqual(await call('ChangeAvailability', { connectorId: 4, type: 'Inoperative' }), { status: 'Rejected' });
    assert.deepEqual(await call('ChangeAvailability', { connectorId: -1, type: 'Inoperative' }), { status: 'Rejected' });
    const s = await st.status();
    assert.deepEqual(s.evses.map((e: any) => e.status), ['Available', 'Available', 'Available']);
  });

  test('ChangeAvailability Inoperative during a transaction is Scheduled, Unavailable after the transaction ends', async () => {
    const txId = await startSession(rg, 1, 'SCHED-1');
    const mark = csms.records.length;
    assert.deepEqual(await call('ChangeAvailability', { connectorId: 1, type: 'Inoperative' }), { status: 'Scheduled' });
    const during = await st.evse(1);
    assert.equal(during.status, 'Charging', 'the transaction continues');
    assert.equal(during.relayClosed, true);
    assert.ok(during.transaction);
    const stopMark = csms.records.length;
    assert.equal(
      csms.records.slice(mark, stopMark).filter((r) => r.action === 'StatusNotification' && (r.payload as any).connectorId === 1 && (r.payload as any).status === 'Unavailable').length,
      0,
      'no Unavailable while the transaction runs',
    );
    await st.ok('sim', 'tag', '1', 'SCHED-1');
    const stop = await csms.waitFor('StopTransaction', (p) => p.transactionId === txId, 10_000, stopMark);
    assert.ok([undefined, 'Local'].includes((stop.payload as any).reason), 'a card stop is Local (or no reason, which means Local)');
    await statusFrom(rg, stopMark, 1, 'Unavailable');
    assert.equal((await st.evse(1)).status, 'Unavailable');
    const back = csms.records.length;
    assert.deepEqual(await call('ChangeAvailability', { connectorId: 1, type: 'Operative' }), { status: 'Accepted' });
    await csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status !== 'Unavailable', 10_000, back);
    await unplugToAvailable(rg, 1);
  });

  test('ChangeAvailability Operative while Inoperative is Scheduled cancels it: the connector stays available', async () => {
    const txId = await startSession(rg, 1, 'SCHED-2');
    assert.deepEqual(await call('ChangeAvailability', { connectorId: 1, type: 'Inoperative' }), { status: 'Scheduled' });
    assert.deepEqual(await call('ChangeAvailability', { connectorId: 1, type: 'Operative' }), { status: 'Accepted' });
    const mark = csms.records.length;
    await st.ok('sim', 'tag', '1', 'SCHED-2');
    await csms.waitFor('StopTransaction', (p) => p.transactionId === txId, 10_000, mark);
    await statusFrom(rg, mark, 1, 'Finishing');
    await unplugToAvailable(rg, 1);
    assert.equal(
      csms.records.slice(mark).filter((r) => r.action === 'StatusNotification' && (r.payload as any).connectorId === 1 && (r.payload as any).status === 'Unavailable').length,
      0,
    );
    assert.equal((await st.evse(1)).operative, true);
  });

  test('TC_021_CS / TC_034_CS changed configuration and Unavailable persist across a power loss of the process', async () => {
    let mark = csms.records.length;
    assert.deepEqual(await call('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '17' }), { status: 'Accepted' });
    assert.deepEqual(await call('ChangeAvailability', { connectorId: 2, type: 'Inoperative' }), { status: 'Accepted' });
    await statusFrom(rg, mark, 2, 'Unavailable');

    await st.kill('SIGKILL');
    mark = csms.records.length;
    st = await relaunch(rg);
    await csms.waitFor('BootNotification', () => true, 10_000, mark);
    // After the boot the connector reports Unavailable again, the others Available.
    await statusFrom(rg, mark, 2, 'Unavailable');
    await statusFrom(rg, mark, 1, 'Available');
    await statusFrom(rg, mark, 0, 'Available');
    assert.equal((await st.evse(2)).status, 'Unavailable');
    // The config file still says MeterValueSampleInterval 1: the value the CSMS set wins.
    assert.equal((await getKey(rg, 'MeterValueSampleInterval'))?.value, '17');
    assert.match(await st.ok('config', 'get', 'MeterValueSampleInterval'), /MeterValueSampleInterval\s+17\s/);
    assert.equal((await getKey(rg, 'LightIntensity'))?.value, '73', 'the earlier change too');

    mark = csms.records.length;
    assert.deepEqual(await call('ChangeAvailability', { connectorId: 2, type: 'Operative' }), { status: 'Accepted' });
    await statusFrom(rg, mark, 2, 'Available');
    assert.deepEqual(await call('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '1' }), { status: 'Accepted' });
  });

  // ----------------------------------------------------------------------------------- ClearCache, DataTransfer

  test('TC_061_CS clear authorization cache: Accepted, and the next card is authorized at the CSMS again', async () => {
    assert.deepEqual(await call('ChangeConfiguration', { key: 'LocalPreAuthorize', value: 'true' }), { status: 'Accepted' });
    const tag = 'CACHE-61';
    const authorizesFor = (from: number, to = csms.records.length) =>
      csms.records.slice(from, to).filter((r) => r.dir === 'in' && r.kind === 'call' && r.action === 'Authorize' && (r.payload as any).idTag === tag).length;

    // First use: unknown to the cache, so the CSMS is asked; its answer is cached.
    let mark = csms.records.length;
    const tx1 = await startSession(rg, 2, tag);
    assert.equal(authorizesFor(mark), 1);
    await st.ok('sim', 'tag', '2', tag);
    await csms.waitFor('StopTransaction', (p) => p.transactionId === tx1, 10_000, mark);
    await st.until('EVSE 2 idle', (s) => s.evses[1].transaction === null);

    // Cached and LocalPreAuthorize: starts without an Authorize.req.
    mark = csms.records.length;
    await st.ok('sim', 'tag', '2', tag);
    const start2 = await csms.waitFor('StartTransaction', (p) => p.idTag === tag, 10_000, mark);
    assert.equal(authorizesFor(mark, csms.records.indexOf(start2)), 0, 'a cached id starts without Authorize');
    const tx2 = Number((await st.until('EVSE 2 confirmed', (s) => typeof s.evses[1].transaction?.csmsId === 'string')).evses[1].transaction.csmsId);
    await st.ok('sim', 'tag', '2', tag);
    await csms.waitFor('StopTransaction', (p) => p.transactionId === tx2, 10_000, mark);
    await st.until('EVSE 2 idle', (s) => s.evses[1].transaction === null);

    assert.deepEqual(await call('ClearCache', {}), { status: 'Accepted' });

    // Cache cleared: the CSMS is asked again before the start.
    mark = csms.records.length;
    await st.ok('sim', 'tag', '2', tag);
    const start3 = await csms.waitFor('StartTransaction', (p) => p.idTag === tag, 10_000, mark);
    assert.equal(authorizesFor(mark, csms.records.indexOf(start3)), 1, 'after ClearCache the id is authorized at the CSMS');
    const tx3 = Number((await st.until('EVSE 2 confirmed', (s) => typeof s.evses[1].transaction?.csmsId === 'string')).evses[1].transaction.csmsId);
    await st.ok('sim', 'tag', '2', tag);
    await csms.waitFor('StopTransaction', (p) => p.transactionId === tx3, 10_000, mark);
    await unplugToAvailable(rg, 2);
    assert.deepEqual(await call('ChangeConfiguration', { key: 'LocalPreAuthorize', value: 'false' }), { status: 'Accepted' });
  });

  test('ClearCache with the authorization cache disabled is Rejected', async () => {
    assert.deepEqual(await call('ChangeConfiguration', { key: 'AuthorizationCacheEnabled', value: 'false' }), { status: 'Accepted' });
    assert.deepEqual(await call('ClearCache', {}), { status: 'Rejected' });
    assert.deepEqual(await call('ChangeConfiguration', { key: 'AuthorizationCacheEnabled', value: 'true' }), { status: 'Accepted' });
    assert.deepEqual(await call('ClearCache', {}), { status: 'Accepted' });
  });

  test('DataTransfer for a vendor the charge point does not know → UnknownVendorId', async () => {
    assert.deepEqual(await call('DataTransfer', { vendorId: 'com.example', messageId: 'hello', data: '{"a":1}' }), { status: 'UnknownVendorId' });
    assert.deepEqual(await call('DataTransfer', { vendorId: 'x' }), { status: 'UnknownVendorId' });
  });

  // ------------------------------------------------------------------------------------------ UnlockConnector

  test('TC_017_1_CS unlock connector without a charging session (socket): Unlocked', async () => {
    const mark = csms.records.length;
    assert.deepEqual(await call('UnlockConnector', { connectorId: 1 }), { status: 'Unlocked' });
    assert.equal((await st.evse(1)).status, 'Available');
    assert.equal(csms.received('StopTransaction').filter((r) => csms.records.indexOf(r) >= mark).length, 0);
  });

  test('TC_017_2_CS unlock connector without a charging session (fixed cable): NotSupported', async () => {
    assert.deepEqual(await call('UnlockConnector', { connectorId: 3 }), { status: 'NotSupported' });
  });

  test('TC_018_1_CS unlock connector with a charging session: StopTransaction reason UnlockCommand, then Unlocked', async () => {
    const txId = await startSession(rg, 1, 'UNLOCK-18');
    const mark = csms.records.length;
    assert.deepEqual(await call('UnlockConnector', { connectorId: 1 }), { status: 'Unlocked' });
    // The transaction is over (committed) by the time the answer is given.
    const e = await st.evse(1);
    assert.equal(e.transaction, null);
    assert.equal(e.relayClosed, false);
    const stop = await csms.waitFor('StopTransaction', (p) => p.transactionId === txId, 10_000, mark);
    assert.equal((stop.payload as any).reason, 'UnlockCommand');
    assert.ok((stop.payload as any).meterStop >= 0);
    await statusFrom(rg, mark, 1, 'Finishing');
    await unplugToAvailable(rg, 1);
  });

  test('TC_018_2_CS unlock connector with a charging session (fixed cable): NotSupported, the transaction continues', async () => {
    const txId = await startSession(rg, 3, 'UNLOCK-CABLE');
    const mark = csms.records.length;
    assert.deepEqual(await call('UnlockConnector', { connectorId: 3 }), { status: 'NotSupported' });
    const e = await st.evse(3);
    assert.equal(e.status, 'Charging');
    assert.equal(e.transaction?.csmsId, String(txId));
    await st.ok('sim', 'tag', '3', 'UNLOCK-CABLE');
    const stop = await csms.waitFor('StopTransaction', (p) => p.transactionId === txId, 10_000, mark);
    assert.ok([undefined, 'Local'].includes((stop.payload as any).reason));
    await unplugToAvailable(rg, 3);
  });

  test('TC_031_CS unlock an unknown connector: NotSupported', async () => {
    assert.deepEqual(await call('UnlockConnector', { connectorId: 9 }), { status: 'NotSupported' });
    assert.deepEqual(await call('UnlockConnector', { connectorId: 0 }), { status: 'NotSupported' });
  });

  test('TC_030_CS unlock connector failure: UnlockFailed and ConnectorLockFailure reported', async () => {
    await st.ok('sim', 'fault', '1', 'lock');
    let mark = csms.records.length;
    assert.deepEqual(await call('UnlockConnector', { connectorId: 1 }), { status: 'UnlockFailed' });
    await statusFrom(rg, mark, 1, 'Available', 'ConnectorLockFailure');
    await st.ok('sim', 'clear', '1');
    mark = csms.records.length;
    assert.deepEqual(await call('UnlockConnector', { connectorId: 1 }), { status: 'Unlocked' });
    await statusFrom(rg, mark, 1, 'Available', 'NoError');
  });

  // ------------------------------------------------------------------------------------ unsupported actions

  test('actions of profiles the charge point does not support → CALLERROR NotSupported', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const calls: [string, unknown][] = [
      // ReserveNow and CancelReservation: supported since the Reservation profile (reservations.test.ts).
      ['TriggerMessage', { requestedMessage: 'Heartbeat' }],
      ['GetDiagnostics', { location: 'ftp://example.com/diag' }],
      ['UpdateFirmware', { location: 'https://example.com/fw.bin', retrieveDate: future }],
    ];
    for (const [action, params] of calls) {
      assert.equal(await callErrorCode(call(action, params)), 'NotSupported', action);
    }
    // Nothing happened to the station, and the connection is still the same.
    assert.equal((await st.evse(1)).status, 'Available');
    assert.equal((await call('GetConfiguration', { key: ['NumberOfConnectors'] })).configurationKey[0].value, '3');
  });
});
