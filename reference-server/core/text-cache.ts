/**
 * What a piece of request text (a query string, a PATCH path) works out to, kept by the text: clients send
 * the same few strings again and again. Only pure results of the text go in, never anything that depends on
 * the caller, the token or the store; bounded by clearing when full.
 */
export class TextCache<V> {
  readonly #entries = new Map<string, V>();

  constructor(readonly max = 256) {}

  get(text: string): V | undefined {
    return this.#entries.get(text);
  }

  set(text: string, value: V): V {
    if (this.#entries.size >= this.max) this.#entries.clear();
    this.#entries.set(text, value);
    return value;
  }
}
