/**
 * The group of a transaction's owner (§3.10, issue 7): learnt from every idTagInfo for the owner's idTag — the
 * authorization at start, the local list or cache, StartTransaction.conf — and idTags compared as CiStrings.
 * `conf()` stands for the 1.6 profile handing StartTransaction.conf's idTagInfo to the station.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IdTokenInfo } from '../../../agent/station/types.js';
import type { TransactionRecord } from '../../../offline-queue/index.js';
import { chargingSession, harness, queuedActions, SOCKET, type Harness } from './harness.js';

/** Plug in and let the CSMS start a session for `idTag` (no Authorize: AuthorizeRemoteTxRequests false). */
async function remoteSession(h: Harness, idTag: string): Promise<TransactionRecord> {
  h.sim.plug(SOCKET);
  assert.equal(h.station.evse(SOCKET)!.remoteStart(idTag, { status: 'Accepted' }, null), true);
  await h.run(1000);
  const rec = h.station.evse(SOCKET)!.transaction();
  assert.ok(rec, 'the remote start began a transaction');
  return rec;
}

const conf = (h: Harness, rec: TransactionRecord, info: IdTokenInfo) => h.station.transactionAuthorization(rec.localId, info);
/** Present a card and let fake time run (a stop waits for the EV to leave C); the answer must have come by then. */
async function present(h: Harness, idTag: string): Promise<string> {
  let answer: string | null = null;
  let failure: unknown = null;
  h.station.evse(SOCKET)!.presentIdTag(idTag).then(
    (a) => (answer = a),
    (err: unknown) => (failure = err ?? new Error('rejected')),
  );
  await h.run(1000);
  if (failure) throw failure;
  assert.ok(answer !== null, 'presentIdTag still pending after 1 s of fake time');
  return answer;
}
const stopIdTag = (h: Harness, rec: TransactionRecord) => h.store.journal.get(rec.localId)?.stopIdTag;

describe("the owner's group", () => {
  test('remote start by A, StartTransaction.conf says parent G: card B of group G stops the session (TC_069)', async () => {
    const h = await harness();
    const rec = await remoteSession(h, 'A');
    conf(h, rec, { status: 'Accepted', parentIdTag: 'G' });
    h.auth.ids.set('B', { status: 'Accepted', parentIdTag: 'G' });
    assert.equal(await present(h, 'B'), 'stopped');
    assert.equal(stopIdTag(h, rec), 'B');
    assert.equal(h.stopped.at(-1)!.reason, 'Local');
    await h.close();
  });

  test('parentIdTags compare case-insensitively (CiString20)', async () => {
    const h = await harness();
    const rec = await remoteSession(h, 'A');
    conf(h, rec, { status: 'Accepted', parentIdTag: 'Fleet-G' });
    h.auth.ids.set('B', { status: 'Accepted', parentIdTag: 'FLEET-g' });
    assert.equal(await present(h, 'B'), 'stopped');
    await h.close();
  });

  test('StartTransaction.conf names no parent: card C is ignored without an Authorize', async () => {
    const h = await harness();
    const rec = await remoteSession(h, 'A');
    conf(h, rec, { status: 'Accepted' });
    h.auth.ids.set('C', { status: 'Accepted', parentIdTag: 'G' });
    assert.equal(await present(h, 'C'), 'rejected');
    assert.deepEqual(h.auth.asked, [], 'nothing could match: C is not authorized');
    assert.ok(h.station.evse(SOCKET)!.transaction(), 'the session goes on');
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Charging');
    assert.deepEqual(queuedActions(h.store), ['Start']);
    await h.close();
  });

  test('the local list or cache says the owner has no parent: no Authorize for another card', async () => {
    const h = await harness();
    h.auth.held.set('A', { status: 'Accepted' });
    const rec = await chargingSession(h, SOCKET, 'A');
    assert.equal(await present(h, 'C'), 'rejected');
    assert.deepEqual(h.auth.asked, ['A'], 'only the start was authorized');
    assert.deepEqual(h.auth.lookedUp, ['A'], "the owner's entry was looked up, not C's");
    assert.equal(stopIdTag(h, rec), null);
    await h.close();
  });

  test('group unknown (no conf yet, e.g. offline): the owner\'s cache entry gives it, card B of that group stops', async () => {
    const h = await harness();
    const rec = await remoteSession(h, 'A');
    h.auth.held.set('A', { status: 'Accepted', parentIdTag: 'G' });
    h.auth.ids.set('B', { status: 'Accepted', parentIdTag: 'G' });
    assert.equal(await present(h, 'B'), 'stopped');
    assert.equal(stopIdTag(h, rec), 'B');
    await h.close();
  });

  test('group unknown and nothing held for the owner: the card is authorized, and does not stop the session', async () => {
    const h = await harness();
    await remoteSession(h, 'A');
    h.auth.ids.set('B', { status: 'Accepted', parentIdTag: 'G' });
    assert.equal(await present(h, 'B'), 'rejected');
    assert.deepEqual(h.auth.asked, ['B'], 'the owner may still turn out to be in G: B was authorized');
    assert.ok(h.station.evse(SOCKET)!.transaction());
    await h.close();
  });

  test('StartTransaction.conf arriving while the card is being authorized still counts', async () => {
    const h = await harness();
    const rec = await remoteSession(h, 'A');
    const authorize = h.auth.authorize.bind(h.auth);
    h.auth.authorize = async (idTag) => {
      conf(h, rec, { status: 'Accepted', parentIdTag: 'G' });
      return authorize(idTag);
    };
    h.auth.ids.set('B', { status: 'Accepted', parentIdTag: 'G' });
    assert.equal(await present(h, 'B'), 'stopped');
    await h.close();
  });

  test('a group named at the start needs no later answer', async () => {
    const h = await harness();
    h.auth.ids.set('A', { status: 'Accepted', parentIdTag: 'G' });
    h.auth.ids.set('B', { status: 'Accepted', parentIdTag: 'G' });
    await chargingSession(h, SOCKET, 'A');
    assert.equal(await present(h, 'B'), 'stopped');
    assert.deepEqual(h.auth.lookedUp, [], 'known at start: nothing looked up');
    await h.close();
  });

  test('StartTransaction.conf naming another group replaces the one named at the start', async () => {
    const h = await harness();
    h.auth.ids.set('A', { status: 'Accepted', parentIdTag: 'G' });
    h.auth.ids.set('B', { status: 'Accepted', parentIdTag: 'G' });
    h.auth.ids.set('H1', { status: 'Accepted', parentIdTag: 'H' });
    const rec = await chargingSession(h, SOCKET, 'A');
    conf(h, rec, { status: 'Accepted', parentIdTag: 'H' });
    assert.equal(await present(h, 'B'), 'rejected');
    assert.equal(await present(h, 'H1'), 'stopped');
    await h.close();
  });

  test('StartTransaction.conf without a parentIdTag does not undo the group named at the start', async () => {
    const h = await harness();
    h.auth.ids.set('A', { status: 'Accepted', parentIdTag: 'G' });
    h.auth.ids.set('B', { status: 'Accepted', parentIdTag: 'G' });
    const rec = await chargingSession(h, SOCKET, 'A');
    conf(h, rec, { status: 'Accepted' });
    assert.equal(await present(h, 'B'), 'stopped');
    await h.close();
  });
});

describe('idTags are CiStrings', () => {
  test("the owner's card in another letter case stops the session, without an Authorize", async () => {
    const h = await harness();
    const rec = await chargingSession(h, SOCKET, 'Card-A1');
    assert.equal(await present(h, 'CARD-a1'), 'stopped');
    assert.deepEqual(h.auth.asked, ['Card-A1']);
    // The stop carries the card as it was read.
    assert.equal(stopIdTag(h, rec), 'CARD-a1');
    assert.equal(h.store.journal.get(rec.localId)?.idTag, 'Card-A1');
    await h.close();
  });

  test('a cable kept locked after DeAuthorized: released by the owner in another case, or by a card of its group', async () => {
    for (const [card, info] of [
      ['owner', undefined],
      ['MATE', { status: 'Accepted', parentIdTag: 'g' }],
    ] as const) {
      const h = await harness({ settings: { stopTransactionOnInvalidId: true } });
      const rec = await remoteSession(h, 'OWNER');
      conf(h, rec, { status: 'Invalid', parentIdTag: 'G' });
      await h.run(1000);
      assert.equal(h.stopped.at(-1)!.reason, 'DeAuthorized');
      assert.equal(h.hw(SOCKET).lock!.locked, true);
      if (info) h.auth.ids.set(card, info);
      assert.equal(await present(h, card), 'ignored');
      assert.equal(h.hw(SOCKET).lock!.locked, false, `${card} releases the cable`);
      await h.close();
    }
  });
});
