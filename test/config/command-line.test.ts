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
