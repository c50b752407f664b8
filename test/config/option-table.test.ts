import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseCommandLine } from '../../source/config/command-line.js';
import { parseConfigText, targetKeys, topLevelKeys } from '../../source/config/config-schema.js';
import { flagUsage, helpText } from '../../source/config/help-text.js';
import { numberRule } from '../../source/config/option-checks.js';
import { flagName, optionList, options } from '../../source/config/options.js';
import { flagNumber, resolveOptions } from '../../source/config/settings.js';
import { runCli } from '../helpers/run-cli.js';

const messageOf = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  return assert.fail('accepted');
};

test('every number option: the flag and the config key refuse the same values in the same words', () => {
  for (const [name, option] of optionList) {
    if (option.type !== 'number') continue;
    const flag = `--${flagName(name)}`;
    const outside = [option.min - (option.integer ? 1 : option.min / 10 || 0.5)];
    if (option.max !== undefined) outside.push(option.max + (option.integer ? 1 : 0.5));
    if (option.integer) outside.push(option.min + 0.5);
    for (const value of outside) {
      const fromFlag = messageOf(() => flagNumber(name as 'rate', { [name]: String(value) } as never));
      const rule = fromFlag.replace(`${flag} `, '').replace(/, got .*$/, '');
      assert.match(rule, /^must be /, fromFlag);
      if (!option.config) continue;
      assert.equal(
        messageOf(() => parseConfigText(`${option.config} = ${value}\n`, 'config.toml')),
        `config.toml:1: ${option.config}: ${rule}, got ${value}`,
      );
    }
    const inside = option.max ?? option.min;
    assert.equal(flagNumber(name as 'rate', { [name]: String(inside) } as never), inside);
    if (option.config) {
      const parsed = parseConfigText(`${option.config} = ${inside}\n`, 'config.toml');
      assert.equal((parsed as Record<string, unknown>)[option.config], inside);
    }
  }
});

test('defaults come from the table', () => {
  const resolved = resolveOptions(
    { once: true, json: false, demo: false, color: true, ascii: false },
    {},
    {},
  );
  assert.equal(resolved.intervalMs, options.interval.default * 1000);
  assert.equal(resolved.rate, options.rate.default);
  assert.equal(resolved.concurrency, options.concurrency.default);
  assert.equal(resolved.timeoutMs, options.timeout.default * 1000);
  assert.equal(resolved.maxInstances, options.maxInstances.default);
});

test('the config file has a key for every option that names one, and no other', () => {
  const configKeys = optionList.flatMap(([, option]) => (option.config ? [option.config] : []));
  assert.deepEqual([...topLevelKeys].sort(), [...configKeys, 'targets', 'thresholds'].sort());
  const perTarget = optionList.flatMap(([, option]) =>
    option.config && 'perTarget' in option ? [option.config] : [],
  );
  assert.deepEqual([...targetKeys].sort(), perTarget.sort());
});

test('meow reads every flag of the table by its kebab name', () => {
  for (const [name, option] of optionList) {
    const flag = `--${flagName(name)}`;
    const argv =
      option.type === 'switch'
        ? [flag]
        : [flag, '7', ...(option.type === 'text' && option.multiple ? [flag, '8'] : [])];
    const command = parseCommandLine(argv);
    assert.equal(command.kind, 'run', flag);
    const flags = (command as { flags: Record<string, unknown> }).flags;
    const expected =
      option.type === 'switch' ? true : option.type === 'text' && option.multiple ? ['7', '8'] : '7';
    assert.deepEqual(flags[name], expected, flag);
    if (option.type === 'switch' && option.default === true) {
      const off = parseCommandLine([`--no-${flagName(name)}`]);
      assert.equal((off as { flags: Record<string, unknown> }).flags[name], false);
    }
  }
});

test('--help lists every option once, with its default and bounds', () => {
  const text = helpText();
  const optionLines = text.split('\n').filter((line) => /^ {4}--/.test(line));
  for (const [name, option] of optionList) {
    const usage = flagUsage(name, option);
    const lines = optionLines.filter((line) => line.startsWith(`    ${usage} `));
    assert.equal(lines.length, 1, usage);
    if (option.type === 'number' && option.default !== undefined) {
      assert.match(lines[0] ?? '', new RegExp(`default ${option.default};`), usage);
    }
  }
  assert.equal(optionLines.length, optionList.length + 2, 'the options, --help and --version, nothing else');
});

test("the README's Options table lists every option but the emulator's, with the table's defaults", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Options'), readme.indexOf('## Credentials'));
  const rows = section.split('\n').filter((line) => line.startsWith('| `--'));
  for (const [name, option] of optionList) {
    if (option.section === 'emulator') continue;
    const usage = flagUsage(name, option).replace(/ <.*>$/, '');
    const row = rows.filter((line) => new RegExp(`\`${usage}[ \`]`).test(line.split(' | ')[0] ?? ''));
    assert.equal(row.length, 1, `${usage} in one row of the README's Options table`);
    if (option.type === 'number' && option.default !== undefined) {
      assert.equal(row[0]?.split(' | ').at(-1)?.replace(/ \|$/, ''), String(option.default), usage);
    }
  }
  const emulator = readme.slice(readme.indexOf('## The emulator'), readme.indexOf('## Development'));
  for (const [name, option] of optionList) {
    if (option.section === 'emulator') assert.ok(emulator.includes(`--${flagName(name)}`), name);
  }
});

test("the emulator's flags are refused at the table's bounds, in the table's words", async () => {
  for (const [name, option] of optionList) {
    if (option.section !== 'emulator' || option.type !== 'number') continue;
    const flag = `--${flagName(name)}`;
    const value = String(option.max === undefined ? option.min / 10 - 1 : option.max + 1);
    const extra = name === 'churnPeriod' ? ['--churn', '0.5'] : [];
    const result = await runCli(['emulator', ...extra, flag, value]);
    assert.equal(result.code, 2, `${flag} ${value}: ${result.stderr}`);
    assert.equal(result.stderr, `gaussdb-top: ${flag} must be ${numberRule(option)}, got "${value}"\n`);
  }
});
