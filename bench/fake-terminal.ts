import { Readable, Writable } from 'node:stream';

/** A 120x54 terminal that counts what is written to it. */
export class FakeTerminal extends Writable {
  isTTY = true;
  columns = 120;
  rows = 54;
  bytes = 0;
  override _write(chunk: Buffer, _encoding: string, callback: () => void) {
    this.bytes += chunk.length;
    callback();
  }
}

/** A keyboard Ink can read keys from (`type`): Ink needs raw mode on its stdin for useInput. */
export class FakeKeyboard extends Readable {
  isTTY = true;
  override _read() {}
  type(keys: string) {
    this.push(keys);
  }
  setRawMode() {
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
}
