/**
 * SendLocalList and GetLocalListVersion (OCPP 1.6 §5.10, §5.15, §6.41, §7.1, §7.47, errata 3.52), called through
 * the profile's router with a context of real parts: Settings over a store, the key registry, the store's local
 * list (memory, and SQLite on disk for persistence). Test names carry the OCTT case they follow.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../../agent/log.js';
import { OcppCallError } from '../../../../agent/ocpp/errors.js';
import { Settings } from '../../../../agent/station/settings.js';
import { createMemoryStore, openSqliteStore, type Store } from '../../../../offline-queue/index.js';
import { ConfigKeyRegistry, coreKeys, localAuthListKeys, type KeyContext } from '../../../../profiles/ocpp16/config-keys.js';
import type { Ocpp16Context } from '../../../../profiles/ocpp16/context.js';
import { coreRouter } from '../../../../profiles/ocpp16/core/index.js';
import type { SendLocalListRequest, SendLocalListResponse } from '../../../../profiles/ocpp16/generated/index.js';
import { DEFAULT_LOCAL_LIST_LIMITS, type LocalListLimits } from '../../../../profiles/ocpp16/local-auth-list/limits.js';
import { createSendLocalList } from '../../../../profiles/ocpp16/local-auth-list/send-local-list.js';
import { asIdTagInfo } from '../../../support/stored-auth.js';

type Entry = NonNullable<SendLocalListRequest['localAuthorizationList']>[number];

/** A context with what the local-list handlers use; anything else they touched would be undefined and fail. */
function setup(opts: { store?: Store; limits?: LocalListLimits } = {}) {
  const store = opts.store ?? createMemoryStore();
  const settings = new Settings(store.settings);
  const limits = opts.limits ?? DEFAULT_LOCAL_LIST_LIMITS;
  const keyCtx: KeyContext = {
    settings,
    numberOfConnectors: 2,
    supportedMeasurands: [],
    supportedProfiles: ['Core', 'LocalAuthListManagement'],
    allFixedCable: false,
    maxMeasurands: 4,
    getConfigurationMaxKeys: 50,
  };
  const keys = new ConfigKeyRegistry(keyCtx, [...coreKeys(keyCtx), ...localAuthListKeys(limits)]);
  const ctx = { settings, keys, store, log: silentLogger(), clock: new FakeClock() } as unknown as Ocpp16Context;
  const router = coreRouter();
  const send = opts.limits ? createSendLocalList(opts.limits) : router.SendLocalList!;
  return {
    store,
    settings,
    keys,
    send: (req: SendLocalListRequest): Promise<SendLocalListResponse> => send(ctx, req),
    full: (listVersion: number, list?: Entry[]) => send(ctx, { listVersion, updateType: 'Full', ...(list ? { localAuthorizationList: list } : {}) }),
    diff: (listVersion: number, list?: Entry[]) => send(ctx, { listVersion, updateType: 'Differential', ...(list ? { localAuthorizationList: list } : {}) }),
    version: async () => (await router.GetLocalListVersion!(ctx, {})).listVersion,
    /** The list as idTag → status (plus expiry/parent when set). */
    contents: () => Object.fromEntries(store.localList.list().map((e) => [e.token.idToken, asIdTagInfo(e.info)])),
  };
}

const acc = (idTag: string, extra: { expiryDate?: string; parentIdTag?: string } = {}): Entry => ({ idTag, idTagInfo: { status: 'Accepted', ...extra } });
const blocked = (idTag: string): Entry => ({ idTag, idTagInfo: { status: 'Blocked' } });
const remove = (idTag: string): Entry => ({ idTag });
const many = (n: number, prefix = 'T'): Entry[] => Array.from({ length: n }, (_, i) => acc(`${prefix}${i}`));

async function callError(p: Promise<unknown>, code: string): Promise<string> {
  try {
    const r = await p;
    assert.fail(`expected CALLERROR ${code}, got ${JSON.stringify(r)}`);
  } catch (err) {
    if (!(err instanceof OcppCallError)) throw err;
    assert.equal(err.code, code, err.message);
    return err.description;
  }
}

describe('GetLocalListVersion', () => {
  test('TC_042_2_CS a fresh station answers 0', async () => {
    assert.equal(await setup().version(), 0);
  });

  test('TC_042_2_CS Full update of version 1 without a list: Accepted, and the (empty) list is version 0', async () => {
    const s = setup();
    assert.deepEqual(await s.full(1), { status: 'Accepted' });
    assert.equal(await s.version(), 0);
    assert.equal(s.store.localList.version(), 1, 'the version received is kept for VersionMismatch');
  });

  test('TC_042_1_CS -1 while LocalAuthListEnabled is false; the list and its version come back when enabled again', async () => {
    const s = setup();
    await s.full(7, [acc('A')]);
    assert.deepEqual(s.keys.set('LocalAuthListEnabled', 'false'), { status: 'Accepted' });
    assert.equal(await s.version(), -1);
    s.keys.set('LocalAuthListEnabled', 'true');
    assert.equal(await s.version(), 7);
  });
});

describe('SendLocalList', () => {
  test('TC_043_CS Full then Differential: add, update, remove; the version after each', async () => {
    const s = setup();
    assert.deepEqual(await s.full(2, [acc('CARD-1', { parentIdTag: 'FLEET' }), blocked('CARD-BLK'), acc('CARD-OLD', { expiryDate: '2027-01-01T00:00:00.000Z' })]), { status: 'Accepted' });
    assert.equal(await s.version(), 2);
    assert.deepEqual(s.contents(), {
      'CARD-1': { status: 'Accepted', parentIdTag: 'FLEET' },
      'CARD-BLK': { status: 'Blocked' },
      'CARD-OLD': { status: 'Accepted', expiryDate: '2027-01-01T00:00:00.000Z' },
    });

    assert.deepEqual(await s.diff(3, [acc('CARD-2'), acc('CARD-BLK'), remove('CARD-OLD'), remove('NEVER-THERE')]), { status: 'Accepted' });
    assert.equal(await s.version(), 3);
    assert.deepEqual(s.contents(), {
      'CARD-1': { status: 'Accepted', parentIdTag: 'FLEET' },
      'CARD-2': { status: 'Accepted' },
      'CARD-BLK': { status: 'Accepted' },
    });
  });

  test('a Differential on a fresh station (version 0) is applied', async () => {
    const s = setup();
    assert.deepEqual(await s.diff(1, [acc('A')]), { status: 'Accepted' });
    assert.equal(await s.version(), 1);
  });

  test('Full replaces the whole list, also with a lower version (how a CSMS resynchronises)', async () => {
    const s = setup();
    await s.full(5, [acc('A'), acc('B')]);
    assert.deepEqual(await s.full(2, [blocked('C')]), { status: 'Accepted' });
    assert.deepEqual(s.contents(), { C: { status: 'Blocked' } });
    assert.equal(await s.version(), 2);
    assert.deepEqual(await s.full(3, []), { status: 'Accepted' });
    assert.deepEqual(s.contents(), {});
    assert.equal(await s.version(), 0);
  });

  test('TC_043_2_CS a Differential whose version is not greater than the list\'s: VersionMismatch, nothing changed', async () => {
    const s = setup();
    await s.full(2, [acc('A')]);
    await s.diff(5, [acc('B')]);
    assert.equal(await s.version(), 5);
    assert.deepEqual(await s.diff(5, [acc('C')]), { status: 'VersionMismatch' });
    assert.deepEqual(await s.diff(4, [remove('A')]), { status: 'VersionMismatch' });
    assert.equal(await s.version(), 5);
    assert.deepEqual(Object.keys(s.contents()), ['A', 'B']);
  });

  test('VersionMismatch compares with the last version received, also when the list became empty (GetLocalListVersion 0)', async () => {
    const s = setup();
    await s.full(4, [acc('A')]);
    await s.diff(5, [remove('A')]);
    assert.equal(await s.version(), 0);
    assert.deepEqual(await s.diff(3, [acc('STALE')]), { status: 'VersionMismatch' });
    assert.deepEqual(s.contents(), {});
    assert.deepEqual(await s.diff(6, [acc('NEW')]), { status: 'Accepted' });
    assert.equal(await s.version(), 6);
  });

  test('a Differential without a list changes no entry but takes the new version', async () => {
    const s = setup();
    await s.full(2, [acc('A')]);
    assert.deepEqual(await s.diff(3), { status: 'Accepted' });
    assert.deepEqual(await s.diff(4, []), { status: 'Accepted' });
    assert.equal(await s.version(), 4);
    assert.deepEqual(Object.keys(s.contents()), ['A']);
  });

  test('idTags are CiStrings: a Differential removes or updates an entry whatever its case', async () => {
    const s = setup();
    await s.full(1, [acc('Card-1'), acc('Card-2')]);
    await s.diff(2, [remove('CARD-1'), blocked('card-2')]);
    assert.deepEqual(s.contents(), { 'card-2': { status: 'Blocked' } });
  });

  test('TC_043_1_CS NotSupported while LocalAuthListEnabled is false, and the list is not touched', async () => {
    const s = setup();
    await s.full(1, [acc('A')]);
    s.keys.set('LocalAuthListEnabled', 'false');
    assert.deepEqual(await s.full(2, [acc('B')]), { status: 'NotSupported' });
    assert.deepEqual(await s.diff(3, [remove('A')]), { status: 'NotSupported' });
    assert.equal(s.store.localList.version(), 1);
    assert.deepEqual(Object.keys(s.contents()), ['A']);
  });

  describe('requests that break the specification get a CALLERROR naming the rule; the list is unchanged', () => {
    test('listVersion 0 or -1 (errata 3.52), or beyond a 32-bit integer → PropertyConstraintViolation', async () => {
      const s = setup();
      await s.full(3, [acc('A')]);
      for (const v of [0, -1, -5, 2_147_483_648]) {
        assert.match(await callError(s.full(v, [acc('B')]), 'PropertyConstraintViolation'), /listVersion/);
        await callError(s.diff(v, [acc('B')]), 'PropertyConstraintViolation');
      }
      assert.deepEqual(await s.full(2_147_483_647, [acc('MAX')]), { status: 'Accepted' });
      assert.equal(await s.version(), 2_147_483_647);
    });

    test('a Full entry without idTagInfo → OccurenceConstraintViolation (§7.1: required in a Full update)', async () => {
      const s = setup();
      await s.full(1, [acc('A')]);
      assert.match(await callError(s.full(2, [acc('B'), remove('C')]), 'OccurenceConstraintViolation'), /localAuthorizationList\[1\].*"C".*idTagInfo/);
      assert.equal(await s.version(), 1);
      assert.deepEqual(Object.keys(s.contents()), ['A']);
    });

    test('the same idTag twice, in any case → PropertyConstraintViolation (§6.41: unique idTags)', async () => {
      const s = setup();
      await s.full(1, [acc('A')]);
      assert.match(await callError(s.full(2, [acc('X'), blocked('x')]), 'PropertyConstraintViolation'), /"x".*twice/);
      await callError(s.diff(2, [acc('A'), remove('a')]), 'PropertyConstraintViolation');
      assert.equal(await s.version(), 1);
      assert.deepEqual(s.contents(), { A: { status: 'Accepted' } });
    });

    test('more entries than SendLocalListMaxLength → OccurenceConstraintViolation; exactly the maximum is fine', async () => {
      const s = setup({ limits: { maxLength: 100, sendMaxLength: 3 } });
      assert.match(await callError(s.full(1, many(4)), 'OccurenceConstraintViolation'), /at most 3 .*SendLocalListMaxLength/);
      await callError(s.diff(1, many(4)), 'OccurenceConstraintViolation');
      assert.equal(s.store.localList.size(), 0);
      assert.deepEqual(await s.full(1, many(3)), { status: 'Accepted' });
    });

    test('the shipped limit: 1000 entries per message (SendLocalListMaxLength), 1001 refused', async () => {
      const s = setup();
      assert.deepEqual(await s.full(1, many(1000)), { status: 'Accepted' });
      assert.equal(s.store.localList.size(), 1000);
      await callError(s.full(2, many(1001)), 'OccurenceConstraintViolation');
      assert.equal(await s.version(), 1);
    });
  });

  describe('Failed (TC_043_3_CS): valid, but it cannot be applied; the list is unchanged', () => {
    test('a Full list longer than LocalAuthListMaxLength', async () => {
      const s = setup({ limits: { maxLength: 3, sendMaxLength: 10 } });
      await s.full(1, [acc('A')]);
      assert.deepEqual(await s.full(2, many(4)), { status: 'Failed' });
      assert.equal(await s.version(), 1);
      assert.deepEqual(Object.keys(s.contents()), ['A']);
      assert.deepEqual(await s.full(2, many(3)), { status: 'Accepted' });
    });

    test('a Differential that would make the list longer than LocalAuthListMaxLength; updates and removals count right', async () => {
      const s = setup({ limits: { maxLength: 3, sendMaxLength: 10 } });
      await s.full(1, [acc('A'), acc('B')]);
      assert.deepEqual(await s.diff(2, [acc('C'), acc('D')]), { status: 'Failed' });
      assert.equal(await s.version(), 1);
      assert.deepEqual(Object.keys(s.contents()), ['A', 'B']);
      // Updating present entries adds nothing; a removal makes room for an addition in the same message.
      assert.deepEqual(await s.diff(2, [blocked('B'), remove('A'), acc('C'), acc('D')]), { status: 'Accepted' });
      assert.deepEqual(s.contents(), { B: { status: 'Blocked' }, C: { status: 'Accepted' }, D: { status: 'Accepted' } });
      // Removing an idTag that is not there makes no room.
      assert.deepEqual(await s.diff(3, [remove('ZZZ'), acc('E')]), { status: 'Failed' });
    });

    test('the store cannot write (StoreError)', async () => {
      const s = setup();
      await s.full(1, [acc('A')]);
      s.store.close();
      assert.deepEqual(await s.full(2, [acc('B')]), { status: 'Failed' });
      assert.deepEqual(await s.diff(2, [acc('B')]), { status: 'Failed' });
    });
  });

  test('the list and its version survive a restart (SQLite on disk)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-list-'));
    try {
      const file = join(dir, 'chargerd.db');
      const a = setup({ store: openSqliteStore(file, { synchronous: 'NORMAL' }) });
      await a.full(8, [acc('A', { parentIdTag: 'P' }), blocked('B')]);
      await a.diff(9, [remove('B'), acc('C', { expiryDate: '2030-01-01T00:00:00.000Z' })]);
      a.store.close();
      const b = setup({ store: openSqliteStore(file, { synchronous: 'NORMAL' }) });
      assert.equal(await b.version(), 9);
      assert.deepEqual(b.contents(), { A: { status: 'Accepted', parentIdTag: 'P' }, C: { status: 'Accepted', expiryDate: '2030-01-01T00:00:00.000Z' } });
      assert.deepEqual(await b.diff(9, [acc('D')]), { status: 'VersionMismatch' });
      b.store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
