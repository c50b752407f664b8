// Defect demonstration (attack2): `serve --record` on a full disk. serve has no screen to say
// REC FAILED on; it "logs one line per change of state" on stderr, so a recording that stops being
// written must be one of them. Fails on the code it was written against.
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { eventually } from '../helpers/eventually.js';
import { cleanEnv } from '../helpers/run-cli.js';
import { type ServeProcess, startServe } from '../helpers/serve-fixture.js';

const apiToken = 'Tok-Attack2-Serve-Record-5521';

describe('serve --record to a full disk', { skip: !existsSync('/dev/full') && 'no /dev/full' }, () => {
  let emulator: Emulator;
  let serve: ServeProcess;

  before(async () => {
    emulator = await startEmulator({ instances: 2, credentials: { token: apiToken } });
    serve = await startServe(
      [
        ...['--endpoint', emulator.url, '--project-id', emulator.projectId, '--discover'],
        ...['--interval', '1', '--listen', '127.0.0.1:0', '--record', '/dev/full'],
      ],
      cleanEnv({ GAUSSDB_TOKEN: apiToken }),
    );
  });
  after(async () => {
    await serve.stop('SIGKILL');
    await emulator.close();
  });

  test('stderr says the recording failed, and why', async () => {
    // Lines are written every 3 s: the failure is known by the first flush.
    await eventually(
      () => (/record.*(ENOSPC|disk full)/i.test(serve.stderr()) ? undefined : serve.stderr()),
      15_000,
    );
  });
});
