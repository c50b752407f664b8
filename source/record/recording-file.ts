import { gzipSync } from 'node:zlib';
import type { RecordingState } from '../feed/recording-switch.js';
import type { Timers } from '../time.js';
import {
  type AppendHandle,
  type FileIdentity,
  nodeFileSystem,
  type RecordingFileSystem,
} from './file-system.js';
import { writeFailure } from './write-failure.js';

export interface RecordingFileOptions {
  path: string;
  /** Once the file reaches this many bytes it moves to `path.1` (replacing the one there). */
  maxBytes: number;
  timers: Timers;
  /**
   * The line that opens every session: called at the moment a session starts (the first open, a
   * rotation, a reopening after a failure), so the caller numbers what follows for that session.
   */
  sessionLine: () => string;
  onState: (state: RecordingState) => void;
  fs?: RecordingFileSystem;
  /** How often buffered lines reach the file: what a killed process can lose. */
  flushMs?: number;
  /** How long after a failure the file is opened again. */
  retryMs?: number;
}

/** Lines waiting for the next flush beyond this are dropped: a file that cannot keep up must not eat memory. */
const maxPendingBytes = 32 * 1024 * 1024;

/**
 * One recording file: lines are buffered and written every few seconds, as plain text or, for a name
 * ending in `.gz`, as one complete gzip member per flush (so the file is always valid gzip up to the
 * last flush, and appending is just more members). A failed operation drops what was buffered, reports
 * the failure and tries again later with a new session; nothing ever throws to the caller.
 */
export class RecordingFile {
  private readonly fs: RecordingFileSystem;
  private readonly gzip: boolean;
  private handle: AppendHandle | null = null;
  private identity: FileIdentity | null = null;
  private diskBytes = 0;
  /** Lines of the current session not yet written. */
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Numbers sessions; `openSession` is the one whose file is open (its lines may be written). */
  private session = 0;
  private openSession = -1;
  /** Lines are taken (not dropped) only while a session is open or being opened. */
  private accepting = false;
  /**
   * Sessions started whose file is not open with its session line yet (the first open, a rotation, a
   * reopening). Until they are, the lines appended go to a file not open yet, so they are bounded by
   * themselves and that session line: the size of a file being moved away says nothing of theirs.
   */
  private sessionsOpening = 0;
  /** The session line that will open the newest of those files. */
  private openingHeadBytes = 0;
  private chain: Promise<void> = Promise.resolve();
  private flushTimer: unknown;
  private retryTimer: unknown;
  private stopped = true;
  /** Bumped by every failure: operations queued before it are dropped. */
  private generation = 0;

  constructor(private readonly options: RecordingFileOptions) {
    this.fs = options.fs ?? nodeFileSystem;
    this.gzip = options.path.endsWith('.gz');
  }

  /** Opens the file (appending) and starts a session. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.beginSession();
    this.scheduleFlush();
  }

  private beginSession(): void {
    const { session, head } = this.newSession();
    this.enqueue(async () => {
      await this.openHandle(session);
      await this.writeText(head);
      this.sessionsOpening--;
      this.options.onState({ state: 'on' });
    });
  }

  append(text: string): void {
    if (!this.accepting || this.pendingBytes > maxPendingBytes) return;
    this.pending.push(text);
    this.pendingBytes += text.length;
    // Plain lines count as they come; gzip's compressed size is known once written, and that decides.
    if (this.gzip) return;
    const written = this.sessionsOpening > 0 ? this.openingHeadBytes : this.diskBytes;
    const bytes = written + this.pendingBytes;
    if (bytes >= this.options.maxBytes) this.queueRotation();
  }

  /** Writes what is buffered (with `lastLine` after it) and closes the file. */
  stop(lastLine = ''): Promise<void> {
    if (this.stopped) return this.chain;
    if (lastLine) this.append(lastLine);
    this.stopped = true;
    this.accepting = false;
    this.options.timers.clear(this.flushTimer);
    this.options.timers.clear(this.retryTimer);
    const rest = this.takePending();
    this.enqueue(async () => {
      await this.writeText(rest);
      await this.closeHandle();
    });
    return this.chain;
  }

  /** Operations run one at a time, in order; those queued before a failure are dropped with it. */
  private enqueue(operation: () => Promise<void>): void {
    const generation = this.generation;
    this.chain = this.chain
      .then(() => (generation === this.generation ? operation() : undefined))
      .catch((error: unknown) => this.fail(error));
  }

  private takePending(): string {
    const text = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    return text;
  }

  /** Lines appended from here on belong to a new session, whose first line is taken now. */
  private newSession(): { session: number; head: string } {
    const head = this.options.sessionLine();
    this.accepting = true;
    this.sessionsOpening++;
    this.openingHeadBytes = head.length;
    return { session: ++this.session, head };
  }

  private async openHandle(session: number): Promise<void> {
    const handle = await this.fs.openAppend(this.options.path);
    this.handle = handle;
    this.openSession = session;
    const stat = await handle.stat();
    this.identity = { dev: stat.dev, ino: stat.ino };
    this.diskBytes = stat.size;
    // A line cut by a crash or a full disk must not swallow the next session's first line.
    if (!this.gzip) {
      const last = await handle.lastByte();
      if (last !== null && last !== 0x0a) await this.writeText('\n');
    }
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    this.openSession = -1;
    await handle?.close();
  }

  /** Plain text as it is; gzip as one complete member, readable even if the process dies next. */
  private async writeText(text: string): Promise<void> {
    if (!this.handle || text === '') return;
    const bytes = Buffer.from(text);
    const data = this.gzip ? gzipSync(bytes) : bytes;
    // Counted before the write lands: lines appended while it is under way are measured against it.
    this.diskBytes += data.length;
    await this.handle.write(data);
  }

  /**
   * FILE moves to FILE.1 and a new FILE starts with a session line. Decided between two lines: what
   * is buffered now goes to the old file, every line from here on to the new one.
   */
  private queueRotation(): void {
    const old = this.takePending();
    const { session, head } = this.newSession();
    this.enqueue(async () => {
      await this.writeText(old);
      await this.closeHandle();
      await this.fs.rename(this.options.path, `${this.options.path}.1`);
      await this.openHandle(session);
      await this.writeText(head);
      this.sessionsOpening--;
    });
  }

  private scheduleFlush(): void {
    this.flushTimer = this.options.timers.set(() => {
      if (this.stopped) return;
      this.enqueue(() => this.flush());
      this.scheduleFlush();
    }, this.options.flushMs ?? 3000);
  }

  private async flush(): Promise<void> {
    // Lines of a session whose file is not open yet are written by the operation that opens it.
    if (!this.handle || this.openSession !== this.session) return;
    const now = await this.fs.identity(this.options.path);
    const same = now !== null && now.dev === this.identity?.dev && now.ino === this.identity.ino;
    if (!same && !this.stopped && this.openSession === this.session) {
      // Moved away (logrotate) or removed: what is buffered goes where it was, then FILE starts again.
      const old = this.takePending();
      const { session, head } = this.newSession();
      await this.writeText(old);
      await this.closeHandle();
      await this.openHandle(session);
      await this.writeText(head);
      this.sessionsOpening--;
      return;
    }
    if (this.openSession !== this.session) return;
    await this.writeText(this.takePending());
    if (this.sessionsOpening === 0 && this.diskBytes >= this.options.maxBytes) this.queueRotation();
  }

  /** Drops what is buffered, reports why, and tries a new session later. */
  private fail(error: unknown): void {
    this.generation++;
    this.pending = [];
    this.pendingBytes = 0;
    this.accepting = false;
    this.sessionsOpening = 0;
    const handle = this.handle;
    this.handle = null;
    this.openSession = -1;
    handle?.close().catch(() => undefined);
    this.options.onState(writeFailure(error));
    if (this.stopped) return;
    this.options.timers.clear(this.retryTimer);
    this.retryTimer = this.options.timers.set(() => {
      if (!this.stopped && !this.accepting) this.beginSession();
    }, this.options.retryMs ?? 30_000);
  }
}
