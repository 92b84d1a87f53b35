/** Text placed in the job summary's HTML: names come from config and directories, so never trust them. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\|/g, '&#124;')
    .replace(/`/g, '&#96;')
    .replace(/\r?\n/g, '<br>')
}

/**
 * A message (an error, a fix, a finding) placed in HTML, where GitHub renders no markdown: its `code` spans become
 * <code> elements; everything else is escaped (a lone backtick too).
 */
export function proseHtml(text: string): string {
  return text
    .split(/`([^`\n]+)`/)
    .map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
    .join('')
}

export function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}
