/**
 * Real system users and groups for tests of what the kernel lets each one do (the control sockets' modes).
 * Needs root (CI runs as root): a test that uses it fails with a message saying so, it never skips. Every name
 * carries a random suffix, so parallel runs and the machine's own `chargerd` groups are never touched, and
 * remove() takes away whatever was created, also after a failure half-way.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectOutput } from './station-process.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function requireRoot(what: string): void {
  if (process.getuid?.() !== 0) {
    throw new Error(`${what} needs root: it creates system users and groups with useradd/groupadd (CI runs as root); run it with sudo`);
  }
}

export class SystemUsers {
  readonly suffix = randomBytes(3).toString('hex');
  private readonly users: string[] = [];
  private readonly groups: string[] = [];
  private readonly copies: string[] = [];

  /**
   * A copy of the build (dist, node_modules, package.json) that every user can read and run. The checkout may sit
   * where only root can reach it (a CI's clone under /root or in a 0700 temp directory), and the users these
   * tests create must run chargerd and chargerctl as they would run an installed package. Removed by remove().
   */
  readableBuild(checkout: string): { root: string; chargerd: string; chargerctl: string; client: string } {
    const root = mkdtempSync(join(tmpdir(), 'chargerd-build-'));
    this.copies.push(root);
    chmodSync(root, 0o755);
    for (const part of ['dist', 'node_modules', 'package.json']) cpSync(join(checkout, part), join(root, part), { recursive: true, verbatimSymlinks: true });
    execFileSync('chmod', ['-R', 'a+rX', root]);
    return {
      root,
      chargerd: join(root, 'dist', 'agent', 'bin', 'chargerd.js'),
      chargerctl: join(root, 'dist', 'agent', 'bin', 'chargerctl.js'),
      client: join(root, 'dist', 'agent', 'control', 'client.js'),
    };
  }

  /** A new group `<prefix><suffix>`; returns its name. */
  group(prefix: string): string {
    const name = `${prefix}${this.suffix}`;
    execFileSync('groupadd', ['--system', name], { stdio: 'pipe' });
    this.groups.push(name);
    return name;
  }

  /** A new system user without home or login, primary group `primary`, supplementary `groups`. */
  user(prefix: string, primary: string, groups: string[] = []): string {
    const name = `${prefix}${this.suffix}`;
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', '--gid', primary, ...(groups.length ? ['--groups', groups.join(',')] : []), name], {
      stdio: 'pipe',
    });
    this.users.push(name);
    return name;
  }

  uid(user: string): number {
    return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  }

  gid(group: string): number {
    return Number(execFileSync('getent', ['group', group], { encoding: 'utf8' }).split(':')[2]);
  }

  /** The command line that runs `argv` as `user` with its primary group and all its groups (as login does). */
  launcher(user: string, primary: string): string[] {
    return ['setpriv', '--reuid', user, '--regid', primary, '--init-groups', '--'];
  }

  run(user: string, primary: string, argv: string[], env: Record<string, string> = {}): Promise<RunResult> {
    const [cmd, ...args] = [...this.launcher(user, primary), ...argv] as [string, ...string[]];
    return collectOutput(spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } }));
  }

  /** Remove every user, then every group created; collects failures instead of stopping at the first. */
  remove(): void {
    const failures: string[] = [];
    for (const c of this.copies.splice(0)) rmSync(c, { recursive: true, force: true });
    for (const u of this.users.splice(0).reverse()) {
      try {
        execFileSync('userdel', [u], { stdio: 'pipe' });
      } catch (err) {
        failures.push(`userdel ${u}: ${(err as Error).message}`);
      }
    }
    for (const g of this.groups.splice(0).reverse()) {
      try {
        execFileSync('groupdel', [g], { stdio: 'pipe' });
      } catch (err) {
        failures.push(`groupdel ${g}: ${(err as Error).message}`);
      }
    }
    if (failures.length) throw new Error(`cleaning up test users: ${failures.join('; ')}`);
  }
}
