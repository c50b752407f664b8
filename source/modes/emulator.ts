import type { Flags } from '../config/flags.js';
import { parseNumber } from '../config/settings.js';
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
  const port = parseNumber('--port', flags.port ?? 0, {
    min: 0,
    max: 65535,
    integer: true,
    unit: 'port number',
  });
  const instances = parseNumber('--instances', flags.instances ?? 12, {
    min: 1,
    max: 100_000,
    integer: true,
    unit: 'number',
  });
  const latencyMs = parseNumber('--latency', flags.latency ?? 0, {
    min: 0,
    max: 60_000,
    unit: 'number of milliseconds',
  });
  const rateLimit = parseNumber('--rate-limit', flags.rateLimit ?? 0, {
    min: 0,
    unit: 'number of requests per second',
  });
  const churn =
    flags.churn === undefined
      ? undefined
      : {
          share: parseNumber('--churn', flags.churn, { min: 0, max: 1, unit: 'fraction' }),
          periodMs:
            parseNumber('--churn-period', flags.churnPeriod ?? 5, { min: 0.1, unit: 'number of seconds' }) *
            1000,
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
