/**
 * A throw-away PKI made with openssl for the TLS tests: a CA, a broker certificate for 127.0.0.1 signed by it, a
 * client certificate signed by it, and a second CA that signed nothing of ours (the "wrong CA").
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestPki {
  ca: string;
  wrongCa: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
// EC keys: generated in milliseconds, where RSA would cost the shared CI machine seconds.
const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function ca(dir: string, name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  openssl(['req', '-x509', ...newKey, '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${name}`]);
  return { cert, key };
}

function signed(dir: string, name: string, issuer: { cert: string; key: string }, ext: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const extFile = join(dir, `${name}.ext`);
  writeFileSync(extFile, `${ext}\n`);
  openssl(['req', ...newKey, '-keyout', key, '-out', csr, '-subj', `/CN=${name}`]);
  openssl(['x509', '-req', '-in', csr, '-CA', issuer.cert, '-CAkey', issuer.key, '-CAcreateserial', '-out', cert, '-days', '2', '-extfile', extFile]);
  return { cert, key };
}

export function makePki(dir: string): TestPki {
  const good = ca(dir, 'chargerd-test-ca');
  const wrong = ca(dir, 'some-other-ca');
  const server = signed(dir, 'broker', good, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth');
  const client = signed(dir, 'chargerd-client', good, 'extendedKeyUsage=clientAuth');
  return { ca: good.cert, wrongCa: wrong.cert, serverCert: server.cert, serverKey: server.key, clientCert: client.cert, clientKey: client.key };
}
