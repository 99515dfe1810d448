/** `chargerctl auth`: the local authorization list and the cache, read-only (only the CSMS changes the list). */
import type { CommandSpec } from './command.js';
import { renderAuthList, renderAuthLookup } from './render-auth.js';
import { expectNoMore, parseCiString } from './validate.js';

/** Entries `auth list` shows without --all: a screenful, not a 10,000-line dump. */
export const AUTH_LIST_DEFAULT_LIMIT = 100;

/** OCPP 1.6 IdToken: CiString20. */
const ID_TAG_MAX = 20;

const authList: CommandSpec = {
  path: ['auth', 'list'],
  args: '[--all]',
  summary: `local authorization list version and entries (first ${AUTH_LIST_DEFAULT_LIMIT}, --all: every one), cache size`,
  method: 'auth.list',
  flags: ['--all'],
  parse(args, flags, hint) {
    expectNoMore(args, 0, hint);
    return { method: 'auth.list', params: flags.has('--all') ? {} : { limit: AUTH_LIST_DEFAULT_LIMIT } };
  },
  render: (r) => renderAuthList(r),
};

const authLookup: CommandSpec = {
  path: ['auth', 'lookup'],
  args: 'IDTAG',
  summary: "IDTAG in the local list and the cache, and the station's decision (never asks the CSMS)",
  method: 'auth.lookup',
  parse(args, _flags, hint) {
    const idTag = parseCiString(args[0], 'IDTAG', ID_TAG_MAX, hint);
    expectNoMore(args, 1, hint);
    return { method: 'auth.lookup', params: { idTag } };
  },
  render: (r) => renderAuthLookup(r),
};

export const AUTH_COMMANDS: readonly CommandSpec[] = [authList, authLookup];
