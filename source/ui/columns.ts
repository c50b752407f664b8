import stringWidth from 'string-width';
import type { Messages } from '../i18n/index.js';
import { type Metric, metrics } from '../metrics.js';
import { levels, metricLevel, type Thresholds } from '../monitor/severity.js';
import type { InstanceView } from '../monitor/store.js';
import { printable } from '../server-text.js';
import { errorNote } from './error-note.js';
import { fit, sparkline } from './format.js';
import { paint } from './paint.js';
import type { Theme } from './theme.js';
import { worstFirst } from './worst-first.js';

/** What one cell is drawn from: its row, and what every row shares. */
export interface CellInput {
  view: InstanceView;
  width: number;
  /** Age label, or '' while the data is fresh (a fresh row never changes just because time passes). */
  age: string;
  stale: boolean;
  /** How long the level has held, or since a recovery ('' for none): `levelDuration`. */
  duration: string;
  /** Values are dimmed: the data is old or the instance now fails. */
  dim: boolean;
  t: Messages;
  theme: Theme;
  thresholds: Thresholds;
}

/** What a width rule measures. */
export interface WidthInput {
  t: Messages;
  /** The column's heading in cells, with room for the sort arrow when it sorts. */
  heading: number;
  /** The widest instance name, in cells. */
  longestName: number;
  /** The column's `base` width (0 while measuring the base itself). */
  base: number;
}

/** Extra room for a column, given in rank order as the pane widens. */
export interface WidthClaim {
  /** See `rank` below. */
  rank: number;
  /** The width this claim brings the column up to. */
  upTo: (input: WidthInput) => number;
  /** Nothing unless the column gets this wide; a column not yet shown appears with it, and its gap. */
  atLeast?: (input: WidthInput) => number;
}

export type Comparator = (a: InstanceView, b: InstanceView) => number;

export interface ColumnSpec<Id extends string = string> {
  id: Id;
  /** Its heading's key in the i18n catalogues' `columns`, or null for none. */
  heading: keyof Messages['columns'] | null;
  align: 'left' | 'right';
  /** Cells it always has; 0 for a column shown only when a claim makes room for it. */
  base: (input: WidthInput) => number;
  claims?: readonly WidthClaim[];
  /** The room left over goes to the first shown column that fills (lowest number). */
  fill?: number;
  /** The cell, fitted to `width` and styled. */
  cell: (input: CellInput) => string;
  /** Its natural order (worst, largest, oldest first); a column sorts only with one. Ties go by name. */
  compare?: (context: { now: number; thresholds: Thresholds }) => Comparator;
}

/**
 * Who gets room first as the pane widens; a narrowing pane takes it back from the end: the ID column
 * goes first, then the trend, then the rest of long names and messages, how long each level has held,
 * the age; names and whole error codes stay longest.
 */
const rank = {
  errorCode: 10,
  name: 20,
  age: 30,
  levelDuration: 40,
  errorMessage: 50,
  wholeName: 60,
  trend: 70,
  id: 80,
} as const;

/** Names: never narrower than `min`; `first` before anything optional; up to the longest name. */
const nameWidths = { min: 10, first: 16, max: 64 };
const wantedName = ({ longestName }: WidthInput) =>
  Math.max(nameWidths.min, Math.min(nameWidths.max, longestName));
/** The error note: `first` holds a whole error code (`DBS.200002`, `APIGW.0308`), `second` its message's start. */
const noteWidths = { least: 4, first: 12, second: 24 };
/** The trend: at most 12 minutes; never narrower than its heading. */
const trendMax = 12;
/** How long the level has held, after the level word: ` 12m`, ` ↺12m`. */
const levelDurationWidth = 5;
/** The ID column: the id's last characters, enough to tell instances apart and find one by filter. */
const idLength = 8;

const isAlarm = (level: InstanceView['dataLevel']): level is 'crit' | 'warn' =>
  level === 'crit' || level === 'warn';

const byCount =
  (metric: Metric): NonNullable<ColumnSpec['compare']> =>
  () =>
  (a, b) =>
    (b.latest?.overview[metric] ?? -1) - (a.latest?.overview[metric] ?? -1);

const metricColumn = (metric: Metric) =>
  ({
    id: metric,
    heading: metric,
    align: 'right',
    base: ({ heading }) => Math.max(6, heading),
    cell: ({ view, width, dim, theme, thresholds }) => {
      const value = view.latest?.overview[metric];
      const level = value === undefined ? 'ok' : metricLevel(value, thresholds[metric]);
      return paint(fit(value === undefined ? '-' : String(value), width, 'right'), {
        color: level === 'ok' ? undefined : theme.level(level).color,
        bold: level === 'crit',
        dim,
      });
    },
    compare: byCount(metric),
  }) as const satisfies ColumnSpec;

const defineColumns = <const T extends readonly ColumnSpec[]>(list: T): T => list;

const declared = defineColumns([
  {
    id: 'name',
    heading: 'instance',
    align: 'left',
    base: () => nameWidths.min,
    claims: [
      { rank: rank.name, upTo: (input) => Math.min(wantedName(input), nameWidths.first) },
      { rank: rank.wholeName, upTo: wantedName },
    ],
    fill: 2,
    cell: ({ view, width, theme }) => fit(printable(view.name), width, 'left', theme.symbols.ellipsis),
    // Every order breaks ties by name: by name itself, nothing else to compare.
    compare: () => () => 0,
  },
  {
    id: 'id',
    heading: 'id',
    align: 'left',
    base: () => 0,
    claims: [
      {
        rank: rank.id,
        upTo: ({ heading }) => Math.max(idLength, heading),
        atLeast: ({ heading }) => Math.max(idLength, heading),
      },
    ],
    cell: ({ view, width }) => {
      // The end of an id tells instances apart: a wide character costs characters from the start.
      const tail = [...printable(view.instanceId)].slice(-idLength);
      while (stringWidth(tail.join('')) > width) tail.shift();
      return fit(tail.join(''), width);
    },
  },
  {
    id: 'level',
    heading: 'level',
    align: 'left',
    base: ({ t, heading }) => Math.max(heading, ...levels.map((level) => 2 + stringWidth(t.levels[level]))),
    claims: [
      {
        rank: rank.levelDuration,
        upTo: ({ base }) => base + levelDurationWidth,
        atLeast: ({ base }) => base + levelDurationWidth,
      },
    ],
    cell: ({ view, width, duration, t, theme }) => {
      // Never asked yet (or held back with its credentials): not ok, just not known.
      if (view.latest === null && view.error === null) {
        return paint(fit(`${theme.symbols.ellipsis} ${t.notYetAsked}`, width), { dim: true });
      }
      // A CRIT or WARN instance that now fails still reads as CRIT or WARN: its error is beside it.
      const shown = view.level === 'error' && isAlarm(view.dataLevel) ? view.dataLevel : view.level;
      const style = theme.level(shown);
      const word = `${style.glyph} ${t.levels[shown]}`;
      const withDuration = duration ? `${word} ${duration}` : word;
      return paint(fit(stringWidth(withDuration) <= width ? withDuration : word, width), {
        color: style.color,
        bold: style.bold,
      });
    },
    compare: ({ thresholds }) => worstFirst(thresholds),
  },
  ...metrics.map(metricColumn),
  {
    id: 'trend',
    heading: 'trend',
    align: 'left',
    base: () => 0,
    claims: [
      { rank: rank.trend, upTo: () => trendMax, atLeast: ({ heading }) => Math.min(trendMax, heading) },
    ],
    cell: ({ view, width, dim, theme }) =>
      paint(fit(view.trend.length ? sparkline(view.trend, width) : '', width), { color: theme.accent, dim }),
  },
  {
    id: 'age',
    heading: 'age',
    align: 'right',
    base: () => 0,
    claims: [
      {
        rank: rank.age,
        upTo: ({ heading }) => Math.max(4, heading),
        atLeast: ({ heading }) => Math.max(4, heading),
      },
    ],
    cell: ({ width, age, stale, theme }) =>
      paint(fit(age, width, 'right'), { color: stale ? theme.level('warn').color : undefined, bold: stale }),
    compare:
      ({ now }) =>
      (a, b) => {
        const age = (view: InstanceView) => (view.latest ? now - view.latest.at : Number.POSITIVE_INFINITY);
        return age(b) - age(a);
      },
  },
  {
    id: 'note',
    heading: null,
    align: 'left',
    base: () => 0,
    claims: [
      { rank: rank.errorCode, upTo: () => noteWidths.first, atLeast: () => noteWidths.least },
      { rank: rank.errorMessage, upTo: () => noteWidths.second },
    ],
    fill: 1,
    cell: ({ view, width, t, theme }) =>
      paint(fit(view.error ? errorNote(view.error, t) : '', width), { color: theme.level('error').color }),
  },
]);

type Declared = (typeof declared)[number];
export type ColumnId = Declared['id'];
/** The columns that sort: those with a natural order. */
export type SortColumn = Extract<Declared, { compare: unknown }>['id'];

/** The grid's columns, left to right. */
export const columns: readonly ColumnSpec<ColumnId>[] = declared;

/** The heading's width in cells, with one more for the sort arrow when the column sorts. */
export function headingWidth(column: ColumnSpec, t: Messages): number {
  const text = column.heading === null ? '' : t.columns[column.heading];
  return stringWidth(text) + (column.compare ? 1 : 0);
}
