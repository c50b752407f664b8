// undici's index loads fetch, WebSocket, caches and mocks as well: a third of gaussdb-top's start-up.
// The one class it uses is imported from its own file; the types stay those of the package.
declare module 'undici/lib/dispatcher/env-http-proxy-agent.js' {
  import type { EnvHttpProxyAgent } from 'undici';

  const EnvHttpProxyAgentClass: typeof EnvHttpProxyAgent;
  export default EnvHttpProxyAgentClass;
}
