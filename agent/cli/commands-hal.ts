/** Bring-up commands for a real board (hal.driver "linux"); rows of the command table like every other command. */
import type { CommandSpec } from './command.js';
import {
  meterReadFailure,
  probeFailure,
  rcdTestFailure,
  relayTestFailure,
  renderMeterRead,
  renderPilot,
  renderProbe,
  renderRcdTest,
  renderRelayTest,
  renderSafeState,
  safeStateFailure,
} from './render-hal.js';
import { runOfflineProbe } from './probe-offline.js';
import { runSafeState } from './safe-state.js';
import { expectNoMore, oneEvse, parseEvse } from './validate.js';

const halProbe: CommandSpec = {
  path: ['hal', 'probe'],
  args: '[--offline]',
  summary: 'every configured part and whether it answers; --offline: with chargerd stopped',
  method: 'hal.probe',
  flags: ['--offline'],
  parse(args, flags, hint) {
    expectNoMore(args, 0, hint);
    return { method: 'hal.probe', params: {}, local: flags.has('--offline') };
  },
  local: (_inv, ctx) => runOfflineProbe(ctx),
  render: (r) => renderProbe(r),
  failure: (r) => probeFailure(r),
};

const halPilot: CommandSpec = {
  path: ['hal', 'pilot'],
  args: 'EVSE',
  summary: 'control pilot of EVSE: state, duty cycle, offered A, CP voltage',
  method: 'hal.pilot',
  parse: oneEvse('hal.pilot'),
  render: (r) => renderPilot(r),
};

const halRelayTest: CommandSpec = {
  path: ['hal', 'relay', 'test'],
  args: 'EVSE',
  summary: 'close, check feedback, open (refused with an EV connected or a transaction running)',
  method: 'hal.relay.test',
  parse: oneEvse('hal.relay.test'),
  render: (r) => renderRelayTest(r),
  failure: (r) => relayTestFailure(r),
};

const halRcdTest: CommandSpec = {
  path: ['hal', 'rcd', 'test'],
  args: 'EVSE',
  summary: 'pulse the RCD test line: it must trip and reset (refused during a transaction)',
  method: 'hal.rcd.test',
  parse: oneEvse('hal.rcd.test'),
  render: (r) => renderRcdTest(r),
  failure: (r) => rcdTestFailure(r),
};

const halSafeState: CommandSpec = {
  path: ['hal', 'safe-state'],
  args: '[--config FILE]',
  summary: 'no agent needed: contactors open, pilots at F (ExecStopPost); exit 1 if a part failed',
  method: '(none: runs without the agent)',
  parse(args, _flags, hint) {
    expectNoMore(args, 0, hint);
    return { method: 'hal.safe-state', params: {}, local: true };
  },
  local: (_inv, ctx) => runSafeState(ctx.configFile),
  render: (r) => renderSafeState(r),
  failure: (r) => safeStateFailure(r),
};

const meterRead: CommandSpec = {
  path: ['meter', 'read'],
  args: '[EVSE]',
  summary: 'one reading of the meter of EVSE (default: every meter), with units',
  method: 'meter.read',
  parse(args, _flags, hint) {
    expectNoMore(args, 1, hint);
    if (args[0] === undefined) return { method: 'meter.read', params: {} };
    return { method: 'meter.read', params: { evse: parseEvse(args[0], hint) } };
  },
  render: (r) => renderMeterRead(r),
  failure: (r) => meterReadFailure(r),
};

export const HAL_COMMANDS: readonly CommandSpec[] = [halProbe, halPilot, halRelayTest, halRcdTest, halSafeState, meterRead];
