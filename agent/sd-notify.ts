/**
 * systemd notification (Type=notify, WatchdogSec=) without a native module: a datagram to $NOTIFY_SOCKET. Node
 * has no Unix datagram sockets, so each message is handed to `systemd-notify`, a short-lived child process. The
 * libraries that send the datagram in-process are native addons (sd-notify links libsystemd through the raw V8
 * API, unix-dgram is a NAN addon): a compiler, headers and a rebuild for every Node major on every controller
 * image, for a message every 15 s whose child process costs a few milliseconds of CPU (systemd/README.md,
 * Watchdog, has the measurement). Without systemd (NOTIFY_SOCKET unset) nothing is sent and nothing is spawned.
 */
import { spawn } from 'node:child_process';

type Env = Record<string, string | undefined>;

export function sdNotify(state: string, env: Env = process.env): void {
  if (!env.NOTIFY_SOCKET) return;
  try {
    // --pid: READY=1 and STOPPING=1 come from a child, so name the main PID for systemd (MAINPID=). WATCHDOG=1
    // needs no MAINPID and NotifyAccess=all accepts it from any process of the unit.
    const args = state.startsWith('WATCHDOG=') ? [state] : [`--pid=${process.pid}`, state];
    const child = spawn('systemd-notify', args, { stdio: 'ignore', env: env as NodeJS.ProcessEnv });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // Notification is best effort; the service still runs.
  }
}

/**
 * How often to send WATCHDOG=1, from what systemd passes (WATCHDOG_USEC, WATCHDOG_PID): half the timeout, as
 * sd_watchdog_enabled(3) recommends, so one late ping is not a kill. null when there is no watchdog for this
 * process: no socket, no or invalid WATCHDOG_USEC, or WATCHDOG_PID naming another process (a child that
 * inherited the environment must not keep its parent's watchdog alive).
 */
export function watchdogIntervalMs(env: Env = process.env, pid: number = process.pid): number | null {
  if (!env.NOTIFY_SOCKET || !env.WATCHDOG_USEC) return null;
  const usec = Number(env.WATCHDOG_USEC);
  if (!Number.isSafeInteger(usec) || usec <= 0) return null;
  if (env.WATCHDOG_PID !== undefined && env.WATCHDOG_PID !== '' && Number(env.WATCHDOG_PID) !== pid) return null;
  return Math.max(1, Math.floor(usec / 2000));
}

/**
 * Pings the systemd watchdog from a timer on the main event loop, so that a loop that stops turning stops the
 * pings and systemd kills the process (then ExecStopPost puts the board in its safe state). It deliberately
 * uses the real timers, not the agent's injectable Clock: the point is to prove this very loop still runs.
 * The timer is unref'd: it must not keep a process alive that has nothing else to do. Returns the stop function.
 */
export function startWatchdog(env: Env = process.env, notify: (state: string) => void = (s) => sdNotify(s, env)): () => void {
  const interval = watchdogIntervalMs(env);
  if (interval === null) return () => undefined;
  notify('WATCHDOG=1');
  const timer = setInterval(() => notify('WATCHDOG=1'), interval);
  timer.unref();
  return () => clearInterval(timer);
}
