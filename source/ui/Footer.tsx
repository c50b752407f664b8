import { Text } from 'ink';
import type { Messages } from '../i18n/index.js';
import type { Language } from '../language.js';
import { fit } from './format.js';
import { footerHints } from './key-help.js';
import type { Action, Screen } from './keymap.js';
import type { SortOrder } from './sort.js';
import type { Theme } from './theme.js';

export interface FooterProps {
  t: Messages;
  language: Language;
  /** Actions the feed can do: only those are hinted. */
  offered?: (action: Action) => boolean;
  theme: Theme;
  width: number;
  filter: string;
  editingFilter: boolean;
  sort: SortOrder;
  shown: number;
  total: number;
  /** A confirmation to show instead of the key hints (what `y` copied). */
  notice?: string | undefined;
  /** Whose keys to hint; the drill-down page has its own filter and sort, shown on the page. */
  screen?: Screen;
}

/** One line: the filter being typed, or the keys and the current sort and filter. */
export function Footer({
  t,
  language,
  offered,
  theme,
  width,
  filter,
  editingFilter,
  sort,
  shown,
  total,
  notice,
  screen = 'grid',
}: FooterProps) {
  if (screen === 'drill') {
    return (
      <Text wrap="truncate-end" dimColor>
        {fit(footerHints(language, 'drill', offered), width)}
      </Text>
    );
  }
  if (editingFilter) {
    return (
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          {t.footer.filter}
        </Text>
        <Text>{filter}</Text>
        <Text inverse> </Text>
        <Text dimColor>{`  ${t.footer.filterHint}`}</Text>
      </Text>
    );
  }
  const sortText = `${t.footer.sortedBy}${t.sortNames[sort.column]}${sort.reverse ? ` ${theme.symbols.sortUp}` : ''}`;
  // The filter and sort come first: they explain what the grid shows; the key hints may be cut.
  const filterText = filter ? `${t.footer.filter}${filter} (${t.footer.showing(shown, total)})  ` : '';
  if (notice) {
    return (
      <Text wrap="truncate-end">
        <Text dimColor>{`${filterText}${sortText}  `}</Text>
        <Text bold>{notice}</Text>
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end" dimColor>
      {fit(`${filterText}${sortText}  ${footerHints(language, 'grid', offered)}`, width)}
    </Text>
  );
}
