/**
 * SendLocalList, GetLocalListVersion and ClearCache for 2.0.1 (D01, D02, C11) through the profile's handlers, with
 * real parts: the station's device model and Settings over a store, on the memory store and on SQLite on disk.
 * The list is the store's, shared with 1.6: typed entries are keyed by (id, type), untyped 1.6 entries stay apart.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../../agent/log.js';
import { OcppCallError } from '../../../../agent/ocpp/errors.js';
import { Authorization } from '../../../../agent/station/authorization.js';
import { Settings } from '../../../../agent/station/settings.js';
import { createMemoryStore, openSqliteStore, untypedToken, type Store } from '../../../../offline-queue/index.js';
import type { AuthorizationData, SendLocalListRequest, SendLocalListResponse } from '../../../../profiles/ocpp201/generated/SendLocalList.js';
import { authCacheLifeTimeS, createLocalListHandlers, reportedListVersion201 } from '../../../../profiles/ocpp201/local-list/index.js';
import { bridgeSettings, createStationModel } from '../../../../profiles/ocpp201/station-model.js';

const identity = { vendor: 'V', model: 'M' } as never;
const evses = [{ id: 1, maxCurrentA: 16, phases: 1 as const, connector: 'cable' as const }];

function setup(store: Store, ocppKeys: Record<string, string> = {}) {
  const settings = new Settings(store.settings);
  const clock = new FakeClock();
  const model = createStationModel({ store, settings, clock, identity, evses, station: () => null });
  bridgeSettings(model, settings);
  for (const [k, v] of Object.entries(ocppKeys)) {
    const [component, variable] = k.split('.');
    assert.equal(model.set({ component: { name: component! }, variable: { name: variable! }, attributeValue: v }).attributeStatus, 'Accepted', k);
  }
  const h = createLocalListHandlers({ store, model, settings, log: silentLogger() });
  const send = (req: SendLocalListRequest) => h.SendLocalList!(req) as Promise<SendLocalListResponse>;
  return {
    store,
    settings,
    model,
    clock,
    send,
    full: (versionNumber: number, list?: AuthorizationData[]) => send({ versionNumber, updateType: 'Full', ...(list ? { localAuthorizationList: list as never } : {}) }),
    diff: (versionNumber: number, list?: AuthorizationData[]) => send({ versionNumber, updateType: 'Differential', ...(list ? { localAuthorizationList: list as never } : {}) }),
    version: async () => ((await h.GetLocalListVersion!({})) as { versionNumber: number }).versionNumber,
    clearCache: () => h.ClearCache!({}) as Promise<{ status: string; statusInfo?: { reasonCode: string } }>,
    /** The list as "id/type" → status (group when set). */
    contents: () => Object.fromEntries(store.localList.list().map((e) => [`${e.token.idToken}/${e.token.tokenType}`, e.info.groupIdToken ? `${e.info.status} ${e.info.groupIdToken.idToken}/${e.info.groupIdToken.tokenType}` : e.info.status])),
    live: (component: string, variable: string) => model.value({ component, variable }),
  };
}

const tok = (idToken: string, type = 'ISO14443') => ({ idToken, type }) as AuthorizationData['idToken'];
const acc = (id: string, type = 'ISO14443', extra: Record<string, unknown> = {}): AuthorizationData => ({ idToken: tok(id, type), idTokenInfo: { status: 'Accepted', ...extra } as never });
const blocked = (id: string, type = 'ISO14443'): AuthorizationData => ({ idToken: tok(id, type), idTokenInfo: { status: 'Blocked' } });
const remove = (id: string, type = 'ISO14443'): AuthorizationData => ({ idToken: tok(id, type) });
const many = (n: number) => Array.from({ length: n }, (_, i) => acc(`T${i}`));

async function rejects(p: Promise<unknown>, code: string, re: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof OcppCallError && e.code === code && re.test(e.message));
}

function stores(): { name: string; open: () => { store: Store; done: () => void } }[] {
  return [
    { name: 'memory', open: () => ({ store: createMemoryStore(), done: () => undefined }) },
    {
      name: 'sqlite',
      open: () => {
        const dir = mkdtempSync(join(tmpdir(), 'chargerd-ll201-'));
        const store = openSqliteStore(join(dir, 'chargerd.db'));
        return { store, done: () => (store.close(), rmSync(dir, { recursive: true, force: true })) };
      },
    },
  ];
}

for (const kind of stores()) {
  describe(`2.0.1 local list on the ${kind.name} store`, () => {
    const run = (fn: (s: ReturnType<typeof setup>) => Promise<void>, keys?: Record<string, string>) => async () => {
      const { store, done } = kind.open();
      try {
        await fn(setup(store, keys));
      } finally {
        done();
      }
    };

    test('D02.FR.02: 0 before any update; Full replaces with typed entries and sets the version (D01.FR.15)', run(async (s) => {
      assert.equal(await s.version(), 0);
      assert.deepEqual(await s.full(3, [acc('A'), blocked('B', 'KeyCode'), acc('C', 'Central', { groupIdToken: tok('G', 'Central'), cacheExpiryDateTime: '2030-01-01T00:00:00.000Z' })]), { status: 'Accepted' });
      assert.equal(await s.version(), 3);
      assert.deepEqual(s.contents(), { 'A/ISO14443': 'Accepted', 'B/KeyCode': 'Blocked', 'C/Central': 'Accepted G/Central' });
      assert.equal(s.store.localList.get({ idToken: 'C', tokenType: 'Central' })?.expiryDate, '2030-01-01T00:00:00.000Z', 'cacheExpiryDateTime is the entry expiry');
      assert.deepEqual(await s.full(4, [acc('D')]), { status: 'Accepted' });
      assert.deepEqual(s.contents(), { 'D/ISO14443': 'Accepted' });
      assert.equal(s.live('LocalAuthListCtrlr', 'Entries'), '1');
    }));

    test('D01.FR.04: Full without entries empties the list; GetLocalListVersion still answers its version (D02 remark)', run(async (s) => {
      await s.full(2, [acc('A')]);
      assert.deepEqual(await s.full(5), { status: 'Accepted' });
      assert.equal(s.store.localList.size(), 0);
      assert.equal(await s.version(), 5);
    }));

    test('D01.FR.16/17: Differential adds, updates and removes exactly the (id, type) it names; FR.05 empty only moves the version', run(async (s) => {
      await s.full(1, [acc('A'), acc('B'), acc('B', 'KeyCode')]);
      assert.deepEqual(await s.diff(2, [blocked('a'), acc('N', 'eMAID'), remove('B', 'KeyCode'), remove('absent')]), { status: 'Accepted' });
      assert.deepEqual(s.contents(), { 'a/ISO14443': 'Blocked', 'B/ISO14443': 'Accepted', 'N/eMAID': 'Accepted' }, 'ids compare case-insensitively; the spelling sent last is kept');
      assert.deepEqual(await s.diff(3), { status: 'Accepted' });
      assert.equal(await s.version(), 3);
      assert.equal(s.store.localList.size(), 3);
    }));

    test('D01.FR.19: a Differential not newer than the list is VersionMismatch and changes nothing; a Full of any version is accepted', run(async (s) => {
      await s.full(7, [acc('A')]);
      assert.deepEqual(await s.diff(7, [acc('X')]), { status: 'VersionMismatch' });
      assert.deepEqual(await s.diff(6, [remove('A')]), { status: 'VersionMismatch' });
      assert.deepEqual(s.contents(), { 'A/ISO14443': 'Accepted' });
      assert.equal(await s.version(), 7);
      assert.deepEqual(await s.full(2, [acc('B')]), { status: 'Accepted' });
      assert.equal(await s.version(), 2);
    }));

    test('CALLERRORs for requests that break D01, list unchanged: version 0 (FR.18), duplicates (FR.06), Full entry without idTokenInfo', run(async (s) => {
      await s.full(1, [acc('A')]);
      await rejects(s.full(0, [acc('X')]), 'PropertyConstraintViolation', /D01\.FR\.18/);
      await rejects(s.diff(2, [acc('D'), blocked('d')]), 'PropertyConstraintViolation', /listed twice.*D01\.FR\.06/);
      await rejects(s.full(2, [acc('X'), remove('Y')]), 'OccurrenceConstraintViolation', /localAuthorizationList\[1\].*idTokenInfo/);
      assert.deepEqual(await s.diff(2, [acc('D'), acc('D', 'KeyCode')]), { status: 'Accepted' }, 'the same id with two types is two IdTokens');
      assert.deepEqual(s.contents(), { 'A/ISO14443': 'Accepted', 'D/ISO14443': 'Accepted', 'D/KeyCode': 'Accepted' });
    }));

    test('D01.FR.11: beyond LocalAuthListCtrlr.ItemsPerMessage / BytesPerMessage is Failed with the reason; the list stays', run(async (s) => {
      await s.full(1, [acc('A')]);
      const items = Number(s.live('LocalAuthListCtrlr', 'ItemsPerMessage'));
      const r = await s.full(2, many(items + 1));
      assert.equal(r.status, 'Failed');
      assert.equal(r.statusInfo?.reasonCode, 'TooManyElements');
      assert.match(r.statusInfo?.additionalInfo ?? '', /ItemsPerMessage/);
      assert.deepEqual(await s.full(2, many(items)), { status: 'Accepted' }, 'exactly ItemsPerMessage entries fit');
      // Within ItemsPerMessage (250) but past 65000 bytes: 240 entries with a 255-character personal message each.
      const long = Array.from({ length: 240 }, (_, i) => acc(`${'L'.repeat(30)}${i}`, 'ISO14443', { personalMessage: { format: 'UTF8', content: 'x'.repeat(255) } }));
      const b = await s.diff(3, long);
      assert.equal(b.status, 'Failed');
      assert.equal(b.statusInfo?.reasonCode, 'TooLargeElement');
      assert.match(b.statusInfo?.additionalInfo ?? '', /bytes, at most 65000 \(LocalAuthListCtrlr\.BytesPerMessage\)/);
      assert.equal(await s.version(), 2);
      assert.equal(s.store.localList.size(), items);
    }));

    test('the list never holds more than the maxLimit of LocalAuthListCtrlr.Entries: Failed OutOfStorage, all or nothing', run(async (s) => {
      const max = s.model.entries().find((e) => e.component.name === 'LocalAuthListCtrlr' && e.def.name === 'Entries')!.def.maxLimit!;
      const items = Number(s.live('LocalAuthListCtrlr', 'ItemsPerMessage'));
      let v = 1;
      await s.full(v, many(items).map((e, i) => ({ ...e, idToken: tok(`P0-${i}`) })));
      for (let part = 1; s.store.localList.size() < max; part++) {
        const left = Math.min(items, max - s.store.localList.size());
        assert.deepEqual(await s.diff(++v, Array.from({ length: left }, (_, i) => acc(`P${part}-${i}`))), { status: 'Accepted' });
      }
      const r = await s.diff(++v, [remove('P0-0'), acc('NEW1'), acc('NEW2')]);
      assert.equal(r.status, 'Failed');
      assert.equal(r.statusInfo?.reasonCode, 'OutOfStorage');
      assert.equal(s.store.localList.size(), max);
      assert.ok(s.store.localList.get({ idToken: 'P0-0', tokenType: 'ISO14443' }), 'the removal in the refused update did not happen');
      assert.deepEqual(await s.diff(v, [remove('P0-0'), acc('NEW1')]), { status: 'Accepted' }, 'a removal makes room in the same update');
    }));

    test('D01 prerequisite / D02.FR.03: LocalAuthListCtrlr.Enabled false: SendLocalList Failed NotEnabled, version 0, list kept', run(async (s) => {
      await s.full(4, [acc('A')]);
      assert.equal(s.model.set({ component: { name: 'LocalAuthListCtrlr' }, variable: { name: 'Enabled' }, attributeValue: 'false' }).attributeStatus, 'Accepted');
      assert.equal(s.settings.get('localAuthListEnabled'), false);
      assert.equal(await s.version(), 0);
      const r = await s.full(5, [acc('B')]);
      assert.equal(r.status, 'Failed');
      assert.equal(r.statusInfo?.reasonCode, 'NotEnabled');
      assert.deepEqual(s.contents(), { 'A/ISO14443': 'Accepted' });
      assert.equal(reportedListVersion201(true, s.store.localList), 4);
    }));

    test('a 1.6 list (untyped) answers typed lookups; a 2.0.1 Full replaces it; a Differential keeps untyped and typed apart', run(async (s) => {
      s.store.localList.replace(9, [{ token: untypedToken('OLD'), info: { status: 'Accepted' } }, { token: untypedToken('BOTH'), info: { status: 'Accepted' } }]);
      assert.equal(await s.version(), 9);
      assert.equal(s.store.localList.get({ idToken: 'old', tokenType: 'ISO14443' })?.status, 'Accepted');
      assert.deepEqual(await s.diff(10, [blocked('BOTH')]), { status: 'Accepted' });
      assert.deepEqual(s.contents(), { 'BOTH/null': 'Accepted', 'BOTH/ISO14443': 'Blocked', 'OLD/null': 'Accepted' });
      assert.equal(s.store.localList.get({ idToken: 'BOTH', tokenType: 'ISO14443' })?.status, 'Blocked', 'the entry of its own type first');
      assert.equal(s.store.localList.get({ idToken: 'BOTH', tokenType: 'KeyCode' })?.status, 'Accepted', 'else the untyped one');
      assert.deepEqual(await s.full(11, [acc('NEW')]), { status: 'Accepted' });
      assert.deepEqual(s.contents(), { 'NEW/ISO14443': 'Accepted' });
    }));

    test('Storage live values: bytes of the stored fields (list), an upper bound per entry (cache)', run(async (s) => {
      assert.equal(s.live('LocalAuthListCtrlr', 'Storage'), '0');
      await s.full(1, [acc('AB', 'Central'), acc('C', 'KeyCode', { groupIdToken: tok('G', 'Central') })]);
      // "AB"+"Central"+"Accepted" = 17; "C"+"KeyCode"+"Accepted"+"G"+"Central" = 24
      assert.equal(s.live('LocalAuthListCtrlr', 'Storage'), '41');
      assert.equal(s.live('AuthCacheCtrlr', 'Storage'), '0');
      s.store.authCache.put({ idToken: 'X', tokenType: 'ISO14443' }, { status: 'Accepted' }, '2026-01-01T00:00:00.000Z');
      assert.ok(Number(s.live('AuthCacheCtrlr', 'Storage')) > 0);
    }));

    test('AuthCacheCtrlr.LifeTime reaches the authorization path as seconds (default 86400, SetVariables applies at once)', run(async (s) => {
      assert.equal(authCacheLifeTimeS(s.model), 86400);
      s.model.set({ component: { name: 'AuthCacheCtrlr' }, variable: { name: 'LifeTime' }, attributeValue: '120' });
      assert.equal(authCacheLifeTimeS(s.model), 120);
    }));

    test('C11: ClearCache clears (Accepted), and is Rejected NotEnabled while AuthCacheCtrlr.Enabled is false (C11.FR.04)', run(async (s) => {
      s.store.authCache.put({ idToken: 'X', tokenType: 'ISO14443' }, { status: 'Accepted' }, '2026-01-01T00:00:00.000Z');
      assert.deepEqual(await s.clearCache(), { status: 'Accepted' });
      assert.equal(s.store.authCache.size(), 0);
      s.store.authCache.put({ idToken: 'Y', tokenType: null }, { status: 'Accepted' }, '2026-01-01T00:00:00.000Z');
      s.model.set({ component: { name: 'AuthCacheCtrlr' }, variable: { name: 'Enabled' }, attributeValue: 'false' });
      const r = await s.clearCache();
      assert.equal(r.status, 'Rejected');
      assert.equal(r.statusInfo?.reasonCode, 'NotEnabled');
      assert.equal(s.store.authCache.size(), 1);
    }));
  });
}

describe('the core authorization path with typed tokens', () => {
  function auth(store: Store, online: boolean, lifeS?: number) {
    const settings = new Settings(store.settings);
    const clock = new FakeClock();
    const asked: string[] = [];
    const a = new Authorization({
      localList: store.localList,
      cache: store.authCache,
      settings,
      clock,
      log: silentLogger(),
      online: () => online,
      remote: async (idTag) => (asked.push(idTag), { status: 'Accepted' }),
      ...(lifeS !== undefined ? { cacheLifeTimeS: () => lifeS } : {}),
    });
    return { a, settings, clock, asked };
  }

  test('a typed lookup finds the entry of its type, else the untyped (1.6) entry; known() and remember() take the type', async () => {
    const store = createMemoryStore();
    store.localList.replace(1, [
      { token: { idToken: 'T', tokenType: 'ISO14443' }, info: { status: 'Accepted' } },
      { token: { idToken: 'T', tokenType: 'KeyCode' }, info: { status: 'Blocked' } },
      { token: untypedToken('U'), info: { status: 'Accepted', groupIdToken: untypedToken('FLEET') } },
    ]);
    const { a, asked } = auth(store, false);
    assert.equal((await a.authorize('T', 'ISO14443')).status, 'Accepted');
    assert.equal((await a.authorize('T', 'KeyCode')).status, 'Blocked');
    assert.equal((await a.authorize('u', 'Central')).status, 'Accepted', 'a 1.6 entry answers a typed token of its id');
    assert.equal((await a.authorize('T', 'eMAID')).status, 'Invalid', 'no entry of that type and no untyped one');
    assert.equal(a.known('U', 'ISO14443')?.parentIdTag, 'FLEET');
    const online = auth(store, true);
    online.a.remember('NEW', { status: 'Accepted' }, 'eMAID');
    assert.equal(store.authCache.get({ idToken: 'NEW', tokenType: 'eMAID' })?.info.status, 'Accepted');
    assert.equal(store.authCache.get({ idToken: 'NEW', tokenType: 'KeyCode' }), undefined, 'cached under exactly its type');
    assert.deepEqual(asked, []);
  });

  test('AuthCacheCtrlr.LifeTime: a cache entry without its own expiry counts as absent once the lifetime passed since its update', async () => {
    const store = createMemoryStore();
    const { a, settings, clock } = auth(store, false, 60);
    settings.set('localAuthorizeOffline', true);
    store.authCache.put({ idToken: 'C', tokenType: 'ISO14443' }, { status: 'Accepted' }, clock.now().toISOString());
    store.authCache.put({ idToken: 'E', tokenType: 'ISO14443' }, { status: 'Accepted', expiryDate: new Date(clock.now().getTime() + 3600_000).toISOString() }, clock.now().toISOString());
    assert.equal((await a.authorize('C', 'ISO14443')).status, 'Accepted');
    clock.advance(61_000);
    assert.equal((await a.authorize('C', 'ISO14443')).status, 'Invalid', 'aged out: unknown, and unknown ids are refused offline here');
    assert.equal((await a.authorize('E', 'ISO14443')).status, 'Accepted', 'cacheExpiryDateTime governs an entry that has one (C10.FR.13)');
  });
});
