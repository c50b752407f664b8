import { App, type AppProps } from './App.js';

/**
 * The live screen's root, sized by its caller: modes/live.tsx clears the terminal and draws it again
 * at the new size on every resize. (Sizing itself from a resize listener of its own, it was drawn once
 * more at the old size first, wider than the terminal, and every later frame was patched onto that.)
 */
export function LiveApp(props: AppProps) {
  return <App {...props} />;
}
