/** What the emulator counted since it started (or since the last reset): tests count requests here. */
export interface EmulatorStats {
  overviewRequests: number;
  /** Requests per drill-down call (`real-time-session`, `kill-session`...). */
  drillRequests: Record<string, number>;
  listRequests: number;
  tokenRequests: number;
  unauthorized: number;
  throttled: number;
  perInstance: Record<string, number>;
  languages: Record<string, number>;
  lastLanguage: string | undefined;
  lastUserAgent: string | undefined;
  /** Every distinct X-Auth-Token value seen on API requests, for renewal tests. */
  tokensSeen: string[];
}

export function newStats(): EmulatorStats {
  return {
    overviewRequests: 0,
    drillRequests: {},
    listRequests: 0,
    tokenRequests: 0,
    unauthorized: 0,
    throttled: 0,
    perInstance: {},
    languages: {},
    lastLanguage: undefined,
    lastUserAgent: undefined,
    tokensSeen: [],
  };
}
