/** Counted nouns in messages: `1 entry`, `2 entries`, `1 round`, `3 copies`. Pure, a leaf. */

/** The noun alone for `n`: `plural(1, 'entry', 'entries')` -> `entry`. Default plural adds `s`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** The count and the noun: `count(1, 'round')` -> `1 round`, `count(2, 'copy', 'copies')`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${plural(n, one, many)}`;
}

/**
 * `label: text`, unless the text already starts with the label (`regression: Regression: ...`
 * becomes `Regression: ...`).
 */
export function labelled(label: string, text: string): string {
  return text.toLowerCase().startsWith(`${label.toLowerCase()}:`) ? text : `${label}: ${text}`;
}
