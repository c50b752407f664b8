import type { ConfigFile } from '../config/config-file.js';
import { resolveCredentials } from '../config/credentials.js';
import type { Flags } from '../config/flags.js';
import { resolveOptions, resolveSettings } from '../config/settings.js';
import { runSessions } from './sessions.js';

interface Output {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** `sessions` from the command line: against the demo's emulator (its first instance unless --instance), or a target. */
export async function runSessionsCommand(
  flags: Flags,
  file: ConfigFile,
  env: NodeJS.ProcessEnv,
  output: Output,
): Promise<number> {
  const common = { nodeId: flags.node, json: flags.json, ...output };
  if (flags.demo) {
    const { startDemo } = await import('../demo.js');
    const demo = await startDemo(resolveOptions(flags, file, env));
    try {
      const id = flags.instance?.[0] ?? demo.emulator.instances[0]?.id ?? '';
      const [target] = demo.settings.targets;
      const settings = {
        ...demo.settings,
        targets: target ? [{ ...target, instances: [{ id }], discover: false }] : [],
      };
      return await runSessions({ ...common, settings, credentials: demo.credentials, demo: true });
    } finally {
      await demo.emulator.close();
    }
  }
  const settings = resolveSettings(flags, file, env);
  const credentials = resolveCredentials(env, settings.tokenFile);
  return runSessions({ ...common, settings, credentials, demo: false });
}
