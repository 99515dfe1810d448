/**
 * OCPP 1.6 LocalAuthListManagement against the real chargerd process and the strict ocpp-rpc CSMS: OCTT cases
 * TC_042_1/2, TC_043, TC_043_1/2, TC_008, the CALLERRORs for requests that break the specification, list
 * entries never cached, LocalListConflict, persistence across a restart and a kill -9, and
 * `chargerctl auth list|lookup`.
 * The tests share one station and run in order: each starts from the list the previous one left.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidFrames, booted, callErrorCode, relaunch, rig, type Rig } from './harness.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

const ID = 'CP-LIST';

describe('OCPP 1.6 Local Authorization List against chargerd', { timeout: SUITE_TIMEOUT_MS }, () => {
  let r: Rig;
  const call = (action: string, params: unknown = {}) => r.csms.call(ID, action, params);
  const version = async (): Promise<number> => (await call('GetLocalListVersion')).listVersion;
  const send = (listVersion: number, updateType: 'Full' | 'Differential', localAuthorizationList?: unknown[]) =>
    call('SendLocalList', { listVersion, updateType, ...(localAuthorizationList ? { localAuthorizationList } : {}) });
  const lookup = async (idTag: string) => JSON.parse(await r.st.ok('auth', 'lookup', idTag, '--json'));

  before(async () => {
    r = await rig(ID, { ocppKeys: { LocalPreAuthorize: true, AuthorizationCacheEnabled: false } });
  });
  after(async () => {
    await r?.close();
  });
  afterEach(() => assertValidFrames(r));

  test('GetConfiguration: LocalAuthListManagement supported, §9.2 keys present', async () => {
    const { configurationKey } = await call('GetConfiguration', { key: ['SupportedFeatureProfiles', 'LocalAuthListEnabled', 'LocalAuthListMaxLength', 'SendLocalListMaxLength'] });
    assert.deepEqual(configurationKey, [
      { key: 'SupportedFeatureProfiles', readonly: true, value: 'Core,LocalAuthListManagement,Reservation,SmartCharging' },
      { key: 'LocalAuthListEnabled', readonly: false, value: 'true' },
      { key: 'LocalAuthListMaxLength', readonly: true, value: '10000' },
      { key: 'SendLocalListMaxLength', readonly: true, value: '1000' },
    ]);
    assert.deepEqual(await call('ChangeConfiguration', { key: 'LocalAuthListMaxLength', value: '5' }), { status: 'Rejected' });
  });

  test('TC_042_2_CS a fresh station answers 0; a Full update of version 1 without a list leaves it at 0', async () => {
    assert.equal(await version(), 0);
    assert.deepEqual(await send(1, 'Full'), { status: 'Accepted' });
    assert.equal(await version(), 0);
  });

  test('TC_043_CS Full then Differential: the version after each, and chargerctl auth list shows the list', async () => {
    assert.deepEqual(
      await send(2, 'Full', [
        { idTag: 'CARD-1', idTagInfo: { status: 'Accepted', parentIdTag: 'FLEET' } },
        { idTag: 'CARD-BLK', idTagInfo: { status: 'Blocked' } },
        { idTag: 'CARD-OLD', idTagInfo: { status: 'Accepted', expiryDate: '2020-01-01T00:00:00.000Z' } },
      ]),
      { status: 'Accepted' },
    );
    assert.equal(await version(), 2);
    assert.deepEqual(await send(3, 'Differential', [{ idTag: 'CARD-2', idTagInfo: { status: 'Accepted' } }, { idTag: 'CARD-BLK' }]), { status: 'Accepted' });
    assert.equal(await version(), 3);

    const out = await r.st.ok('auth', 'list');
    assert.match(out, /^Local list {2}enabled, version 3, 3 entries of at most 10000$/m);
    assert.match(out, /^Cache {7}disabled \(AuthorizationCacheEnabled false\), 0 entries kept$/m);
    assert.match(out, /^CARD-1 {4}Accepted {2}- {35}FLEET$/m);
    assert.match(out, /^CARD-2 {4}Accepted {2}- {35}-$/m);
    assert.match(out, /^CARD-OLD {2}Accepted {2}2020-01-01T00:00:00\.000Z \(expired\) {2}-$/m);
    assert.doesNotMatch(out, /CARD-BLK/);
    const json = JSON.parse(await r.st.ok('auth', 'list', '--json'));
    assert.equal(json.localList.reportedVersion, 3);
    assert.deepEqual(
      json.localList.entries.map((e: { idTag: string }) => e.idTag),
      ['CARD-1', 'CARD-2', 'CARD-OLD'],
    );
  });

  test('TC_043_2_CS a Differential not newer than the list: VersionMismatch, list and version unchanged', async () => {
    assert.deepEqual(await send(3, 'Differential', [{ idTag: 'CARD-X', idTagInfo: { status: 'Accepted' } }]), { status: 'VersionMismatch' });
    assert.deepEqual(await send(2, 'Differential', [{ idTag: 'CARD-1' }]), { status: 'VersionMismatch' });
    assert.equal(await version(), 3);
    assert.equal((await lookup('CARD-X')).localList, null);
    assert.equal((await lookup('CARD-1')).localList.status, 'Accepted');
  });

  test('requests that break the specification get a CALLERROR; nothing changes', async () => {
    assert.equal(await callErrorCode(send(4, 'Full', [{ idTag: 'A', idTagInfo: { status: 'Accepted' } }, { idTag: 'B' }])), 'OccurenceConstraintViolation');
    assert.equal(await callErrorCode(send(4, 'Full', [{ idTag: 'DUP', idTagInfo: { status: 'Accepted' } }, { idTag: 'dup', idTagInfo: { status: 'Blocked' } }])), 'PropertyConstraintViolation');
    assert.equal(await callErrorCode(send(0, 'Full', [])), 'PropertyConstraintViolation');
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ idTag: `T${i}`, idTagInfo: { status: 'Accepted' } }));
    assert.equal(await callErrorCode(send(4, 'Full', tooMany)), 'OccurenceConstraintViolation');
    assert.equal(await version(), 3);
  });

  test('TC_008_CS a card in the list starts a session; with LocalPreAuthorize no Authorize is sent', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'tag', '1', 'CARD-2');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Preparing', 5000, m);
    await r.st.ok('sim', 'plug', '1');
    const start = await r.csms.waitFor('StartTransaction', (p) => p.connectorId === 1, 5000, m);
    assert.equal((start.payload as { idTag: string }).idTag, 'CARD-2');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Charging', 5000, m);
    await r.st.ok('sim', 'tag', '1', 'CARD-2');
    await r.csms.waitFor('StopTransaction', () => true, 5000, m);
    await r.st.ok('sim', 'unplug', '1');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Available', 5000, m);
    assert.deepEqual(r.csms.received('Authorize').filter((x) => r.csms.records.indexOf(x) >= m), [], 'no Authorize for a card on the list');
  });

  test('list entries are never cached (§3.5.3); other cards are', async () => {
    assert.deepEqual(await call('ChangeConfiguration', { key: 'AuthorizationCacheEnabled', value: 'true' }), { status: 'Accepted' });
    assert.deepEqual(await call('ChangeConfiguration', { key: 'LocalPreAuthorize', value: 'false' }), { status: 'Accepted' });
    for (const idTag of ['CARD-1', 'WALK-IN']) {
      const m = r.mark();
      await r.st.ok('sim', 'plug', '2');
      await r.st.ok('sim', 'tag', '2', idTag);
      await r.csms.waitFor('Authorize', (p) => p.idTag === idTag, 5000, m);
      await r.csms.waitFor('StartTransaction', (p) => p.idTag === idTag, 5000, m);
      await r.st.ok('sim', 'tag', '2', idTag);
      await r.csms.waitFor('StopTransaction', () => true, 5000, m);
      await r.st.ok('sim', 'unplug', '2');
      await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.status === 'Available', 5000, m);
    }
    assert.equal((await lookup('CARD-1')).cache, null);
    const walkIn = await lookup('WALK-IN');
    assert.equal(walkIn.cache.status, 'Accepted');
    assert.equal(walkIn.localList, null);
  });

  test('chargerctl auth lookup: list entry, expired entry, and what the station would decide', async () => {
    let out = await r.st.ok('auth', 'lookup', 'CARD-1');
    assert.match(out, /^IdTag {7}CARD-1$/m);
    assert.match(out, /^Local list {2}Accepted \(parent FLEET\)$/m);
    assert.match(out, /^Cache {7}not cached$/m);
    assert.match(out, /^Online {6}the CSMS is asked \(Authorize\)$/m);
    assert.match(out, /^Offline {5}Accepted \(from the local list\)$/m);
    assert.match(out, /^Station {5}online: /m);
    out = await r.st.ok('auth', 'lookup', 'CARD-OLD');
    assert.match(out, /^Offline {5}Expired \(from the local list, expired\)$/m);
    const m = r.mark();
    await r.st.ok('auth', 'lookup', 'NEVER-SEEN');
    assert.equal(r.csms.records.slice(m).filter((x) => x.dir === 'in' && x.action === 'Authorize').length, 0, 'a lookup never asks the CSMS');
    const bad = await r.st.ctl(['auth', 'lookup', 'X'.repeat(21)]);
    assert.equal(bad.code, 2);
  });

  test('§3.5.2 the CSMS contradicts the list: StatusNotification for connector 0 with LocalListConflict; the list stays', async () => {
    assert.deepEqual(await send(4, 'Differential', [{ idTag: 'BLOCKED-1', idTagInfo: { status: 'Accepted' } }]), { status: 'Accepted' });
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'BLOCKED-1');
    await r.csms.waitFor('Authorize', (p) => p.idTag === 'BLOCKED-1', 5000, m);
    const sn = await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 0 && p.errorCode === 'LocalListConflict', 5000, m);
    const p = sn.payload as { status: string; info?: string };
    assert.equal(p.status, 'Available');
    assert.equal(p.info, 'BLOCKED-1: list Accepted, CSMS Blocked');
    assert.equal((await lookup('BLOCKED-1')).localList.status, 'Accepted', 'only SendLocalList changes the list');
    await r.st.ok('sim', 'unplug', '1');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Available', 5000, m);
    assert.equal(r.csms.received('StartTransaction').filter((x) => (x.payload as { idTag: string }).idTag === 'BLOCKED-1').length, 0, 'the CSMS said Blocked: no session');
    assert.deepEqual(await send(5, 'Differential', [{ idTag: 'BLOCKED-1' }]), { status: 'Accepted' });
  });

  test('TC_042_1_CS / TC_043_1_CS with LocalAuthListEnabled false: version -1, SendLocalList NotSupported; enabled again, the list is back', async () => {
    assert.deepEqual(await call('ChangeConfiguration', { key: 'LocalAuthListEnabled', value: 'false' }), { status: 'Accepted' });
    assert.equal(await version(), -1);
    assert.deepEqual(await send(9, 'Full', [{ idTag: 'OTHER', idTagInfo: { status: 'Accepted' } }]), { status: 'NotSupported' });
    assert.match(await r.st.ok('auth', 'list'), /^Local list {2}disabled \(LocalAuthListEnabled false; GetLocalListVersion answers -1\), keeps 3 entries of version 5$/m);
    assert.deepEqual(await call('ChangeConfiguration', { key: 'LocalAuthListEnabled', value: 'true' }), { status: 'Accepted' });
    assert.equal(await version(), 5);
  });

  test('the list, its version and the cache survive a restart (SIGTERM) and a kill -9', async () => {
    assert.deepEqual(await send(10, 'Differential', [{ idTag: 'CARD-3', idTagInfo: { status: 'Accepted', expiryDate: '2099-01-01T00:00:00.000Z' } }]), { status: 'Accepted' });
    for (const how of ['SIGTERM', 'SIGKILL'] as const) {
      if (how === 'SIGTERM') assert.equal(await r.st.stop(), 0);
      else await r.st.kill('SIGKILL');
      const m = r.mark();
      // Without the first start's ocppKeys (as this test always restarted): list, version and cache must come
      // from the database, not from the config file.
      await relaunch(r, {});
      await booted(r, m, [0, 1, 2]);
      assert.equal(await version(), 10, how);
      const json = JSON.parse(await r.st.ok('auth', 'list', '--json'));
      assert.deepEqual(
        json.localList.entries.map((e: { idTag: string; status: string }) => `${e.idTag}:${e.status}`),
        ['CARD-1:Accepted', 'CARD-2:Accepted', 'CARD-3:Accepted', 'CARD-OLD:Accepted'],
        how,
      );
      assert.equal(json.cache.size, 1, 'the cache (WALK-IN) survives too');
      assert.deepEqual(await send(10, 'Differential', []), { status: 'VersionMismatch' });
    }
  });
});
