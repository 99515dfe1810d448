/**
 * Who may call what on the control API. The agent listens on two sockets and the kernel checks the caller at
 * connect(2) by each socket file's owner, group and mode (Node cannot read SO_PEERCRED without a native addon):
 *
 *   control.sock        0660, the service's group (`chargerd`): the methods below only
 *   control.admin.sock  0660, `control.adminGroup` (`chargerd-admin`): every method
 *
 * Deny by default: a method is admin-only unless it is named here, so a new method cannot be called by a mere
 * reader until someone decides it changes nothing and reveals no secret.
 */
// Settings of the config, kept there so the config loader needs nothing from the control layer.
export { DEFAULT_ADMIN_GROUP, adminSocketPathFor } from '../config/control-sockets.js';

/** Methods that change no state and return no secret: allowed on the read-only socket. */
export const READ_ONLY_METHODS: ReadonlySet<string> = new Set([
  'status',
  'version',
  'methods',
  'config.get',
  'tx.list',
  'tx.show',
  'queue.list',
  'queue.stats',
  'queue.dead',
  'queue.export',
  'auth.list',
  'auth.lookup',
  'reservations',
  'meter.read',
  'hal.pilot',
  'hal.probe',
  'sim.state',
  'logs.source',
  'logs.tail',
  'diagnostics.collect',
  'config.export',
  'profiles.list',
  'profiles.schedule',
]);

export function isReadOnlyMethod(method: string): boolean {
  return READ_ONLY_METHODS.has(method);
}

/** What a reader is told when a method needs the admin socket: which method, and how to get access. */
export function forbiddenMessage(method: string, readOnlySocket: string, adminSocket: string, adminGroup: string | null): string {
  const who = adminGroup ? `root or a member of group ${adminGroup}` : 'root or the service user';
  return (
    `${method} is forbidden on the read-only control socket ${readOnlySocket}: it changes the station or may reveal ` +
    `secrets. Run chargerctl as ${who}, which connects to ${adminSocket} (README "Who may do what").`
  );
}
