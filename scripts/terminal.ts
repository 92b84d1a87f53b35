// Renders the job summary (markdown with HTML tables) as readable terminal text for the demo.
export function summaryForTerminal(summary: string): string {
  return summary
    .replace(/<details><summary>(.*?)<\/summary>/g, '\n▸ $1\n')
    .replace(/<\/details>/g, '')
    .replace(/<table>/g, '\n')
    .replace(/<\/table>/g, '\n')
    .replace(/<tr>/g, '')
    .replace(/<\/tr>/g, '\n')
    .replace(/<t[hd][^>]*>/g, ' | ')
    .replace(/<\/t[hd]>/g, '')
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/<li>/g, '  - ')
    .replace(/<\/li>/g, '\n')
    .replace(/<h(\d)>(.*?)<\/h\d>/g, (_m, level: string, text: string) => `\n${'#'.repeat(Number(level))} ${text}\n`)
    .replace(/<\/?(p|ul|ol|code|em|strong|pre)>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#124;/g, '|')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
