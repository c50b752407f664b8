import { type Agent, Dispatcher, type EnvHttpProxyAgent } from 'undici';
import { isLoopbackHost } from './endpoints.js';

/**
 * Sends requests for loopback origins (the emulator, a port-forward: 127.0.0.0/8, localhost, ::1)
 * straight to them, everything else through the proxy agent. A proxy set in the environment for the
 * cloud must never see what goes to this machine: over plain http that would be the token and the
 * IAM password in clear, and no proxy can reach this machine's loopback anyway. NO_PROXY cannot say
 * "all of 127.0.0.0/8", so this holds whatever the environment says.
 */
export class LoopbackBypass extends Dispatcher {
  /** Whether each origin seen so far is loopback: parsing a URL per request would cost more. */
  private readonly loopback = new Map<string, boolean>();

  constructor(
    private readonly direct: Agent,
    private readonly proxied: EnvHttpProxyAgent,
  ) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    return (this.isLoopback(String(options.origin ?? '')) ? this.direct : this.proxied).dispatch(
      options,
      handler,
    );
  }

  private isLoopback(origin: string): boolean {
    let loopback = this.loopback.get(origin);
    if (loopback === undefined) {
      try {
        loopback = isLoopbackHost(new URL(origin).hostname);
      } catch {
        loopback = false;
      }
      this.loopback.set(origin, loopback);
    }
    return loopback;
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    const closed = Promise.all([this.direct.close(), this.proxied.close()]).then(() => {});
    if (!callback) return closed;
    closed.then(callback, callback);
  }

  override destroy(): Promise<void>;
  override destroy(error: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(error: Error | null, callback: () => void): void;
  override destroy(first?: Error | null | (() => void), second?: () => void): Promise<void> | void {
    const error = typeof first === 'function' ? null : (first ?? null);
    const callback = typeof first === 'function' ? first : second;
    const destroyed = Promise.all([this.direct.destroy(error), this.proxied.destroy(error)]).then(() => {});
    if (!callback) return destroyed;
    destroyed.then(callback, callback);
  }
}
