// `npm run render-summary`: turns the dry-run job summary that `npm run demo` saved (.demo/summary-dry-run.md) into
// docs/job-summary.png, the picture in the README, with headless Chromium (Debian's package: apt-get install
// chromium). Not part of CI: run it by hand after a change to the summary, and commit the PNG.
//
// A job summary is GitHub-flavoured markdown, which the action writes almost all as HTML (headings, tables,
// details); the few markdown lines (headings, lists, paragraphs, links, code, bold) are converted here, and the page
// is styled like a summary on github.com (its markdown font, table borders and striping).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../emulators/runner.js'

const source = join(ROOT, '.demo', 'summary-dry-run.md')
const output = join(ROOT, 'docs', 'job-summary.png')
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium'
const WIDTH = 1100

if (!existsSync(source)) fail(`${source} is missing: run \`npm run demo\` first (it saves the dry-run summary there).`)
if (!existsSync(chromium)) fail(`${chromium} is missing: apt-get install -y chromium, or set CHROMIUM to its path.`)

const page = htmlPage(markdownToHtml(readFileSync(source, 'utf8')))
const work = mkdtempSync(join(tmpdir(), 'render-summary-'))
try {
  const html = join(work, 'summary.html')
  writeFileSync(html, page)
  // Chromium prints the DOM after scripts ran: the page writes there where the picture should end (the headline and
  // the first workspace, before the second workspace's heading), so the shot fits the content.
  const dom = chrome(work, ['--dump-dom', `--window-size=${WIDTH},1000`, `file://${html}`]).stdout
  const height = Number(/data-height="(\d+)"/.exec(dom)?.[1] ?? NaN)
  if (!Number.isFinite(height)) fail('Chromium did not report the page height.')
  mkdirSync(join(ROOT, 'docs'), { recursive: true })
  chrome(work, [`--screenshot=${output}`, `--window-size=${WIDTH},${height}`, `file://${html}`])
  console.log(`${output}: ${Math.round(statSync(output).size / 1024)} KB, ${WIDTH} px wide`)
} finally {
  rmSync(work, { recursive: true, force: true })
}

/** Runs headless Chromium with the flags this machine needs (no sandbox as root, no background network). */
function chrome(profileParent: string, args: string[]): { stdout: string } {
  const run = spawnSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Both runs lay the page out alike: no scrollbar takes width from the text.
      '--hide-scrollbars',
      `--user-data-dir=${mkdtempSync(join(profileParent, 'profile-'))}`,
      ...args
    ],
    { encoding: 'utf8', timeout: 60_000 }
  )
  if (run.status !== 0) fail(`Chromium failed (${run.status ?? run.signal}): ${run.stderr.slice(-2000)}`)
  return { stdout: run.stdout }
}

/** GitHub-flavoured markdown as the job summary uses it: HTML lines pass through, markdown lines are converted. */
function markdownToHtml(markdown: string): string {
  const out: string[] = []
  let list: string[] = []
  const flush = () => {
    if (list.length > 0) out.push(`<ul>${list.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`)
    list = []
  }
  for (const line of markdown.split('\n')) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line)
    const item = /^\s*[-*]\s+(.*)$/.exec(line)
    if (item?.[1] !== undefined) {
      list.push(item[1])
      continue
    }
    flush()
    if (line.trim() === '') continue
    if (heading?.[1] && heading[2] !== undefined)
      out.push(`<h${heading[1].length}>${inline(heading[2])}</h${heading[1].length}>`)
    else if (line.trimStart().startsWith('<')) out.push(line)
    else out.push(`<p>${inline(line)}</p>`)
  }
  flush()
  return out.join('\n')
}

function inline(text: string): string {
  return text
    .replace(/`([^`]+)`/g, (_m, code: string) => `<code>${code.replace(/</g, '&lt;')}</code>`)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
}

function htmlPage(body: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><style>
  body { margin: 0; background: #f6f8fa; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans",
    Helvetica, Arial, sans-serif; font-size: 14px; line-height: 1.5; color: #1f2328; }
  .card { margin: 16px; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
  .title { padding: 12px 16px; border-bottom: 1px solid #d1d9e0; font-weight: 600; }
  .markdown-body { padding: 8px 24px 16px; }
  h2 { font-size: 1.5em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; margin: 16px 0; }
  h3 { font-size: 1.25em; margin: 24px 0 16px; } h4 { font-size: 1em; margin: 24px 0 8px; }
  p, ul, details { margin: 0 0 16px; }
  table { border-collapse: collapse; margin: 0 0 16px; display: block; max-width: 100%; overflow: auto; }
  th, td { border: 1px solid #d1d9e0; padding: 6px 13px; text-align: left; }
  th { font-weight: 600; } tr:nth-child(2n) { background: #f6f8fa; }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 85%; padding: .2em .4em;
    background: #eff1f3; border-radius: 6px; }
  a { color: #0969da; text-decoration: none; } summary { cursor: pointer; }
</style></head>
<body><div class="card"><div class="title">sync summary</div><div class="markdown-body">
${body}
</div></div>
<script>
  const second = document.querySelectorAll('.markdown-body h3')[1]
  const end = second ? second.getBoundingClientRect().top + window.scrollY : document.documentElement.scrollHeight
  document.body.setAttribute('data-height', String(Math.ceil(end)))
</script>
</body></html>
`
}

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}
