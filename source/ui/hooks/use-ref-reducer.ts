import { useCallback, useRef, useState } from 'react';

/**
 * React's useReducer, plus a ref that holds the state as the last event left it. Keys arriving in one
 * chunk ("jj", "/ord") must each see the state the previous one left, before React renders it.
 */
export function useRefReducer<State, Event>(
  reducer: (state: State, event: Event) => State,
  initial: State,
): { state: State; stateRef: { readonly current: State }; dispatch: (event: Event) => void } {
  const [state, setState] = useState(initial);
  const stateRef = useRef(state);
  const dispatch = useCallback(
    (event: Event) => {
      stateRef.current = reducer(stateRef.current, event);
      setState(stateRef.current);
    },
    [reducer],
  );
  return { state, stateRef, dispatch };
}
