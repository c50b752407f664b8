import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import stringWidth from 'string-width';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { fit } from '../../source/ui/format.js';
import { footerHints } from '../../source/ui/key-help.js';
import { isReplayAction } from '../../source/ui/replay-keys.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { liveCommand } from '../helpers/live-command.js';
import { hasTmux, TmuxPane } from '../helpers/tmux.js';

const token = 'resize-token-0b7e';
// The live screen's footer: a replay's timeline keys are not offered there.
const fullFooter = `sort: severity  ${footerHints('en-us', 'grid', (action) => !isReplayAction(action))}`;
// biome-ignore lint/suspicious/noControlCharactersInRegex: cursor home, then erase down
const fullRepaint = /\u001B\[(?:1;1)?H\u001B\[0?J/g;

/**
 * What is wrong with a screen of the grid `columns` wide, line by line, or undefined: the header's two
 * lines on top, the headings, one row per instance, blank rows, then exactly one footer at the bottom.
 */
function frameProblem(screen: string, instances: number, columns: number): string | undefined {
  const lines = screen.replace(/\n$/, '').split('\n');
  // The footer is cut at the pane's width: proof that this frame was drawn for this width.
  const footer = fit(fullFooter, columns).trimEnd();
  if (lines.at(-1) !== footer) return `the last line is not the footer cut at ${columns}: ${lines.at(-1)}`;
  if (!/^gaussdb-top /.test(lines[0] ?? '')) return `line 1 is not the header: ${lines[0]}`;
  if (!/^Σ total \d+ {2}active \d+/.test(lines[1] ?? '')) return `line 2 lacks the sums: ${lines[1]}`;
  if (!/^ {2}INSTANCE\s+(?:ID\s+)?LEVEL/.test(lines[2] ?? ''))
    return `line 3 is not the headings: ${lines[2]}`;
  const rows = lines.slice(3, 3 + instances);
  const badRow = rows.find((line) => !/^[› ] \S.*(?:· ok|✖ CRIT)/.test(line));
  if (badRow !== undefined) return `not an instance row: ${badRow}`;
  const rest = lines.slice(3 + instances, -1);
  const leftover = rest.find((line) => line.trim() !== '');
  if (leftover !== undefined) return `left over below the rows: ${leftover}`;
  if (lines.filter((line) => line.startsWith('sort: ')).length !== 1) return 'more than one footer';
  const wide = lines.find((line) => stringWidth(line) > columns);
  if (wide !== undefined) return `wider than ${columns}: ${wide}`;
  return undefined;
}

describe('width-only resizes in tmux', { skip: !hasTmux() && 'tmux is not installed' }, () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ instances: 8, credentials: { token } });
    for (const [index, instance] of emulator.instances.entries())
      emulator.pin(
        instance.id,
        index === 2 ? { total: 90, active: 60, slowSql: 20, lock: 42 } : { total: 20 },
      );
  });
  after(() => emulator?.close());

  test('after every resize the whole screen is redrawn: no old rows, no second footer', async () => {
    const pane = new TmuxPane(
      liveCommand([...targetFlags(emulator), '--interval', '1'], {
        GAUSSDB_TOKEN: token,
      }),
      { columns: 120, rows: 30 },
    );
    const log = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-resize-')), 'pane.log');
    try {
      await pane.waitUntil((screen) => frameProblem(screen, 8, 120));
      writeFileSync(log, '');
      pane.record(log);
      let resizes = 0;
      // Each resize starts a frame drawn from the top of a cleared screen, not patched onto the old one.
      const repainted = async (columns: number) => {
        resizes++;
        await pane.waitUntil((screen) => {
          const repaints = readFileSync(log, 'latin1').match(fullRepaint)?.length ?? 0;
          if (repaints < resizes) return `${repaints} full repaints after ${resizes} resizes`;
          return frameProblem(screen, 8, columns);
        });
      };
      for (const columns of [80, 120, 100, 64, 90, 120]) {
        pane.resize(columns, 30);
        await repainted(columns);
      }
      // A second pane beside ours: resize-pane changes our width alone, as dragging a border does.
      pane.command('split-window', '-h', '-d', '-t', 'main:0.0', '-l', '30', 'exec sleep 600');
      const paneWidth = () => Number(pane.query('#{pane_width}'));
      await repainted(paneWidth());
      for (const columns of [70, 85]) {
        pane.command('resize-pane', '-t', 'main:0.0', '-x', String(columns));
        assert.equal(paneWidth(), columns);
        await repainted(columns);
      }
    } finally {
      pane.kill();
    }
  });
});
