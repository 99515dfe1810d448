import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IdTagInfo } from '../../../offline-queue/index.js';
import { assertStoreError, withStore, type BuildStore } from './helpers.js';

/** The LocalAuthListStore contract: every store implementation must pass it. */
export function runLocalListContract(name: string, build: BuildStore): void {
  describe(`LocalAuthListStore contract: ${name}`, () => {
    test('starts empty at version 0', () =>
      withStore(build, (store) => {
        assert.equal(store.localList.version(), 0);
        assert.equal(store.localList.size(), 0);
        assert.deepEqual(store.localList.list(), []);
        assert.equal(store.localList.get('A'), undefined);
      }));

    test('replace (Full) swaps the whole list and sets the version', () =>
      withStore(build, (store) => {
        store.localList.replace(3, [
          { idTag: 'A', info: { status: 'Accepted', expiryDate: '2030-01-01T00:00:00.000Z', parentIdTag: 'P' } },
          { idTag: 'B', info: { status: 'Blocked' } },
        ]);
        assert.equal(store.localList.version(), 3);
        assert.deepEqual(store.localList.get('A'), { status: 'Accepted', expiryDate: '2030-01-01T00:00:00.000Z', parentIdTag: 'P' });
        assert.deepEqual(store.localList.get('B'), { status: 'Blocked' }, 'no undefined optional keys');
        store.localList.replace(4, [
          { idTag: 'C', info: { status: 'Accepted' } },
          { idTag: 'D', info: null },
        ]);
        assert.equal(store.localList.version(), 4);
        assert.equal(store.localList.get('A'), undefined, 'old entries are gone');
        assert.equal(store.localList.get('D'), undefined, 'an entry without info is not on a Full list');
        assert.deepEqual(store.localList.list(), [{ idTag: 'C', info: { status: 'Accepted' } }]);
        store.localList.replace(5, []);
        assert.equal(store.localList.size(), 0);
        assert.equal(store.localList.version(), 5);
      }));

    test('update (Differential) adds, changes and removes, and sets the version', () =>
      withStore(build, (store) => {
        store.localList.replace(1, [
          { idTag: 'A', info: { status: 'Accepted' } },
          { idTag: 'B', info: { status: 'Accepted' } },
        ]);
        store.localList.update(2, [
          { idTag: 'A', info: { status: 'Expired', expiryDate: '2020-01-01T00:00:00.000Z' } },
          { idTag: 'B', info: null },
          { idTag: 'C', info: { status: 'Invalid' } },
          { idTag: 'Z', info: null },
        ]);
        assert.equal(store.localList.version(), 2);
        assert.deepEqual(store.localList.list(), [
          { idTag: 'A', info: { status: 'Expired', expiryDate: '2020-01-01T00:00:00.000Z' } },
          { idTag: 'C', info: { status: 'Invalid' } },
        ]);
        assert.equal(store.localList.size(), 2);
      }));

    test('idTags are case-insensitive (CiString); the last spelling written is kept', () =>
      withStore(build, (store) => {
        store.localList.replace(1, [{ idTag: 'abc123', info: { status: 'Accepted' } }]);
        assert.deepEqual(store.localList.get('ABC123'), { status: 'Accepted' });
        store.localList.update(2, [{ idTag: 'ABC123', info: { status: 'Blocked' } }]);
        assert.equal(store.localList.size(), 1);
        assert.deepEqual(store.localList.list(), [{ idTag: 'ABC123', info: { status: 'Blocked' } }]);
        store.localList.update(3, [{ idTag: 'AbC123', info: null }]);
        assert.equal(store.localList.size(), 0);
      }));

    test('list is ordered by idTag (case-insensitively) and honours a limit', () =>
      withStore(build, (store) => {
        store.localList.replace(1, ['d', 'B', 'a', 'C'].map((idTag) => ({ idTag, info: { status: 'Accepted' as const } })));
        assert.deepEqual(store.localList.list().map((e) => e.idTag), ['a', 'B', 'C', 'd']);
        assert.deepEqual(store.localList.list(2).map((e) => e.idTag), ['a', 'B']);
      }));

    test('an invalid entry or version rejects the whole update', () =>
      withStore(build, (store) => {
        store.localList.replace(1, [{ idTag: 'A', info: { status: 'Accepted' } }]);
        const bad = [
          { idTag: 'B', info: { status: 'Accepted' } as IdTagInfo },
          { idTag: 'C', info: { status: 'Maybe' } as unknown as IdTagInfo },
        ];
        assertStoreError(() => store.localList.update(2, bad), 'STORE_CONSTRAINT');
        assertStoreError(() => store.localList.replace(2, bad), 'STORE_CONSTRAINT');
        assertStoreError(() => store.localList.update(2.5, []), 'STORE_CONSTRAINT');
        assert.equal(store.localList.version(), 1);
        assert.deepEqual(store.localList.list(), [{ idTag: 'A', info: { status: 'Accepted' } }]);
      }));

    test('the local list refuses use after close', () => {
      const store = build();
      store.close();
      assertStoreError(() => store.localList.version(), 'STORE_CLOSED');
      assertStoreError(() => store.localList.get('A'), 'STORE_CLOSED');
      assertStoreError(() => store.localList.replace(1, []), 'STORE_CLOSED');
    });
  });
}
