import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { liveCommand } from '../helpers/live-command.js';
import { hasTmux, TmuxPane } from '../helpers/tmux.js';

const token = 'colour-token-61c2';

// biome-ignore lint/suspicious/noControlCharactersInRegex: reading SGR sequences
const sgr = /\u001B\[([0-9;]*)m/g;

/** The SGR parameters in a line, one list per sequence. */
function sgrParameters(line: string): number[][] {
  return [...line.matchAll(sgr)].map((match) => (match[1] || '0').split(';').map(Number));
}

/** Whether any SGR sequence in the text sets a foreground or background colour (not the defaults). */
function setsColour(text: string): boolean {
  return sgrParameters(text).some((parameters) =>
    parameters.some(
      (value, index) =>
        (value >= 30 && value <= 37) ||
        (value >= 40 && value <= 47) ||
        (value >= 90 && value <= 97) ||
        (value >= 100 && value <= 107) ||
        ((value === 38 || value === 48) && index === 0),
    ),
  );
}

const hasAttribute = (line: string, attribute: number) =>
  sgrParameters(line).some((parameters) => parameters.includes(attribute));

const plain = (line: string) => line.replace(sgr, '');

describe('colour and marks follow the terminal, in tmux', {
  skip: !hasTmux() && 'tmux is not installed',
}, () => {
  let emulator: Emulator;
  let critName: string;
  let failingName: string;
  before(async () => {
    emulator = await startEmulator({ instances: 4, credentials: { token } });
    const [crit, failing, ...rest] = emulator.instances;
    critName = crit?.name ?? '';
    failingName = failing?.name ?? '';
    emulator.pin(crit?.id ?? '', { total: 90, active: 10, slowSql: 0, lock: 42 });
    emulator.pin(failing?.id ?? '', { total: 20, active: 1, slowSql: 0, lock: 0 });
    for (const instance of rest) emulator.pin(instance.id, { total: 20, active: 1, slowSql: 0, lock: 0 });
  });
  after(() => emulator?.close());

  const open = (env: Record<string, string | undefined>, extra: string[] = []) =>
    new TmuxPane(
      liveCommand([...targetFlags(emulator), '--interval', '1', ...extra], { GAUSSDB_TOKEN: token, ...env }),
    );

  /** A screen with every row drawn, the failing instance failing (after it answered once). */
  async function settledScreen(pane: TmuxPane, crit: RegExp): Promise<string[]> {
    emulator.setFault(emulator.instances[1]?.id ?? '', undefined);
    await pane.waitFor(/4\/4 OK/);
    emulator.setFault(emulator.instances[1]?.id ?? '', { kind: 'status', status: 500 });
    const screen = await pane.waitUntil(
      (text) => {
        const lines = text.split('\n').map(plain);
        if (!lines.some((line) => line.includes(failingName) && /ERROR/.test(line)))
          return 'no failing row yet';
        if (!lines.some((line) => line.includes(critName) && crit.test(line))) return 'no crit row yet';
        return undefined;
      },
      30_000,
      true,
    );
    return screen.split('\n');
  }

  for (const [name, env, extra] of [
    ['--no-color', {}, ['--no-color']],
    ['NO_COLOR=1', { NO_COLOR: '1' }, []],
  ] as const) {
    test(`${name}: no colour at all, but the selection bar, an inverse PAUSED and dimmed stale values stay`, async () => {
      const pane = open(env, [...extra]);
      try {
        const lines = await settledScreen(pane, /✖ CRIT/);
        assert.ok(!setsColour(lines.join('\n')), `no colour: ${JSON.stringify(lines.slice(0, 6))}`);
        const selected = lines.find((line) => plain(line).startsWith('› ')) ?? '';
        assert.ok(hasAttribute(selected, 7), `the selected row is inverse: ${JSON.stringify(selected)}`);
        const failing = lines.find((line) => plain(line).includes(failingName)) ?? '';
        assert.ok(hasAttribute(failing, 2), `old values are dimmed: ${JSON.stringify(failing)}`);
        const crit = lines.find((line) => plain(line).includes(critName)) ?? '';
        assert.ok(hasAttribute(crit, 1), `CRIT is bold: ${JSON.stringify(crit)}`);
        pane.send('p');
        const header = (await pane.waitFor(/PAUSED/, 30_000, true)).split('\n')[0] ?? '';
        assert.ok(hasAttribute(header, 7), `PAUSED is inverse: ${JSON.stringify(header)}`);
        assert.ok(!setsColour(header));
      } finally {
        pane.kill();
      }
    });
  }

  test('CI set on a real terminal: colour follows TERM, not CI', async () => {
    const pane = open({ CI: 'true', TERM: 'screen-256color' });
    try {
      const lines = await settledScreen(pane, /✖ CRIT/);
      const crit = lines.find((line) => plain(line).includes(critName)) ?? '';
      assert.ok(setsColour(crit), `the CRIT row is coloured: ${JSON.stringify(crit)}`);
    } finally {
      pane.kill();
    }
  });

  for (const [name, env] of [
    ['TERM=dumb', { TERM: 'dumb' }],
    ['a locale without UTF-8 (LANG=C)', { LANG: 'C' }],
    ['LC_ALL=POSIX over a UTF-8 LANG', { LC_ALL: 'POSIX', LANG: 'en_US.UTF-8' }],
  ] as const) {
    test(`${name}: ASCII marks, as with --ascii`, async () => {
      const pane = open(env);
      try {
        const lines = (await settledScreen(pane, /X CRIT/)).map(plain);
        assert.ok(
          lines.some((line) => /^> \S/.test(line)),
          'ASCII selection mark',
        );
        const unicode = lines.join('\n').match(/[^\p{ASCII}\p{Script=Han}]/gu);
        assert.equal(unicode, null, `only ASCII marks: ${unicode?.join(' ')}`);
      } finally {
        pane.kill();
      }
    });
  }
});
