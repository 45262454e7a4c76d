/**
 * Recorded id → id the replay target assigned. Replayed requests have every known recorded id rewritten:
 * long ids (UUIDs and the like) wherever they stand between non-id characters, short ids (`"7"`) only as a
 * whole path segment or a quoted value, so that `startIndex=1` never turns into `startIndex=<id>`.
 * @module
 */

/** Ids at least this long are rewritten as bounded substrings; shorter ones only in safe positions. */
const LONG_ID = 8;
const ID_CHAR = 'A-Za-z0-9_\\-';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class IdMap {
  private readonly map = new Map<string, string>();

  get size(): number {
    return this.map.size;
  }

  /** Learns one pair; identical ids and empty ones are ignored. */
  learn(recorded: unknown, actual: unknown): void {
    if (typeof recorded !== 'string' || typeof actual !== 'string') return;
    if (recorded === '' || actual === '' || recorded === actual) return;
    this.map.set(recorded, actual);
  }

  get(recorded: string): string | undefined {
    return this.map.get(recorded);
  }

  entries(): Array<[string, string]> {
    return [...this.map.entries()];
  }

  /** Rewrites a path relative to the SCIM base, segment by segment. */
  rewritePath(path: string): string {
    return path
      .split('/')
      .map((segment) => {
        let decoded = segment;
        try {
          decoded = decodeURIComponent(segment);
        } catch {
          // keep as is
        }
        const mapped = this.map.get(decoded);
        return mapped !== undefined ? encodeURIComponent(mapped) : this.rewriteText(segment, 'url');
      })
      .join('/');
  }

  /** Rewrites ids inside free text: a raw query (`url`) or a JSON body (`json`). */
  rewriteText(text: string, kind: 'url' | 'json'): string {
    let out = text;
    for (const [from, to] of this.map) {
      const forms: Array<[string, string]> =
        kind === 'url'
          ? [
              [encodeURIComponent(from), encodeURIComponent(to)],
              [from, to],
            ]
          : [[from, to]];
      for (const [f, t] of forms) {
        if (f.length >= LONG_ID) {
          out = out.replace(new RegExp(`(?<![${ID_CHAR}])${escapeRegExp(f)}(?![${ID_CHAR}])`, 'g'), t);
        } else {
          // Quoted forms only: "id", \"id\" (a filter inside a JSON string) and %22id%22 (an encoded filter).
          for (const q of ['"', '\\"', '%22']) out = out.split(`${q}${f}${q}`).join(`${q}${t}${q}`);
        }
      }
    }
    return out;
  }
}
