import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import stringWidth from 'string-width';
import type { ApiError } from '../../source/cloud/api-error.js';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { messages } from '../../source/i18n/index.js';
import type { ReportRow } from '../../source/output/report.js';
import { renderTable } from '../../source/output/table.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';

const id = (n: number) => `${String(n).repeat(32).slice(0, 32)}in14`;
const row = (name: string, instanceId: string, error: ApiError | null = null): ReportRow => ({
  projectId: 'p'.repeat(32),
  instanceId,
  name,
  overview: error ? null : { total: 12, active: 3, slowSql: 0, lock: 0 },
  level: error ? 'error' : 'ok',
  error,
});
const time = new Date(0);
const t = messages('en-us');

test('an ID column after the name when some name differs from its id, aligned in cells', () => {
  const table = renderTable({ time, rows: [row('订单库-05', id(1)), row(id(2), id(2))] }, t);
  const lines = table.trimEnd().split('\n');
  assert.match(lines[0] ?? '', /^INSTANCE\s+ID\s+TOTAL/);
  assert.match(lines[1] ?? '', new RegExp(`^订单库-05\\s+${id(1)}\\s+12`));
  const heading = lines[0] ?? '';
  const idStart = stringWidth(heading.slice(0, heading.indexOf('ID ')));
  for (const [index, instanceId] of [id(1), id(2)].entries()) {
    const line = lines[index + 1] ?? '';
    assert.equal(stringWidth(line.slice(0, line.lastIndexOf(instanceId))), idStart, `ids line up: ${line}`);
  }
});

test('no ID column when every name is its id, unless --wide; ids are sanitised like names', () => {
  const same = { time, rows: [row(id(1), id(1))] };
  assert.doesNotMatch(renderTable(same, t), /\bID\b/);
  assert.match(renderTable(same, t, { wide: true }), /^INSTANCE\s+ID\s+TOTAL/);
  const hostile = renderTable({ time, rows: [row('x', 'evil\u001B]52;c;AAAA\u0007id')] }, t);
  assert.ok(!hostile.includes('\u001B') && !hostile.includes('\u0007'), 'no escape reaches the terminal');
  assert.match(messages('zh-cn').columns.id, /ID/);
});

describe('--once --wide against the emulator', () => {
  let emulator: Emulator;
  const token = 'table-token-3e9d';
  before(async () => {
    emulator = await startEmulator({ instances: 2, credentials: { token } });
  });
  after(() => emulator.close());

  test('discovered names bring the ID column; --wide shows it for instances named by id', async () => {
    const target = ['--endpoint', emulator.url, '--project-id', emulator.projectId];
    const env = cleanEnv({ GAUSSDB_TOKEN: token });
    const discovered = await runCli([...target, '--discover', '--once'], env);
    assert.equal(discovered.code, 0, discovered.stderr);
    assert.match(discovered.stdout, /^INSTANCE\s+ID\s+TOTAL/);
    for (const instance of emulator.instances)
      assert.match(discovered.stdout, new RegExp(`${instance.name}\\s+${instance.id}\\s`));
    const byId = ['--instance', emulator.instances[0]?.id ?? '', '--once'];
    assert.doesNotMatch((await runCli([...target, ...byId], env)).stdout, /\bID\b/);
    const wide = await runCli([...target, ...byId, '--wide'], env);
    assert.equal(wide.code, 0, wide.stderr);
    assert.match(wide.stdout, /^INSTANCE\s+ID\s+TOTAL/);
  });
});
