// The naming rules behind V133. Names that reach WGSL (buffers, lets, loop variables) must be plain
// ASCII identifiers; labels that only reach comments and reports (region generators, source regions,
// tags) may be dotted paths such as `vyre.program.root`.

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
const LABEL = /^[\x20-\x7e]+$/;

// The longest buffer, let or loop variable name.
const MAX_IDENTIFIER_LENGTH = 64;

// The longest region generator, source region or tag.
const MAX_LABEL_LENGTH = 256;

/**
 * Whether `name` may name a buffer, a let binding or a loop variable: an ASCII letter, then letters,
 * digits and underscores, at most 64 characters.
 *
 * @param name - the candidate, of any type
 *
 * @internal
 */
export function isIdentifier(name: unknown): boolean {
  return (
    typeof name === 'string' &&
    name.length <= MAX_IDENTIFIER_LENGTH &&
    IDENTIFIER.test(name)
  );
}

/**
 * Whether `label` may name a region generator, a source region or a tag: 1 to
 * 256 printable ASCII characters (space to `~`).
 *
 * @param label - the candidate, of any type
 *
 * @internal
 */
export function isLabel(label: unknown): boolean {
  return (
    typeof label === 'string' &&
    label.length <= MAX_LABEL_LENGTH &&
    LABEL.test(label)
  );
}
