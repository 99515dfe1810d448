/**
 * B10 slot selection over a real station database and device model: the first priority slot at start, the next
 * after NetworkProfileConnectionAttempts failures, then the slot that connected last, then the list again; a
 * connection through another slot than the previous one of the run is flagged for a new BootNotification.
 * The connection is a stand-in with the RpcConnection's events and setBaseUrl (what the selector uses of it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../../agent/log.js';
import type { RpcConnectionEvents } from '../../../../agent/ocpp/rpc-connection.js';
import { Settings } from '../../../../agent/station/settings.js';
import { Emitter } from '../../../../hal/emitter.js';
import { openSqliteStore } from '../../../../offline-queue/index.js';
import { NetworkSelector } from '../../../../profiles/ocpp201/network/selector.js';
import { LAST_GOOD_KEY, storeProfile, vetoEmptySlots } from '../../../../profiles/ocpp201/network/slots.js';
import { setNetworkProfile } from '../../../../profiles/ocpp201/network/set-network-profile.js';
import { createStationModel } from '../../../../profiles/ocpp201/station-model.js';

const identity = { vendor: 'V', model: 'M' } as never;
const evses = [{ id: 1, maxCurrentA: 16, phases: 1 as const, connector: 'cable' as const }];
const CONFIG = 'ws://config.example/ocpp';
const profile = (url: string) => ({ ocppVersion: 'OCPP20' as const, ocppTransport: 'JSON' as const, ocppCsmsUrl: url, messageTimeout: 30, securityProfile: 0, ocppInterface: 'Wired0' as const });

function rig(fn: (r: { store: ReturnType<typeof openSqliteStore>; model: ReturnType<typeof createStationModel>; selector: () => NetworkSelector; rpc: ReturnType<typeof fakeRpc> }) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'chargerd-net-'));
  const store = openSqliteStore(join(dir, 'chargerd.db'));
  try {
    const model = createStationModel({ store, settings: new Settings(store.settings), clock: new FakeClock(), identity, evses, station: () => null });
    vetoEmptySlots(model, store.settings);
    const rpc = fakeRpc();
    let sel: NetworkSelector | null = null;
    fn({ store, model, rpc, selector: () => (sel ??= new NetworkSelector({ rpc, model, settings: store.settings, log: silentLogger() })) });
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function fakeRpc() {
  const events = new Emitter<RpcConnectionEvents>();
  const rpc = {
    events,
    baseUrl: CONFIG,
    urls: [] as string[],
    setBaseUrl(u: string) {
      rpc.baseUrl = u;
      rpc.urls.push(u);
    },
    fail(n: number) {
      for (let i = 0; i < n; i++) events.emit('connectFailed', 'refused', 100);
    },
  };
  return rpc;
}

const set = (model: ReturnType<typeof createStationModel>, variable: string, value: string) =>
  model.set({ component: { name: 'OCPPCommCtrlr' }, variable: { name: variable }, attributeValue: value }).attributeStatus;

test('without profiles the config URL (slot 0) is used and stays', () => {
  rig(({ rpc, selector }) => {
    const s = selector();
    assert.equal(s.activeSlot(), 0);
    assert.equal(rpc.baseUrl, CONFIG);
    rpc.fail(10);
    assert.equal(rpc.baseUrl, CONFIG);
  });
});

test('priority 1,0 with attempts 2: slot 1 first, slot 0 after two failures, the last good slot, then slot 1 again', () => {
  rig(({ store, model, rpc, selector }) => {
    assert.equal(set(model, 'NetworkConfigurationPriority', '1,0'), 'Rejected', 'slot 1 is empty (B10.FR.02)');
    storeProfile(store.settings, 1, profile('ws://one.example/ocpp'));
    assert.equal(set(model, 'NetworkConfigurationPriority', '1,0'), 'RebootRequired');
    assert.equal(set(model, 'NetworkProfileConnectionAttempts', '2'), 'Accepted');
    store.settings.set(LAST_GOOD_KEY, '1');
    const s = selector();
    assert.equal(rpc.baseUrl, 'ws://one.example/ocpp');
    rpc.fail(1);
    assert.equal(s.activeSlot(), 1, 'one failure is not enough');
    rpc.fail(1);
    assert.equal(s.activeSlot(), 0);
    assert.equal(rpc.baseUrl, CONFIG);
    // Last good slot 1 comes after the list ends with 0 (B10.FR.07), then the list again from its start (B10.FR.08).
    rpc.fail(2);
    assert.equal(s.activeSlot(), 1);
    rpc.fail(2);
    assert.equal(s.activeSlot(), 1, 'the list again: slot 1 first');
    rpc.fail(2);
    assert.equal(s.activeSlot(), 0);
    rpc.events.emit('open');
    assert.equal(store.settings.getAll()[LAST_GOOD_KEY], '0');
    assert.equal(s.takeSwitched(), false, 'the first connection of a run boots anyway');
    rpc.events.emit('close', 1006, '');
    rpc.fail(2);
    assert.equal(s.activeSlot(), 1);
    rpc.events.emit('open');
    assert.equal(s.takeSwitched(), true, 'another slot than before in this run: register again (B10.FR.10)');
    assert.equal(s.takeSwitched(), false, 'once');
  });
});

test('SetNetworkProfile stores only what this station can connect with', () => {
  rig(({ store, model }) => {
    const d = { model, settings: store.settings, activeSecurityProfile: () => 1 };
    const req = (slot: number, p: Record<string, unknown>) => ({ configurationSlot: slot, connectionData: { ...profile('ws://x.example/ocpp'), securityProfile: 1, ...p } }) as never;
    assert.deepEqual(setNetworkProfile(d, req(1, {})), { status: 'Accepted' });
    assert.equal(setNetworkProfile(d, req(2, {})).statusInfo?.reasonCode, 'InvalidConfSlot');
    assert.equal(setNetworkProfile(d, req(1, { securityProfile: 0 })).statusInfo?.reasonCode, 'NoSecurityDowngrade');
    assert.equal(setNetworkProfile(d, req(1, { securityProfile: 3 })).statusInfo?.reasonCode, 'InvalidNetworkConf');
    assert.equal(setNetworkProfile(d, req(1, { ocppCsmsUrl: 'not a url' })).statusInfo?.reasonCode, 'InvalidNetworkConf');
    assert.match(setNetworkProfile(d, req(1, { ocppCsmsUrl: 'wss://x.example/ocpp' })).statusInfo?.additionalInfo ?? '', /security profile 2 or 3/);
    assert.equal(JSON.parse(store.settings.getAll()['ocpp201:networkProfile:1']!).ocppCsmsUrl, 'ws://x.example/ocpp', 'the refused ones changed nothing');
  });
});
