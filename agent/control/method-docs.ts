/**
 * One line per control method for `chargerctl call --list` (the `methods` method), and whether it changes the
 * station's state. A handler module may instead attach its own (`withDoc`), so a method is documented where it
 * is written. A method with neither is still listed, as undocumented, so a handler added elsewhere never hides
 * (test/integration/core/chargerctl-tech.test.ts requires every served method documented).
 */
export interface MethodDoc {
  summary: string;
  /** Changes the station, its configuration or the simulated hardware (false: reads only). */
  changesState: boolean;
}

const read = (summary: string): MethodDoc => ({ summary, changesState: false });
const change = (summary: string): MethodDoc => ({ summary, changesState: true });

export const METHOD_DOCS: Readonly<Record<string, MethodDoc>> = {
  status: read('identity, CSMS connection (with reconnect state), registration, queue and every EVSE'),
  version: read("the agent's chargerd version, Node.js version and OCPP version"),
  methods: read('this list: every control method with a one-line description'),
  'config.get': read('OCPP configuration keys ({key?})'),
  'config.set': change('change an OCPP configuration key as ChangeConfiguration does ({key, value})'),
  'evse.unlock': change('release the cable of an EVSE as UnlockConnector does ({evse})'),
  'evse.availability': change('make an EVSE (0: the station) operative or inoperative as ChangeAvailability does ({evse, operative})'),
  reset: change("restart the agent as the CSMS's Reset does ({kind: \"soft\"|\"hard\"}); answers before it happens"),
  'sim.plug': change('simulated EV plugged in ({evse})'),
  'sim.unplug': change('simulated EV unplugged ({evse, keepCable?})'),
  'sim.tag': change('present a card at an EVSE and say what the station did with it ({evse, idTag})'),
  'sim.ev': change('simulated EV mode ({evse, mode: charge|pause|ventilate})'),
  'sim.evLimit': change('cap what the simulated EV draws ({evse, currentA})'),
  'sim.fault': change('inject a simulated fault ({evse, kind})'),
  'sim.clear': change('clear the simulated faults ({evse})'),
  'sim.state': read('the simulated hardware of every EVSE'),
  'queue.stats': read('transaction message queue: depth, oldest, dead letters, sender'),
  'queue.list': read('queued messages, oldest first ({limit?})'),
  'queue.dead': read('dead letters with the reason ({limit?})'),
  'queue.retry': change('put every dead letter back in the queue'),
  'queue.export': read('queued messages and dead letters with payloads and their transactions ({what?})'),
  'profiles.list': read('installed charging profiles, of one EVSE with the station-wide ones ({evse?}), and each EVSE\'s profile limit now'),
  'profiles.schedule': read('composite charging schedule from now of an EVSE, or 0 for the station total ({evse, durationS?, unit?: "A"|"W"})'),
  'tx.list': read('journal transactions, newest first ({open?, limit?})'),
  'tx.show': read('one transaction with its stop reasons, queued messages and dead letters ({id})'),
  'auth.list': read('local authorization list and cache size ({limit?})'),
  'auth.lookup': read("an idTag in the local list and the cache, and the station's decision ({idTag})"),
  reservations: read('the reservations the CSMS made: id, EVSE (0: any), idTag, parentIdTag, expiry'),
  'hal.probe': read('every hardware part and whether it answers'),
  'hal.pilot': read('control pilot of an EVSE: state, duty cycle, offered A, CP voltage ({evse})'),
  'meter.read': read('one reading of the meter of an EVSE, or of every meter ({evse?})'),
  'logs.source': read('where the log is read from: the journal (with the unit) or the agent\'s ring buffer'),
  'logs.tail': read('recent log lines from the ring buffer ({after?, limit?, since?})'),
  'diagnostics.collect': read('the diagnostics bundle content: redacted config, logs, database summary and integrity check, versions, probe, status'),
  'config.export': read('the OCPP keys (read-write, read-only, write-only names) and the agent settings, without secrets'),
  'config.import': change('set OCPP keys from an export, all or nothing after checking every value ({config})'),
  'hal.relay.test': change('close, check feedback, open the contactor of an EVSE (real board only) ({evse})'),
  'hal.rcd.test': change('RCD self-test of an EVSE (real board only) ({evse})'),
};

/** A handler carrying its own line for the method list. */
export function withDoc<F extends (...args: never[]) => unknown>(fn: F, doc: MethodDoc): F & { doc: MethodDoc } {
  return Object.assign(fn, { doc });
}

function attachedDoc(h: unknown): MethodDoc | undefined {
  const d = (h as { doc?: unknown } | undefined)?.doc as MethodDoc | undefined;
  return d && typeof d.summary === 'string' && typeof d.changesState === 'boolean' ? d : undefined;
}

export interface MethodListing {
  method: string;
  summary: string;
  /** null: undocumented (no line in METHOD_DOCS). */
  changesState: boolean | null;
}

/** Every method served, sorted, with its line. */
export function listMethods(served: Readonly<Record<string, unknown>>): MethodListing[] {
  return Object.keys(served).sort().map((method) => {
    const d = attachedDoc(served[method]) ?? METHOD_DOCS[method];
    return d ? { method, summary: d.summary, changesState: d.changesState } : { method, summary: '(undocumented)', changesState: null };
  });
}
