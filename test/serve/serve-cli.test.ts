import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/free-port.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';
import { promtool, promtoolProblems, startServe } from '../helpers/serve-fixture.js';

const apiToken = 'Tok-Serve-Cli-7d3e90';
const webToken = 'web-token-for-serve-cli-3b8e1f';

function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return request(`http://${host}:${port}/healthz`).then(
    async (answer) => {
      await answer.body.dump();
      return true;
    },
    () => false,
  );
}

describe('gaussdb-top serve against the emulator', () => {
  let emulator: Emulator;
  let target: string[];
  const env = () => cleanEnv({ GAUSSDB_TOKEN: apiToken });
  const tokenFile = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-serve-')), 'web-token');
  writeFileSync(tokenFile, `${webToken}\n`, { mode: 0o600 });

  before(async () => {
    emulator = await startEmulator({ instances: 6, credentials: { token: apiToken } });
    target = [...targetFlags(emulator)];
  });
  after(() => emulator.close());

  test('beyond loopback without a token or --web-insecure: one line, exit 2, nothing bound, nothing asked', async () => {
    const port = await freePort();
    emulator.resetStats();
    for (const args of [
      ['--listen', `0.0.0.0:${port}`],
      ['--listen', `[::]:${port}`],
    ]) {
      const result = await runCli(['serve', ...target, ...args], env());
      assert.equal(result.code, 2, result.stderr);
      assert.match(
        result.stderr,
        /^gaussdb-top: --listen ".*" is reachable from other hosts: give --web-token-file FILE .* or --web-insecure\n$/,
      );
      assert.equal(result.stdout, '');
    }
    assert.equal(await portAnswers(port), false);
    assert.equal(emulator.stats().listRequests + emulator.stats().overviewRequests, 0);
    for (const [args, message] of [
      [['--listen', 'nowhere'], /--listen must be host:port .* got "nowhere"/],
      [['--listen', '127.0.0.1:70000'], /got "127.0.0.1:70000"/],
      [['--log-format', 'xml'], /--log-format must be .*got "xml"/],
      [['--web-token-file', '/nonexistent/token'], /cannot read web token file/],
    ] as const) {
      const result = await runCli(['serve', ...target, ...args], env());
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1);
    }
    const stray = await runCli([...target, '--once', '--listen', '127.0.0.1:9464'], env());
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /--listen needs the serve command/);
  });

  test('serves /metrics, the snapshot and the stream; two attached clients add no API requests', async () => {
    const serve = await startServe(
      [
        ...target,
        '--listen',
        '127.0.0.1:0',
        '--interval',
        '1',
        '--log-format',
        'json',
        '--web-token-file',
        tokenFile,
      ],
      env(),
    );
    try {
      const headers = { authorization: `Bearer ${webToken}` };
      const metricsText = async () => (await request(`${serve.url}/metrics`, { headers })).body.text();
      let metrics = '';
      const answered = async () => {
        metrics = await metricsText();
        return (metrics.match(/^gaussdb_sessions_total\{/gm) ?? []).length;
      };
      for (let tries = 0; (await answered()) < 6 && tries < 200; tries++)
        await new Promise((r) => setTimeout(r, 50));
      assert.equal((metrics.match(/^gaussdb_instance_up\{.*\} 1$/gm) ?? []).length, 6);
      const tool = promtool();
      if (tool) assert.equal(promtoolProblems(tool, metrics), '');
      // Two screens attach over the stream.
      const streams = await Promise.all([0, 1].map(() => request(`${serve.url}/api/v1/stream`, { headers })));
      const texts = ['', ''];
      streams.forEach((stream, index) => {
        stream.body.setEncoding('utf8');
        stream.body.on('data', (chunk: string) => {
          texts[index] += chunk;
        });
        stream.body.on('error', () => undefined);
      });
      await eventually(() =>
        texts.every((text) => text.includes('event: change')) ? undefined : 'no change yet',
      );
      // Every request the emulator saw is one the poller counted: the screens asked for nothing.
      const polled = (text: string) =>
        [...text.matchAll(/^gaussdb_api_requests_total\{outcome="[a-z]+"\} (\d+)$/gm)].reduce(
          (sum, match) => sum + Number(match[1]),
          0,
        );
      const sent = polled(await metricsText());
      assert.ok(sent >= 6);
      const seen = emulator.stats().overviewRequests;
      // The emulator counts a request when it arrives, the poller when it ends: at most one per
      // instance in flight, and one more round while the two are read.
      assert.ok(seen >= sent && seen <= sent + 2 * 6, `emulator ${seen}, poller ${sent}`);
      for (const stream of streams) stream.body.destroy();
      const snapshot = await (await request(`${serve.url}/api/v1/snapshot`, { headers })).body.text();
      const all = [metrics, snapshot, ...texts, serve.stderr()].join('\n');
      for (const secret of [apiToken, webToken]) assert.ok(!all.includes(secret), secret);
      const start = JSON.parse(serve.stderr().split('\n')[0] ?? '{}') as { event: string; instances: number };
      assert.deepEqual([start.event, start.instances], ['start', 6]);
    } finally {
      assert.equal(await serve.stop(), 143);
    }
  });
});
