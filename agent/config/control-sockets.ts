/** Defaults of the config's control section that the CLI derives the same way (chargerctl finds both sockets). */

/** The group whose members may call state-changing methods (control.admin.sock's group). */
export const DEFAULT_ADMIN_GROUP = 'chargerd-admin';

/** The admin socket beside a control socket: control.sock → control.admin.sock (else the name + ".admin"). */
export function adminSocketPathFor(controlSocket: string): string {
  return controlSocket.endsWith('.sock') ? `${controlSocket.slice(0, -'.sock'.length)}.admin.sock` : `${controlSocket}.admin`;
}
