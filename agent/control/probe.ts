import net from 'node:net';

/**
 * Whether something accepts connections on a Unix socket path: 'live' (someone listens), 'stale' (the file is
 * left over from a process that died: connection refused) or 'gone' (no file). Any other failure (e.g. EACCES)
 * is thrown, because then we cannot tell and must not delete the file.
 */
export function probeSocket(socketPath: string): Promise<'live' | 'stale' | 'gone'> {
  return new Promise((resolve, reject) => {
    const sock = net.createConnection(socketPath);
    sock.once('connect', () => {
      sock.destroy();
      resolve('live');
    });
    sock.once('error', (err: NodeJS.ErrnoException) => {
      sock.destroy();
      if (err.code === 'ECONNREFUSED') resolve('stale');
      else if (err.code === 'ENOENT') resolve('gone');
      else reject(err);
    });
  });
}
