/**
 * The behaviour every Contactor driver owes the station (hal/types.ts), run against each driver so the
 * simulated hardware cannot drift from the real one. A rig gives the driver and a way to move its contacts
 * mechanically: `stick` holds them closed (welded) or open, null lets them follow the coil at once.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import type { Contactor, ContactorFault } from '../../../hal/types.js';

export interface ContactorRig {
  readonly contactor: Contactor;
  stick(stuck: 'closed' | 'open' | null): void;
}

export interface ContactorRigOptions {
  clock: FakeClock;
  settleMs: number;
  /** false: the hardware has no feedback input. */
  feedback: boolean;
}

/** Builds a rig whose driver is not started yet. */
export type ContactorRigFactory = (opts: ContactorRigOptions) => ContactorRig;

const SETTLE_MS = 100;
/** Long enough that a repeating report (one per settle period) would show many times over. */
const MANY_SETTLE_PERIODS = 50 * SETTLE_MS;

interface Started {
  clock: FakeClock;
  rig: ContactorRig;
  c: Contactor;
  faults: ContactorFault[];
  feedback: boolean[];
  /** open() calls made in answer to a fault, as agent/station/safety.ts does. */
  safetyOpens: () => number;
}

export function runContactorContract(name: string, makeRig: ContactorRigFactory): void {
  async function started(opts: { feedback?: boolean; safety?: boolean } = {}): Promise<Started> {
    const clock = new FakeClock();
    const rig = makeRig({ clock, settleMs: SETTLE_MS, feedback: opts.feedback ?? true });
    const c = rig.contactor;
    const faults: ContactorFault[] = [];
    const feedback: boolean[] = [];
    let opens = 0;
    if (opts.safety !== false) {
      c.events.onFirst('fault', () => {
        opens++;
        c.open();
      });
    }
    c.events.on('fault', (k) => faults.push(k));
    c.events.on('feedback', (f) => feedback.push(f));
    await c.start();
    clock.advance(SETTLE_MS);
    return { clock, rig, c, faults, feedback, safetyOpens: () => opens };
  }

  describe(`Contactor contract: ${name}`, () => {
    test('open() and close() change commandedClosed synchronously; the feedback follows; no fault', async () => {
      const { clock, c, faults, feedback } = await started();
      assert.equal(c.commandedClosed, false);
      assert.equal(c.feedbackClosed, false);
      c.close();
      assert.equal(c.commandedClosed, true);
      assert.equal(c.feedbackClosed, true);
      clock.advance(MANY_SETTLE_PERIODS);
      c.open();
      assert.equal(c.commandedClosed, false);
      assert.equal(c.feedbackClosed, false);
      clock.advance(MANY_SETTLE_PERIODS);
      assert.deepEqual(faults, []);
      assert.deepEqual(feedback, [true, false]);
      await c.stop();
    });

    test('welded: feedback still closed settleMs after open() is one latched fault, even with safety re-opening', async () => {
      const { clock, rig, c, faults, safetyOpens } = await started();
      c.close();
      rig.stick('closed');
      clock.advance(SETTLE_MS);
      assert.deepEqual(faults, [], 'command and feedback agree while closed');
      c.open();
      assert.equal(c.feedbackClosed, true, 'welded contacts stay closed');
      clock.advance(SETTLE_MS - 1);
      assert.deepEqual(faults, [], 'not before the settle time');
      clock.advance(1);
      assert.deepEqual(faults, ['welded']);
      c.open(); // the agent repeating the command
      clock.advance(MANY_SETTLE_PERIODS);
      assert.deepEqual(faults, ['welded'], 'latched: reported once');
      assert.equal(safetyOpens(), 1);
      assert.equal(c.commandedClosed, false);
      await c.stop();
    });

    test('a latched weld clears when the feedback agrees again; a new disagreement faults again', async () => {
      const { clock, rig, c, faults, feedback } = await started();
      c.close();
      rig.stick('closed');
      c.open();
      clock.advance(SETTLE_MS);
      assert.deepEqual(faults, ['welded']);
      rig.stick(null);
      assert.equal(c.feedbackClosed, false);
      assert.deepEqual(feedback, [true, false], 'the agreement shows as a feedback event');
      clock.advance(MANY_SETTLE_PERIODS);
      assert.deepEqual(faults, ['welded']);
      c.close();
      rig.stick('closed');
      c.open();
      clock.advance(SETTLE_MS);
      assert.deepEqual(faults, ['welded', 'welded']);
      await c.stop();
    });

    test('closing a welded contactor is agreement: the next open() is a new episode', async () => {
      const { clock, rig, c, faults } = await started({ safety: false });
      c.close();
      rig.stick('closed');
      c.open();
      clock.advance(SETTLE_MS);
      c.close();
      clock.advance(SETTLE_MS);
      assert.deepEqual(faults, ['welded']);
      c.open();
      clock.advance(SETTLE_MS);
      assert.deepEqual(faults, ['welded', 'welded']);
      await c.stop();
    });

    test('stuck-open: feedback still open settleMs after close() is one latched fault', async () => {
      const { clock, rig, c, faults } = await started({ safety: false });
      rig.stick('open');
      c.close();
      assert.equal(c.feedbackClosed, false);
      clock.advance(SETTLE_MS - 1);
      assert.deepEqual(faults, []);
      clock.advance(1);
      assert.deepEqual(faults, ['stuck-open']);
      c.close();
      clock.advance(MANY_SETTLE_PERIODS);
      assert.deepEqual(faults, ['stuck-open'], 'latched: reported once');
      rig.stick(null);
      assert.equal(c.feedbackClosed, true);
      clock.advance(MANY_SETTLE_PERIODS);
      assert.deepEqual(faults, ['stuck-open']);
      // After agreement, contacts dropping open under a closed command fault again, at once (no command settling).
      rig.stick('open');
      assert.deepEqual(faults, ['stuck-open', 'stuck-open']);
      await c.stop();
    });

    test('a weld appearing while no command is settling is reported at once, once', async () => {
      const { clock, rig, c, faults, safetyOpens } = await started();
      rig.stick('closed');
      assert.deepEqual(faults, ['welded']);
      clock.advance(MANY_SETTLE_PERIODS);
      assert.deepEqual(faults, ['welded']);
      assert.equal(safetyOpens(), 1);
      await c.stop();
    });

    test('feedback that agrees within the settle time raises no fault', async () => {
      const { clock, rig, c, faults, feedback } = await started({ safety: false });
      rig.stick('open');
      c.close();
      clock.advance(SETTLE_MS / 2);
      rig.stick(null);
      clock.advance(MANY_SETTLE_PERIODS);
      rig.stick('closed');
      c.open();
      clock.advance(SETTLE_MS - 1);
      rig.stick(null);
      clock.advance(MANY_SETTLE_PERIODS);
      assert.deepEqual(faults, []);
      assert.deepEqual(feedback, [true, false]);
      await c.stop();
    });

    test('contacts welded before start() are reported one settle time after it, not inside it', async () => {
      const clock = new FakeClock();
      const rig = makeRig({ clock, settleMs: SETTLE_MS, feedback: true });
      rig.stick('closed');
      const faults: ContactorFault[] = [];
      rig.contactor.events.on('fault', (k) => faults.push(k));
      await rig.contactor.start();
      assert.deepEqual(faults, []);
      assert.equal(rig.contactor.feedbackClosed, true);
      clock.advance(SETTLE_MS);
      assert.deepEqual(faults, ['welded']);
      await rig.contactor.stop();
    });

    test('without a feedback input: feedbackClosed is null, no fault, no feedback event, no timer', async () => {
      const { clock, rig, c, faults, feedback } = await started({ feedback: false });
      assert.equal(c.feedbackClosed, null);
      c.close();
      assert.equal(c.commandedClosed, true);
      assert.equal(c.feedbackClosed, null);
      rig.stick('open');
      clock.advance(MANY_SETTLE_PERIODS);
      c.open();
      rig.stick('closed');
      clock.advance(MANY_SETTLE_PERIODS);
      assert.deepEqual(faults, []);
      assert.deepEqual(feedback, []);
      assert.equal(clock.pendingTimers(), 0);
      await c.stop();
    });

    test('stop() clears every timer: a settling command, a latched fault', async () => {
      const { clock, rig, c, faults } = await started();
      c.close();
      rig.stick('closed');
      c.open();
      assert.ok(clock.pendingTimers() > 0, 'a settle check is pending');
      await c.stop();
      assert.equal(clock.pendingTimers(), 0);
      clock.advance(MANY_SETTLE_PERIODS);
      assert.deepEqual(faults, [], 'nothing reported after stop()');
    });
  });
}
