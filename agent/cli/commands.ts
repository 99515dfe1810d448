import { SIM_FAULTS } from '../../hal/sim/types.js';
import { isPlainObject } from '../control/protocol.js';
import type { CommandSpec, Invocation } from './command.js';
import { AUTH_COMMANDS } from './commands-auth.js';
import { DIAG_COMMANDS } from './commands-diag.js';
import { HAL_COMMANDS } from './commands-hal.js';
import { QUEUE_COMMANDS } from './commands-queue.js';
import { RESERVATION_COMMANDS } from './commands-reservations.js';
import { SMART_CHARGING_COMMANDS } from './commands-smart-charging.js';
import { UsageError } from './errors.js';
import { configGetFailure, configSetFailure, renderConfigGet, renderConfigSet } from './render-config.js';
import { renderStatus } from './render-status.js';
import { completionCommand, TECH_COMMANDS } from './commands-tech.js';
import { renderMethods, renderTagOutcome } from './render-tech.js';
import { expectNoMore, oneEvse, parseChoice, parseCiString, parseEvse } from './validate.js';

/** `status --watch` without --interval: seconds between refreshes. */
export const DEFAULT_WATCH_INTERVAL_S = 2;
const MIN_WATCH_INTERVAL_S = 0.1;
const MAX_WATCH_INTERVAL_S = 3600;

function parseInterval(arg: string | undefined, hint: string): number {
  if (arg === undefined) throw new UsageError('--interval needs a number of seconds', hint);
  const s = /^[0-9]+(\.[0-9]+)?$/.test(arg) ? Number(arg) : NaN;
  if (!(s >= MIN_WATCH_INTERVAL_S && s <= MAX_WATCH_INTERVAL_S)) {
    throw new UsageError(`--interval must be a number of seconds from ${MIN_WATCH_INTERVAL_S} to ${MAX_WATCH_INTERVAL_S}, got '${arg}'`, hint);
  }
  return Math.round(s * 1000);
}

export const EV_MODES = ['charge', 'pause', 'ventilate'] as const;
/** The simulator's list (a types-only module: nothing of the simulator loads into chargerctl). */
export const FAULT_KINDS = SIM_FAULTS;

/** OCPP 1.6 CiString lengths: idToken 20; ChangeConfiguration key 50 and value 500. */
const ID_TAG_MAX = 20;
const CONFIG_KEY_MAX = 50;
const CONFIG_VALUE_MAX = 500;

const evseOf = (inv: Invocation): number => inv.params.evse as number;

const simPlug: CommandSpec = {
  path: ['sim', 'plug'],
  args: 'N',
  summary: 'simulate plugging an EV into EVSE N',
  method: 'sim.plug',
  parse: oneEvse('sim.plug'),
  render: (_r, inv) => `EVSE ${evseOf(inv)}: EV plugged in\n`,
};

const simUnplug: CommandSpec = {
  path: ['sim', 'unplug'],
  args: 'N [--keep-cable]',
  summary: 'simulate unplugging the EV; --keep-cable leaves the cable in the socket',
  method: 'sim.unplug',
  flags: ['--keep-cable'],
  parse(args, flags, hint) {
    const evse = parseEvse(args[0], hint);
    expectNoMore(args, 1, hint);
    return { method: 'sim.unplug', params: { evse, keepCable: flags.has('--keep-cable') } };
  },
  render: (_r, inv) => `EVSE ${evseOf(inv)}: EV unplugged${inv.params.keepCable ? ', cable left in the socket' : ''}\n`,
};

const simTag: CommandSpec = {
  path: ['sim', 'tag'],
  args: 'N IDTAG [--no-wait]',
  summary: "simulate presenting an RFID card (IDTAG: 1..20 printable ASCII characters) and say what the station did; --no-wait returns at once (result 'pending')",
  method: 'sim.tag',
  flags: ['--no-wait'],
  parse(args, flags, hint) {
    const evse = parseEvse(args[0], hint);
    const idTag = parseCiString(args[1], 'IDTAG', ID_TAG_MAX, hint);
    expectNoMore(args, 2, hint);
    // A driver script (a load test, the crash test) presents cards without waiting for each decision.
    return { method: 'sim.tag', params: flags.has('--no-wait') ? { evse, idTag, waitMs: 0 } : { evse, idTag } };
  },
  render: (r, inv) => renderTagOutcome(r, evseOf(inv), String(inv.params.idTag)),
};

const simEv: CommandSpec = {
  path: ['sim', 'ev'],
  args: `N ${EV_MODES.join('|')}`,
  summary: 'make the simulated EV request power (state C), pause (state B) or request power with ventilation (state D)',
  method: 'sim.ev',
  parse(args, _flags, hint) {
    const evse = parseEvse(args[0], hint);
    const mode = parseChoice(args[1], 'EV mode', EV_MODES, hint);
    expectNoMore(args, 2, hint);
    return { method: 'sim.ev', params: { evse, mode } };
  },
  render: (_r, inv) => `EVSE ${evseOf(inv)}: EV set to ${String(inv.params.mode)}\n`,
};

/** The most a simulated onboard charger takes; the sim EVSE's own rating is the ceiling anyway. */
const EV_LIMIT_MAX_A = 80;

const simEvLimit: CommandSpec = {
  path: ['sim', 'ev-limit'],
  args: 'N A',
  summary: "cap what the simulated EV draws at A per phase (a smaller onboard charger, a full battery); the station's offer is unchanged",
  method: 'sim.evLimit',
  parse(args, _flags, hint) {
    const evse = parseEvse(args[0], hint);
    const a = args[1];
    if (a === undefined) throw new UsageError('missing the EV current limit in A', hint);
    const amps = /^[0-9]+(\.[0-9]+)?$/.test(a) ? Number(a) : NaN;
    if (!(amps >= 0 && amps <= EV_LIMIT_MAX_A)) throw new UsageError(`the EV current limit must be a number of amperes from 0 to ${EV_LIMIT_MAX_A}, got '${a}'`, hint);
    expectNoMore(args, 2, hint);
    return { method: 'sim.evLimit', params: { evse, currentA: amps } };
  },
  render: (_r, inv) => `EVSE ${evseOf(inv)}: EV draws at most ${String(inv.params.currentA)} A\n`,
};

const simFault: CommandSpec = {
  path: ['sim', 'fault'],
  args: `N ${FAULT_KINDS.join('|')}`,
  summary: 'inject a simulated hardware fault on EVSE N',
  method: 'sim.fault',
  parse(args, _flags, hint) {
    const evse = parseEvse(args[0], hint);
    const kind = parseChoice(args[1], 'fault kind', FAULT_KINDS, hint);
    expectNoMore(args, 2, hint);
    return { method: 'sim.fault', params: { evse, kind } };
  },
  render: (_r, inv) => `EVSE ${evseOf(inv)}: ${String(inv.params.kind)} fault injected\n`,
};

const simClear: CommandSpec = {
  path: ['sim', 'clear'],
  args: 'N',
  summary: 'clear every simulated fault on EVSE N',
  method: 'sim.clear',
  parse: oneEvse('sim.clear'),
  render: (_r, inv) => `EVSE ${evseOf(inv)}: simulated faults cleared\n`,
};

const unlock: CommandSpec = {
  path: ['unlock'],
  args: 'N',
  summary: 'release the cable of EVSE N (stops its transaction first); clears a connector-lock fault',
  method: 'evse.unlock',
  parse: oneEvse('evse.unlock'),
  render: (r, inv) => `EVSE ${evseOf(inv)}: ${String((r as { status: string }).status)}\n`,
  failure: (r, inv) => {
    const s = (r as { status: string }).status;
    return s === 'Unlocked' ? null : `EVSE ${evseOf(inv)}: ${s === 'NotSupported' ? 'no connector lock (fixed cable)' : 'the lock did not release'}`;
  },
};

const status: CommandSpec = {
  path: ['status'],
  args: '[--watch [--interval S]]',
  summary: `identity, CSMS connection, queue and every EVSE with its transaction; --watch: refresh every S seconds (default ${DEFAULT_WATCH_INTERVAL_S})`,
  method: 'status',
  flags: ['--watch', '--interval'],
  parse(args, flags, hint) {
    if (!flags.has('--watch')) {
      if (flags.has('--interval')) throw new UsageError('--interval needs --watch', hint);
      expectNoMore(args, 0, hint);
      return { method: 'status', params: {} };
    }
    if (!flags.has('--interval')) {
      expectNoMore(args, 0, hint);
      return { method: 'status', params: {}, watchMs: DEFAULT_WATCH_INTERVAL_S * 1000 };
    }
    expectNoMore(args, 1, hint);
    return { method: 'status', params: {}, watchMs: parseInterval(args[0], hint) };
  },
  render: (r) => renderStatus(r),
};

const configGet: CommandSpec = {
  path: ['config', 'get'],
  args: '[KEY]',
  summary: 'show one configuration key, or all of them',
  method: 'config.get',
  parse(args, _flags, hint) {
    expectNoMore(args, 1, hint);
    if (args[0] === undefined) return { method: 'config.get', params: {} };
    return { method: 'config.get', params: { key: parseCiString(args[0], 'KEY', CONFIG_KEY_MAX, hint) } };
  },
  render: (r) => renderConfigGet(r),
  failure: (r) => configGetFailure(r),
};

const configSet: CommandSpec = {
  path: ['config', 'set'],
  args: 'KEY VALUE',
  summary: 'change a configuration key (the same path as OCPP ChangeConfiguration)',
  method: 'config.set',
  parse(args, _flags, hint) {
    const key = parseCiString(args[0], 'KEY', CONFIG_KEY_MAX, hint);
    // An empty value is legal in OCPP (e.g. clearing a list-valued key), hence allowEmpty.
    const value = parseCiString(args[1], 'VALUE', CONFIG_VALUE_MAX, hint, true);
    expectNoMore(args, 2, hint);
    return { method: 'config.set', params: { key, value } };
  },
  render: (r, inv) => renderConfigSet(r, String(inv.params.key)),
  failure: (r, inv) => configSetFailure(r, String(inv.params.key)),
};

const call: CommandSpec = {
  path: ['call'],
  args: 'METHOD [JSON] | --list',
  summary: 'call any control method with a JSON object of params and print the JSON result; --list: the methods',
  method: '<METHOD>',
  flags: ['--list'],
  parse(args, flags, hint) {
    if (flags.has('--list')) {
      expectNoMore(args, 0, hint);
      return { method: 'methods', params: {}, view: 'methods' };
    }
    const method = args[0];
    if (method === undefined || method.length === 0) throw new UsageError('missing METHOD', hint);
    expectNoMore(args, 2, hint);
    if (args[1] === undefined) return { method, params: {} };
    let params: unknown;
    try {
      params = JSON.parse(args[1]);
    } catch (err) {
      throw new UsageError(`JSON params are not valid JSON: ${(err as Error).message}`, hint);
    }
    if (!isPlainObject(params)) throw new UsageError('JSON params must be a JSON object, e.g. \'{"evse":1}\'', hint);
    return { method, params };
  },
  render: (r, inv) => (inv.view === 'methods' ? renderMethods(r) : `${JSON.stringify(r ?? null, null, 2)}\n`),
};

/** Every command, in the order `help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  status,
  configGet,
  configSet,
  unlock,
  ...TECH_COMMANDS,
  simPlug,
  simUnplug,
  simTag,
  simEv,
  simEvLimit,
  simFault,
  simClear,
  ...QUEUE_COMMANDS,
  ...SMART_CHARGING_COMMANDS,
  ...AUTH_COMMANDS,
  ...RESERVATION_COMMANDS,
  ...HAL_COMMANDS,
  ...DIAG_COMMANDS,
  call,
  completionCommand(() => COMMANDS),
];
