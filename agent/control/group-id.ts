import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/**
 * The numeric id of a group named in the config. /etc/group first: it is where a controller's system groups are,
 * and reading it costs nothing at start; `getent` (NSS: LDAP, systemd-userdb) only when the file does not name
 * it. A name of digits is taken as the id. Null when the group does not exist.
 */
export async function groupId(name: string, groupFile = '/etc/group'): Promise<number | null> {
  if (/^\d+$/.test(name)) return Number(name);
  const text = await readFile(groupFile, 'utf8').catch(() => '');
  const fromFile = parseGroupLine(text, name);
  if (fromFile !== null) return fromFile;
  const out = await new Promise<string>((resolve) => {
    execFile('getent', ['group', name], { timeout: 5000 }, (err, stdout) => resolve(err ? '' : stdout));
  });
  return parseGroupLine(out, name);
}

function parseGroupLine(text: string, name: string): number | null {
  for (const line of text.split('\n')) {
    const [n, , gid] = line.split(':');
    if (n === name && gid !== undefined && /^\d+$/.test(gid)) return Number(gid);
  }
  return null;
}
