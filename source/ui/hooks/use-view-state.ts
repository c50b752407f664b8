import { useEffect } from 'react';
import type { Clock, Timers } from '../../time.js';
import { initialViewState, type ViewEvent, type ViewState, viewReducer } from '../view-state.js';
import { useRefReducer } from './use-ref-reducer.js';

export interface ViewStateHandle {
  view: ViewState;
  /** The state as the last event left it, before React renders it: what the next key must see. */
  viewRef: { readonly current: ViewState };
  dispatch: (event: ViewEvent) => void;
}

/**
 * What the user has chosen to look at. Keys arriving in one chunk ("jj", "/ord") must each see the
 * state the previous one left, so events go through a ref as well as React's state. A held row order
 * and a footer notice end by themselves, on the injected timers.
 */
export function useViewState(clock: Clock, timers: Timers): ViewStateHandle {
  const { state: view, stateRef: viewRef, dispatch } = useRefReducer(viewReducer, initialViewState);

  useEffect(() => {
    const until = Math.min(view.frozen?.until ?? Infinity, view.notice?.until ?? Infinity);
    if (!Number.isFinite(until)) return;
    const timer = timers.set(
      () => dispatch({ type: 'unfreeze', now: clock.monotonic() }),
      Math.max(0, until - clock.monotonic()),
    );
    return () => timers.clear(timer);
  }, [view.frozen, view.notice, clock, timers, dispatch]);

  return { view, viewRef, dispatch };
}
