import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTHORIZATION_STATUSES, untypedToken as u, type AuthorizationInfo, type AuthToken, type Store } from '../../../offline-queue/index.js';
import { assertStoreError, at, withStore, type BuildStore } from './helpers.js';

const t = (idToken: string, tokenType: string): AuthToken => ({ idToken, tokenType });

/**
 * Typed (2.0.1) and untyped (1.6) tokens in the local list and the cache: how entries are keyed and found. Every
 * store implementation must pass it.
 */
export function runTokenContract(name: string, build: BuildStore): void {
  // The two stores that hold tokens share the lookup rule: each case runs against both.
  const holders: { what: string; write: (store: Store, entries: [AuthToken, AuthorizationInfo][]) => void; read: (store: Store, token: AuthToken) => AuthorizationInfo | undefined }[] = [
    {
      what: 'local list',
      write: (store, entries) => store.localList.update(store.localList.version() + 1, entries.map(([token, info]) => ({ token, info }))),
      read: (store, token) => store.localList.get(token),
    },
    {
      what: 'cache',
      write: (store, entries) => entries.forEach(([token, info]) => store.authCache.put(token, info, at(1))),
      read: (store, token) => store.authCache.get(token)?.info,
    },
  ];

  describe(`typed and untyped tokens: ${name}`, () => {
    for (const h of holders) {
      test(`${h.what}: an untyped (1.6) entry matches a presented token of any type by id alone`, () =>
        withStore(build, (store) => {
          h.write(store, [[u('CARD-1'), { status: 'Accepted', groupIdToken: u('FLEET') }]]);
          assert.deepEqual(h.read(store, u('card-1')), { status: 'Accepted', groupIdToken: u('FLEET') });
          assert.deepEqual(h.read(store, t('CARD-1', 'ISO14443')), { status: 'Accepted', groupIdToken: u('FLEET') });
          assert.deepEqual(h.read(store, t('card-1', 'eMAID')), { status: 'Accepted', groupIdToken: u('FLEET') });
          assert.equal(h.read(store, t('CARD-2', 'ISO14443')), undefined);
        }));

      test(`${h.what}: a typed entry matches id and type; an untyped lookup finds it by id alone`, () =>
        withStore(build, (store) => {
          h.write(store, [[t('04A1B2', 'ISO14443'), { status: 'Accepted', groupIdToken: t('G-1', 'Central') }]]);
          assert.deepEqual(h.read(store, t('04a1b2', 'ISO14443')), { status: 'Accepted', groupIdToken: t('G-1', 'Central') });
          assert.equal(h.read(store, t('04A1B2', 'ISO15693')), undefined, 'another type does not match');
          assert.equal(h.read(store, t('04A1B2', 'iso14443')), undefined, 'types compare exactly');
          assert.deepEqual(h.read(store, u('04A1B2')), { status: 'Accepted', groupIdToken: t('G-1', 'Central') });
        }));

      test(`${h.what}: an untyped and typed entries of one id coexist; each lookup prefers its own kind`, () =>
        withStore(build, (store) => {
          h.write(store, [
            [t('X', 'eMAID'), { status: 'NoCredit' }],
            [u('X'), { status: 'Blocked' }],
            [t('X', 'Central'), { status: 'Accepted' }],
          ]);
          assert.equal(h.read(store, t('x', 'eMAID'))?.status, 'NoCredit', 'typed: its own type first');
          assert.equal(h.read(store, t('x', 'Central'))?.status, 'Accepted');
          assert.equal(h.read(store, t('x', 'ISO14443'))?.status, 'Blocked', 'typed without an entry of its type: the untyped one');
          assert.equal(h.read(store, u('x'))?.status, 'Blocked', 'untyped: the untyped one first');
        }));

      test(`${h.what}: an untyped lookup with only typed entries takes the lowest type`, () =>
        withStore(build, (store) => {
          h.write(store, [
            [t('Y', 'eMAID'), { status: 'Invalid' }],
            [t('Y', 'Central'), { status: 'Accepted' }],
          ]);
          assert.equal(h.read(store, u('Y'))?.status, 'Accepted', "'Central' < 'eMAID'");
        }));

      test(`${h.what}: every 2.0.1 status is stored; an unknown one, an empty type or a malformed token is refused`, () =>
        withStore(build, (store) => {
          const all = AUTHORIZATION_STATUSES.map((status, i): [AuthToken, AuthorizationInfo] => [t(`S${i}`, 'Central'), { status }]);
          h.write(store, all);
          for (const [token, info] of all) assert.deepEqual(h.read(store, token), info);
          assertStoreError(() => h.write(store, [[t('Z', 'Central'), { status: 'Maybe' } as unknown as AuthorizationInfo]]), 'STORE_CONSTRAINT');
          assertStoreError(() => h.write(store, [[t('Z', ''), { status: 'Accepted' }]]), 'STORE_CONSTRAINT');
          assertStoreError(() => h.write(store, [[u('Z'), { status: 'Accepted', groupIdToken: t('G', '') }]]), 'STORE_CONSTRAINT');
          assertStoreError(() => h.write(store, [['Z' as unknown as AuthToken, { status: 'Accepted' }]]), 'STORE_CONSTRAINT');
          assert.equal(h.read(store, u('Z')), undefined);
        }));
    }

    test('local list: keyed by (id, type): a differential update or removal touches exactly that entry', () =>
      withStore(build, (store) => {
        store.localList.replace(1, [
          { token: u('A'), info: { status: 'Accepted' } },
          { token: t('A', 'ISO14443'), info: { status: 'Blocked' } },
          { token: t('a', 'eMAID'), info: { status: 'Expired' } },
        ]);
        assert.equal(store.localList.size(), 3);
        store.localList.update(2, [{ token: t('a', 'ISO14443'), info: { status: 'Accepted', expiryDate: at(9) } }]);
        assert.equal(store.localList.size(), 3, 'the same (id, type), another spelling: replaced');
        store.localList.update(3, [{ token: u('a'), info: null }]);
        assert.deepEqual(store.localList.list(), [
          { token: t('a', 'ISO14443'), info: { status: 'Accepted', expiryDate: at(9) } },
          { token: t('a', 'eMAID'), info: { status: 'Expired' } },
        ], 'only the untyped entry went; ordered by type; the last spelling kept');
      }));

    test('local list: ordered by id, untyped first, then by type', () =>
      withStore(build, (store) => {
        store.localList.replace(1, [
          { token: t('B', 'eMAID'), info: { status: 'Accepted' } },
          { token: t('A', 'eMAID'), info: { status: 'Accepted' } },
          { token: u('B'), info: { status: 'Accepted' } },
          { token: t('B', 'Central'), info: { status: 'Accepted' } },
        ]);
        assert.deepEqual(store.localList.list().map((e) => [e.token.idToken, e.token.tokenType]), [
          ['A', 'eMAID'],
          ['B', null],
          ['B', 'Central'],
          ['B', 'eMAID'],
        ]);
      }));

    test('cache: a typed and an untyped entry of one id are two entries; trim treats them as any two', () =>
      withStore(build, (store) => {
        store.authCache.put(u('C'), { status: 'Accepted' }, at(1));
        store.authCache.put(t('C', 'ISO14443'), { status: 'Accepted' }, at(2));
        store.authCache.put(t('c', 'ISO14443'), { status: 'NotAtThisTime' }, at(3));
        assert.equal(store.authCache.size(), 2);
        assert.deepEqual(store.authCache.get(t('C', 'ISO14443')), { info: { status: 'NotAtThisTime' }, updatedAt: at(3) });
        store.authCache.trim(1);
        assert.equal(store.authCache.get(t('C', 'ISO14443'))?.info.status, 'Accepted', 'NotAtThisTime is not valid: trimmed first; the untyped entry answers now');
        assert.equal(store.authCache.size(), 1);
      }));
  });
}
