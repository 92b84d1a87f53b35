// The scaling curve drawn as a hand-written SVG (no chart package): four small panels against users — first-sync
// requests, steady-state requests, peak RSS, and the first sync's wall time over the rate-limit floor.
import type { CurvePoint } from './curves.js'

interface Series {
  name: string
  colour: string
  values: number[]
}

interface Panel {
  title: string
  series: Series[]
  /** A horizontal reference line (e.g. a target), drawn dashed. */
  reference?: { value: number; label: string }
}

const W = 360
const H = 230
const PAD = { left: 58, right: 14, top: 30, bottom: 40 }

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A round upper end for an axis and its step: 1, 2 or 5 × a power of ten, about 4 steps. */
export function niceAxis(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 0.25 }
  const rough = max / 4
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power
  return { top: Math.ceil(max / step) * step, step }
}

const label = (v: number): string =>
  v >= 1000 ? `${Number((v / 1000).toFixed(1))}k` : Number.isInteger(v) ? String(v) : String(Number(v.toFixed(2)))

function panel(p: Panel, xs: number[], ox: number, oy: number): string {
  const finite = p.series.flatMap((s) => s.values).filter(Number.isFinite)
  const y = niceAxis(Math.max(...finite, p.reference?.value ?? 0))
  const x = niceAxis(Math.max(...xs))
  const iw = W - PAD.left - PAD.right
  const ih = H - PAD.top - PAD.bottom
  const px = (v: number) => ox + PAD.left + (v / x.top) * iw
  const py = (v: number) => oy + PAD.top + ih - (v / y.top) * ih
  const out: string[] = [`<text x="${ox + PAD.left}" y="${oy + 18}" class="title">${escape(p.title)}</text>`]
  for (let v = 0; v <= y.top + y.step / 2; v += y.step) {
    out.push(
      `<line x1="${px(0)}" x2="${px(x.top)}" y1="${py(v)}" y2="${py(v)}" class="grid"/>`,
      `<text x="${px(0) - 6}" y="${py(v) + 4}" text-anchor="end">${label(v)}</text>`
    )
  }
  for (let v = 0; v <= x.top + x.step / 2; v += x.step) {
    out.push(`<text x="${px(v)}" y="${py(0) + 16}" text-anchor="middle">${label(v)}</text>`)
  }
  out.push(`<text x="${px(x.top / 2)}" y="${py(0) + 32}" text-anchor="middle">users</text>`)
  if (p.reference) {
    out.push(
      `<line x1="${px(0)}" x2="${px(x.top)}" y1="${py(p.reference.value)}" y2="${py(p.reference.value)}" class="ref"/>`,
      `<text x="${px(x.top)}" y="${py(p.reference.value) - 4}" text-anchor="end" class="ref-label">${escape(p.reference.label)}</text>`
    )
  }
  p.series.forEach((s, k) => {
    const pts = xs.map((xv, i) => [xv, s.values[i] as number] as const).filter(([, v]) => Number.isFinite(v))
    out.push(
      `<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${pts.map(([a, b]) => `${px(a).toFixed(1)},${py(b).toFixed(1)}`).join(' ')}"/>`,
      ...pts.map(([a, b]) => `<circle cx="${px(a).toFixed(1)}" cy="${py(b).toFixed(1)}" r="3" fill="${s.colour}"/>`)
    )
    if (p.series.length > 1) {
      out.push(`<text x="${px(0) + 8}" y="${oy + PAD.top + 12 + 14 * k}" fill="${s.colour}">${escape(s.name)}</text>`)
    }
  })
  return out.join('\n')
}

/** The chart of the curve's points (sorted by users), with the RSS target drawn on the memory panel. */
export function scalingSvg(points: readonly CurvePoint[], rssTargetMb: number): string {
  const sorted = [...points].sort((a, b) => a.users - b.users)
  const xs = sorted.map((p) => p.users)
  const panels: Panel[] = [
    {
      title: 'first sync: requests',
      series: [{ name: 'first sync', colour: '#1f77b4', values: sorted.map((p) => p.first.requests) }]
    },
    {
      title: 'steady state: requests',
      series: [{ name: 'steady state', colour: '#2ca02c', values: sorted.map((p) => p.steady.requests) }]
    },
    {
      title: 'peak RSS of the action (MB)',
      series: [
        { name: 'first sync', colour: '#1f77b4', values: sorted.map((p) => p.first.rssMb) },
        { name: 'steady state', colour: '#2ca02c', values: sorted.map((p) => p.steady.rssMb) }
      ],
      reference: { value: rssTargetMb, label: `target ${rssTargetMb} MB` }
    },
    {
      title: 'first sync: wall time ÷ rate-limit floor',
      series: [
        {
          name: 'first sync',
          colour: '#d62728',
          values: sorted.map((p) => (p.first.floorMs > 0 ? p.first.wallMs / p.first.floorMs : Number.NaN))
        }
      ],
      reference: { value: 1, label: 'floor' }
    }
  ]
  const body = panels.map((p, i) => panel(p, xs, (i % 2) * W, Math.floor(i / 2) * H)).join('\n')
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${2 * H}" viewBox="0 0 ${2 * W} ${2 * H}" font-family="sans-serif" font-size="11">`,
    '<style>.title{font-size:13px;font-weight:bold}.grid{stroke:#ddd}.ref{stroke:#888;stroke-dasharray:4 3}.ref-label{fill:#666}</style>',
    `<rect width="${2 * W}" height="${2 * H}" fill="white"/>`,
    body,
    '</svg>',
    ''
  ].join('\n')
}
