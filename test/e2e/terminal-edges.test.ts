import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { binPath, cleanEnv, runCli } from '../helpers/run-cli.js';
import { hasTmux, TmuxPane } from '../helpers/tmux.js';

const token = 'edge-TOKEN-9e1f-Distinctive';

describe('terminal edges, with the real binary in tmux', {
  skip: !hasTmux() && 'tmux is not installed',
}, () => {
  let emulator: Emulator;
  let target: string;
  before(async () => {
    emulator = await startEmulator({ instances: 30, credentials: { token } });
    target = `--endpoint ${emulator.url} --project-id ${emulator.projectId} --discover`;
  });
  after(() => emulator?.close());

  const launch = (extra = '', size?: { columns: number; rows: number }, env = '') =>
    new TmuxPane(
      `sh -c 'env -u CI GAUSSDB_TOKEN=${token} ${env} ${process.execPath} ${binPath} ${target} ${extra}; echo "AFTER rc=$?"; stty -a | tr " " "\\n" | grep -x -e echo -e icanon | tr "\\n" " "; echo; sleep 600'`,
      size,
    );

  test('a 20x5 terminal, a storm of resizes, then a 300x100 one', async () => {
    const pane = launch('', { columns: 20, rows: 5 });
    try {
      const tiny = await pane.waitFor(/Terminal too/);
      assert.ok(tiny.split('\n').filter((line) => line.trim()).length <= 5);
      for (let step = 0; step < 40; step++) pane.resize(20 + ((step * 37) % 280), 5 + ((step * 13) % 95));
      pane.resize(300, 100);
      const huge = await pane.waitFor(/30\/30 OK/);
      const lines = huge.split('\n');
      assert.ok(lines.length <= 101);
      assert.equal(
        lines.filter((line) => /· ok|▲ warn|✖ CRIT/.test(line)).length,
        30,
        'every instance on one screen',
      );
      assert.ok(lines.every((line) => line.length <= 300));
      pane.send('q');
      await pane.waitFor(/AFTER rc=0\n.*echo/);
    } finally {
      pane.kill();
    }
  });

  test('a crash restores the terminal and says what happened', async () => {
    // A fault injected from outside the program: an exception thrown on a timer inside the process.
    const crash = join(String(cleanEnv().HOME), 'crash.mjs');
    writeFileSync(crash, "setTimeout(() => { throw new Error('injected fault'); }, 1500);\n");
    const pane = launch('', { columns: 120, rows: 30 }, `NODE_OPTIONS=--import=${crash}`);
    try {
      await pane.waitFor(/INSTANCE/);
      const screen = await pane.waitFor(/AFTER rc=70/, 10_000);
      assert.match(screen, /gaussdb-top: unexpected failure: Error: injected fault/);
      const modes = /AFTER rc=70\n(.*)/.exec(screen)?.[1]?.split(' ') ?? [];
      assert.ok(modes.includes('echo') && modes.includes('icanon'), `input mode restored: ${modes}`);
      assert.equal(pane.query('#{alternate_on}'), '0');
      assert.equal(pane.query('#{cursor_flag}'), '1');
    } finally {
      pane.kill();
    }
  });

  test('no secret in the process arguments', async () => {
    const pane = launch();
    try {
      await pane.waitFor(/30\/30 OK/);
      const shell = pane.query('#{pane_pid}');
      const pid = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0] ?? '';
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      assert.ok(cmdline.length > 0);
      assert.ok(!cmdline.includes(token));
      pane.send('q');
    } finally {
      pane.kill();
    }
  });
});

test('without a terminal on stdout the program prints once instead of drawing', async () => {
  const emulator = await startEmulator({ instances: 2, credentials: { token } });
  try {
    const result = await runCli(
      ['--endpoint', emulator.url, '--project-id', emulator.projectId, '--discover'],
      cleanEnv({ GAUSSDB_TOKEN: token }),
    );
    assert.equal(result.code, 0);
    assert.equal(result.stdout.trimEnd().split('\n').length, 3);
    assert.ok(!result.stdout.includes('\u001B'), 'no escape sequences in a pipe');
  } finally {
    await emulator.close();
  }
});
