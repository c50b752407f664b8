import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away self-signed certificate for 127.0.0.1 (and `hostname`, when given), made with openssl.
 * Its own certificate is the CA to trust (NODE_EXTRA_CA_CERTS=certPath).
 */
export function selfSignedCertificate(hostname?: string): { key: string; cert: string; certPath: string } {
  const directory = mkdtempSync(join(tmpdir(), 'gaussdb-top-tls-'));
  const keyPath = join(directory, 'key.pem');
  const certPath = join(directory, 'cert.pem');
  const names = hostname ? `DNS:${hostname},IP:127.0.0.1` : 'IP:127.0.0.1';
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '1',
      '-subj',
      `/CN=${hostname ?? '127.0.0.1'}`,
      '-addext',
      `subjectAltName=${names}`,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath };
}
