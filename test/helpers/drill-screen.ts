import { type FakeDrill, fakeDrill } from './fake-drill.js';
import { renderApp } from './ui-fixture.js';

/**
 * The App over two instances whose feed opens fake drill-down sources: ledger-06 (in a lock storm, the
 * first row) and orders. `drill()` is the source of the page opened last; `opened` every one so far.
 */
export function renderWithDrill(
  size = { width: 100, height: 24 },
  options: Parameters<typeof fakeDrill>[1] = {},
) {
  const opened: FakeDrill[] = [];
  const app = renderApp(['ledger-06', 'orders'], size, {
    openDrill: (key) => {
      const drill = fakeDrill(key, options);
      opened.push(drill);
      return drill;
    },
  });
  app.answer(0, { total: 36, active: 12, slowSql: 1, lock: 45 });
  app.answer(1, { total: 5, active: 1 });
  return { app, opened, drill: () => opened.at(-1) as FakeDrill };
}
