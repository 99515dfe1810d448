import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWatchdog, watchdogIntervalMs } from '../../../agent/sd-notify.js';

const SOCK = { NOTIFY_SOCKET: '/run/systemd/notify' };

test('the ping interval is half of WATCHDOG_USEC', () => {
  assert.equal(watchdogIntervalMs({ ...SOCK, WATCHDOG_USEC: '30000000' }, 42), 15_000);
  assert.equal(watchdogIntervalMs({ ...SOCK, WATCHDOG_USEC: '1000' }, 42), 1, 'never a 0 ms interval');
});

test('WATCHDOG_PID: pings only when it names this process (or is absent)', () => {
  assert.equal(watchdogIntervalMs({ ...SOCK, WATCHDOG_USEC: '2000000', WATCHDOG_PID: '42' }, 42), 1000);
  assert.equal(watchdogIntervalMs({ ...SOCK, WATCHDOG_USEC: '2000000', WATCHDOG_PID: '43' }, 42), null);
});

test('no watchdog without NOTIFY_SOCKET, or without a valid WATCHDOG_USEC', () => {
  assert.equal(watchdogIntervalMs({ WATCHDOG_USEC: '2000000' }, 42), null);
  assert.equal(watchdogIntervalMs({ ...SOCK }, 42), null);
  assert.equal(watchdogIntervalMs({ ...SOCK, WATCHDOG_USEC: '0' }, 42), null);
  assert.equal(watchdogIntervalMs({ ...SOCK, WATCHDOG_USEC: 'soon' }, 42), null);
});

test('startWatchdog: nothing at all without a watchdog', () => {
  const sent: string[] = [];
  const stop = startWatchdog({ WATCHDOG_USEC: '2000000' }, (s) => sent.push(s));
  stop();
  assert.deepEqual(sent, []);
});

test('startWatchdog: one ping at once, then one per interval, until stopped', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const sent: string[] = [];
  const stop = startWatchdog({ ...SOCK, WATCHDOG_USEC: '2000000', WATCHDOG_PID: String(process.pid) }, (s) => sent.push(s));
  assert.deepEqual(sent, ['WATCHDOG=1']);
  t.mock.timers.tick(999);
  assert.equal(sent.length, 1);
  t.mock.timers.tick(1);
  assert.equal(sent.length, 2);
  t.mock.timers.tick(3000);
  assert.equal(sent.length, 5);
  stop();
  t.mock.timers.tick(5000);
  assert.equal(sent.length, 5);
});
