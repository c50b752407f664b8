/** One line of a drill-down tab, drawn as given: the tab builders fit the text to the width. */
export interface TabRow {
  /** What selection follows (a session id, a tree line's path, a SQL id). */
  key: string;
  text: string;
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
