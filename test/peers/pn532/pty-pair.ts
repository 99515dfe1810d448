/**
 * A linked pty pair made by socat (as the Modbus peer does), in a temp dir: `peerPath` for our PN532 peer,
 * `devicePath` for the driver under test. socat is killed by pid on close(), and on process exit at the latest.
 * A missing socat is an error, not a skip: CI installs it (scripts/test.sh).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class PtyPair {
  private readonly killOnExit = (): void => {
    this.socat.kill('SIGKILL');
  };

  private constructor(
    private readonly socat: ChildProcess,
    private readonly dir: string,
    readonly peerPath: string,
    readonly devicePath: string,
  ) {
    process.once('exit', this.killOnExit);
  }

  static async open(): Promise<PtyPair> {
    if (spawnSync('socat', ['-V'], { encoding: 'utf8' }).error) throw new Error('socat not found on PATH; install with: apt-get install -y socat');
    const dir = mkdtempSync(join(tmpdir(), 'chargerd-pn532-'));
    const peerPath = join(dir, 'ttyPN532');
    const devicePath = join(dir, 'ttyHOST');
    const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${peerPath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    const pair = new PtyPair(socat, dir, peerPath, devicePath);
    await new Promise<void>((resolve, reject) => {
      let err = '';
      const onData = (d: Buffer): void => {
        err += d.toString();
        if (/starting data transfer loop/.test(err)) {
          socat.stderr!.off('data', onData);
          socat.off('exit', onExit);
          socat.stderr!.resume();
          resolve();
        }
      };
      const onExit = (code: number | null): void => reject(new Error(`socat exited (${code}) before the pty pair was ready: ${err.trim()}`));
      socat.stderr!.on('data', onData);
      socat.once('exit', onExit);
    }).catch(async (e: unknown) => {
      await pair.close();
      throw e;
    });
    return pair;
  }

  async close(): Promise<void> {
    process.off('exit', this.killOnExit);
    if (this.socat.exitCode === null && this.socat.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.socat.once('exit', () => resolve()));
      this.socat.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
