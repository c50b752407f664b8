import type { InstanceState } from './instance-state.js';

/**
 * Due instances the credential gate holds back: behind a probe in flight (until it lands) or behind
 * refused credentials (until their rest ends). They get another look on every gate change.
 */
export class HeldInstances {
  private states: InstanceState[] = [];
  /** Earliest time a resting credential set may be probed again. */
  until = Number.POSITIVE_INFINITY;

  /** `until`: when the credentials rest, the end of the rest; otherwise the next gate change decides. */
  hold(state: InstanceState, until = Number.POSITIVE_INFINITY): void {
    state.held = true;
    this.states.push(state);
    this.until = Math.min(this.until, until);
  }

  /** Every held instance still in the fleet, released. */
  release(): InstanceState[] {
    const released = this.states.filter((state) => !state.removed);
    for (const state of this.states) state.held = false;
    this.states = [];
    this.until = Number.POSITIVE_INFINITY;
    return released;
  }
}
