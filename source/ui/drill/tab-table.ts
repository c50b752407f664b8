/** One line of a drill-down tab, drawn as given: the tab builders fit the text to the width. */
export interface TabRow {
  /** What selection follows (a session id, a tree line's path, a SQL id). */
  key: string;
  /** A function for long lists: only the rows on screen are formatted (a 200-session frame stays cheap). */
  text: string | (() => string);
  color?: string | undefined;
  bold?: boolean;
  dim?: boolean;
  /** Section titles and bars are shown but not selected. */
  selectable?: boolean;
}

export interface TabTable {
  /** The column headings, or '' for none. */
  heading: string;
  rows: readonly TabRow[];
  /** What to say when there are no rows. */
  empty: string;
}

/** The rows a selection can land on. */
export function selectableRows(table: TabTable): readonly TabRow[] {
  return table.rows.filter((row) => row.selectable !== false);
}

/** A row's text, formatted now if it was left for later. */
export function rowText(row: TabRow): string {
  return typeof row.text === 'function' ? row.text() : row.text;
}

/**
 * The row the selection is on: the chosen one while it is shown, else the first shown. A filter that
 * hides the chosen session must not leave `K` or `Enter` acting on a row nobody can see.
 */
export function shownSelection(table: TabTable, chosen: string | undefined): string | undefined {
  const rows = selectableRows(table);
  return rows.some((row) => row.key === chosen) ? chosen : rows[0]?.key;
}
