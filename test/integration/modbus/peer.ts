/**
 * Starts the real Modbus test peer: socat makes a linked pty pair in a temp dir (link= names), and
 * test/peers/modbus/meter_server.py (pymodbus 3.0) serves meter registers on one end; the driver under test
 * opens the other. Or the same script as a Modbus TCP server on 127.0.0.1. Both processes are killed by pid on
 * stop(), and on process exit as a last resort, so no test leaves processes behind.
 *
 * Missing tools are an error, not a skip: CI installs them with
 *   apt-get install -y python3-pymodbus python3-serial python3-serial-asyncio socat
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelUrl } from '../../../hal/meters/model.js';
import type { MeterReading } from '../../../hal/types.js';

export const PYTHON = '/usr/bin/python3';
const APT_HINT = 'install with: apt-get update && apt-get install -y python3-pymodbus python3-serial python3-serial-asyncio socat';

/** Values served by the peer; `energyImportWhPerS` makes the counter grow with time. */
export type PeerValues = MeterReading & { energyImportWhPerS?: number };

export interface PeerMeter {
  /** Shipped model name, e.g. 'eastron-sdm630', or the absolute path of a model file. */
  model: string;
  unit: number;
  values?: PeerValues;
}

export interface PeerOptions {
  meters: PeerMeter[];
  /** Serve Modbus TCP on 127.0.0.1 instead of RTU on a pty. */
  tcp?: boolean;
}

/** Throws with a clear message when socat or pymodbus is missing. */
export function checkPeerTools(): void {
  const problems: string[] = [];
  if (!existsSync(PYTHON)) problems.push(`${PYTHON} not found`);
  else {
    const r = spawnSync(PYTHON, ['-c', 'import pymodbus, serial, serial_asyncio; from pymodbus.server.async_io import StartAsyncSerialServer'], {
      encoding: 'utf8',
    });
    if (r.status !== 0) problems.push(`python modules missing: ${(r.stderr || '').trim().split('\n').pop()}`);
  }
  if (spawnSync('socat', ['-V'], { encoding: 'utf8' }).error) problems.push('socat not found on PATH');
  if (problems.length > 0) throw new Error(`Modbus integration peer unavailable (${problems.join('; ')}); ${APT_HINT}`);
}

function peerScript(): string {
  const candidates = [
    process.env.CHARGERD_MODBUS_PEER,
    fileURLToPath(new URL('../../peers/modbus/meter_server.py', import.meta.url)),
    fileURLToPath(new URL('../../../../test/peers/modbus/meter_server.py', import.meta.url)),
    join(process.cwd(), 'test/peers/modbus/meter_server.py'),
  ].filter((c): c is string => !!c);
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`meter_server.py not found (looked in ${candidates.join(', ')}); set CHARGERD_MODBUS_PEER`);
  return found;
}

/** Resolves with the first stdout/stderr line matching `pattern`; rejects if the process exits first or on timeout. */
function waitForLine(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp, what: string, timeoutMs = 10000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => done(new Error(`${what}: not ready after ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`)), timeoutMs);
    const onOut = (d: Buffer): void => {
      out += d.toString();
      check(stream === 'stdout' ? out : null);
    };
    const onErr = (d: Buffer): void => {
      err += d.toString();
      check(stream === 'stderr' ? err : null);
    };
    const onExit = (code: number | null, signal: string | null): void =>
      done(new Error(`${what} exited (${code ?? signal}) before it was ready\nstdout: ${out}\nstderr: ${err}`));
    const check = (text: string | null): void => {
      const m = text?.match(pattern);
      if (m) done(null, m);
    };
    const done = (e: Error | null, m?: RegExpMatchArray): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onOut);
      child.stderr?.off('data', onErr);
      child.off('exit', onExit);
      if (e) reject(e);
      else resolve(m!);
    };
    child.stdout?.on('data', onOut);
    child.stderr?.on('data', onErr);
    child.once('exit', onExit);
  });
}

async function kill(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await exited;
  clearTimeout(timer);
}

export class MeterPeer {
  private socat: ChildProcess | null = null;
  private server: ChildProcess | null = null;
  private readonly killOnExit = (): void => {
    this.server?.kill('SIGKILL');
    this.socat?.kill('SIGKILL');
  };
  /** The pty end the driver opens (RTU). */
  devicePath = '';
  /** The TCP port (with `tcp`). */
  tcpPort = 0;

  private constructor(
    private readonly dir: string,
    private readonly options: PeerOptions,
  ) {}

  static async start(options: PeerOptions): Promise<MeterPeer> {
    checkPeerTools();
    if (options.meters.length === 0) throw new Error('MeterPeer needs at least one meter');
    const peer = new MeterPeer(mkdtempSync(join(tmpdir(), 'chargerd-modbus-')), options);
    process.once('exit', peer.killOnExit);
    try {
      await peer.launch();
    } catch (err) {
      await peer.stop();
      throw err;
    }
    return peer;
  }

  /** Rewrites a meter's values; the server picks them up on its next read. */
  setValues(unit: number, values: PeerValues): void {
    const file = this.valuesFile(unit);
    writeFileSync(`${file}.tmp`, JSON.stringify(values));
    renameSync(`${file}.tmp`, file);
  }

  async stop(): Promise<void> {
    await kill(this.server);
    await kill(this.socat);
    this.server = null;
    this.socat = null;
    process.off('exit', this.killOnExit);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Pids of the processes started (for leak checks). */
  get pids(): number[] {
    return [this.socat?.pid, this.server?.pid].filter((p): p is number => p !== undefined);
  }

  private valuesFile(unit: number): string {
    return join(this.dir, `values-${unit}.json`);
  }

  private async launch(): Promise<void> {
    const [first, ...rest] = this.options.meters;
    for (const m of this.options.meters) if (m.values) this.setValues(m.unit, m.values);
    const modelPath = (name: string): string => (isAbsolute(name) ? name : fileURLToPath(modelUrl(name)));
    const valuesArg = (m: PeerMeter): string[] => (m.values ? ['--values', this.valuesFile(m.unit)] : []);
    const extra = rest.flatMap((m) => ['--meter', `${modelPath(m.model)}:${m.unit}${m.values ? `:${this.valuesFile(m.unit)}` : ''}`]);

    if (this.options.tcp) {
      this.server = spawn(PYTHON, [peerScript(), modelPath(first!.model), '0', String(first!.unit), ...valuesArg(first!), ...extra, '--tcp'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const m = await waitForLine(this.server, 'stdout', /READY tcp (\d+)/, 'pymodbus TCP server');
      this.tcpPort = Number(m[1]);
      return;
    }

    const meterEnd = join(this.dir, 'ttyMETER');
    this.devicePath = join(this.dir, 'ttyCP');
    this.socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${meterEnd}`, `pty,raw,echo=0,link=${this.devicePath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await waitForLine(this.socat, 'stderr', /starting data transfer loop/, 'socat');
    this.server = spawn(PYTHON, [peerScript(), modelPath(first!.model), meterEnd, String(first!.unit), ...valuesArg(first!), ...extra], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForLine(this.server, 'stdout', /READY serial/, 'pymodbus serial server');
  }
}
