// The parser's shape (prom2json's): it ships no types.
declare module 'parse-prometheus-text-format' {
  interface ParsedMetric {
    readonly value?: string;
    readonly labels?: Readonly<Record<string, string>>;
  }
  interface ParsedFamily {
    readonly name: string;
    readonly help: string;
    readonly type: string;
    readonly metrics: readonly ParsedMetric[];
  }
  // eslint-disable-next-line no-restricted-syntax -- the third-party module's own default export
  export default function parsePrometheusTextFormat(
    text: string,
  ): ParsedFamily[];
}
