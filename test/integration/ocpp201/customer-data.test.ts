/**
 * DataTransfer (P01, P02, custom data) and customer information (N09, N10) on a 2.0.1 station: the real chargerd
 * process against the strict 2.0.1 CSMS (every frame checked against the OCA schemas), named after the part 6
 * TC_P_* and TC_N_* cases. The customer suite shares one station and runs in order: a transaction and a cached
 * card first, then reports, clears and what a clear must keep (the local list, undelivered transactions).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { CsmsRecord } from '../../../agent/demo/csms.js';
import { assertValidFrames, rig, type Rig } from '../core/harness.js';
import { answers, component, rig201, sent, variable } from './harness.js';
import { waitEnded, waitStarted } from './tx-events.js';

const card = (idToken: string, type = 'ISO14443') => ({ idToken, type });

/** Every NotifyCustomerInformation part of `requestId` once the last arrived; checks the answer came first. */
async function parts(r: Rig, requestId: number, from: number): Promise<any[]> {
  await r.csms.waitFor('NotifyCustomerInformation', (p) => p.requestId === requestId && !p.tbc, 10_000, from);
  const recs = r.csms.records.slice(from);
  const answer = recs.findIndex((x: CsmsRecord) => x.dir === 'out' && x.kind === 'result' && x.action === 'CustomerInformation');
  const list = sent(r, 'NotifyCustomerInformation', from).filter((p) => p.requestId === requestId);
  const first = recs.findIndex((x) => x.dir === 'in' && x.kind === 'call' && x.action === 'NotifyCustomerInformation' && (x.payload as any).requestId === requestId);
  assert.ok(answer >= 0 && answer < first, 'the CustomerInformationResponse before the first NotifyCustomerInformation');
  assert.deepEqual(list.map((p) => p.seqNo), list.map((_p, i) => i), 'seqNo 0..n-1');
  assert.deepEqual(list.map((p) => p.tbc === true), list.map((_p, i) => i < list.length - 1), 'tbc on all but the last');
  for (const p of list) assert.ok(p.data.length <= 512 && !Number.isNaN(Date.parse(p.generatedAt)));
  return list;
}

const text = (list: any[]) => list.map((p) => p.data).join('\n');

describe('2.0.1 DataTransfer', () => {
  let r: Rig;
  before(async () => {
    r = await rig201('CP201-DT');
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('TC_P_01_CS DataTransfer to the station: UnknownVendorId, UnknownMessageId, Rejected, Accepted (P01.FR.05/06/07)', async () => {
    assert.deepEqual(await r.call('DataTransfer', { vendorId: 'com.example.nobody', messageId: 'Hello' }), { status: 'UnknownVendorId' });
    assert.deepEqual(await r.call('DataTransfer', { vendorId: 'org.chargerd', messageId: 'NoSuchMessage', data: 'x' }), { status: 'UnknownMessageId' });
    assert.deepEqual(await r.call('DataTransfer', { vendorId: 'org.chargerd' }), { status: 'UnknownMessageId' }, 'no messageId: none of its messages');
    assert.deepEqual(await r.call('DataTransfer', { vendorId: 'ORG.CHARGERD', messageId: 'Echo', data: 1 }), { status: 'UnknownVendorId' }, 'vendorId compared exactly');
    const rejected = await r.call('DataTransfer', { vendorId: 'org.chargerd', messageId: 'Echo' });
    assert.equal(rejected.status, 'Rejected');
    assert.equal(rejected.statusInfo.reasonCode, 'MissingParam');
    const data = { any: ['json', 1, true], nested: { x: null } };
    assert.deepEqual(await r.call('DataTransfer', { vendorId: 'org.chargerd', messageId: 'Echo', data }), { status: 'Accepted', data });
  });

  it('TC_P_03_CS custom data in a request is accepted and ignored', async () => {
    const customData = { vendorId: 'com.example.custom', anything: { deep: [1, 2, 3] } };
    const res = await r.call('GetVariables', { customData, getVariableData: [{ component: { ...component('OCPPCommCtrlr'), customData }, variable: variable('HeartbeatInterval') }] });
    assert.equal(res.getVariableResult[0].attributeStatus, 'Accepted');
    assert.deepEqual(await r.call('DataTransfer', { customData, vendorId: 'org.chargerd', messageId: 'Echo', data: 'hi' }), { status: 'Accepted', data: 'hi' });
  });

  it('P02 `chargerctl call ocpp.dataTransfer`: the station sends DataTransfer and prints the CSMS answer', async () => {
    const from = r.mark();
    r.csms.setHandler('DataTransfer', (p: any) => (p.vendorId === 'com.example' ? { status: 'Accepted', data: { got: p.data } } : { status: 'UnknownVendorId' }));
    const out = JSON.parse(await r.st.ok('call', 'ocpp.dataTransfer', JSON.stringify({ vendorId: 'com.example', messageId: 'Hello', data: { n: 1 } })));
    assert.deepEqual(out, { vendorId: 'com.example', messageId: 'Hello', status: 'Accepted', data: { got: { n: 1 } } });
    assert.deepEqual(sent(r, 'DataTransfer', from), [{ vendorId: 'com.example', messageId: 'Hello', data: { n: 1 } }]);
    const unknown = JSON.parse(await r.st.ok('call', 'ocpp.dataTransfer', JSON.stringify({ vendorId: 'org.other' })));
    assert.deepEqual(unknown, { vendorId: 'org.other', status: 'UnknownVendorId' });
    r.csms.setHandler('DataTransfer', null);
  });

  it('P02 bad params are refused before anything is sent, naming the field', async () => {
    const from = r.mark();
    const missing = await r.st.ctl(['call', 'ocpp.dataTransfer', '{"messageId":"x"}']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr + missing.stdout, /vendorId must be a non-empty string/);
    const long = await r.st.ctl(['call', 'ocpp.dataTransfer', JSON.stringify({ vendorId: 'v', messageId: 'm'.repeat(51) })]);
    assert.match(long.stderr + long.stdout, /messageId must be a non-empty string of at most 50/);
    const extra = await r.st.ctl(['call', 'ocpp.dataTransfer', '{"vendorId":"v","vendor":"typo"}']);
    assert.match(extra.stderr + extra.stdout, /unknown param vendor/);
    assert.equal(sent(r, 'DataTransfer', from).length, 0);
  });
});

describe('1.6 `chargerctl call ocpp.dataTransfer` (the same control method)', () => {
  let r: Rig;
  before(async () => {
    r = await rig('CP16-DT');
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('sends a 1.6 DataTransfer (data a string) and prints the answer; data that 1.6 cannot carry is refused before sending', async () => {
    const from = r.mark();
    const out = JSON.parse(await r.st.ok('call', 'ocpp.dataTransfer', JSON.stringify({ vendorId: 'com.example', messageId: 'Hello', data: 'text' })));
    assert.deepEqual(out, { vendorId: 'com.example', messageId: 'Hello', status: 'UnknownVendorId' });
    const bad = await r.st.ctl(['call', 'ocpp.dataTransfer', JSON.stringify({ vendorId: 'com.example', data: { n: 1 } })]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr + bad.stdout, /BAD_PARAMS|not a valid OCPP 1\.6 DataTransfer/);
    assert.deepEqual(sent(r, 'DataTransfer', from), [{ vendorId: 'com.example', messageId: 'Hello', data: 'text' }]);
  });
});

describe('2.0.1 customer information (N09, N10)', () => {
  let r: Rig;
  let txId = '';
  const info = (req: Record<string, unknown>) => r.call('CustomerInformation', req);

  /** One whole session of `idToken` on EVSE 1 (card on, card off, unplug); resolves with its transactionId. */
  async function session(idToken: string): Promise<string> {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', idToken);
    const id = (await waitStarted(r, 1, m)).transactionInfo.transactionId;
    await r.st.ok('sim', 'tag', '1', idToken);
    await waitEnded(r, id, m);
    await r.st.ok('sim', 'unplug', '1');
    await r.st.until('EVSE 1 Available', (s) => s.evses[0].status === 'Available' && s.queue.depth === 0);
    return id;
  }

  before(async () => {
    r = await rig201('CP201-CUST', { ocppKeys: { 'TxCtrlr.EVConnectionTimeOut': 600 } });
    assert.equal((await r.call('SendLocalList', { versionNumber: 5, updateType: 'Full', localAuthorizationList: [{ idToken: card('LIST-CARD'), idTokenInfo: { status: 'Accepted' } }] })).status, 'Accepted');
    txId = await session('CARD-CI');
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('TC_N_27_CS report: Accepted, then what the station holds (cache entry, transaction with times and energy)', async () => {
    const from = r.mark();
    assert.deepEqual(await info({ requestId: 1, report: true, clear: false, idToken: card('card-ci') }), { status: 'Accepted' });
    const t = text(await parts(r, 1, from));
    assert.match(t, /customer information for idToken card-ci \(ISO14443\)/);
    assert.match(t, /authorization cache: card-ci status Accepted/);
    assert.match(t, new RegExp(`transaction ${txId}, evse 1, started [^,]+, stopped [^,]+, energy [\\d.]+ Wh`));
  });

  it('TC_N_27_CS a local-list entry is reported with the list version', async () => {
    const from = r.mark();
    assert.equal((await info({ requestId: 2, report: true, clear: false, idToken: card('LIST-CARD') })).status, 'Accepted');
    assert.match(text(await parts(r, 2, from)), /local list \(version 5\): LIST-CARD \(ISO14443\) status Accepted/);
  });

  it('TC_N_28_CS report for a customer the station knows nothing of: one part saying no data was found (N09.FR.06)', async () => {
    const from = r.mark();
    assert.equal((await info({ requestId: 3, report: true, clear: false, idToken: card('NOBODY') })).status, 'Accepted');
    const list = await parts(r, 3, from);
    assert.equal(list.length, 1);
    assert.equal(list[0].data, 'no data found for idToken NOBODY (ISO14443)');
  });

  it('TC_N_29_CS report and clear both false: Rejected, nothing sent (N09.FR.07)', async () => {
    const from = r.mark();
    const res = await info({ requestId: 4, report: false, clear: false, idToken: card('CARD-CI') });
    assert.equal(res.status, 'Rejected');
    // Fence: a later request's parts come after anything request 4 could have sent.
    assert.equal((await info({ requestId: 5, report: true, clear: false, customerIdentifier: 'fence' })).status, 'Accepted');
    await parts(r, 5, from);
    assert.equal(sent(r, 'NotifyCustomerInformation', from).filter((p) => p.requestId === 4).length, 0);
  });

  it('TC_N_33_CS none or two of idToken / customerCertificate / customerIdentifier: Invalid (N09.FR.09)', async () => {
    assert.equal((await info({ requestId: 6, report: true, clear: true })).status, 'Invalid');
    const two = await info({ requestId: 7, report: true, clear: false, idToken: card('CARD-CI'), customerIdentifier: 'C-1' });
    assert.equal(two.status, 'Invalid');
    assert.match(two.statusInfo.additionalInfo, /idToken and customerIdentifier/);
  });

  it('TC_N_63_CS customerCertificate: Rejected, the station holds no contract certificates', async () => {
    const res = await info({ requestId: 8, report: true, clear: true, customerCertificate: { hashAlgorithm: 'SHA256', issuerNameHash: 'a'.repeat(64), issuerKeyHash: 'b'.repeat(64), serialNumber: '01' } });
    assert.equal(res.status, 'Rejected');
    assert.equal(res.statusInfo.reasonCode, 'UnsupportedParam');
  });

  it('TC_N_62_CS clear and report by customerIdentifier: Accepted, one part: nothing is kept under an identifier', async () => {
    const from = r.mark();
    assert.equal((await info({ requestId: 9, report: true, clear: true, customerIdentifier: 'CUST-42' })).status, 'Accepted');
    const list = await parts(r, 9, from);
    assert.deepEqual(list.map((p) => p.data), ['no data found for customerIdentifier CUST-42']);
  });

  it('TC_N_30_CS clear and report + data: cache entry and the ids of delivered transactions go, the bill stays; a second report finds nothing', async () => {
    const from = r.mark();
    assert.equal((await info({ requestId: 10, report: true, clear: true, idToken: card('CARD-CI') })).status, 'Accepted');
    const t = text(await parts(r, 10, from));
    assert.match(t, /removed: authorization cache entry CARD-CI \((ISO14443|untyped)\)/);
    assert.match(t, new RegExp(`removed id from: transaction ${txId}`));
    const tx = JSON.parse(await r.st.ok('tx', 'show', txId, '--json'));
    const rec = tx.transaction ?? tx;
    assert.equal(rec.idTag, '(cleared)');
    assert.ok(rec.meterStopWh >= rec.meterStartWh && rec.stoppedAt, 'times and energy kept');
    const lookup = JSON.parse(await r.st.ok('auth', 'lookup', 'CARD-CI', '--json'));
    assert.equal(lookup.cache ?? null, null, 'no cache entry left');
    const again = r.mark();
    assert.equal((await info({ requestId: 11, report: true, clear: false, idToken: card('CARD-CI') })).status, 'Accepted');
    assert.deepEqual((await parts(r, 11, again)).map((p) => p.data), ['no data found for idToken CARD-CI (ISO14443)']);
  });

  it('TC_N_30_CS / N10.FR.02 a local-list entry is reported as kept and stays on the list', async () => {
    const from = r.mark();
    assert.equal((await info({ requestId: 12, report: true, clear: true, idToken: card('LIST-CARD') })).status, 'Accepted');
    assert.match(text(await parts(r, 12, from)), /kept: local list entry LIST-CARD \(ISO14443\)/);
    assert.equal((await r.call('GetLocalListVersion')).versionNumber, 5);
    const list = JSON.parse(await r.st.ok('auth', 'list', '--all', '--json')).localList.entries as any[];
    assert.deepEqual(list.map((e) => e.idTag), ['LIST-CARD']);
  });

  it('TC_N_31_CS clear and report + no data: one part, no data found (N10.FR.04)', async () => {
    const from = r.mark();
    assert.equal((await info({ requestId: 13, report: true, clear: true, idToken: card('NOBODY') })).status, 'Accepted');
    assert.deepEqual((await parts(r, 13, from)).map((p) => p.data), ['no data found for idToken NOBODY (ISO14443)']);
  });

  it('TC_N_32_CS clear without report: one part saying it was cleared (N10.FR.06)', async () => {
    await session('CARD-N32');
    const from = r.mark();
    assert.equal((await info({ requestId: 14, report: false, clear: true, idToken: card('CARD-N32') })).status, 'Accepted');
    const list = await parts(r, 14, from);
    assert.equal(list.length, 1);
    assert.match(list[0].data, /^customer information for idToken CARD-N32 \(ISO14443\) cleared: 2 item\(s\) removed, 0 kept/);
  });

  it('durability: a running transaction keeps its id through a clear, and its Ended still carries the idToken', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'CARD-RUN');
    const id = (await waitStarted(r, 1, m)).transactionInfo.transactionId;
    const from = r.mark();
    assert.equal((await info({ requestId: 15, report: true, clear: true, idToken: card('CARD-RUN') })).status, 'Accepted');
    assert.match(text(await parts(r, 15, from)), new RegExp(`kept: transaction ${id}, evse 1, started [^,]+, running.*in progress`));
    await r.st.ok('sim', 'tag', '1', 'CARD-RUN');
    const ended = await waitEnded(r, id, m);
    assert.deepEqual(ended.idToken, card('CARD-RUN'), 'the stop message is the same as without the clear');
    await r.st.ok('sim', 'unplug', '1');
    await r.st.until('EVSE 1 Available', (s) => s.evses[0].status === 'Available' && s.queue.depth === 0);
  });

  it('TC_N_27_CS many transactions: the report comes in parts of at most 512 characters, in order', async () => {
    for (let i = 0; i < 3; i++) await session('CARD-MANY');
    const from = r.mark();
    assert.equal((await info({ requestId: 16, report: true, clear: false, idToken: card('CARD-MANY') })).status, 'Accepted');
    const list = await parts(r, 16, from);
    assert.ok(list.length >= 2, `${list.length} parts`);
    assert.equal((text(list).match(/^transaction /gm) ?? []).length, 3, 'every transaction once, no line split');
    assert.equal(answers(r, 'CustomerInformation', from).length, 1);
  });
});
