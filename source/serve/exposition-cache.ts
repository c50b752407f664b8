// /metrics at 10,000 instances is about 13 MB of text. Rendered on each scrape it cost ~120 ms of
// string building and ~150 ms more to encode the (two-byte, for Chinese names) string as UTF-8 on the
// way to the socket, all on the loop the poller shares: a scrape took 0.35-1 s while polling
// (bench/README.md §10). Here each instance keeps its label text and its values already encoded,
// rebuilt only when its view changes (views are immutable: a changed instance is a new object), and
// kept up to date as the feed publishes while someone scrapes; a scrape copies the pieces into one
// buffer. Labels are kept once, not once per line: 2-3 MB at 10,000 instances instead of ~15 MB.
import type { Feed, InstanceView, MonitorSnapshot } from '../feed/feed.js';
import type { RequestStats } from '../monitor/request-stats.js';
import type { Clock } from '../time.js';
import { instanceFamilies, labelSet, pollerFamilies, sampleTail } from './exposition.js';

/** One instance, encoded: its labels, and for family f ` value\n` at bytes ends[f]..ends[f + 1] of `tails`. */
interface InstancePieces {
  view: InstanceView;
  labels: Buffer;
  tails: Buffer;
  ends: number[];
}

const headers = instanceFamilies.map((family) => Buffer.from(family.header));
const names = instanceFamilies.map((family) => Buffer.from(family.name));

/** Without a scrape for this long, publications stop updating the pieces and the cache is dropped. */
export const keepWarmMs = 10 * 60_000;

export class ExpositionCache {
  private readonly byKey = new Map<string, InstancePieces>();
  private lastScrape: number | undefined;
  private readonly unsubscribe: () => void;
  /** Instances whose pieces were built, counted for tests and the bench: a scrape of kept ones adds none. */
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

  private pieces(view: InstanceView): InstancePieces {
    const kept = this.byKey.get(view.key);
    if (kept?.view === view) return kept;
    const labels = kept?.view.name === view.name ? kept.labels : Buffer.from(labelSet(view));
    // Numbers, a space and a line feed: ASCII, one byte a character.
    const texts = instanceFamilies.map((family) => sampleTail(family, view));
    const ends = [0];
    for (const text of texts) ends.push((ends.at(-1) as number) + text.length);
    const pieces = { view, labels, tails: Buffer.from(texts.join(''), 'latin1'), ends };
    this.built++;
    this.byKey.set(view.key, pieces);
    return pieces;
  }

  private update(instances: readonly InstanceView[]): InstancePieces[] {
    const all = instances.map((view) => this.pieces(view));
    // More kept than the fleet holds: some instance left it (rediscovery); forget it.
    if (this.byKey.size > instances.length) {
      const current = new Set(instances.map((view) => view.key));
      for (const key of this.byKey.keys()) if (!current.has(key)) this.byKey.delete(key);
    }
    return all;
  }

  /** The whole exposition of `snapshot`, the same bytes as renderExposition's text. */
  render(snapshot: MonitorSnapshot, stats: RequestStats | undefined, now: number): Buffer {
    this.lastScrape = this.clock.monotonic();
    const all = this.update(snapshot.instances);
    const poller = Buffer.from(pollerFamilies(snapshot, stats, now).join(''));
    let size = poller.length;
    for (const [index, header] of headers.entries()) {
      const name = (names[index] as Buffer).length;
      size += header.length;
      for (const { labels, ends } of all) {
        const tail = (ends[index + 1] as number) - (ends[index] as number);
        if (tail > 0) size += name + labels.length + tail;
      }
    }
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    for (const [index, header] of headers.entries()) {
      const name = names[index] as Buffer;
      out.set(header, at);
      at += header.length;
      for (const { labels, tails, ends } of all) {
        const start = ends[index] as number;
        const end = ends[index + 1] as number;
        if (end === start) continue;
        out.set(name, at);
        at += name.length;
        out.set(labels, at);
        at += labels.length;
        // A few bytes: a loop costs less than the view set() would need (measured, bench/README.md §10).
        for (let byte = start; byte < end; byte++) out[at++] = tails[byte] as number;
      }
    }
    out.set(poller, at);
    return out;
  }

  /** Instances whose pieces are kept now. */
  get size(): number {
    return this.byKey.size;
  }

  close(): void {
    this.unsubscribe();
    this.byKey.clear();
  }
}
