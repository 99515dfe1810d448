/**
 * `evse enable|disable`, `reset`, `version`, `completion`: rows of the command table like every other command.
 * enable/disable and reset call the agent's ChangeAvailability and Reset paths (agent/control/handlers-tech.ts).
 */
import { ControlError } from '../control/protocol.js';
import { chargerdVersion } from '../version.js';
import type { CommandSpec, LocalContext } from './command.js';
import { bashCompletion } from './completion.js';
import { UsageError } from './errors.js';
import { arr, bool, num, obj, optStr, str } from './shape.js';
import { expectNoMore, parseChoice } from './validate.js';

/** EVSE number, or 0 for the whole station (as ChangeAvailability's connectorId 0). */
function parseEvseOrStation(arg: string | undefined, hint: string): number {
  if (arg === undefined) throw new UsageError('missing EVSE number (0: the whole station)', hint);
  if (!/^[0-9]+$/.test(arg) || !Number.isSafeInteger(Number(arg))) throw new UsageError(`EVSE must be 0 (the station) or an EVSE number, got '${arg}'`, hint);
  return Number(arg);
}

function readAvailability(v: unknown): { evse: number; operative: boolean; status: string; reason: string | null } {
  const o = obj(v, 'evse.availability');
  return { evse: num(o, 'evse', 'evse.availability'), operative: bool(o, 'operative', 'evse.availability'), status: str(o, 'status', 'evse.availability'), reason: optStr(o, 'reason', 'evse.availability') ?? null };
}

function availability(enable: boolean): CommandSpec {
  const word = enable ? 'enable' : 'disable';
  return {
    path: ['evse', word],
    args: 'N',
    summary: enable
      ? 'make EVSE N (0: the station) available again, as ChangeAvailability Operative (persisted)'
      : 'take EVSE N (0: the station) out of service, as ChangeAvailability Inoperative (persisted; Scheduled while charging)',
    method: 'evse.availability',
    parse(args, _flags, hint) {
      const evse = parseEvseOrStation(args[0], hint);
      expectNoMore(args, 1, hint);
      return { method: 'evse.availability', params: { evse, operative: enable } };
    },
    render(r) {
      const a = readAvailability(r);
      const who = a.evse === 0 ? 'Station' : `EVSE ${a.evse}`;
      if (a.status === 'Accepted') return `${who}: ${enable ? 'enabled' : 'disabled'} (Accepted)\n`;
      if (a.status === 'Scheduled') return `${who}: ${word} scheduled (Scheduled): a transaction is running; it takes effect when the transaction ends\n`;
      return `${who}: ${a.status}${a.reason ? `: ${a.reason}` : ''}\n`;
    },
    failure(r) {
      const a = readAvailability(r);
      return a.status === 'Accepted' || a.status === 'Scheduled' ? null : `${a.evse === 0 ? 'the station' : `EVSE ${a.evse}`} refused: ${a.reason ?? a.status}`;
    },
  };
}

const RESET_KINDS = ['soft', 'hard'] as const;

const reset: CommandSpec = {
  path: ['reset'],
  args: RESET_KINDS.join('|'),
  summary: 'restart the agent as an OCPP Reset does (transactions stopped first; hard: the process exits and systemd starts it)',
  method: 'reset',
  parse(args, _flags, hint) {
    const kind = parseChoice(args[0], 'reset kind', RESET_KINDS, hint);
    expectNoMore(args, 1, hint);
    return { method: 'reset', params: { kind } };
  },
  render(r) {
    const o = obj(r, 'reset');
    const evses = arr(o.stopsTransactionsOn, 'reset.stopsTransactionsOn');
    const kind = str(o, 'kind', 'reset');
    const stops = evses.length === 0 ? 'no transaction running' : `stopping the transaction on EVSE ${evses.join(', ')} (${kind}Reset)`;
    return `Reset ${kind}: ${str(o, 'status', 'reset')}; ${stops}, then the agent ${kind === 'Hard' ? 'exits and the service manager starts it again' : 'restarts'}\n`;
  },
};

export interface VersionReport {
  chargerctl: string;
  agent: { chargerd: string; node: string; ocppVersion: string } | null;
  /** Why the agent's version is missing (not running, no access, ...). */
  agentError: { code: string; message: string } | null;
}

/** chargerctl's own version, and the running agent's when one answers: never fails for a missing agent. */
export async function versionReport(ctx: LocalContext): Promise<VersionReport> {
  const chargerctl = chargerdVersion();
  try {
    const r = obj(await ctx.call('version', {}), 'version');
    return { chargerctl, agent: { chargerd: str(r, 'chargerd', 'version'), node: str(r, 'node', 'version'), ocppVersion: str(r, 'ocppVersion', 'version') }, agentError: null };
  } catch (err) {
    const code = err instanceof ControlError || err instanceof UsageError ? err.code : 'FAILED';
    return { chargerctl, agent: null, agentError: { code, message: (err as Error).message } };
  }
}

export function renderVersion(v: unknown): string {
  const r = v as VersionReport;
  const agent = r.agent ? `${r.agent.chargerd} (running agent; Node.js ${r.agent.node}, OCPP ${r.agent.ocppVersion})` : `not reachable (${r.agentError?.message ?? 'unknown'})`;
  return `chargerctl ${r.chargerctl}\nchargerd   ${agent}\n`;
}

export const versionCommand: CommandSpec = {
  path: ['version'],
  args: '',
  summary: "chargerctl's version and the running agent's (also chargerctl --version)",
  method: 'version',
  parse(args, _flags, hint) {
    expectNoMore(args, 0, hint);
    return { method: 'version', params: {}, local: true };
  },
  local: (_inv, ctx) => versionReport(ctx),
  render: renderVersion,
};

const SHELLS = ['bash'] as const;

/** `completion bash`; the table is passed in because the completion row is itself part of it. */
export function completionCommand(commands: () => readonly CommandSpec[]): CommandSpec {
  return {
    path: ['completion'],
    args: SHELLS.join('|'),
    summary: 'print the shell completion script (the package installs it; by hand: source <(chargerctl completion bash))',
    method: '(none: runs without the agent)',
    parse(args, _flags, hint) {
      const shell = parseChoice(args[0], 'shell', SHELLS, hint);
      expectNoMore(args, 1, hint);
      return { method: 'completion', params: { shell }, local: true };
    },
    local: async () => ({ shell: 'bash', script: bashCompletion(commands()) }),
    render: (r) => str(obj(r, 'completion'), 'script', 'completion'),
  };
}

export const TECH_COMMANDS: readonly CommandSpec[] = [availability(true), availability(false), reset, versionCommand];
