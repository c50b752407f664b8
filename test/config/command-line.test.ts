import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommandLine } from '../../source/config/command-line.js';

function run(argv: string[]) {
  const command = parseCommandLine(argv);
  assert.equal(command.kind, 'run');
  return command.kind === 'run' ? command : assert.fail();
}

test('flags by their kebab names, values separate or after =, repeatable ones collected', () => {
  const { flags, input } = run([
    '--project-id',
    'p',
    '--endpoint=https://x',
    '--instance',
    'a',
    '--instance=b',
    '--warn',
    'lock=5',
    '--once',
    '--no-color',
    'emulator',
  ]);
  assert.equal(flags.projectId, 'p');
  assert.equal(flags.endpoint, 'https://x');
  assert.deepEqual(flags.instance, ['a', 'b']);
  assert.deepEqual(flags.warn, ['lock=5']);
  assert.equal(flags.once, true);
  assert.equal(flags.color, false);
  assert.deepEqual(input, ['emulator']);
});

test('defaults for the switches; nothing else is invented', () => {
  const { flags, input } = run([]);
  assert.deepEqual(flags, {
    once: false,
    json: false,
    demo: false,
    color: true,
    ascii: false,
  });
  assert.deepEqual(input, []);
});

test('help and version win wherever they stand', () => {
  assert.equal(parseCommandLine(['--once', '--help']).kind, 'help');
  assert.equal(parseCommandLine(['--version', '--bogus']).kind, 'version');
});

test('mistakes are one clear message naming the flag', () => {
  const cases: [string[], RegExp][] = [
    [['--bogus'], /^unknown flag --bogus \(see --help\)$/],
    [['-x'], /^unknown flag -x /],
    [['--no-endpoint'], /^unknown flag --no-endpoint /],
    [['--endpoint'], /^--endpoint needs a value/],
    [['--once=yes'], /^--once takes no value$/],
    [['--interval', '1', '--interval', '2'], /^--interval can only be set once$/],
    [['--token', 's3cret'], /^--token is not accepted: secrets never go on the command line/],
    [['--sk=s3cret'], /^--sk is not accepted/],
  ];
  for (const [argv, pattern] of cases) {
    assert.throws(() => parseCommandLine(argv), { message: pattern }, argv.join(' '));
    try {
      parseCommandLine(argv);
    } catch (error) {
      assert.ok(!(error as Error).message.includes('s3cret'), 'a secret is never echoed');
    }
  }
});

test('after --, everything is an argument', () => {
  assert.deepEqual(run(['--', '--once']).input, ['--once']);
});

test("meow's leniencies are refused before it parses: every mistake is named as typed", () => {
  const cases: [string[], string][] = [
    [['--iamEndpoint', 'x'], 'unknown flag --iamEndpoint (see --help)'],
    [['--no-bogus'], 'unknown flag --no-bogus (see --help)'],
    [['-abc'], 'unknown flag -abc (see --help)'],
    [['--endpoint', '--once'], '--endpoint needs a value (see --help)'],
    [['--once', '--rate'], '--rate needs a value (see --help)'],
    [['--no-once=1'], '--no-once takes no value'],
    [['--once', 'false'], '--once takes no value'],
    [['--discover', 'true', 'emulator'], '--discover takes no value'],
    [['--warn', 'lock=1', '--crit'], '--crit needs a value (see --help)'],
    [['--lang', 'zh-cn', '--lang=en-us'], '--lang can only be set once'],
    [['--\u001b]0;pwned\u0007'], 'unknown flag --\uFFFD]0;pwned\uFFFD (see --help)'],
  ];
  for (const [argv, message] of cases) {
    assert.throws(() => parseCommandLine(argv), { message }, JSON.stringify(argv));
  }
});

test('values as meow reads them: negative numbers, switches turned off, arguments after a switch', () => {
  assert.equal(run(['--rate', '-1']).flags.rate, '-1');
  assert.equal(run(['--no-ascii']).flags.ascii, false);
  const spelled = run(['--no-once', 'false', '--discover', 'emulator']);
  assert.equal(spelled.flags.once, false);
  assert.equal(spelled.flags.discover, true);
  assert.deepEqual(spelled.input, ['false', 'emulator']);
  assert.deepEqual(run(['--instance', 'a', '--', '--instance', 'b']).flags.instance, ['a']);
  assert.equal(run(['--endpoint=']).flags.endpoint, '');
});
