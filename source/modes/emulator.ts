import type { Flags } from '../config/flags.js';
import { options } from '../config/options.js';
import { flagNumber } from '../config/settings.js';
import { UsageError } from '../config/usage-error.js';
import { startEmulator } from '../emulator/server.js';

/** Credentials the standalone emulator accepts; they open nothing but the emulator. */
export const emulatorCredentials = {
  token: 'emulator-token',
  accessKey: 'EMULATORACCESSKEY0001',
  secretKey: 'emulator-secret-key',
  user: { name: 'emulator', password: 'emulator-password', domain: 'emulator' },
};

/** `gaussdb-top emulator`: serves the API on 127.0.0.1 until SIGINT or SIGTERM. */
export async function runEmulator(flags: Flags, stdout: NodeJS.WritableStream): Promise<number> {
  // Bounds, defaults and messages come from the option table, like every other flag's.
  const port = flagNumber('port', flags) ?? options.port.default;
  const instances = flagNumber('instances', flags) ?? options.instances.default;
  const latencyMs = flagNumber('latency', flags) ?? options.latency.default;
  const rateLimit = flagNumber('rateLimit', flags) ?? options.rateLimit.default;
  const churnShare = flagNumber('churn', flags);
  const churn =
    churnShare === undefined
      ? undefined
      : {
          share: churnShare,
          periodMs: (flagNumber('churnPeriod', flags) ?? options.churnPeriod.default) * 1000,
        };
  const emulator = await startEmulator({
    port,
    instances,
    latencyMs,
    rateLimit,
    churn,
    credentials: emulatorCredentials,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      throw new UsageError(`--port ${port}: 127.0.0.1:${port} is already in use`);
    if (error.code === 'EACCES')
      throw new UsageError(`--port ${port}: not allowed to listen on port ${port}`);
    throw error;
  });
  stdout.write(
    [
      `gaussdb-top emulator on ${emulator.url}: ${instances} instances in project ${emulator.projectId}`,
      `  token:    GAUSSDB_TOKEN=${emulatorCredentials.token}`,
      `  AK/SK:    HUAWEICLOUD_SDK_AK=${emulatorCredentials.accessKey} HUAWEICLOUD_SDK_SK=${emulatorCredentials.secretKey}`,
      `  password: HW_USER_NAME=${emulatorCredentials.user.name} HW_USER_PASSWORD=${emulatorCredentials.user.password} HW_DOMAIN_NAME=${emulatorCredentials.user.domain} (--iam-endpoint ${emulator.url})`,
      `  then:     gaussdb-top --endpoint ${emulator.url} --project-id ${emulator.projectId} --discover`,
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  return 0;
}
