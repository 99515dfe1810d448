/**
 * chargerctl with exactly the given arguments (no --socket added, unlike StationProcess.ctl) and CHARGERD_SOCKET
 * removed from the environment, so a test sees what an operator with a clean shell sees: socket discovery, usage
 * errors and the commands that need no agent at all.
 */
import { spawn } from 'node:child_process';
import { CHARGERCTL, collectOutput, type CtlResult } from './station-process.js';

export function runCtl(args: string[]): Promise<CtlResult> {
  const env = { ...process.env };
  delete env.CHARGERD_SOCKET;
  return collectOutput(spawn(process.execPath, [CHARGERCTL, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env }));
}
