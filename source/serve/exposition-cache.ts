// /metrics at 10,000 instances is about 13 MB of text. Rendered on each scrape it cost ~120 ms of
// string building and ~150 ms more to encode the (two-byte, for Chinese names) string as UTF-8 on the
// way to the socket, all on the loop the poller shares: a scrape took 0.35-1 s while polling
// (bench/README.md §10). Here each instance keeps its sample lines already encoded, rebuilt only when
// its view changes (views are immutable: a changed instance is a new object), and kept up to date as
// the feed publishes while someone scrapes; a scrape copies the pieces into one buffer.
import type { Feed, InstanceView, MonitorSnapshot } from '../feed/feed.js';
import type { RequestStats } from '../monitor/request-stats.js';
import type { Clock } from '../time.js';
import { instanceFamilies, LabelCache, pollerFamilies, sampleLine } from './exposition.js';

/** One instance's lines for every family, encoded; family f is bytes ends[f]..ends[f + 1] of `bytes`. */
interface InstanceLines {
  view: InstanceView;
  bytes: Buffer;
  ends: number[];
}

const headers = instanceFamilies.map((family) => Buffer.from(family.header));

/** Without a scrape for this long, publications stop updating the lines and the cache is dropped. */
export const keepWarmMs = 10 * 60_000;

export class ExpositionCache {
  private readonly byKey = new Map<string, InstanceLines>();
  private readonly labels = new LabelCache();
  private lastScrape: number | undefined;
  private readonly unsubscribe: () => void;
  /** Instances whose lines were built, counted for tests and the bench: a scrape of kept lines adds none. */
  built = 0;

  constructor(
    private readonly feed: Feed,
    private readonly clock: Clock,
  ) {
    // The work of a scrape is done as answers arrive, a few hundred instances at a time, but only
    // while a scraper is around: an exporter nobody scrapes spends nothing and keeps nothing.
    this.unsubscribe = feed.subscribe(() => this.onPublish());
  }

  private onPublish(): void {
    if (this.lastScrape === undefined) return;
    if (this.clock.monotonic() - this.lastScrape > keepWarmMs) {
      this.lastScrape = undefined;
      this.byKey.clear();
      return;
    }
    this.update(this.feed.getSnapshot().instances);
  }

  private lines(view: InstanceView): InstanceLines {
    const kept = this.byKey.get(view.key);
    if (kept?.view === view) return kept;
    const labels = this.labels.labels(view);
    const texts = instanceFamilies.map((family) => sampleLine(family, view, labels));
    // Only a label can hold more than one byte per character: the rest of a line is ASCII.
    const extra = Buffer.byteLength(labels) - labels.length;
    const ends = [0];
    for (const text of texts) ends.push((ends.at(-1) as number) + (text ? text.length + extra : 0));
    const bytes = Buffer.from(texts.join(''));
    // Should the shortcut ever miscount (it cannot for well-formed text), measure each line instead:
    // a scrape copies by these offsets into a buffer that is not zeroed first.
    if (bytes.length !== ends.at(-1))
      for (const [index, text] of texts.entries())
        ends[index + 1] = (ends[index] as number) + Buffer.byteLength(text);
    const lines = { view, bytes, ends };
    this.built++;
    this.byKey.set(view.key, lines);
    return lines;
  }

  private update(instances: readonly InstanceView[]): InstanceLines[] {
    const all = instances.map((view) => this.lines(view));
    // More kept than the fleet holds: some instance left it (rediscovery); forget it.
    if (this.byKey.size > instances.length) {
      const current = new Set(instances.map((view) => view.key));
      for (const key of this.byKey.keys()) if (!current.has(key)) this.byKey.delete(key);
      this.labels.prune(instances);
    }
    return all;
  }

  /** The whole exposition of `snapshot`, the same bytes as renderExposition's text. */
  render(snapshot: MonitorSnapshot, stats: RequestStats | undefined, now: number): Buffer {
    this.lastScrape = this.clock.monotonic();
    const all = this.update(snapshot.instances);
    const poller = Buffer.from(pollerFamilies(snapshot, stats, now).join(''));
    let size = poller.length;
    for (const header of headers) size += header.length;
    for (const lines of all) size += lines.bytes.length;
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    for (const [index, header] of headers.entries()) {
      at += header.copy(out, at);
      for (const { bytes, ends } of all) {
        const start = ends[index] as number;
        const end = ends[index + 1] as number;
        if (end === start) continue;
        // A plain view and set(): Buffer#copy with offsets costs several times more per call here.
        out.set(new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start), at);
        at += end - start;
      }
    }
    poller.copy(out, at);
    return out;
  }

  /** Instances whose lines are kept now. */
  get size(): number {
    return this.byKey.size;
  }

  close(): void {
    this.unsubscribe();
    this.byKey.clear();
  }
}
