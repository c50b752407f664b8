import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Emulator, startEmulator } from '../source/emulator/server.js';
import { cleanEnv, runCli } from './helpers/run-cli.js';

// `gaussdb-top sessions` as scripts run it: the built binary against the emulator.

const token = 'sessions-test-token-0123456789';
let emulator: Emulator;

before(async () => {
  emulator = await startEmulator({ instances: 4, credentials: { token } });
});
after(() => emulator.close());

function args(instanceId: string, ...extra: string[]): string[] {
  return [
    'sessions',
    '--endpoint',
    emulator.url,
    '--project-id',
    emulator.projectId,
    '--instance',
    instanceId,
    ...extra,
  ];
}

interface SessionsJson {
  time: string;
  project_id: string;
  instance_id: string;
  node_id: string;
  truncated: boolean;
  sessions: { session_id: string; block_session: string | null; query_runtime: number | null }[];
  blocking: { session_id: string; waiters: string[] }[];
}

test('--json: valid JSON whose ids agree with the emulator, blocking pairs consistent with the sessions', async () => {
  for (const instance of emulator.instances) {
    const result = await runCli(args(instance.id, '--json'), cleanEnv({ GAUSSDB_TOKEN: token }));
    assert.equal(result.code, 0, result.stderr);
    const document = JSON.parse(result.stdout) as SessionsJson;
    assert.equal(document.project_id, emulator.projectId);
    assert.equal(document.instance_id, instance.id);
    assert.match(document.node_id, /no14$/);
    assert.ok(!Number.isNaN(Date.parse(document.time)));
    const ids = new Set(document.sessions.map((session) => session.session_id));
    assert.equal(ids.size, document.sessions.length);
    for (const pair of document.blocking) {
      for (const waiter of pair.waiters) {
        assert.equal(
          document.sessions.find((session) => session.session_id === waiter)?.block_session,
          pair.session_id,
        );
      }
    }
    const waiting = document.sessions.filter((session) => session.block_session !== null).length;
    assert.equal(
      document.blocking.reduce((sum, pair) => sum + pair.waiters.length, 0),
      waiting,
    );
    assert.doesNotMatch(result.stdout + result.stderr, new RegExp(token));
  }
  assert.equal(emulator.stats().drillRequests['kill-session'], undefined, 'never a kill');
});

test('a table for people; --node picks another node; an unknown node is a usage error', async () => {
  const [instance] = emulator.instances;
  assert.ok(instance);
  const env = cleanEnv({ GAUSSDB_TOKEN: token });
  const table = await runCli(args(instance.id), env);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /SESSION +USER +DATABASE/);
  const json = JSON.parse((await runCli(args(instance.id, '--json'), env)).stdout) as SessionsJson;
  const other = `${instance.id.slice(0, 30)}01no14`;
  const chosen = await runCli(args(instance.id, '--json', '--node', other), env);
  assert.equal(chosen.code, 0, chosen.stderr);
  assert.equal((JSON.parse(chosen.stdout) as SessionsJson).node_id, other);
  assert.notEqual(json.node_id, other);
  const unknown = await runCli(args(instance.id, '--node', 'nope'), env);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^gaussdb-top: --node "nope" is not a node of/);
  assert.equal(unknown.stderr.trim().split('\n').length, 1);
});

test('exit 1 with one line when the API fails; 2 without exactly one instance', async () => {
  const [instance] = emulator.instances;
  assert.ok(instance);
  emulator.setFault(instance.id, { kind: 'status', status: 403 }, 'real-time-session');
  try {
    const failed = await runCli(args(instance.id, '--json'), cleanEnv({ GAUSSDB_TOKEN: token }));
    assert.equal(failed.code, 1);
    assert.equal(failed.stdout, '');
    assert.match(failed.stderr, /^gaussdb-top: [0-9a-f]{32}in14: DBS\.200011 \(HTTP 403\): /);
    assert.equal(failed.stderr.trim().split('\n').length, 1);
  } finally {
    emulator.setFault(instance.id, undefined, 'real-time-session');
  }
  const none = await runCli(
    ['sessions', '--endpoint', emulator.url, '--project-id', emulator.projectId],
    cleanEnv({ GAUSSDB_TOKEN: token }),
  );
  assert.equal(none.code, 2);
  assert.match(none.stderr, /give --instance <id>/);
});

test('--demo: the first demo instance, JSON marked as demo', async () => {
  const result = await runCli(['sessions', '--demo', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const document = JSON.parse(result.stdout) as SessionsJson & { demo?: boolean };
  assert.equal(document.demo, true);
  assert.match(document.instance_id, /^[0-9a-f]{32}in14$/);
});

test('flags of the polling modes are refused by name; a word after sessions is named, not "sessions"', async () => {
  for (const [flags, message] of [
    [['--watch', '--json'], /--watch does not apply to the sessions command/],
    [['--once'], /--once does not apply to the sessions command/],
    [['--record', '/tmp/never-written.ndjson'], /--record does not apply to the sessions command/],
    [['--bell'], /--bell does not apply to the sessions command/],
    [['--notify'], /--notify does not apply to the sessions command/],
    [['extra'], /unexpected argument "extra"/],
  ] as const) {
    const result = await runCli(['sessions', '--demo', ...flags]);
    assert.equal(result.code, 2, `${flags.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trim().split('\n').length, 1, 'one line');
  }
});

test('sessions --json | head: the reader closing the pipe early is no failure, and no stack trace', async () => {
  const { spawn } = await import('node:child_process');
  const { binPath } = await import('./helpers/run-cli.js');
  const child = spawn(`'${process.execPath}' '${binPath}' sessions --demo --json | head -c 10`, {
    shell: true,
    env: cleanEnv(),
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0);
  assert.doesNotMatch(stderr, /EPIPE|at .*\(/);
});
