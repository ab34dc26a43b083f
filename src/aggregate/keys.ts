/** A group key value: what a key function may return. `undefined` is read as `null`. */
export type KeyValue = string | number | boolean | null;

/** A key: a field name of the record, or a function of it. */
export type Key<Item> = (keyof Item & string) | ((item: Item) => KeyValue | undefined);

/**
 * Normalises a key (Plot's rule: a name or a function, resolved in one place). The reader
 * returns `null` for `undefined`, `null` and `NaN`, and `0` for `-0`.
 *
 * @example
 * const byChannel = keyFunction("by", "channel");
 * [byChannel({ channel: "email" }), byChannel({}), keyFunction("by", (t) => t.n * 0)({ n: -1 })]
 * //=> ["email", null, 0]
 */
export function keyFunction<Item>(name: string, key: Key<Item>): (item: Item) => KeyValue {
  const read =
    typeof key === "function"
      ? key
      : typeof key === "string"
        ? (item: Item) => (item as Record<string, unknown>)[key] as KeyValue | undefined
        : undefined;
  if (!read) {
    throw new TypeError(`rollup: by.${name} must be a field name or a function, got ${typeof key}`);
  }
  return (item) => {
    const value = read(item);
    // NaN is "no number": it would otherwise sort inconsistently and share null's group.
    if (value === undefined || value === null || Number.isNaN(value)) return null;
    const type = typeof value;
    if (type === "number") return value === 0 ? 0 : value; // -0 and 0 are one group
    if (type === "string" || type === "boolean") return value;
    throw new TypeError(
      `rollup: by.${name} must give a string, number, boolean or null, got ${type}`,
    );
  };
}

/**
 * Orders key values: booleans, numbers and strings by value; `null` last.
 *
 * @example
 * [3, null, 1, 2].sort(compareKeys)
 * //=> [1, 2, 3, null]
 */
export function compareKeys(a: KeyValue, b: KeyValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === typeof b) return a < b ? -1 : 1;
  return typeof a < typeof b ? -1 : 1;
}

/**
 * A string that identifies a combination of key values: strings are quoted, numbers,
 * booleans and `null` are written bare, so `"1"`, `1`, `Infinity` and `null` never collide
 * (JSON would write both `Infinity` and `null` as `null`).
 *
 * @example
 * [keyIdOf(["email", 1]), keyIdOf([null]), keyIdOf([Infinity])]
 * //=> ["\"email\",1", "null", "Infinity"]
 */
export function keyIdOf(keys: readonly KeyValue[]): string {
  return keys.map((key) => (typeof key === "string" ? JSON.stringify(key) : String(key))).join(",");
}
