/**
 * chargerctl with exactly the given arguments (no --socket added, unlike StationProcess.ctl) and CHARGERD_SOCKET
 * removed from the environment, so a test sees what an operator with a clean shell sees: socket discovery, usage
 * errors and the commands that need no agent at all.
 */
import { spawn } from 'node:child_process';
import { CHARGERCTL, type CtlResult } from './station-process.js';

export function runCtl(args: string[]): Promise<CtlResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.CHARGERD_SOCKET;
    const p = spawn(process.execPath, [CHARGERCTL, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    p.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    p.on('error', reject);
    p.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
