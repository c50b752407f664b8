import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import stringWidth from 'string-width';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { afterExit, ended, liveCommand, shellTitle } from '../helpers/live-command.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';
import { hasTmux, TmuxPane } from '../helpers/tmux.js';

const token = 'edge-TOKEN-9e1f-Distinctive';

describe('terminal edges, with the real binary in tmux', {
  skip: !hasTmux() && 'tmux is not installed',
}, () => {
  let emulator: Emulator;
  let target: string[];
  before(async () => {
    emulator = await startEmulator({ instances: 30, credentials: { token } });
    target = [...targetFlags(emulator)];
  });
  after(() => emulator?.close());

  const launch = (size?: { columns: number; rows: number }, env: Record<string, string> = {}) =>
    new TmuxPane(liveCommand(target, { GAUSSDB_TOKEN: token, ...env }), size);

  test('a 20x5 terminal, a storm of resizes, then a 300x100 one', async () => {
    const pane = launch({ columns: 20, rows: 5 });
    try {
      const tiny = await pane.waitFor(/Terminal too/);
      assert.ok(tiny.split('\n').filter((line) => line.trim()).length <= 5, tiny);
      for (let step = 0; step < 40; step++) pane.resize(20 + ((step * 37) % 280), 5 + ((step * 13) % 95));
      pane.resize(300, 100);
      // Frames are written in pieces: wait for the whole of one, not for its first line.
      const huge = await pane.waitUntil((screen) => {
        const rows = screen.split('\n').filter((line) => /· ok|▲ warn|✖ CRIT/.test(line)).length;
        return /30\/30 OK/.test(screen) && rows === 30 ? undefined : `${rows} of 30 instances on screen`;
      });
      const lines = huge.replace(/\n$/, '').split('\n');
      assert.ok(lines.length <= 100, `${lines.length} lines`);
      const wide = lines.find((line) => stringWidth(line) > 300);
      assert.equal(wide, undefined, 'no line wider than the terminal');
      pane.send('q');
      const { rc, modes } = afterExit(await pane.waitFor(ended));
      assert.equal(rc, 0);
      assert.ok(modes.includes('echo'), `echo restored: ${modes}`);
    } finally {
      pane.kill();
    }
  });

  test('a crash restores the terminal and says what happened', async () => {
    // A fault injected from outside the program: an exception thrown on a timer inside the process.
    const crash = join(String(cleanEnv().HOME), 'crash.mjs');
    // It fires once the grid is on screen (its first frame written), however slow the start.
    writeFileSync(
      crash,
      [
        'const write = process.stdout.write.bind(process.stdout);',
        'let armed = true;',
        'process.stdout.write = (chunk, ...rest) => {',
        "  if (armed && String(chunk).includes('INSTANCE')) {",
        '    armed = false;',
        "    setImmediate(() => { throw new Error('injected fault'); });",
        '  }',
        '  return write(chunk, ...rest);',
        '};',
      ].join('\n'),
    );
    const pane = launch({ columns: 120, rows: 30 }, { NODE_OPTIONS: `--import=${crash}` });
    try {
      // The fault fires only after the grid was drawn; by the time we look, the screen is restored.
      const screen = await pane.waitFor(ended);
      assert.match(screen, /gaussdb-top: unexpected failure: Error: injected fault/);
      const { rc, modes } = afterExit(screen);
      assert.equal(rc, 70);
      assert.ok(modes.includes('echo') && modes.includes('icanon'), `input mode restored: ${modes}`);
      assert.equal(pane.query('#{alternate_on}'), '0');
      assert.equal(pane.query('#{cursor_flag}'), '1');
      assert.equal(pane.query('#{pane_title}'), shellTitle, 'the title given back');
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
      assert.match(cmdline, /gaussdb-top/, 'the program itself, not a shell');
      assert.ok(!cmdline.includes(token), 'no token in the arguments');
      pane.send('q');
    } finally {
      pane.kill();
    }
  });
});

test('without a terminal on stdout the program prints once instead of drawing', async () => {
  const emulator = await startEmulator({ instances: 2, credentials: { token } });
  try {
    const result = await runCli([...targetFlags(emulator)], cleanEnv({ GAUSSDB_TOKEN: token }));
    assert.equal(result.code, 0);
    assert.equal(result.stdout.trimEnd().split('\n').length, 3);
    assert.ok(!result.stdout.includes('\u001B'), 'no escape sequences in a pipe');
  } finally {
    await emulator.close();
  }
});
