import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { FakeGpioBackend } from '../../../hal/gpio/fake-backend.js';
import { LinuxContactor } from '../../../hal/linux/contactor.js';
import { SimContactor } from '../../../hal/sim/contactor.js';
import type { ContactorFault } from '../../../hal/types.js';
import { runContactorContract, type ContactorRig, type ContactorRigOptions } from './contactor.contract.js';

runContactorContract('SimContactor', ({ clock, settleMs, feedback }) => {
  const contactor = new SimContactor(clock, settleMs, feedback);
  return { contactor, stick: (s) => contactor.setStuck(s) };
});

// L relay 17, N relay 27; a normally-closed mirror contact on 22 (physical 1 = main contacts open).
const L = 17;
const N = 27;
const MIRROR = 22;

/** The wiring of a real board in a fake backend: the mirror contact follows the L relay's coil unless stuck. */
function linuxRig({ clock, settleMs, feedback }: ContactorRigOptions, gpio = new FakeGpioBackend({ clock })): ContactorRig {
  let stuck: 'closed' | 'open' | null = null;
  const mirror = (): void => {
    const closed = stuck === null ? gpio.level(L) === 1 : stuck === 'closed';
    gpio.setInput(MIRROR, closed ? 0 : 1);
  };
  gpio.onWrite((w) => {
    if (w.line === L) mirror();
  });
  mirror();
  const contactor = new LinuxContactor(
    { outputs: [{ line: L }, { line: N }], feedback: feedback ? [{ line: MIRROR, activeLow: true }] : undefined, settleMs },
    gpio,
    clock,
  );
  return {
    contactor,
    stick: (s) => {
      stuck = s;
      mirror();
    },
  };
}

runContactorContract('LinuxContactor', (opts) => linuxRig(opts));

test('LinuxContactor: a latched weld writes no more GPIO over many settle periods', async () => {
  const clock = new FakeClock();
  const gpio = new FakeGpioBackend({ clock });
  const rig = linuxRig({ clock, settleMs: 200, feedback: true }, gpio);
  const c = rig.contactor;
  const faults: ContactorFault[] = [];
  c.events.onFirst('fault', () => c.open());
  c.events.on('fault', (k) => faults.push(k));
  await c.start();
  c.close();
  rig.stick('closed');
  c.open();
  clock.advance(200);
  const writes = gpio.writeCount(L) + gpio.writeCount(N);
  clock.advance(60_000);
  assert.deepEqual(faults, ['welded']);
  assert.equal(gpio.writeCount(L) + gpio.writeCount(N), writes);
  await c.stop();
});
