import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { binPath } from '../helpers/run-cli.js';
import { hasTmux, TmuxPane } from '../helpers/tmux.js';

const token = 'e2e-token-5d1c';
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A shell line that marks the terminal before and after, so we can see what gaussdb-top left behind.
 * CI is removed (not set to false) for the child: with CI in the environment at all, colour is off.
 */
function shellAround(args: string[]): string {
  const quoted = args.map((arg) => `'${arg}'`).join(' ');
  return `sh -c 'echo BEFORE; env -u CI GAUSSDB_TOKEN=${token} ${process.execPath} ${binPath} ${quoted.replaceAll("'", '')}; echo "AFTER rc=$?"; stty -a | tr " " "\\n" | grep -x -e echo -e icanon | tr "\\n" " "; echo; sleep 600'`;
}

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
      shellAround([
        '--endpoint',
        emulator.url,
        '--project-id',
        emulator.projectId,
        '--discover',
        '--interval',
        '1',
      ]),
    );
  });

  after(async () => {
    pane?.kill();
    await emulator?.close();
  });

  test('rows appear, the crit instance is marked and coloured, the title carries it', async () => {
    const screen = await pane.waitFor(/8\/8 OK/);
    for (const instance of emulator.instances)
      assert.ok(screen.includes(instance.name), `${instance.name} shown`);
    assert.equal(pane.query('#{alternate_on}'), '1', 'drawn in the alternate screen');
    const coloured =
      pane
        .capture(true)
        .split('\n')
        .find((line) => line.includes(critName)) ?? '';
    assert.match(coloured, /✖ CRIT/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for the red SGR code
    assert.match(coloured, /\u001B\[[0-9;]*(?:31|91|38;5;9|38;5;1)m[^\u001B]*✖ CRIT/);
    assert.equal(pane.query('#{pane_title}'), 'gaussdb-top: 1 CRIT');
  });

  test('p stops requests reaching the emulator and shows PAUSED; p again resumes', async () => {
    pane.send('p');
    await pane.waitFor(/❚❚ PAUSED/);
    await wait(300); // let a request already in flight land
    const before = emulator.stats().overviewRequests;
    await wait(2500); // more than two intervals
    assert.equal(emulator.stats().overviewRequests, before, 'nothing sent while paused');
    pane.send('p');
    await pane.waitFor(/● LIVE/);
    await wait(1500);
    assert.ok(emulator.stats().overviewRequests > before, 'polling resumed');
  });

  test('l switches labels and the X-Language the emulator receives', async () => {
    emulator.resetStats();
    pane.send('l');
    await pane.waitFor(/8 个实例 {2}8\/8 正常/);
    const deadline = Date.now() + 5000;
    while (!emulator.stats().languages['zh-cn'] && Date.now() < deadline) await wait(100);
    assert.ok(emulator.stats().languages['zh-cn'], 'requests now carry X-Language: zh-cn');
    pane.send('l');
    await pane.waitFor(/8 instances/);
  });

  test('resizing reflows at once; a tiny terminal says how much room it needs', async () => {
    pane.resize(50, 6);
    await pane.waitFor(/Terminal too small: need 60×8, have 50×6/);
    pane.resize(120, 30);
    const screen = await pane.waitFor(/8\/8 OK/);
    assert.ok(screen.split('\n').filter((line) => line.includes('· ok')).length >= 7);
  });

  test('q leaves the terminal as it was', async () => {
    pane.send('q');
    const screen = await pane.waitFor(/AFTER rc=0/);
    const modes = /AFTER rc=0\n(.*)/.exec(screen)?.[1]?.split(' ') ?? [];
    assert.ok(modes.includes('echo') && modes.includes('icanon'), `echo and line mode restored: ${modes}`);
    assert.match(screen, /^BEFORE\nAFTER rc=0/);
    assert.doesNotMatch(screen, /INSTANCE|LIVE/, 'nothing of the grid left on the main screen');
    assert.equal(pane.query('#{alternate_on}'), '0');
    assert.equal(pane.query('#{cursor_flag}'), '1', 'cursor visible');
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

  const endings: [string, (pane: TmuxPane) => void][] = [
    ['Ctrl-C', (pane) => pane.send('C-c')],
    ...(['TERM', 'HUP', 'INT'] as const).map((signal): [string, (pane: TmuxPane) => void] => [
      `SIG${signal}`,
      (pane) => {
        const shell = pane.query('#{pane_pid}');
        const node = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0] ?? '';
        process.kill(Number(node), `SIG${signal}`);
      },
    ]),
  ];

  for (const [name, end] of endings) {
    test(name, async () => {
      const pane = new TmuxPane(
        shellAround(['--endpoint', emulator.url, '--project-id', emulator.projectId, '--discover']),
      );
      try {
        await pane.waitFor(/3\/3 OK/);
        end(pane);
        const screen = await pane.waitFor(/AFTER rc=\d+\n.*\n/);
        assert.doesNotMatch(screen, /INSTANCE/, 'the grid is gone with the alternate screen');
        const modes = /AFTER rc=\d+\n(.*)/.exec(screen)?.[1]?.split(' ') ?? [];
        assert.ok(
          modes.includes('echo') && modes.includes('icanon'),
          `echo and line mode restored: ${modes}`,
        );
        assert.equal(pane.query('#{alternate_on}'), '0');
        assert.equal(pane.query('#{cursor_flag}'), '1', 'cursor visible');
      } finally {
        pane.kill();
      }
    });
  }
});
