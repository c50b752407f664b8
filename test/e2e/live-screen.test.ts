import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { eventually, settled } from '../helpers/eventually.js';
import { afterExit, ended, liveCommand, shellTitle } from '../helpers/live-command.js';
import { hasTmux, TmuxPane } from '../helpers/tmux.js';

const token = 'e2e-token-5d1c';

/** Shows the pane's title in tmux's window list, for gaussdb-top only (the README's recipe). */
const titleInWindowList: [string, string] = [
  'automatic-rename-format',
  '#{?#{m:gaussdb-top*,#{pane_title}},#{pane_title},#{pane_current_command}}',
];

describe('the real binary in tmux against the emulator', {
  skip: !hasTmux() && 'tmux is not installed',
}, () => {
  let emulator: Emulator;
  let pane: TmuxPane;
  let critName: string;

  before(async () => {
    emulator = await startEmulator({ instances: 8, credentials: { token } });
    const crit = emulator.instances[3];
    critName = crit?.name ?? '';
    emulator.pin(crit?.id ?? '', { total: 90, active: 60, slowSql: 0, lock: 42 });
    for (const instance of emulator.instances) {
      if (instance !== crit) emulator.pin(instance.id, { total: 20, active: 2, slowSql: 0, lock: 0 });
    }
    pane = new TmuxPane(
      liveCommand([...targetFlags(emulator), '--interval', '1'], { GAUSSDB_TOKEN: token }),
      { columns: 120, rows: 30 },
      [titleInWindowList, ['set-clipboard', 'on']],
    );
  });

  after(async () => {
    pane?.kill();
    await emulator?.close();
  });

  test('rows appear, the crit instance is marked and coloured, the title carries it', async () => {
    await pane.waitUntil((screen) => {
      const missing = emulator.instances.find((instance) => !screen.includes(instance.name));
      if (missing) return `${missing.name} not shown`;
      return /8\/8 OK/.test(screen) ? undefined : 'not every instance answered yet';
    });
    assert.equal(pane.query('#{alternate_on}'), '1', 'drawn in the alternate screen');
    const coloured =
      pane
        .capture(true)
        .split('\n')
        .find((line) => line.includes(critName)) ?? '';
    assert.match(coloured, /✖ CRIT/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for the red SGR code
    assert.match(coloured, /\u001B\[[0-9;]*(?:31|91|38;5;9|38;5;1)m[^\u001B]*✖ CRIT/);
    await eventually(() => {
      const title = pane.query('#{pane_title}');
      return title === 'gaussdb-top: 1 CRIT' ? undefined : `pane title ${title}`;
    });
    // With the README's tmux option, the window list shows it too.
    await eventually(() => {
      const name = pane.query('#{window_name}');
      return name === 'gaussdb-top: 1 CRIT' ? undefined : `window name ${name}`;
    });
  });

  test('p stops requests reaching the emulator and shows PAUSED; p again resumes', async () => {
    pane.send('p');
    await pane.waitFor(/❚❚ PAUSED/);
    // Unpaused, 8 instances at a 1 s interval send about 8 requests a second: 2.5 s without one
    // (more than two intervals) shows that nothing leaves while paused.
    const whilePaused = await settled(() => emulator.stats().overviewRequests, 2500);
    pane.send('p');
    await pane.waitFor(/● LIVE/);
    await eventually(() =>
      emulator.stats().overviewRequests > whilePaused ? undefined : 'no request since resuming',
    );
  });

  test('l switches labels and the X-Language the emulator receives', async () => {
    emulator.resetStats();
    pane.send('l');
    await pane.waitFor(/8 个实例 {2}8\/8 正常/);
    await eventually(() => (emulator.stats().languages['zh-cn'] ? undefined : 'no X-Language: zh-cn yet'));
    pane.send('l');
    await pane.waitFor(/8 instances/);
  });

  test('resizing reflows at once; a tiny terminal says how much room it needs', async () => {
    pane.resize(50, 6);
    await pane.waitFor(/Terminal too small: need 60×8, have 50×6/);
    pane.resize(120, 30);
    await pane.waitUntil((screen) => {
      const rows = screen.split('\n').filter((line) => /· ok|✖ CRIT/.test(line)).length;
      return /8\/8 OK/.test(screen) && rows === 8 ? undefined : `${rows} rows`;
    });
  });

  test('y puts the selected instance id on the clipboard through tmux (OSC 52, set-clipboard on)', async () => {
    const selected = /^› (\S+)/m.exec(pane.capture())?.[1];
    const id = emulator.instances.find((instance) => instance.name === selected)?.id;
    assert.ok(id, `a selected row: ${selected}`);
    pane.send('y');
    await pane.waitFor(/copied id /);
    await eventually(() => {
      const buffer = pane.command('show-buffer');
      return buffer === id ? undefined : `tmux buffer: ${buffer}`;
    });
  });

  test('q leaves the terminal as it was, exit status 0', async () => {
    pane.send('q');
    const screen = await pane.waitFor(ended);
    const { rc, modes } = afterExit(screen);
    assert.equal(rc, 0);
    assert.ok(modes.includes('echo') && modes.includes('icanon'), `echo and line mode restored: ${modes}`);
    assert.match(screen, /^BEFORE\nAFTER rc=0/);
    assert.doesNotMatch(screen, /INSTANCE|LIVE/, 'nothing of the grid left on the main screen');
    assert.equal(pane.query('#{alternate_on}'), '0');
    assert.equal(pane.query('#{cursor_flag}'), '1', 'cursor visible');
    assert.equal(pane.query('#{pane_title}'), shellTitle, 'the title given back');
  });
});

describe('the terminal is restored however the program ends', {
  skip: !hasTmux() && 'tmux is not installed',
}, () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ instances: 3, credentials: { token } });
  });
  after(() => emulator?.close());

  const signal = (name: NodeJS.Signals) => (pane: TmuxPane) => {
    const shell = pane.query('#{pane_pid}');
    const node = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0] ?? '';
    process.kill(Number(node), name);
  };
  // Ctrl-C and SIGINT exit 130 like other tools; SIGTERM and SIGHUP 128 + their number.
  const endings: [string, (pane: TmuxPane) => void, number][] = [
    ['Ctrl-C', (pane) => pane.send('C-c'), 130],
    ['SIGINT', signal('SIGINT'), 130],
    ['SIGTERM', signal('SIGTERM'), 143],
    ['SIGHUP', signal('SIGHUP'), 129],
  ];

  for (const [name, end, expected] of endings) {
    test(`${name}: exit status ${expected}; screen, cursor, input mode and title given back`, async () => {
      const pane = new TmuxPane(
        liveCommand([...targetFlags(emulator)], {
          GAUSSDB_TOKEN: token,
        }),
      );
      try {
        await pane.waitFor(/3\/3 OK/);
        await eventually(() => {
          const title = pane.query('#{pane_title}');
          return title.startsWith('gaussdb-top: ') ? undefined : `pane title ${title}`;
        });
        end(pane);
        const screen = await pane.waitFor(ended);
        assert.doesNotMatch(screen, /INSTANCE/, 'the grid is gone with the alternate screen');
        const { rc, modes } = afterExit(screen);
        assert.equal(rc, expected);
        assert.ok(
          modes.includes('echo') && modes.includes('icanon'),
          `echo and line mode restored: ${modes}`,
        );
        assert.equal(pane.query('#{alternate_on}'), '0');
        assert.equal(pane.query('#{cursor_flag}'), '1', 'cursor visible');
        assert.equal(pane.query('#{pane_title}'), shellTitle, 'the title given back');
      } finally {
        pane.kill();
      }
    });
  }
});
