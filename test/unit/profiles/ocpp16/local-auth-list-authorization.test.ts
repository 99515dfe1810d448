/**
 * The local list as SendLocalList leaves it, seen by the station's authorization (OCPP 1.6 §3.5.2–3.5.4):
 * list entries take priority over cache entries, are never cached, and offline a list entry that is not
 * Accepted, or has expired, refuses even when AllowOfflineTxForUnknownId would let an unknown id charge.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../../agent/log.js';
import { Authorization } from '../../../../agent/station/authorization.js';
import { Settings } from '../../../../agent/station/settings.js';
import type { IdTokenInfo } from '../../../../agent/station/types.js';
import { createMemoryStore } from '../../../../offline-queue/index.js';
import type { Ocpp16Context } from '../../../../profiles/ocpp16/context.js';
import { coreRouter } from '../../../../profiles/ocpp16/core/index.js';
import type { SendLocalListRequest } from '../../../../profiles/ocpp16/generated/index.js';
import { u } from '../../../support/stored-auth.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
type Entry = NonNullable<SendLocalListRequest['localAuthorizationList']>[number];

function setup(o: { pre?: boolean; unknownOk?: boolean; offlineLocal?: boolean; cacheEnabled?: boolean; remote?: IdTokenInfo } = {}) {
  const store = createMemoryStore();
  const settings = new Settings(store.settings);
  settings.set('localPreAuthorize', o.pre ?? false);
  settings.set('allowOfflineTxForUnknownId', o.unknownOk ?? false);
  settings.set('localAuthorizeOffline', o.offlineLocal ?? true);
  settings.set('authorizationCacheEnabled', o.cacheEnabled ?? true);
  const clock = new FakeClock(NOW);
  let online = true;
  const asked: string[] = [];
  const auth = new Authorization({
    localList: store.localList,
    cache: store.authCache,
    settings,
    clock,
    log: silentLogger(),
    online: () => online,
    remote: async (idTag) => {
      asked.push(idTag);
      return o.remote ?? { status: 'Accepted' };
    },
  });
  const ctx = { settings, store, log: silentLogger(), clock } as unknown as Ocpp16Context;
  const router = coreRouter();
  let version = 0;
  const send = async (updateType: 'Full' | 'Differential', list: Entry[]) => {
    const r = await router.SendLocalList!(ctx, { listVersion: ++version, updateType, localAuthorizationList: list });
    assert.equal(r.status, 'Accepted');
  };
  return { store, settings, clock, auth, asked, send, setOnline: (v: boolean) => (online = v) };
}

const status = async (s: ReturnType<typeof setup>, idTag: string) => (await s.auth.authorize(idTag)).status;

describe('local list and authorization', () => {
  test('TC_008_CS: online with LocalPreAuthorize, an Accepted list entry answers without Authorize (cache disabled)', async () => {
    const s = setup({ pre: true, cacheEnabled: false, remote: { status: 'Blocked' } });
    await s.send('Full', [{ idTag: 'CARD-1', idTagInfo: { status: 'Accepted', parentIdTag: 'FLEET' } }]);
    assert.deepEqual(await s.auth.authorize('card-1'), { status: 'Accepted', parentIdTag: 'FLEET' });
    assert.deepEqual(s.asked, []);
    // Not on the list: the CSMS decides.
    assert.equal(await status(s, 'OTHER'), 'Blocked');
    assert.deepEqual(s.asked, ['OTHER']);
  });

  test('entries the CSMS puts on the list are never cached; once removed, the CSMS answers are cached again', async () => {
    const s = setup();
    await s.send('Full', [{ idTag: 'CARD-1', idTagInfo: { status: 'Accepted' } }]);
    assert.equal(await status(s, 'CARD-1'), 'Accepted');
    s.auth.remember('CARD-1', { status: 'Accepted' }); // as from StartTransaction.conf
    assert.equal(s.store.authCache.size(), 0);
    await s.send('Differential', [{ idTag: 'CARD-1' }]);
    s.auth.remember('CARD-1', { status: 'Accepted' });
    assert.equal(s.store.authCache.get(u('CARD-1'))?.info.status, 'Accepted');
  });

  test('a list entry takes priority over an older cache entry for the same id; removing it lets the cache answer', async () => {
    const s = setup({ unknownOk: true });
    await s.auth.authorize('CARD-2'); // cached Accepted by the CSMS
    assert.equal(s.store.authCache.get(u('CARD-2'))?.info.status, 'Accepted');
    await s.send('Differential', [{ idTag: 'CARD-2', idTagInfo: { status: 'Blocked' } }]);
    s.setOnline(false);
    assert.equal(await status(s, 'CARD-2'), 'Blocked');
    await s.send('Differential', [{ idTag: 'CARD-2' }]);
    assert.equal(await status(s, 'CARD-2'), 'Accepted');
  });

  test('LocalPreAuthorize: a Blocked list entry is not overridden by an Accepted cache entry; the CSMS is asked', async () => {
    const s = setup({ pre: true, remote: { status: 'Invalid' } });
    s.store.authCache.put(u('CARD-3'), { status: 'Accepted' }, NOW.toISOString());
    await s.send('Full', [{ idTag: 'CARD-3', idTagInfo: { status: 'Blocked' } }]);
    assert.equal(await status(s, 'CARD-3'), 'Invalid');
    assert.deepEqual(s.asked, ['CARD-3']);
  });

  test('§3.5.4 offline: list entries that are not Accepted refuse, even with AllowOfflineTxForUnknownId', async () => {
    for (const offlineLocal of [true, false]) {
      const s = setup({ unknownOk: true, offlineLocal });
      await s.send('Full', [
        { idTag: 'BLK', idTagInfo: { status: 'Blocked' } },
        { idTag: 'INV', idTagInfo: { status: 'Invalid' } },
        { idTag: 'EXP', idTagInfo: { status: 'Expired' } },
        { idTag: 'CON', idTagInfo: { status: 'ConcurrentTx' } },
      ]);
      s.setOnline(false);
      for (const [idTag, expected] of [['BLK', 'Blocked'], ['INV', 'Invalid'], ['EXP', 'Expired'], ['CON', 'ConcurrentTx']] as const) {
        assert.equal(await status(s, idTag), expected, `${idTag} with LocalAuthorizeOffline ${offlineLocal}`);
      }
      assert.equal(await status(s, 'STRANGER'), 'Accepted', 'an unknown id may charge offline');
    }
  });

  test('§3.5.4 offline: an Accepted entry whose expiryDate has passed refuses, even with AllowOfflineTxForUnknownId', async () => {
    for (const offlineLocal of [true, false]) {
      const s = setup({ unknownOk: true, offlineLocal });
      await s.send('Full', [{ idTag: 'CARD-4', idTagInfo: { status: 'Accepted', expiryDate: '2026-06-01T12:01:00.000Z' } }]);
      s.setOnline(false);
      if (offlineLocal) assert.equal(await status(s, 'CARD-4'), 'Accepted');
      s.clock.advance(60_000);
      assert.notEqual(await status(s, 'CARD-4'), 'Accepted', `LocalAuthorizeOffline ${offlineLocal}`);
    }
  });

  test('offline with LocalAuthorizeOffline: an Accepted list entry lets the card charge', async () => {
    const s = setup();
    await s.send('Full', [{ idTag: 'CARD-5', idTagInfo: { status: 'Accepted', expiryDate: '2027-01-01T00:00:00.000Z' } }]);
    s.setOnline(false);
    assert.equal(await status(s, 'CARD-5'), 'Accepted');
    assert.equal(await status(s, 'UNKNOWN'), 'Invalid');
  });
});
