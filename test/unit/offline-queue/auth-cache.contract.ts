import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { untypedToken as u, type AuthorizationInfo } from '../../../offline-queue/index.js';
import { assertStoreError, at, withStore, type BuildStore } from './helpers.js';

/** The AuthCacheStore contract: every store implementation must pass it. */
export function runAuthCacheContract(name: string, build: BuildStore): void {
  describe(`AuthCacheStore contract: ${name}`, () => {
    test('put, get, overwrite, clear', () =>
      withStore(build, (store) => {
        assert.equal(store.authCache.get(u('A')), undefined);
        store.authCache.put(u('A'), { status: 'Accepted', expiryDate: at(1000), groupIdToken: u('P') }, at(1));
        assert.deepEqual(store.authCache.get(u('A')), { info: { status: 'Accepted', expiryDate: at(1000), groupIdToken: u('P') }, updatedAt: at(1) });
        store.authCache.put(u('A'), { status: 'Blocked' }, at(2));
        assert.deepEqual(store.authCache.get(u('A')), { info: { status: 'Blocked' }, updatedAt: at(2) });
        store.authCache.put(u('B'), { status: 'Accepted' }, at(3));
        assert.equal(store.authCache.size(), 2);
        store.authCache.clear();
        assert.equal(store.authCache.size(), 0);
        assert.equal(store.authCache.get(u('B')), undefined);
      }));

    test('idTags are case-insensitive', () =>
      withStore(build, (store) => {
        store.authCache.put(u('tag'), { status: 'Accepted' }, at(1));
        store.authCache.put(u('TAG'), { status: 'Expired' }, at(2));
        assert.equal(store.authCache.size(), 1);
        assert.deepEqual(store.authCache.get(u('Tag')), { info: { status: 'Expired' }, updatedAt: at(2) });
      }));

    test('trim drops NOT-valid entries first, then the least recently updated valid ones', () =>
      withStore(build, (store) => {
        const put = (idTag: string, status: AuthorizationInfo['status'], t: number) => store.authCache.put(u(idTag), { status }, at(t));
        put('valid-old', 'Accepted', 1);
        put('blocked-new', 'Blocked', 9);
        put('valid-mid', 'Accepted', 5);
        put('expired-old', 'Expired', 0);
        put('concurrent', 'ConcurrentTx', 2);
        put('valid-new', 'Accepted', 8);
        put('invalid-mid', 'Invalid', 4);
        store.authCache.trim(10);
        assert.equal(store.authCache.size(), 7, 'within max: nothing dropped');
        store.authCache.trim(5);
        const left = () => ['valid-old', 'blocked-new', 'valid-mid', 'expired-old', 'concurrent', 'valid-new', 'invalid-mid'].filter((t) => store.authCache.get(u(t)));
        assert.deepEqual(left(), ['valid-old', 'blocked-new', 'valid-mid', 'concurrent', 'valid-new'], 'the two oldest NOT-valid went first');
        store.authCache.trim(3);
        assert.deepEqual(left(), ['valid-mid', 'concurrent', 'valid-new'], 'the last NOT-valid, then the oldest valid');
        store.authCache.trim(1);
        assert.deepEqual(left(), ['valid-new']);
        store.authCache.trim(0);
        assert.equal(store.authCache.size(), 0);
      }));

    test('remove takes exactly the entry of this id (any case) and type, without the lookup fallback', () =>
      withStore(build, (store) => {
        const t = (idToken: string, tokenType: string | null) => ({ idToken, tokenType });
        store.authCache.put(t('CARD', 'ISO14443'), { status: 'Accepted' }, at(1));
        store.authCache.put(t('CARD', null), { status: 'Blocked' }, at(2));
        store.authCache.put(t('OTHER', 'ISO14443'), { status: 'Accepted' }, at(3));
        assert.equal(store.authCache.remove(t('card', 'eMAID')), false, 'another type: nothing');
        assert.equal(store.authCache.remove(t('card', 'ISO14443')), true);
        assert.equal(store.authCache.remove(t('card', 'ISO14443')), false);
        assert.deepEqual(store.authCache.get(t('CARD', 'ISO14443'))?.info, { status: 'Blocked' }, 'the untyped entry stays (lookup fallback)');
        assert.equal(store.authCache.remove(t('CARD', null)), true);
        assert.equal(store.authCache.get(t('CARD', 'ISO14443')), undefined);
        assert.equal(store.authCache.size(), 1);
      }));

    test('trim breaks updatedAt ties by idTag', () =>
      withStore(build, (store) => {
        for (const t of ['c', 'A', 'b']) store.authCache.put(u(t), { status: 'Accepted' }, at(1));
        store.authCache.trim(2);
        assert.equal(store.authCache.get(u('A')), undefined);
        assert.ok(store.authCache.get(u('b')) && store.authCache.get(u('c')));
      }));

    test('put refuses an unknown status', () =>
      withStore(build, (store) => {
        assertStoreError(() => store.authCache.put(u('A'), { status: 'Nope' } as unknown as AuthorizationInfo, at(1)), 'STORE_CONSTRAINT');
        assert.equal(store.authCache.size(), 0);
      }));

    test('the cache refuses use after close', () => {
      const store = build();
      store.close();
      assertStoreError(() => store.authCache.get(u('A')), 'STORE_CLOSED');
      assertStoreError(() => store.authCache.put(u('A'), { status: 'Accepted' }, at(1)), 'STORE_CLOSED');
      assertStoreError(() => store.authCache.trim(0), 'STORE_CLOSED');
    });
  });
}
