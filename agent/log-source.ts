/**
 * Whether chargerd's output goes to the journal, so `chargerctl logs` reads the journal (everything, across
 * restarts) instead of the agent's ring (recent lines of this process only). systemd sets INVOCATION_ID for
 * every unit it starts and JOURNAL_STREAM ("device:inode") when stdout is the journal; the inode is compared with
 * stdout's, as sd_journal_stream_fd(3) advises, so a shell started from a unit that redirects its output is not
 * taken for the journal. The unit's name comes from our cgroup (/proc/self/cgroup, ".../chargerd.service").
 */
import { fstatSync, readFileSync } from 'node:fs';
import type { LogSource } from './control/handlers-diag.js';

export function detectLogSource(env: Record<string, string | undefined>, stdoutFd = 1, cgroupFile = '/proc/self/cgroup'): LogSource {
  const stream = env.JOURNAL_STREAM;
  if (!env.INVOCATION_ID || !stream) return { kind: 'ring' };
  try {
    const st = fstatSync(stdoutFd);
    if (`${st.dev}:${st.ino}` !== stream) return { kind: 'ring' };
  } catch {
    return { kind: 'ring' };
  }
  return { kind: 'journal', unit: unitFromCgroup(cgroupFile) ?? 'chargerd.service' };
}

function unitFromCgroup(file: string): string | null {
  try {
    const m = /\/([^/\n]+\.service)\s*$/m.exec(readFileSync(file, 'utf8'));
    return m ? m[1]! : null;
  } catch {
    return null;
  }
}
