/** A group key value: what a key function may return. `undefined` is read as `null`. */
export type KeyValue = string | number | boolean | null;

/** A key: a field name of the record, or a function of it. */
export type Key<Item> = (keyof Item & string) | ((item: Item) => KeyValue | undefined);

/** Normalises a key (Plot's rule: a name or a function, resolved in one place). */
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
    if (value === undefined || value === null) return null;
    const type = typeof value;
    if (type === "string" || type === "number" || type === "boolean") return value;
    throw new TypeError(
      `rollup: by.${name} must give a string, number, boolean or null, got ${type}`,
    );
  };
}

/** Orders key values: booleans, numbers and strings by value; `null` last. */
export function compareKeys(a: KeyValue, b: KeyValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === typeof b) return a < b ? -1 : 1;
  return typeof a < typeof b ? -1 : 1;
}
