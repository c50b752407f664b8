import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messages } from '../../source/i18n/index.js';
import { blockingTable } from '../../source/ui/drill/tab-blocking.js';
import { rowText } from '../../source/ui/drill/tab-table.js';
import { createTheme } from '../../source/ui/theme.js';
import { session } from '../helpers/fake-drill.js';

const shape = (ascii: boolean, sessions: ReturnType<typeof session>[]) =>
  blockingTable(sessions, 100, messages('en-us'), createTheme(false, ascii)).rows.map((row) => {
    const text = rowText(row);
    return text.slice(0, text.indexOf(' app@') + 0).trimEnd();
  });

test('the lock tree draws branches, last branches and the pipes that join a parent to its later waiters', () => {
  // A blocks B and D; B blocks C. A's waiters: B (longest first) then D.
  const sessions = [
    session('A', { query_runtime: 90_000 }),
    session('B', { block_session: 'A', query_runtime: 60_000 }),
    session('C', { block_session: 'B', query_runtime: 30_000 }),
    session('D', { block_session: 'A', query_runtime: 10_000 }),
  ];
  assert.deepEqual(shape(false, sessions), ['A', '├─ B', '│  └─ C', '└─ D']);
  assert.deepEqual(shape(true, sessions), ['A', '|- B', '|  `- C', '`- D']);
});

test('a chain is a staircase of last branches, and two roots each start at the left', () => {
  const sessions = [
    session('A', { query_runtime: 90_000 }),
    session('B', { block_session: 'A' }),
    session('C', { block_session: 'B' }),
    session('X', { query_runtime: 5_000 }),
    session('Y', { block_session: 'X' }),
  ];
  assert.deepEqual(shape(false, sessions), ['A', '└─ B', '   └─ C', 'X', '└─ Y']);
});
