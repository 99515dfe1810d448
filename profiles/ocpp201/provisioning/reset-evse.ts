/**
 * Reset of one EVSE (B11.FR.08, B12.FR.07/08): what a reset means for an EVSE of this station is the end of its
 * session — the running transaction stopped (Immediate: at once, Ended with triggerReason ResetCommand and
 * stoppedReason ImmediateReset, errata B12.FR.08; OnIdle: Scheduled, when it ends normally) and an id waiting for
 * the EV dropped. The EVSE then shows what it is without a session: Available, or Finishing until the EV is
 * unplugged; its persisted availability and its reservation stay as they were (B11.FR.02/05, B12.FR.06), so no
 * Unavailable flap (an Unavailable EVSE would lose its reservation). The rest of the station, its connection and
 * the other EVSEs' transactions are not touched: no reboot, no BootNotification (B11 step 6).
 */
import type { Evse } from '../../../agent/station/evse.js';
import type { Ocpp201Context } from '../context.js';
import type { ResetEnumType } from '../generated/Reset.js';

/** Let the ResetResponse leave before the EVSE's transaction events (the profile's AFTER_ANSWER_MS). */
const AFTER_ANSWER_MS = 50;

export function resetEvse(ctx: Ocpp201Context, evse: Evse, type: ResetEnumType): 'Accepted' | 'Scheduled' {
  const log = ctx.log.child({ evse: evse.id });
  const finish = () => {
    evse.cancelAuthorization();
    log.info({ type }, 'EVSE reset');
  };
  if (type === 'Immediate') {
    ctx.clock.setTimeout(() => void evse.stopTransaction('HardReset').then(finish), AFTER_ANSWER_MS);
    return 'Accepted';
  }
  const running = evse.transaction();
  if (!running) {
    ctx.clock.setTimeout(finish, AFTER_ANSWER_MS);
    return 'Accepted';
  }
  const off = ctx.station.events.on('transactionStopped', (rec) => {
    if (rec.localId !== running.localId) return;
    off();
    finish();
  });
  log.info({ tx: running.localId }, 'EVSE reset scheduled: after its transaction');
  return 'Scheduled';
}
