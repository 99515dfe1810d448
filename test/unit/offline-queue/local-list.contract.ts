import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { untypedToken as u, type AuthorizationInfo } from '../../../offline-queue/index.js';
import { assertStoreError, withStore, type BuildStore } from './helpers.js';

/** The LocalAuthListStore contract: every store implementation must pass it. */
export function runLocalListContract(name: string, build: BuildStore): void {
  describe(`LocalAuthListStore contract: ${name}`, () => {
    test('starts empty at version 0', () =>
      withStore(build, (store) => {
        assert.equal(store.localList.version(), 0);
        assert.equal(store.localList.size(), 0);
        assert.deepEqual(store.localList.list(), []);
        assert.equal(store.localList.get(u('A')), undefined);
      }));

    test('replace (Full) swaps the whole list and sets the version', () =>
      withStore(build, (store) => {
        store.localList.replace(3, [
          { token: u('A'), info: { status: 'Accepted', expiryDate: '2030-01-01T00:00:00.000Z', groupIdToken: u('P') } },
          { token: u('B'), info: { status: 'Blocked' } },
        ]);
        assert.equal(store.localList.version(), 3);
        assert.deepEqual(store.localList.get(u('A')), { status: 'Accepted', expiryDate: '2030-01-01T00:00:00.000Z', groupIdToken: u('P') });
        assert.deepEqual(store.localList.get(u('B')), { status: 'Blocked' }, 'no undefined optional keys');
        store.localList.replace(4, [
          { token: u('C'), info: { status: 'Accepted' } },
          { token: u('D'), info: null },
        ]);
        assert.equal(store.localList.version(), 4);
        assert.equal(store.localList.get(u('A')), undefined, 'old entries are gone');
        assert.equal(store.localList.get(u('D')), undefined, 'an entry without info is not on a Full list');
        assert.deepEqual(store.localList.list(), [{ token: u('C'), info: { status: 'Accepted' } }]);
        store.localList.replace(5, []);
        assert.equal(store.localList.size(), 0);
        assert.equal(store.localList.version(), 5);
      }));

    test('update (Differential) adds, changes and removes, and sets the version', () =>
      withStore(build, (store) => {
        store.localList.replace(1, [
          { token: u('A'), info: { status: 'Accepted' } },
          { token: u('B'), info: { status: 'Accepted' } },
        ]);
        store.localList.update(2, [
          { token: u('A'), info: { status: 'Expired', expiryDate: '2020-01-01T00:00:00.000Z' } },
          { token: u('B'), info: null },
          { token: u('C'), info: { status: 'Invalid' } },
          { token: u('Z'), info: null },
        ]);
        assert.equal(store.localList.version(), 2);
        assert.deepEqual(store.localList.list(), [
          { token: u('A'), info: { status: 'Expired', expiryDate: '2020-01-01T00:00:00.000Z' } },
          { token: u('C'), info: { status: 'Invalid' } },
        ]);
        assert.equal(store.localList.size(), 2);
      }));

    test('idTags are case-insensitive (CiString); the last spelling written is kept', () =>
      withStore(build, (store) => {
        store.localList.replace(1, [{ token: u('abc123'), info: { status: 'Accepted' } }]);
        assert.deepEqual(store.localList.get(u('ABC123')), { status: 'Accepted' });
        store.localList.update(2, [{ token: u('ABC123'), info: { status: 'Blocked' } }]);
        assert.equal(store.localList.size(), 1);
        assert.deepEqual(store.localList.list(), [{ token: u('ABC123'), info: { status: 'Blocked' } }]);
        store.localList.update(3, [{ token: u('AbC123'), info: null }]);
        assert.equal(store.localList.size(), 0);
      }));

    test('list is ordered by idTag (case-insensitively) and honours a limit', () =>
      withStore(build, (store) => {
        store.localList.replace(1, ['d', 'B', 'a', 'C'].map((idTag) => ({ token: u(idTag), info: { status: 'Accepted' as const } })));
        assert.deepEqual(store.localList.list().map((e) => e.token.idToken), ['a', 'B', 'C', 'd']);
        assert.deepEqual(store.localList.list(2).map((e) => e.token.idToken), ['a', 'B']);
      }));

    test('an invalid entry or version rejects the whole update', () =>
      withStore(build, (store) => {
        store.localList.replace(1, [{ token: u('A'), info: { status: 'Accepted' } }]);
        const bad = [
          { token: u('B'), info: { status: 'Accepted' } as AuthorizationInfo },
          { token: u('C'), info: { status: 'Maybe' } as unknown as AuthorizationInfo },
        ];
        assertStoreError(() => store.localList.update(2, bad), 'STORE_CONSTRAINT');
        assertStoreError(() => store.localList.replace(2, bad), 'STORE_CONSTRAINT');
        assertStoreError(() => store.localList.update(2.5, []), 'STORE_CONSTRAINT');
        assert.equal(store.localList.version(), 1);
        assert.deepEqual(store.localList.list(), [{ token: u('A'), info: { status: 'Accepted' } }]);
      }));

    test('the local list refuses use after close', () => {
      const store = build();
      store.close();
      assertStoreError(() => store.localList.version(), 'STORE_CLOSED');
      assertStoreError(() => store.localList.get(u('A')), 'STORE_CLOSED');
      assertStoreError(() => store.localList.replace(1, []), 'STORE_CLOSED');
    });
  });
}
