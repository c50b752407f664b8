/** The four counts of "Querying Real-Time Session Overview", as numbers: what every layer passes on. */
export interface SessionOverview {
  total: number;
  active: number;
  slowSql: number;
  lock: number;
}
