/**
 * D01/D02 and C11 on a 2.0.1 station: the real chargerd process against the strict 2.0.1 CSMS (every frame checked
 * against the OCA schemas), named after the part 6 TC_D_* cases that need no TLS, plus the size limits, the
 * CALLERRORs for requests that break D01, ClearCache, `chargerctl auth list|lookup` with typed entries, and a 1.6
 * station's list surviving a switch to 2.0.1 on the same data directory.
 * The first suite shares one station and runs in order: each test starts from the list the previous one left.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { DemoCsms } from '../../../agent/demo/csms.js';
import { StationProcess } from '../../support/station-process.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';
import { assertValidFrames, callErrorCode, type Rig } from '../core/harness.js';
import { component, relaunch201, rig201, stationOptions, variable } from './harness.js';

const tok = (idToken: string, type = 'ISO14443') => ({ idToken, type });
const acc = (id: string, type = 'ISO14443', extra: Record<string, unknown> = {}) => ({ idToken: tok(id, type), idTokenInfo: { status: 'Accepted', ...extra } });
const blocked = (id: string, type = 'ISO14443') => ({ idToken: tok(id, type), idTokenInfo: { status: 'Blocked' } });
const remove = (id: string, type = 'ISO14443') => ({ idToken: tok(id, type) });

describe('2.0.1 Local Authorization List against chargerd', { timeout: SUITE_TIMEOUT_MS }, () => {
  let r: Rig;
  const version = async (): Promise<number> => (await r.call('GetLocalListVersion')).versionNumber;
  const send = (versionNumber: number, updateType: 'Full' | 'Differential', localAuthorizationList?: unknown[]) =>
    r.call('SendLocalList', { versionNumber, updateType, ...(localAuthorizationList ? { localAuthorizationList } : {}) });
  const get = async (c: string, v: string): Promise<string> => {
    const res = await r.call('GetVariables', { getVariableData: [{ component: component(c), variable: variable(v) }] });
    assert.equal(res.getVariableResult[0].attributeStatus, 'Accepted', `${c}.${v}`);
    return res.getVariableResult[0].attributeValue;
  };
  const setVar = async (c: string, v: string, value: string) => {
    const res = await r.call('SetVariables', { setVariableData: [{ component: component(c), variable: variable(v), attributeValue: value }] });
    assert.equal(res.setVariableResult[0].attributeStatus, 'Accepted', `${c}.${v}=${value}`);
  };
  const ids = async () => (JSON.parse(await r.st.ok('auth', 'list', '--all', '--json')).localList.entries as any[]).map((e) => `${e.idTag}/${e.tokenType}:${e.status}`);

  before(async () => {
    r = await rig201('CP201-LIST');
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('TC_D_08_CS (D02.FR.02) a station that never received a list answers 0; LocalAuthListCtrlr announces its limits', async () => {
    assert.equal(await version(), 0);
    assert.equal(await get('LocalAuthListCtrlr', 'Entries'), '0');
    assert.equal(await get('LocalAuthListCtrlr', 'ItemsPerMessage'), '250');
    assert.equal(await get('LocalAuthListCtrlr', 'BytesPerMessage'), '65000');
    assert.equal(await get('LocalAuthListCtrlr', 'Storage'), '0');
  });

  it('TC_D_01_CS Full: the list replaced with typed entries and the version set; Entries and Storage follow', async () => {
    assert.deepEqual(await send(1, 'Full', [acc('CARD-1', 'ISO14443', { groupIdToken: tok('FLEET', 'Central') }), blocked('CARD-BLK'), acc('PIN-1', 'KeyCode')]), { status: 'Accepted' });
    assert.equal(await version(), 1);
    assert.equal(await get('LocalAuthListCtrlr', 'Entries'), '3');
    assert.ok(Number(await get('LocalAuthListCtrlr', 'Storage')) > 0);
    assert.deepEqual(await ids(), ['CARD-1/ISO14443:Accepted', 'CARD-BLK/ISO14443:Blocked', 'PIN-1/KeyCode:Accepted']);
  });

  it('TC_D_02_CS Differential update: adds and updates, version set', async () => {
    assert.deepEqual(await send(2, 'Differential', [acc('CARD-BLK'), acc('CARD-2', 'ISO15693')]), { status: 'Accepted' });
    assert.equal(await version(), 2);
    assert.deepEqual(await ids(), ['CARD-1/ISO14443:Accepted', 'CARD-2/ISO15693:Accepted', 'CARD-BLK/ISO14443:Accepted', 'PIN-1/KeyCode:Accepted']);
  });

  it('TC_D_03_CS Differential remove: an entry without idTokenInfo is removed, exactly that id and type', async () => {
    assert.deepEqual(await send(3, 'Differential', [remove('CARD-BLK'), remove('PIN-1', 'ISO14443')]), { status: 'Accepted' });
    assert.equal(await version(), 3);
    assert.deepEqual(await ids(), ['CARD-1/ISO14443:Accepted', 'CARD-2/ISO15693:Accepted', 'PIN-1/KeyCode:Accepted'], 'PIN-1 is a KeyCode: an ISO14443 removal does not touch it');
  });

  it('TC_D_06_CS VersionMismatch: a Differential not newer than the list changes nothing', async () => {
    assert.deepEqual(await send(3, 'Differential', [acc('LATE')]), { status: 'VersionMismatch' });
    assert.deepEqual(await send(1, 'Differential', [remove('CARD-1')]), { status: 'VersionMismatch' });
    assert.equal(await version(), 3);
    assert.equal((await ids()).length, 3);
  });

  it('TC_D_05_CS Differential with an empty list: no effect on the list, the version moves (D01.FR.05)', async () => {
    assert.deepEqual(await send(4, 'Differential'), { status: 'Accepted' });
    assert.equal(await version(), 4);
    assert.equal((await ids()).length, 3);
  });

  it('D01.FR.11 size limits: more than ItemsPerMessage entries or BytesPerMessage bytes is Failed with a reason; nothing applied', async () => {
    const items = Array.from({ length: 251 }, (_, i) => acc(`T${i}`));
    const r1 = await send(5, 'Full', items);
    assert.equal(r1.status, 'Failed');
    assert.equal(r1.statusInfo?.reasonCode, 'TooManyElements');
    const big = Array.from({ length: 240 }, (_, i) => acc(`BIG-${i}`, 'ISO14443', { personalMessage: { format: 'UTF8', content: 'x'.repeat(255) } }));
    const r2 = await send(5, 'Full', big);
    assert.equal(r2.status, 'Failed');
    assert.equal(r2.statusInfo?.reasonCode, 'TooLargeElement');
    assert.equal(await version(), 4);
    assert.equal((await ids()).length, 3);
  });

  it('requests that break D01 get a CALLERROR naming the rule (versionNumber 0, duplicate IdTokens, Full entry without idTokenInfo)', async () => {
    assert.equal(await callErrorCode(send(0, 'Full', [acc('X')])), 'PropertyConstraintViolation');
    assert.equal(await callErrorCode(send(5, 'Differential', [acc('DUP'), blocked('dup')])), 'PropertyConstraintViolation');
    assert.equal(await callErrorCode(send(5, 'Full', [acc('X'), remove('Y')])), 'OccurrenceConstraintViolation');
    assert.equal(await version(), 4);
    assert.equal((await ids()).length, 3);
  });

  it('chargerctl auth list shows each entry\'s type and its group with the group\'s type; auth lookup names the type', async () => {
    const list = await r.st.ok('auth', 'list');
    assert.match(list, /^Local list\s+enabled, version 4, 3 entries of at most 10000$/m);
    assert.match(list, /^IDTOKEN\s+TYPE\s+STATUS\s+EXPIRES\s+GROUP$/m);
    assert.match(list, /^CARD-1\s+ISO14443\s+Accepted\s+-\s+FLEET \(Central\)$/m);
    assert.match(list, /^PIN-1\s+KeyCode\s+Accepted\s+-\s+-$/m);
    const lookup = await r.st.ok('auth', 'lookup', 'card-1');
    assert.match(lookup, /^Local list\s+Accepted \(type ISO14443, group FLEET \(Central\)\)$/m);
    const json = JSON.parse(await r.st.ok('auth', 'lookup', 'PIN-1', '--json'));
    assert.equal(json.localList.tokenType, 'KeyCode');
    assert.equal(json.tokenType, null, 'chargerctl looks up an untyped idTag, which the lookup rule lets find the typed entry');
  });

  it('TC_C_37_CS / TC_C_38_CS ClearCache: Accepted, and Rejected while AuthCacheCtrlr.Enabled is false (C11.FR.04)', async () => {
    assert.deepEqual(await r.call('ClearCache'), { status: 'Accepted' });
    await setVar('AuthCacheCtrlr', 'Enabled', 'false');
    const res = await r.call('ClearCache');
    assert.equal(res.status, 'Rejected');
    assert.equal(res.statusInfo?.reasonCode, 'NotEnabled');
    assert.match(await r.st.ok('auth', 'list'), /^Cache\s+disabled/m);
    await setVar('AuthCacheCtrlr', 'Enabled', 'true');
    assert.equal(await get('AuthCacheCtrlr', 'Storage'), '0');
  });

  it('TC_D_10_CS GetLocalListVersion with the list disabled answers 0 (D02.FR.03); SendLocalList is Failed; the list is kept', async () => {
    await setVar('LocalAuthListCtrlr', 'Enabled', 'false');
    assert.equal(await version(), 0);
    const res = await send(9, 'Full', [acc('NEW')]);
    assert.equal(res.status, 'Failed');
    assert.equal(res.statusInfo?.reasonCode, 'NotEnabled');
    assert.match(await r.st.ok('auth', 'list'), /^Local list\s+disabled \(LocalAuthListEnabled false; GetLocalListVersion answers 0\), keeps 3 entries of version 4$/m);
    await setVar('LocalAuthListCtrlr', 'Enabled', 'true');
    assert.equal(await version(), 4);
  });

  it('TC_D_07_CS the list and its version persist over a reboot', async () => {
    await r.st.stop();
    const from = r.mark();
    await relaunch201(r);
    await r.csms.waitFor('StatusNotification', (p) => p.evseId === 2, 10_000, from);
    assert.equal(await version(), 4);
    assert.deepEqual(await ids(), ['CARD-1/ISO14443:Accepted', 'CARD-2/ISO15693:Accepted', 'PIN-1/KeyCode:Accepted']);
  });

  it('TC_D_04_CS Full with an empty list: every IdToken removed, the version set and answered (D01.FR.04, D02 remark)', async () => {
    assert.deepEqual(await send(6, 'Full'), { status: 'Accepted' });
    assert.equal(await version(), 6);
    assert.equal(await get('LocalAuthListCtrlr', 'Entries'), '0');
    assert.match(await r.st.ok('auth', 'list'), /^Local list\s+enabled, empty \(GetLocalListVersion answers 6; last version received 6\)$/m);
  });
});

describe('a 1.6 station\'s list after a switch to 2.0.1', { timeout: SUITE_TIMEOUT_MS }, () => {
  it('keeps its version and entries; untyped entries answer typed lookups; a 2.0.1 Full replaces them with typed ones', async () => {
    const id = 'CP-SWITCH';
    const csms16 = new DemoCsms({ protocol: 'ocpp1.6' });
    const url16 = await csms16.start();
    const st16 = new StationProcess(stationOptions(url16, id, { version: '1.6' })).start();
    let st201: StationProcess | null = null;
    const csms201 = new DemoCsms({ protocol: 'ocpp2.0.1' });
    try {
      await st16.ready();
      await csms16.waitFor('StatusNotification', (p) => p.connectorId === 2);
      const sent = await csms16.call(id, 'SendLocalList', {
        listVersion: 7,
        updateType: 'Full',
        localAuthorizationList: [{ idTag: 'OLD-1', idTagInfo: { status: 'Accepted', parentIdTag: 'FLEET' } }, { idTag: 'OLD-BLK', idTagInfo: { status: 'Blocked' } }],
      });
      assert.deepEqual(sent, { status: 'Accepted' });
      assert.deepEqual(csms16.validationFailures, []);
      await st16.stop();
      await csms16.stop();

      const url201 = await csms201.start();
      st201 = new StationProcess(stationOptions(url201, id, {}, st16.dataDir)).start();
      await st201.ready();
      await csms201.waitFor('StatusNotification', (p) => p.evseId === 2);
      assert.equal((await st201.status()).ocppVersion, '2.0.1');
      assert.deepEqual(await csms201.call(id, 'GetLocalListVersion', {}), { versionNumber: 7 });
      const entries = await csms201.call(id, 'GetVariables', { getVariableData: [{ component: component('LocalAuthListCtrlr'), variable: variable('Entries') }] });
      assert.equal(entries.getVariableResult[0].attributeValue, '2');
      const lookup = JSON.parse(await st201.ok('auth', 'lookup', 'old-1', '--json'));
      assert.equal(lookup.localList.status, 'Accepted');
      assert.equal(lookup.localList.tokenType, null, 'the 1.6 entry is untyped');
      assert.equal(lookup.localList.parentIdTag, 'FLEET');
      assert.equal(lookup.offline.idTagInfo.status, 'Accepted');
      assert.match(await st201.ok('auth', 'list'), /^IDTAG\s+STATUS\s+EXPIRES\s+PARENT$/m, 'an all-untyped list keeps the 1.6 columns');

      assert.deepEqual(await csms201.call(id, 'SendLocalList', { versionNumber: 8, updateType: 'Differential', localAuthorizationList: [blocked('OLD-1')] }), { status: 'Accepted' });
      const both = JSON.parse(await st201.ok('auth', 'list', '--json')).localList.entries.map((e: any) => `${e.idTag}/${e.tokenType}:${e.status}`);
      assert.deepEqual(both, ['OLD-1/null:Accepted', 'OLD-1/ISO14443:Blocked', 'OLD-BLK/null:Blocked'], 'a typed entry of the same id is a separate entry');
      assert.deepEqual(await csms201.call(id, 'SendLocalList', { versionNumber: 9, updateType: 'Full', localAuthorizationList: [acc('NEW-1', 'eMAID')] }), { status: 'Accepted' });
      const after = JSON.parse(await st201.ok('auth', 'list', '--json')).localList;
      assert.deepEqual(after.entries.map((e: any) => `${e.idTag}/${e.tokenType}`), ['NEW-1/eMAID']);
      assert.equal(after.reportedVersion, 9);
      assert.deepEqual(csms201.validationFailures, []);
    } finally {
      await st201?.stop();
      await st16.stop().catch(() => undefined);
      await csms201.stop();
      await csms16.stop().catch(() => undefined);
      st16.cleanup();
    }
  });
});
