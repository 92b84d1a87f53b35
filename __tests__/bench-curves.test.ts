// The scaling curve's pure parts: the least-squares fits the benchmark prints and the SVG chart it writes.
import { describe, expect, test } from '@jest/globals'
import { niceAxis, scalingSvg } from '../bench/chart.js'
import { fit, fitLines, type CurvePoint } from '../bench/curves.js'

const point = (users: number, requests: number, rssMb: number): CurvePoint => ({
  label: String(users),
  users,
  members: users * 2,
  first: { requests, wallMs: 1200, floorMs: 1000, rssMb },
  steady: { requests: requests / 10, wallMs: 100, rssMb: rssMb - 10, lowerBound: requests / 10 }
})

describe('scaling curve', () => {
  test('fit: the least-squares line and the exponent of a power law', () => {
    const xs = [1, 2, 4, 8]
    const line = fit(
      xs,
      xs.map((x) => 3 * x + 2)
    )
    expect(line.slope).toBeCloseTo(3, 10)
    expect(line.intercept).toBeCloseTo(2, 10)
    expect(line.r2).toBeCloseTo(1, 10)
    expect(
      fit(
        xs,
        xs.map((x) => 5 * x * x)
      ).exponent
    ).toBeCloseTo(2, 10)
    expect(
      fit(
        xs,
        xs.map((x) => 7 * x)
      ).exponent
    ).toBeCloseTo(1, 10)
  })

  test('fitLines prints the exponents: linear requests and memory against users', () => {
    const lines = fitLines([point(1000, 3000, 110), point(2000, 6000, 120), point(4000, 12000, 140)])
    expect(lines[0]).toContain('users^1.00')
    expect(lines[0]).toContain('3.00 requests per user')
    // 10 MB per 1,000 users over 100 MB.
    expect(lines[1]).toContain('10.00 MB per 1,000 users over 100.00 MB')
    expect(lines[2]).toContain('pages^1.00')
    expect(fitLines([point(1000, 3000, 110)])).toEqual(['growth: fewer than two points, no fit'])
  })

  test('niceAxis: a round top of 1, 2 or 5 × a power of ten steps', () => {
    expect(niceAxis(71_426)).toEqual({ top: 80_000, step: 20_000 })
    expect(niceAxis(1.36)).toEqual({ top: 1.5, step: 0.5 })
    expect(niceAxis(180)).toEqual({ top: 200, step: 50 })
  })

  test('the chart: four panels, one line and a marker per point for each series, the RSS target drawn', () => {
    const svg = scalingSvg([point(4000, 12000, 140), point(1000, 3000, 110), point(2000, 6000, 120)], 200)
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg.trim().endsWith('</svg>')).toBe(true)
    // Series: first-sync requests, steady requests, RSS (first, steady), wall ÷ floor.
    expect(svg.match(/<polyline /g)).toHaveLength(5)
    expect(svg.match(/<circle /g)).toHaveLength(5 * 3)
    expect(svg).toContain('target 200 MB')
    // Points are drawn in order of users: the first-sync line rises left to right.
    const first = /<polyline [^>]*points="([^"]+)"/.exec(svg)?.[1]?.split(' ') ?? []
    const ys = first.map((p) => Number(p.split(',')[1]))
    expect(ys).toEqual([...ys].sort((a, b) => b - a))
  })
})
