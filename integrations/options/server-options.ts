/**
 * Options of an in-process reference server (the msw integration), checked like run options: lists as
 * arrays or comma strings, numbers in range, and a coded HarnessError (USAGE) for anything invalid.
 * @module
 */
import { HarnessError } from '../../engine/errors.js';
import { listQuirks, type ServeOptions } from '../../reference-server/index.js';
import { didYouMean } from '../../engine/config/suggest.js';
import { integer, listOf, object, shown, text } from './values.js';

/** What the msw integration's callers may pass: `serve`'s options, with `quirks` also as a comma string. */
type ServerOptionsInput = Omit<Partial<ServeOptions>, 'quirks'> & {
  quirks?: string | readonly string[];
};

/** The origin and base path an in-process server pretends to live at; the rfc flavour fixes the path. */
export function checkBaseUrl(baseUrl: string, flavour: { name: string; basePath: string }): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new HarnessError('USAGE', `baseUrl must be an absolute http(s) URL, got "${baseUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new HarnessError('USAGE', `baseUrl must be an http(s) URL, got "${baseUrl}"`);
  const path = url.pathname.replace(/\/+$/, '');
  if (flavour.name === 'rfc' && path !== '' && path !== flavour.basePath) {
    throw new HarnessError(
      'USAGE',
      `baseUrl: the rfc flavour serves ${flavour.basePath}, so the path must be ${flavour.basePath} or empty, got "${url.pathname}"`,
    );
  }
  return url.origin;
}

/**
 * Checks a reference server's options as code passes them and returns them in `ServeOptions`' shape (flavour
 * default `rfc`, quirks as an array). An unknown quirk names the closest known one, as `serve --quirk` does.
 */
export function resolveServerOptions<T extends ServerOptionsInput>(
  options: T,
): Omit<T, 'quirks' | 'flavor'> & { flavor: ServeOptions['flavor']; quirks?: string[] } {
  const o = object(options, 'options');
  const flavor = o.flavor ?? 'rfc';
  if (flavor !== 'rfc' && flavor !== 'gitlab')
    throw new HarnessError('USAGE', `flavor must be gitlab or rfc, got ${shown(flavor)}`);
  if (o.token !== undefined) text(o.token, 'token');
  if (o.baseUrl !== undefined) text(o.baseUrl, 'baseUrl');
  if (o.seedUsers !== undefined) integer(o.seedUsers, 'seedUsers', 0, 100_000);
  if (o.cursorTimeout !== undefined) integer(o.cursorTimeout, 'cursorTimeout', 1, 86_400);
  if (o.lingerMs !== undefined) integer(o.lingerMs, 'lingerMs', 0, 30_000);
  if (o.lingerBytes !== undefined) integer(o.lingerBytes, 'lingerBytes', 0);
  let quirks: string[] | undefined;
  if (o.quirks !== undefined) {
    quirks = listOf(o.quirks, 'quirks', 'quirk names') as string[];
    const known = listQuirks().map((q) => q.name as string);
    const unknown = quirks.find((q) => !known.includes(q));
    if (unknown !== undefined)
      throw new HarnessError(
        'USAGE',
        `unknown quirk "${unknown}"${didYouMean(unknown, known)} (see \`scimulator list quirks\`)`,
      );
  }
  return {
    ...(options as Omit<T, 'quirks' | 'flavor'>),
    flavor,
    ...(quirks !== undefined ? { quirks } : {}),
  };
}
