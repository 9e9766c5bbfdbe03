/**
 * A Map that keeps at most `limit` entries, dropping the one set longest ago: for what a warm process remembers
 * between requests (the last progress written, published courses, signed addresses), which must not grow without end.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly #limit: number;

  constructor(limit: number) {
    super();
    this.#limit = limit;
  }

  override set(key: K, value: V): this {
    // Setting again makes an entry the newest.
    super.delete(key);
    super.set(key, value);
    if (this.size > this.#limit) super.delete(this.keys().next().value as K);
    return this;
  }
}
