import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { selfSignedCertificate } from '../helpers/certificate.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';

// A server whose certificate nobody trusts: with NODE_TLS_REJECT_UNAUTHORIZED=0 it would get the token.
const token = 'untrusted-server-gets-this-3b9e';
let emulator: Emulator;
let target: string[];
before(async () => {
  emulator = await startEmulator({ instances: 2, credentials: { token }, tls: selfSignedCertificate() });
  target = [...targetFlags(emulator), '--once', '--json'];
});
after(() => emulator.close());

test('NODE_TLS_REJECT_UNAUTHORIZED=0 without --insecure: exit 2, one line, nothing sent', async () => {
  emulator.resetStats();
  const result = await runCli(target, cleanEnv({ GAUSSDB_TOKEN: token, NODE_TLS_REJECT_UNAUTHORIZED: '0' }));
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0] ?? '', /^gaussdb-top: NODE_TLS_REJECT_UNAUTHORIZED=0 .*--insecure/);
  assert.ok(!result.stderr.includes(token));
  const stats = emulator.stats();
  assert.equal(stats.listRequests + stats.overviewRequests, 0, 'no request reached the server');
});

test('with --insecure it runs, and says on stderr that certificates are not checked', async () => {
  emulator.resetStats();
  const result = await runCli(
    [...target, '--insecure'],
    cleanEnv({ GAUSSDB_TOKEN: token, NODE_TLS_REJECT_UNAUTHORIZED: '0' }),
  );
  assert.equal(result.code, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout).instances.length, 2);
  assert.match(result.stderr, /^gaussdb-top: warning: TLS certificates are not checked .*\n/);
  assert.ok(!`${result.stdout}${result.stderr}`.includes(token));
});

test('--insecure alone changes nothing: certificates are still checked', async () => {
  emulator.resetStats();
  const result = await runCli([...target, '--insecure'], cleanEnv({ GAUSSDB_TOKEN: token }));
  assert.equal(result.code, 1);
  assert.match(result.stderr, /TLS failure/);
  assert.doesNotMatch(result.stderr, /warning/);
  assert.equal(emulator.stats().listRequests, 0);
});
