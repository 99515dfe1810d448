/**
 * `chargerctl auth list` and `auth lookup`: the real command rows and renderers against a real ControlServer that
 * runs the agent's auth.* handlers over a memory store, Settings and a fake clock. Output, --json, exit codes,
 * usage errors, and that a lookup changes nothing.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { AUTH_LIST_DEFAULT_LIMIT } from '../../../agent/cli/commands-auth.js';
import type { CliIo } from '../../../agent/cli/io.js';
import { main } from '../../../agent/cli/main.js';
import { createAuthHandlers } from '../../../agent/control/handlers-auth.js';
import type { ControlServer } from '../../../agent/control/server.js';
import { DEFAULT_SETTINGS, Settings } from '../../../agent/station/settings.js';
import { createMemoryStore, type Store } from '../../../offline-queue/index.js';
import type { IdTokenInfo as IdTagInfo } from '../../../agent/station/types.js';
import { startServer, tempDir } from './helpers.js';
import { OCPP16_LOCAL_LIST_REPORTING } from '../../../profiles/ocpp16/profile.js';
import { stored, u } from '../../support/stored-auth.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {} };
  const code = await main(argv, io);
  return { code, out, err };
}

const NOW = new Date('2026-06-01T12:00:00.000Z');

describe('chargerctl auth against the agent auth.* handlers', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let sock: string;
  let server: ControlServer;
  let store: Store;
  let settings: Settings;
  let online = true;
  let junk: unknown = null;

  const ctl = (...argv: string[]) => run(['--socket', sock, ...argv]);
  const list = (version: number, entries: [string, IdTagInfo][]) => store.localList.replace(version, entries.map(([idTag, info]) => ({ token: u(idTag), info: stored(info) })));

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    sock = path.join(dir, 'control.sock');
    // Handlers resolve the store and settings at each call: beforeEach gives every test fresh ones.
    server = await startServer(sock, {
      'auth.list': (p) => createAuthHandlers({ store, settings, clock: new FakeClock(NOW), online: () => online, localList: OCPP16_LOCAL_LIST_REPORTING })['auth.list']!(p),
      'auth.lookup': (p) => createAuthHandlers({ store, settings, clock: new FakeClock(NOW), online: () => online, localList: OCPP16_LOCAL_LIST_REPORTING })['auth.lookup']!(p),
      'junk.auth.list': () => junk,
    });
  });
  after(async () => {
    await server.stop();
    await cleanup();
  });
  beforeEach(() => {
    store = createMemoryStore();
    settings = new Settings(store.settings, DEFAULT_SETTINGS);
    online = true;
  });

  describe('auth list', () => {
    test('header, then one row per entry ordered by idTag; expired entries marked', async () => {
      list(7, [
        ['CARD-2', { status: 'Blocked' }],
        ['CARD-1', { status: 'Accepted', parentIdTag: 'FLEET', expiryDate: '2027-01-01T00:00:00.000Z' }],
        ['OLD', { status: 'Accepted', expiryDate: '2026-05-01T00:00:00.000Z' }],
      ]);
      store.authCache.put(u('X'), { status: 'Accepted' }, NOW.toISOString());
      const r = await ctl('auth', 'list');
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '');
      assert.equal(
        r.out,
        [
          'Local list  enabled, version 7, 3 entries of at most 10000',
          'Cache       enabled, 1 entry',
          '',
          'IDTAG   STATUS    EXPIRES                             PARENT',
          'CARD-1  Accepted  2027-01-01T00:00:00.000Z            FLEET',
          'CARD-2  Blocked   -                                   -',
          'OLD     Accepted  2026-05-01T00:00:00.000Z (expired)  -',
          '',
        ].join('\n'),
      );
    });

    test(`at most ${AUTH_LIST_DEFAULT_LIMIT} entries unless --all, with a note saying so`, async () => {
      list(3, Array.from({ length: AUTH_LIST_DEFAULT_LIMIT + 5 }, (_, i) => [`T${String(i).padStart(4, '0')}`, { status: 'Accepted' }] as [string, IdTagInfo]));
      const r = await ctl('auth', 'list');
      assert.equal(r.code, 0, r.err);
      const rows = r.out.split('\n').filter((l) => /^T\d{4}\s/.test(l));
      assert.equal(rows.length, AUTH_LIST_DEFAULT_LIMIT);
      assert.match(r.out, new RegExp(`\\nShowing ${AUTH_LIST_DEFAULT_LIMIT} of ${AUTH_LIST_DEFAULT_LIMIT + 5} entries; 'chargerctl auth list --all' shows every one\\.\\n$`));
      const all = await ctl('auth', 'list', '--all');
      assert.equal(all.out.split('\n').filter((l) => /^T\d{4}\s/.test(l)).length, AUTH_LIST_DEFAULT_LIMIT + 5);
      assert.doesNotMatch(all.out, /Showing/);
    });

    test('empty list, disabled list, disabled cache', async () => {
      list(1, []);
      let r = await ctl('auth', 'list');
      assert.equal(r.out, 'Local list  enabled, empty (GetLocalListVersion answers 0; last version received 1)\nCache       enabled, 0 entries\n');
      list(4, [['A', { status: 'Accepted' }]]);
      settings.set('localAuthListEnabled', false);
      settings.set('authorizationCacheEnabled', false);
      r = await ctl('auth', 'list');
      assert.equal(r.code, 0);
      assert.match(r.out, /^Local list {2}disabled \(LocalAuthListEnabled false; GetLocalListVersion answers -1\), keeps 1 entry of version 4$/m);
      assert.match(r.out, /^Cache {7}disabled \(AuthorizationCacheEnabled false\), 0 entries kept$/m);
      assert.match(r.out, /^A {6}Accepted {2}- {8}-$/m);
    });

    test('--json prints the agent reply', async () => {
      list(2, [['A', { status: 'Accepted', parentIdTag: 'P' }]]);
      const r = await ctl('auth', 'list', '--json');
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.out), {
        localList: {
          enabled: true,
          version: 2,
          reportedVersion: 2,
          size: 1,
          maxLength: 10000,
          entries: [{ idTag: 'A', tokenType: null, status: 'Accepted', expiryDate: null, parentIdTag: 'P', groupTokenType: null, expired: false }],
        },
        cache: { enabled: true, size: 0 },
      });
    });

    test('bad limits from a raw call are BAD_PARAMS (exit 1); usage errors exit 2', async () => {
      for (const limit of [-1, 1.5, 'ten']) {
        const r = await ctl('call', 'auth.list', JSON.stringify({ limit }));
        assert.equal(r.code, 1);
        assert.match(r.err, /limit must be a non-negative integer/);
      }
      const zero = JSON.parse((await ctl('call', 'auth.list', '{"limit":0}')).out);
      assert.deepEqual(zero.localList.entries, []);
      const extra = await ctl('auth', 'list', '5');
      assert.equal(extra.code, 2);
      assert.match(extra.err, /unexpected argument '5'/);
      const flag = await ctl('auth', 'list', '--everything');
      assert.equal(flag.code, 2);
      const bare = await ctl('auth');
      assert.equal(bare.code, 2);
      assert.match(bare.err, /'auth' needs a subcommand: list, lookup/);
    });
  });

  describe('auth lookup', () => {
    test('a card on the list with LocalPreAuthorize: answered locally online, Accepted offline', async () => {
      settings.set('localPreAuthorize', true);
      list(3, [['CARD-1', { status: 'Accepted', parentIdTag: 'FLEET', expiryDate: '2027-01-01T00:00:00.000Z' }]]);
      const r = await ctl('auth', 'lookup', 'card-1');
      assert.equal(r.code, 0, r.err);
      assert.equal(
        r.out,
        [
          'IdTag       card-1',
          'Local list  Accepted (parent FLEET, expires 2027-01-01T00:00:00.000Z)',
          'Cache       not cached',
          'Online      Accepted, answered locally without asking the CSMS (LocalPreAuthorize)',
          'Offline     Accepted (from the local list)',
          'Station     online: a card presented now gets the online answer',
          '',
        ].join('\n'),
      );
    });

    test('the list has priority over the cache; a Blocked list entry refuses offline and sends Authorize online', async () => {
      settings.set('localPreAuthorize', true);
      settings.set('allowOfflineTxForUnknownId', true);
      store.authCache.put(u('CARD-2'), { status: 'Accepted' }, '2026-05-30T00:00:00.000Z');
      list(3, [['CARD-2', { status: 'Blocked' }]]);
      online = false;
      const r = await ctl('auth', 'lookup', 'CARD-2');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^Local list {2}Blocked$/m);
      assert.match(r.out, /^Cache {7}Accepted, updated 2026-05-30T00:00:00\.000Z$/m);
      assert.match(r.out, /^Online {6}the CSMS is asked \(Authorize\)$/m);
      assert.match(r.out, /^Offline {5}Blocked \(from the local list\)$/m);
      assert.match(r.out, /^Station {5}offline: a card presented now gets the offline answer$/m);
    });

    test('cache entries, expiry, unknown ids and LocalAuthorizeOffline false', async () => {
      store.authCache.put(u('OLD'), { status: 'Accepted', expiryDate: '2026-05-01T00:00:00.000Z' }, '2026-04-01T00:00:00.000Z');
      let r = await ctl('auth', 'lookup', 'OLD');
      assert.match(r.out, /^Local list {2}not on the list$/m);
      assert.match(r.out, /^Cache {7}Accepted \(expired 2026-05-01T00:00:00\.000Z\), updated 2026-04-01T00:00:00\.000Z$/m);
      assert.match(r.out, /^Offline {5}Expired \(from the authorization cache, expired\)$/m);

      r = await ctl('auth', 'lookup', 'NOBODY');
      assert.match(r.out, /^Offline {5}Invalid \(unknown idTag, AllowOfflineTxForUnknownId false\)$/m);
      settings.set('allowOfflineTxForUnknownId', true);
      r = await ctl('auth', 'lookup', 'NOBODY');
      assert.match(r.out, /^Offline {5}Accepted \(unknown idTag, AllowOfflineTxForUnknownId true\)$/m);

      list(2, [['CARD-3', { status: 'Accepted' }]]);
      settings.set('localAuthorizeOffline', false);
      r = await ctl('auth', 'lookup', 'CARD-3');
      assert.match(r.out, /^Offline {5}Invalid \(LocalAuthorizeOffline false: the local list does not authorize offline\)$/m);

      settings.set('localAuthListEnabled', false);
      r = await ctl('auth', 'lookup', 'CARD-3');
      assert.match(r.out, /^Local list {2}Accepted, ignored: LocalAuthListEnabled false$/m);
      assert.match(r.out, /^Offline {5}Accepted \(unknown idTag, AllowOfflineTxForUnknownId true\)$/m);
    });

    test('--json, and a lookup writes nothing (no cache entry appears)', async () => {
      list(5, [['CARD-1', { status: 'Accepted' }]]);
      const r = await ctl('auth', 'lookup', 'CARD-9', '--json');
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.out), {
        idTag: 'CARD-9',
        tokenType: null,
        settings: { localAuthListEnabled: true, authorizationCacheEnabled: true, localPreAuthorize: false, localAuthorizeOffline: true, allowOfflineTxForUnknownId: false },
        stationOnline: true,
        localList: null,
        cache: null,
        offline: { idTagInfo: { status: 'Invalid' }, accepted: false, basis: 'unknown' },
        online: { asksCsms: true, idTagInfo: null },
      });
      assert.equal(store.authCache.size(), 0);
      assert.equal(store.localList.version(), 5);
    });

    test('usage: IDTAG required, at most 20 printable characters (exit 2, nothing sent); BAD_PARAMS from a raw call', async () => {
      for (const args of [[], ['A'.repeat(21)], ['bad\ttag'], ['A', 'B']]) {
        const r = await ctl('auth', 'lookup', ...args);
        assert.equal(r.code, 2, `${JSON.stringify(args)}: ${r.err}`);
        assert.match(r.err, /Usage: chargerctl auth lookup IDTAG/);
      }
      const raw = await ctl('call', 'auth.lookup', '{"idTag":""}');
      assert.equal(raw.code, 1);
      assert.match(raw.err, /idTag must be a string of 1\.\.20 characters/);
    });
  });

  test('a reply of another shape (version skew) exits 1 with a clear message', async () => {
    const { AUTH_COMMANDS } = await import('../../../agent/cli/commands-auth.js');
    const spec = AUTH_COMMANDS.find((c) => c.method === 'auth.list')!;
    junk = { localList: { enabled: true }, cache: {} };
    let io = '';
    const code = await main(['--socket', sock, 'auth', 'list'], { stdout: { write: () => {} }, stderr: { write: (s: string) => (io += s) }, env: {} }, [
      { ...spec, parse: (a, f, h) => ({ ...spec.parse(a, f, h), method: 'junk.auth.list' }) },
    ]);
    assert.equal(code, 1);
    assert.match(io, /unexpected reply from the agent to junk\.auth\.list .*auth\.list\.localList\.version is not a number/);
  });
});
