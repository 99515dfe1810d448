/**
 * systemd notification (Type=notify) without a native module: a datagram to $NOTIFY_SOCKET. Node has no
 * unix datagram sockets, so the message is handed to `systemd-notify` when it exists; without systemd
 * (NOTIFY_SOCKET unset) this does nothing.
 */
import { spawn } from 'node:child_process';

export function sdNotify(state: string): void {
  if (!process.env.NOTIFY_SOCKET) return;
  try {
    const child = spawn('systemd-notify', [`--pid=${process.pid}`, state], { stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // Notification is best effort; the service still runs.
  }
}
