import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import stringWidth from 'string-width';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { binPath } from '../helpers/run-cli.js';
import { hasTmux, TmuxPane } from '../helpers/tmux.js';

/** The real binary with a token the emulator does not take, in a pane of the given size. */
function launch(emulator: Emulator, size: { columns: number; rows: number }, extra: string[]): TmuxPane {
  const args = ['--endpoint', emulator.url, '--project-id', emulator.projectId, ...extra];
  return new TmuxPane(
    `sh -c 'env -u CI GAUSSDB_TOKEN=not-the-token ${process.execPath} ${binPath} ${args.join(' ')}; sleep 600'`,
    size,
  );
}

describe('the real binary in tmux with refused credentials', {
  skip: !hasTmux() && 'tmux is not installed',
}, () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ instances: 5, credentials: { token: 'the-token' } });
  });
  after(() => emulator?.close());

  const instances = () => emulator.instances.flatMap((instance) => ['--instance', instance.id]);

  for (const [language, refused] of [
    ['en-us', /^CREDENTIALS REFUSED, next try in \d+s/],
    ['zh-cn', /^凭证被拒绝/],
  ] as const) {
    test(`${language}, 60 columns: the first line says refused and when the next try is; r sends nothing`, async () => {
      emulator.resetStats();
      const pane = launch(emulator, { columns: 60, rows: 20 }, ['--lang', language, ...instances()]);
      try {
        const screen = await pane.waitFor(refused);
        assert.match(screen.split('\n')[0] ?? '', refused);
        assert.ok(
          screen.split('\n').every((line) => stringWidth(line) <= 60),
          'every line within 60 cells',
        );
        assert.equal(emulator.stats().unauthorized, 2, 'a first 401 and a second, from another instance');
        for (let press = 0; press < 6; press++) pane.send('r');
        await pane.waitFor(refused);
        assert.equal(emulator.stats().unauthorized, 2, 'r sends nothing while the token rests');
      } finally {
        pane.kill();
      }
    });
  }

  for (const [language, failed, empty] of [
    ['en-us', /^DISCOVERY FAILED/, /No instances yet/],
    ['zh-cn', /^实例发现失败|^发现失败/, /暂无实例/],
  ] as const) {
    test(`${language}: a refused listing keeps the screen up, says DISCOVERY FAILED and why the grid is empty`, async () => {
      const pane = launch(emulator, { columns: 60, rows: 20 }, ['--lang', language, '--discover']);
      try {
        const screen = await pane.waitFor(failed);
        assert.match(screen, empty, 'an empty grid says why, not "no instance matches the filter"');
      } finally {
        pane.kill();
      }
    });
  }
});
