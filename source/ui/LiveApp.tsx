import { useWindowSize } from 'ink';
import { App, type AppProps } from './App.js';

/** The App sized to the real terminal; it re-renders (and reflows) on every resize. */
export function LiveApp(props: Omit<AppProps, 'width' | 'height'>) {
  const { columns, rows } = useWindowSize();
  return <App {...props} width={columns} height={rows} />;
}
