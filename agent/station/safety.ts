/**
 * The safety reactions of one EVSE. Each listener is registered FIRST on its HAL event and opens the contactor
 * synchronously, in the call stack of the event, before any other listener, await, log or I/O runs. The station
 * logic learns about the fault afterwards through `onFault` / `onPilot`.
 */
import type { ContactorFault, CpState, EvseHardware } from '../../hal/types.js';
import type { EvseFault } from './types.js';

export interface SafetyHandlers {
  onFault(fault: EvseFault): void;
  onFaultCleared(source: EvseFault['source']): void;
  onPilot(state: CpState, previous: CpState): void;
  /** True while the EVSE runs its own RCD self-test. */
  rcdSelfTestActive?(): boolean;
}

const ENERGY_STATES: ReadonlySet<CpState> = new Set(['C', 'D']);

export function attachSafety(hw: EvseHardware, h: SafetyHandlers): () => void {
  const offs: (() => void)[] = [];

  offs.push(
    hw.pilot.events.onFirst('state', (state, previous) => {
      // IEC 61851: the contactor may be closed only in C or D; leaving them (EV stops, unplug, E, F) opens it.
      if (!ENERGY_STATES.has(state) && hw.contactor.commandedClosed) hw.contactor.open();
      if (state === 'E') {
        hw.pilot.setFault();
        h.onFault({ source: 'pilot', errorCode: 'OtherError', info: 'control pilot state E (short to PE or pilot lost)', blocking: true });
      } else if (previous === 'E' && (state !== 'F' || hw.pilot.dutyCyclePercent === 0)) {
        // E → F while we drive −12 V ourselves (setFault above) is our own signal coming back: the short is gone.
        // Without this, a short with an EV plugged in would latch Faulted until restart.
        h.onFaultCleared('pilot');
      }
      h.onPilot(state, previous);
    }),
  );

  if (hw.rcd) {
    const rcd = hw.rcd;
    offs.push(
      rcd.events.onFirst('trip', () => {
        hw.contactor.open();
        // The self-test before a session trips the device on purpose (contactor already open); the test's own
        // verdict decides. The contactor is opened all the same: a real fault during a test is not hidden.
        if (h.rcdSelfTestActive?.()) return;
        hw.pilot.setFault();
        h.onFault({ source: 'rcd', errorCode: 'GroundFailure', info: 'residual current monitor tripped', blocking: true });
      }),
    );
    offs.push(rcd.events.on('reset', () => h.onFaultCleared('rcd')));
  }

  offs.push(
    hw.contactor.events.onFirst('fault', (kind: ContactorFault) => {
      hw.contactor.open();
      hw.pilot.setFault();
      h.onFault({
        source: 'contactor',
        errorCode: 'PowerSwitchFailure',
        info: kind === 'welded' ? 'contactor welded: feedback closed while commanded open' : 'contactor stuck open: feedback open while commanded closed',
        blocking: true,
      });
    }),
  );
  offs.push(
    hw.contactor.events.on('feedback', (closed) => {
      if (closed === hw.contactor.commandedClosed) h.onFaultCleared('contactor');
    }),
  );

  return () => offs.forEach((off) => off());
}
