import type { StrategyId } from '@vyre/megakernel-demo';
import type {
  BenchReport,
  BenchReportBackend,
  BenchReportRow,
} from './bench-report.ts';

// report.html: one self-contained page (inline CSS and SVG, nothing fetched) with the machine, a log-log
// plot of the cost per item against N for every strategy on each backend (all plots on the same axes,
// so they compare at a glance), and the figures as a table.

const COLORS: Readonly<Record<StrategyId, string>> = {
  perItemOneSubmission: '#d62728',
  perItemSubmissionEach: '#ff7f0e',
  megakernelHost: '#1f77b4',
  megakernelResident: '#2ca02c',
  megakernelFromDescriptors: '#9467bd',
  megakernelResidentBatch: '#17becf',
};

const WIDTH = 1000;
const HEIGHT = 440;
// The legend sits in the right margin, clear of the data.
const MARGIN = { left: 70, right: 280, top: 20, bottom: 50 };

const escape = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

/** Whole decades around [min, max] (at least one decade wide). */
function decades(min: number, max: number): [number, number] {
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

const number = (x: number): string =>
  x >= 1000 ? x.toLocaleString('en-US') : String(Number(x.toPrecision(3)));

interface Axes {
  readonly x: [number, number];
  readonly y: [number, number];
}

const plotted = (rows: readonly BenchReportRow[]): BenchReportRow[] =>
  rows.filter((r) => r.perItemUs > 0 && r.n > 0);

/** Decades covering every row of every backend. */
function axesOf(rows: readonly BenchReportRow[]): Axes | undefined {
  const positive = plotted(rows);
  if (positive.length === 0) {
    return undefined;
  }
  return {
    x: decades(
      Math.min(...positive.map((r) => r.n)),
      Math.max(...positive.map((r) => r.n)),
    ),
    y: decades(
      Math.min(...positive.map((r) => r.perItemUs)),
      Math.max(...positive.map((r) => r.perItemUs)),
    ),
  };
}

/** The plot of one backend's `rows` as SVG, on `axes`. */
function plot(
  backend: string,
  rows: readonly BenchReportRow[],
  axes: Axes,
): string {
  const positive = plotted(rows);
  if (positive.length === 0) {
    return `<p>No figures to plot for ${escape(backend)}.</p>`;
  }
  const [x0, x1] = axes.x;
  const [y0, y1] = axes.y;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const px = (n: number): number =>
    MARGIN.left + ((Math.log10(n) - x0) / (x1 - x0)) * plotW;
  const py = (us: number): number =>
    MARGIN.top + (1 - (Math.log10(us) - y0) / (y1 - y0)) * plotH;
  const parts: string[] = [];
  for (let d = x0; d <= x1; d++) {
    const x = px(10 ** d).toFixed(1);
    parts.push(
      `<line class="grid" x1="${x}" x2="${x}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}"/>`,
      `<text class="tick" x="${x}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${number(10 ** d)}</text>`,
    );
  }
  for (let d = y0; d <= y1; d++) {
    const y = py(10 ** d).toFixed(1);
    parts.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y}" y2="${y}"/>`,
      `<text class="tick" x="${MARGIN.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${number(10 ** d)}</text>`,
    );
  }
  parts.push(
    `<text class="axis" x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle">work items N (log)</text>`,
    `<text class="axis" transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">µs per item (log)</text>`,
  );
  const strategies = [...new Set(positive.map((r) => r.strategy))];
  strategies.forEach((strategy, k) => {
    const points = positive
      .filter((r) => r.strategy === strategy)
      .sort((a, b) => a.n - b.n);
    const color = COLORS[strategy];
    const label = escape(points[0]?.label ?? strategy);
    parts.push(
      `<polyline class="series" data-backend="${escape(backend)}" data-strategy="${strategy}" fill="none" stroke="${color}" stroke-width="2" points="${points.map((p) => `${px(p.n).toFixed(1)},${py(p.perItemUs).toFixed(1)}`).join(' ')}"><title>${label}</title></polyline>`,
      ...points.map(
        (p) =>
          `<circle cx="${px(p.n).toFixed(1)}" cy="${py(p.perItemUs).toFixed(1)}" r="3.5" fill="${color}"><title>${label}: N = ${p.n.toLocaleString('en-US')}, ${p.perItemUs.toPrecision(4)} µs per item</title></circle>`,
      ),
      `<rect x="${MARGIN.left + plotW + 16}" y="${MARGIN.top + 8 + k * 20}" width="12" height="12" fill="${color}"/>`,
      `<text class="legend" x="${MARGIN.left + plotW + 34}" y="${MARGIN.top + 18 + k * 20}">${label}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" data-backend="${escape(backend)}" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Cost per item against N, per strategy, on ${escape(backend)}">${parts.join('')}</svg>`;
}

/** A heading and a plot per backend, all on the same axes. */
function plots(report: BenchReport): string {
  const axes = axesOf(report.rows);
  if (axes === undefined) {
    return '<p>No figures to plot.</p>';
  }
  return report.backends
    .map(
      (b) =>
        `<h2>${escape(backendName(b))}</h2>\n${plot(
          b.id,
          report.rows.filter((r) => r.backend === b.id),
          axes,
        )}`,
    )
    .join('\n');
}

const backendName = (b: BenchReportBackend): string =>
  b.adapter === undefined ? b.id : `${b.id} (${b.adapter})`;

function table(report: BenchReport): string {
  const body = report.backends.flatMap((b) =>
    report.sizes.flatMap((n) => {
      const rows = report.rows.filter((r) => r.backend === b.id && r.n === n);
      const perItem = rows.find(
        (r) => r.strategy === 'perItemOneSubmission',
      )?.medianMs;
      return rows.map(
        (r) =>
          `<tr><td>${escape(b.id)}</td><td>${n.toLocaleString('en-US')}</td><td>${escape(r.label)}</td><td>${r.medianMs.toFixed(3)}</td><td>${r.p10Ms.toFixed(3)}</td><td>${r.p90Ms.toFixed(3)}</td><td>${r.perItemUs.toFixed(4)}</td><td>${perItem === undefined ? '—' : `${(perItem / r.medianMs).toFixed(1)}×`}</td><td>${r.verified ? 'yes' : '<strong>NO</strong>'}</td></tr>`,
      );
    }),
  );
  return `<table><thead><tr><th>backend</th><th>N</th><th>strategy</th><th>median ms</th><th>p10 ms</th><th>p90 ms</th><th>µs per item</th><th>(a) / this</th><th>verified</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/** The report as a self-contained HTML page. */
export function benchReportHtml(report: BenchReport): string {
  const m = report.machine;
  const facts: [string, string][] = [
    ['backends', report.backends.map(backendName).join('; ')],
    ...report.skipped.map((s): [string, string] => [
      `not measured`,
      `${s.backend}: ${s.reason}`,
    ]),
    [
      'machine',
      `${m.cpuCount} × ${m.cpu}, ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${m.os} ${m.arch}`,
    ],
    ['Node', m.node],
    ['workload', report.workload],
    [
      'method',
      `median of ${report.reps} timed runs per strategy and size${report.settle ? ', each after an untimed run of the same strategy' : ''}; every run compared byte for byte with the CPU reference`,
    ],
    [
      'verified',
      report.verified ? 'yes' : 'NO: a run differed from the CPU reference',
    ],
    ['measured', report.createdAt],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>vyre bench: ${escape(report.backends.map((b) => b.id).join(', '))}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #222; }
h1 { font-size: 20px; margin: 0 0 12px; }
h2 { font-size: 16px; margin: 20px 0 8px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 16px; }
dt { color: #666; }
dd { margin: 0; }
svg { border: 1px solid #ddd; background: #fff; }
.grid { stroke: #eee; }
.tick, .legend { font-size: 12px; fill: #444; }
.axis { font-size: 13px; fill: #222; }
table { border-collapse: collapse; margin-top: 16px; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
td:nth-child(1), th:nth-child(1), td:nth-child(3), th:nth-child(3) { text-align: left; }
</style>
</head>
<body>
<h1>vyre bench: cost per work item against N</h1>
<dl>${facts.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('')}</dl>
${plots(report)}
${table(report)}
</body>
</html>
`;
}
