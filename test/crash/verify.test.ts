/**
 * The crash test's judge must be able to say no: each rule of verify.ts against a history that breaks it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CsmsRecord } from '../../agent/demo/csms.js';
import { verify, type JournalRow, type VerifyInput } from './verify.js';

const ID = 'CP-V';
const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString();

/** A little CSMS log: calls and their answers, and the points where the connection was lost. */
class History {
  readonly records: CsmsRecord[] = [];
  readonly losses: number[] = [];
  private n = 0;

  call(action: string, payload: unknown, answer: unknown = action === 'StartTransaction' ? { transactionId: 1, idTagInfo: { status: 'Accepted' } } : {}): this {
    const messageId = `m${this.n++}`;
    this.records.push({ at: 0, identity: ID, dir: 'in', kind: 'call', action, payload, messageId });
    if (answer !== null) this.records.push({ at: 0, identity: ID, dir: 'in', kind: 'result', action, payload: answer, messageId });
    return this;
  }

  lost(): this {
    this.losses.push(this.records.length);
    return this;
  }

  input(journal: JournalRow[] = [row()], queue = { depth: 0, deadLetters: 0 }): VerifyInput {
    return { records: this.records, identity: ID, losses: this.losses, journal, queue };
  }
}

const start = (o: Partial<{ connectorId: number; idTag: string; meterStart: number; s: number }> = {}) => ({
  connectorId: o.connectorId ?? 1,
  idTag: o.idTag ?? 'A',
  meterStart: o.meterStart ?? 100,
  timestamp: t(o.s ?? 0),
});
const mv = (wh: number, s: number, transactionId = 1, connectorId = 1) => ({
  connectorId,
  transactionId,
  meterValue: [{ timestamp: t(s), sampledValue: [{ value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }],
});
const stop = (meterStop: number, s: number, transactionId = 1, reason = 'Local') => ({ transactionId, meterStop, timestamp: t(s), reason });
const row = (o: Partial<JournalRow> = {}): JournalRow => ({
  localId: 'L1',
  csmsId: 1,
  evseId: 1,
  idTag: 'A',
  meterStartWh: 100,
  meterStopWh: 130,
  stoppedAt: t(9),
  stopState: 'confirmed',
  ...o,
});

/** Start at 0 s (100 Wh), samples at 3 s and 6 s, stop at 9 s (130 Wh). */
const clean = () => new History().call('StartTransaction', start()).call('MeterValues', mv(110, 3)).call('MeterValues', mv(120, 6)).call('StopTransaction', stop(130, 9));

function expectViolation(input: VerifyInput, pattern: RegExp): void {
  const f = verify(input);
  assert.ok(
    f.violations.some((v) => pattern.test(v)),
    `expected a violation matching ${pattern}, got ${JSON.stringify(f.violations)}`,
  );
}

describe('crash verification', () => {
  test('a clean history passes and is counted', () => {
    const f = verify(clean().input());
    assert.deepEqual(f.violations, []);
    assert.equal(f.transactions, 1);
    assert.equal(f.meterValues, 2);
  });

  test('a repeat right after a lost answer is counted, not a violation', () => {
    const h = new History().call('StartTransaction', start(), null).lost().call('StartTransaction', start()).call('MeterValues', mv(110, 3)).call('StopTransaction', stop(130, 9));
    const f = verify(h.input());
    assert.deepEqual(f.violations, []);
    assert.equal(f.repeats.StartTransaction, 1);
  });

  test('a repeat without a lost answer before it is a violation', () => {
    expectViolation(new History().call('StartTransaction', start()).call('StartTransaction', start()).call('StopTransaction', stop(130, 9)).input(), /delivered again/);
  });

  test('a repeat that is not the first message after the loss is a violation', () => {
    const h = new History().call('StartTransaction', start()).call('MeterValues', mv(110, 3)).lost().call('MeterValues', mv(120, 6)).call('MeterValues', mv(110, 3)).call('StopTransaction', stop(130, 9));
    expectViolation(h.input(), /MeterValues delivered again/);
  });

  test('a CSMS that gives a repeated start a new id is reported', () => {
    const h = new History()
      .call('StartTransaction', start())
      .lost()
      .call('StartTransaction', start(), { transactionId: 2, idTagInfo: { status: 'Accepted' } })
      .call('StopTransaction', stop(130, 9));
    expectViolation(h.input(), /did not deduplicate/);
  });

  test('two different starts for one session, a second different stop, a start without stop', () => {
    expectViolation(clean().call('StartTransaction', start({ meterStart: 130, s: 10 })).input(), /two different StartTransaction/);
    expectViolation(clean().call('StopTransaction', stop(131, 10, 1, 'PowerLoss')).input(), /second, different StopTransaction/);
    expectViolation(new History().call('StartTransaction', start()).call('MeterValues', mv(110, 3)).input(), /has no StopTransaction/);
  });

  test('messages for unknown transactions, -1 included', () => {
    expectViolation(clean().call('MeterValues', mv(140, 12, 7)).input(), /unknown transaction 7/);
    expectViolation(clean().call('StopTransaction', stop(140, 12, -1)).input(), /unknown transaction -1/);
  });

  test('energy falling, above the stop, samples after the stop or on another connector', () => {
    const base = () => new History().call('StartTransaction', start());
    expectViolation(base().call('MeterValues', mv(120, 3)).call('MeterValues', mv(110, 6)).call('StopTransaction', stop(130, 9)).input(), /energy fell/);
    expectViolation(base().call('MeterValues', mv(140, 3)).call('StopTransaction', stop(130, 9)).input(), /above meterStop/);
    expectViolation(base().call('MeterValues', mv(90, 3)).call('StopTransaction', stop(130, 9)).input(), /energy fell from 100 to 90/);
    expectViolation(base().call('StopTransaction', stop(130, 9)).call('MeterValues', mv(130, 10)).input(), /after its StopTransaction/);
    expectViolation(base().call('MeterValues', mv(110, 3, 1, 2)).call('StopTransaction', stop(130, 9)).input(), /on connector 2/);
    expectViolation(base().call('StopTransaction', { ...stop(130, 9), transactionData: [mv(140, 5).meterValue[0]] }).input(), /transactionData energy 140 above/);
  });

  test('overlapping transactions on one connector, a meter going back between them', () => {
    const second = (meterStart: number, s: number) =>
      clean()
        .call('StartTransaction', start({ idTag: 'B', meterStart, s }), { transactionId: 2, idTagInfo: { status: 'Accepted' } })
        .call('StopTransaction', stop(meterStart + 10, s + 5, 2));
    const journal = [row(), row({ localId: 'L2', csmsId: 2, idTag: 'B', meterStartWh: 130, meterStopWh: 140 })];
    assert.deepEqual(verify(second(130, 10).input(journal)).violations, []);
    expectViolation(second(130, 5).input(journal), /started .* before 1 stopped/);
    expectViolation(second(120, 10).input(journal), /meter went back/);
  });

  test('out of order across transactions is a violation; a power-loss stop queued at start-up is not', () => {
    const h = clean()
      .call('StartTransaction', start({ connectorId: 2, idTag: 'B', s: 8 }), { transactionId: 2, idTagInfo: { status: 'Accepted' } })
      .call('MeterValues', mv(50, 2, 2, 2));
    expectViolation(h.input(), /not in the order things happened/);
    const ok = new History()
      .call('StartTransaction', start())
      .call('StartTransaction', start({ connectorId: 2, idTag: 'B', s: 1 }), { transactionId: 2, idTagInfo: { status: 'Accepted' } })
      .call('MeterValues', mv(110, 3))
      .call('MeterValues', mv(10, 6, 2, 2))
      .call('StopTransaction', stop(110, 3, 1, 'PowerLoss'))
      .call('StopTransaction', stop(20, 9, 2));
    const journal = [row({ meterStopWh: 110 }), row({ localId: 'L2', csmsId: 2, idTag: 'B', evseId: 2, meterStartWh: 100, meterStopWh: 20 })];
    const f = verify({ ...ok.input(journal) });
    assert.deepEqual(f.violations.filter((v) => /order/.test(v)), []);
    assert.equal(f.powerLossStops, 1);
  });

  test('the journal: a transaction the CSMS never saw is lost; ids, meters and states must agree; the queue must be empty', () => {
    expectViolation(clean().input([row(), row({ localId: 'L9', idTag: 'Z', csmsId: null })]), /never reached the CSMS: lost/);
    expectViolation(clean().input([]), /not in the journal/);
    expectViolation(clean().input([row({ csmsId: 5 })]), /CSMS id 5 in the journal/);
    expectViolation(clean().input([row({ meterStopWh: 129 })]), /meterStop 129 in the journal/);
    expectViolation(clean().input([row({ stopState: 'pending' })]), /stop state pending/);
    expectViolation(clean().input([row()], { depth: 2, deadLetters: 0 }), /not drained/);
    expectViolation(clean().input([row()], { depth: 0, deadLetters: 1 }), /dead letters/);
  });
});
