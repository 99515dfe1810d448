/**
 * Runs the real `chargerd` process (compiled dist/agent/bin/chargerd.js) on a temp data directory, and drives
 * it with the real `chargerctl`. Integration tests talk to it only through those two programs and the CSMS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const distRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHARGERD = join(distRoot, 'agent', 'bin', 'chargerd.js');
export const CHARGERCTL = join(distRoot, 'agent', 'bin', 'chargerctl.js');

/** The interpreter flags of chargerd's shebang line, so tests run it as it is installed. */
export function shebangFlags(file: string): string[] {
  const first = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
  const m = /^#!\S*env -S node(.*)$/.exec(first);
  return m ? m[1]!.trim().split(/\s+/).filter(Boolean) : [];
}

export interface StationOptions {
  csmsUrl: string;
  id?: string;
  evses?: { id: number; maxCurrentA?: number; phases?: 1 | 3; connector?: 'socket' | 'cable'; freeVend?: string }[];
  ocppKeys?: Record<string, string | number | boolean>;
  sim?: { cableLingerMs?: number; evReactionMs?: number; evMaxCurrentA?: number };
  extra?: Record<string, unknown>;
  dataDir?: string;
  /** A command line to run chargerd under, e.g. setpriv with another user: the node command is appended. */
  launcher?: string[];
  /** chargerd.js to run (default: this build's); another user needs a copy it can read (SystemUsers.readableBuild). */
  chargerd?: string;
}

export interface CtlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A child's exit code and everything it printed (spawned with stdout and stderr piped). */
export function collectOutput(p: ChildProcess): Promise<CtlResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    p.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
    p.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    p.on('error', reject);
    p.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export class StationProcess {
  readonly dataDir: string;
  /** The read-only control socket; `adminSocket` (beside it) serves everything, and ctl() uses it. */
  readonly socket: string;
  readonly adminSocket: string;
  readonly configPath: string;
  readonly id: string;
  proc: ChildProcess | null = null;
  output = '';
  private exited: Promise<number | null> | null = null;
  private readonly launcher: string[];
  private readonly chargerd: string;

  constructor(opts: StationOptions) {
    this.dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'chargerd-it-'));
    this.socket = join(this.dataDir, 'control.sock');
    this.adminSocket = join(this.dataDir, 'control.admin.sock');
    this.configPath = join(this.dataDir, 'config.json');
    this.id = opts.id ?? 'CP-IT';
    this.launcher = opts.launcher ?? [];
    this.chargerd = opts.chargerd ?? CHARGERD;
    const config = {
      chargePointId: this.id,
      ocpp: { version: '1.6', csmsUrl: opts.csmsUrl, reconnectMinS: 0.2, reconnectMaxS: 1, callTimeoutS: 5 },
      dataDir: this.dataDir,
      controlSocket: this.socket,
      log: { level: process.env.CHARGERD_TEST_LOG ?? 'warn' },
      hal: { driver: 'sim', sim: { cableLingerMs: 300, evReactionMs: 50, ...(opts.sim ?? {}) } },
      evses: opts.evses ?? [
        { id: 1, maxCurrentA: 32, phases: 3 },
        { id: 2, maxCurrentA: 32, phases: 3 },
      ],
      ocppKeys: { MeterValueSampleInterval: 1, HeartbeatInterval: 300, ...(opts.ocppKeys ?? {}) },
      ...(opts.extra ?? {}),
    };
    writeFileSync(this.configPath, JSON.stringify(config, null, 2));
  }

  start(): this {
    const node = [process.execPath, ...shebangFlags(this.chargerd), this.chargerd, '--config', this.configPath];
    const [cmd, ...args] = [...this.launcher, ...node] as [string, ...string[]];
    const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    proc.stdout!.on('data', (b: Buffer) => {
      this.output += b.toString();
      if (process.env.CHARGERD_TEST_ECHO) process.stdout.write(b);
    });
    proc.stderr!.on('data', (b: Buffer) => {
      this.output += b.toString();
      if (process.env.CHARGERD_TEST_ECHO) process.stderr.write(b);
    });
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
    return this;
  }

  /** Wait until the control socket answers. */
  async ready(timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      if (this.proc && this.proc.exitCode !== null) throw new Error(`chargerd exited with ${this.proc.exitCode}:\n${this.output}`);
      const r = await this.ctl(['status', '--json']).catch(() => null);
      if (r && r.code === 0) return;
      if (Date.now() > end) throw new Error(`chargerd did not become ready:\n${this.output}`);
      await sleep(50);
    }
  }

  ctl(args: string[]): Promise<CtlResult> {
    return collectOutput(spawn(process.execPath, [CHARGERCTL, '--socket', this.adminSocket, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  /** chargerctl that must succeed. */
  async ok(...args: string[]): Promise<string> {
    const r = await this.ctl(args);
    if (r.code !== 0) throw new Error(`chargerctl ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  async status(): Promise<any> {
    return JSON.parse(await this.ok('status', '--json'));
  }

  async evse(n: number): Promise<any> {
    return (await this.status()).evses.find((e: any) => e.id === n);
  }

  /** Poll chargerctl status until `pred` holds. */
  async until(what: string, pred: (s: any) => boolean, timeoutMs = 10_000): Promise<any> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.status().catch(() => null);
      if (s && pred(s)) return s;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last status ${JSON.stringify(s)}\n${this.output.slice(-3000)}`);
      await sleep(50);
    }
  }

  /** The exit code once the process has left by itself (a Hard Reset); throws after `timeoutMs`. */
  async exitCode(timeoutMs = 10_000): Promise<number | null> {
    if (!this.exited) throw new Error('chargerd was never started');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_r, reject) => (timer = setTimeout(() => reject(new Error(`chargerd still running after ${timeoutMs} ms:\n${this.output.slice(-3000)}`)), timeoutMs)));
    try {
      return await Promise.race([this.exited, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    this.proc?.kill(signal);
    return this.exited ?? Promise.resolve(null);
  }

  /** SIGTERM, as systemd stops it; a process still running after 5 s is killed and the test told so. */
  async stop(): Promise<number | null> {
    if (!this.proc || this.proc.exitCode !== null) return this.proc?.exitCode ?? null;
    const exited = this.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), 5000)));
    const first = await Promise.race([exited, late]);
    clearTimeout(timer);
    if (first === 'late') {
      this.proc.kill('SIGKILL');
      await exited;
      throw new Error(`chargerd did not exit within 5 s of SIGTERM:\n${this.output.slice(-3000)}`);
    }
    return first;
  }

  cleanup(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
