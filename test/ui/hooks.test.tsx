import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { afterEach, test } from 'node:test';
import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { useGridScroll } from '../../source/ui/hooks/use-grid-scroll.js';
import { useViewState, type ViewStateHandle } from '../../source/ui/hooks/use-view-state.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers, flushPromises } from '../helpers/fake-timers.js';

afterEach(() => cleanup());

const rows = (count: number) => Array.from({ length: count }, (_, index) => ({ key: `r${index}` }));

function Scroll(props: { rows: { key: string }[]; selectedKey: string | null; pageSize: number }) {
  const { top, selectedIndex, selected } = useGridScroll(props.rows, props.selectedKey, props.pageSize);
  return <Text>{`${top} ${selectedIndex} ${selected?.key ?? '-'}`}</Text>;
}

test('grid scrolling keeps the selection in view and moves the window no further than it must', () => {
  const all = rows(100);
  const ui = render(<Scroll rows={all} selectedKey="r15" pageSize={10} />);
  assert.equal(ui.lastFrame(), '6 15 r15', 'scrolled just far enough down');
  ui.rerender(<Scroll rows={all} selectedKey="r12" pageSize={10} />);
  assert.equal(ui.lastFrame(), '6 12 r12', 'still visible: the window stays');
  ui.rerender(<Scroll rows={all} selectedKey="r3" pageSize={10} />);
  assert.equal(ui.lastFrame(), '3 3 r3', 'scrolled just far enough up');
  ui.rerender(<Scroll rows={rows(5)} selectedKey="r3" pageSize={10} />);
  assert.equal(ui.lastFrame(), '0 3 r3', 'fewer rows than a page: from the top');
  ui.rerender(<Scroll rows={all} selectedKey="gone" pageSize={10} />);
  assert.equal(ui.lastFrame(), '0 0 r0', 'an instance that left: the first row');
  ui.rerender(<Scroll rows={[]} selectedKey={null} pageSize={10} />);
  assert.equal(ui.lastFrame(), '0 0 -');
});

function ViewProbe(props: {
  clock: FakeClock;
  timers: FakeTimers;
  onRender: (handle: ViewStateHandle) => void;
}) {
  const handle = useViewState(props.clock, props.timers);
  props.onRender(handle);
  return <Text>{`${handle.view.frozen ? 'held' : 'free'} ${handle.view.notice?.text ?? ''}`}</Text>;
}

test('a held order and a notice end on the injected timers, not on real time', async () => {
  const clock = new FakeClock(1000);
  const timers = new FakeTimers(clock);
  let handle: ViewStateHandle | undefined;
  const ui = render(<ViewProbe clock={clock} timers={timers} onRender={(rendered) => (handle = rendered)} />);
  handle?.dispatch({ type: 'select', key: 'a', order: ['a', 'b'], now: clock.monotonic(), freezeMs: 3000 });
  handle?.dispatch({ type: 'notice', text: 'copied', until: clock.monotonic() + 5000 });
  await flushPromises();
  assert.equal(ui.lastFrame(), 'held copied');
  assert.equal(handle?.viewRef.current.selectedKey, 'a', 'the next key sees the selection at once');
  await timers.advance(2999);
  assert.equal(ui.lastFrame(), 'held copied');
  await timers.advance(1);
  assert.equal(ui.lastFrame(), 'free copied');
  await timers.advance(2000);
  assert.equal(ui.lastFrame()?.trimEnd(), 'free');
  assert.equal(timers.count, 0, 'no timer left behind');
});

test('App lays out: its keys, scrolling, view state and time are hooks in ui/hooks/; no ui file over 300 lines', async () => {
  const app = await readFile(new URL('../../source/ui/App.tsx', import.meta.url), 'utf8');
  for (const work of ['useInput(', 'useState(', 'useRef(', 'timers.set(', 'setTimeout(', 'switch (action)'])
    assert.ok(!app.includes(work), `App.tsx does ${work} itself`);
  const { readdir } = await import('node:fs/promises');
  const folder = new URL('../../source/ui/', import.meta.url);
  for (const entry of await readdir(folder, { recursive: true })) {
    if (!/\.tsx?$/.test(entry)) continue;
    const lines = (await readFile(new URL(entry, folder), 'utf8')).split('\n').length;
    assert.ok(lines <= 300, `ui/${entry}: ${lines} lines`);
  }
});
