/**
 * Smart charging as a technician sees it: `profiles [EVSE]` (the installed charging profiles) and
 * `schedule EVSE [--duration S] [--watts]` (the composite schedule from now, table and chart; EVSE 0 = station).
 * As elsewhere (commands-queue.ts), the value of `--duration S` reaches parse() as the next positional argument.
 */
import { MAX_SCHEDULE_S } from '../control/handlers-smart-charging.js';
import type { CommandSpec } from './command.js';
import { UsageError } from './errors.js';
import { renderProfiles, renderSchedule } from './render-smart-charging.js';
import { expectNoMore } from './validate.js';

function parseEvseOrStation(arg: string | undefined, hint: string): number {
  if (arg === undefined) throw new UsageError('missing EVSE number (0: the whole station)', hint);
  if (!/^[0-9]+$/.test(arg) || !Number.isSafeInteger(Number(arg))) throw new UsageError(`EVSE must be 0 (the station) or an EVSE number, got '${arg}'`, hint);
  return Number(arg);
}

const profiles: CommandSpec = {
  path: ['profiles'],
  args: '[EVSE]',
  summary: 'installed charging profiles (of EVSE N with the station-wide ones; 0: the station only)',
  method: 'profiles.list',
  parse(args, _flags, hint) {
    expectNoMore(args, 1, hint);
    return { method: 'profiles.list', params: args[0] === undefined ? {} : { evse: parseEvseOrStation(args[0], hint) } };
  },
  render: (r) => renderProfiles(r),
};

const schedule: CommandSpec = {
  path: ['schedule'],
  args: 'EVSE [--duration S] [--watts]',
  summary: 'composite charging schedule from now as a table and a chart (0: station total; default 3600 s, in A)',
  method: 'profiles.schedule',
  flags: ['--duration', '--watts'],
  parse(args, flags, hint) {
    const evse = parseEvseOrStation(args[0], hint);
    const params: Record<string, unknown> = { evse };
    if (flags.has('--duration')) {
      const s = args[1];
      if (s === undefined) throw new UsageError('--duration needs a number of seconds', hint);
      if (!/^[0-9]+$/.test(s) || Number(s) < 1 || Number(s) > MAX_SCHEDULE_S) throw new UsageError(`--duration must be a whole number of seconds from 1 to ${MAX_SCHEDULE_S}, got '${s}'`, hint);
      params.durationS = Number(s);
      expectNoMore(args, 2, hint);
    } else expectNoMore(args, 1, hint);
    if (flags.has('--watts')) params.unit = 'W';
    return { method: 'profiles.schedule', params };
  },
  render: (r) => renderSchedule(r),
};

export const SMART_CHARGING_COMMANDS: readonly CommandSpec[] = [profiles, schedule];
