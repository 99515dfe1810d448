/**
 * Authorization decisions (OCPP 1.6 §3.5): online/offline × LocalPreAuthorize × LocalAuthorizeOffline ×
 * AllowOfflineTxForUnknownId × local list / cache entries (Accepted, Blocked, expired), and what is cached.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../agent/log.js';
import { Authorization } from '../../../agent/station/authorization.js';
import { Settings } from '../../../agent/station/settings.js';
import type { IdTokenInfo } from '../../../agent/station/types.js';
import { createMemoryStore, openSqliteStore, type Store } from '../../../offline-queue/index.js';
import { stored, u } from '../../support/stored-auth.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const PAST = '2026-05-01T00:00:00.000Z';
const FUTURE = '2027-01-01T00:00:00.000Z';

interface Setup {
  online?: boolean;
  pre?: boolean;
  offlineLocal?: boolean;
  unknownOk?: boolean;
  list?: IdTokenInfo;
  cache?: IdTokenInfo;
  /** The CSMS's answer, or 'fail' when it cannot be reached / does not answer. */
  remote?: IdTokenInfo | 'fail';
  cacheEnabled?: boolean;
  listEnabled?: boolean;
  store?: Store;
  cacheMax?: number;
}

function setup(o: Setup) {
  const store = o.store ?? createMemoryStore();
  const clock = new FakeClock(NOW);
  const settings = new Settings(store.settings);
  settings.set('localPreAuthorize', o.pre ?? false);
  settings.set('localAuthorizeOffline', o.offlineLocal ?? true);
  settings.set('allowOfflineTxForUnknownId', o.unknownOk ?? false);
  settings.set('authorizationCacheEnabled', o.cacheEnabled ?? true);
  settings.set('localAuthListEnabled', o.listEnabled ?? true);
  if (o.list) store.localList.replace(1, [{ token: u('TAG'), info: stored(o.list) }]);
  if (o.cache) store.authCache.put(u('TAG'), stored(o.cache), '2026-05-31T00:00:00.000Z');
  const asked: string[] = [];
  let online = o.online ?? true;
  const auth = new Authorization({
    localList: store.localList,
    cache: store.authCache,
    settings,
    clock,
    log: silentLogger(),
    online: () => online,
    remote: async (idTag) => {
      asked.push(idTag);
      const r = o.remote ?? { status: 'Invalid' };
      if (r === 'fail') throw new Error('no answer');
      return r;
    },
    ...(o.cacheMax !== undefined ? { cacheMax: o.cacheMax } : {}),
  });
  return { store, clock, settings, auth, asked, setOnline: (v: boolean) => (online = v) };
}

const ACC: IdTokenInfo = { status: 'Accepted' };
const ACC_FUTURE: IdTokenInfo = { status: 'Accepted', expiryDate: FUTURE };
const ACC_EXPIRED: IdTokenInfo = { status: 'Accepted', expiryDate: PAST };
const BLOCKED: IdTokenInfo = { status: 'Blocked' };
const INVALID: IdTokenInfo = { status: 'Invalid' };

interface Case extends Setup {
  name: string;
  expect: IdTokenInfo['status'];
  /** Whether the CSMS is asked. */
  asks: boolean;
}

const CASES: Case[] = [
  // Online, LocalPreAuthorize false: always the CSMS.
  { name: 'online: the CSMS decides (Accepted)', remote: ACC, expect: 'Accepted', asks: true },
  { name: 'online: the CSMS decides (Blocked) even with an Accepted list entry', list: ACC, remote: BLOCKED, expect: 'Blocked', asks: true },
  { name: 'online: the CSMS decides even with an Accepted cache entry', cache: ACC, remote: INVALID, expect: 'Invalid', asks: true },
  // Online, LocalPreAuthorize true: valid local entries answer at once.
  { name: 'online + LocalPreAuthorize: Accepted list entry, no CSMS call', pre: true, list: ACC_FUTURE, remote: INVALID, expect: 'Accepted', asks: false },
  { name: 'online + LocalPreAuthorize: Accepted cache entry, no CSMS call', pre: true, cache: ACC, remote: INVALID, expect: 'Accepted', asks: false },
  { name: 'online + LocalPreAuthorize: Blocked list entry → the CSMS is asked', pre: true, list: BLOCKED, remote: ACC, expect: 'Accepted', asks: true },
  { name: 'online + LocalPreAuthorize: expired list entry → the CSMS is asked', pre: true, list: ACC_EXPIRED, remote: INVALID, expect: 'Invalid', asks: true },
  { name: 'online + LocalPreAuthorize: expired cache entry → the CSMS is asked', pre: true, cache: ACC_EXPIRED, remote: ACC, expect: 'Accepted', asks: true },
  { name: 'online + LocalPreAuthorize: Blocked cache entry → the CSMS is asked', pre: true, cache: BLOCKED, remote: ACC, expect: 'Accepted', asks: true },
  { name: 'online + LocalPreAuthorize: list has priority over an Accepted cache entry', pre: true, list: BLOCKED, cache: ACC, remote: BLOCKED, expect: 'Blocked', asks: true },
  { name: 'online + LocalPreAuthorize: unknown id → the CSMS is asked', pre: true, remote: ACC, expect: 'Accepted', asks: true },
  { name: 'online + LocalPreAuthorize, cache disabled: cache entry not used', pre: true, cache: ACC, cacheEnabled: false, remote: INVALID, expect: 'Invalid', asks: true },
  { name: 'online + LocalPreAuthorize, list disabled: list entry not used', pre: true, list: ACC, listEnabled: false, remote: INVALID, expect: 'Invalid', asks: true },
  // Offline (or the CSMS does not answer), LocalAuthorizeOffline true.
  { name: 'offline: Accepted list entry', online: false, list: ACC, expect: 'Accepted', asks: false },
  { name: 'offline: Accepted cache entry', online: false, cache: ACC_FUTURE, expect: 'Accepted', asks: false },
  { name: 'offline: Blocked list entry', online: false, list: BLOCKED, unknownOk: true, expect: 'Blocked', asks: false },
  { name: 'offline: Blocked cache entry', online: false, cache: BLOCKED, unknownOk: true, expect: 'Blocked', asks: false },
  { name: 'offline: expired list entry → Expired', online: false, list: ACC_EXPIRED, unknownOk: true, expect: 'Expired', asks: false },
  { name: 'offline: expired cache entry → Expired', online: false, cache: ACC_EXPIRED, unknownOk: true, expect: 'Expired', asks: false },
  { name: 'offline: list has priority over the cache', online: false, list: BLOCKED, cache: ACC, expect: 'Blocked', asks: false },
  { name: 'offline: unknown id, AllowOfflineTxForUnknownId false → Invalid', online: false, expect: 'Invalid', asks: false },
  { name: 'offline: unknown id, AllowOfflineTxForUnknownId true → Accepted', online: false, unknownOk: true, expect: 'Accepted', asks: false },
  { name: 'offline, cache disabled: an Accepted cache entry does not count', online: false, cache: ACC, cacheEnabled: false, expect: 'Invalid', asks: false },
  { name: 'offline, list disabled: an Accepted list entry does not count', online: false, list: ACC, listEnabled: false, expect: 'Invalid', asks: false },
  { name: 'online but no answer: offline rules (cache Accepted)', cache: ACC, remote: 'fail', expect: 'Accepted', asks: true },
  { name: 'online but no answer: offline rules (unknown, not allowed)', remote: 'fail', expect: 'Invalid', asks: true },
  { name: 'online but no answer: offline rules (unknown, allowed)', remote: 'fail', unknownOk: true, expect: 'Accepted', asks: true },
  // Offline, LocalAuthorizeOffline false: no local authorization, but non-Accepted list entries still refuse.
  { name: 'offline, LocalAuthorizeOffline false: Accepted list entry not used', online: false, offlineLocal: false, list: ACC, expect: 'Invalid', asks: false },
  { name: 'offline, LocalAuthorizeOffline false: Accepted cache entry not used', online: false, offlineLocal: false, cache: ACC, expect: 'Invalid', asks: false },
  { name: 'offline, LocalAuthorizeOffline false: Blocked list entry refuses even with AllowOfflineTxForUnknownId', online: false, offlineLocal: false, list: BLOCKED, unknownOk: true, expect: 'Blocked', asks: false },
  { name: 'offline, LocalAuthorizeOffline false: unknown id with AllowOfflineTxForUnknownId → Accepted', online: false, offlineLocal: false, unknownOk: true, expect: 'Accepted', asks: false },
];

describe('authorize(): the decision table', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const s = setup(c);
      const info = await s.auth.authorize('TAG');
      assert.equal(info.status, c.expect);
      assert.deepEqual(s.asked, c.asks ? ['TAG'] : []);
    });
  }

  test('idTags are case-insensitive (CiString) for list and cache', async () => {
    const s = setup({ online: false, list: BLOCKED });
    assert.equal((await s.auth.authorize('tag')).status, 'Blocked');
    const t = setup({ online: false, cache: ACC });
    assert.equal((await t.auth.authorize('Tag')).status, 'Accepted');
  });

  test('an entry expires when the clock passes expiryDate', async () => {
    const s = setup({ online: false, cache: { status: 'Accepted', expiryDate: '2026-06-01T12:00:10.000Z' } });
    assert.equal((await s.auth.authorize('TAG')).status, 'Accepted');
    s.clock.advance(10_000);
    assert.equal((await s.auth.authorize('TAG')).status, 'Expired');
  });

  test('parentIdTag of a local entry is returned (group stop needs it)', async () => {
    const s = setup({ online: false, list: { status: 'Accepted', parentIdTag: 'FLEET' } });
    assert.deepEqual(await s.auth.authorize('TAG'), { status: 'Accepted', parentIdTag: 'FLEET' });
  });
});

describe('the authorization cache', () => {
  test("is updated from the CSMS's Authorize answers", async () => {
    const s = setup({ remote: { status: 'Accepted', expiryDate: FUTURE, parentIdTag: 'P' } });
    await s.auth.authorize('TAG');
    assert.deepEqual(s.store.authCache.get(u('TAG')), { info: { status: 'Accepted', expiryDate: FUTURE, groupIdToken: u('P') }, updatedAt: NOW.toISOString() });
    // Offline afterwards, the cached answer is used.
    s.setOnline(false);
    assert.equal((await s.auth.authorize('TAG')).status, 'Accepted');
  });

  test('a later answer replaces the cached one (Blocked now)', async () => {
    const s = setup({ cache: ACC, remote: BLOCKED });
    await s.auth.authorize('TAG');
    assert.equal(s.store.authCache.get(u('TAG'))?.info.status, 'Blocked');
    s.setOnline(false);
    assert.equal((await s.auth.authorize('TAG')).status, 'Blocked');
  });

  test('remember() (StartTransaction/StopTransaction idTagInfo) writes the cache', () => {
    const s = setup({});
    s.auth.remember('OTHER', { status: 'Invalid' });
    assert.equal(s.store.authCache.get(u('OTHER'))?.info.status, 'Invalid');
  });

  test('local list entries are never cached, neither from Authorize nor from remember()', async () => {
    const s = setup({ list: ACC, remote: ACC });
    await s.auth.authorize('TAG');
    assert.equal(s.asked.length, 1);
    assert.equal(s.store.authCache.get(u('TAG')), undefined);
    s.auth.remember('tag', BLOCKED);
    assert.equal(s.store.authCache.get(u('TAG')), undefined);
    assert.equal(s.store.authCache.size(), 0);
  });

  test('nothing is cached while AuthorizationCacheEnabled is false', async () => {
    const s = setup({ cacheEnabled: false, remote: ACC });
    await s.auth.authorize('TAG');
    s.auth.remember('X', ACC);
    assert.equal(s.store.authCache.size(), 0);
  });

  test('no answer from the CSMS caches nothing', async () => {
    const s = setup({ remote: 'fail' });
    await s.auth.authorize('TAG');
    assert.equal(s.store.authCache.size(), 0);
  });

  test('is bounded by cacheMax: not-valid entries go first', async () => {
    const s = setup({ cacheMax: 2 });
    s.auth.remember('A', ACC);
    s.clock.advance(1000);
    s.auth.remember('B', BLOCKED);
    s.clock.advance(1000);
    s.auth.remember('C', ACC);
    assert.equal(s.store.authCache.size(), 2);
    assert.equal(s.store.authCache.get(u('B')), undefined);
    assert.ok(s.store.authCache.get(u('A')));
    assert.ok(s.store.authCache.get(u('C')));
  });

  test('persists in the SQLite store across a new Authorization on the same store', async () => {
    const store = openSqliteStore(':memory:');
    const a = setup({ store, remote: ACC });
    await a.auth.authorize('TAG');
    const b = setup({ store, online: false });
    assert.equal((await b.auth.authorize('TAG')).status, 'Accepted');
    store.close();
  });
});

describe("known(): the station's own entry for an id (the owner's group, §3.10)", () => {
  const G: IdTokenInfo = { status: 'Accepted', parentIdTag: 'G' };

  test('the local list entry first, else the cache entry, as stored (even Blocked), in any letter case; never the CSMS', async () => {
    const s = setup({ list: { status: 'Blocked', parentIdTag: 'LIST' }, cache: G, remote: ACC });
    assert.deepEqual(s.auth.known('tag'), { status: 'Blocked', parentIdTag: 'LIST' });
    const t = setup({ cache: { status: 'Expired', expiryDate: PAST, parentIdTag: 'G' } });
    assert.deepEqual(t.auth.known('Tag'), { status: 'Expired', expiryDate: PAST, parentIdTag: 'G' });
    assert.equal(t.auth.known('OTHER'), undefined);
    assert.deepEqual([...s.asked, ...t.asked], []);
  });

  test('a disabled list or cache is not consulted', () => {
    assert.equal(setup({ list: G, listEnabled: false }).auth.known('TAG'), undefined);
    assert.equal(setup({ cache: G, cacheEnabled: false }).auth.known('TAG'), undefined);
  });

  test('a store that cannot be read answers undefined instead of throwing', () => {
    const store = createMemoryStore();
    const s = setup({ store, cache: G });
    store.close();
    assert.equal(s.auth.known('TAG'), undefined);
  });
});
