import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockingPairs, type LockLine, lockForest } from '../../source/drill/lock-tree.js';
import type { Session } from '../../source/drill/types.js';
import { session } from '../helpers/fake-drill.js';

/** Sessions that differ only in who they wait on and how long they have run. */
const s = (id: string, blocker: string | null = null, runtime: number | null = 1000): Session =>
  session(id, { block_session: blocker, query_runtime: runtime });

/** The lines as `depth id [count] flags`, easy to compare. */
const drawn = (lines: readonly LockLine[]) =>
  lines.map(
    (line) =>
      `${'  '.repeat(line.depth)}${line.sessionId} ${line.blockedCount}${line.cycle ? ' cycle' : ''}${line.notListed ? ' not-listed' : ''}`,
  );

test('a chain shows as a chain: A blocks B blocks C', () => {
  const forest = lockForest([s('C', 'B'), s('B', 'A'), s('A'), s('idle')]);
  assert.deepEqual(drawn(forest.lines), ['A 2', '  B 1', '    C 0']);
  assert.equal(forest.cycles, 0);
});

test('several blockers: the one blocking most comes first, then the longest wait; waiters likewise', () => {
  const forest = lockForest([
    s('X'),
    s('x1', 'X', 100),
    s('Y'),
    s('y1', 'Y', 100),
    s('y2', 'Y', 9000),
    s('Z'),
    s('z1', 'Z', 50_000),
  ]);
  assert.deepEqual(drawn(forest.lines), ['Y 2', '  y2 0', '  y1 0', 'Z 1', '  z1 0', 'X 1', '  x1 0']);
  assert.deepEqual(blockingPairs([s('x1', 'X'), s('X')], lockForest([s('x1', 'X'), s('X')])), [
    { session_id: 'X', waiters: ['x1'] },
  ]);
});

test('a cycle is drawn once, every member marked, with its own waiters hanging off it', () => {
  const sessions = [s('P', 'Q'), s('Q', 'R'), s('R', 'P'), s('w', 'Q')];
  const forest = lockForest(sessions);
  assert.equal(forest.cycles, 3);
  assert.equal(forest.lines.filter((line) => line.sessionId === 'P').length, 1, 'shown once');
  assert.deepEqual(drawn(forest.lines), ['P 3 cycle', '  R 2 cycle', '    Q 1 cycle', '      w 0']);
  // The JSON keeps every wait, the one that closes the cycle too.
  assert.deepEqual(
    blockingPairs(sessions, forest).sort((a, b) => a.session_id.localeCompare(b.session_id)),
    [
      { session_id: 'P', waiters: ['R'] },
      { session_id: 'Q', waiters: ['P', 'w'] },
      { session_id: 'R', waiters: ['Q'] },
    ],
  );
});

test('a session blocking itself is a cycle of one', () => {
  const forest = lockForest([s('S', 'S'), s('t', 'S')]);
  assert.deepEqual(drawn(forest.lines), ['S 1 cycle', '  t 0']);
  assert.equal(forest.cycles, 1);
});

test('waiters on a session the list does not hold hang under a placeholder for it', () => {
  const forest = lockForest([s('a', 'gone'), s('b', 'gone'), s('c', 'a'), s('H'), s('h1', 'H')]);
  assert.deepEqual(drawn(forest.lines), ['gone 3 not-listed', '  a 1', '    c 0', '  b 0', 'H 1', '  h1 0']);
  assert.equal(forest.roots[0]?.session, null);
});

test('no waits, no forest; duplicates and missing runtimes do not break it', () => {
  assert.deepEqual(lockForest([s('a'), s('b')]).lines, []);
  assert.deepEqual(lockForest([]).lines, []);
  const forest = lockForest([s('a', null, null), s('b', 'a', null), s('b', 'x', null)]);
  assert.deepEqual(drawn(forest.lines), ['a 1', '  b 0']);
});

test('200 sessions: one long chain, a storm on one holder, and every waiter drawn exactly once', () => {
  const sessions: Session[] = [s('root')];
  for (let index = 1; index < 100; index++)
    sessions.push(s(`c${index}`, index === 1 ? 'root' : `c${index - 1}`));
  sessions.push(s('holder'));
  for (let index = 0; index < 99; index++)
    sessions.push(s(`w${index}`, index % 10 === 9 ? 'unlisted' : 'holder', index));
  assert.equal(sessions.length, 200);
  const forest = lockForest(sessions);
  const counts = new Map<string, number>();
  for (const line of forest.lines) counts.set(line.sessionId, (counts.get(line.sessionId) ?? 0) + 1);
  assert.ok([...counts.values()].every((count) => count === 1));
  assert.equal(forest.lines.length, 201, 'every session once, plus one placeholder');
  assert.equal(forest.roots[0]?.sessionId, 'root', 'the chain blocks 99');
  assert.equal(forest.roots[0]?.blockedCount, 99);
  assert.equal(forest.lines.find((line) => line.sessionId === 'c99')?.depth, 99);
  assert.equal(forest.roots[1]?.sessionId, 'holder');
  assert.equal(forest.roots[1]?.blockedCount, 90);
  assert.equal(forest.roots[2]?.blockedCount, 9);
  assert.equal(forest.roots[2]?.notListed, true);
});

test('blocking pairs keep every wait of a chain deeper than the tree is drawn', () => {
  const chain = Array.from({ length: 1000 }, (_, index) =>
    s(String(index), index === 0 ? null : String(index - 1)),
  );
  const pairs = blockingPairs(chain, lockForest(chain));
  assert.equal(
    pairs.reduce((sum, pair) => sum + pair.waiters.length, 0),
    999,
  );
});
