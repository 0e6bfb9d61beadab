/**
 * Hosts a provider's own answers have named (result images, upload URLs). The server
 * fetches from or uploads to a URL only when its host is here: the browser can never
 * make it reach anywhere else.
 */
export class NamedHosts {
  private readonly hosts = new Map<string, number>();

  constructor(private readonly ttlMs = 6 * 60 * 60 * 1000, private readonly now = () => Date.now()) {}

  /** Remembers every http(s) URL's host found anywhere in a parsed JSON answer. */
  noteAnswer(value: unknown) {
    if (typeof value === 'string') {
      if (/^https?:\/\//i.test(value)) {
        try {
          this.hosts.set(new URL(value).host, this.now() + this.ttlMs);
        } catch {
          // Not a URL after all.
        }
      }
    } else if (Array.isArray(value)) {
      for (const item of value) this.noteAnswer(item);
    } else if (value && typeof value === 'object') {
      for (const item of Object.values(value)) this.noteAnswer(item);
    }
  }

  allows(url: URL): boolean {
    const until = this.hosts.get(url.host);
    if (until === undefined) return false;
    if (until < this.now()) {
      this.hosts.delete(url.host);
      return false;
    }
    return true;
  }
}
