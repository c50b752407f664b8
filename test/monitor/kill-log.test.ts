import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileKillAudit, killLogLine, killLogPath } from '../../source/monitor/kill-log.js';
import { forgetSecrets, registerSecret } from '../../source/secrets.js';

const attempt = {
  instanceId: 'd04686c6baae4f65a742771186f47b7ain14',
  nodeId: 'n1',
  sessionId: '140234567890123',
  sql: 'UPDATE t SET secret = \'s3cr3t-TOKEN-value\'\t/* "quoted" */',
  result: 'killed',
};

test('the log lives in $XDG_STATE_HOME/gaussdb-top, else ~/.local/state/gaussdb-top', () => {
  assert.equal(killLogPath({ XDG_STATE_HOME: '/var/x' }, '/home/u'), '/var/x/gaussdb-top/kill.log');
  assert.equal(killLogPath({}, '/home/u'), '/home/u/.local/state/gaussdb-top/kill.log');
  assert.equal(
    killLogPath({ XDG_STATE_HOME: 'relative' }, '/home/u'),
    '/home/u/.local/state/gaussdb-top/kill.log',
  );
});

test('one line per attempt, file 0600 in a 0700 folder, appended, a looser mode tightened', async () => {
  const state = mkdtempSync(join(tmpdir(), 'gaussdb-top-state-'));
  const path = killLogPath({ XDG_STATE_HOME: state }, '/nonexistent');
  const audit = fileKillAudit(path, { user: 'alice', now: () => new Date('2026-11-28T12:00:00Z') });
  await audit.append([attempt, { ...attempt, sessionId: '2', result: 'refused: kill is not allowed' }]);
  await audit.append([{ ...attempt, sessionId: '3', result: 'error: DBS.200011 status forbids' }]);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(statSync(join(state, 'gaussdb-top')).mode & 0o777, 0o700);
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 3);
  const fields = lines[0]?.split('\t') ?? [];
  assert.deepEqual(fields.slice(0, 5), [
    '2026-11-28T12:00:00.000Z',
    'alice',
    attempt.instanceId,
    'n1',
    '140234567890123',
  ]);
  assert.equal(fields.length, 7, 'a tab in the SQL cannot shift the columns');
  assert.equal(fields[6], 'killed');
  assert.match(lines[2] ?? '', /\terror: DBS\.200011 status forbids$/);
  writeFileSync(path, '', { mode: 0o644 });
  await audit.append([attempt]);
  assert.equal(statSync(path).mode & 0o777, 0o600);
});

test('no known secret reaches the log, and no control character', () => {
  registerSecret('s3cr3t-TOKEN-value');
  try {
    const line = killLogLine(new Date(0), 'bob\u001b[31m', { ...attempt, result: 'error: x\nforged line' });
    assert.doesNotMatch(line, /s3cr3t-TOKEN-value/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
    assert.doesNotMatch(line, /[\u0000-\u0008\u000a-\u001f]/);
  } finally {
    forgetSecrets();
  }
});

test('a link planted where the log should be is not followed', async () => {
  const state = mkdtempSync(join(tmpdir(), 'gaussdb-top-state-'));
  const path = killLogPath({ XDG_STATE_HOME: state }, '/nonexistent');
  await fileKillAudit(path).append([attempt]);
  const target = join(state, 'elsewhere');
  writeFileSync(target, '');
  const linked = join(state, 'gaussdb-top', 'linked.log');
  symlinkSync(target, linked);
  await assert.rejects(fileKillAudit(linked).append([attempt]));
  assert.equal(readFileSync(target, 'utf8'), '');
});
