/**
 * HTTP vocabulary the reference server and the harness share: media types and status classes.
 * @module
 */

/** The media type of a Content-Type value, lower-cased, without parameters; undefined when there is none. */
export function mediaType(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/** True for a 2xx status (RFC 9110 §15.3). */
export function is2xx(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}
