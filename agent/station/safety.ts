/**
 * The safety reactions of one EVSE. Each listener is registered FIRST on its HAL event and opens the contactor
 * synchronously, in the call stack of the event, before any other listener, await, log or I/O runs. The station
 * logic learns about the fault afterwards, in three steps that keep the order safe and the status exact:
 *
 * 1. the contactor is opened (a driver that throws does not skip the rest: that is a fault of its own);
 * 2. `noteFault` records the fault — state only, no log, no event — so that whatever the next hardware command
 *    makes the drivers emit (the pilot going to F, the EV reacting) already sees a Faulted EVSE: the CSMS is told
 *    Charging → Faulted, never Charging → SuspendedEV → Faulted;
 * 3. the pilot is set (F, or PWM off where the EV's own state must stay readable), then `onFault` announces.
 *
 * Also here, the two IEC 61851 steps of a session that guard against a hazard: the RCD self-test before it and,
 * at its end, the wait for the EV to leave C before the contactor opens.
 */
import type { Clock } from '../clock/clock.js';
import type { ContactorFault, ControlPilot, CpState, EvseHardware } from '../../hal/types.js';
import type { EvseFault } from './types.js';

/** IEC 61851-1 sequence 10.2: after PWM off, open the contactor at the latest after 6 s. */
export const EV_LEAVE_C_TIMEOUT_MS = 6000;

export interface SafetyHandlers {
  /** Record a fault before the hardware commands that follow it; must not log, emit or do I/O. */
  noteFault(fault: EvseFault): void;
  /** Announce a fault (already noted): log, stop the transaction, publish the status. */
  onFault(fault: EvseFault): void;
  onFaultCleared(source: EvseFault['source']): void;
  onPilot(state: CpState, previous: CpState): void;
  /** True while the EVSE runs its own RCD self-test. */
  rcdSelfTestActive?(): boolean;
}

export interface SafetyOptions {
  /** The site ventilates (IEC 61851 state D may draw energy). */
  ventilation: boolean;
  /** A failing meter stops the energy (meterFaultAction 'stop') or is only reported ('continue'). */
  meterFaultStops: boolean;
}

const PILOT_E: EvseFault = { source: 'pilot', errorCode: 'OtherError', info: 'control pilot state E (short to PE or pilot lost)', blocking: true };
const RCD_TRIPPED: EvseFault = { source: 'rcd', errorCode: 'GroundFailure', info: 'residual current monitor tripped', blocking: true };

/**
 * Open the contactor; a driver that throws leaves the relay state unknown, which is a fault of its own (returned,
 * for the caller to note and announce) and must not skip the rest of the reaction.
 */
export function openContactorOrFault(contactor: EvseHardware['contactor']): EvseFault | null {
  try {
    contactor.open();
    return null;
  } catch (err) {
    return { source: 'contactor', errorCode: 'PowerSwitchFailure', info: `contactor open failed: ${(err as Error).message}`, blocking: true };
  }
}

export function attachSafety(hw: EvseHardware, h: SafetyHandlers, opts: SafetyOptions): () => void {
  const offs: (() => void)[] = [];
  const energyStates: ReadonlySet<CpState> = new Set(opts.ventilation ? ['C', 'D'] : ['C']);

  /** Step 1. Returns the fault to raise when the driver failed to open (its relay state is then unknown). */
  const openContactor = (): EvseFault | null => openContactorOrFault(hw.contactor);

  /** Steps 2 and 3 for faults found by a listener (the contactor is already open or its failure is `openFailed`). */
  const react = (f: EvseFault, pilot: 'F' | 'off', openFailed: EvseFault | null): void => {
    if (openFailed) h.noteFault(openFailed);
    h.noteFault(f);
    try {
      if (pilot === 'F') hw.pilot.setFault();
      else hw.pilot.setOfferedCurrent(0);
    } finally {
      if (openFailed) h.onFault(openFailed);
      h.onFault(f);
    }
  };

  offs.push(
    hw.pilot.events.onFirst('state', (state, previous) => {
      // IEC 61851: the contactor may be closed only in C (and D where the site ventilates); leaving them (EV
      // stops, unplug, D without ventilation, E, F) opens it.
      const openFailed = !energyStates.has(state) && hw.contactor.commandedClosed ? openContactor() : null;
      if (state === 'E') {
        react(PILOT_E, 'F', openFailed);
      } else if (state === 'F' && hw.pilot.dutyCyclePercent !== 0) {
        // F that we do not drive ourselves: the EV reports an error, the pilot wire is lost or the ADC cannot be
        // read. PWM off rather than our own −12 V, so the pilot stays readable and the fault clears from it.
        react(pilotSignalFault(hw.pilot.readError), 'off', openFailed);
      } else if (state === 'D' && !opts.ventilation) {
        react({ source: 'ventilation', errorCode: 'OtherError', info: 'EV asks for ventilation (state D): none here', blocking: true }, 'off', openFailed);
      } else {
        if (openFailed) react(openFailed, 'F', null);
        // E → F while we drive −12 V ourselves (setFault above) is our own signal coming back: the short is gone.
        // Without this, a short with an EV plugged in would latch Faulted until restart. A pilot that reads A or B
        // again is normal whatever went before; C or D after a fault is not: the EV must go through B again.
        if ((previous === 'E' && (state !== 'F' || hw.pilot.dutyCyclePercent === 0)) || state === 'A' || state === 'B') h.onFaultCleared('pilot');
        if (state !== 'D') h.onFaultCleared('ventilation');
      }
      h.onPilot(state, previous);
    }),
  );

  if (hw.rcd) {
    const rcd = hw.rcd;
    offs.push(
      rcd.events.onFirst('trip', () => {
        const openFailed = openContactor();
        // The self-test before a session trips the device on purpose (contactor already open); the test's own
        // verdict decides. The contactor is opened all the same: a real fault during a test is not hidden.
        if (h.rcdSelfTestActive?.() && !openFailed) return;
        react(RCD_TRIPPED, 'F', openFailed);
      }),
    );
    offs.push(rcd.events.on('reset', () => h.onFaultCleared('rcd')));
  }

  offs.push(
    hw.contactor.events.onFirst('fault', (kind: ContactorFault) => {
      const openFailed = openContactor();
      const info = kind === 'welded' ? 'contactor welded: feedback closed while commanded open' : 'contactor stuck open: feedback open while commanded closed';
      react({ source: 'contactor', errorCode: 'PowerSwitchFailure', info: openFailed ? openFailed.info : info, blocking: true }, 'F', null);
    }),
  );
  offs.push(
    hw.contactor.events.on('feedback', (closed) => {
      if (closed === hw.contactor.commandedClosed) h.onFaultCleared('contactor');
    }),
  );

  offs.push(
    hw.meter.events.onFirst('fault', (err) => {
      const f: EvseFault = { source: 'meter', errorCode: 'PowerMeterFailure', info: `meter failed: ${err.message}`, blocking: opts.meterFaultStops };
      if (!opts.meterFaultStops) {
        h.noteFault(f);
        h.onFault(f);
        return;
      }
      // Without a trustworthy meter there is no billing and no "no energy without a record": stop the energy.
      react(f, 'F', hw.contactor.commandedClosed ? openContactor() : null);
    }),
  );
  offs.push(hw.meter.events.on('recovered', () => h.onFaultCleared('meter')));

  return () => offs.forEach((off) => off());
}

/**
 * What the hardware shows at start-up, before any event: faults that arose while the agent was not running. A
 * contactor found closed is opened before its fault is raised, an unreadable pilot gets PWM off first.
 */
export function checkAtStartUp(hw: EvseHardware, h: { raise(f: EvseFault): void; openContactor(): void }): void {
  if (hw.rcd?.tripped) h.raise(RCD_TRIPPED);
  if (hw.pilot.state === 'E') h.raise(PILOT_E);
  const readError = hw.pilot.readError;
  if (hw.pilot.state === 'F' && readError) {
    hw.pilot.setOfferedCurrent(0);
    h.raise(pilotSignalFault(readError));
  }
  if (hw.contactor.feedbackClosed === true) {
    h.openContactor();
    h.raise({ source: 'contactor', errorCode: 'PowerSwitchFailure', info: 'contactor closed at start-up', blocking: true });
  }
}

export function pilotSignalFault(readError: string | null): EvseFault {
  return {
    source: 'pilot',
    errorCode: 'EVCommunicationError',
    info: readError ? `control pilot unreadable: ${readError}` : 'control pilot state F (EV error or pilot lost)',
    blocking: true,
  };
}

/**
 * The residual current device's own test before each session, where the hardware has one. `testing` brackets the
 * test (its trip is expected: rcdSelfTestActive); `failed` raises the fault that refuses the session.
 */
export async function rcdSelfTest(rcd: EvseHardware['rcd'], testing: (active: boolean) => void, failed: (f: EvseFault) => void): Promise<boolean> {
  if (!rcd || !rcd.canSelfTest) return true;
  testing(true);
  let ok = false;
  try {
    ok = await rcd.selfTest();
  } catch {
    ok = false;
  } finally {
    testing(false);
  }
  // A device that passed its test but is still tripped has a real fault, which the suppressed trip event did
  // not report: both cases refuse the session and show why.
  if (ok && rcd.tripped) ok = false;
  if (!ok) failed({ source: 'rcd', errorCode: 'GroundFailure', info: 'RCD self-test failed before the session', blocking: true });
  return ok;
}

/** Resolves once the pilot is out of C/D, or after the IEC limit (then `onTimeout` runs first). */
export function waitEvLeavesC(pilot: ControlPilot, clock: Clock, onTimeout: () => void): Promise<void> {
  return new Promise((resolve) => {
    if (pilot.state !== 'C' && pilot.state !== 'D') return resolve();
    const finish = () => {
      off();
      clock.clear(timer);
      resolve();
    };
    const off = pilot.events.on('state', (s) => {
      if (s !== 'C' && s !== 'D') finish();
    });
    const timer = clock.setTimeout(() => {
      onTimeout();
      finish();
    }, EV_LEAVE_C_TIMEOUT_MS);
  });
}
