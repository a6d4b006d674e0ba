// JSON documents for the decoder and schema tests: one valid base document, and edits of it.

/** A JSON value. */
export type Json =
  null | boolean | number | string | Json[] | { [key: string]: Json };

/** A valid document with one statement, `store out[gid.x] = 1u`, inside the root region. */
export function baseDocument(): { [key: string]: Json } {
  return {
    format: 'vyre.program/v1',
    workgroupSize: [64, 1, 1],
    buffers: [
      {
        name: 'out',
        binding: 0,
        access: 'readWrite',
        element: 'u32',
        count: 4,
        output: true,
        liveOut: true,
      },
    ],
    entry: [
      {
        kind: 'region',
        generator: 'vyre.program.root',
        body: [
          {
            kind: 'store',
            buffer: 'out',
            index: { kind: 'invocationId', axis: 0 },
            value: { kind: 'lit', type: 'u32', value: 1 },
          },
        ],
      },
    ],
  };
}

/** The base document with the value at `pointer` replaced (or removed, for `undefined`). */
export function withValue(pointer: string, value: Json | undefined): Json {
  const document = baseDocument();
  const keys = pointer.split('/').slice(1);
  const last = keys.pop() ?? '';
  let at: Json = document;
  for (const key of keys) {
    at = (at as Record<string, Json>)[key] as Json;
  }
  const parent = at as Record<string, Json>;
  if (value === undefined) {
    delete parent[last];
  } else {
    parent[last] = value;
  }
  return document;
}
