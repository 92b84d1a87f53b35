// GitHub REST stand-in: the issue comments and labels of pull requests, as the action's pull-request comment uses
// them. Tokens are either read-write or read-only (the GITHUB_TOKEN of a pull request from a fork); a write with a
// read-only token is refused as GitHub refuses it: 403, "Resource not accessible by integration", and the
// x-accepted-github-permissions header. Sources: emulators/README.md, "GitHub REST (pull-request comments)".
import type { EmulatorRequest, EmulatorResponse, Handler } from '../types.js'

/** GitHub's limit on an issue or pull-request comment body, in characters. */
export const COMMENT_BODY_LIMIT = 65_536
/** Comments per page: GitHub's default and most. */
const DEFAULT_PER_PAGE = 30
const MAX_PER_PAGE = 100
const DOCS = 'https://docs.github.com/rest'

export interface GithubComment {
  id: number
  node_id: string
  body: string
  user: { login: string; type: 'Bot' | 'User' }
  created_at: string
  updated_at: string
  html_url: string
  issue_url: string
}

export interface GithubApiState {
  /** Token → whether it may write ('write') or only read ('read'); other tokens get 401. */
  tokens: Map<string, 'read' | 'write'>
  /** Comments by `owner/repo#number`, oldest first. */
  comments: Map<string, GithubComment[]>
  /** Labels on each issue or pull request, by `owner/repo#number`. */
  labels: Map<string, string[]>
  /** Adds a comment as someone else (a reviewer), e.g. to fill pages before the action's comment. */
  addComment(repo: string, issue: number, body: string, login?: string): GithubComment
  commentsOf(repo: string, issue: number): GithubComment[]
}

export interface GithubApi {
  handler: Handler
  state: GithubApiState
}

/** The login a comment made with a token of the stand-in is shown as (the workflow token's app). */
export const ACTIONS_BOT = 'github-actions[bot]'

function json(status: number, body: unknown, headers: Record<string, string> = {}): EmulatorResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body }
}

function error(status: number, message: string, doc: string, headers: Record<string, string> = {}): EmulatorResponse {
  return json(status, { message, documentation_url: doc ? `${DOCS}/${doc}` : DOCS, status: String(status) }, headers)
}

const ROUTES = {
  listComments: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
  comment: /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/,
  labels: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/labels$/,
  label: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/labels\/([^/]+)$/
}

export function createGithubApi(): GithubApi {
  let nextId = 1_000_000
  const comments = new Map<string, GithubComment[]>()
  const labels = new Map<string, string[]>()
  const key = (repo: string, issue: number) => `${repo.toLowerCase()}#${issue}`
  const listOf = (repo: string, issue: number): GithubComment[] => {
    const k = key(repo, issue)
    if (!comments.has(k)) comments.set(k, [])
    return comments.get(k) as GithubComment[]
  }

  const create = (origin: string, repo: string, issue: number, body: string, login: string): GithubComment => {
    const id = nextId++
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
    const comment: GithubComment = {
      id,
      node_id: `IC_kwDO${Buffer.from(String(id)).toString('base64url')}`,
      body,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
      created_at: now,
      updated_at: now,
      html_url: `https://github.com/${repo}/pull/${issue}#issuecomment-${id}`,
      issue_url: `${origin}/repos/${repo}/issues/${issue}`
    }
    listOf(repo, issue).push(comment)
    return comment
  }

  const state: GithubApiState = {
    tokens: new Map(),
    comments,
    labels,
    addComment: (repo, issue, body, login = 'octocat') => create('https://api.github.com', repo, issue, body, login),
    commentsOf: (repo, issue) => [...listOf(repo, issue)]
  }

  const handler: Handler = (req) => {
    const auth = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')
    const access = auth ? state.tokens.get(auth[1] as string) : undefined
    if (!access) return error(401, 'Bad credentials', '')
    const path = req.url.pathname

    let m = ROUTES.listComments.exec(path)
    if (m) {
      const repo = `${m[1]}/${m[2]}`
      const issue = Number(m[3])
      if (req.method === 'GET') return listComments(req, repo, issue)
      if (req.method === 'POST') {
        if (access !== 'write') return readOnly('issues/comments#create-an-issue-comment')
        const body = bodyText(req)
        if (body === undefined) return invalid('issues/comments#create-an-issue-comment')
        if (tooLong(body)) return bodyTooLong('issues/comments#create-an-issue-comment')
        return json(201, create(req.url.origin, repo, issue, body, ACTIONS_BOT))
      }
    }
    m = ROUTES.comment.exec(path)
    if (m && req.method === 'PATCH') {
      const id = Number(m[3])
      const comment = [...comments.values()].flat().find((c) => c.id === id)
      if (!comment) return error(404, 'Not Found', 'issues/comments#update-an-issue-comment')
      if (access !== 'write') return readOnly('issues/comments#update-an-issue-comment')
      const body = bodyText(req)
      if (body === undefined) return invalid('issues/comments#update-an-issue-comment')
      if (tooLong(body)) return bodyTooLong('issues/comments#update-an-issue-comment')
      comment.body = body
      comment.updated_at = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
      return json(200, comment)
    }
    m = ROUTES.labels.exec(path)
    if (m) {
      const k = key(`${m[1]}/${m[2]}`, Number(m[3]))
      const current = labels.get(k) ?? []
      if (req.method === 'GET') return json(200, current.map(labelOf))
      if (req.method === 'POST') {
        if (access !== 'write') return readOnly('issues/labels#add-labels-to-an-issue')
        const names = (req.body as { labels?: unknown } | undefined)?.labels
        if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
          return invalid('issues/labels#add-labels-to-an-issue')
        }
        for (const n of names) if (!current.includes(n)) current.push(n)
        labels.set(k, current)
        return json(200, current.map(labelOf))
      }
    }
    m = ROUTES.label.exec(path)
    if (m && req.method === 'DELETE') {
      const k = key(`${m[1]}/${m[2]}`, Number(m[3]))
      if (access !== 'write') return readOnly('issues/labels#remove-a-label-from-an-issue')
      const name = decodeURIComponent(m[4] as string)
      const current = labels.get(k) ?? []
      if (!current.includes(name))
        return error(404, 'Label does not exist', 'issues/labels#remove-a-label-from-an-issue')
      labels.set(
        k,
        current.filter((l) => l !== name)
      )
      return json(200, (labels.get(k) ?? []).map(labelOf))
    }
    return error(404, 'Not Found', '')
  }

  /** One page of an issue's comments, oldest first, with GitHub's Link header to the others. */
  function listComments(req: EmulatorRequest, repo: string, issue: number): EmulatorResponse {
    const perPage = Math.min(
      MAX_PER_PAGE,
      Math.max(1, Number(req.url.searchParams.get('per_page')) || DEFAULT_PER_PAGE)
    )
    const page = Math.max(1, Number(req.url.searchParams.get('page')) || 1)
    const all = listOf(repo, issue)
    const last = Math.max(1, Math.ceil(all.length / perPage))
    const link = (n: number, rel: string) => {
      const url = new URL(req.url.href)
      url.searchParams.set('per_page', String(perPage))
      url.searchParams.set('page', String(n))
      return `<${url.href}>; rel="${rel}"`
    }
    const links = [
      ...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : []),
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : [])
    ]
    return json(200, all.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {})
  }

  return { handler, state }
}

function labelOf(name: string): { name: string; color: string; default: boolean } {
  return { name, color: 'ededed', default: false }
}

function bodyText(req: EmulatorRequest): string | undefined {
  const body = (req.body as { body?: unknown } | undefined)?.body
  return typeof body === 'string' ? body : undefined
}

/** GitHub counts characters, not bytes or UTF-16 units. */
function tooLong(body: string): boolean {
  return [...body].length > COMMENT_BODY_LIMIT
}

/** The answer to a write with a read-only token (a fork's pull request): GitHub's body and permission header. */
function readOnly(doc: string): EmulatorResponse {
  return error(403, 'Resource not accessible by integration', doc, {
    'x-accepted-github-permissions': 'issues=write; pull_requests=write'
  })
}

function invalid(doc: string): EmulatorResponse {
  return error(422, 'Invalid request.', doc)
}

function bodyTooLong(doc: string): EmulatorResponse {
  return json(422, {
    message: 'Validation Failed',
    errors: [
      {
        resource: 'IssueComment',
        code: 'unprocessable',
        field: 'data',
        message: `Body is too long (maximum is ${COMMENT_BODY_LIMIT} characters)`
      }
    ],
    documentation_url: `${DOCS}/${doc}`,
    status: '422'
  })
}
