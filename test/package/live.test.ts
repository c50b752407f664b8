import assert from 'node:assert/strict';
import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { afterExit, ended, liveCommand, shellTitle } from '../helpers/live-command.js';
import {
  ensureRelease,
  fileFor,
  pathWithoutNode,
  removeTemporaries,
  runFile,
  temporaryDirectory,
  version,
} from '../helpers/release.js';
import { hasTmux, TmuxPane } from '../helpers/tmux.js';

/** The programs (their /proc/<pid>/exe) of running processes that lie under `directory`. */
function programsUnder(directory: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const program = readlinkSync(`/proc/${pid}/exe`);
      if (program.startsWith(directory)) found.push(program);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

describe('the x64 single file draws the live demo in tmux, no node on PATH', {
  skip: !hasTmux() && 'tmux is not installed',
}, () => {
  let pane: TmuxPane;
  let home = '';

  before(
    async () => {
      ensureRelease();
      const path = pathWithoutNode();
      home = temporaryDirectory('home');
      // Unpacked beforehand: on a terminal the first run says so on stderr, before the screen opens.
      assert.equal((await runFile(fileFor('x64'), ['--version'], { path, home })).code, 0);
      const bare = ['env', '-i', `PATH=${path}`, `HOME=${home}`, 'TERM=xterm-256color', 'LANG=C.UTF-8'];
      pane = new TmuxPane(liveCommand(['--demo'], {}, [...bare, fileFor('x64')]), { columns: 120, rows: 30 });
    },
    { timeout: 20 * 60_000 },
  );

  after(() => {
    pane?.kill();
    removeTemporaries();
  });

  test('the first frame shows every demo instance', async () => {
    await pane.waitFor(/DEMO .* 12\/12 OK/);
    assert.equal(pane.query('#{alternate_on}'), '1');
  });

  test('the screen is drawn by the unpacked runtime', () => {
    const cache = join(home, '.cache/gaussdb-top');
    assert.deepEqual(
      programsUnder(cache).map((program) => program.slice(cache.length).replace(/-[0-9a-f]{12}\//, '-*/')),
      [`/gaussdb-top-${version}-linux-x64-*/node`],
    );
  });

  test('q leaves the terminal as it was, exit status 0', async () => {
    pane.send('q');
    const screen = await pane.waitFor(ended);
    const { rc, modes } = afterExit(screen);
    assert.equal(rc, 0);
    assert.ok(modes.includes('echo') && modes.includes('icanon'), `echo and line mode restored: ${modes}`);
    assert.match(screen, /^BEFORE\nAFTER rc=0/);
    assert.equal(pane.query('#{alternate_on}'), '0');
    assert.equal(pane.query('#{cursor_flag}'), '1', 'cursor visible');
    assert.equal(pane.query('#{pane_title}'), shellTitle, 'the title given back');
  });
});
