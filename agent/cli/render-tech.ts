/** Readable output of `sim tag` (what the station did with the card) and `call --list`. */
import { arr, obj, optStr, str } from './shape.js';
import { clean, formatTable } from './table.js';

const WHAT: Record<string, string> = {
  started: 'transaction started',
  stopped: 'transaction stopped',
  authorized: 'authorized; plug in the EV within ConnectionTimeOut to start',
  rejected: 'rejected',
  ignored: 'ignored',
  pending: 'no decision yet',
};

/** An agent from before the outcome answered `{ok: true}` or null: then only the presentation is confirmed. */
export function renderTagOutcome(r: unknown, evse: number, idTag: string): string {
  const head = `EVSE ${evse}: presented idTag ${idTag}`;
  if (r === null || typeof r !== 'object' || !('result' in r)) return `${head}\n`;
  const o = obj(r, 'sim.tag');
  const result = str(o, 'result', 'sim.tag');
  const reason = optStr(o, 'reason', 'sim.tag');
  const status = optStr(o, 'authorizationStatus', 'sim.tag');
  const auth = status && result !== 'started' && result !== 'authorized' && !(reason ?? '').includes(status) ? ` (authorization ${status})` : '';
  return `${head}: ${WHAT[result] ?? clean(result)}${reason ? `: ${clean(reason)}` : ''}${auth}\n`;
}

export function renderMethods(r: unknown): string {
  const rows = arr(obj(r, 'methods').methods, 'methods.methods').map((m, i) => {
    const w = `methods.methods[${i}]`;
    const o = obj(m, w);
    const changes = o.changesState === true ? 'changes' : o.changesState === false ? 'reads' : '?';
    return [str(o, 'method', w), changes, clean(str(o, 'summary', w))];
  });
  return `${formatTable(['METHOD', 'STATE', 'DESCRIPTION'], rows)}\nchargerctl call METHOD '{"param": value}' calls one; every reply is JSON.\n`;
}
