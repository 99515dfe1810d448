/**
 * OCTT TC_069_CS (stop by a card of the same parentIdTag) for a session the CSMS started remotely, whose owner's
 * group only StartTransaction.conf names (issue 7); an owner with no group; the owner's card in another letter
 * case (CiString20, errata 3.58). Against the real chargerd process and the strict CSMS.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidFrames, rig, type Rig } from './harness.js';

const GROUP = 'FAM-GROUP';
const info = (idTag: string) => (idTag.toUpperCase().startsWith('FAM-') ? { status: 'Accepted', parentIdTag: GROUP } : { status: 'Accepted' });

describe("the owner's group and letter case", () => {
  let r: Rig;
  let txId = 100;
  before(async () => {
    r = await rig('CP-OWNER');
    r.csms.setHandler('Authorize', (p: { idTag: string }) => ({ idTagInfo: info(p.idTag) }));
    r.csms.setHandler('StartTransaction', (p: { idTag: string }) => ({ transactionId: ++txId, idTagInfo: info(p.idTag) }));
  });
  afterEach(() => assertValidFrames(r));
  after(() => r.close());

  /** Plug in, RemoteStartTransaction (AuthorizeRemoteTxRequests false: no Authorize), wait until charging with its id. */
  async function remoteSession(evse: number, idTag: string): Promise<number> {
    const m = r.mark();
    await r.st.ok('sim', 'plug', String(evse));
    assert.equal((await r.call('RemoteStartTransaction', { connectorId: evse, idTag })).status, 'Accepted');
    await r.csms.waitFor('StartTransaction', (p) => p.idTag === idTag, 10_000, m);
    const s = await r.st.until(`EVSE ${evse} charging with a transactionId`, (s) => {
      const e = s.evses.find((x: any) => x.id === evse);
      return e?.status === 'Charging' && typeof e.transaction?.csmsId === 'string';
    });
    return Number(s.evses.find((x: any) => x.id === evse).transaction.csmsId);
  }

  const authorizesSince = (m: number) => r.csms.records.slice(m).filter((x) => x.dir === 'in' && x.kind === 'call' && x.action === 'Authorize').map((x) => (x.payload as any).idTag);

  test('TC_069_CS remote start by FAM-A, parent named only by StartTransaction.conf: card FAM-B of the group stops it', async () => {
    const id = await remoteSession(1, 'FAM-A');
    const m = r.mark();
    await r.st.ok('sim', 'tag', '1', 'FAM-B');
    const stop = await r.csms.waitFor('StopTransaction', (p) => p.transactionId === id, 10_000, m);
    assert.equal((stop.payload as any).idTag, 'FAM-B');
    assert.equal((stop.payload as any).reason, 'Local');
    assert.deepEqual(authorizesSince(m), ['FAM-B']);
    await r.st.ok('sim', 'unplug', '1');
    await r.st.until('EVSE 1 available', (s) => s.evses[0].status === 'Available');
  });

  test('owner without a group: another card is ignored without an Authorize; the owner in other letter case stops', async () => {
    const id = await remoteSession(2, 'Solo-A');
    const m = r.mark();
    await r.st.ok('sim', 'tag', '2', 'FAM-C');
    await r.st.ok('sim', 'tag', '2', 'sOLO-a');
    const stop = await r.csms.waitFor('StopTransaction', (p) => p.transactionId === id, 10_000, m);
    // The card goes back to the CSMS as it was read.
    assert.equal((stop.payload as any).idTag, 'sOLO-a');
    assert.equal((stop.payload as any).reason, 'Local');
    assert.deepEqual(authorizesSince(m), [], 'neither FAM-C (nothing could match) nor the owner (same id) is authorized');
    await r.st.ok('sim', 'unplug', '2');
    await r.st.until('EVSE 2 available', (s) => s.evses[1].status === 'Available');
  });
});
