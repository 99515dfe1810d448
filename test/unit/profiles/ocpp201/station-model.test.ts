/**
 * The station's device model over a real station database: persisted under dm:, read back by a new model,
 * and the variables that steer the core mirrored into Settings (SETTING_BRIDGE).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../../agent/clock/fake-clock.js';
import { Settings } from '../../../../agent/station/settings.js';
import { openSqliteStore } from '../../../../offline-queue/index.js';
import { keyOf } from '../../../../profiles/ocpp201/device-model/device-model.js';
import { DeviceModelConfig } from '../../../../profiles/ocpp201/config-access.js';
import { bridgeSettings, createStationModel, DM_PREFIX, SETTING_BRIDGE } from '../../../../profiles/ocpp201/station-model.js';

const identity = { vendor: 'V', model: 'M' } as never;
const evses = [{ id: 1, maxCurrentA: 16, phases: 1 as const, connector: 'cable' as const }];

function withStore(fn: (store: ReturnType<typeof openSqliteStore>) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'chargerd-dm-'));
  const store = openSqliteStore(join(dir, 'chargerd.db'));
  try {
    fn(store);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('every bridged variable exists, is writable, and a write reaches the setting', () => {
  withStore((store) => {
    const settings = new Settings(store.settings);
    const model = createStationModel({ store, settings, clock: new FakeClock(), identity, evses, station: () => null });
    const off = bridgeSettings(model, settings);
    for (const b of SETTING_BRIDGE) assert.notEqual(model.value(b.ref), undefined, keyOf(b.ref));
    const keys = new DeviceModelConfig(model);
    assert.equal(keys.set('OCPPCommCtrlr.HeartbeatInterval', '42').status, 'Accepted');
    assert.equal(settings.get('heartbeatIntervalS'), 42);
    assert.equal(keys.set('AuthCacheCtrlr.Enabled', 'false').status, 'Accepted');
    assert.equal(settings.get('authorizationCacheEnabled'), false);
    assert.equal(keys.set('AlignedDataCtrlr.Measurands', 'Energy.Active.Import.Register,Voltage').status, 'Accepted');
    assert.deepEqual(settings.get('alignedMeasurands'), ['Energy.Active.Import.Register', 'Voltage']);
    assert.equal(store.settings.getAll()[`${DM_PREFIX}OCPPCommCtrlr.HeartbeatInterval/Actual`], '42');
    off();
  });
});

test('a new model on the same database has the written values; station values come from the config', () => {
  withStore((store) => {
    const settings = new Settings(store.settings);
    const clock = new FakeClock();
    const first = createStationModel({ store, settings, clock, identity, evses, station: () => null });
    new DeviceModelConfig(first).set('OCPPCommCtrlr.OfflineThreshold', '1234');
    const again = new DeviceModelConfig(createStationModel({ store, settings, clock, identity, evses, station: () => null }));
    assert.equal(again.get('OCPPCommCtrlr.OfflineThreshold')?.value, '1234');
    assert.equal(again.get('Connector@1/1.ConnectorType')?.value, 'cType2');
    assert.equal(again.get('EVSE@1.AllowReset')?.value, 'true', 'an EVSE can be reset alone (reset-evse.ts)');
    assert.equal(again.get('ChargingStation.VendorName')?.value, 'V');
    assert.equal(again.check('OCPPCommCtrlr.OfflineThreshold', '-1').status, 'Rejected');
    assert.equal(again.get('OCPPCommCtrlr.OfflineThreshold')?.value, '1234', 'check() changes nothing');
  });
});
