/**
 * LocalListConflict (OCPP 1.6 §3.5.2): when the CSMS's idTagInfo contradicts the local list, one report for
 * connector 0; validity is Accepted/ConcurrentTx and not expired. Nothing is reported while the list is
 * disabled, for ids not on the list, or when the list cannot be read (the check never throws).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../../agent/log.js';
import { Settings } from '../../../../agent/station/settings.js';
import { createMemoryStore } from '../../../../offline-queue/index.js';
import type { IdTokenInfo as IdTagInfo } from '../../../../agent/station/types.js';
import { isListConflict, ListConflictReporter } from '../../../../profiles/ocpp16/local-auth-list/conflict.js';
import { stored, u } from '../../../support/stored-auth.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');

function setup(entries: [string, IdTagInfo][]) {
  const store = createMemoryStore();
  store.localList.replace(1, entries.map(([idTag, info]) => ({ token: u(idTag), info: stored(info) })));
  const settings = new Settings(store.settings);
  const clock = new FakeClock(NOW);
  const reports: string[] = [];
  const reporter = new ListConflictReporter({ list: store.localList, settings, clock, log: silentLogger(), report: (info) => reports.push(info) });
  return { store, settings, clock, reports, reporter };
}

describe('LocalListConflict', () => {
  test('isListConflict: validity differs (Accepted/ConcurrentTx and not expired = valid)', () => {
    const past = '2026-05-01T00:00:00.000Z';
    const future = '2027-01-01T00:00:00.000Z';
    const cases: [IdTagInfo | undefined, IdTagInfo['status'], boolean][] = [
      [undefined, 'Blocked', false],
      [{ status: 'Accepted' }, 'Accepted', false],
      [{ status: 'Accepted' }, 'ConcurrentTx', false],
      [{ status: 'ConcurrentTx' }, 'Accepted', false],
      [{ status: 'Accepted', expiryDate: future }, 'Blocked', true],
      [{ status: 'Accepted' }, 'Invalid', true],
      [{ status: 'Accepted' }, 'Expired', true],
      [{ status: 'Blocked' }, 'Accepted', true],
      [{ status: 'Invalid' }, 'Blocked', false],
      [{ status: 'Accepted', expiryDate: past }, 'Expired', false],
      [{ status: 'Accepted', expiryDate: past }, 'Accepted', true],
    ];
    for (const [entry, csms, expected] of cases) assert.equal(isListConflict(entry, { status: csms }, NOW), expected, `${JSON.stringify(entry)} vs ${csms}`);
  });

  test('one report per contradicting answer, with an info text of at most 50 characters (statuses whole); the list is untouched', () => {
    const s = setup([['CARD-1', { status: 'Accepted' }], ['ABCDEFGHIJKLMNOPQRST', { status: 'ConcurrentTx' }]]);
    assert.equal(s.reporter.check('card-1', { status: 'Blocked' }), true);
    assert.equal(s.reporter.check('CARD-1', { status: 'Accepted' }), false);
    assert.equal(s.reporter.check('UNLISTED', { status: 'Blocked' }), false);
    assert.equal(s.reporter.check('ABCDEFGHIJKLMNOPQRST', { status: 'Invalid' }), true);
    assert.deepEqual(s.reports, ['card-1: list Accepted, CSMS Blocked', 'ABCDEFGHIJKLMNOPQ: list ConcurrentTx, CSMS Invalid']);
    assert.ok(s.reports.every((r) => r.length <= 50));
    assert.deepEqual(s.store.localList.get(u('CARD-1')), { status: 'Accepted' });
  });

  test('an entry that expired since: the CSMS saying Expired is no conflict', () => {
    const s = setup([['CARD-2', { status: 'Accepted', expiryDate: '2026-06-01T12:00:30.000Z' }]]);
    assert.equal(s.reporter.check('CARD-2', { status: 'Expired' }), true);
    s.clock.advance(30_000);
    assert.equal(s.reporter.check('CARD-2', { status: 'Expired' }), false);
    assert.equal(s.reports.length, 1);
  });

  test('nothing while LocalAuthListEnabled is false, and nothing (no throw) when the store fails', () => {
    const s = setup([['CARD-1', { status: 'Accepted' }]]);
    s.settings.set('localAuthListEnabled', false);
    assert.equal(s.reporter.check('CARD-1', { status: 'Blocked' }), false);
    s.settings.set('localAuthListEnabled', true);
    s.store.close();
    assert.equal(s.reporter.check('CARD-1', { status: 'Blocked' }), false);
    assert.deepEqual(s.reports, []);
  });
});
