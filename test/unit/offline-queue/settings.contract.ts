import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertStoreError, withStore, type BuildStore } from './helpers.js';

/** The SettingsStore contract: every store implementation must pass it. */
export function runSettingsContract(name: string, build: BuildStore): void {
  describe(`SettingsStore contract: ${name}`, () => {
    test('set, overwrite and delete', () =>
      withStore(build, (store) => {
        assert.deepEqual(store.settings.getAll(), {});
        store.settings.set('HeartbeatInterval', '300');
        store.settings.set('AuthorizationKey', 'abc');
        store.settings.set('HeartbeatInterval', '60');
        assert.deepEqual(store.settings.getAll(), { AuthorizationKey: 'abc', HeartbeatInterval: '60' });
        assert.deepEqual(Object.keys(store.settings.getAll()), ['AuthorizationKey', 'HeartbeatInterval'], 'sorted by key');
        store.settings.delete('AuthorizationKey');
        store.settings.delete('NeverSet');
        assert.deepEqual(store.settings.getAll(), { HeartbeatInterval: '60' });
      }));

    test('getAll returns a copy; empty strings are values', () =>
      withStore(build, (store) => {
        store.settings.set('A', '');
        const all = store.settings.getAll();
        all.A = 'changed';
        all.B = 'added';
        assert.deepEqual(store.settings.getAll(), { A: '' });
      }));

    test('a value must be a string', () =>
      withStore(build, (store) => {
        assertStoreError(() => store.settings.set('A', 5 as unknown as string), 'STORE_CONSTRAINT');
        assert.deepEqual(store.settings.getAll(), {});
      }));

    test('settings refuse use after close', () => {
      const store = build();
      store.close();
      assertStoreError(() => store.settings.getAll(), 'STORE_CLOSED');
      assertStoreError(() => store.settings.set('A', 'b'), 'STORE_CLOSED');
      assertStoreError(() => store.settings.delete('A'), 'STORE_CLOSED');
    });
  });
}
