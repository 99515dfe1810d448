/**
 * chargerd under a fake systemd: a datagram listener on NOTIFY_SOCKET (python3, since Node cannot bind Unix
 * datagram sockets) receives READY=1, WATCHDOG=1 every WATCHDOG_USEC/2 and STOPPING=1 on SIGTERM; a busy event
 * loop stops the pings (a small script drives the same notifier module and then hogs the loop, so production
 * code has no test-only way to hang); without NOTIFY_SOCKET nothing is spawned.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHARGERD, shebangFlags } from '../../support/station-process.js';

const RECEIVER = `
import json, socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("LISTENING", flush=True)
while True:
    data = s.recv(65536)
    print(json.dumps({"t": time.monotonic(), "msg": data.decode("utf-8", "replace")}), flush=True)
`;

interface Datagram {
  t: number;
  msg: string;
}

/** The receiving peer; its timestamps are the receiver's, so the sender's spawn latency is part of what is measured. */
class NotifyListener {
  readonly got: Datagram[] = [];
  private proc: ChildProcess;
  readonly listening: Promise<void>;
  constructor(readonly path: string) {
    this.proc = spawn('python3', ['-c', RECEIVER, path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    this.listening = new Promise((resolve, reject) => {
      this.proc.on('error', (err) => reject(new Error(`python3 (the notify socket peer) cannot run: ${err.message}`)));
      this.proc.stdout!.on('data', (b: Buffer) => {
        buf += b.toString();
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line === 'LISTENING') resolve();
          else this.got.push(JSON.parse(line) as Datagram);
        }
      });
    });
  }
  /** Messages minus systemd-notify's BARRIER=1 (its way of waiting until the message was read). */
  messages(): Datagram[] {
    return this.got.filter((d) => d.msg !== 'BARRIER=1');
  }
  pings(): number[] {
    return this.messages().filter((d) => d.msg === 'WATCHDOG=1').map((d) => d.t);
  }
  async until(what: string, pred: () => boolean, timeoutMs = 15_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.got)}`);
      await sleep(50);
    }
  }
  close(): void {
    this.proc.kill('SIGKILL');
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const gaps = (ts: number[]) => ts.slice(1).map((t, i) => t - ts[i]!);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('systemd notification and watchdog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chargerd-wd-'));
  const procs: ChildProcess[] = [];
  const listeners: NotifyListener[] = [];
  after(() => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    for (const l of listeners) l.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let n = 0;
  function listener(): NotifyListener {
    const l = new NotifyListener(join(dir, `notify-${++n}.sock`));
    listeners.push(l);
    return l;
  }

  function chargerd(env: Record<string, string>): ChildProcess {
    const data = join(dir, `data-${++n}`);
    const cfg = join(dir, `config-${n}.json`);
    writeFileSync(
      cfg,
      JSON.stringify({
        chargePointId: 'CP-WD',
        // Nothing listens there: the agent is up (READY=1) without a CSMS and keeps reconnecting.
        ocpp: { version: '1.6', csmsUrl: 'ws://127.0.0.1:9/ocpp', reconnectMinS: 1, reconnectMaxS: 1 },
        dataDir: data,
        controlSocket: join(data, 'control.sock'),
        log: { level: 'error' },
        hal: { driver: 'sim' },
        evses: [{ id: 1 }],
      }),
    );
    const p = spawn(process.execPath, [...shebangFlags(CHARGERD), CHARGERD, '--config', cfg], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    procs.push(p);
    return p;
  }

  const exited = (p: ChildProcess) => new Promise<number | null>((r) => (p.exitCode !== null ? r(p.exitCode) : p.on('exit', (code) => r(code))));

  test('READY=1 naming the main PID, WATCHDOG=1 every WATCHDOG_USEC/2, STOPPING=1 on SIGTERM', async () => {
    const l = listener();
    await l.listening;
    const p = chargerd({ NOTIFY_SOCKET: l.path, WATCHDOG_USEC: '2000000' });
    await l.until('READY=1', () => l.messages().some((d) => d.msg.split('\n').includes('READY=1')));
    const ready = l.messages().find((d) => d.msg.includes('READY=1'))!;
    assert.ok(ready.msg.split('\n').includes(`MAINPID=${p.pid}`), ready.msg);
    await l.until('5 pings', () => l.pings().length >= 5);
    const g = gaps(l.pings());
    // 1 s apart; the bounds leave room for a loaded CI machine, a missed half-period is what they must catch.
    assert.ok(median(g) > 0.8 && median(g) < 1.25, `gaps ${g.map((x) => x.toFixed(2)).join(' ')}`);
    assert.ok(g.every((x) => x > 0.5 && x < 1.9), `gaps ${g.map((x) => x.toFixed(2)).join(' ')}`);
    p.kill('SIGTERM');
    assert.equal(await exited(p), 0);
    await l.until('STOPPING=1', () => l.messages().some((d) => d.msg.split('\n').includes('STOPPING=1')), 5000);
  });

  test('WATCHDOG_PID naming another process: READY=1 but no pings', async () => {
    const l = listener();
    await l.listening;
    const p = chargerd({ NOTIFY_SOCKET: l.path, WATCHDOG_USEC: '1000000', WATCHDOG_PID: '1' });
    await l.until('READY=1', () => l.messages().some((d) => d.msg.includes('READY=1')));
    await sleep(2000);
    assert.deepEqual(l.pings(), []);
    p.kill('SIGTERM');
    assert.equal(await exited(p), 0);
  });

  test('without NOTIFY_SOCKET nothing is sent and no systemd-notify is started, watchdog variables or not', async () => {
    // A systemd-notify earlier on PATH that records every call: proves the absence, and (second half) that it
    // would have been called.
    const bin = join(dir, 'fakebin');
    const calls = join(dir, 'fake-calls.txt');
    rmSync(bin, { recursive: true, force: true });
    mkdirSync(bin);
    writeFileSync(join(bin, 'systemd-notify'), `#!/bin/sh\necho "$*" >> '${calls}'\n`);
    chmodSync(join(bin, 'systemd-notify'), 0o755);
    const PATH = `${bin}:${process.env.PATH ?? ''}`;

    const quiet = chargerd({ PATH, WATCHDOG_USEC: '400000' });
    const data = join(dir, `data-${n}`);
    const end = Date.now() + 15_000;
    while (!existsSync(join(data, 'control.sock'))) {
      assert.ok(Date.now() < end, 'chargerd did not open its control socket');
      await sleep(50);
    }
    await sleep(1000);
    quiet.kill('SIGTERM');
    assert.equal(await exited(quiet), 0);
    assert.equal(existsSync(calls), false, existsSync(calls) ? readFileSync(calls, 'utf8') : '');

    const loud = chargerd({ PATH, NOTIFY_SOCKET: join(dir, 'nobody-listens.sock'), WATCHDOG_USEC: '400000' });
    const end2 = Date.now() + 15_000;
    while (!(existsSync(calls) && readFileSync(calls, 'utf8').includes('WATCHDOG=1'))) {
      assert.ok(Date.now() < end2, 'the fake systemd-notify was never called');
      await sleep(50);
    }
    loud.kill('SIGTERM');
    assert.equal(await exited(loud), 0);
    assert.match(readFileSync(calls, 'utf8'), /READY=1/);
  });

  test('a blocked event loop stops the pings', async () => {
    const l = listener();
    await l.listening;
    const script = join(dir, 'hog.mjs');
    const notifier = new URL('../../../agent/sd-notify.js', import.meta.url).href;
    writeFileSync(
      script,
      `import { startWatchdog } from ${JSON.stringify(notifier)};
       startWatchdog();
       setTimeout(() => {
         console.log('HOG');
         const until = Date.now() + 3000;
         while (Date.now() < until);
         console.log('FREE');
         setTimeout(() => process.exit(0), 1500);
       }, 1500);
       setInterval(() => {}, 1000);`,
    );
    const p = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NOTIFY_SOCKET: l.path, WATCHDOG_USEC: '600000' } });
    procs.push(p);
    assert.equal(await exited(p), 0);
    await sleep(300);
    const ts = l.pings();
    const g = gaps(ts);
    const longest = Math.max(...g);
    assert.ok(longest >= 2.7, `the 3 s busy loop shows as a gap of at least 2.7 s: gaps ${g.map((x) => x.toFixed(2)).join(' ')}`);
    assert.equal(g.filter((x) => x > 1.5).length, 1, `only the busy loop stops them: gaps ${g.map((x) => x.toFixed(2)).join(' ')}`);
    const at = g.indexOf(longest);
    assert.ok(at >= 2 && ts.length - at - 1 >= 2, `pings before and after the hog: ${g.map((x) => x.toFixed(2)).join(' ')}`);
  });
});
