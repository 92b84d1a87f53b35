export const id = 123;
export const ids = [123];
export const modules = {

/***/ 5123:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
;// CONCATENATED MODULE: ./src/config/matrix.ts
function buildMatrix(workspaces) {
    return {
        include: [...workspaces]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((ws) => ({ workspace: ws.name, host: ws.host, config: ws.file }))
    };
}

;// CONCATENATED MODULE: ./src/report/markdown.ts
/** Text placed in the job summary's HTML: names come from config and directories, so never trust them. */
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/\|/g, '&#124;')
        .replace(/\r?\n/g, '<br>');
}
function code(text) {
    return `<code>${escapeHtml(text)}</code>`;
}
function plural(count, one, many = `${one}s`) {
    return `${count} ${count === 1 ? one : many}`;
}

;// CONCATENATED MODULE: ./src/secrets.ts
// Every secret the action handles goes through mask(): the runner hides it in the log, and redact() removes
// it from text the runner does not mask (job summary, outputs, plan file).

const known = new Set();
/**
 * Any run of at least this many characters of a secret is removed, wherever it starts: a service may quote any part
 * of a token it was sent (its first characters, a middle piece an error text cut out, its signature), and the
 * runner's own masking only hides whole values.
 */
const PIECE = 8;
/** The forms a secret travels in: as is, and URL-encoded (a query string, a form body). */
function secrets_forms(secret) {
    const form = new URLSearchParams({ s: secret }).toString().slice(2);
    return [...new Set([secret, encodeURIComponent(secret), form])];
}
/** Every PIECE-long run of every form of every known secret, with the forms it occurs in. */
let index;
function mask(secret) {
    if (!secret)
        return;
    if (!known.has(secret)) {
        known.add(secret);
        index = undefined;
        core.setSecret(secret);
    }
}
function buildIndex() {
    const pieces = new Map();
    const chars = new Set();
    // Short values would redact ordinary words; secrets handled here are tokens, keys and passwords.
    for (const form of [...known].filter((s) => s.length >= PIECE).flatMap(secrets_forms)) {
        for (const c of form)
            chars.add(c);
        for (let i = 0; i + PIECE <= form.length; i++) {
            const piece = form.slice(i, i + PIECE);
            const list = pieces.get(piece) ?? [];
            if (!list.includes(form))
                list.push(form);
            pieces.set(piece, list);
        }
    }
    const escaped = [...chars].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');
    // Only runs made of a secret's characters can hold a piece of one: the rest of the text is skipped at once.
    return { pieces, charset: new RegExp(`[${escaped || 'x'}]{${PIECE},}`, 'gu') };
}
function redact(text) {
    const whole = [...known].filter((s) => s.length >= 6 && s.length < PIECE);
    let out = text;
    for (const secret of whole)
        out = out.split(secret).join('***');
    index ??= buildIndex();
    if (index.pieces.size === 0)
        return out;
    const ranges = [];
    for (const run of out.matchAll(index.charset)) {
        const start = run.index;
        const runText = run[0];
        for (let i = 0; i + PIECE <= runText.length; i++) {
            const piece = runText.slice(i, i + PIECE);
            const forms = index.pieces.get(piece);
            if (!forms)
                continue;
            // The longest stretch of any form matched from here: one range however many secrets share these characters.
            let end = i + PIECE;
            for (const form of forms) {
                for (let at = form.indexOf(piece); at !== -1; at = form.indexOf(piece, at + 1)) {
                    let k = PIECE;
                    while (i + k < runText.length && at + k < form.length && runText[i + k] === form[at + k])
                        k++;
                    end = Math.max(end, i + k);
                }
            }
            ranges.push([start + i, start + end]);
        }
    }
    return cutOut(out, ranges);
}
/** `text` with each of the ranges (merged where they overlap or touch) replaced by `***`. */
function cutOut(text, ranges) {
    if (ranges.length === 0)
        return text;
    ranges.sort((a, b) => a[0] - b[0]);
    let out = '';
    let kept = 0;
    let [from, to] = ranges[0];
    for (const [start, end] of ranges.slice(1)) {
        if (start <= to) {
            to = Math.max(to, end);
            continue;
        }
        out += `${text.slice(kept, from)}***`;
        kept = to;
        [from, to] = [start, end];
    }
    return `${out}${text.slice(kept, from)}***${text.slice(to)}`;
}

;// CONCATENATED MODULE: ./src/report/summary.ts


/** GitHub shows at most this many annotations of one kind per step; the summary lists every problem. */
const ANNOTATION_LIMIT = 10;
/** Problems listed in the summary at most: their table stays far under GitHub's 1 MiB per step summary. */
const MAX_PROBLEM_ROWS = 1000;
/** Tables longer than this are folded into <details>. */
const FOLD_ROWS = 25;
/** A table cell's HTML; never empty, since the summary writer turns an empty cell into an unclosed tag. */
function cell(text) {
    return escapeHtml(redact(String(text))) || '—';
}
function header(...titles) {
    return titles.map((data) => ({ data, header: true }));
}
/** A table, folded under a label when long so the summary stays readable. */
function addTable(summary, label, head, rows) {
    if (rows.length === 0)
        return;
    if (rows.length <= FOLD_ROWS) {
        summary.addTable([head, ...rows]);
        return;
    }
    const table = renderTable([head, ...rows]);
    summary.addDetails(`${escapeHtml(label)} (${rows.length})`, `\n\n${table}\n\n`);
}
function renderTable(rows) {
    const cells = rows.map((row) => `<tr>${row
        .map((c) => (typeof c === 'string' ? `<td>${c}</td>` : c.header ? `<th>${c.data}</th>` : `<td>${c.data}</td>`))
        .join('')}</tr>`);
    return `<table>${cells.join('')}</table>`;
}
function addProblemsTable(summary, problems) {
    if (problems.length === 0)
        return;
    summary.addHeading('Problems', 3);
    const errors = problems.filter((p) => p.severity === 'error').length;
    if (errors > ANNOTATION_LIMIT) {
        summary.addRaw(`<p>GitHub shows at most ${ANNOTATION_LIMIT} error annotations per step on the pull request; all ${errors} errors are listed here.</p>`, true);
    }
    if (problems.length > MAX_PROBLEM_ROWS) {
        summary.addRaw(`<p>The first ${MAX_PROBLEM_ROWS} of ${problems.length} problems are listed (GitHub accepts at most 1 MiB of summary per step); fix these and run again.</p>`, true);
    }
    addTable(summary, 'Problems', header('Severity', 'File', 'Line', 'Key', 'Problem'), problems
        .slice(0, MAX_PROBLEM_ROWS)
        .map((p) => [
        p.severity === 'error' ? '❌ error' : '⚠️ warning',
        cell(p.file || '—'),
        cell(p.file ? `${p.line}:${p.column}` : '—'),
        p.key ? `<code>${cell(p.key)}</code>` : '—',
        cell(p.message)
    ]));
}
function addFailure(summary, message) {
    summary.addHeading('❌ The action failed', 3);
    summary.addRaw(`<pre>${cell(message)}</pre>`, true);
}

;// CONCATENATED MODULE: ./src/report/matrix-summary.ts


function addMatrixSummary(summary, matrix) {
    summary.addHeading('🧮 Workspace matrix', 2);
    summary.addRaw(`<p>${plural(matrix.include.length, 'workspace')} in the <code>matrix</code> output, one job each with <code>strategy.matrix: \${{ fromJSON(…) }}</code>.</p>`, true);
    addTable(summary, 'Workspaces', header('Workspace', 'Host', 'Config file'), matrix.include.map((e) => [cell(e.workspace), cell(e.host), cell(e.config)]));
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var dist = __webpack_require__(3382);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var yaml_dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./node_modules/fastest-levenshtein/mod.js
var mod = __webpack_require__(1916);
;// CONCATENATED MODULE: ./src/config/text.ts
// Small helpers for human messages: key paths, value descriptions and "did you mean".

/** `['workspaces', 0, 'groups', 1, 'entra']` -> `workspaces[0].groups[1].entra` */
function formatPath(path) {
    let out = '';
    for (const segment of path) {
        if (typeof segment === 'number')
            out += `[${segment}]`;
        else
            out += out ? `.${segment}` : segment;
    }
    return out;
}
/** `key: message`, or the message alone at the top level. */
function at(path, message) {
    const key = formatPath(path);
    return key ? `${key}: ${message}` : message;
}
const MAX_SHOWN = 80;
/** A value as it appears in a message: strings quoted (and shortened), collections named. */
function describeValue(value) {
    if (value === null || value === undefined)
        return 'an empty value';
    if (typeof value === 'string') {
        const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN - 1)}…` : value;
        // JSON keeps the Unicode line separators raw: shown as escapes, they are visible and cannot cut a log line.
        return JSON.stringify(shown).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
    }
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    return String(value);
}
/** What kind of YAML value it is, for "must be X, not Y". */
function kindOf(value) {
    if (value === null || value === undefined)
        return 'empty';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    if (typeof value === 'string')
        return `a string (${describeValue(value)})`;
    if (typeof value === 'boolean')
        return `a boolean (${String(value)})`;
    if (typeof value === 'number')
        return `a number (${String(value)})`;
    return typeof value;
}
const squash = (s) => s.toLowerCase().replace(/[-_\s]/g, '');
/** The candidate the user most likely meant, if one is close enough. */
function didYouMean(value, candidates) {
    if (candidates.length === 0 || value === '')
        return undefined;
    const wanted = squash(value);
    // token_secret, tokenSecret, Token-Secret, ...
    const same = candidates.find((c) => squash(c) === wanted);
    if (same)
        return same;
    const lower = value.toLowerCase();
    const best = (0,mod/* closest */.kp)(lower, [...candidates]);
    const limit = Math.max(2, Math.floor(best.length / 3));
    if ((0,mod/* distance */.Io)(lower, best) <= limit)
        return best;
    // sql-access -> databricks-sql-access
    const containing = candidates.filter((c) => lower.length >= 4 && (c.includes(lower) || lower.includes(c)));
    return containing.length === 1 ? containing[0] : undefined;
}
/** `"a", "b" and "c"` */
function listOf(values, quote = false) {
    const shown = values.map((v) => (quote ? `"${v}"` : v));
    if (shown.length <= 1)
        return shown.join('');
    return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

;// CONCATENATED MODULE: ./src/config/source.ts
// Reads one config file's text into a YAML document that remembers where every key and value is, and reports what
// keeps the file from being a single mapping: syntax errors, duplicate keys, several documents, alias bombs.


/** Files larger than this are refused unread: a config file is a few kilobytes. */
const MAX_CONFIG_FILE_BYTES = 1024 * 1024;
/** Aliases resolved per document; far above what a config needs, far below an alias bomb. */
const MAX_ALIAS_COUNT = 100;
function problem(file, position, key, message, severity = 'error') {
    return { file, line: position.line, column: position.column, key, message, severity };
}
function positionOfOffset(parsed, offset) {
    const { line, col } = parsed.lineCounter.linePos(offset);
    return { file: parsed.file, line, column: col };
}
function start(node) {
    return node?.range?.[0];
}
function scalarKey(pair) {
    const key = pair.key;
    // A `<<` merge key is a scalar holding Symbol('<<').
    if ((0,yaml_dist/* isScalar */.jn)(key))
        return typeof key.value === 'symbol' ? (key.value.description ?? '') : String(key.value);
    if (key === null || key === undefined)
        return '';
    return typeof key === 'object' ? undefined : String(key);
}
/** The pair for `key` in a map, looking through `<<` merge keys too. */
function findPair(map, key, doc, depth = 0) {
    if (depth > 10)
        return undefined;
    const resolved = (0,yaml_dist/* isAlias */.Vj)(map) ? map.resolve(doc) : map;
    if (!(0,yaml_dist/* isMap */.jh)(resolved))
        return undefined;
    const own = resolved.items.find((p) => scalarKey(p) === key);
    if (own)
        return own;
    for (const p of resolved.items) {
        if (scalarKey(p) !== '<<')
            continue;
        const sources = (0,yaml_dist/* isSeq */.oP)(p.value) ? p.value.items : [p.value];
        for (const source of sources) {
            const found = findPair(source, key, doc, depth + 1);
            if (found)
                return found;
        }
    }
    return undefined;
}
/**
 * Where `path` is in the file. `key` points at the key of the last map entry (or at a list item); `value` at its
 * value when there is one. A path that does not exist (a missing key) resolves to the deepest part that does.
 */
function locate(parsed, path, target = 'value') {
    const doc = parsed.doc;
    if (!doc)
        return { file: parsed.file, line: 1, column: 1 };
    let current = doc.contents;
    let keyOffset = start(current) ?? 0;
    let valueOffset = keyOffset;
    for (const segment of path) {
        const node = (0,yaml_dist/* isAlias */.Vj)(current) ? current.resolve(doc) : current;
        if ((0,yaml_dist/* isMap */.jh)(node)) {
            const pair = findPair(node, String(segment), doc);
            if (!pair)
                return positionOfOffset(parsed, valueOffset ?? keyOffset);
            keyOffset = start(pair.key) ?? keyOffset;
            current = pair.value;
            valueOffset = start(pair.value);
        }
        else if ((0,yaml_dist/* isSeq */.oP)(node) && typeof segment === 'number' && segment < node.items.length) {
            current = node.items[segment];
            keyOffset = start(current) ?? keyOffset;
            valueOffset = keyOffset;
        }
        else {
            return positionOfOffset(parsed, valueOffset ?? keyOffset);
        }
    }
    return positionOfOffset(parsed, target === 'key' ? keyOffset : (valueOffset ?? keyOffset));
}
/** The YAML node at `path`, looking through aliases and `<<` merge keys; undefined when there is none. */
function nodeAt(parsed, path) {
    const doc = parsed.doc;
    if (!doc)
        return undefined;
    let current = doc.contents;
    for (const segment of path) {
        const node = (0,yaml_dist/* isAlias */.Vj)(current) ? current.resolve(doc) : current;
        if ((0,yaml_dist/* isMap */.jh)(node)) {
            const pair = findPair(node, String(segment), doc);
            if (!pair)
                return undefined;
            current = pair.value;
        }
        else if ((0,yaml_dist/* isSeq */.oP)(node) && typeof segment === 'number' && segment < node.items.length) {
            current = node.items[segment];
        }
        else {
            return undefined;
        }
    }
    return (0,yaml_dist/* isAlias */.Vj)(current) ? current.resolve(doc) : current;
}
/** A scalar as written in the file: `6234138917436195` exactly, where the number read from it may be rounded. */
function scalarSource(parsed, path) {
    const node = nodeAt(parsed, path);
    return (0,yaml_dist/* isScalar */.jn)(node) && typeof node.source === 'string' ? node.source : undefined;
}
/** A problem at `path` in this file; the message is prefixed with the key path. */
function problemAt(parsed, path, target, message, severity = 'error') {
    return problem(parsed.file, locate(parsed, path, target), formatPath(path), at(path, message), severity);
}
/** Every map entry of the document with the path of its map (aliases are not followed). */
function* pairs(node, path = []) {
    if ((0,yaml_dist/* isMap */.jh)(node)) {
        for (const pair of node.items) {
            yield { pair, siblings: node.items, path };
            const key = scalarKey(pair);
            if (key !== undefined)
                yield* pairs(pair.value, [...path, key]);
        }
    }
    else if ((0,yaml_dist/* isSeq */.oP)(node)) {
        for (const [index, item] of node.items.entries())
            yield* pairs(item, [...path, index]);
    }
    else if ((0,yaml_dist/* isPair */.tO)(node)) {
        yield* pairs(node.value, path);
    }
}
const SYNTAX_HINTS = {
    TAB_AS_INDENT: 'indent with spaces, not tabs',
    BAD_ALIAS: 'define the anchor (&name) before using the alias (*name)',
    BAD_DIRECTIVE: 'remove the % directive line',
    MULTIPLE_ANCHORS: 'give the node a single &anchor',
    MULTIPLE_TAGS: 'give the node a single !tag'
};
const DEFAULT_SYNTAX_HINT = 'check the indentation, quotes and brackets on this line and the line before';
function sentence(text) {
    const trimmed = text.trim().replace(/\.$/, '');
    return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}
/** An error found at the end of the file (an unclosed bracket or quote) is shown on the last line that has text. */
function clamp(text, offset) {
    const end = text.trimEnd().length;
    if (offset < end || end === 0)
        return offset;
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0].length ?? 0;
    return lineStart + indent;
}
function yamlProblem(parsed, text, error, severity) {
    const position = positionOfOffset(parsed, clamp(text, error.pos[0]));
    if (error.code === 'DUPLICATE_KEY' && parsed.doc) {
        for (const visit of pairs(parsed.doc.contents)) {
            if (start(visit.pair.key) !== error.pos[0])
                continue;
            const name = scalarKey(visit.pair) ?? '';
            const first = visit.siblings.find((p) => p !== visit.pair && scalarKey(p) === name);
            const firstLine = first ? ` (first at line ${positionOfOffset(parsed, start(first.key) ?? 0).line})` : '';
            return problem(parsed.file, position, formatPath([...visit.path, name]), at(visit.path, `duplicate key "${name}"${firstLine}; a key may appear only once in a mapping, remove one of them`), 'error');
        }
    }
    if (severity === 'warning') {
        return problem(parsed.file, position, '', `YAML warning: ${sentence(error.message)}`, 'warning');
    }
    if (/call stack/i.test(error.message)) {
        return problem(parsed.file, position, '', 'the YAML is nested too deeply to read; a config file needs only a few levels');
    }
    const hint = SYNTAX_HINTS[error.code] ?? DEFAULT_SYNTAX_HINT;
    return problem(parsed.file, position, '', `YAML syntax error: ${sentence(error.message)}; ${hint}`, 'error');
}
/** Broken YAML can produce an error per character; the first few say enough. */
const MAX_YAML_ERRORS = 10;
function yamlProblems(parsed, text, errors, severity) {
    const all = errors.map((e) => yamlProblem(parsed, text, e, severity));
    const shown = [];
    for (const p of all) {
        if (shown.length === MAX_YAML_ERRORS)
            break;
        // One "nested too deeply" (reported at every level) is enough.
        if (!shown.some((s) => s.message === p.message && /nested too deeply/.test(p.message)))
            shown.push(p);
    }
    return shown;
}
function firstAliasOffset(node, doc) {
    if ((0,yaml_dist/* isAlias */.Vj)(node))
        return start(node);
    const items = (0,yaml_dist/* isMap */.jh)(node) || (0,yaml_dist/* isSeq */.oP)(node) ? node.items : (0,yaml_dist/* isPair */.tO)(node) ? [node.key, node.value] : [];
    for (const item of items) {
        const found = firstAliasOffset(item, doc);
        if (found !== undefined)
            return found;
    }
    return undefined;
}
const TOP_LEVEL_HINT = 'a config file is a mapping that starts with "version: 1" and lists "workspaces"';
/** Parses one file's text. Never throws: whatever is wrong comes back as problems. */
function parseSource(file, text) {
    try {
        return parse(file, text);
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const message = /call stack/i.test(reason)
            ? 'the YAML is nested too deeply to read; a config file needs only a few levels'
            : `the file could not be read as YAML (${reason})`;
        return {
            parsed: { file, lineCounter: new yaml_dist/* LineCounter */.HN() },
            problems: [problem(file, { line: 1, column: 1 }, '', message)]
        };
    }
}
function parse(file, text) {
    const lineCounter = new yaml_dist/* LineCounter */.HN();
    const parsed = { file, lineCounter };
    const problems = [];
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_CONFIG_FILE_BYTES) {
        problems.push(tooLarge(file, bytes));
        return { parsed, problems };
    }
    const docs = (0,yaml_dist/* parseAllDocuments */.hR)(text, {
        lineCounter,
        prettyErrors: false,
        uniqueKeys: true,
        merge: true,
        strict: true,
        // Nothing on the console: every warning becomes a problem.
        logLevel: 'error'
    });
    const documents = Array.isArray(docs) ? docs : [];
    const doc = documents[0];
    if (!doc || doc.contents === null || ((0,yaml_dist/* isScalar */.jn)(doc.contents) && doc.contents.value === null)) {
        if (doc)
            parsed.doc = doc;
        problems.push(...yamlProblems(parsed, text, doc?.errors ?? [], 'error'));
        if (problems.length === 0) {
            problems.push(problem(file, { line: 1, column: 1 }, '', `the file is empty; ${TOP_LEVEL_HINT}`));
        }
        return { parsed, problems };
    }
    parsed.doc = doc;
    problems.push(...yamlProblems(parsed, text, doc.errors, 'error'));
    problems.push(...yamlProblems(parsed, text, doc.warnings, 'warning'));
    if (documents.length > 1) {
        const second = documents[1];
        problems.push(problem(file, positionOfOffset(parsed, second.range[0]), '', `the file holds ${documents.length} YAML documents separated by "---"; keep one document per file (split the others into their own config files)`));
    }
    // Anything but duplicate keys leaves the tree unreliable: report the syntax errors only.
    if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY'))
        return { parsed, problems };
    if (!(0,yaml_dist/* isMap */.jh)(doc.contents)) {
        const kind = (0,yaml_dist/* isSeq */.oP)(doc.contents) ? 'a list' : (0,yaml_dist/* isAlias */.Vj)(doc.contents) ? 'an alias' : 'a single value';
        problems.push(problem(file, positionOfOffset(parsed, start(doc.contents) ?? 0), '', `the file is ${kind}; ${TOP_LEVEL_HINT}`));
        return { parsed, problems };
    }
    let data;
    try {
        data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const offset = firstAliasOffset(doc.contents, doc) ?? 0;
        const explained = /excessive alias count/i.test(message)
            ? `YAML aliases expand to too much data (more than ${MAX_ALIAS_COUNT} alias expansions; this looks like an alias bomb); use fewer aliases (*name) or write the values out`
            : `YAML error: ${sentence(message)}; ${SYNTAX_HINTS.BAD_ALIAS}`;
        problems.push(problem(file, positionOfOffset(parsed, offset), '', explained));
        return { parsed, problems };
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        problems.push(problem(file, { line: 1, column: 1 }, '', `the file is not a mapping; ${TOP_LEVEL_HINT}`));
        return { parsed, problems };
    }
    parsed.data = data;
    return { parsed, problems };
}
function tooLarge(file, bytes) {
    return problem(file, { line: 1, column: 1 }, '', `the file is ${bytes} bytes, over the 1 MiB (${MAX_CONFIG_FILE_BYTES} bytes) limit for config files; split the workspaces across several files`);
}

;// CONCATENATED MODULE: ./src/net.ts
// What every client of the action shares about the network: loopback hosts, how long a request may take, where a
// redirect it refused pointed, and how a failure to connect reads (TLS trust, never sent, worth retrying or not).
/** Loopback hosts: the only place the action relaxes checks meant for Microsoft's own hosts (emulators, demo). */
function isLoopbackHost(hostname) {
    const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
/** A TLS failure to verify the server's certificate, as Node, undici and the SDKs word it. */
const UNTRUSTED_CERTIFICATE = /unable to verify the first certificate|self[- ]signed certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|certificate has expired|ERR_TLS_CERT_ALTNAME_INVALID/i;
/**
 * The fix for a certificate the runner does not trust, or undefined when the error is not about one. The error's
 * messages and codes are read down its causes (MSAL, the SDKs and fetch wrap the TLS error).
 */
function untrustedCertificateFix(error) {
    const parts = [];
    for (let e = error, i = 0; e && i < 5; i++) {
        if (typeof e === 'string')
            parts.push(e);
        else if (e instanceof Error)
            parts.push(e.message, String(e.code ?? ''));
        e = e.cause;
    }
    if (!UNTRUSTED_CERTIFICATE.test(parts.join(' ')))
        return undefined;
    return 'Behind a TLS-inspecting proxy, give Node its CA certificate with the NODE_EXTRA_CA_CERTS environment variable; otherwise check the host.';
}
/** Network failures where the request certainly never reached the service (safe to repeat even a POST). */
const NOT_SENT_CODES = new Set([
    'ECONNREFUSED',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'ENETDOWN',
    'EHOSTDOWN',
    'UND_ERR_CONNECT_TIMEOUT'
]);
/** Network failures not worth retrying: the host or its certificate is wrong. */
const PERMANENT_CODES = new Set([
    'ENOTFOUND',
    'ERR_INVALID_URL',
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'ERR_TLS_CERT_ALTNAME_INVALID'
]);
/** Describes a fetch failure (undici wraps the socket error in `cause`; timeouts are a DOMException). */
function networkFailure(error, hostFix = 'Check the workspace host in the config.') {
    // Duck-typed, not instanceof: fetch's errors may come from another realm (a test VM context).
    const field = (v, key) => v !== null && typeof v === 'object' ? v[key] : undefined;
    const name = String(field(error, 'name') ?? '');
    if (name === 'TimeoutError' || name === 'AbortError') {
        return { code: 'TimeoutError', detail: 'no answer in time', notSent: false, permanent: false };
    }
    // undici: TypeError('fetch failed', { cause: SocketError | system error | AggregateError of connect errors }).
    let cause = error;
    for (let i = 0; i < 5 && field(cause, 'cause') !== undefined; i++)
        cause = field(cause, 'cause');
    const errors = field(cause, 'errors');
    if (field(cause, 'code') === undefined && Array.isArray(errors) && errors.length)
        cause = errors[0];
    const rawCode = field(cause, 'code');
    const code = typeof rawCode === 'string' ? rawCode : name || 'Error';
    const rawMessage = field(cause, 'message');
    const message = typeof rawMessage === 'string' && rawMessage !== '' ? rawMessage : String(cause);
    if (PERMANENT_CODES.has(code)) {
        const tls = code.includes('CERT') || code.includes('SIGNED') || code.includes('ISSUER') || code.includes('LEAF');
        const host = hostFix.replace(/\.$/, '');
        return {
            code,
            detail: tls ? `TLS certificate not trusted: ${message} (${code})` : `${message} (${code})`,
            notSent: true,
            permanent: true,
            fix: tls ? `${host}; behind a TLS-inspecting proxy, give Node its CA with NODE_EXTRA_CA_CERTS.` : hostFix
        };
    }
    const detail = code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE'
        ? `connection closed (${code})`
        : `${message} (${code})`;
    return { code, detail, notSent: NOT_SENT_CODES.has(code), permanent: false };
}
/** How long one request (answer and body) may take before it is abandoned and retried like a 5xx. */
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/**
 * Environment variable that changes the timeout of the requests to GitHub's OIDC service, Entra ID, Key Vault and
 * Databricks (the end-to-end tests shorten it; Graph has its own, ENTRA_SYNC_GRAPH_TIMEOUT_MS).
 */
const REQUEST_TIMEOUT_ENV = 'ENTRA_SYNC_HTTP_TIMEOUT_MS';
/** The timeout `env` asks for, else the default (a value that is not a positive number of ms is ignored). */
function requestTimeoutMs(env) {
    const value = Number(env[REQUEST_TIMEOUT_ENV]);
    return Number.isFinite(value) && value > 0 ? value : DEFAULT_REQUEST_TIMEOUT_MS;
}
/**
 * Where a redirect points, for an error message: the origin of its Location, never the rest of it (the path and
 * query are the answerer's text). An absolute Location is read alone (`https:host/…` names that host, as a client
 * that follows it without a base would read it); a relative one is on the request's host.
 */
function redirectTarget(location, requestUrl) {
    if (!location)
        return 'no address (the answer had no Location header)';
    let url;
    try {
        url = new URL(location);
    }
    catch {
        // A relative Location: on the request's host (named when the request URL is known).
        if (requestUrl === undefined)
            return 'another address on the same host';
        try {
            url = new URL(location, requestUrl);
        }
        catch {
            return 'an address that is not a URL';
        }
    }
    if (url.origin === 'null')
        return `a ${url.protocol} address`;
    return requestUrl !== undefined && url.origin === new URL(requestUrl).origin
        ? `${url.origin} (the same host)`
        : url.origin;
}
/** "1.5 s", "60 s": a duration for a message. */
function seconds(ms) {
    const s = ms / 1000;
    return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

;// CONCATENATED MODULE: ./src/core/text.ts
// Ordering and naming shared by the planners and the reports: one total, case-insensitive order, and one way to
// name a principal.
/** Case-insensitive order, ties broken by the exact text (so it is total and deterministic). */
function compareText(a, b) {
    const la = a.toLowerCase();
    const lb = b.toLowerCase();
    return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
/** Text for the summary: `Display Name (key)`, or the key alone when there is no other name. */
function describePrincipal(displayName, key) {
    const name = displayName?.trim();
    return name && name.toLowerCase() !== key.toLowerCase() ? `${name} (${key})` : key;
}
/** Databricks' admins group: its members are never removed. */
const ADMINS_GROUP = 'admins';
/** Databricks' own groups: never planned on, never a config target. */
const RESERVED_GROUP_NAMES = [ADMINS_GROUP, 'users'];
const isReservedGroup = (name) => RESERVED_GROUP_NAMES.includes(name.trim().toLowerCase());

;// CONCATENATED MODULE: ./src/config/select.ts
// The one place that decides which targets the action's `workspace` input selects: workspaces by name, and the
// account (named `account`, or included when the input selects everything). validate, sync, provision-app and
// matrix all select through it.

const ALL = new Set(['', '*', 'all']);
/** The name that selects the account in the workspace input (no workspace may have it). */
const ACCOUNT_TARGET = 'account';
const inputNames = (input) => (typeof input === 'string' ? input.split(/[,\n\r]/) : input).map((n) => n.trim()).filter(Boolean);
function selectTargets(config, input) {
    const names = inputNames(input);
    const all = names.length === 0 || names.some((n) => ALL.has(n.toLowerCase()));
    const namesAccount = names.some((n) => n.toLowerCase() === ACCOUNT_TARGET);
    const workspaceNames = names.filter((n) => n.toLowerCase() !== ACCOUNT_TARGET);
    const selected = all || workspaceNames.length > 0 ? selectWorkspaces(config, workspaceNames) : { workspaces: [], problems: [] };
    const problems = [...selected.problems];
    if (namesAccount && !config.account) {
        problems.push({
            file: '',
            line: 0,
            column: 0,
            key: 'workspace',
            message: 'workspace: "account" selects the Databricks account, but no config file declares one; add an "account:" block (id, host, groups) to a config file, or remove "account" from the workspace input',
            severity: 'error'
        });
    }
    return {
        workspaces: selected.workspaces,
        ...(config.account ? { account: config.account } : {}),
        includesAccount: config.account !== undefined && (all || namesAccount),
        problems
    };
}
/**
 * The workspaces named by the `workspace` input (a comma or newline separated list, or already split), matched
 * ignoring case, in config order. Empty, `all` or `*` selects every workspace. Each unknown name is a problem that
 * lists the known names; problems about the input have no file (file '', line 0).
 */
function selectWorkspaces(config, input) {
    const names = inputNames(input);
    if (names.length === 0 || names.some((n) => ALL.has(n.toLowerCase()))) {
        return { workspaces: [...config.workspaces], problems: [] };
    }
    const wanted = new Set(names.map((n) => n.toLowerCase()));
    const known = config.workspaces.map((w) => w.name);
    const problems = [];
    const reported = new Set();
    for (const name of names) {
        const key = name.toLowerCase();
        if (reported.has(key) || known.some((k) => k.toLowerCase() === key))
            continue;
        reported.add(key);
        const suggestion = didYouMean(name, known);
        const knownText = known.length > 0 ? `the config declares ${known.join(', ')}` : 'the config declares no workspaces';
        problems.push({
            file: '',
            line: 0,
            column: 0,
            key: 'workspace',
            message: `workspace: no workspace is named "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (${knownText}); set the workspace input to a comma-separated list of these names, or leave it empty for all`,
            severity: 'error'
        });
    }
    return { workspaces: config.workspaces.filter((w) => wanted.has(w.name.toLowerCase())), problems };
}

;// CONCATENATED MODULE: ./src/util/guid.ts
// The GUID pattern, once: Entra object and application ids, Databricks account ids, tenant and client ids.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether the value (trimmed) is a GUID. */
const isGuid = (value) => value !== undefined && GUID.test(value.trim());

;// CONCATENATED MODULE: ./src/config/azure-resource-id.ts
// `azure-resource-id`: the Azure resource id of a workspace. With it (and auth: entra) the action sends Databricks an
// Azure Resource Manager token of its service principal, so Databricks adds that service principal as a workspace
// admin on its first request when it has Contributor (or Owner) on the workspace resource: a new workspace needs no
// manual step. The id has Azure's shape; its fixed words are case-insensitive (ARM ids are), and are written as the
// Azure portal and `az databricks workspace show --query id` print them.


const AZURE_RESOURCE_ID_EXAMPLE = '/subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Databricks/workspaces/<workspace name>';
const WHERE_TO_FIND = 'the workspace’s Properties > Id in the Azure portal, or `az databricks workspace show -g <resource group> -n <name> --query id`';
/** The four parts of an ARM id under a resource group: subscription, group, provider namespace and type, name. */
const RESOURCE_ID = /^\/subscriptions\/([^/]*)\/resourceGroups\/([^/]*)\/providers\/([^/]*)\/([^/]*)\/([^/]*)$/i;
/** Resource group names: letters, digits, `_`, `-`, `.`, `(`, `)`, up to 90, not ending in `.`. */
const RESOURCE_GROUP = /^[\p{L}\p{N}_().-]{1,90}$/u;
/** Azure Databricks workspace names: letters, digits, `_` and `-`, 3 to 64. */
const WORKSPACE_NAME = /^[A-Za-z0-9_-]{3,64}$/;
/** Why a value is not the Azure resource id of a Databricks workspace; undefined when it is one. */
function azureResourceIdIssue(value) {
    const fix = `set it to ${AZURE_RESOURCE_ID_EXAMPLE} (${WHERE_TO_FIND})`;
    if (value === null || value === undefined || value === '')
        return `the value is empty; ${fix}`;
    if (typeof value !== 'string')
        return `must be the workspace's Azure resource id (a string), not ${kindOf(value)}; ${fix}`;
    const id = value.trim();
    const shown = describeValue(value);
    const m = RESOURCE_ID.exec(id);
    if (!m) {
        return /^https?:\/\//i.test(id)
            ? `${shown} is a URL, not an Azure resource id; ${fix}`
            : `${shown} is not the Azure resource id of a Databricks workspace; ${fix}`;
    }
    const [, subscription = '', group = '', namespace = '', type = '', name = ''] = m;
    if (namespace.toLowerCase() !== 'microsoft.databricks' || type.toLowerCase() !== 'workspaces') {
        return `names a ${namespace}/${type} resource, not a Databricks workspace (Microsoft.Databricks/workspaces); ${fix}`;
    }
    if (!isGuid(subscription))
        return `the subscription id ${describeValue(subscription)} is not a GUID; ${fix}`;
    if (!RESOURCE_GROUP.test(group) || group.endsWith('.')) {
        return `${describeValue(group)} is not a resource group name (letters, digits, _ - . ( ), at most 90, not ending in "."); ${fix}`;
    }
    if (!WORKSPACE_NAME.test(name)) {
        return `${describeValue(name)} is not an Azure Databricks workspace name (3 to 64 letters, digits, _ and -); ${fix}`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/core/operations.ts
/**
 * Apply runs phase by phase: later phases may need ids that earlier ones create, a workspace gets a group once its
 * members are in (they can use it from the first moment), and removals come last.
 */
const PHASES = ['create', 'update', 'add', 'assign', 'entitle', 'remove', 'retire'];
/** The ports that write operations: a target's identity API, and the account's workspace assignments. */
const PORTS = {
    identities: {
        missing: 'identity changes need the identity API (internal error: apply was given no identity writer)'
    },
    assignments: {
        missing: 'workspace assignments need the account API (internal error: apply was given no assignments client)'
    },
    'identity-api': {
        missing: 'resolving principals, denylist rules and workspace entitlements need the account identity API (internal error: apply was given no identity API writer)'
    }
};
const none = () => 0;
const one = () => 1;
const lower = (text) => text.toLowerCase();
const byPrincipal = (op) => `${op.principal.key.toLowerCase()}\u0000${op.principal.kind}`;
const byAssignment = (op) => `${op.workspace.toLowerCase()}\u0000${op.group.toLowerCase()}`;
const kindLabel = (kind) => (kind === 'user' ? 'user' : 'service principal');
const principalText = (p) => `${kindLabel(p.kind)} ${p.display || p.key}`;
const aimKindLabel = (kind) => (kind === 'group' ? 'group' : kindLabel(kind));
const aimText = (p) => `${aimKindLabel(p.kind)} ${p.name}`;
const byAim = (op) => `${op.principal.name.toLowerCase()}\u0000${op.principal.externalId}`;
const byAimAssignment = (op) => `${op.workspace.toLowerCase()}\u0000${byAim(op)}`;
const members = (n) => `${n} member${n === 1 ? '' : 's'}`;
/** Entries are listed in the order plans, apply and the summary list the kinds. */
const OPERATIONS = {
    'create-user': {
        phase: 'create',
        port: 'identities',
        removals: none,
        sortKey: (op) => lower(op.userName),
        describe: (op) => `create user ${op.userName}`
    },
    'create-service-principal': {
        phase: 'create',
        port: 'identities',
        removals: none,
        sortKey: (op) => lower(op.applicationId),
        describe: (op) => `create service principal ${op.displayName} (${op.applicationId})`
    },
    'create-group': {
        phase: 'create',
        port: 'identities',
        removals: none,
        sortKey: (op) => lower(op.displayName),
        describe: (op) => `create group ${op.displayName}`
    },
    'resolve-principal': {
        phase: 'create',
        port: 'identity-api',
        removals: none,
        sortKey: byAim,
        describe: (op) => `resolve ${aimText(op.principal)} (${op.principal.externalId}) in the account`
    },
    'rename-group': {
        phase: 'update',
        port: 'identities',
        removals: none,
        sortKey: (op) => lower(op.to),
        describe: (op) => `rename group ${op.from} to ${op.to}`
    },
    'update-display-name': {
        phase: 'update',
        port: 'identities',
        removals: none,
        sortKey: byPrincipal,
        describe: (op) => `rename ${kindLabel(op.principal.kind)} ${op.principal.key} from ${op.from} to ${op.to}`
    },
    reactivate: {
        phase: 'update',
        port: 'identities',
        removals: none,
        sortKey: byPrincipal,
        describe: (op) => `reactivate ${principalText(op.principal)}`
    },
    'set-group-entitlements': {
        phase: 'update',
        port: 'identities',
        removals: none,
        sortKey: (op) => lower(op.group),
        describe: (op) => `set entitlements of group ${op.group} (+${op.add.join(', +') || '—'}; -${op.remove.join(', -') || '—'})`
    },
    'add-entitlements': {
        phase: 'update',
        port: 'identities',
        removals: none,
        sortKey: byPrincipal,
        describe: (op) => `add entitlements ${op.add.join(', ')} to ${principalText(op.principal)}`
    },
    'add-deny-rule': {
        phase: 'update',
        port: 'identity-api',
        removals: none,
        sortKey: byAim,
        describe: (op) => `deny ${aimText(op.principal)} (${op.principal.externalId}) access to the account`
    },
    'add-members': {
        phase: 'add',
        port: 'identities',
        removals: none,
        sortKey: (op) => lower(op.group),
        describe: (op) => `add ${members(op.members.length)} to group ${op.group}`
    },
    'assign-to-workspace': {
        phase: 'assign',
        port: 'assignments',
        removals: none,
        sortKey: byAssignment,
        describe: (op) => `assign group ${op.group} to workspace ${op.workspace} as ${op.permission}`
    },
    'assign-principal': {
        phase: 'assign',
        port: 'assignments',
        removals: none,
        sortKey: byAimAssignment,
        describe: (op) => `assign ${aimText(op.principal)} to workspace ${op.workspace} as ${op.permission}`
    },
    'set-workspace-entitlements': {
        phase: 'entitle',
        port: 'identity-api',
        removals: none,
        sortKey: byAimAssignment,
        describe: (op) => `set entitlements of ${aimText(op.principal)} in workspace ${op.workspace} to ${op.entitlements.join(', ') || 'none'}`
    },
    'remove-members': {
        phase: 'remove',
        port: 'identities',
        removals: (op) => op.members.length,
        sortKey: (op) => lower(op.group),
        describe: (op) => `remove ${members(op.members.length)} from group ${op.group}`
    },
    'unassign-from-workspace': {
        phase: 'remove',
        port: 'assignments',
        removals: one,
        sortKey: byAssignment,
        describe: (op) => `unassign group ${op.group} from workspace ${op.workspace}`
    },
    'unassign-principal': {
        phase: 'remove',
        port: 'assignments',
        removals: one,
        sortKey: byAimAssignment,
        describe: (op) => `unassign ${aimText(op.principal)} from workspace ${op.workspace}`
    },
    'remove-deny-rule': {
        phase: 'remove',
        port: 'identity-api',
        // Lifting a rule lets principals back into the account: the breaker counts it.
        removals: one,
        sortKey: byAim,
        describe: (op) => `lift the denylist rule of ${aimText(op.principal)} (${op.principal.externalId})`
    },
    deactivate: {
        phase: 'retire',
        port: 'identities',
        removals: one,
        sortKey: byPrincipal,
        describe: (op) => `deactivate ${principalText(op.principal)}`
    },
    delete: {
        phase: 'retire',
        port: 'identities',
        removals: one,
        sortKey: byPrincipal,
        describe: (op) => `delete ${principalText(op.principal)}`
    }
};
/** The descriptor of an operation's kind, typed for that operation. */
function descriptorOf(op) {
    return OPERATIONS[op.kind];
}
/** The order plans list (and apply runs) operation kinds in. */
const OPERATION_ORDER = Object.keys(OPERATIONS);
const phaseOf = (op) => OPERATIONS[op.kind].phase;
const portOf = (op) => OPERATIONS[op.kind].port;
const removalsOf = (op) => descriptorOf(op).removals(op);
const describeOperation = (op) => descriptorOf(op).describe(op);
const operationSortKey = (op) => descriptorOf(op).sortKey(op);
function compareOperations(a, b) {
    const rank = OPERATION_ORDER.indexOf(a.kind) - OPERATION_ORDER.indexOf(b.kind);
    if (rank !== 0)
        return rank;
    const ka = operationSortKey(a);
    const kb = operationSortKey(b);
    if (ka !== kb)
        return ka < kb ? -1 : 1;
    const ja = JSON.stringify(a);
    const jb = JSON.stringify(b);
    return ja < jb ? -1 : ja > jb ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/core/deny-rules.ts

/** Databricks' limit: an account holds at most 100 access identity rules. */
const MAX_ACCOUNT_DENY_RULES = 100;
const TYPE_WORDS = { GROUP: 'group', USER: 'user', SERVICE_PRINCIPAL: 'service principal' };
function planDenyRules(wanted, rules) {
    const present = new Set(rules.map((r) => r.externalId.toLowerCase()));
    const listed = new Set(wanted.map((w) => w.principal.externalId.toLowerCase()));
    const operations = [];
    const planned = new Set();
    for (const w of wanted) {
        const id = w.principal.externalId.toLowerCase();
        if (planned.has(id))
            continue;
        planned.add(id);
        if (w.remove && present.has(id))
            operations.push({ kind: 'remove-deny-rule', principal: w.principal });
        if (!w.remove && !present.has(id))
            operations.push({ kind: 'add-deny-rule', principal: w.principal });
    }
    operations.sort(compareOperations);
    const findings = rules
        .filter((r) => !listed.has(r.externalId.toLowerCase()))
        .map((r) => ({
        kind: 'unmanaged-rule',
        subject: `${TYPE_WORDS[r.principalType ?? ''] ?? 'principal'} ${r.displayName ?? r.externalId}`,
        detail: `denied access to the account (object id ${r.externalId}); the config does not list this rule, so it is left as it is`,
        fix: 'to manage it, add it to account.deny (with remove: true to lift it)'
    }));
    const after = rules.length +
        operations.filter((o) => o.kind === 'add-deny-rule').length -
        operations.filter((o) => o.kind === 'remove-deny-rule').length;
    const problems = after > MAX_ACCOUNT_DENY_RULES
        ? [
            `The denylist would hold ${after} rules, and a Databricks account holds at most ${MAX_ACCOUNT_DENY_RULES}; nothing was changed. Deny a group that holds these principals instead of each one, or lift rules that are no longer needed.`
        ]
        : [];
    return { operations, findings, problems };
}

;// CONCATENATED MODULE: ./src/config/validate-aim.ts
// Checks of the keys of accounts with automatic identity management (account.identity: aim), across files: which keys
// need it, which it refuses (workspace SCIM groups: AIM brings users and memberships itself), each principal listed
// once, service principals assigned to workspaces listed in the account, and the denylist's shape and limit.



const isRecord = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
/** Account keys that mean something only with identity: aim. */
const AIM_ACCOUNT_KEYS = ['service-principals', 'users', 'deny'];
const DENY_KEYS = ['group', 'user', 'service-principal'];
const NEEDS_AIM = 'is used only when the account uses automatic identity management: add "identity: aim" to the account block (when Databricks syncs Entra ID itself), or remove it';
function where(first, current) {
    return first.file === current.file ? `line ${first.line}` : `${first.file}:${first.line}`;
}
/** The reference of an entry that is a string or a mapping with `key`. */
function refOf(entry, key) {
    if (typeof entry === 'string' && entry.trim() !== '')
        return { ref: entry.trim(), path: [] };
    if (isRecord(entry) && typeof entry[key] === 'string' && entry[key].trim() !== '') {
        return { ref: entry[key].trim(), path: [key] };
    }
    return undefined;
}
/** Each reference once in a list (`label` names what is listed). */
function onceEach(parsed, list, listPath, key, seen, label) {
    if (!Array.isArray(list))
        return [];
    const problems = [];
    for (const [i, entry] of list.entries()) {
        const found = refOf(entry, key);
        if (!found)
            continue;
        const path = [...listPath, i, ...found.path];
        const first = seen.get(found.ref.toLowerCase());
        if (first) {
            problems.push(problemAt(parsed, path, 'value', `${label} ${describeValue(found.ref)} is already listed at ${where(first.position, parsed)} (${first.label}); list each once`));
        }
        else {
            seen.set(found.ref.toLowerCase(), { position: locate(parsed, path, 'value'), label: formatPath(path) });
        }
    }
    return problems;
}
/** The identity the files give the account: the first `identity`, and a problem for each file that says otherwise. */
function accountIdentity(files) {
    const problems = [];
    let first;
    for (const parsed of files) {
        const block = parsed.data?.account;
        if (!isRecord(block) || typeof block.identity !== 'string')
            continue;
        if (!first)
            first = { value: block.identity, position: locate(parsed, ['account', 'identity'], 'value') };
        else if (first.value !== block.identity) {
            problems.push(problemAt(parsed, ['account', 'identity'], 'value', `${describeValue(block.identity)} differs from the account's identity "${first.value}" set at ${where(first.position, parsed)}; set it in one file only`));
        }
    }
    return { aim: first?.value === 'aim', problems };
}
function denyProblems(parsed, list, seen, count) {
    const problems = [];
    if (!Array.isArray(list))
        return problems;
    for (const [i, entry] of list.entries()) {
        if (!isRecord(entry))
            continue;
        const path = ['account', 'deny', i];
        const keys = DENY_KEYS.filter((k) => k in entry);
        if (keys.length !== 1) {
            problems.push(problemAt(parsed, path, 'value', keys.length === 0
                ? 'names no principal; write exactly one of "group: <Entra group>", "user: <user principal name>" or "service-principal: <name or application id>"'
                : `names ${keys.map((k) => `"${k}"`).join(' and ')}; a rule denies one principal, so write one entry per principal`));
            continue;
        }
        const key = keys[0];
        const ref = entry[key];
        if (typeof ref !== 'string' || ref.trim() === '')
            continue;
        const id = `${key}:${ref.trim().toLowerCase()}`;
        const first = seen.get(id);
        if (first) {
            problems.push(problemAt(parsed, [...path, key], 'value', `${key} ${describeValue(ref)} is already in the denylist at ${where(first.position, parsed)} (${first.label}); list each once`));
            continue;
        }
        seen.set(id, { position: locate(parsed, [...path, key], 'value'), label: formatPath(path) });
        if (entry.remove === true)
            continue;
        count.rules++;
        if (count.rules === MAX_ACCOUNT_DENY_RULES + 1) {
            problems.push(problemAt(parsed, path, 'value', `is the ${MAX_ACCOUNT_DENY_RULES + 1}st rule of the denylist, and a Databricks account holds at most ${MAX_ACCOUNT_DENY_RULES}; deny a group that holds these principals instead of each one`));
        }
    }
    return problems;
}
/** Every AIM check across the files (already parsed, of a supported version). Pure. */
function aimProblems(files) {
    const identity = accountIdentity(files);
    const problems = [...identity.problems];
    const aim = identity.aim;
    const servicePrincipals = new Map();
    const users = new Map();
    const deny = new Map();
    const count = { rules: 0 };
    for (const parsed of files) {
        const block = parsed.data?.account;
        if (isRecord(block)) {
            for (const key of AIM_ACCOUNT_KEYS) {
                if (!aim && key in block)
                    problems.push(problemAt(parsed, ['account', key], 'key', NEEDS_AIM));
            }
            if (aim) {
                problems.push(...accountGroupProblems(parsed, block.groups));
                problems.push(...onceEach(parsed, block['service-principals'], ['account', 'service-principals'], 'entra', servicePrincipals, 'service principal'), ...onceEach(parsed, block.users, ['account', 'users'], 'entra', users, 'user'), ...denyProblems(parsed, block.deny, deny, count));
            }
        }
    }
    for (const parsed of files) {
        const workspaces = parsed.data?.workspaces;
        if (!Array.isArray(workspaces))
            continue;
        for (const [w, workspace] of workspaces.entries()) {
            if (isRecord(workspace))
                problems.push(...workspaceProblems(parsed, workspace, ['workspaces', w], aim, servicePrincipals));
        }
    }
    return problems;
}
/** With AIM, an account group is Entra's group under Entra's name: no other name, no nesting choice. */
function accountGroupProblems(parsed, groups) {
    if (!Array.isArray(groups))
        return [];
    const problems = [];
    for (const [g, group] of groups.entries()) {
        if (!isRecord(group))
            continue;
        const path = ['account', 'groups', g];
        if (typeof group.databricks === 'string' &&
            group.databricks.trim().toLowerCase() !== String(group.entra).trim().toLowerCase()) {
            problems.push(problemAt(parsed, [...path, 'databricks'], 'value', 'cannot rename the group: with identity: aim, Databricks brings the Entra group under its Entra name; remove "databricks" and use the Entra name in account-groups'));
        }
        if ('nested' in group) {
            problems.push(problemAt(parsed, [...path, 'nested'], 'key', 'has no effect with identity: aim: Databricks keeps the group’s members, nested groups included, itself; remove it', 'warning'));
        }
    }
    return problems;
}
function workspaceProblems(parsed, workspace, path, aim, servicePrincipals) {
    const problems = [];
    const assigned = workspace['account-service-principals'];
    const groups = workspace['account-groups'];
    if (!aim) {
        if ('account-service-principals' in workspace) {
            problems.push(problemAt(parsed, [...path, 'account-service-principals'], 'key', NEEDS_AIM));
        }
        if (Array.isArray(groups)) {
            for (const [i, entry] of groups.entries()) {
                if (isRecord(entry) && 'entitlements' in entry) {
                    problems.push(problemAt(parsed, [...path, 'account-groups', i, 'entitlements'], 'key', NEEDS_AIM));
                }
            }
        }
        return problems;
    }
    if (Array.isArray(workspace.groups) && workspace.groups.length > 0) {
        problems.push(problemAt(parsed, [...path, 'groups'], 'key', 'cannot be used when the account uses automatic identity management (account.identity: aim): Databricks brings users and group membership from Entra itself, and this action writes none through SCIM; list the Entra group under account.groups and assign it here with account-groups'));
    }
    const seen = new Map();
    problems.push(...onceEach(parsed, assigned, [...path, 'account-service-principals'], 'service-principal', seen, 'service principal'));
    if (Array.isArray(assigned)) {
        for (const [i, entry] of assigned.entries()) {
            const found = refOf(entry, 'service-principal');
            if (!found || servicePrincipals.has(found.ref.toLowerCase()))
                continue;
            problems.push(problemAt(parsed, [...path, 'account-service-principals', i, ...found.path], 'value', `${describeValue(found.ref)} is not listed under account.service-principals; add it there (as written here) so the account resolves it`));
        }
    }
    return problems;
}

;// CONCATENATED MODULE: ./src/config/max-deletions.ts
/** Parses `25` (count) or `10%` (share); undefined when it is neither. */
function parseMaxDeletions(value) {
    const text = String(value).trim();
    const percent = /^(\d{1,3}(?:\.\d+)?)\s*%$/.exec(text);
    if (percent) {
        const share = Number(percent[1]);
        return share <= 100 ? { kind: 'percent', value: share } : undefined;
    }
    if (/^\d+$/.test(text))
        return { kind: 'count', value: Number(text) };
    return undefined;
}
function formatMaxDeletions(max) {
    return max.kind === 'percent' ? `${max.value}%` : String(max.value);
}

;// CONCATENATED MODULE: ./src/config/validate.ts
// Checks beyond the schema, pure: URLs and ids that must be of a particular kind, settings that need each other,
// and what must be unique across all config files (workspace names and hosts, groups, the account).









const SUPPORTED_VERSIONS = [1];
const WORKSPACE_DOMAINS = ['azuredatabricks.net', 'databricks.azure.us', 'databricks.azure.cn'];
const ACCOUNT_HOSTS = ['accounts.azuredatabricks.net'];
const DEFAULT_ACCOUNT_HOST = 'https://accounts.azuredatabricks.net';
const KEY_VAULT_DOMAINS = [
    'vault.azure.net',
    'vault.azure.cn',
    'vault.usgovcloudapi.net',
    'vault.microsoftazure.de'
];
const WORKSPACE_EXAMPLE = 'https://adb-<id>.<n>.azuredatabricks.net';
const SECRET_EXAMPLE = 'https://<vault>.vault.azure.net/secrets/<name>';
const validate_WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SECRET_NAME = /^[0-9A-Za-z-]{1,127}$/;
const SECRET_VERSION = /^[0-9A-Za-z]{1,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DIGITS = /^[0-9]+$/;
/** adb-<workspace id>.<n>.<domain>: per-workspace URLs carry the id the account API needs. */
const WORKSPACE_ID_HOST = /^adb-([0-9]+)\.[0-9]+\.(?:azuredatabricks\.net|databricks\.azure\.us|databricks\.azure\.cn)$/;
const validate_isRecord = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const onDomain = (hostname, domains) => domains.some((d) => hostname.endsWith(`.${d}`) && hostname.length > d.length + 1);
/** `https://Host:443/` -> `https://host`; undefined when it is not a URL. */
function normalizeOrigin(value) {
    try {
        return new URL(value.trim()).origin;
    }
    catch {
        return undefined;
    }
}
/**
 * What makes two workspace hosts the same workspace: the origin, with every loopback name (localhost, 127.x, ::1)
 * one machine, so `https://localhost:8443` and `https://127.0.0.1:8443` are one emulator, not two workspaces.
 */
function hostKey(value) {
    const url = parseUrl(value);
    if (!url)
        return undefined;
    return isLoopbackHost(url.hostname) ? `${url.protocol}//loopback:${url.port || '443'}` : url.origin;
}
function parseUrl(value) {
    try {
        return new URL(value.trim());
    }
    catch {
        return undefined;
    }
}
const onlyOrigin = (url) => (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username && !url.password;
/**
 * Why a workspace (or, with `account`, the account console) host is not acceptable; undefined when it is.
 * The text follows the value and names the fix.
 */
function hostIssue(value, kind) {
    const example = kind === 'workspace' ? WORKSPACE_EXAMPLE : DEFAULT_ACCOUNT_HOST;
    const what = kind === 'workspace' ? 'the workspace URL' : 'the account console URL';
    if (value === null || value === undefined || value === '')
        return `the value is empty; set ${what}, e.g. ${example}`;
    if (typeof value !== 'string')
        return `must be ${what} (a string), not ${kindOf(value)}; e.g. ${example}`;
    const text = value.trim();
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? parseUrl(text) : undefined;
    if (!url) {
        const guess = parseUrl(`https://${text}`);
        return guess && /^[\w.-]+(:\d+)?\/?$/.test(text)
            ? `${describeValue(value)} must be an https URL; write "https://${text.replace(/\/$/, '')}"`
            : `${describeValue(value)} is not a URL; set ${what}, e.g. ${example}`;
    }
    const loopback = isLoopbackHost(url.hostname);
    if (url.username || url.password) {
        // The value is not repeated: what comes before the "@" may be a password.
        return `has a user name or password before "@"; the action signs in with tokens, never with credentials in a URL: write "https://${url.host}"`;
    }
    if (url.protocol !== 'https:') {
        return kind === 'workspace'
            ? `${describeValue(value)} must be an https URL of a Databricks workspace (${example})`
            : `${describeValue(value)} must be an https URL of the Databricks account console (${example})`;
    }
    if (kind === 'workspace' && !loopback) {
        if (ACCOUNT_HOSTS.includes(url.hostname)) {
            return `${describeValue(value)} is the account console, not a workspace; set the workspace URL (${example}) here and put the account console under account.host`;
        }
        if (!onDomain(url.hostname, WORKSPACE_DOMAINS)) {
            return `${describeValue(value)} is not an Azure Databricks workspace URL; the host must end in .azuredatabricks.net, .databricks.azure.us or .databricks.azure.cn (a loopback address is allowed for local testing)`;
        }
    }
    if (kind === 'account' && !loopback && !ACCOUNT_HOSTS.includes(url.hostname)) {
        return `${describeValue(value)} is not the Azure Databricks account console; use ${DEFAULT_ACCOUNT_HOST}`;
    }
    // Azure Databricks answers on the standard https port only; a loopback emulator has its own port.
    const suggested = loopback ? url.origin : `https://${url.hostname}`;
    if (!onlyOrigin(url)) {
        return `${describeValue(value)} must be only the scheme and host, without path, query or fragment; write "${suggested}"`;
    }
    if (!loopback && url.port !== '') {
        const served = kind === 'workspace' ? 'workspaces' : 'the account console';
        return `${describeValue(value)} has a port (${url.port}), but Azure Databricks serves ${served} on the standard https port only; write "${suggested}"`;
    }
    return undefined;
}
/** Why a value is not a Key Vault secret id; undefined when it is. */
function secretIdIssue(value) {
    if (value === null || value === undefined || value === '') {
        return `the value is empty; set the Key Vault secret id, e.g. ${SECRET_EXAMPLE}`;
    }
    if (typeof value !== 'string')
        return `must be a Key Vault secret id (a string), not ${kindOf(value)}; e.g. ${SECRET_EXAMPLE}`;
    const url = parseUrl(value);
    if (!url || !/^[a-z]+:\/\//i.test(value.trim())) {
        return `${describeValue(value)} is not a Key Vault secret id; use ${SECRET_EXAMPLE}`;
    }
    const loopback = isLoopbackHost(url.hostname);
    const vault = !loopback && onDomain(url.hostname, KEY_VAULT_DOMAINS);
    // Key Vault answers on the standard https port only; a loopback emulator has its own port.
    const example = vault || loopback ? `${loopback ? url.origin : `https://${url.hostname}`}/secrets/<name>` : SECRET_EXAMPLE;
    if (url.username || url.password) {
        // The value is not repeated: what comes before the "@" may be a password.
        return `the value has a user name or password before "@"; the action reads Key Vault with its own Entra sign-in, so remove them and use a Key Vault secret id, e.g. ${example}`;
    }
    if (url.protocol !== 'https:')
        return `${describeValue(value)} must be an https Key Vault secret id, e.g. ${SECRET_EXAMPLE}`;
    if (!loopback && !vault) {
        return `${describeValue(value)} is not a Key Vault URL; the host must be <vault>.vault.azure.net (or .vault.azure.cn, .vault.usgovcloudapi.net, .vault.microsoftazure.de), e.g. ${SECRET_EXAMPLE}`;
    }
    if (!loopback && url.port !== '') {
        return `${describeValue(value)} has a port (${url.port}), but Key Vault answers on the standard https port only; use ${example}`;
    }
    const parts = url.pathname.replace(/\/$/, '').split('/').slice(1);
    const collection = parts[0]?.toLowerCase();
    if (collection === 'keys' || collection === 'certificates') {
        const noun = collection === 'keys' ? 'key' : 'certificate';
        return `${describeValue(value)} is a Key Vault ${noun} id, not a secret id; store the Databricks token as a secret and use its id, e.g. ${example}`;
    }
    const [, name, version, ...rest] = parts;
    const valid = collection === 'secrets' &&
        name !== undefined &&
        SECRET_NAME.test(name) &&
        (version === undefined || SECRET_VERSION.test(version)) &&
        rest.length === 0 &&
        !url.search &&
        !url.hash;
    return valid
        ? undefined
        : `${describeValue(value)} is not a Key Vault secret id; use ${example} (optionally /<version>)`;
}
/** The config's max-deletions value, or undefined when it is neither a count nor a percentage. */
function configMaxDeletions(value) {
    if (typeof value === 'number') {
        return Number.isInteger(value) && value >= 0 ? { kind: 'count', value } : undefined;
    }
    if (typeof value === 'string')
        return parseMaxDeletions(value);
    return undefined;
}
function maxDeletionsIssue(value) {
    if (configMaxDeletions(value) !== undefined)
        return undefined;
    const fix = 'a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)';
    if (value === null || value === undefined)
        return `the value is empty; set ${fix}`;
    return `${typeof value === 'string' || typeof value === 'number' ? describeValue(value) : kindOf(value)} must be ${fix}`;
}
function workspaceNameIssue(value) {
    if (value === null || value === undefined || value === '') {
        return 'the value is empty; give the workspace a short unique name, e.g. analytics-prod';
    }
    if (typeof value !== 'string') {
        return typeof value === 'number' || typeof value === 'boolean'
            ? `must be a string, not ${kindOf(value)}; put it in quotes: "${String(value)}"`
            : `must be a short name (a string), not ${kindOf(value)}; e.g. analytics-prod`;
    }
    if (value.trim().toLowerCase() === ACCOUNT_TARGET) {
        return `"${value}" is reserved: the workspace input uses it to select the Databricks account; give the workspace another name, e.g. ${value}-workspace`;
    }
    if (!validate_WORKSPACE_NAME.test(value)) {
        return `${describeValue(value)} may contain only letters, digits, ".", "_" and "-" (at most 64, starting with a letter or digit), because it is used in the workspace input and as the matrix job name; e.g. analytics-prod`;
    }
    return undefined;
}
function versionIssue(value) {
    if (SUPPORTED_VERSIONS.includes(value))
        return undefined;
    const supported = `supported versions: ${SUPPORTED_VERSIONS.join(', ')}`;
    if (typeof value === 'number') {
        return `${value} is not supported by this version of the action (${supported}); set version: 1`;
    }
    if (typeof value === 'string' && SUPPORTED_VERSIONS.includes(Number(value))) {
        return `must be the number ${value}, not a string; write version: ${value} without quotes`;
    }
    return `${value === null ? 'the value is empty' : `must be a number, not ${kindOf(value)}`}; set version: 1 (${supported})`;
}
/** A YAML file that is not a config file at all (a glob matched a workflow, say): one problem is enough. */
function isForeign(parsed) {
    const data = parsed.data;
    return data !== undefined && !['version', 'workspaces', 'account', 'defaults'].some((k) => k in data);
}
/** A file whose version is a number this action does not know: its other keys cannot be judged. */
function hasUnsupportedVersion(parsed) {
    const version = parsed.data?.version;
    return typeof version === 'number' && !SUPPORTED_VERSIONS.includes(version);
}
function validate_where(first, current) {
    return first.file === current.file ? `line ${first.line}` : `${first.file}:${first.line}`;
}
/** Per-file checks that the schema cannot express; pure. */
function fileProblems(parsed) {
    const data = parsed.data;
    if (!data)
        return [];
    const problems = [];
    const check = (path, issue, target = 'value') => {
        if (issue)
            problems.push(problemAt(parsed, path, target, issue));
    };
    if ('version' in data)
        check(['version'], versionIssue(data.version));
    if (validate_isRecord(data.defaults) && 'max-deletions' in data.defaults) {
        check(['defaults', 'max-deletions'], maxDeletionsIssue(data.defaults['max-deletions']));
    }
    if (validate_isRecord(data.account)) {
        const account = data.account;
        if ('id' in account) {
            const id = account.id;
            check(['account', 'id'], typeof id === 'string' && isGuid(id)
                ? undefined
                : `${typeof id === 'string' ? describeValue(id) : kindOf(id)} must be the Databricks account id, a GUID like 00000000-0000-0000-0000-000000000000 (shown in the account console under your user name)`);
        }
        if ('host' in account)
            check(['account', 'host'], hostIssue(account.host, 'account'));
        if ('max-deletions' in account)
            check(['account', 'max-deletions'], maxDeletionsIssue(account['max-deletions']));
    }
    if (!('workspaces' in data) && !('account' in data)) {
        problems.push(problemAt(parsed, [], 'value', 'the file declares no workspaces; add a "workspaces:" list (or an "account:" block)', 'error'));
    }
    if (Array.isArray(data.workspaces) && data.workspaces.length === 0) {
        problems.push(problemAt(parsed, ['workspaces'], 'key', 'the list is empty, so this file manages nothing; add workspaces', 'warning'));
    }
    const workspaces = Array.isArray(data.workspaces) ? data.workspaces : [];
    for (const [w, workspace] of workspaces.entries()) {
        if (!validate_isRecord(workspace))
            continue;
        const path = ['workspaces', w];
        if ('name' in workspace)
            check([...path, 'name'], workspaceNameIssue(workspace.name));
        if ('host' in workspace)
            check([...path, 'host'], hostIssue(workspace.host, 'workspace'));
        if ('max-deletions' in workspace)
            check([...path, 'max-deletions'], maxDeletionsIssue(workspace['max-deletions']));
        const hasSecret = 'token-secret' in workspace;
        if (hasSecret)
            check([...path, 'token-secret'], secretIdIssue(workspace['token-secret']));
        if ('azure-resource-id' in workspace)
            problems.push(...azureResourceIdProblems(parsed, workspace, path));
        if (workspace.auth === 'pat' && !hasSecret) {
            check([...path, 'auth'], `"pat" needs token-secret, the Key Vault secret id of the workspace's personal access token; add token-secret: ${SECRET_EXAMPLE}`);
        }
        if ('provisioning' in workspace && !hasSecret) {
            check([...path, 'provisioning'], `provision-app needs the workspace's personal access token; add token-secret: ${SECRET_EXAMPLE} to this workspace`, 'key');
        }
        const provisioning = workspace.provisioning;
        if (validate_isRecord(provisioning) && 'notification-email' in provisioning) {
            const email = provisioning['notification-email'];
            check([...path, 'provisioning', 'notification-email'], typeof email === 'string' && EMAIL.test(email.trim())
                ? undefined
                : `${typeof email === 'string' ? describeValue(email) : kindOf(email)} is not a valid email address; e.g. platform@contoso.com`);
        }
        problems.push(...workspaceIdProblems(parsed, workspace, path));
        problems.push(...assignmentProblems(parsed, workspace, path));
        problems.push(...emptyWorkspaceProblems(parsed, workspace, path));
        problems.push(...groupListProblems(parsed, workspace.groups, [...path, 'groups'], newGroupSeen(), 'workspace'));
    }
    return problems;
}
/** azure-resource-id: the shape of a workspace's Azure resource id, and of use only with auth: entra. */
function azureResourceIdProblems(parsed, workspace, path) {
    const idPath = [...path, 'azure-resource-id'];
    const issue = azureResourceIdIssue(workspace['azure-resource-id']);
    if (issue)
        return [problemAt(parsed, idPath, 'value', issue)];
    if (workspace.auth !== 'pat')
        return [];
    return [
        problemAt(parsed, idPath, 'key', 'is used only with auth: entra (the action then sends Databricks an Azure token of its service principal, so Databricks adds it as a workspace admin); with auth: pat it is ignored: remove it, or use auth: entra', 'warning')
    ];
}
/** The number in adb-<id>.<n>.azuredatabricks.net (or .databricks.azure.us, .databricks.azure.cn); else undefined. */
function workspaceIdFromHost(host) {
    const url = parseUrl(host);
    return url ? WORKSPACE_ID_HOST.exec(url.hostname)?.[1] : undefined;
}
/**
 * A workspace-id value as its digits, or undefined when it is not one. A number is read as written in the file,
 * because ids of 16 digits can be larger than a JavaScript number holds exactly.
 */
function configWorkspaceId(parsed, path, value) {
    if (typeof value === 'string')
        return DIGITS.test(value.trim()) ? value.trim() : undefined;
    if (typeof value !== 'number')
        return undefined;
    const source = scalarSource(parsed, path)?.trim();
    if (source !== undefined)
        return DIGITS.test(source) ? source : undefined;
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
}
/** `source`: how a number is written in the file (1.5e3, not 1500). */
function workspaceIdIssue(value, id, source) {
    if (id !== undefined)
        return undefined;
    const fix = `set the workspace's numeric id, only digits, e.g. 6234138917436195 (the number after ?o= in the workspace URL)`;
    if (value === null || value === undefined || value === '')
        return `the value is empty; ${fix}`;
    const shown = typeof value === 'number'
        ? (source ?? String(value))
        : typeof value === 'string'
            ? describeValue(value)
            : kindOf(value);
    return `${shown} is not a workspace id; ${fix}`;
}
const hasItems = (value) => Array.isArray(value) && value.length > 0;
/** workspace-id: digits, the same as the host's when the host has one, and there when account groups need it. */
function workspaceIdProblems(parsed, workspace, path) {
    const host = workspace.host;
    const hostOk = typeof host === 'string' && hostIssue(host, 'workspace') === undefined;
    const fromHost = hostOk ? workspaceIdFromHost(host) : undefined;
    const idPath = [...path, 'workspace-id'];
    if ('workspace-id' in workspace) {
        const value = workspace['workspace-id'];
        const id = configWorkspaceId(parsed, idPath, value);
        const issue = workspaceIdIssue(value, id, scalarSource(parsed, idPath)?.trim());
        if (issue)
            return [problemAt(parsed, idPath, 'value', issue)];
        if (id !== undefined && fromHost !== undefined && BigInt(id) !== BigInt(fromHost)) {
            return [
                problemAt(parsed, idPath, 'value', `${id} differs from the workspace id ${fromHost} in the host; remove workspace-id (it is taken from the host) or correct it`)
            ];
        }
        return [];
    }
    const assigns = hasItems(workspace['account-groups']) || hasItems(workspace['account-service-principals']);
    if (!hostOk || fromHost !== undefined || !assigns)
        return [];
    return [
        {
            ...locate(parsed, path, 'value'),
            key: formatPath(idPath),
            message: at(path, 'workspace-id is needed to assign account groups; the host does not contain it (add workspace-id: <number from the workspace URL ?o=…>)'),
            severity: 'error'
        }
    ];
}
/** The account-groups entries of a workspace that name a group. */
function assignments(workspace, path) {
    const list = workspace['account-groups'];
    if (!Array.isArray(list))
        return [];
    const found = [];
    for (const [i, entry] of list.entries()) {
        const itemPath = [...path, 'account-groups', i];
        if (typeof entry === 'string' && entry.trim() !== '') {
            found.push({ name: entry.trim(), namePath: itemPath, itemPath });
        }
        else if (validate_isRecord(entry) && typeof entry.group === 'string' && entry.group.trim() !== '') {
            found.push({ name: entry.group.trim(), namePath: [...itemPath, 'group'], itemPath });
        }
    }
    return found;
}
/** An account group is assigned once per workspace. */
function assignmentProblems(parsed, workspace, path) {
    const problems = [];
    const seen = new Map();
    for (const { name, namePath, itemPath } of assignments(workspace, path)) {
        const key = name.toLowerCase();
        const first = seen.get(key);
        if (first) {
            problems.push(problemAt(parsed, namePath, 'value', `account group ${describeValue(name)} is already assigned at ${validate_where(first.position, parsed)} (${first.label}); assign each account group once per workspace, with one permission (USER or ADMIN)`));
        }
        else {
            seen.set(key, { position: locate(parsed, namePath, 'value'), label: formatPath(itemPath) });
        }
    }
    return problems;
}
/** A workspace that gets neither groups nor account groups is worth a warning. */
function emptyWorkspaceProblems(parsed, workspace, path) {
    const assigned = workspace['account-groups'];
    // A non-empty list, or something that is not a list at all (the schema reports that).
    if (hasItems(assigned) || ('account-groups' in workspace && !Array.isArray(assigned)))
        return [];
    if (hasItems(workspace['account-service-principals']))
        return [];
    if (!('groups' in workspace)) {
        return [
            problemAt(parsed, path, 'value', 'no groups are listed, so nothing is synced into this workspace; add "groups:" with the Entra groups to sync', 'warning')
        ];
    }
    const groups = workspace.groups;
    if (Array.isArray(groups) && groups.length === 0) {
        return [
            problemAt(parsed, [...path, 'groups'], 'key', 'the list is empty, so nothing is synced into this workspace; add the Entra groups to sync', 'warning')
        ];
    }
    return [];
}
const newGroupSeen = () => ({ entra: new Map(), target: new Map() });
/**
 * One list of groups (a workspace's `groups`, or `account.groups`): each Entra group once, each target fed by one
 * Entra group, never a built-in group.
 */
function groupListProblems(parsed, groups, listPath, seen, scope) {
    const problems = [];
    if (!Array.isArray(groups))
        return problems;
    const targetNoun = scope === 'workspace' ? 'Databricks group' : 'account group';
    const once = scope === 'workspace' ? 'list each group once per workspace' : 'list each group once in account.groups';
    for (const [g, group] of groups.entries()) {
        const itemPath = [...listPath, g];
        let entra;
        let target;
        let entraPath = itemPath;
        let targetPath = itemPath;
        let membersOnly = false;
        if (typeof group === 'string') {
            entra = group;
            target = group;
        }
        else if (validate_isRecord(group)) {
            if (typeof group.entra === 'string') {
                entra = group.entra;
                entraPath = [...itemPath, 'entra'];
            }
            // members-only is not a key of account groups: the schema reports it there.
            membersOnly = scope === 'workspace' && group['members-only'] === true;
            if (typeof group.databricks === 'string') {
                target = group.databricks;
                targetPath = [...itemPath, 'databricks'];
                if (membersOnly) {
                    problems.push(problemAt(parsed, targetPath, 'value', 'is ignored because members-only is true (no Databricks group is made); remove it or set members-only: false', 'warning'));
                }
            }
            else {
                target = entra;
                targetPath = entraPath;
            }
        }
        if (entra === undefined || entra.trim() === '')
            continue;
        const entraKey = entra.trim().toLowerCase();
        const firstEntra = seen.entra.get(entraKey);
        if (firstEntra) {
            problems.push(problemAt(parsed, entraPath, 'value', `Entra group ${describeValue(entra)} is already listed at ${validate_where(firstEntra.position, parsed)} (${firstEntra.label}); ${once}`));
            continue;
        }
        seen.entra.set(entraKey, { position: locate(parsed, entraPath, 'value'), label: formatPath(entraPath) });
        if (membersOnly || target === undefined || target.trim() === '')
            continue;
        const targetKey = target.trim().toLowerCase();
        if (isReservedGroup(targetKey)) {
            problems.push(problemAt(parsed, targetPath, 'value', targetPath === entraPath
                ? `${describeValue(target)} would sync into the built-in Databricks group of that name, which this action never changes; ${typeof group === 'string' ? `write the entry as "entra: ${target}" with "databricks: <another name>"` : 'add "databricks: <another name>" to this entry'}`
                : `${describeValue(target)} is a built-in Databricks group that this action never changes; set databricks: to another group name`));
            continue;
        }
        const firstTarget = seen.target.get(targetKey);
        if (firstTarget) {
            problems.push(problemAt(parsed, targetPath, 'value', `${targetNoun} ${describeValue(target)} is already the target of ${firstTarget.label} (${validate_where(firstTarget.position, parsed)}); one ${targetNoun} can be fed by one Entra group only, so give one of them another "databricks:" name`));
            continue;
        }
        seen.target.set(targetKey, { position: locate(parsed, targetPath, 'value'), label: formatPath(itemPath) });
    }
    return problems;
}
/**
 * The account across files: one id and host, one max-deletions, and `groups` merged as one list (each Entra group
 * once, each account group fed by one Entra group).
 */
function accountProblems(files) {
    const problems = [];
    const facts = { declared: false, renamed: new Map(), targets: new Set() };
    let account;
    let max;
    const seen = new Map();
    for (const parsed of files) {
        const block = parsed.data?.account;
        if (!validate_isRecord(block))
            continue;
        facts.declared = true;
        // A wrong id is reported by the file's own checks; such a block is checked on its own.
        const id = typeof block.id === 'string' && isGuid(block.id) ? block.id.trim().toLowerCase() : undefined;
        const host = typeof block.host === 'string' ? (normalizeOrigin(block.host) ?? '') : DEFAULT_ACCOUNT_HOST;
        if (id !== undefined && !account) {
            account = { id, host, position: locate(parsed, ['account'], 'key') };
        }
        else if (id !== undefined && account && account.id !== id) {
            problems.push(problemAt(parsed, ['account', 'id'], 'value', `${describeValue(block.id)} differs from the account id "${account.id}" declared at ${validate_where(account.position, parsed)}; all config files must name the same Databricks account (declare it once)`));
        }
        else if (id !== undefined && account && account.host !== host) {
            problems.push(problemAt(parsed, ['account', 'host'], 'value', `${describeValue(host)} differs from the account host "${account.host}" declared at ${validate_where(account.position, parsed)}; declare the account once`));
        }
        const same = id !== undefined && account?.id === id;
        const value = same ? configMaxDeletions(block['max-deletions']) : undefined;
        if (value && !max) {
            max = { value, position: locate(parsed, ['account', 'max-deletions'], 'value') };
        }
        else if (value && max && (value.kind !== max.value.kind || value.value !== max.value.value)) {
            problems.push(problemAt(parsed, ['account', 'max-deletions'], 'value', `${formatMaxDeletions(value)} differs from the account's max-deletions ${formatMaxDeletions(max.value)} set at ${validate_where(max.position, parsed)}; set the account's max-deletions in one file only`));
        }
        const key = same ? id : `file:${parsed.file}`;
        const groupSeen = seen.get(key) ?? newGroupSeen();
        seen.set(key, groupSeen);
        problems.push(...groupListProblems(parsed, block.groups, ['account', 'groups'], groupSeen, 'account'));
        // With automatic identity management a group keeps its Entra name (validate-aim.ts refuses another).
        if (!same || !Array.isArray(block.groups) || block.identity === 'aim')
            continue;
        for (const [g, group] of block.groups.entries()) {
            const entra = typeof group === 'string' ? group : validate_isRecord(group) ? group.entra : undefined;
            if (typeof entra !== 'string' || entra.trim() === '')
                continue;
            const target = validate_isRecord(group) && typeof group.databricks === 'string' ? group.databricks.trim() : entra.trim();
            facts.targets.add(target.toLowerCase());
            if (target.toLowerCase() !== entra.trim().toLowerCase() && !facts.renamed.has(entra.trim().toLowerCase())) {
                const path = ['account', 'groups', g];
                facts.renamed.set(entra.trim().toLowerCase(), {
                    position: locate(parsed, path, 'value'),
                    label: formatPath(path),
                    target
                });
            }
        }
    }
    return { problems, facts };
}
/** A workspace's account-groups need the account; an Entra name where the account group has another name is a slip. */
function assignmentAccountProblems(parsed, workspace, path, facts) {
    if (!hasItems(workspace['account-groups']))
        return [];
    if (!facts.declared) {
        return [
            problemAt(parsed, [...path, 'account-groups'], 'key', 'assigning account groups needs the Databricks account, and no config file declares it; add an "account:" block with the account id (id: <GUID shown in the account console>) to a config file, or remove account-groups')
        ];
    }
    const problems = [];
    for (const { name, namePath } of assignments(workspace, path)) {
        const key = name.toLowerCase();
        const mapping = facts.renamed.get(key);
        if (!mapping || facts.targets.has(key))
            continue;
        problems.push(problemAt(parsed, namePath, 'value', `${describeValue(name)} is the Entra name of ${mapping.label} (${validate_where(mapping.position, parsed)}), which is synced into the account group "${mapping.target}"; to assign that group write "${mapping.target}" (account-groups names account groups; if an account group named ${describeValue(name)} exists apart from this config, ignore this warning)`, 'warning'));
    }
    return problems;
}
/** Checks across all files: unique workspace names and hosts, one account, account groups that can be assigned. */
function crossFileProblems(files) {
    const { problems, facts } = accountProblems(files);
    const names = new Map();
    const hosts = new Map();
    const ids = new Map();
    for (const parsed of files) {
        const data = parsed.data;
        if (!data)
            continue;
        const workspaces = Array.isArray(data.workspaces) ? data.workspaces : [];
        for (const [w, workspace] of workspaces.entries()) {
            if (!validate_isRecord(workspace))
                continue;
            problems.push(...assignmentAccountProblems(parsed, workspace, ['workspaces', w], facts));
            const name = workspace.name;
            if (typeof name === 'string' && name.trim() !== '') {
                const key = name.trim().toLowerCase();
                const first = names.get(key);
                if (first) {
                    problems.push(problemAt(parsed, ['workspaces', w, 'name'], 'value', `workspace ${describeValue(name)} is already declared at ${validate_where(first.position, parsed)}; workspace names must be unique (ignoring case) across all config files, so rename or remove one`));
                }
                else {
                    names.set(key, { position: locate(parsed, ['workspaces', w, 'name'], 'value'), label: name });
                }
            }
            const valid = typeof workspace.host === 'string' && hostIssue(workspace.host, 'workspace') === undefined;
            const host = valid ? hostKey(workspace.host) : undefined;
            const sameHost = host !== undefined && hosts.has(host);
            if (host) {
                const first = hosts.get(host);
                if (first) {
                    problems.push(problemAt(parsed, ['workspaces', w, 'host'], 'value', `${describeValue(workspace.host)} is already the host of workspace "${first.workspace}" (${validate_where(first.position, parsed)}); declare each workspace once`));
                }
                else {
                    hosts.set(host, {
                        position: locate(parsed, ['workspaces', w, 'host'], 'value'),
                        label: host,
                        workspace: typeof name === 'string' ? name : `workspaces[${w}]`
                    });
                }
            }
            // The account API names workspaces by id: two workspaces with one id would get each other's account groups.
            const idPath = ['workspaces', w, 'workspace-id'];
            const explicit = 'workspace-id' in workspace;
            const id = explicit
                ? configWorkspaceId(parsed, idPath, workspace['workspace-id'])
                : host && workspaceIdFromHost(host);
            if (id && !sameHost) {
                const key = BigInt(id).toString();
                const first = ids.get(key);
                if (first) {
                    problems.push(problemAt(parsed, explicit ? idPath : ['workspaces', w, 'host'], 'value', `workspace id ${id} is already the id of workspace "${first.workspace}" (${validate_where(first.position, parsed)}); each workspace has its own id, so correct workspace-id`));
                }
                else {
                    ids.set(key, {
                        position: locate(parsed, explicit ? idPath : ['workspaces', w, 'host'], 'value'),
                        label: id,
                        workspace: typeof name === 'string' ? name : `workspaces[${w}]`
                    });
                }
            }
        }
    }
    return problems;
}
/**
 * Every check beyond the schema, for files already parsed (and in the order they were matched). Pure: it reads
 * nothing and throws nothing.
 */
function validateFiles(files) {
    const problems = [];
    const checked = [];
    for (const parsed of files) {
        if (!parsed.data)
            continue;
        if (isForeign(parsed)) {
            problems.push(problemAt(parsed, [], 'value', 'this is not a config file: it has none of the keys version, workspaces and account; if the config input matches it by mistake, narrow the pattern'));
        }
        else if (hasUnsupportedVersion(parsed)) {
            // Another format: only say so, its other keys cannot be judged by version 1 rules.
            problems.push(problemAt(parsed, ['version'], 'value', versionIssue(parsed.data.version) ?? ''));
        }
        else {
            checked.push(parsed);
            problems.push(...fileProblems(parsed));
        }
    }
    return [...problems, ...crossFileProblems(checked), ...aimProblems(checked)];
}

;// CONCATENATED MODULE: ./src/config/normalize.ts
// Turns checked files into the typed configuration: defaults applied per group, hosts as origins, positions kept.
// It is lenient (anything malformed is skipped or defaulted), so the result is only to be acted on when loading
// reported no errors.



const REMOVALS = ['remove-membership', 'deactivate', 'delete', 'keep'];
const NESTED = ['flatten', 'direct'];
const WORKSPACE_PERMISSIONS = ['USER', 'ADMIN'];
const ENTITLEMENTS = [
    'workspace-access',
    'databricks-sql-access',
    'allow-cluster-create',
    'allow-instance-pool-create'
];
/** The built-in defaults, used where a file's `defaults` says nothing. */
const BUILTIN_DEFAULTS = Object.freeze({
    removal: 'remove-membership',
    nested: 'flatten',
    maxDeletions: { kind: 'percent', value: 10 },
    entitlements: ['workspace-access']
});
/** Where an item is, with its key path for messages that point at it. */
function normalize_where(parsed, path, target = 'value') {
    return { ...locate(parsed, path, target), key: formatPath(path) };
}
const normalize_isRecord = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
function oneOf(value, allowed, fallback) {
    return typeof value === 'string' && allowed.includes(value) ? value : fallback;
}
function entitlements(value, fallback) {
    if (!Array.isArray(value))
        return [...fallback];
    const known = value.filter((e) => ENTITLEMENTS.includes(e));
    return [...new Set(known)];
}
function fileDefaults(data) {
    const d = normalize_isRecord(data.defaults) ? data.defaults : {};
    return {
        removal: oneOf(d.removal, REMOVALS, BUILTIN_DEFAULTS.removal),
        nested: oneOf(d.nested, NESTED, BUILTIN_DEFAULTS.nested),
        maxDeletions: configMaxDeletions(d['max-deletions']) ?? { ...BUILTIN_DEFAULTS.maxDeletions },
        entitlements: entitlements(d.entitlements, BUILTIN_DEFAULTS.entitlements)
    };
}
/**
 * A workspace group, or (`account`) an account group: the same, except that entitlements do not apply in the account
 * (they are per workspace) and an account group is always made (no members-only).
 */
function group(parsed, value, path, defaults, scope = 'workspace') {
    const at = normalize_where(parsed, path);
    const account = scope === 'account';
    if (typeof value === 'string') {
        if (value.trim() === '')
            return undefined;
        return {
            entra: value.trim(),
            databricks: value.trim(),
            entitlements: account ? [] : [...defaults.entitlements],
            membersOnly: false,
            removal: defaults.removal,
            nested: defaults.nested,
            at
        };
    }
    if (!normalize_isRecord(value) || typeof value.entra !== 'string' || value.entra.trim() === '')
        return undefined;
    const entra = value.entra.trim();
    const databricks = typeof value.databricks === 'string' && value.databricks.trim() ? value.databricks.trim() : entra;
    return {
        entra,
        databricks,
        entitlements: account ? [] : entitlements(value.entitlements, defaults.entitlements),
        membersOnly: !account && value['members-only'] === true,
        removal: oneOf(value.removal, REMOVALS, defaults.removal),
        nested: oneOf(value.nested, NESTED, defaults.nested),
        at
    };
}
function workspace(parsed, value, index, defaults) {
    if (!normalize_isRecord(value) || typeof value.name !== 'string' || typeof value.host !== 'string')
        return undefined;
    const path = ['workspaces', index];
    const name = value.name.trim();
    const groups = (Array.isArray(value.groups) ? value.groups : [])
        .map((g, i) => group(parsed, g, [...path, 'groups', i], defaults))
        .filter((g) => g !== undefined);
    const host = normalizeOrigin(value.host) ?? value.host.trim().replace(/\/+$/, '');
    const result = {
        name,
        host,
        auth: oneOf(value.auth, ['entra', 'pat'], 'entra'),
        groups,
        maxDeletions: configMaxDeletions(value['max-deletions']) ?? { ...defaults.maxDeletions },
        accountGroups: (Array.isArray(value['account-groups']) ? value['account-groups'] : [])
            .map((a, i) => assignment(parsed, a, [...path, 'account-groups', i]))
            .filter((a) => a !== undefined),
        file: parsed.file,
        at: normalize_where(parsed, path)
    };
    const servicePrincipals = (Array.isArray(value['account-service-principals']) ? value['account-service-principals'] : [])
        .map((a, i) => servicePrincipalAssignment(parsed, a, [...path, 'account-service-principals', i]))
        .filter((a) => a !== undefined);
    if (servicePrincipals.length > 0)
        result.accountServicePrincipals = servicePrincipals;
    const workspaceId = 'workspace-id' in value
        ? configWorkspaceId(parsed, [...path, 'workspace-id'], value['workspace-id'])
        : workspaceIdFromHost(host);
    if (workspaceId !== undefined)
        result.workspaceId = workspaceId;
    if (typeof value['token-secret'] === 'string')
        result.tokenSecret = value['token-secret'].trim();
    if (typeof value['azure-resource-id'] === 'string')
        result.azureResourceId = value['azure-resource-id'].trim();
    if (normalize_isRecord(value.provisioning) || value.provisioning === null) {
        const p = normalize_isRecord(value.provisioning) ? value.provisioning : {};
        const provisioning = {
            appName: typeof p['app-name'] === 'string' && p['app-name'].trim()
                ? p['app-name'].trim()
                : `Azure Databricks SCIM - ${name}`,
            at: normalize_where(parsed, [...path, 'provisioning'], 'key')
        };
        if (typeof p['notification-email'] === 'string')
            provisioning.notificationEmail = p['notification-email'].trim();
        result.provisioning = provisioning;
    }
    return result;
}
/** An account-groups entry: a name (USER) or `{ group, permission }`. */
function assignment(parsed, value, path) {
    if (typeof value === 'string') {
        return value.trim() === '' ? undefined : { group: value.trim(), permission: 'USER', at: normalize_where(parsed, path) };
    }
    if (!normalize_isRecord(value) || typeof value.group !== 'string' || value.group.trim() === '')
        return undefined;
    return {
        group: value.group.trim(),
        permission: oneOf(value.permission, WORKSPACE_PERMISSIONS, 'USER'),
        ...(Array.isArray(value.entitlements) ? { entitlements: entitlements(value.entitlements, []) } : {}),
        at: normalize_where(parsed, path)
    };
}
/** An account-service-principals entry: a reference (USER) or `{ service-principal, permission, entitlements }`. */
function servicePrincipalAssignment(parsed, value, path) {
    if (typeof value === 'string') {
        return value.trim() === ''
            ? undefined
            : { servicePrincipal: value.trim(), permission: 'USER', at: normalize_where(parsed, path) };
    }
    const ref = normalize_isRecord(value) ? value['service-principal'] : undefined;
    if (!normalize_isRecord(value) || typeof ref !== 'string' || ref.trim() === '')
        return undefined;
    return {
        servicePrincipal: ref.trim(),
        permission: oneOf(value.permission, WORKSPACE_PERMISSIONS, 'USER'),
        ...(Array.isArray(value.entitlements) ? { entitlements: entitlements(value.entitlements, []) } : {}),
        at: normalize_where(parsed, path)
    };
}
/** An account.service-principals or account.users entry: a reference, or `{ entra, removal }`. */
function accountPrincipals(parsed, value, key, defaults) {
    return (Array.isArray(value) ? value : []).flatMap((entry, i) => {
        const at = normalize_where(parsed, ['account', key, i]);
        if (typeof entry === 'string')
            return entry.trim() ? [{ entra: entry.trim(), removal: defaults.removal, at }] : [];
        if (!normalize_isRecord(entry) || typeof entry.entra !== 'string' || entry.entra.trim() === '')
            return [];
        return [{ entra: entry.entra.trim(), removal: oneOf(entry.removal, REMOVALS, defaults.removal), at }];
    });
}
const normalize_DENY_KEYS = [
    ['group', 'group'],
    ['user', 'user'],
    ['service-principal', 'servicePrincipal']
];
/** account.deny entries with exactly one principal key (validation reports the others). */
function denyEntries(parsed, value) {
    return (Array.isArray(value) ? value : []).flatMap((entry, i) => {
        if (!normalize_isRecord(entry))
            return [];
        const keys = normalize_DENY_KEYS.filter(([k]) => typeof entry[k] === 'string' && entry[k].trim() !== '');
        const [only] = keys;
        if (keys.length !== 1 || !only)
            return [];
        const [key, kind] = only;
        return [
            {
                kind,
                entra: entry[key].trim(),
                remove: entry.remove === true,
                at: normalize_where(parsed, ['account', 'deny', i])
            }
        ];
    });
}
function accountGroups(parsed, value, defaults) {
    return (Array.isArray(value.groups) ? value.groups : [])
        .map((g, i) => group(parsed, g, ['account', 'groups', i], defaults, 'account'))
        .filter((g) => g !== undefined);
}
function account(parsed, value, defaults) {
    if (!normalize_isRecord(value) || typeof value.id !== 'string')
        return undefined;
    const host = typeof value.host === 'string' ? (normalizeOrigin(value.host) ?? value.host.trim()) : DEFAULT_ACCOUNT_HOST;
    const result = {
        id: value.id.trim().toLowerCase(),
        host,
        groups: accountGroups(parsed, value, defaults),
        maxDeletions: configMaxDeletions(value['max-deletions']) ?? { ...defaults.maxDeletions },
        file: parsed.file,
        at: normalize_where(parsed, ['account'], 'key')
    };
    if (value.identity === 'aim')
        result.identity = 'aim';
    const servicePrincipals = accountPrincipals(parsed, value['service-principals'], 'service-principals', defaults);
    if (servicePrincipals.length > 0)
        result.servicePrincipals = servicePrincipals;
    const users = accountPrincipals(parsed, value.users, 'users', defaults);
    if (users.length > 0)
        result.users = users;
    const deny = denyEntries(parsed, value.deny);
    if (deny.length > 0)
        result.deny = deny;
    return result;
}
/** Another file's block of the same account: its lists join the first one's. */
function mergeAccount(into, other) {
    into.groups.push(...other.groups);
    if (other.identity)
        into.identity ??= other.identity;
    for (const key of ['servicePrincipals', 'users', 'deny']) {
        const more = other[key];
        if (more)
            into[key] = [...(into[key] ?? []), ...more];
    }
}
/** The typed configuration of the files, in their order. Files that could not be parsed contribute nothing. */
function normalizeFiles(files) {
    const config = { files: files.map((f) => f.file), workspaces: [] };
    /** Whether the account's max-deletions was set in its block (rather than taken from the file's defaults). */
    let maxFromFile = false;
    for (const parsed of files) {
        const data = parsed.data;
        if (!data || hasUnsupportedVersion(parsed))
            continue;
        const defaults = fileDefaults(data);
        const workspaces = Array.isArray(data.workspaces) ? data.workspaces : [];
        for (const [i, w] of workspaces.entries()) {
            const normalized = workspace(parsed, w, i, defaults);
            if (normalized)
                config.workspaces.push(normalized);
        }
        const a = account(parsed, data.account, defaults);
        if (!a)
            continue;
        if (!config.account) {
            config.account = a;
            maxFromFile = normalize_isRecord(data.account) && configMaxDeletions(data.account['max-deletions']) !== undefined;
        }
        else if (a.id === config.account.id) {
            // The same account in another file: its groups join (with that file's defaults), and an explicit
            // max-deletions counts when the first file had none (validation reports two that differ).
            mergeAccount(config.account, a);
            if (!maxFromFile && normalize_isRecord(data.account) && configMaxDeletions(data.account['max-deletions']) !== undefined) {
                config.account.maxDeletions = a.maxDeletions;
                maxFromFile = true;
            }
        }
    }
    return config;
}

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(2463);
// EXTERNAL MODULE: ./node_modules/ajv-formats/dist/index.js
var ajv_formats_dist = __webpack_require__(2815);
var dist_default = /*#__PURE__*/__webpack_require__.n(ajv_formats_dist);
;// CONCATENATED MODULE: ./schema/config.schema.json
const config_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","title":"entra-databricks-sync configuration","description":"Declares which Microsoft Entra ID groups are synced into which Azure Databricks workspaces (and optionally the Databricks account). Read by the entra-databricks-sync GitHub Action. Add `# yaml-language-server: $schema=<url of this file>` as the first line of the YAML file for completion and checks in the editor.","type":"object","additionalProperties":false,"required":["version"],"properties":{"$schema":{"description":"URL of this JSON Schema, for editors. Ignored by the action.","type":"string"},"version":{"description":"Version of this file format. The only supported version is 1.","type":"integer","enum":[1],"default":1},"defaults":{"$ref":"#/definitions/defaults"},"account":{"$ref":"#/definitions/account"},"workspaces":{"description":"The Azure Databricks workspaces this file manages. Several config files may each own some workspaces; a workspace name or host may appear only once across all files.","type":"array","items":{"$ref":"#/definitions/workspace"}}},"patternProperties":{"^x-":{"description":"Extension keys starting with \\"x-\\" are ignored by the action: use them to hold YAML anchors (&name) shared by several entries."}},"definitions":{"removal":{"description":"What happens in Databricks when someone is no longer a member of the Entra group. `remove-membership`: remove them from the synced Databricks group only. `deactivate`: also deactivate users and service principals the action manages that no longer belong to any listed group. `delete`: also delete them. `keep`: never remove anything, only add.","type":"string","enum":["remove-membership","deactivate","delete","keep"],"default":"remove-membership"},"nested":{"description":"How members of nested Entra groups are treated. `flatten`: transitive members (members of nested groups become direct members of the Databricks group). `direct`: direct members only; nested groups are ignored.","type":"string","enum":["flatten","direct"],"default":"flatten"},"maxDeletions":{"description":"Circuit breaker: the most identities or memberships one run may remove in a workspace, as a count (`25`) or as a share of the managed identities and memberships (`10%`). Over it the workspace is left unchanged and the run fails. The action\'s `max-deletions` input overrides it.","oneOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^([0-9]+|([0-9]{1,2}(\\\\.[0-9]+)?|100(\\\\.0+)?)%)$"}],"default":"10%","examples":["10%",25,0]},"entitlement":{"description":"A Databricks workspace entitlement. `workspace-access`: use the workspace (Data Science & Engineering). `databricks-sql-access`: use Databricks SQL. `allow-cluster-create`: create clusters. `allow-instance-pool-create`: create instance pools.","type":"string","enum":["workspace-access","databricks-sql-access","allow-cluster-create","allow-instance-pool-create"]},"entitlements":{"description":"Entitlements given to the Databricks group. A group\'s own list replaces the defaults (it is not merged with them).","type":"array","items":{"$ref":"#/definitions/entitlement"},"uniqueItems":true,"default":["workspace-access"],"examples":[["workspace-access"],["workspace-access","databricks-sql-access"]]},"defaults":{"description":"Defaults for every group and workspace in this file. A group or workspace may override them. Defaults apply only to the file that declares them.","type":"object","additionalProperties":false,"properties":{"removal":{"$ref":"#/definitions/removal"},"nested":{"$ref":"#/definitions/nested"},"max-deletions":{"$ref":"#/definitions/maxDeletions"},"entitlements":{"$ref":"#/definitions/entitlements"}}},"account":{"description":"Optional: the Azure Databricks account, for account-level identities (identity federation): Entra groups synced into account groups (`groups`), which workspaces then get through their `account-groups`. If several files declare the account, they must name the same one; their `groups` are merged.","type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"description":"The Databricks account id, a GUID (shown in the account console under your user name).","type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$","examples":["00000000-0000-0000-0000-000000000000"]},"host":{"description":"The account console URL.","type":"string","pattern":"^https://","default":"https://accounts.azuredatabricks.net","examples":["https://accounts.azuredatabricks.net"]},"max-deletions":{"description":"Circuit breaker for the account: the most identities or memberships one run may remove from the account, as a count (`25`) or a share (`10%`) of the managed account identities and memberships. Defaults to `defaults.max-deletions` of the file that declares the account (else 10%); if several files declare the account, set it in one of them only. The action\'s `max-deletions` input overrides it.","$ref":"#/definitions/maxDeletions"},"groups":{"description":"The Entra groups provisioned as account groups: a group\'s display name (or object id), or a mapping for a different target name or behaviour. Entitlements are per workspace, so they cannot be set here; assign the account groups to workspaces with a workspace\'s `account-groups`.","type":"array","items":{"$ref":"#/definitions/accountGroup"},"examples":[["Data Engineers",{"entra":"Data Analysts","databricks":"data-analysts"}]]},"identity":{"description":"How identities reach the account. `scim` (default): the action provisions users, service principals and groups through account SCIM and keeps group membership. `aim`: the account uses automatic identity management (Databricks reads Entra ID itself and keeps membership); the action then never creates users or writes group membership, and instead resolves the listed Entra groups, service principals and users in the account by their object id (so grants can name them before anyone signs in), assigns them to workspaces, keeps the denylist (`deny`) and, in a dry-run, reports what stands in the way of automatic identity management.","type":"string","enum":["scim","aim"],"default":"scim"},"service-principals":{"description":"`identity: aim` only: Entra service principals to resolve in the account (display name, application id or object id), so workspaces can get them through `account-service-principals`.","type":"array","items":{"$ref":"#/definitions/accountPrincipal"},"examples":[["etl-orchestrator",{"entra":"0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b","removal":"keep"}]]},"users":{"description":"`identity: aim` only: Entra users to resolve in the account before they first sign in (user principal name or object id), e.g. owners named in Unity Catalog grants.","type":"array","items":{"$ref":"#/definitions/accountPrincipal"},"examples":[["adele.vance@contoso.com"]]},"deny":{"description":"`identity: aim` only: the account access denylist as code. Each entry denies one Entra group, user or service principal access to the whole account (transitively through nested groups; it takes effect within about 10 minutes). The action adds the rules listed and removes only rules of entries marked `remove: true`; rules made by hand are never removed. An account holds at most 100 rules.","type":"array","items":{"$ref":"#/definitions/denyEntry"},"examples":[[{"group":"Data Engineers - Contractors"},{"user":"former.employee@contoso.com","remove":true}]]}}},"workspace":{"description":"An Azure Databricks workspace, the Entra groups synced into it and the account groups assigned to it.","type":"object","additionalProperties":false,"required":["name","host"],"properties":{"name":{"description":"A short name for the workspace, unique across all config files (case-insensitive). Used by the action\'s `workspace` input, in the job summary and as the matrix job name. Letters, digits, `.`, `_` and `-`.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$","examples":["analytics-prod"]},"host":{"description":"The workspace URL: https and the workspace host only (no path or query), on *.azuredatabricks.net, *.databricks.azure.us or *.databricks.azure.cn.","type":"string","pattern":"^https://","examples":["https://adb-6234138917436195.15.azuredatabricks.net"]},"workspace-id":{"description":"The workspace\'s numeric id, used by the account API to assign `account-groups`. Taken from the host when the host is adb-<id>.<n>.azuredatabricks.net (or .databricks.azure.us, .databricks.azure.cn), so it is needed only for other hosts: it is the number after `?o=` in the workspace URL.","oneOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^[0-9]+$"}],"examples":[6234138917436195,"6234138917436195"]},"auth":{"description":"How the action signs in to the workspace SCIM API. `entra`: an Entra token of the action\'s identity (which must be a workspace admin). `pat`: a Databricks personal access token read from the Key Vault secret `token-secret`.","type":"string","enum":["entra","pat"],"default":"entra"},"token-secret":{"description":"Key Vault secret id holding the workspace\'s Databricks personal access token: required for `auth: pat` and for the provision-app command.","type":"string","pattern":"^https://[^/]+/secrets/[0-9A-Za-z-]+(/[0-9A-Za-z]+)?/?$","examples":["https://kv-data.vault.azure.net/secrets/dbx-prod-pat"]},"azure-resource-id":{"description":"The workspace\'s Azure resource id (Azure portal: the workspace > Properties > Id; or `az databricks workspace show --query id`). With `auth: entra` the action then sends Databricks an Azure Resource Manager token of its service principal with every request, so Databricks adds the service principal as a workspace admin on its first request when it has the Contributor (or Owner) role on this resource: a new workspace needs no manual step.","type":"string","pattern":"^/[Ss][Uu][Bb][Ss][Cc][Rr][Ii][Pp][Tt][Ii][Oo][Nn][Ss]/[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/[Rr][Ee][Ss][Oo][Uu][Rr][Cc][Ee][Gg][Rr][Oo][Uu][Pp][Ss]/[^/\\\\s]{1,90}/[Pp][Rr][Oo][Vv][Ii][Dd][Ee][Rr][Ss]/[Mm][Ii][Cc][Rr][Oo][Ss][Oo][Ff][Tt]\\\\.[Dd][Aa][Tt][Aa][Bb][Rr][Ii][Cc][Kk][Ss]/[Ww][Oo][Rr][Kk][Ss][Pp][Aa][Cc][Ee][Ss]/[A-Za-z0-9_-]{3,64}$","examples":["/subscriptions/8f2e1c4a-6b3d-4e5f-9a7b-1c2d3e4f5a6b/resourceGroups/rg-data-prod/providers/Microsoft.Databricks/workspaces/analytics-prod"]},"max-deletions":{"$ref":"#/definitions/maxDeletions"},"groups":{"description":"The Entra groups synced into this workspace: a group\'s display name (or object id), or a mapping for a different target name, entitlements or behaviour.","type":"array","items":{"$ref":"#/definitions/group"}},"account-groups":{"description":"Account groups assigned to this workspace (identity federation): the Databricks name of a group in `account.groups`, or of any other account group, with the permission it gets here. Needs the `account` block in one of the config files, and the workspace id (see `workspace-id`).","type":"array","items":{"$ref":"#/definitions/accountGroupAssignment"},"examples":[["data-engineers",{"group":"platform-admins","permission":"ADMIN"}]]},"account-service-principals":{"description":"`account.identity: aim` only: service principals of `account.service-principals` assigned to this workspace, with the permission they get here.","type":"array","items":{"$ref":"#/definitions/servicePrincipalAssignment"},"examples":[["etl-orchestrator",{"service-principal":"powerbi-refresh","permission":"USER"}]]},"provisioning":{"$ref":"#/definitions/provisioning"}}},"group":{"description":"An Entra group synced into the workspace: its display name (or object id), or a mapping with `entra` and its own settings.","oneOf":[{"description":"Entra group display name (or object id). It is synced into the Databricks group of the same name with the default settings.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["Data Engineers"]},{"description":"An Entra group with its own settings.","type":"object","additionalProperties":false,"required":["entra"],"properties":{"entra":{"description":"Entra group display name (one line, at most 256 characters) or object id.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["Data Engineers"]},"databricks":{"description":"Name of the target Databricks group. Defaults to the Entra group\'s name.","type":"string","minLength":1,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["data-engineers"]},"entitlements":{"$ref":"#/definitions/entitlements"},"members-only":{"description":"true: add the group\'s users and service principals to the workspace but create no Databricks group. false: sync the group itself.","type":"boolean","default":false},"removal":{"$ref":"#/definitions/removal"},"nested":{"$ref":"#/definitions/nested"}}}]},"accountGroup":{"description":"An Entra group provisioned as an account group: its display name (or object id), or a mapping with `entra` and its own settings.","oneOf":[{"description":"Entra group display name (or object id). It is synced into the account group of the same name with the default settings.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["Data Engineers"]},{"description":"An Entra group with its own settings. Entitlements and members-only do not apply at the account level.","type":"object","additionalProperties":false,"required":["entra"],"properties":{"entra":{"description":"Entra group display name (one line, at most 256 characters) or object id.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["Data Analysts"]},"databricks":{"description":"Name of the target account group. Defaults to the Entra group\'s name.","type":"string","minLength":1,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["data-analysts"]},"removal":{"$ref":"#/definitions/removal"},"nested":{"$ref":"#/definitions/nested"}}}]},"workspacePermission":{"description":"What an assigned account group may do in the workspace. `USER`: use the workspace. `ADMIN`: workspace admin.","type":"string","enum":["USER","ADMIN"],"default":"USER"},"accountGroupAssignment":{"description":"An account group assigned to the workspace: its name (it gets the USER permission), or a mapping with `group` and `permission`.","oneOf":[{"description":"Account group name (the Databricks name, e.g. the `databricks` name of an `account.groups` entry). It gets the USER permission.","type":"string","minLength":1,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["data-engineers"]},{"description":"An account group and the permission it gets in the workspace.","type":"object","additionalProperties":false,"required":["group"],"properties":{"group":{"description":"Account group name (the Databricks name, e.g. the `databricks` name of an `account.groups` entry).","type":"string","minLength":1,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["data-engineers"]},"permission":{"$ref":"#/definitions/workspacePermission"},"entitlements":{"description":"`account.identity: aim` only: the workspace entitlements the group gets directly in this workspace (set exactly, through the account\'s workspace assignments). Left out, its entitlements are not managed.","$ref":"#/definitions/entitlements"}}}]},"accountPrincipal":{"description":"An Entra principal resolved in the account: its reference (a string), or a mapping with `entra` and its own settings.","oneOf":[{"description":"Service principal: display name, application id or object id. User: user principal name or object id.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["etl-orchestrator"]},{"description":"An Entra principal with its own settings.","type":"object","additionalProperties":false,"required":["entra"],"properties":{"entra":{"description":"Service principal: display name, application id or object id. User: user principal name or object id.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["etl-orchestrator"]},"removal":{"$ref":"#/definitions/removal"}}}]},"servicePrincipalAssignment":{"description":"A service principal of `account.service-principals` assigned to the workspace: its reference as listed there (it gets the USER permission), or a mapping with `service-principal` and `permission`.","oneOf":[{"description":"The service principal as `account.service-principals` lists it. It gets the USER permission.","type":"string","minLength":1,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["etl-orchestrator"]},{"description":"A service principal and the permission it gets in the workspace.","type":"object","additionalProperties":false,"required":["service-principal"],"properties":{"service-principal":{"description":"The service principal as `account.service-principals` lists it (display name, application id or object id).","type":"string","minLength":1,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["etl-orchestrator"]},"permission":{"$ref":"#/definitions/workspacePermission"},"entitlements":{"description":"The workspace entitlements the service principal gets directly in this workspace (set exactly). Left out, they are not managed.","$ref":"#/definitions/entitlements"}}}]},"denyEntry":{"description":"One rule of the account access denylist: exactly one of `group`, `user` or `service-principal`, and `remove: true` to lift a rule this config made.","type":"object","additionalProperties":false,"properties":{"group":{"description":"Entra group display name or object id: the group and everyone in it, nested groups included, are denied.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["Data Engineers - Contractors"]},"user":{"description":"Entra user principal name or object id.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["former.employee@contoso.com"]},"service-principal":{"description":"Entra service principal display name, application id or object id.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["legacy-etl"]},"remove":{"description":"Lift this rule: the action deletes it when it exists (then the entry can go). Without it, a rule whose entry is deleted from the config stays in the account.","type":"boolean","default":false}}},"provisioning":{"description":"Settings for the provision-app command, which sets up the Azure Databricks SCIM Provisioning Connector enterprise app for this workspace. Needs `token-secret`.","type":"object","additionalProperties":false,"properties":{"app-name":{"description":"Display name of the enterprise app. Defaults to `Azure Databricks SCIM - <workspace name>`.","type":"string","minLength":1,"examples":["Azure Databricks SCIM - analytics-prod"]},"notification-email":{"description":"Email address that gets provisioning failure notifications.","type":"string","format":"email","examples":["platform@contoso.com"]}}}}}');
;// CONCATENATED MODULE: ./src/config/schema.ts
// Checks a parsed file against schema/config.schema.json (the same file editors use) and turns every Ajv error
// into a problem at the offending key or value, with a message that names the key and the fix.





const configSchema = config_schema_namespaceObject;
/**
 * Fields whose values validate.ts checks itself with more specific messages (hosts, secret ids, max-deletions, ...).
 * Schema errors at or below them are dropped so each mistake is reported once.
 */
const CHECKED_ELSEWHERE = [
    /^\/version$/,
    /^\/account\/(id|host|max-deletions)$/,
    /^\/defaults\/max-deletions$/,
    /^\/workspaces\/\d+\/(name|host|workspace-id|token-secret|azure-resource-id|max-deletions)$/,
    /^\/workspaces\/\d+\/provisioning\/notification-email$/
];
let compiled;
function validator() {
    if (!compiled) {
        const ajv = new dist_ajv.Ajv({ allErrors: true, strict: true });
        // ajv-formats is CommonJS; depending on the loader the plugin is the default export or its .default.
        const plugin = (dist_default());
        const addFormats = (typeof plugin === 'function' ? plugin : plugin.default);
        addFormats(ajv);
        compiled = ajv.compile(configSchema);
    }
    return compiled;
}
function pointerToPath(pointer) {
    if (pointer === '')
        return [];
    return pointer
        .slice(1)
        .split('/')
        .map((raw) => {
        const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        return /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment;
    });
}
function valueAt(data, path) {
    let current = data;
    for (const segment of path) {
        if (current === null || typeof current !== 'object')
            return undefined;
        current = current[segment];
    }
    return current;
}
/** The schema object a `#/...` pointer names (following a $ref there). */
function schemaAt(pointer) {
    let current = configSchema;
    for (const raw of pointer.replace(/^#\/?/, '').split('/')) {
        if (raw === '')
            continue;
        if (current === null || typeof current !== 'object')
            return undefined;
        current = current[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    const ref = current?.$ref;
    return typeof ref === 'string' ? schemaAt(ref) : current;
}
/**
 * The schema that applies to the value at `path`. Ajv's schemaPath is relative to the last $ref, so it cannot say
 * which definition an error comes from; walking the instance path can. A oneOf picks the branch whose type fits.
 */
function resolve(path, data) {
    let place = '#';
    let schema = configSchema;
    let value = data;
    const settle = () => {
        const ref = schema?.$ref;
        if (typeof ref === 'string') {
            place = ref;
            schema = schemaAt(ref);
        }
        const branches = schema?.oneOf;
        if (!Array.isArray(branches))
            return undefined;
        const before = { place, branches: branches };
        const fit = branches.findIndex((b) => typeMatches(b.type, value));
        if (fit >= 0) {
            place = `${place}/oneOf/${fit}`;
            schema = branches[fit];
        }
        return before;
    };
    let oneOf = settle();
    for (const segment of path) {
        const properties = schema?.properties;
        if (typeof segment === 'string' && properties?.[segment]) {
            place = `${place}/properties/${segment}`;
            schema = properties[segment];
        }
        else if (typeof segment === 'number' && schema?.items) {
            place = `${place}/items`;
            schema = schema.items;
        }
        else {
            return { place, oneOf: undefined };
        }
        value = valueAt(value, [segment]);
        oneOf = settle();
    }
    return { schema, place, oneOf };
}
const isMapping = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
function jsonType(value) {
    if (value === null || value === undefined)
        return 'null';
    if (Array.isArray(value))
        return 'array';
    if (typeof value === 'number')
        return Number.isInteger(value) ? 'integer' : 'number';
    return typeof value;
}
function typeMatches(expected, value) {
    if (expected === undefined)
        return true;
    const actual = jsonType(value);
    const types = Array.isArray(expected) ? expected : [expected];
    return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}
const ACCOUNT_GROUP_ENTRY = '#/definitions/accountGroup/oneOf/1';
/** Where keys can be set. `elsewhere: false`: not offered as another place for a misplaced key (it adds nothing). */
const PLACES = [
    { label: 'the top level', here: 'at the top level', schemaPath: '#' },
    { label: 'defaults', here: 'in defaults', schemaPath: '#/definitions/defaults' },
    { label: 'account', here: 'in account', schemaPath: '#/definitions/account' },
    { label: 'a workspace', here: 'in a workspace', schemaPath: '#/definitions/workspace' },
    { label: 'a group entry', here: 'in a group entry', schemaPath: '#/definitions/group/oneOf/1' },
    {
        label: 'an account group entry',
        here: 'in an account group entry',
        schemaPath: ACCOUNT_GROUP_ENTRY,
        elsewhere: false
    },
    {
        label: 'an account-groups entry',
        here: 'in an account-groups entry',
        schemaPath: '#/definitions/accountGroupAssignment/oneOf/1',
        elsewhere: false
    },
    {
        label: 'an account-service-principals entry',
        here: 'in an account-service-principals entry',
        schemaPath: '#/definitions/servicePrincipalAssignment/oneOf/1',
        elsewhere: false
    },
    {
        label: 'an account principal entry',
        here: 'in an account service principal or user entry',
        schemaPath: '#/definitions/accountPrincipal/oneOf/1',
        elsewhere: false
    },
    { label: 'a deny entry', here: 'in a deny entry', schemaPath: '#/definitions/denyEntry', elsewhere: false },
    { label: 'provisioning', here: 'in provisioning', schemaPath: '#/definitions/provisioning' }
];
/** Keys of a workspace group entry that mean nothing for an account group, and why. */
const NOT_FOR_ACCOUNT_GROUPS = {
    entitlements: `"entitlements" cannot be set on an account group: entitlements are per workspace; remove it ` +
        `(to give entitlements, sync the Entra group into a workspace under that workspace's "groups")`,
    'members-only': `"members-only" cannot be set on an account group: members-only means no group is made, and account.groups ` +
        `lists the groups to make in the account; remove it (to add only the members to a workspace, list the Entra ` +
        `group under that workspace's "groups" with members-only: true)`
};
function propertiesOf(schemaPath) {
    const properties = schemaAt(schemaPath)?.properties;
    return properties && typeof properties === 'object' ? Object.keys(properties).filter((k) => k !== '$schema') : [];
}
function unknownKeyMessage(key, schemaPath) {
    if (schemaPath === ACCOUNT_GROUP_ENTRY && Object.hasOwn(NOT_FOR_ACCOUNT_GROUPS, key)) {
        return NOT_FOR_ACCOUNT_GROUPS[key];
    }
    const allowed = propertiesOf(schemaPath);
    const suggestion = didYouMean(key, allowed);
    if (suggestion && suggestion !== key)
        return `unknown key "${key}"; did you mean "${suggestion}"?`;
    const here = PLACES.find((p) => p.schemaPath === schemaPath)?.here;
    const elsewhere = PLACES.filter((p) => p.elsewhere !== false && p.schemaPath !== schemaPath && propertiesOf(p.schemaPath).includes(key));
    if (here && elsewhere.length > 0) {
        return `unknown key "${key}" ${here}; "${key}" can be set in ${listOf(elsewhere.map((p) => p.label)).replace(/ and /, ' or ')}`;
    }
    const extensions = schemaAt(schemaPath)?.patternProperties ? ' (and x-… keys for YAML anchors)' : '';
    return `unknown key "${key}"; the keys allowed here are ${listOf(allowed)}${extensions}`;
}
const REQUIRED_HINTS = {
    version: 'add "version: 1" at the top of the file',
    name: 'add a short unique name for the workspace, e.g. "name: analytics-prod"',
    host: 'add the workspace URL, e.g. "host: https://adb-<id>.<n>.azuredatabricks.net"',
    entra: `add the Entra group's display name or object id, e.g. "entra: Data Engineers"`,
    id: 'add the Databricks account id, a GUID, e.g. "id: 00000000-0000-0000-0000-000000000000"',
    group: `add the account group's name, e.g. "group: data-engineers"`,
    'service-principal': `add the service principal as account.service-principals lists it, e.g. "service-principal: etl-orchestrator"`
};
const TYPE_LABELS = {
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    object: 'a mapping (indented "key: value" lines)',
    array: 'a list'
};
function typeMessage(expected, value, key, schema) {
    // A word from a fixed list: quoting the wrong value would not help, naming the right ones does.
    const allowed = Array.isArray(schema?.enum) ? schema.enum.map(String) : undefined;
    if (allowed && expected === 'string')
        return `must be one of ${listOf(allowed).replace(/ and /, ' or ')}, not ${kindOf(value)}`;
    const example = Array.isArray(schema?.examples) && typeof schema.examples[0] === 'string' ? schema.examples[0] : undefined;
    let message = `must be ${TYPE_LABELS[expected] ?? expected}, not ${kindOf(value)}`;
    if (expected === 'string' && example !== undefined && (Array.isArray(value) || isMapping(value))) {
        message += `; write a single value, e.g. "${example}"`;
    }
    else if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
        message += `; put it in quotes: "${String(value)}"`;
    }
    else if (expected === 'boolean' && typeof value === 'string') {
        message += /^(true|false)$/i.test(value) ? `; write ${value.toLowerCase()} without quotes` : '; write true or false';
    }
    else if (expected === 'array' && key === 'groups') {
        message += '; write each group on its own line starting with "- "';
    }
    else if (expected === 'array' && key === 'account-groups') {
        message += '; write each account group on its own line starting with "- "';
    }
    else if (expected === 'array' && key === 'workspaces') {
        message += '; start each workspace with "- name: ..." on its own line';
    }
    else if (expected === 'array') {
        message += `; write a list, e.g. ${String(key)}: [${typeof value === 'string' ? value : '...'}]`;
    }
    else if (expected === 'object' && typeof value === 'string' && typeof key === 'number') {
        message += '; write the entry as indented "key: value" lines';
    }
    return message;
}
const ONE_OF_LABELS = {
    '#/definitions/group': 'an Entra group name (a string) or a mapping with "entra"',
    '#/definitions/accountGroup': 'an Entra group name (a string) or a mapping with "entra"',
    '#/definitions/accountGroupAssignment': 'an account group name (a string) or a mapping with "group"',
    '#/definitions/accountPrincipal': 'an Entra reference (a string) or a mapping with "entra"',
    '#/definitions/servicePrincipalAssignment': 'a service principal (a string) or a mapping with "service-principal"'
};
function enumMessage(path, value, allowed) {
    const options = allowed.map(String);
    const noun = path.includes('entitlements') ? 'entitlement' : path.at(-1) === 'permission' ? 'permission' : 'value';
    const suggestion = typeof value === 'string' ? didYouMean(value, options) : undefined;
    return (`${describeValue(value)} is not a valid ${noun}; ` +
        (suggestion ? `did you mean "${suggestion}"? Use` : 'use') +
        ` one of: ${options.join(', ')}`);
}
/**
 * The first character the schema's name patterns refuse: C0 and C1 controls and DEL, line breaks included, and the
 * Unicode line and paragraph separators (U+2028, U+2029), which no one sees in an editor but Graph would be sent.
 */
function controlCharacter(value) {
    return [...value].find((c) => {
        const code = c.codePointAt(0) ?? 0;
        return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
    });
}
function controlCharacterMessage(value, control) {
    const code = `U+${(control.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    if (control === '\n' || control === '\r') {
        return `${describeValue(value)} has a line break in it; a group name is one line, so remove the line break (a "|" or ">" block, or \\n in double quotes, makes one)`;
    }
    if (control === '\u2028' || control === '\u2029') {
        return `${describeValue(value)} has the invisible line separator ${code} in it (often pasted from a document); a group name is one line, so retype it`;
    }
    return `${describeValue(value)} has the control character ${code} in it; a group name cannot contain control characters, so remove it`;
}
/** Removes what would report one mistake several times (see the comments inside). */
function prune(errors, data) {
    let kept = errors.filter((e) => !CHECKED_ELSEWHERE.some((re) => re.test(e.instancePath) || re.test(e.instancePath.replace(/\/[^/]+$/, ''))));
    // oneOf: keep the errors of the branch whose type fits the value; if none fits, keep the oneOf error alone.
    for (const oneOf of kept.filter((e) => e.keyword === 'oneOf')) {
        const path = pointerToPath(oneOf.instancePath);
        const branches = resolve(path, data).oneOf?.branches ?? [];
        const value = valueAt(data, path);
        const fits = branches.map((b) => typeMatches(b.type, value));
        const anyFits = fits.some(Boolean);
        kept = kept.filter((e) => {
            if (e === oneOf)
                return !anyFits;
            const inside = e.schemaPath.startsWith(`${oneOf.schemaPath}/`) &&
                (e.instancePath === oneOf.instancePath || e.instancePath.startsWith(`${oneOf.instancePath}/`));
            if (!inside)
                return true;
            if (!anyFits)
                return false;
            const branch = Number(e.schemaPath.slice(oneOf.schemaPath.length + 1).split('/')[0]);
            return fits[branch] ?? true;
        });
    }
    // A value of the wrong type: the type error says it all.
    const wrongType = new Set(kept.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
    return kept.filter((e) => e.keyword === 'type' || !wrongType.has(e.instancePath));
}
function toProblem(parsed, error) {
    const path = pointerToPath(error.instancePath);
    const value = valueAt(parsed.data, path);
    const last = path[path.length - 1];
    const params = error.params;
    switch (error.keyword) {
        case 'additionalProperties': {
            const key = String(params.additionalProperty);
            const keyPath = [...path, key];
            const parentSchema = resolve(path, parsed.data).place;
            const position = locate(parsed, keyPath, 'key');
            return {
                ...position,
                key: formatPath(keyPath),
                message: at(path, unknownKeyMessage(key, parentSchema)),
                severity: 'error'
            };
        }
        case 'required': {
            const key = String(params.missingProperty);
            const hint = REQUIRED_HINTS[key] ?? `add "${key}:"`;
            const position = locate(parsed, path, 'value');
            return {
                ...position,
                key: formatPath([...path, key]),
                message: at(path, `missing required key "${key}"; ${hint}`),
                severity: 'error'
            };
        }
        case 'type':
            return problemAt(parsed, path, 'value', typeMessage(String(params.type), value, last, resolve(path, parsed.data).schema));
        case 'enum':
            return problemAt(parsed, path, 'value', enumMessage(path, value, params.allowedValues ?? []));
        case 'uniqueItems': {
            const later = Math.max(Number(params.i), Number(params.j));
            const earlier = Math.min(Number(params.i), Number(params.j));
            const item = valueAt(parsed.data, [...path, later]);
            return problemAt(parsed, [...path, later], 'value', `${describeValue(item)} is already listed (item ${earlier + 1} of ${String(last)}); list each value once`);
        }
        case 'minLength':
            return problemAt(parsed, path, 'value', 'must not be empty');
        case 'maxLength':
            return problemAt(parsed, path, 'value', `is ${typeof value === 'string' ? [...value].length : 'too many'} characters long; an Entra group name has at most ${String(params.limit)} characters, so use the group's exact display name or its object id`);
        case 'pattern': {
            const control = typeof value === 'string' ? controlCharacter(value) : undefined;
            if (control !== undefined)
                return problemAt(parsed, path, 'value', controlCharacterMessage(value, control));
            if (typeof value === 'string' && value.trim() === '')
                return problemAt(parsed, path, 'value', 'is only whitespace; a group name needs its visible characters: use the exact Entra display name or the object id');
            return problemAt(parsed, path, 'value', `${describeValue(value)} ${error.message ?? 'is not valid'}`);
        }
        case 'oneOf': {
            const place = resolve(path, parsed.data).oneOf?.place ?? '';
            const label = ONE_OF_LABELS[place] ?? 'a value of another kind';
            return problemAt(parsed, path, 'value', `must be ${label}, not ${kindOf(value)}`);
        }
        default:
            return problemAt(parsed, path, 'value', `${describeValue(value)} ${error.message ?? 'is not valid'}`);
    }
}
/** Every schema error of the file, as problems; none when the file has no data to check. */
function schemaProblems(parsed) {
    if (!parsed.data)
        return [];
    const validate = validator();
    if (validate(parsed.data))
        return [];
    // An empty name also misses the name pattern: "must not be empty" says it once.
    const errors = prune(validate.errors ?? [], parsed.data).filter((e) => !(e.keyword === 'pattern' && valueAt(parsed.data, pointerToPath(e.instancePath)) === ''));
    return errors.map((e) => ({ ...toProblem(parsed, e), file: parsed.file }));
}

;// CONCATENATED MODULE: ./src/config/load.ts
// Finds the config files, reads them and returns the typed configuration with every problem of every file.







const DEFAULT_CONFIG_PATH = '.github/databricks-identities.yml';
/** Config files one run reads at most: an estate of hundreds of workspaces fits; a glob gone wrong does not. */
const MAX_CONFIG_FILES = 500;
/** Bytes of config one run reads at most (every file is also at most MAX_CONFIG_FILE_BYTES). */
const MAX_CONFIG_TOTAL_BYTES = 4 * 1024 * 1024;
/** Splits the config input on commas and newlines, but not on the commas of a `{a,b}` glob. */
function splitPatterns(input) {
    const patterns = [];
    let current = '';
    let depth = 0;
    for (const char of input) {
        if (char === '{')
            depth++;
        if (char === '}')
            depth = Math.max(0, depth - 1);
        if ((char === ',' && depth === 0) || char === '\n' || char === '\r') {
            patterns.push(current);
            current = '';
        }
        else {
            current += char;
        }
    }
    patterns.push(current);
    return patterns.map((p) => p.trim()).filter((p) => p !== '');
}
function inputProblem(message) {
    return { file: '', line: 0, column: 0, key: 'config', message: `config: ${message}`, severity: 'error' };
}
function displayPath(cwd, absolute) {
    const relative = external_node_path_default().relative(cwd, absolute);
    const shown = relative === '' || relative.startsWith('..') || external_node_path_default().isAbsolute(relative) ? absolute : relative;
    return shown.split((external_node_path_default()).sep).join('/');
}
const GLOB_OPTIONS = {
    absolute: true,
    dot: true,
    onlyFiles: true,
    expandDirectories: false,
    followSymbolicLinks: false,
    ignore: ['**/node_modules/**', '**/.git/**']
};
/** Absolute paths of the files one pattern names: a file, a directory (its .yml/.yaml files) or a glob. */
async function expand(pattern, cwd) {
    if (!(0,dist/* isDynamicPattern */.ey)(pattern)) {
        const absolute = external_node_path_default().resolve(cwd, pattern);
        const info = await (0,promises_.stat)(absolute).catch(() => undefined);
        if (info?.isFile())
            return [absolute];
        if (!info?.isDirectory())
            return [];
        return (0,dist/* glob */.TI)(['**/*.yml', '**/*.yaml'], { ...GLOB_OPTIONS, cwd: absolute });
    }
    return (0,dist/* glob */.TI)([pattern], { ...GLOB_OPTIONS, cwd });
}
/** The sorted, de-duplicated files the config input names (relative to cwd), and a problem per pattern that names none. */
async function findConfigFiles(input, cwd) {
    const patterns = splitPatterns(input);
    if (patterns.length === 0)
        patterns.push(DEFAULT_CONFIG_PATH);
    const found = new Set();
    const unmatched = [];
    for (const pattern of patterns) {
        const matches = await expand(pattern, cwd);
        if (matches.length === 0)
            unmatched.push(pattern);
        for (const match of matches)
            found.add(displayPath(cwd, match));
    }
    const files = [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const problems = [];
    const fix = `create it (the default is ${DEFAULT_CONFIG_PATH}) or set the action's config input to the path or glob of your config files, relative to the repository root; if the files are in the repository, check that the job runs actions/checkout first`;
    if (files.length === 0) {
        const named = patterns.map((p) => `"${p}"`).join(', ');
        problems.push(inputProblem(`no config file matches ${named}; ${fix}`));
    }
    else {
        for (const pattern of unmatched) {
            problems.push(inputProblem(`no file matches "${pattern}" (other patterns matched ${files.length}); fix or remove the pattern`));
        }
    }
    return { files, problems };
}
function compareProblems(order) {
    return (a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) ||
        (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line ||
        a.column - b.column ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
        (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
/** Sorts problems by file (in the given order), line and column, dropping exact duplicates. */
function sortProblems(problems, files = []) {
    const order = new Map(files.map((f, i) => [f, i]));
    const seen = new Set();
    return [...problems].sort(compareProblems(order)).filter((p) => {
        const id = JSON.stringify([p.file, p.line, p.column, p.key, p.message, p.severity]);
        if (seen.has(id))
            return false;
        seen.add(id);
        return true;
    });
}
/**
 * The files inside the workspace (after resolving symbolic links), and a problem for each one outside it: a pattern
 * such as `../**` or an absolute path must not make the action read, and quote in annotations, files it was not
 * given. The allow-paths-outside-workspace input lifts this.
 */
async function insideWorkspace(found, cwd) {
    const root = await (0,promises_.realpath)(cwd).catch(() => external_node_path_default().resolve(cwd));
    const files = [];
    const problems = [...found.problems];
    for (const file of found.files) {
        const real = await (0,promises_.realpath)(external_node_path_default().resolve(cwd, file)).catch(() => external_node_path_default().resolve(cwd, file));
        if (isInside(root, real))
            files.push(file);
        else
            problems.push(inputProblem(`"${file}" is outside the repository checkout (${root}), so it was not read; put the config in the repository, or set allow-paths-outside-workspace: true if the file is meant to come from elsewhere`));
    }
    return { files, problems };
}
/** Whether `target` is `root` or below it (both resolved). */
function isInside(root, target) {
    const relative = external_node_path_default().relative(root, target);
    return relative === '' || (!relative.startsWith('..') && !external_node_path_default().isAbsolute(relative));
}
/**
 * Loads config files already read into memory (in the order given). Pure: use it for text that does not come from
 * disk, and in tests.
 */
function loadConfigSources(sources, extra = []) {
    const problems = [...extra];
    const parsedFiles = [];
    for (const source of sources) {
        const { parsed, problems: parseProblems } = parseSource(source.file, source.text);
        problems.push(...parseProblems);
        parsedFiles.push(parsed);
    }
    for (const parsed of parsedFiles) {
        if (!hasUnsupportedVersion(parsed) && !isForeign(parsed))
            problems.push(...schemaProblems(parsed));
    }
    problems.push(...validateFiles(parsedFiles));
    const config = normalizeFiles(parsedFiles);
    config.files = sources.map((s) => s.file);
    return { config, problems: sortProblems(problems, config.files) };
}
/**
 * Loads the config files that `pattern` names: a path, a directory or a glob, or several separated by commas or
 * newlines, relative to `opts.cwd`. Never throws for anything wrong in or with the files: that comes back as problems
 * (all of them, from all files).
 */
async function loadConfig(pattern, opts) {
    const found = await findConfigFiles(pattern, opts.cwd);
    const { files, problems } = opts.allowOutside ? found : await insideWorkspace(found, opts.cwd);
    const sources = [];
    const extra = [...problems];
    if (files.length > MAX_CONFIG_FILES) {
        extra.push(inputProblem(`the config input matches ${files.length} files, over the limit of ${MAX_CONFIG_FILES}; narrow the pattern to the config files (e.g. .github/identities/*.yml)`));
        return { config: { files: [], workspaces: [] }, problems: extra };
    }
    let total = 0;
    for (const file of files) {
        const absolute = external_node_path_default().resolve(opts.cwd, file);
        try {
            const info = await (0,promises_.stat)(absolute);
            if (info.size > MAX_CONFIG_FILE_BYTES) {
                extra.push(tooLarge(file, info.size));
                continue;
            }
            total += info.size;
            if (total > MAX_CONFIG_TOTAL_BYTES) {
                extra.push(inputProblem(`the config files add up to more than ${MAX_CONFIG_TOTAL_BYTES / 1024 / 1024} MiB (at ${file}); a config is a few kilobytes per workspace: narrow the config input to the config files`));
                return { config: { files: [], workspaces: [] }, problems: extra };
            }
            sources.push({ file, text: await (0,promises_.readFile)(absolute, 'utf8') });
        }
        catch (error) {
            const reason = error.code ?? (error instanceof Error ? error.message : String(error));
            extra.push({
                file,
                line: 1,
                column: 1,
                key: '',
                message: `the file could not be read (${reason}); check that it exists and is readable`,
                severity: 'error'
            });
        }
    }
    const result = loadConfigSources(sources, extra);
    result.problems = sortProblems(result.problems, files);
    return result;
}

;// CONCATENATED MODULE: ./src/config/index.ts










;// CONCATENATED MODULE: ./src/errors.ts
// Errors the action raises on purpose: their message is written for the person reading the job log,
// names what is wrong and how to fix it, and never contains a secret.
class ActionError extends Error {
    fix;
    name = 'ActionError';
    constructor(message, 
    /** What the reader should do; appended on its own line. */
    fix) {
        super(message);
        this.fix = fix;
    }
    describe() {
        return this.fix ? `${this.message}\nFix: ${this.fix}` : this.message;
    }
}
class InputError extends ActionError {
    name = 'InputError';
}
/** A readable one-line description of anything thrown. */
function describeError(error) {
    if (error instanceof ActionError)
        return error.describe();
    if (error instanceof Error)
        return error.message;
    return String(error);
}

;// CONCATENATED MODULE: ./src/report/annotations.ts

/**
 * Annotations written per severity: GitHub shows 10 per step on the diff and the summary lists every problem, so a
 * config with thousands of problems must not write thousands of log commands.
 */
const MAX_ANNOTATIONS = 100;
/** One annotation per problem (up to MAX_ANNOTATIONS of each severity), at its file:line:column, so it shows on the diff. */
function annotate(problems, annotator) {
    const written = { error: 0, warning: 0 };
    for (const p of problems) {
        if (written[p.severity]++ >= MAX_ANNOTATIONS)
            continue;
        const title = p.key || 'config';
        // Problems with an input (no file) are annotations of the step, not of a file.
        const props = p.file
            ? { title, file: p.file, startLine: p.line, startColumn: p.column }
            : { title };
        const message = redact(p.message);
        if (p.severity === 'error')
            annotator.error(message, props);
        else
            annotator.warning(message, props);
    }
    for (const severity of ['error', 'warning']) {
        const more = written[severity] - MAX_ANNOTATIONS;
        if (more > 0)
            annotator[severity](`… and ${more} more ${severity}(s); the job summary lists them.`, { title: 'config' });
    }
}

;// CONCATENATED MODULE: ./src/auth/azure-workspace-headers.ts

const SP_MANAGEMENT_TOKEN_HEADER = 'X-Databricks-Azure-SP-Management-Token';
const WORKSPACE_RESOURCE_ID_HEADER = 'X-Databricks-Azure-Workspace-Resource-Id';
/**
 * The Azure service management resource of each cloud, picked from the workspace host's DNS zone as the Databricks SDKs
 * pick their Azure environment (databricks-sdk-go common/environment/environments.go and azure.go). Any other host (the
 * local emulators, a private domain) is taken to be in the public cloud.
 */
const MANAGEMENT_RESOURCES = [
    ['.databricks.azure.us', 'https://management.core.usgovcloudapi.net/'],
    ['.databricks.azure.cn', 'https://management.core.chinacloudapi.cn/'],
    ['.azuredatabricks.net', 'https://management.core.windows.net/']
];
const PUBLIC_MANAGEMENT_RESOURCE = 'https://management.core.windows.net/';
function managementResource(host) {
    const hostname = new URL(host).hostname.toLowerCase();
    return MANAGEMENT_RESOURCES.find(([zone]) => hostname.endsWith(zone))?.[1] ?? PUBLIC_MANAGEMENT_RESOURCE;
}
/**
 * The token scope of that resource. Its trailing slash stays, hence `//.default`: Azure Resource Manager expects the
 * slash in the token's audience, and Entra takes everything before the last slash as the resource (Microsoft identity
 * platform docs, "Scopes for a web API accepting v1.0 tokens").
 */
function managementScope(host) {
    return `${managementResource(host)}/.default`;
}
/**
 * The headers for a workspace with `azure-resource-id` and auth: entra; undefined otherwise (a PAT is not the service
 * principal's own token, so Databricks would have nobody to add).
 */
function azureWorkspaceHeaders(workspace, credential) {
    const resourceId = workspace.azureResourceId;
    if (!resourceId || workspace.auth !== 'entra' || !credential)
        return undefined;
    const scope = managementScope(workspace.host);
    return async () => {
        const token = await credential.getToken(scope);
        if (!token) {
            throw new ActionError(`Entra ID returned no Azure Resource Manager token (workspace ${workspace.name}).`);
        }
        return { [WORKSPACE_RESOURCE_ID_HEADER]: resourceId, [SP_MANAGEMENT_TOKEN_HEADER]: token.token };
    };
}

// EXTERNAL MODULE: ./node_modules/@azure/identity/dist/esm/index.js + 182 modules
var esm = __webpack_require__(5563);
;// CONCATENATED MODULE: ./src/auth/claims.ts
// Reads the public claims of a JWT for error messages. Never logs or returns the token itself.
function publicClaims(jwt) {
    const payload = jwt.split('.')[1];
    if (!payload)
        return {};
    try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        const text = (v) => typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(',') : undefined;
        return {
            iss: text(claims.iss),
            sub: text(claims.sub),
            aud: text(claims.aud),
            ...(typeof claims.exp === 'number' ? { exp: claims.exp } : {})
        };
    }
    catch {
        return {};
    }
}

;// CONCATENATED MODULE: ./src/auth/github-oidc.ts
// The GitHub OIDC token of the job, asked for the way @actions/core's getIDToken does (GET
// ACTIONS_ID_TOKEN_REQUEST_URL&audience=…, the runner's request token as bearer, the JWT in `value`), but through the
// request guard: @actions/http-client follows redirects and its bearer handler puts the request token back on every
// hop, whatever the host; here a redirect is refused, the request has a timeout and retries, and the run's
// cancellation ends it.

const GITHUB_OIDC = {
    name: "GitHub's OIDC token service",
    redirectFix: 'ACTIONS_ID_TOKEN_REQUEST_URL is set by the runner: check that no step of the workflow overrides it and that no ' +
        'proxy between the runner and GitHub rewrites its answers.'
};
/** The job has no OIDC token (no `id-token: write`, a fork's pull request, a refused request token). */
function noOidcToken(detail = '') {
    return new ActionError(`GitHub did not give this job an OIDC token, so it cannot sign in to Entra ID without a secret.${detail}`, 'Add `permissions: id-token: write` to the workflow or job. Pull requests from forks never get OIDC tokens: run validate without tenant-id/client-id there, or use client-secret.');
}
/**
 * Fetches OIDC tokens with the runner's variables in `env`; every token is masked before it is returned. A request
 * that got no answer fails with the network's error (the credential explains it, TLS trust included).
 */
function githubOidcToken(env, guard, mask) {
    return async (audience) => {
        const base = env.ACTIONS_ID_TOKEN_REQUEST_URL;
        const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
        if (!base || !requestToken)
            throw noOidcToken();
        mask(requestToken);
        const url = audience ? `${base}&audience=${encodeURIComponent(audience)}` : base;
        const answer = await guard.fetchText(GITHUB_OIDC, url, {
            Authorization: `Bearer ${requestToken}`,
            Accept: 'application/json'
        });
        const detail = errorDetail(answer.text.replaceAll(requestToken, '***'));
        if (answer.status === 401 || answer.status === 403) {
            throw noOidcToken(` The token service refused the job's request token (${answer.status}: ${detail}).`);
        }
        if (answer.status < 200 || answer.status >= 300) {
            throw new ActionError(`Could not get an OIDC token from GitHub: the token service answered ${answer.status}: ${detail}`);
        }
        let value;
        try {
            value = JSON.parse(answer.text)?.value;
        }
        catch {
            value = undefined;
        }
        if (typeof value !== 'string' || value === '') {
            throw new ActionError('Could not get an OIDC token from GitHub: its answer had no token (no `value`).');
        }
        mask(value);
        return value;
    };
}
/** GitHub's error answers are `{ message }`; anything else is cut short. */
function errorDetail(text) {
    try {
        const message = JSON.parse(text)?.message;
        if (typeof message === 'string' && message !== '')
            return message;
    }
    catch {
        // not JSON
    }
    const plain = text.replace(/\s+/g, ' ').trim();
    return plain === '' ? 'no detail' : plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/util/retry.ts
// Retry timing for HTTP clients, pure: Retry-After parsing, exponential backoff with full jitter, and a wait
// budget shared by every request of one client. The clock and the random source are injectable for tests.
const DEFAULT_RETRY_POLICY = Object.freeze({
    maxAttempts: 6,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    // A first sync of thousands of identities can spend minutes in Retry-After waits; a scheduled job has hours.
    budgetMs: 600_000,
    maxThrottledAttempts: 20
});
/** HTTP statuses worth another attempt: throttled (429) or a transient server or gateway failure. */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** The default policy with `overrides` applied; rejects values that are not finite and non-negative. */
function retryPolicy(overrides = {}) {
    const policy = { ...DEFAULT_RETRY_POLICY };
    for (const [key, value] of Object.entries(overrides)) {
        if (value === undefined)
            continue;
        if (!Number.isFinite(value) || value < 0)
            throw new RangeError(`retry policy: ${key} must be a number >= 0`);
        policy[key] = value;
    }
    policy.maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
    policy.maxThrottledAttempts = Math.max(1, Math.floor(policy.maxThrottledAttempts));
    return policy;
}
/**
 * Milliseconds a Retry-After header asks to wait: delay-seconds (`120`; decimals accepted) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`, 0 when already past). Undefined when absent or unreadable.
 */
function retryAfterMs(header, now = Date.now()) {
    if (header === null || header === undefined)
        return undefined;
    const value = header.trim();
    if (value === '')
        return undefined;
    if (/^\d+(\.\d+)?$/.test(value))
        return Math.round(Number(value) * 1000);
    // Only something that looks like a date (letters and a time): Date.parse reads a bare "-5" or "12" as a year.
    if (!/[a-z]/i.test(value) || !/\d{1,2}:\d{2}/.test(value))
        return undefined;
    const at = Date.parse(value);
    if (Number.isNaN(at))
        return undefined;
    return Math.max(0, at - now);
}
/** Backoff before retry number `retry` (1-based): full jitter, uniform in [0, min(max, base * 2^(retry-1))). */
function backoffMs(retry, policy, random = Math.random) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
    return Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
}
/**
 * The waiting time a client has used, as the union of its wait intervals: concurrent requests waiting on the
 * same throttled service use the budget once, not once per request.
 */
class RetryBudget {
    budgetMs;
    now;
    used = 0;
    coveredUntil = -Infinity;
    constructor(budgetMs, now = Date.now) {
        this.budgetMs = budgetMs;
        this.now = now;
    }
    /** Milliseconds of the budget used so far. */
    get usedMs() {
        return this.used;
    }
    /** What a wait of `delayMs` starting now would add to the used time. */
    cost(delayMs) {
        const start = this.now();
        return Math.max(0, start + delayMs - Math.max(start, this.coveredUntil));
    }
    /** Records a wait of `delayMs` starting now, unless it would go over the budget (then returns false). */
    reserve(delayMs) {
        const cost = this.cost(delayMs);
        if (this.used + cost > this.budgetMs)
            return false;
        this.used += cost;
        this.coveredUntil = Math.max(this.coveredUntil, this.now() + delayMs);
        return true;
    }
    /**
     * Records time already lost, from `since` until now: an attempt that got no answer before its timeout. It is
     * counted even past the budget (it was spent), so a service that stalls uses the budget up like one that throttles.
     */
    spend(since) {
        const now = this.now();
        this.used += Math.max(0, now - Math.max(since, this.coveredUntil));
        this.coveredUntil = Math.max(this.coveredUntil, now);
    }
    /** The budget is used up: the client sends nothing more (each request fails at once, saying so). */
    get spent() {
        return this.used > 0 && this.used >= this.budgetMs;
    }
}
/**
 * Whether and when to retry after an attempt that failed with `kind`: the Retry-After value when the service
 * sent one (honoured exactly), else exponential backoff with full jitter. Reserves the wait in `budget`.
 */
function decideRetry(kind, counts, retryAfter, policy, budget, random = Math.random) {
    const retries = counts.throttled + counts.failed;
    const delayMs = retryAfter ?? backoffMs(retries, policy, random);
    const limit = kind === 'throttled' ? policy.maxThrottledAttempts : policy.maxAttempts;
    const used = kind === 'throttled' ? counts.throttled : counts.failed;
    if (used >= limit)
        return { retry: false, reason: 'attempts', delayMs };
    if (!budget.reserve(delayMs))
        return { retry: false, reason: 'budget', delayMs };
    return { retry: true, delayMs };
}

;// CONCATENATED MODULE: ./src/auth/request-guard.ts




/** A request the guard ended: its message names the service and what happened, never a token. */
class GuardedRequestError extends ActionError {
    kind;
    status;
    name = 'GuardedRequestError';
    constructor(kind, message, fix, 
    /** The HTTP status (a redirect's), or 0. */
    status = 0) {
        super(message, fix);
        this.kind = kind;
        this.status = status;
    }
}
const TIMED_OUT = Symbol('timed out');
const CANCELLED = Symbol('cancelled');
class RequestGuard {
    timeoutMs;
    budget;
    signal;
    policy;
    /** The last failure per service, for callers whose SDK wraps the error and loses it (MSAL). */
    failures = new Map();
    seq = 0;
    constructor(options = {}) {
        this.timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
        this.signal = options.signal;
        this.policy = retryPolicy(options.retry);
        this.budget = new RetryBudget(this.policy.budgetMs);
    }
    /** A mark to pass to `failureSince` (a counter of the failures the guard raised). */
    mark() {
        return this.seq;
    }
    /** The last failure the guard raised for `service` after `mark`, if any. */
    failureSince(mark, service) {
        const last = this.failures.get(service.name);
        return last && last.seq > mark ? last.error : undefined;
    }
    /**
     * The Azure SDK policy for a client of `service`: add it `perRetry` (next to the wire, inside the SDK's
     * authentication) with `retryOptions: { maxRetries: 0 }` and `redirectOptions: { maxRetries: 0 }`, as
     * `sdkOptions` does.
     */
    pipelinePolicy(service) {
        return {
            name: 'entraSyncRequestGuard',
            sendRequest: async (request, next) => {
                const given = request.abortSignal;
                try {
                    return await this.send(service, request.method, request.url, async (signal) => {
                        request.abortSignal = given ? either(signal, given) : signal;
                        return next(request);
                    }, (response) => ({
                        status: response.status,
                        header: (name) => response.headers.get(name)
                    }));
                }
                finally {
                    request.abortSignal = given;
                }
            }
        };
    }
    /** Options that make an Azure SDK client's requests go through the guard alone. */
    sdkOptions(service) {
        return {
            retryOptions: { maxRetries: 0 },
            redirectOptions: { maxRetries: 0 },
            additionalPolicies: [{ policy: this.pipelinePolicy(service), position: 'perRetry' }]
        };
    }
    /** A GET through fetch, redirects refused, with the guard's timeout, retries and cancellation; body read. */
    async fetchText(service, url, headers) {
        return this.send(service, 'GET', url, async (signal) => {
            const response = await fetch(url, { headers, redirect: 'manual', signal });
            // Read under the same timer: a body that stalls times out like an answer that never comes.
            return { response, text: await response.text() };
        }, ({ response }) => ({
            status: response.status,
            header: (name) => response.headers.get(name) ?? undefined
        })).then(({ response, text }) => ({ status: response.status, text }));
    }
    /**
     * One request, attempted until it is answered with something other than 429/5xx, or its attempts or the budget
     * run out. A 3xx fails it (GuardedRequestError 'redirect'): nothing is sent where it points.
     */
    async send(service, method, url, attempt, view) {
        const counts = { throttled: 0, failed: 0 };
        for (let n = 1;; n++) {
            if (this.signal?.aborted)
                throw this.fail(service, 'cancelled', `The run was cancelled before ${service.name} answered.`);
            if (this.budget.spent) {
                throw this.fail(service, 'budget', `${service.name}: ${method} ${pathOf(url)} was not sent: ${this.spentText()}.`, 'The sign-in services throttled, failed or did not answer for too long; run the workflow again later.');
            }
            const started = Date.now();
            const controller = new AbortController();
            const timer = setTimeout(() => controller.abort(TIMED_OUT), this.timeoutMs);
            const cancel = () => controller.abort(CANCELLED);
            this.signal?.addEventListener('abort', cancel, { once: true });
            let answer;
            try {
                answer = await attempt(controller.signal);
            }
            catch (error) {
                if (controller.signal.reason === CANCELLED || this.signal?.aborted) {
                    throw this.fail(service, 'cancelled', `The run was cancelled while waiting for ${service.name} to answer.`);
                }
                const timedOut = controller.signal.reason === TIMED_OUT;
                if (timedOut)
                    this.budget.spend(started);
                else if (networkFailure(error).permanent || !isNetworkError(error))
                    throw error;
                counts.failed++;
                const decision = decideRetry('failed', counts, undefined, this.policy, this.budget);
                if (!decision.retry) {
                    if (!timedOut)
                        throw error;
                    throw this.fail(service, 'timeout', `${service.name} did not answer ${method} ${pathOf(url)} within ${seconds(this.timeoutMs)}` +
                        ` (${n} attempt${n > 1 ? 's' : ''}${decision.reason === 'budget' ? `; ${this.spentText()}` : ''}).`, `${service.name} was slow or unreachable from the runner; run the workflow again later.`);
                }
                await this.wait(service, decision.delayMs);
                continue;
            }
            finally {
                clearTimeout(timer);
                this.signal?.removeEventListener('abort', cancel);
            }
            const seen = view(answer);
            if (seen.status >= 300 && seen.status < 400) {
                throw this.fail(service, 'redirect', `${service.name} answered ${method} ${pathOf(url)} with ${seen.status}, redirecting to ` +
                    `${redirectTarget(seen.header('location'), url)}. The action follows no redirect: it sent nothing ` +
                    'there (no request, no token, no credential).', service.redirectFix, seen.status);
            }
            if (!RETRYABLE_STATUS.has(seen.status))
                return answer;
            const throttled = seen.status === 429;
            if (throttled)
                counts.throttled++;
            else
                counts.failed++;
            const retryAfter = retryAfterMs(seen.header('retry-after'));
            const decision = decideRetry(throttled ? 'throttled' : 'failed', counts, retryAfter, this.policy, this.budget);
            if (!decision.retry) {
                if (decision.reason === 'attempts')
                    return answer;
                throw this.fail(service, 'budget', `${service.name} answered ${method} ${pathOf(url)} with ${seen.status}` +
                    `${retryAfter !== undefined ? ` asking to wait ${seconds(retryAfter)}` : ''}, and waiting would go over the ` +
                    `retry budget (${this.spentText()}).`, `${service.name} throttled or failed for too long; run the workflow again later.`);
            }
            await this.wait(service, decision.delayMs);
        }
    }
    async wait(service, ms) {
        if (ms <= 0)
            return;
        try {
            await (0,external_node_timers_promises_.setTimeout)(ms, undefined, this.signal ? { signal: this.signal } : {});
        }
        catch {
            // The sleep ends early only when the run is cancelled.
        }
        if (this.signal?.aborted) {
            throw this.fail(service, 'cancelled', `The run was cancelled while waiting to ask ${service.name} again.`);
        }
    }
    spentText() {
        return `${seconds(this.budget.usedMs)} of the ${seconds(this.budget.budgetMs)} retry budget spent waiting`;
    }
    fail(service, kind, message, fix, status = 0) {
        const error = new GuardedRequestError(kind, message, fix, status);
        this.failures.set(service.name, { seq: ++this.seq, error });
        return error;
    }
}
/** A signal aborted when either is (the SDK's own signal may be an AbortSignalLike). */
function either(signal, given) {
    if (given instanceof AbortSignal)
        return AbortSignal.any([signal, given]);
    const both = new AbortController();
    signal.addEventListener('abort', () => both.abort(signal.reason), { once: true });
    given.addEventListener('abort', () => both.abort(), { once: true });
    if (given.aborted)
        both.abort();
    return both.signal;
}
/** The path of a URL, for a message (never its query: an OIDC request URL carries parameters). */
function pathOf(url) {
    try {
        return new URL(url).pathname;
    }
    catch {
        return url;
    }
}
/** A failure to connect or a dropped connection (the SDK's RestError or fetch's TypeError with a cause). */
function isNetworkError(error) {
    if (!(error instanceof Error))
        return false;
    if (error.name === 'RestError')
        return error.statusCode === undefined;
    return error.name === 'TypeError' && error.cause !== undefined;
}

;// CONCATENATED MODULE: ./src/auth/token-cache.ts
/** A cached token is renewed when it has less than this left (the SDKs' own refresh margin). */
const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;
class SharedTokenCredential {
    inner;
    now;
    tokens = new Map();
    pending = new Map();
    constructor(inner, now = Date.now) {
        this.inner = inner;
        this.now = now;
    }
    async getToken(scopes, options) {
        // Claims challenges and tenant overrides are rare, one-off requests: never shared.
        if (options?.claims || options?.tenantId)
            return this.inner.getToken(scopes, options);
        const key = `${[scopes].flat().sort().join(' ')}${options?.enableCae ? ' cae' : ''}`;
        const cached = this.tokens.get(key);
        if (cached && this.fresh(cached))
            return cached;
        const running = this.pending.get(key);
        if (running)
            return running;
        const request = this.inner.getToken(scopes, options).then((token) => {
            if (token)
                this.tokens.set(key, token);
            return token;
        }, (error) => {
            // A failure is not remembered: the next caller tries again.
            this.tokens.delete(key);
            throw error;
        });
        this.pending.set(key, request);
        try {
            return await request;
        }
        finally {
            if (this.pending.get(key) === request)
                this.pending.delete(key);
        }
    }
    fresh(token) {
        const now = this.now();
        if (token.refreshAfterTimestamp !== undefined && now >= token.refreshAfterTimestamp)
            return false;
        return token.expiresOnTimestamp - now > TOKEN_REFRESH_MARGIN_MS;
    }
}
/** One call in flight at a time: callers that arrive meanwhile share its result. */
function singleFlight(load) {
    let running;
    return () => {
        running ??= load().finally(() => {
            running = undefined;
        });
        return running;
    };
}

;// CONCATENATED MODULE: ./src/auth/credential.ts
// Entra ID sign-in: GitHub OIDC federated credential (preferred) or a client secret (fallback).







/** An assertion is reused only while it has more than this left before it expires. */
const ASSERTION_REUSE_MARGIN_MS = 2 * 60 * 1000;
const PUBLIC_AUTHORITIES = new Set([
    'login.microsoftonline.com',
    'login.microsoftonline.us',
    'login.chinacloudapi.cn',
    'login.partner.microsoftonline.cn'
]);
/** Entra ID at the authority host, as the request guard names it. */
function entraService(authorityHost) {
    return {
        name: `Entra ID (${new URL(authorityHost).origin})`,
        redirectFix: "Check the authority-host input (https://login.microsoftonline.com, or your national cloud's) and that no " +
            'proxy between the runner and Entra ID rewrites its answers.'
    };
}
/**
 * The credential every Entra token request goes through. With OIDC, a token request presents a GitHub
 * assertion with minutes of validity left, fetching a fresh one when needed, so runs longer than an
 * assertion's lifetime never fail with AADSTS700024. Its requests (metadata and tokens) go through `guard`: no
 * redirect followed, a timeout per attempt, retries within the guard's budget, the run's cancellation.
 */
function createCredential(settings, oidcToken, mask, guard = new RequestGuard()) {
    const host = new URL(settings.authorityHost).hostname;
    const entra = entraService(settings.authorityHost);
    const options = {
        authorityHost: settings.authorityHost,
        // Instance discovery only knows Microsoft's clouds; a private authority (or the emulator) must skip it.
        disableInstanceDiscovery: !PUBLIC_AUTHORITIES.has(host),
        ...guard.sdkOptions(entra)
    };
    const explain = (inner, claims) => new SharedTokenCredential(new ExplainingCredential(inner, settings, claims, mask, { guard, service: entra }));
    if (settings.clientSecret) {
        mask(settings.clientSecret);
        return explain(new esm/* ClientSecretCredential */.HC(settings.tenantId, settings.clientId, settings.clientSecret, options), () => undefined);
    }
    let lastClaims;
    let current;
    const fetchAssertion = singleFlight(async () => {
        let token;
        try {
            token = await oidcToken(settings.audience);
        }
        catch (error) {
            throw oidcUnavailable(error);
        }
        mask(token);
        lastClaims = publicClaims(token);
        current = { token, expiresAt: (lastClaims.exp ?? 0) * 1000 };
        return token;
    });
    const getAssertion = async () => {
        // MSAL asks for an assertion on every getToken, even when it answers from its cache: reuse one while
        // it stays valid for a while, and ask GitHub for a fresh one before it could expire mid-request.
        if (current && current.expiresAt - Date.now() > ASSERTION_REUSE_MARGIN_MS)
            return current.token;
        return fetchAssertion();
    };
    return explain(new esm/* ClientAssertionCredential */.XI(settings.tenantId, settings.clientId, getAssertion, options), () => lastClaims);
}
/** Wraps a credential so its failures read as what to fix, with the token's public claims where they matter. */
class ExplainingCredential {
    inner;
    settings;
    claims;
    mask;
    requests;
    constructor(inner, settings, claims, mask, requests) {
        this.inner = inner;
        this.settings = settings;
        this.claims = claims;
        this.mask = mask;
        this.requests = requests;
    }
    async getToken(scopes, options) {
        let token;
        const mark = this.requests.guard.mark();
        try {
            token = await this.inner.getToken(scopes, options);
        }
        catch (error) {
            // MSAL wraps a failure of its network client in an error of its own: the guard kept what happened.
            const guarded = this.requests.guard.failureSince(mark, this.requests.service);
            throw explainSignInError(guarded ?? error, this.settings, this.claims(), scopes);
        }
        if (!token)
            throw new ActionError(`Entra ID returned no token for ${String(scopes)}.`);
        this.mask(token.token);
        return token;
    }
}
function oidcUnavailable(error) {
    if (error instanceof ActionError)
        return error;
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes('ACTIONS_ID_TOKEN_REQUEST_URL') || message.includes('ACTIONS_ID_TOKEN_REQUEST_TOKEN')) {
        return noOidcToken();
    }
    // @actions/core puts the cause after "Error Message:" on a later line; fetch puts it in `cause`.
    const inner = error.cause;
    const cause = /Error Message:\s*(.+)/.exec(message)?.[1]?.trim() ??
        (inner instanceof Error ? inner.message : undefined) ??
        firstLine(message);
    const tls = untrustedCertificateFix(error);
    if (tls) {
        return new ActionError(`Could not get an OIDC token from GitHub: the TLS certificate of the token service is not trusted (${cause}).`, tls);
    }
    return new ActionError(`Could not get an OIDC token from GitHub: ${cause}`);
}
function explainSignInError(error, settings, claims, scopes) {
    if (error instanceof ActionError)
        return error;
    const message = error instanceof Error ? error.message : String(error);
    const inner = error instanceof Error && error.cause instanceof ActionError ? error.cause : undefined;
    if (inner)
        return inner;
    if (message.includes('id-token: write')) {
        return new ActionError('GitHub did not give this job an OIDC token, so it cannot sign in to Entra ID without a secret.', 'Add `permissions: id-token: write` to the workflow or job.');
    }
    const code = /AADSTS(\d+)/.exec(message)?.[1];
    const app = `app ${settings.clientId} in tenant ${settings.tenantId}`;
    const seen = claims
        ? ` The GitHub token presented: issuer "${claims.iss ?? '?'}", subject "${claims.sub ?? '?'}", audience "${claims.aud ?? '?'}".`
        : '';
    switch (code) {
        case '70021':
            return new ActionError(`Entra ID found no federated credential on ${app} that matches this workflow (AADSTS70021).${seen}`, `In the Entra admin center, open the app registration > Certificates & secrets > Federated credentials and add one with issuer "${claims?.iss ?? 'https://token.actions.githubusercontent.com'}", subject "${claims?.sub ?? 'repo:<owner>/<repo>:ref:refs/heads/<branch>'}" and audience "${settings.audience}".`);
        case '700024':
            return new ActionError(`Entra ID rejected the GitHub OIDC token as outside its valid time range (AADSTS700024).${seen}`, 'Check the runner clock; the action asks GitHub for a fresh token on every sign-in.');
        case '700016':
            return new ActionError(`Entra ID has no application ${settings.clientId} in tenant ${settings.tenantId} (AADSTS700016).`, 'Check client-id and tenant-id: the app registration (or managed identity) must live in that tenant.');
        case '7000215':
        case '7000222':
            return new ActionError(`Entra ID rejected the client secret of ${app} (AADSTS${code}).`, 'The secret is wrong or expired. Prefer a federated credential (no secret); otherwise create a new secret and update the repository secret.');
        case '90002':
            return new ActionError(`Entra ID has no tenant ${settings.tenantId} at ${settings.authorityHost} (AADSTS90002).`, 'Check tenant-id, and authority-host for sovereign clouds.');
        case '500011':
            return new ActionError(`Entra ID does not know the resource asked for (${String(scopes)}) in tenant ${settings.tenantId} (AADSTS500011).`, 'For Azure Databricks, the tenant needs the AzureDatabricks first-party app; check authority-host and graph-endpoint for your cloud.');
    }
    if (code) {
        return new ActionError(`Sign-in to Entra ID as ${app} failed: ${firstLine(stripTrace(message))}`);
    }
    const tls = untrustedCertificateFix(error);
    return new ActionError(`Sign-in to Entra ID as ${app} at ${settings.authorityHost} failed: ${firstLine(message)}`, tls ??
        'Check authority-host, and that the runner can reach it (behind a TLS-inspecting proxy, give Node its CA certificate with NODE_EXTRA_CA_CERTS).');
}
function stripTrace(message) {
    return message.replace(/\s*Trace ID:.*$/s, '');
}
function firstLine(message) {
    return (message.split('\n').find((l) => l.trim()) ?? message).trim();
}

;// CONCATENATED MODULE: ./src/auth/databricks-token.ts

/** The AzureDatabricks first-party application, the same id in every cloud. */
const DATABRICKS_RESOURCE = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d';
const DATABRICKS_SCOPE = `${DATABRICKS_RESOURCE}/.default`;
function databricksToken(workspace, credential, secrets) {
    if (workspace.auth === 'pat') {
        const secretId = workspace.tokenSecret;
        if (!secretId || !secrets) {
            throw new ActionError(`Workspace ${workspace.name} uses auth: pat, which needs token-secret and an Entra sign-in to read Key Vault.`, 'Set token-secret in the config and the tenant-id/client-id inputs.');
        }
        return async () => (await secrets.read(secretId)).value;
    }
    if (!credential) {
        throw new ActionError(`Workspace ${workspace.name} uses auth: entra, which needs an Entra sign-in.`, 'Set the tenant-id and client-id inputs (and `permissions: id-token: write`).');
    }
    return async () => {
        const token = await credential.getToken(DATABRICKS_SCOPE);
        if (!token)
            throw new ActionError(`Entra ID returned no token for Azure Databricks (workspace ${workspace.name}).`);
        return token.token;
    };
}

// EXTERNAL MODULE: ./node_modules/@azure/keyvault-secrets/dist/esm/index.js + 47 modules
var dist_esm = __webpack_require__(9336);
;// CONCATENATED MODULE: ./src/auth/keyvault.ts




class KeyVaultSecretReader {
    credential;
    mask;
    identity;
    guard;
    clients = new Map();
    cache = new Map();
    constructor(credential, mask, identity, 
    /** Every request to a vault goes through it: no redirect, a timeout, retries in its budget, cancellation. */
    guard = new RequestGuard()) {
        this.credential = credential;
        this.mask = mask;
        this.identity = identity;
        this.guard = guard;
    }
    read(secretId) {
        let pending = this.cache.get(secretId);
        if (!pending) {
            pending = this.fetch(secretId);
            // A failed read may succeed on a later attempt; only successes are kept.
            pending.catch(() => this.cache.delete(secretId));
            this.cache.set(secretId, pending);
        }
        return pending;
    }
    async fetch(secretId) {
        const { vaultUrl, name, version } = parseSecretId(secretId);
        let client = this.clients.get(vaultUrl);
        if (!client) {
            client = new dist_esm/* SecretClient */._V(vaultUrl, this.credential, {
                // The emulator's challenge names Key Vault's real resource, not the loopback host.
                disableChallengeResourceVerification: isLoopbackHost(new URL(vaultUrl).hostname),
                ...this.guard.sdkOptions(vaultService(vaultUrl))
            });
            this.clients.set(vaultUrl, client);
        }
        let secret;
        try {
            secret = await client.getSecret(name, version ? { version } : {});
        }
        catch (error) {
            throw explainKeyVaultError(error, secretId, this.identity);
        }
        if (!secret.value) {
            throw new ActionError(`Key Vault secret ${secretId} has no value.`, 'Store the Databricks token as the secret value.');
        }
        this.mask(secret.value);
        return { value: secret.value, version: secret.properties.version ?? '' };
    }
}
/** A vault, as the request guard names it. */
function vaultService(vaultUrl) {
    return {
        name: `Key Vault ${new URL(vaultUrl).host}`,
        redirectFix: "Check token-secret in the config: it must be the vault's own address " +
            '(https://<vault>.vault.azure.net/secrets/<name>), and no proxy between the runner and Key Vault may rewrite ' +
            'its answers.'
    };
}
/** parseKeyVaultSecretIdentifier accepts any collection; a key or certificate id must be refused here. */
function parseSecretId(secretId) {
    let url;
    try {
        url = new URL(secretId);
    }
    catch {
        throw new ActionError(`"${secretId}" is not a Key Vault secret id.`, 'Use https://<vault>.vault.azure.net/secrets/<name>.');
    }
    const collection = url.pathname.split('/')[1];
    if (url.protocol !== 'https:' || collection !== 'secrets') {
        throw new ActionError(`"${secretId}" is not a Key Vault secret id${collection && collection !== 'secrets' ? ` (it names a ${collection.replace(/s$/, '')})` : ''}.`, 'Use https://<vault>.vault.azure.net/secrets/<name>, the secret that holds the Databricks token.');
    }
    const parsed = (0,dist_esm/* parseKeyVaultSecretIdentifier */.Cp)(secretId);
    return { vaultUrl: parsed.vaultUrl, name: parsed.name, ...(parsed.version ? { version: parsed.version } : {}) };
}
function explainKeyVaultError(error, secretId, identity) {
    if (error instanceof ActionError)
        return error;
    const status = error.statusCode;
    const code = error.code;
    const vault = new URL(secretId).host;
    if (status === 403) {
        return new ActionError(`Key Vault ${vault} refused to let ${identity} read secret ${secretId} (403 ${code ?? 'Forbidden'}).`, `Grant ${identity} the "Key Vault Secrets User" role on the vault (RBAC), or a "get" secret permission in its access policy.`);
    }
    if (status === 404) {
        return new ActionError(`Key Vault ${vault} has no secret ${secretId} (404 ${code ?? 'SecretNotFound'}).`, 'Check token-secret in the config: vault name, secret name and version.');
    }
    if (status === 401) {
        return new ActionError(`Key Vault ${vault} did not accept the Entra token of ${identity} (401).`);
    }
    const message = error instanceof Error ? error.message : String(error);
    const tls = untrustedCertificateFix(error);
    return new ActionError(`Reading Key Vault secret ${secretId} failed: ${message.split('\n')[0]}`, tls);
}

// EXTERNAL MODULE: ./src/isolate.ts
var isolate = __webpack_require__(5150);
// EXTERNAL MODULE: ./node_modules/@microsoft/microsoft-graph-client/lib/src/index.js
var src = __webpack_require__(1899);
;// CONCATENATED MODULE: ./src/sources/entra/graph-transport.ts
// How every Microsoft Graph request leaves: the Graph client's middleware chain with its RedirectHandler left out
// and a guard in its place. The SDK's default chain (msgraph-sdk-javascript docs/CreatingClientInstance.md,
// src/middleware/MiddlewareFactory.ts) follows up to 5 redirects with the Authorization header still set unless the
// Location is an absolute URL of another authority; `Location: https:host/…` has no "://", so the header went along.
// Graph has no reason to redirect a directory read, so the guard refuses every redirect (fetch's `redirect:
// 'manual'`: the 3xx comes back as an answer, nothing is sent to its Location), and bounds each request in time and
// by the run's cancellation.

/** How long one Graph request (answer and body) may take before it is abandoned and retried like a 5xx. */
const DEFAULT_GRAPH_TIMEOUT_MS = 60_000;
/** Environment variable that shortens the timeout (the end-to-end tests set it; a slow tenant may lengthen it). */
const GRAPH_TIMEOUT_ENV = 'ENTRA_SYNC_GRAPH_TIMEOUT_MS';
/** The timeout `env` asks for, else the default (a value that is not a positive number of ms is ignored). */
function graphTimeoutMs(env) {
    const value = Number(env[GRAPH_TIMEOUT_ENV]);
    return Number.isFinite(value) && value > 0 ? value : DEFAULT_GRAPH_TIMEOUT_MS;
}
/** A request abandoned because it took too long (the error fetch rejects with, as AbortSignal.timeout would). */
function timeoutError(timeoutMs) {
    return new DOMException(`no answer within ${graph_transport_seconds(timeoutMs)}`, 'TimeoutError');
}
const graph_transport_seconds = (ms) => `${Math.round(ms / 100) / 10} s`;
/** Statuses whose Response must have no body (the Fetch standard's null body statuses). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
/**
 * A 3xx answer, not followed. A GraphClientError, which the client passes through as it is (a GraphError it would
 * build from an answer without a JSON error body loses the headers, and with them the Location).
 */
class GraphRedirectRefused extends src/* GraphClientError */.qF {
    status;
    location;
    constructor(status, 
    /** The Location header, as the answer gave it. */
    location) {
        super(`Microsoft Graph answered ${status} (a redirect), which is not followed`);
        this.status = status;
        this.location = location;
        // GraphClientError's constructor sets its own prototype: this class's is put back, for instanceof.
        Object.setPrototypeOf(this, new.target.prototype);
        this.name = 'GraphRedirectRefused';
    }
}
/**
 * Refuses redirects and bounds a request: `redirect: 'manual'` makes fetch hand a 3xx back instead of following it,
 * and it is thrown as GraphRedirectRefused; the answer's body is read here, under the same timer, so a body that
 * stalls times out like an answer that never comes.
 */
class GraphRequestGuard {
    options;
    next;
    timeoutMs;
    constructor(options = {}) {
        this.options = options;
        this.timeoutMs = options.timeoutMs ?? DEFAULT_GRAPH_TIMEOUT_MS;
    }
    setNext(next) {
        this.next = next;
    }
    async execute(context) {
        if (!this.next)
            throw new Error('GraphRequestGuard: no next middleware');
        const { signal } = this.options;
        signal?.throwIfAborted();
        const abort = new AbortController();
        // A timer cleared with the answer (not AbortSignal.timeout, whose signal lives until it fires).
        const timer = setTimeout(() => abort.abort(timeoutError(this.timeoutMs)), this.timeoutMs);
        const cancel = () => abort.abort(signal?.reason);
        signal?.addEventListener('abort', cancel, { once: true });
        const given = context.options?.signal;
        context.options = {
            ...context.options,
            redirect: 'manual',
            signal: given ? AbortSignal.any([given, abort.signal]) : abort.signal
        };
        try {
            await this.next.execute(context);
            const response = context.response;
            if (response && response.status >= 300 && response.status < 400) {
                void response.body?.cancel().catch(() => undefined);
                throw new GraphRedirectRefused(response.status, response.headers.get('location') ?? undefined);
            }
            if (response) {
                const body = NULL_BODY_STATUS.has(response.status) ? null : await response.arrayBuffer();
                context.response = new Response(body, {
                    status: response.status,
                    statusText: response.statusText,
                    headers: response.headers
                });
            }
        }
        finally {
            clearTimeout(timer);
            signal?.removeEventListener('abort', cancel);
        }
    }
}
/**
 * The SDK's default chain (authentication, retries, telemetry, the request itself) with the guard where the
 * RedirectHandler was. The retry handler stays for the callers that use it (provision-app); sync's reads switch it
 * off and retry themselves (graph-batch.ts).
 */
function graphMiddleware(auth, options = {}) {
    return [
        new src/* AuthenticationHandler */.zA(auth),
        new src/* RetryHandler */.Z$(new src/* RetryHandlerOptions */.Rz()),
        new GraphRequestGuard(options),
        new src/* TelemetryHandler */.MD(),
        new src/* HTTPMessageHandler */.eg()
    ];
}

;// CONCATENATED MODULE: ./src/sources/entra/graph-batch.ts
// Graph GETs gathered into JSON batches: the reads a sync starts together (name lookups of every group, then the
// first member page of each) go out as one `$batch` request per 20, not one request each. Graph throttles and
// fails the steps of a batch one by one, so a step answered 429/503/504 is sent again after its Retry-After, in a
// later batch, within one retry budget for the whole run. A request that gets no answer in time is abandoned
// (graph-transport.ts) and retried the same way. When the run is cancelled, every read still waiting (queued, in
// flight, or waiting out a Retry-After) ends at once with a cancellation error: a read changes nothing.





/** Graph's limit of steps in one $batch. */
const BATCH_MAX_STEPS = 20;
/** $batch requests in flight at once. */
const BATCHES_IN_FLIGHT = 4;
/** Retries are made here, for a plain GET as for a batch step: the client's own retry handler is switched off. */
const NO_CLIENT_RETRY = [new src/* RetryHandlerOptions */.Rz(0, 0)];
/** The error of a read the run's cancellation ended. */
function graphReadCancelled() {
    return new ActionError('The run was cancelled while reading Microsoft Graph: the read was not finished, so nothing was changed from it.');
}
class GraphBatcher {
    client;
    queue = [];
    scheduled = false;
    inFlight = 0;
    /** After a 429, nothing is sent before this time: the whole app is throttled, not the one request. */
    holdUntil = 0;
    holdTimer;
    policy;
    budget;
    wait;
    random;
    signInFailed;
    signal;
    stats = { batches: 0, singles: 0, steps: 0, retriedSteps: 0, throttled: 0, waitedMs: 0 };
    constructor(client, options = {}) {
        this.client = client;
        this.policy = retryPolicy(options.policy);
        this.budget = new RetryBudget(this.policy.budgetMs);
        this.wait = options.sleep ?? ((ms, signal) => (0,external_node_timers_promises_.setTimeout)(ms, undefined, signal ? { signal } : {}));
        this.random = options.random ?? Math.random;
        this.signInFailed = options.signInFailed ?? (() => false);
        this.signal = options.signal;
        // Queued reads (and those held back after a 429) end now; those in flight end as their request is aborted.
        this.signal?.addEventListener('abort', () => this.pump(), { once: true });
    }
    get(url) {
        if (this.signal?.aborted)
            return Promise.reject(graphReadCancelled());
        return new Promise((resolve, reject) => {
            this.enqueue({ url, resolve, reject, throttled: 0, failed: 0 });
        });
    }
    enqueue(step) {
        this.queue.push(step);
        if (this.scheduled)
            return;
        this.scheduled = true;
        // One turn of the event loop gathers the reads that callers start together.
        setImmediate(() => {
            this.scheduled = false;
            this.pump();
        });
    }
    pump() {
        if (this.signal?.aborted) {
            clearTimeout(this.holdTimer);
            this.holdTimer = undefined;
            for (const step of this.queue.splice(0))
                step.reject(graphReadCancelled());
            return;
        }
        const hold = this.holdUntil - Date.now();
        if (hold > 0) {
            this.holdTimer ??= setTimeout(() => {
                this.holdTimer = undefined;
                this.pump();
            }, hold);
            return;
        }
        while (this.queue.length > 0 && this.inFlight < BATCHES_IN_FLIGHT) {
            const steps = this.queue.splice(0, BATCH_MAX_STEPS);
            this.inFlight++;
            void this.send(steps).finally(() => {
                this.inFlight--;
                this.pump();
            });
        }
    }
    async send(steps) {
        if (steps.length === 1) {
            const step = steps[0];
            this.stats.singles++;
            this.stats.steps++;
            try {
                step.resolve(await this.client.api(step.url).middlewareOptions(NO_CLIENT_RETRY).get());
            }
            catch (error) {
                this.failed(step, error);
            }
            return;
        }
        this.stats.batches++;
        this.stats.steps += steps.length;
        let answer;
        try {
            answer = (await this.client
                .api('/$batch')
                .middlewareOptions(NO_CLIENT_RETRY)
                .post({
                requests: steps.map((s, i) => ({ id: String(i), method: 'GET', url: s.url }))
            }));
        }
        catch (error) {
            // The batch as a whole failed (no answer, or a 429/5xx of the batch itself): each step fails with it, and a
            // batch throttled as a whole waits its Retry-After like a throttled step.
            for (const step of steps)
                this.failed(step, error);
            return;
        }
        const byId = new Map((answer.responses ?? []).map((r) => [r.id, r]));
        steps.forEach((step, i) => {
            const r = byId.get(String(i));
            if (!r)
                this.failed(step, new src/* GraphError */.h9(-1, 'the $batch answer had no response for this request'));
            else if (r.status >= 200 && r.status < 300)
                step.resolve(r.body);
            else
                this.failed(step, stepError(r.status, r.body, r.headers));
        });
    }
    /**
     * A read that got an error instead of its answer: retried when Graph throttled it, failed transiently or gave no
     * answer; rejected when Graph refused it, or when it never left because signing in failed.
     */
    failed(step, error) {
        if (this.signal?.aborted) {
            step.reject(graphReadCancelled());
            return;
        }
        const status = error instanceof src/* GraphError */.h9 ? error.statusCode : error instanceof GraphRedirectRefused ? error.status : 0;
        if ((status > 0 && !RETRYABLE_STATUS.has(status)) || (status <= 0 && this.signInFailed())) {
            step.reject(error);
            return;
        }
        const retryAfter = error instanceof src/* GraphError */.h9 ? (error.headers?.get('retry-after') ?? undefined) : undefined;
        this.retryOrReject(step, error, retryAfter, status === 429 ? 'throttled' : 'failed');
    }
    retryOrReject(step, error, retryAfter, kind) {
        if (kind === 'throttled') {
            step.throttled++;
            this.stats.throttled++;
        }
        else
            step.failed++;
        const decision = decideRetry(kind, step, retryAfterMs(retryAfter), this.policy, this.budget, this.random);
        if (!decision.retry) {
            step.reject(error);
            return;
        }
        this.stats.retriedSteps++;
        // Waits that overlap count once: the time the run spent waiting on Graph.
        this.stats.waitedMs = this.budget.usedMs;
        if (kind === 'throttled')
            this.holdUntil = Math.max(this.holdUntil, Date.now() + decision.delayMs);
        this.wait(decision.delayMs, this.signal).then(() => this.enqueue(step), () => step.reject(graphReadCancelled()));
    }
}
/** A failed step as the GraphError the client throws for a plain request, so errors read the same either way. */
function stepError(status, body, headers) {
    const inner = body?.error;
    const error = new src/* GraphError */.h9(status, typeof inner?.message === 'string' ? inner.message : `HTTP ${status}`);
    if (typeof inner?.code === 'string')
        error.code = inner.code;
    error.body = body;
    error.headers = new Headers(headers);
    return error;
}

;// CONCATENATED MODULE: ./src/sources/entra/graph-pages.ts
// Graph paging, the one loop every Graph list read uses: it follows `@odata.nextLink` only within the configured
// Graph origin and version root, so a page can never send the bearer token (or the read) to another host.

/** A next or delta link as a URL relative to the version root; a link to another host is refused, never followed. */
function relativeGraphLink(endpoint, link) {
    const base = new URL(endpoint);
    const url = new URL(link, base);
    const version = /^\/(v1\.0|beta)(\/.*)$/.exec(url.pathname);
    if (url.origin !== base.origin || !version) {
        throw new ActionError(`Microsoft Graph returned a next link outside ${base.origin}/v1.0; it was not followed.`);
    }
    return `${version[2]}${url.search}`;
}
/**
 * Every page of a list or delta query, following `@odata.nextLink` to the end (the last page carries the
 * `@odata.deltaLink` of a delta query). A page without a value array is an error: a read is whole or it fails.
 */
async function* graphPages(get, endpoint, url) {
    let page = (await get(url));
    for (;;) {
        if (!Array.isArray(page?.value))
            throw new ActionError('Microsoft Graph answered a list without a value array.');
        yield page;
        const next = page['@odata.nextLink'];
        if (!next)
            return;
        page = (await get(relativeGraphLink(endpoint, next)));
    }
}
/** All items of a list read. */
async function readAllPages(get, endpoint, url) {
    const all = [];
    for await (const page of graphPages(get, endpoint, url))
        all.push(...page.value);
    return all;
}

;// CONCATENATED MODULE: ./src/sources/entra/limited-members.ts
// Graph's "limited information" members: an app that may read group memberships (GroupMember.Read.All) but not
// users (User.Read.All) or service principals (Application.Read.All) still gets every member, answered 200, with
// only its @odata.type and id and every other property null
// (https://learn.microsoft.com/en-us/graph/permissions-overview#limited-information-returned-for-inaccessible-member-objects).
// Such a member cannot be matched to a Databricks identity, and dropping it would read as "left the group": the
// group's read fails instead, naming the permission to grant.

/** The application permission that lets an app read the properties of each kind of member. */
const MEMBER_READ_PERMISSION = {
    user: 'User.Read.All',
    servicePrincipal: 'Application.Read.All'
};
/**
 * Whether Graph left out what identifies a member: every user has a userPrincipalName and every service principal
 * an appId, so one without it is an object the app may not read, not one without a key.
 */
function isLimited(p) {
    return p.kind === 'servicePrincipal' ? !p.appId?.trim() : !p.userPrincipalName?.trim();
}
const KIND_NAMES = { user: 'user', servicePrincipal: 'service principal' };
const SHOWN_IDS = 3;
/**
 * The error for a read that met limited members (`limited` non-empty): how many of each kind, a few of their object
 * ids, and the fix naming the missing permission(s).
 */
function limitedMembersError(limited, doing, identity) {
    const kinds = ['user', 'servicePrincipal'].filter((k) => limited.some((p) => p.kind === k));
    const counts = kinds.map((k) => {
        const ids = limited.filter((p) => p.kind === k).map((p) => p.id);
        const shown = ids.slice(0, SHOWN_IDS).join(', ') + (ids.length > SHOWN_IDS ? ', …' : '');
        return `${ids.length} ${KIND_NAMES[k]}(s) (${shown})`;
    });
    const permissions = kinds.map((k) => MEMBER_READ_PERMISSION[k]);
    return new ActionError(`Microsoft Graph returned ${counts.join(' and ')} with only an object id while ${doing}: ${identity} may list ` +
        `group members but not read ${kinds.map((k) => `${KIND_NAMES[k]}s (${MEMBER_READ_PERMISSION[k]})`).join(' or ')}, so these members cannot be ` +
        'matched to Databricks identities. The group was not synced and nothing was removed.', `Grant ${identity} the Microsoft Graph application permission ${permissions.join(' and ')} (or Directory.Read.All) ` +
        'with admin consent: Entra admin center > App registrations > the app > API permissions > Add a permission > ' +
        'Microsoft Graph > Application permissions, then "Grant admin consent for <tenant>".');
}

;// CONCATENATED MODULE: ./src/sources/entra/resolve.ts
// "Exactly one Entra group for a config reference", once: sync's reads, validate's online check and provision-app's
// assignments all resolve a reference this way, and say the same thing when it resolves to none or to several.


/**
 * The one group `found` holds for `ref`, else an ActionError naming the reference (and `where`, e.g. " in tenant
 * T" or " of workspace W") with the fix.
 */
function exactlyOneGroup(ref, found, where = '') {
    const [group] = found;
    if (found.length === 1 && group)
        return group;
    if (found.length === 0) {
        throw isGuid(ref)
            ? new ActionError(`Entra group with object id ${ref}${where} does not exist.`, "Check the object id in the config, or use the group's display name.")
            : new ActionError(`Entra group "${ref}"${where} does not exist (no group has this display name).`, "Check the name in the config (Entra matches display names exactly, ignoring case), or use the group's object id.");
    }
    throw new ActionError(`Entra group name "${ref}"${where} matches ${found.length} groups (${found.map((g) => g.id).join(', ')}): use the object id.`, 'Set `entra:` to the object id of the group meant, since Entra group names are not unique.');
}

;// CONCATENATED MODULE: ./src/sources/entra/graph.ts









/** Member properties read; accountEnabled and userType are only returned when selected. */
const MEMBER_SELECT = ['id', 'displayName', 'userPrincipalName', 'mail', 'userType', 'accountEnabled', 'appId'];
/** Graph's largest page. */
const MEMBER_PAGE_SIZE = 999;
/** OData string literal: a quote inside is doubled. */
function odataString(value) {
    return `'${value.replace(/'/g, "''")}'`;
}
/**
 * Graph's token source. The client wraps a sign-in failure in a GraphError that drops its fix, so the
 * failure is kept here for the error message.
 */
class CredentialAuthProvider {
    credential;
    scope;
    signInError;
    constructor(credential, scope) {
        this.credential = credential;
        this.scope = scope;
    }
    async getAccessToken() {
        try {
            const token = await this.credential.getToken(this.scope);
            if (!token)
                throw new ActionError(`Entra ID returned no token for ${this.scope}.`);
            // A later failed request is then not blamed on an earlier failed sign-in.
            this.signInError = undefined;
            return token.token;
        }
        catch (error) {
            this.signInError = error;
            throw error;
        }
    }
}
/**
 * The Graph client: redirects refused, each request bounded by `timeoutMs` and by the run's `signal`
 * (graph-transport.ts).
 */
function createGraphClient(credential, graphEndpoint, options = {}) {
    const host = new URL(graphEndpoint).hostname;
    const auth = new CredentialAuthProvider(credential, `${graphEndpoint}/.default`);
    const client = src/* Client */.Kj.initWithMiddleware({
        middleware: graphMiddleware(auth, options),
        baseUrl: `${graphEndpoint}/`,
        defaultVersion: 'v1.0',
        // The client only sends the token to Microsoft's Graph hosts and to hosts named here (sovereign, emulator).
        customHosts: new Set([host])
    });
    return {
        client,
        endpoint: graphEndpoint,
        signInError: () => auth.signInError,
        ...(options.signal ? { signal: options.signal } : {})
    };
}
class GraphDirectory {
    graph;
    identity;
    /** How GETs are sent (shared with the incremental reader, so their requests batch together). */
    reader;
    /** One object per Entra principal however many groups list it: a large estate's reads share them. */
    principals = new Map();
    /** Resolved groups by lower-cased ref (a name resolved also fills its id's entry). */
    resolved = new Map();
    /** Member reads by group id and nesting, so a group used by several workspaces is read once. */
    reads = new Map();
    constructor(graph, 
    /** Who the action signs in as, for error messages. */
    identity, 
    /** How GETs are sent: by default gathered into $batch requests. */
    reader) {
        this.graph = graph;
        this.identity = identity;
        // A failed sign-in is not retried by the batcher: the credential already retried, and its error says what to fix.
        this.reader =
            reader ??
                new GraphBatcher(graph.client, {
                    signInFailed: () => graph.signInError() !== undefined,
                    ...(graph.signal ? { signal: graph.signal } : {})
                });
    }
    async findGroups(ref) {
        try {
            if (isGuid(ref)) {
                try {
                    const group = (await this.reader.get(`/groups/${ref}?$select=id,displayName`));
                    return [{ id: group.id, displayName: group.displayName }];
                }
                catch (error) {
                    if (error instanceof src/* GraphError */.h9 && error.statusCode === 404)
                        return [];
                    throw error;
                }
            }
            const found = [];
            // Names with &, #, + or quotes must be encoded: the filter travels inside a URL (and a $batch step's url).
            const filter = encodeURIComponent(`displayName eq ${odataString(ref)}`);
            for await (const page of this.pages(`/groups?$filter=${filter}&$select=id,displayName&$top=999`)) {
                found.push(...page.value.map((g) => ({ id: g.id, displayName: g.displayName })));
            }
            return found;
        }
        catch (error) {
            throw explainGraphError(error, `looking up Entra group "${ref}"`, this.identity, this.graph.signInError());
        }
    }
    async readGroup(ref, nested) {
        const group = await this.resolveGroup(ref);
        const read = await cached(this.reads, `${group.id.toLowerCase()}|${nested}`, () => this.readMembers(group, nested));
        // Each caller gets its own arrays; the principals themselves are shared and never changed.
        return {
            ref,
            id: group.id,
            displayName: group.displayName,
            members: [...read.members],
            nestedGroups: [...read.nestedGroups],
            unsupported: [...read.unsupported]
        };
    }
    /** Exactly one group for a config reference, else an ActionError naming it. */
    resolveGroup(ref) {
        return cached(this.resolved, ref.toLowerCase(), async () => {
            const group = exactlyOneGroup(ref, await this.findGroups(ref));
            if (!this.resolved.has(group.id.toLowerCase()))
                this.resolved.set(group.id.toLowerCase(), Promise.resolve(group));
            return group;
        });
    }
    async readMembers(group, nested) {
        const relation = nested === 'flatten' ? 'transitiveMembers' : 'members';
        const members = [];
        const nestedGroups = [];
        const unsupported = [];
        const seen = new Set();
        const doing = `reading the ${nested === 'flatten' ? 'transitive ' : ''}members of Entra group "${group.displayName}" (${group.id})`;
        try {
            const url = `/groups/${encodeURIComponent(group.id)}/${relation}?$select=${MEMBER_SELECT.join(',')}&$top=${MEMBER_PAGE_SIZE}`;
            for await (const page of this.pages(url)) {
                const limited = [];
                for (const object of page.value) {
                    if (seen.has(object.id))
                        continue;
                    seen.add(object.id);
                    if (object['@odata.type'] === '#microsoft.graph.group') {
                        nestedGroups.push(object.displayName ?? object.id);
                        continue;
                    }
                    // Devices, contacts and other directory objects have no Databricks identity: reported as skipped.
                    const principal = toEntraPrincipal(object);
                    if (!principal) {
                        unsupported.push(toUnsupported(object));
                        continue;
                    }
                    if (isLimited(principal))
                        limited.push(principal);
                    else
                        members.push(this.intern(principal));
                }
                // A member Graph would not describe is never left out as if absent: the whole read fails.
                if (limited.length > 0)
                    throw limitedMembersError(limited, doing, this.identity);
            }
        }
        catch (error) {
            throw explainGraphError(error, doing, this.identity, this.graph.signInError());
        }
        return { members, nestedGroups, unsupported };
    }
    /** The shared object for a principal, unless this read saw it with other properties (then its own). */
    intern(p) {
        const known = this.principals.get(p.id);
        if (known && samePrincipal(known, p))
            return known;
        if (!known)
            this.principals.set(p.id, p);
        return p;
    }
    /** Every page of a list or delta query (graphPages: links are followed only within the Graph origin). */
    pages(url) {
        return graphPages((u) => this.reader.get(u), this.graph.endpoint, url);
    }
    /** Why the last token request failed, if it did (for explainGraphError). */
    signInError() {
        return this.graph.signInError();
    }
    /** A next or delta link as a URL relative to the version root; a link to another host is refused, never followed. */
    relative(link) {
        return relativeGraphLink(this.graph.endpoint, link);
    }
}
function samePrincipal(a, b) {
    return (a.kind === b.kind &&
        a.displayName === b.displayName &&
        a.userPrincipalName === b.userPrincipalName &&
        a.mail === b.mail &&
        a.userType === b.userType &&
        a.accountEnabled === b.accountEnabled &&
        a.appId === b.appId);
}
/** A user or service principal as the sync sees it; undefined for other directory objects. */
function toEntraPrincipal(o) {
    const type = o['@odata.type'];
    if (type === '#microsoft.graph.user')
        return toUser(o);
    if (type === '#microsoft.graph.servicePrincipal')
        return toServicePrincipal(o);
    return undefined;
}
/** A member of a kind the sync has no identity for, as it is reported. */
function toUnsupported(o) {
    const name = o.displayName?.trim();
    return { id: o.id, type: o['@odata.type'] ?? 'unknown', ...(name ? { displayName: name } : {}) };
}
function toUser(o) {
    const user = { kind: 'user', id: o.id, displayName: o.displayName ?? '', mail: o.mail ?? null };
    if (o.userPrincipalName)
        user.userPrincipalName = o.userPrincipalName;
    if (o.userType)
        user.userType = o.userType;
    if (typeof o.accountEnabled === 'boolean')
        user.accountEnabled = o.accountEnabled;
    return user;
}
function toServicePrincipal(o) {
    const sp = { kind: 'servicePrincipal', id: o.id, displayName: o.displayName ?? '' };
    if (o.appId)
        sp.appId = o.appId;
    if (typeof o.accountEnabled === 'boolean')
        sp.accountEnabled = o.accountEnabled;
    return sp;
}
/** One promise per key while it is pending or fulfilled; a rejected one is dropped so the next call tries again. */
function cached(cache, key, load) {
    const hit = cache.get(key);
    if (hit)
        return hit;
    const promise = load();
    cache.set(key, promise);
    promise.catch(() => {
        if (cache.get(key) === promise)
            cache.delete(key);
    });
    return promise;
}
function explainGraphError(error, doing, identity, signInError) {
    if (error instanceof ActionError)
        return error;
    // No HTTP status: the request never left, because signing in failed.
    if (error instanceof src/* GraphError */.h9 && error.statusCode === -1 && signInError instanceof Error)
        return signInError;
    if (error instanceof GraphRedirectRefused)
        return redirectRefused(error.status, error.location, doing);
    if (error instanceof src/* GraphError */.h9 && error.statusCode >= 300 && error.statusCode < 400) {
        // A $batch step answered with a redirect: not followed either.
        return redirectRefused(error.statusCode, error.headers?.get('location') ?? undefined, doing);
    }
    if (error instanceof src/* GraphError */.h9 && error.code === 'TimeoutError') {
        return new ActionError(`Microsoft Graph did not answer while ${doing}: ${error.message || 'no answer in time'}, also when the read was tried again. Nothing was changed from this read.`, 'Microsoft Graph was slow or unreachable from the runner; run the workflow again later.');
    }
    if (error instanceof src/* GraphError */.h9 && error.statusCode > 0) {
        const what = `Microsoft Graph answered ${error.statusCode} ${error.code ?? ''} while ${doing}`.replace(/\s+/g, ' ');
        if (error.statusCode === 403) {
            return new ActionError(`${what}: ${error.message}`, `Grant ${identity} the Microsoft Graph application permission GroupMember.Read.All (and User.Read.All, Application.Read.All) with admin consent.`);
        }
        if (error.statusCode === 401) {
            return new ActionError(`${what}: ${error.message}`, 'Check graph-endpoint matches the cloud of authority-host.');
        }
        if (error.statusCode === 429 || error.statusCode === 503 || error.statusCode === 504) {
            return new ActionError(`${what}: ${error.message}`, "Microsoft Graph was still throttling or unavailable after the client's retries; run the workflow again later.");
        }
        return new ActionError(`${what}: ${error.message}`);
    }
    const message = error instanceof src/* GraphError */.h9 ? graph_networkFailure(error) : error instanceof Error ? error.message : String(error);
    return new ActionError(`Microsoft Graph request failed while ${doing}: ${message.split('\n')[0]}`);
}
/**
 * A redirect from "Graph": never followed (graph-transport.ts), so nothing went to where it points; the error names
 * that host (its origin only: the rest of the header is the answerer's text) and what to check.
 */
function redirectRefused(status, location, doing) {
    return new ActionError(`Microsoft Graph answered ${status} while ${doing}, redirecting to ${redirectTarget(location)}. ` +
        'The action does not follow redirects from Graph: it sent nothing there (no request, no token) and used ' +
        'nothing from this answer. Nothing was changed from this read.', "Check that the graph-endpoint input is Microsoft Graph's endpoint for your cloud (https://graph.microsoft.com " +
        "or your national cloud's) and that no proxy between the runner and Graph rewrites its answers.");
}
/** A request that got no answer (connection refused or dropped, TLS, DNS): the client keeps the cause in body. */
function graph_networkFailure(error) {
    const body = error.body;
    const base = typeof body === 'object' && body !== null ? body : undefined;
    const message = error.message || (typeof base?.message === 'string' ? base.message : '') || String(body ?? '');
    const cause = typeof base?.cause === 'object' && base.cause !== null ? base.cause.message : undefined;
    const text = typeof cause === 'string' && cause && !message.includes(cause) ? `${message} (${cause})` : message;
    return text || 'no answer (the connection failed)';
}

;// CONCATENATED MODULE: ./src/targets/databricks/errors.ts
// The errors of the Databricks clients, in the service's words: ScimRequestError and its 409/404 kinds, the
// reading of an error answer's detail (SCIM, Databricks or plain text), and the description of a request that
// got no answer at all (which network failures were never sent, and which are not worth retrying). Kept apart
// from the client so callers can catch and classify failures without the request machinery.


/** A Databricks request that failed; the message names the target, method, path and the service's detail. */
class ScimRequestError extends ActionError {
    name = 'ScimRequestError';
    workspace;
    method;
    path;
    status;
    detail;
    scimType;
    code;
    maybeApplied;
    throttled;
    attempts;
    constructor(init) {
        super(init.message ??
            `Databricks ${init.workspace}: ${init.method} ${init.path} answered ${init.status}: ${init.detail}` +
                (init.attempts && init.attempts > 1 ? ` (after ${init.attempts} attempts)` : ''), init.fix);
        this.workspace = init.workspace;
        this.method = init.method;
        this.path = init.path;
        this.status = init.status;
        this.detail = init.detail;
        this.scimType = init.scimType;
        this.code = init.code;
        this.maybeApplied = init.maybeApplied ?? false;
        this.throttled = init.throttled ?? false;
        this.attempts = init.attempts ?? 1;
    }
}
/** 409 on create: the resource exists already (e.g. made by an interrupted run); look it up and go on. */
class ScimConflictError extends ScimRequestError {
    name = 'ScimConflictError';
}
/** 404: the resource is not (or no longer) there. */
class ScimNotFoundError extends ScimRequestError {
    name = 'ScimNotFoundError';
}
function parseJson(text, reviver) {
    if (text.trim() === '')
        return undefined;
    try {
        return JSON.parse(text, reviver);
    }
    catch {
        return text;
    }
}
/** The detail of an error answer: SCIM `{detail, scimType}`, Databricks `{error_code, message}`, or the text. */
function parseError(text, status) {
    const body = parseJson(text);
    if (body && typeof body === 'object' && !Array.isArray(body)) {
        const o = body;
        const scimType = typeof o.scimType === 'string' ? o.scimType : undefined;
        if (typeof o.detail === 'string' && o.detail !== '')
            return { detail: o.detail, ...(scimType ? { scimType } : {}) };
        if (typeof o.message === 'string' && o.message !== '') {
            return { detail: typeof o.error_code === 'string' ? `${o.error_code}: ${o.message}` : o.message };
        }
        const inner = o.error;
        if (inner && typeof inner === 'object') {
            const e = inner;
            if (typeof e.message === 'string')
                return { detail: typeof e.code === 'string' ? `${e.code}: ${e.message}` : e.message };
        }
        if (typeof o.error === 'string') {
            return { detail: typeof o.error_description === 'string' ? `${o.error}: ${o.error_description}` : o.error };
        }
    }
    const plain = typeof body === 'string'
        ? body
            .replace(/<[^>]*>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim()
        : '';
    if (plain)
        return { detail: plain.length > 200 ? `${plain.slice(0, 200)}…` : plain };
    return { detail: `HTTP ${status}` };
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/targets/databricks/pacer.ts
// Pacing of writes: requests per second by method, so a client stays under the account API's published rates
// instead of provoking 429s, and waits out a 429's Retry-After together with the other requests of its method.
// Independent of HTTP: it hands out slots against an injected clock and sleep.
/** The account API's published write limits (PATCH 2/s, POST, PUT and DELETE 5/s). */
const ACCOUNT_WRITE_RATES = Object.freeze({
    PATCH: 2,
    POST: 5,
    PUT: 5,
    DELETE: 5
});
const NO_PACING = () => undefined;
/**
 * Writes paced per method, two rules together:
 * - spaced starts: requests of a method start at least 1/rate apart, whatever their concurrency (the slot is
 *   taken synchronously, then waited for), so the service sees an even flow instead of bursts;
 * - a window guard: a request starts only while fewer than `limit` others are in flight or finished within the
 *   last window. A request reaches the service before its answer comes back, so however much the latency varies
 *   (a cold TLS connection, a slow answer), no window of the service ever sees more than the rate: sliding or fixed.
 */
class Pacer {
    now;
    sleep;
    lanes = new Map();
    /** Methods without a rate: no new request starts before this time after a 429 (the Retry-After). */
    holds = new Map();
    /** Milliseconds requests spent waiting for their slot, all together. */
    waitedMs = 0;
    constructor(rates, now, sleep) {
        this.now = now;
        this.sleep = sleep;
        for (const [method, rate] of Object.entries(rates)) {
            if (rate === undefined)
                continue;
            if (!Number.isFinite(rate) || rate <= 0)
                throw new RangeError(`write rate of ${method} must be a number > 0`);
            const limit = Math.max(1, Math.floor(rate));
            this.lanes.set(method, {
                interval: 1000 / rate,
                limit,
                windowMs: (limit / rate) * 1000,
                next: -Infinity,
                inFlight: 0,
                ends: [],
                waiters: []
            });
        }
    }
    paces(method) {
        return this.lanes.has(method);
    }
    /** Waits for a slot of `method` (at once when unpaced or free); call the answer when the request is over. */
    async acquire(method) {
        const lane = this.lanes.get(method);
        if (!lane) {
            // Unpaced, but after a 429 the others wait too, instead of each meeting its own 429.
            const hold = (this.holds.get(method) ?? 0) - this.now();
            if (hold > 0) {
                await this.sleep(Math.ceil(hold));
                this.waitedMs += hold;
            }
            return NO_PACING;
        }
        const began = this.now();
        const start = Math.max(began, lane.next);
        lane.next = start + lane.interval;
        if (start > began)
            await this.sleep(Math.ceil(start - began));
        for (;;) {
            const t = this.now();
            const recent = lane.ends.filter((end) => end > t - lane.windowMs);
            if (lane.inFlight + recent.length < lane.limit)
                break;
            // Full: wait until the oldest recent request leaves the window, or one in flight finishes.
            const waits = [new Promise((resolve) => lane.waiters.push(resolve))];
            const oldest = recent[0];
            if (oldest !== undefined)
                waits.push(this.sleep(Math.ceil(oldest + lane.windowMs - t)));
            await Promise.race(waits);
        }
        this.waitedMs += this.now() - began;
        lane.inFlight++;
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            lane.inFlight--;
            lane.ends.push(this.now());
            if (lane.ends.length > lane.limit)
                lane.ends.splice(0, lane.ends.length - lane.limit);
            for (const wake of lane.waiters.splice(0))
                wake();
        };
    }
    /** The service throttled `method`: no new request of it starts before `until` (a retry's Retry-After). */
    holdUntil(method, until) {
        const lane = this.lanes.get(method);
        if (lane)
            lane.next = Math.max(lane.next, until);
        else
            this.holds.set(method, Math.max(this.holds.get(method) ?? 0, until));
    }
}

// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
;// CONCATENATED MODULE: ./src/targets/databricks/transport.ts
// The HTTPS transport of the Databricks clients: node:https with a keep-alive agent per client. A first sync sends
// tens of thousands of small SCIM requests; fetch (undici, web streams) allocates several times more per request,
// which at that rate is most of the action's memory. Same certificate store (NODE_EXTRA_CA_CERTS), same errors
// (error.code: ECONNRESET, ENOTFOUND, CERT_…), and an aborted signal fails the request as fetch does.

/** Connections kept open per host: a client's writes in flight plus its reads. */
const SOCKETS_PER_HOST = 16;
function httpsTransport() {
    const agent = new external_node_https_.Agent({ keepAlive: true, maxSockets: SOCKETS_PER_HOST });
    return (url, init) => new Promise((resolve, reject) => {
        const target = new URL(url);
        if (target.protocol !== 'https:') {
            reject(Object.assign(new TypeError(`only https is allowed (got ${target.protocol})`), { code: 'ERR_INVALID_URL' }));
            return;
        }
        const headers = { ...init.headers };
        if (init.body !== undefined)
            headers['Content-Length'] = Buffer.byteLength(init.body);
        const req = (0,external_node_https_.request)(target, { method: init.method, headers, agent, signal: init.signal }, (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () => {
                const text = Buffer.concat(chunks).toString('utf8');
                resolve({
                    status: res.statusCode ?? 0,
                    headers: {
                        get: (name) => {
                            const value = res.headers[name.toLowerCase()];
                            return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
                        }
                    },
                    text: () => Promise.resolve(text)
                });
            });
        });
        req.on('error', (error) => {
            // An abort carries the signal's reason (a TimeoutError), as fetch reports it.
            reject(init.signal.aborted && init.signal.reason instanceof Error ? init.signal.reason : error);
        });
        req.end(init.body);
    });
}

;// CONCATENATED MODULE: ./src/targets/databricks/http.ts
// The HTTP client the Databricks clients share (workspace and account SCIM, workspace assignments): bearer token
// per request, retries that honour Retry-After, and writes paced (pacer.ts) under the service's rates. Failures
// come out as the typed errors of errors.ts.







const USER_AGENT = `entra-databricks-sync/${package_namespaceObject.rE}`;
const DEFAULT_TIMEOUT_MS = DEFAULT_REQUEST_TIMEOUT_MS;
/**
 * When the run is cancelled, a write in flight gets this long to be answered before it is abandoned (reported as
 * possibly made), so a stalled write cannot keep the run from writing its summary before the runner kills it; a
 * read in flight is abandoned at once (it changes nothing).
 */
const CANCELLED_WRITE_GRACE_MS = 5_000;
const MEDIA_TYPES = {
    scim: { accept: 'application/scim+json, application/json', contentType: 'application/scim+json' },
    json: { accept: 'application/json', contentType: 'application/json' }
};
/** The reason an attempt is aborted with when the run is cancelled (a timeout aborts with a TimeoutError). */
const http_CANCELLED = Symbol('cancelled');
class DatabricksHttp {
    target;
    baseUrl;
    token;
    extraHeaders;
    policy;
    budget;
    timeoutMs;
    sleep;
    now;
    random;
    fetchFn;
    onRetry;
    signal;
    writeGraceMs;
    pacer;
    media;
    fixFor;
    hostFix;
    counters = { requests: {}, throttled: 0, retries: 0, waitedMs: 0 };
    constructor(options) {
        this.target = options.target;
        this.baseUrl = options.baseUrl.replace(/\/+$/, '');
        this.token = options.token;
        this.extraHeaders = options.headers;
        this.policy = retryPolicy(options.retry);
        this.now = options.now ?? Date.now;
        this.budget = options.budget ?? new RetryBudget(this.policy.budgetMs, this.now);
        this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        // The default sleep's timer is cleared on cancellation, so a cancelled run's process can end at once.
        const signal = options.signal;
        const sleep = options.sleep ?? ((ms) => (0,external_node_timers_promises_.setTimeout)(ms, undefined, signal ? { signal } : {}).catch(() => undefined));
        this.sleep = untilAborted(sleep, signal);
        this.random = options.random ?? Math.random;
        this.fetchFn = options.fetch ?? httpsTransport();
        this.onRetry = options.onRetry;
        this.signal = options.signal;
        this.writeGraceMs = options.cancelledWriteGraceMs ?? CANCELLED_WRITE_GRACE_MS;
        this.pacer = new Pacer(options.writeRates ?? {}, this.now, this.sleep);
        this.media = MEDIA_TYPES[options.mediaType];
        this.fixFor = options.fixFor;
        this.hostFix = options.hostFix ?? 'Check the host in the config.';
    }
    stats() {
        return { ...this.counters, requests: { ...this.counters.requests } };
    }
    /** Milliseconds requests waited for their pacing slot (not counted in `stats().waitedMs`). */
    get pacedMs() {
        return this.pacer.waitedMs;
    }
    /**
     * One call with retries. Retried: 429 on every method; 500/502/503/504 and dropped connections on GET, PUT,
     * PATCH and DELETE (repeating them changes nothing: adding a present member or removing an absent one is a
     * no-op, a PUT sets the same value); on POST only 429 and 503 (refused before processing) and failures to
     * connect. A POST that got 500/502/504 or lost its connection may have created the resource: it fails with
     * `maybeApplied`. Every attempt of a paced method waits for its slot first. A redirect is never followed: the
     * 3xx fails the request, naming where it pointed (nothing, no token, was sent there). Once the client's budget
     * is used up (waiting out 429s and backoffs, and attempts that timed out), nothing more is sent.
     */
    async request(method, path, options = {}) {
        const url = this.baseUrl + path + queryString(options.query);
        const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
        const counts = { throttled: 0, failed: 0 };
        const target = this.target;
        let attempt = 0;
        for (;;) {
            attempt++;
            const release = await this.pacer.acquire(method);
            // Cancelled while waiting for its slot (or a held method): not sent at all.
            if (this.signal?.aborted) {
                release();
                throw this.cancelled(method, path, 0, attempt);
            }
            if (this.budget.spent) {
                release();
                throw this.budgetSpent(method, path, attempt);
            }
            let token;
            let extra;
            try {
                token = await this.token();
                extra = await this.extraHeaders?.();
            }
            catch (error) {
                release();
                throw error;
            }
            const headers = {
                ...extra,
                Authorization: `Bearer ${token}`,
                Accept: this.media.accept,
                'User-Agent': USER_AGENT
            };
            if (payload !== undefined)
                headers['Content-Type'] = this.media.contentType;
            this.counters.requests[method] = (this.counters.requests[method] ?? 0) + 1;
            let status;
            let text;
            let retryAfterHeader;
            let redirectLocation;
            // A timer cleared with the answer, not AbortSignal.timeout: that signal (and the request it would abort) lives
            // until the timeout fires, which at hundreds of writes a second keeps a minute of finished requests in memory.
            const abort = new AbortController();
            const started = this.now();
            const timer = setTimeout(() => abort.abort(new DOMException('no answer in time', 'TimeoutError')), this.timeoutMs);
            const stopWaiting = this.onCancel(method, abort);
            try {
                const response = await this.fetchFn(url, {
                    method,
                    headers,
                    ...(payload !== undefined ? { body: payload } : {}),
                    redirect: 'manual',
                    signal: abort.signal
                });
                status = response.status;
                retryAfterHeader = response.headers.get('retry-after');
                redirectLocation = response.headers.get('location');
                text = await response.text();
            }
            catch (error) {
                clearTimeout(timer);
                stopWaiting();
                release();
                if (abort.signal.reason === http_CANCELLED) {
                    throw this.cancelledInFlight(method, path, attempt);
                }
                const failure = networkFailure(error, this.hostFix);
                // An attempt that got no answer in time: its time counts against the budget, as a wait would.
                if (failure.code === 'TimeoutError')
                    this.budget.spend(started);
                const base = { workspace: target, method, path, status: 0, code: failure.code, attempts: attempt };
                if (failure.permanent) {
                    throw new ScimRequestError({
                        ...base,
                        detail: failure.detail,
                        message: `Databricks ${target}: ${method} ${path} failed: ${failure.detail}`,
                        fix: failure.fix ?? this.hostFix
                    });
                }
                if (method === 'POST' && !options.idempotent && !failure.notSent) {
                    throw new ScimRequestError({
                        ...base,
                        detail: failure.detail,
                        maybeApplied: true,
                        message: `Databricks ${target}: ${method} ${path} got no answer: ${failure.detail}; the request may have been carried out.`
                    });
                }
                counts.failed++;
                const decision = decideRetry('failed', counts, undefined, this.policy, this.budget, this.random);
                if (!decision.retry) {
                    throw new ScimRequestError({
                        ...base,
                        detail: failure.detail,
                        message: `Databricks ${target}: ${method} ${path} failed: ${failure.detail}` +
                            (decision.reason === 'budget'
                                ? ` (after ${attempt} attempt${attempt > 1 ? 's' : ''}; ${this.budgetText()})`
                                : attempt > 1
                                    ? ` (after ${attempt} attempts)`
                                    : '')
                    });
                }
                await this.wait({ method, path, status: 0, code: failure.code, attempt, ...decision, retryAfter: false });
                continue;
            }
            clearTimeout(timer);
            stopWaiting();
            release();
            if (status >= 200 && status < 300)
                return parseJson(text, options.reviver);
            if (status >= 300 && status < 400)
                throw this.redirected(method, path, url, status, redirectLocation);
            if (status === 404 && options.goneAfterRetryIsSuccess && attempt > 1)
                return undefined;
            const error = parseError(text, status);
            if (attempt > 1 && options.doneAfterRetry?.(status, error))
                return undefined;
            if (RETRYABLE_STATUS.has(status)) {
                const throttled = status === 429;
                if (method === 'POST' && !options.idempotent && status !== 429 && status !== 503) {
                    throw new ScimRequestError({
                        workspace: target,
                        method,
                        path,
                        status,
                        ...error,
                        attempts: attempt,
                        maybeApplied: true,
                        message: `Databricks ${target}: ${method} ${path} answered ${status}: ${error.detail} (the request may have been carried out)`
                    });
                }
                const kind = throttled ? 'throttled' : 'failed';
                if (throttled) {
                    counts.throttled++;
                    this.counters.throttled++;
                }
                else {
                    counts.failed++;
                }
                const retryAfter = retryAfterMs(retryAfterHeader);
                const decision = decideRetry(kind, counts, retryAfter, this.policy, this.budget, this.random);
                if (!decision.retry)
                    throw this.gaveUp(method, path, status, error, attempt, decision, retryAfter);
                // Throttled anyway: the other requests of this method wait too, rather than collect 429s of their own.
                if (throttled)
                    this.pacer.holdUntil(method, this.now() + decision.delayMs);
                await this.wait({
                    method,
                    path,
                    status,
                    attempt,
                    delayMs: decision.delayMs,
                    retryAfter: retryAfter !== undefined
                });
                continue;
            }
            throw this.httpError(method, path, status, error, attempt);
        }
    }
    async wait(event) {
        this.counters.retries++;
        this.counters.waitedMs += event.delayMs;
        this.onRetry?.({ workspace: this.target, ...event });
        if (event.delayMs > 0)
            await this.sleep(event.delayMs);
        if (this.signal?.aborted)
            throw this.cancelled(event.method, event.path, event.status, event.attempt);
    }
    /**
     * Abandons the attempt in `abort` when the run is cancelled: a read at once (it changes nothing), a write after its
     * grace. Returns the function that stops watching, called once the attempt is over.
     */
    onCancel(method, abort) {
        const signal = this.signal;
        if (!signal)
            return () => undefined;
        let grace;
        const cancel = () => {
            if (method === 'GET')
                abort.abort(http_CANCELLED);
            else
                grace = setTimeout(() => abort.abort(http_CANCELLED), this.writeGraceMs);
        };
        if (signal.aborted)
            cancel();
        else
            signal.addEventListener('abort', cancel, { once: true });
        return () => {
            clearTimeout(grace);
            signal.removeEventListener('abort', cancel);
        };
    }
    cancelledInFlight(method, path, attempt) {
        const write = method !== 'GET';
        return new ScimRequestError({
            workspace: this.target,
            method,
            path,
            status: 0,
            detail: 'the run was cancelled',
            attempts: attempt,
            maybeApplied: write,
            message: `Databricks ${this.target}: ${method} ${path} was abandoned: the run was cancelled before its answer came` +
                (write ? ` (within ${seconds(this.writeGraceMs)}); the request may have been carried out.` : '.')
        });
    }
    /** A 3xx: not followed (the transport never follows one), so nothing went where it points. */
    redirected(method, path, url, status, location) {
        return new ScimRequestError({
            workspace: this.target,
            method,
            path,
            status,
            detail: `a redirect (${status})`,
            message: `Databricks ${this.target}: ${method} ${path} answered ${status}, redirecting to ` +
                `${redirectTarget(location, url)}. The action follows no redirect: it sent nothing there (no request, no token).`,
            fix: `${this.hostFix.replace(/\.$/, '')}: it must be the ${this.target.startsWith('account ') ? 'account' : 'workspace'} URL itself, and no proxy between the runner and Databricks may rewrite its answers.`
        });
    }
    budgetText(spent = 'spent waiting') {
        return `${seconds(this.budget.usedMs)} of the ${seconds(this.budget.budgetMs)} retry budget ${spent}`;
    }
    budgetSpent(method, path, attempt) {
        return new ScimRequestError({
            workspace: this.target,
            method,
            path,
            status: 0,
            detail: 'the retry budget is spent',
            attempts: attempt,
            message: `Databricks ${this.target}: ${method} ${path} was not ${attempt > 1 ? 'retried' : 'sent'}: the service ` +
                `throttled, failed or did not answer for too long (${this.budgetText()}).`,
            fix: 'Run again later; if it keeps happening, sync fewer workspaces at a time or raise the retry budget.'
        });
    }
    cancelled(method, path, status, attempt) {
        return new ScimRequestError({
            workspace: this.target,
            method,
            path,
            status,
            detail: 'the run was cancelled',
            attempts: attempt,
            message: `Databricks ${this.target}: ${method} ${path} was not ${attempt > 1 ? 'retried' : 'sent'}: the run was cancelled.`
        });
    }
    gaveUp(method, path, status, error, attempts, decision, retryAfter) {
        const target = this.target;
        const base = { workspace: target, method, path, status, ...error, attempts };
        const throttled = status === 429 || retryAfter !== undefined;
        if (decision.reason === 'budget') {
            const spent = this.budgetText('already spent waiting');
            return new ScimRequestError({
                ...base,
                throttled,
                message: throttled
                    ? `Databricks ${target}: ${method} ${path}: the service throttled for too long (answered ${status}` +
                        `${retryAfter !== undefined ? ` asking to wait ${seconds(retryAfter)}` : ''}; ${spent}). Last answer: ${error.detail}`
                    : `Databricks ${target}: ${method} ${path} kept failing past the retry budget (answered ${status} on ` +
                        `${attempts} attempts; ${spent}). Last answer: ${error.detail}`,
                fix: 'Run again later; if it keeps happening, sync fewer workspaces at a time or raise the retry budget.'
            });
        }
        return new ScimRequestError({
            ...base,
            throttled,
            message: `Databricks ${target}: ${method} ${path} answered ${status} on ${attempts} attempts: ${error.detail}`
        });
    }
    httpError(method, path, status, error, attempts) {
        const init = { workspace: this.target, method, path, status, ...error, attempts };
        const fix = this.fixFor?.(status, method, path);
        if (fix !== undefined)
            init.fix = fix;
        if (status === 409)
            return new ScimConflictError(init);
        if (status === 404)
            return new ScimNotFoundError(init);
        return new ScimRequestError(init);
    }
}
// ---------------------------------------------------------------------------------------------------------
// Helpers
function queryString(query) {
    if (!query)
        return '';
    const parts = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
    return parts.length ? `?${parts.join('&')}` : '';
}
/** A sleep that ends early (resolves) once `signal` is aborted: a cancelled run stops waiting. */
function untilAborted(sleep, signal) {
    if (!signal)
        return sleep;
    return async (ms) => {
        if (signal.aborted)
            return;
        let onAbort;
        const aborted = new Promise((resolve) => {
            onAbort = resolve;
            signal.addEventListener('abort', onAbort, { once: true });
        });
        try {
            await Promise.race([sleep(ms), aborted]);
        }
        finally {
            if (onAbort)
                signal.removeEventListener('abort', onAbort);
        }
    };
}

;// CONCATENATED MODULE: ./src/targets/databricks/assignments-client.ts



/** The account SCIM base URL: `${host}/api/2.0/accounts/${accountId}/scim/v2`. */
function accountScimBase(host, accountId) {
    return `${accountApiBase(host, accountId)}/scim/v2`;
}
/** `${host}/api/2.0/accounts/${accountId}`, the base of every account API path. */
function accountApiBase(host, accountId) {
    return `${host.replace(/\/+$/, '')}/api/2.0/accounts/${encodeURIComponent(accountId.trim())}`;
}
/** Advice when the account host cannot be reached for good. */
const ACCOUNT_HOST_FIX = 'Check the account host in the config (https://accounts.azuredatabricks.net).';
/** Advice on a 401 from any account API. */
const ACCOUNT_TOKEN_FIX = 'The Entra token was refused by the account API: check that tenant-id is the account’s tenant and that the service principal (client-id) is added to the Databricks account.';
/** The JSON transport of an account API client (`target`: `account <id>`). */
function accountHttp(options, own) {
    return new DatabricksHttp({
        ...options,
        ...own,
        target: `account ${options.accountId.trim()}`,
        mediaType: 'json',
        hostFix: ACCOUNT_HOST_FIX
    });
}
class PermissionAssignmentsClient {
    accountId;
    http;
    constructor(options) {
        this.accountId = options.accountId.trim();
        this.http = accountHttp(options, {
            writeRates: options.writeRates ?? ACCOUNT_WRITE_RATES,
            baseUrl: accountApiBase(options.host, this.accountId),
            fixFor
        });
    }
    stats() {
        return this.http.stats();
    }
    /** Milliseconds writes waited for their pacing slot. */
    get pacedMs() {
        return this.http.pacedMs;
    }
    /** Every principal assigned to the workspace (entries the service reports with an error and no id are left out). */
    async list(workspaceId) {
        const path = `${workspacePath(workspaceId)}/permissionassignments`;
        const body = await this.request('GET', path, { reviver: exactPrincipalIds });
        if (body === undefined)
            return [];
        if (body === null || typeof body !== 'object' || Array.isArray(body))
            throw this.unexpected('GET', path, body);
        const raw = body.permission_assignments ?? [];
        if (!Array.isArray(raw))
            throw this.unexpected('GET', path, body);
        const out = [];
        for (const entry of raw) {
            const assignment = parseAssignment(entry);
            if (assignment)
                out.push(assignment);
        }
        return out;
    }
    /** Creates or replaces the principal's assignment (a PUT sets exactly `permissions`). */
    async assign(workspaceId, principalId, permissions) {
        await this.request('PUT', principalPath(workspaceId, principalId), { body: { permissions } });
    }
    /** Removes the principal's assignment; a 404 on a retry (the first attempt's answer was lost) counts as done. */
    async unassign(workspaceId, principalId) {
        await this.request('DELETE', principalPath(workspaceId, principalId), { goneAfterRetryIsSuccess: true });
    }
    request(method, path, options = {}) {
        return this.http.request(method, path, options);
    }
    unexpected(method, path, body) {
        const shown = typeof body === 'string' ? body.slice(0, 80).replace(/\s+/g, ' ') : typeof body;
        return new ScimRequestError({
            workspace: `account ${this.accountId}`,
            method,
            path,
            status: 200,
            detail: 'unexpected answer',
            message: `Databricks account ${this.accountId}: ${method} ${path} answered something that is not a permission assignment list: ${shown}`,
            fix: ACCOUNT_HOST_FIX
        });
    }
}
/**
 * `principal_id` is an int64 JSON number (databricks-sdk-py service/iam.py reads PrincipalOutput.principal_id with
 * `_int64`), and account ids go above 2^53, where `JSON.parse` rounds a number to another principal's id. So it is read
 * from its source text (JSON.parse source text access, Node ≥ 21) as the exact decimal string, and sent back as such.
 */
const exactPrincipalIds = (key, value, context) => key === 'principal_id' && typeof value === 'number' && context?.source !== undefined && /^\d+$/.test(context.source)
    ? context.source
    : value;
const workspacePath = (workspaceId) => `/workspaces/${encodeURIComponent(workspaceId.trim())}`;
const principalPath = (workspaceId, principalId) => `${workspacePath(workspaceId)}/permissionassignments/principals/${encodeURIComponent(principalId)}`;
function parseAssignment(entry) {
    if (entry === null || typeof entry !== 'object')
        return undefined;
    const e = entry;
    const principal = e.principal;
    if (principal === null || typeof principal !== 'object')
        return undefined;
    const p = principal;
    const id = p.principal_id;
    // A number that lost digits (a runtime without the source text) would name another principal: left out.
    if (typeof id !== 'string' && !(typeof id === 'number' && Number.isSafeInteger(id)))
        return undefined;
    const text = (v) => (typeof v === 'string' && v !== '' ? v : undefined);
    const groupName = text(p.group_name);
    const userName = text(p.user_name);
    const servicePrincipalName = text(p.service_principal_name);
    const displayName = text(p.display_name);
    const permissions = Array.isArray(e.permissions)
        ? e.permissions.filter((x) => typeof x === 'string')
        : [];
    return {
        principalId: String(id),
        ...(groupName !== undefined ? { groupName } : {}),
        ...(userName !== undefined ? { userName } : {}),
        ...(servicePrincipalName !== undefined ? { servicePrincipalName } : {}),
        ...(displayName !== undefined ? { displayName } : {}),
        permissions
    };
}
function fixFor(status, method, path) {
    if (status === 401)
        return ACCOUNT_TOKEN_FIX;
    if (status === 403) {
        return 'Workspace assignments need a Databricks account admin: give the service principal (client-id) the account admin role (account console → User management).';
    }
    if (status === 404 && method === 'GET') {
        return `Check the workspace id (${path.split('/')[2] ?? '?'}) and the account id: the workspace must belong to this account and have identity federation enabled.`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/targets/databricks/scim-client.ts
// The Databricks SCIM client: workspace or account SCIM over fetch, with paging, filters, typed errors, retries
// that honour Retry-After and optional pacing of writes (see http.ts and pacer.ts). Writes are retried only where repeating
// them cannot do harm (see DatabricksHttp.request).






const SCIM_SCHEMAS = {
    user: 'urn:ietf:params:scim:schemas:core:2.0:User',
    servicePrincipal: 'urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal',
    group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
    patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
    listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
    error: 'urn:ietf:params:scim:api:messages:2.0:Error'
};
/**
 * Resources per list page: the SCIM list references cap `count` at 100 (docs.databricks.com/api/scim/v1/list-users:
 * "count … Constraints: <= 100"), so the client never asks for more, and copes with a server that answers fewer.
 */
const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE;
const USER_ATTRIBUTES = 'id,userName,displayName,active,externalId,entitlements';
const SERVICE_PRINCIPAL_ATTRIBUTES = 'id,applicationId,displayName,active,externalId,entitlements';
const GROUP_LIST_EXCLUDED = 'members';
/** The workspace SCIM base URL of a workspace host (`https://adb-….azuredatabricks.net`, any path dropped). */
function workspaceScimBase(host) {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `https://${host}`);
    return `${url.origin}/api/2.0/preview/scim/v2`;
}
/**
 * A SCIM filter string literal. RFC 7644 §3.4.2.2 takes string values from JSON (RFC 7159), so it is a JSON string:
 * `"` and `\` escaped, and control characters (a tab or line break in a group name) escaped too, never sent raw.
 */
function scimString(value) {
    return JSON.stringify(value);
}
class ScimClient {
    workspace;
    baseUrl;
    auth;
    level;
    pageSize;
    http;
    selfApplicationId;
    constructor(options) {
        this.workspace = options.workspace;
        this.baseUrl = options.baseUrl.replace(/\/+$/, '');
        this.auth = options.auth;
        this.level = options.level ?? 'workspace';
        this.selfApplicationId = options.selfApplicationId;
        this.pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE)));
        this.http = new DatabricksHttp({
            ...options,
            baseUrl: this.baseUrl,
            target: options.workspace,
            mediaType: 'scim',
            fixFor: (status, method, path) => this.fixFor(status, method, path),
            hostFix: this.level === 'account'
                ? 'Check the account host in the config (https://accounts.azuredatabricks.net).'
                : 'Check the workspace host in the config.'
        });
    }
    stats() {
        return this.http.stats();
    }
    /** Milliseconds writes waited for their pacing slot (see writeRates). */
    get pacedMs() {
        return this.http.pacedMs;
    }
    // ----- reads
    async me() {
        if (this.level === 'account') {
            // No /Me at account level: the action's own service principal, when the account has it, is "me".
            const self = this.selfApplicationId ? await this.findServicePrincipal(this.selfApplicationId) : undefined;
            return self ? { id: self.id, applicationId: self.applicationId } : { id: '' };
        }
        const body = asObject(await this.request('GET', '/Me'), this.workspace, 'GET /Me');
        const id = body.id;
        if (typeof id !== 'string' && typeof id !== 'number') {
            throw unexpectedAnswer(this.workspace, 'GET', '/Me', 'an answer without an id');
        }
        const userName = typeof body.userName === 'string' ? body.userName : undefined;
        // A service principal calling /Me is shown as a user whose userName is its application id.
        const applicationId = typeof body.applicationId === 'string' ? body.applicationId : userName && isGuid(userName) ? userName : undefined;
        return {
            id: String(id),
            ...(userName !== undefined ? { userName } : {}),
            ...(applicationId !== undefined ? { applicationId } : {})
        };
    }
    listUsers() {
        return this.list('/Users', { attributes: USER_ATTRIBUTES });
    }
    listServicePrincipals() {
        return this.list('/ServicePrincipals', { attributes: SERVICE_PRINCIPAL_ATTRIBUTES });
    }
    listGroups() {
        return this.list('/Groups', { excludedAttributes: GROUP_LIST_EXCLUDED });
    }
    async getGroup(id) {
        const path = `/Groups/${encodeURIComponent(id)}`;
        return resource(await this.request('GET', path), this.workspace, 'GET', path);
    }
    async findUser(userName) {
        const found = await this.find('/Users', 'userName', userName, { attributes: USER_ATTRIBUTES });
        return pick(found, (u) => u.userName, userName, 'user');
    }
    async findServicePrincipal(applicationId) {
        const found = await this.find('/ServicePrincipals', 'applicationId', applicationId, {
            attributes: SERVICE_PRINCIPAL_ATTRIBUTES
        });
        return pick(found, (sp) => sp.applicationId, applicationId, 'service principal');
    }
    /** The group with its members (a resume after a 409 goes on to compare them). */
    async findGroup(displayName) {
        const found = await this.find('/Groups', 'displayName', displayName, {});
        return pick(found, (g) => g.displayName, displayName, 'group');
    }
    // ----- writes
    async createUser(user) {
        const body = {
            schemas: [SCIM_SCHEMAS.user],
            userName: user.userName,
            ...optional(user, 'displayName', 'externalId', 'active'),
            ...scim_client_entitlements(user.entitlements)
        };
        return resource(await this.request('POST', '/Users', { body }), this.workspace, 'POST', '/Users');
    }
    async createServicePrincipal(sp) {
        const body = {
            schemas: [SCIM_SCHEMAS.servicePrincipal],
            applicationId: sp.applicationId,
            ...optional(sp, 'displayName', 'externalId', 'active'),
            ...scim_client_entitlements(sp.entitlements)
        };
        const path = '/ServicePrincipals';
        return resource(await this.request('POST', path, { body }), this.workspace, 'POST', path);
    }
    async createGroup(group) {
        const body = {
            schemas: [SCIM_SCHEMAS.group],
            displayName: group.displayName,
            ...optional(group, 'externalId'),
            ...scim_client_entitlements(group.entitlements)
        };
        return resource(await this.request('POST', '/Groups', { body }), this.workspace, 'POST', '/Groups');
    }
    /**
     * One PATCH. A retried one with a removal may find its first attempt's work done (that answer was lost): the
     * values are gone ("No such attribute", as terraform-provider-databricks scim/resource_entitlement.go tolerates),
     * or, for removals only, the resource itself (404). Both count as done.
     */
    async patch(type, id, operations) {
        if (operations.length === 0)
            return;
        const body = { schemas: [SCIM_SCHEMAS.patchOp], Operations: operations };
        const removes = operations.some((o) => o.op === 'remove');
        await this.request('PATCH', `/${type}/${encodeURIComponent(id)}`, {
            body,
            ...(removes
                ? {
                    doneAfterRetry: (status, error) => isNoSuchAttribute(status, error.detail),
                    goneAfterRetryIsSuccess: operations.every((o) => o.op === 'remove')
                }
                : {})
        });
    }
    /** Deletes; a 404 on a retry (the first attempt's answer was lost) counts as done. */
    async delete(type, id) {
        await this.request('DELETE', `/${type}/${encodeURIComponent(id)}`, { goneAfterRetryIsSuccess: true });
    }
    // ----- paging and filters
    /**
     * Every resource of a list, page by page. A page may hold fewer than asked (any server may cap `count`): the list
     * goes on from startIndex + the page's length until totalResults (the latest page's) is read, never ending at a
     * short page. It fails rather than end short or loop: on an empty page, or one with nothing new, while
     * totalResults says more remain, and on more pages than the first totalResults allows (a page holds one at
     * least). Without totalResults, an empty page ends the list, as in the official SDKs.
     */
    async list(path, params) {
        const out = [];
        const seen = new Set();
        let startIndex = 1;
        let maxPages;
        for (let pages = 1;; pages++) {
            const query = { ...params, startIndex: String(startIndex), count: String(this.pageSize) };
            const page = asObject(await this.request('GET', path, { query }), this.workspace, `GET ${path}`);
            const resources = page.Resources ?? [];
            if (!Array.isArray(resources))
                throw unexpectedAnswer(this.workspace, 'GET', path, 'a list whose Resources is not an array');
            let added = 0;
            for (const r of resources) {
                const item = normalizeId(r, this.workspace, 'GET', path);
                // Resources shifting between pages (a concurrent create or delete) must not yield duplicates.
                if (seen.has(item.id))
                    continue;
                seen.add(item.id);
                out.push(item);
                added++;
            }
            const total = typeof page.totalResults === 'number' ? page.totalResults : undefined;
            const asked = startIndex;
            startIndex += resources.length;
            if (total === undefined) {
                if (resources.length === 0)
                    break;
                if (added === 0)
                    throw this.pagingError(path, asked, 'a page with nothing new, and no totalResults');
                continue;
            }
            if (startIndex > total)
                break;
            const left = `while totalResults says ${total - asked + 1} more remain`;
            if (resources.length === 0)
                throw this.pagingError(path, asked, `an empty page ${left}`);
            if (added === 0)
                throw this.pagingError(path, asked, `a page with nothing new ${left}`);
            maxPages ??= total;
            if (pages >= maxPages)
                throw this.pagingError(path, asked, `more pages than its totalResults (${maxPages}) allow`);
        }
        return out;
    }
    pagingError(path, startIndex, what) {
        return new ScimRequestError({
            workspace: this.workspace,
            method: 'GET',
            path,
            status: 200,
            detail: `the list did not page: ${what}`,
            message: `Databricks ${this.workspace}: GET ${path} (startIndex ${startIndex}) answered ${what}; the list was not read whole, so nothing was changed.`,
            fix: 'Run again (a failed read changes nothing); if it keeps happening, the SCIM API is not paging as it should: report it to Databricks support.'
        });
    }
    async find(path, attribute, value, params) {
        const query = { ...params, filter: `${attribute} eq ${scimString(value)}` };
        const page = asObject(await this.request('GET', path, { query }), this.workspace, `GET ${path}`);
        const resources = page.Resources ?? [];
        if (!Array.isArray(resources))
            throw unexpectedAnswer(this.workspace, 'GET', path, 'a list whose Resources is not an array');
        return resources.map((r) => normalizeId(r, this.workspace, 'GET', path));
    }
    // ----- HTTP
    request(method, path, options = {}) {
        return this.http.request(method, path, options);
    }
    /** Advice for an error answer that is not retried. */
    fixFor(status, method, path) {
        const account = this.level === 'account';
        if (status === 401) {
            if (account) {
                return 'The Entra token was refused by the account API: check that tenant-id is the account’s tenant and that the service principal (client-id) is added to the Databricks account.';
            }
            return this.auth === 'pat'
                ? 'The personal access token was refused (expired, revoked or made for another workspace): create a new one and store it in the Key Vault secret named by token-secret.'
                : this.auth === 'entra'
                    ? 'The Entra token was refused: add the service principal (client-id) to the workspace as a workspace admin, and check that tenant-id is the workspace’s tenant.'
                    : 'The token was refused: for auth: entra add the service principal (client-id) to the workspace as an admin; for auth: pat create a new personal access token and update the Key Vault secret.';
        }
        if (status === 403) {
            return account
                ? 'The identity the action runs as must be a Databricks account admin: give its service principal the account admin role (account console → User management).'
                : this.auth === 'entra'
                    ? 'The service principal the action runs as (client-id) must be a workspace admin: add it to the workspace’s admins group (Settings → Identity and access), or give it the Contributor role on the workspace in Azure and set azure-resource-id for this workspace in the config, so Databricks adds it as a workspace admin on its next request (if azure-resource-id is set already, check the id and the role).'
                    : 'The identity the action runs as must be a workspace admin: add it to the workspace’s admins group (Settings → Identity and access).';
        }
        if (status === 404 && method === 'GET' && !path.slice(1).includes('/')) {
            return account
                ? 'Check the account id and host in the config: the account SCIM API is https://accounts.azuredatabricks.net/api/2.0/accounts/<account-id>/scim/v2.'
                : 'Check the workspace host in the config: it must be the workspace URL (https://adb-….azuredatabricks.net).';
        }
        return undefined;
    }
}
// ---------------------------------------------------------------------------------------------------------
// Helpers
function asObject(value, workspace, what) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
        return value;
    const shown = typeof value === 'string' ? value.slice(0, 80).replace(/\s+/g, ' ') : String(value);
    throw new ScimRequestError({
        workspace,
        method: what.split(' ')[0] ?? '',
        path: what.split(' ')[1] ?? '',
        status: 200,
        detail: 'the answer is not a JSON object',
        message: `Databricks ${workspace}: ${what} answered something that is not SCIM JSON: ${shown}`,
        fix: 'Check the workspace host in the config: it must be the workspace URL (https://adb-….azuredatabricks.net).'
    });
}
/** Databricks' answer to a removal whose values are not there (terraform-provider-databricks tolerates it). */
const isNoSuchAttribute = (status, detail) => status === 400 && /no such attribute/i.test(detail);
function unexpectedAnswer(workspace, method, path, what) {
    return new ScimRequestError({
        workspace,
        method,
        path,
        status: 200,
        detail: `unexpected answer: ${what}`,
        message: `Databricks ${workspace}: ${method} ${path} answered with ${what}.`,
        fix: 'Check the workspace host in the config: it must be the workspace URL (https://adb-….azuredatabricks.net).'
    });
}
function normalizeId(value, workspace, method, path) {
    const o = value;
    if (!o || typeof o !== 'object' || (typeof o.id !== 'string' && typeof o.id !== 'number')) {
        throw unexpectedAnswer(workspace, method, path, 'a resource without an id');
    }
    return (typeof o.id === 'number' ? { ...o, id: String(o.id) } : o);
}
function resource(value, workspace, method, path) {
    return normalizeId(asObject(value, workspace, `${method} ${path}`), workspace, method, path);
}
/** The resource whose key equals `wanted` (case-insensitive), else the only one the filter returned. */
/**
 * The one resource whose key is exactly `wanted` (ignoring case). A server that ignored the filter answers with
 * others: adopting one of them would put the wrong identity in place of the intended one, so that is an error.
 */
function pick(found, key, wanted, what) {
    const lower = wanted.toLowerCase();
    const exact = found.find((item) => key(item)?.toLowerCase() === lower);
    if (exact || found.length === 0)
        return exact;
    const others = found
        .slice(0, 3)
        .map((item) => JSON.stringify(key(item) ?? '?'))
        .join(', ');
    throw new ActionError(`Databricks answered the lookup of ${what} "${wanted}" with ${found.length} other ${found.length === 1 ? 'entry' : 'entries'} (${others}${found.length > 3 ? ', …' : ''}), so the filter was not applied; nothing was adopted in its place.`, 'This is a server problem: run again later; if it persists, check the workspace host points at Databricks and report it to Databricks support.');
}
function optional(source, ...keys) {
    const out = {};
    for (const k of keys)
        if (source[k] !== undefined)
            out[k] = source[k];
    return out;
}
function scim_client_entitlements(values) {
    return values?.length ? { entitlements: values.map((value) => ({ value })) } : {};
}

;// CONCATENATED MODULE: ./src/util/concurrency.ts
/** Maps items with at most `limit` calls in flight; results keep the input order. */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

;// CONCATENATED MODULE: ./src/targets/databricks/types.ts
/**
 * Whether workspace SCIM shows this group as an account group assigned to the workspace (identity federation):
 * workspace SCIM cannot change it (writes that involve it fail), so the action never adopts or writes it there.
 * At account level every group is `Group`, and the account's own.
 */
const isAccountGroupInWorkspace = (scim, g) => scim.level !== 'account' && g.meta?.resourceType === 'Group';
/**
 * Why such a group is not synced, and the fix. Workspace SCIM lists the account groups assigned to an
 * identity-federated workspace, but its "API calls will fail if they involve account groups"
 * (learn.microsoft.com/azure/databricks/archive/workspace-level-scim).
 */
const ACCOUNT_GROUP_IN_WORKSPACE = {
    reason: 'it is an account group (identity federation), which workspace SCIM cannot change',
    fix: 'manage it at account level: list it under account.groups and assign it to this workspace with account-groups (or map the Entra group to another Databricks group name)'
};
const addMembers = (ids) => ({
    op: 'add',
    path: 'members',
    value: ids.map((value) => ({ value }))
});
const removeMember = (id) => ({ op: 'remove', path: `members[value eq "${id}"]` });
const addEntitlements = (values) => ({
    op: 'add',
    path: 'entitlements',
    value: values.map((value) => ({ value }))
});
const removeEntitlements = (values) => ({
    op: 'remove',
    path: 'entitlements',
    value: values.map((value) => ({ value }))
});
const setActive = (active) => ({
    op: 'replace',
    path: 'active',
    value: [{ value: active ? 'true' : 'false' }]
});

;// CONCATENATED MODULE: ./src/targets/databricks/actual.ts




/** The action stamps the Entra object id as externalId on what it creates: such a principal is its own. */
const ownedByExternalId = (p) => isGuid(p.externalId);
/** Group reads in flight at once per workspace. */
const GROUP_READS = 4;
async function readActual(scim, wanted) {
    // Signed in with its own Entra token, the action is the service principal of its application id: no /Me needed.
    const self = scim.selfApplicationId?.toLowerCase();
    const [me, users, servicePrincipals, groups] = await Promise.all([
        self ? undefined : scim.me(),
        scim.listUsers(),
        scim.listServicePrincipals(),
        scim.listGroups()
    ]);
    const external = (g) => isAccountGroupInWorkspace(scim, g);
    // A workspace's own group wins over an account group of the same name or externalId (listed last, kept).
    const ordered = [...groups.filter(external), ...groups.filter((g) => !external(g))];
    const byExternalId = new Map(ordered.filter((g) => g.externalId).map((g) => [g.externalId, g]));
    const byName = new Map(ordered.map((g) => [g.displayName.toLowerCase(), g]));
    const read = new Map();
    const kept = new Map();
    for (const w of wanted) {
        const group = byExternalId.get(w.sourceId) ?? byName.get(w.name.toLowerCase());
        // An account group is never read or written here: the plan skips it with the fix.
        if (group)
            (external(group) ? kept : read).set(group.id, group);
    }
    const admins = byName.get(ADMINS_GROUP);
    if (admins)
        read.set(admins.id, admins);
    const withMembers = await mapLimit([...read.values()], GROUP_READS, (g) => scim.getGroup(g.id));
    return {
        users: users.map(fromUser),
        servicePrincipals: servicePrincipals.map(fromServicePrincipal),
        groups: [
            ...withMembers.map(fromGroup),
            ...[...kept.values()].map((g) => ({ ...fromGroup({ ...g, members: [] }), external: ACCOUNT_GROUP_IN_WORKSPACE }))
        ],
        selfId: me ? me.id : (servicePrincipals.find((sp) => sp.applicationId.toLowerCase() === self)?.id ?? ''),
        groupCount: groups.length
    };
}
function fromUser(u) {
    return {
        kind: 'user',
        id: u.id,
        key: u.userName,
        ...(u.displayName !== undefined ? { displayName: u.displayName } : {}),
        active: u.active !== false,
        ...(u.externalId ? { externalId: u.externalId } : {}),
        entitlements: (u.entitlements ?? []).map((e) => e.value)
    };
}
function fromServicePrincipal(sp) {
    return {
        kind: 'servicePrincipal',
        id: sp.id,
        key: sp.applicationId,
        ...(sp.displayName !== undefined ? { displayName: sp.displayName } : {}),
        active: sp.active !== false,
        ...(sp.externalId ? { externalId: sp.externalId } : {}),
        entitlements: (sp.entitlements ?? []).map((e) => e.value)
    };
}
function fromGroup(g) {
    return {
        id: g.id,
        displayName: g.displayName,
        ...(g.externalId ? { externalId: g.externalId } : {}),
        entitlements: (g.entitlements ?? []).map((e) => e.value),
        memberIds: (g.members ?? []).map((m) => m.value)
    };
}

;// CONCATENATED MODULE: ./src/core/aim.ts

/** The registry key a principal resolved in a run is recorded under (by kind: groups and principals apart). */
const aimIdKey = (externalId) => `externalId:${externalId.toLowerCase()}`;
const aim_lower = (text) => (text ?? '').toLowerCase();
/** Finds a source principal among the account's: by externalId, else (users, service principals) by its key. */
function accountMatcher(account) {
    const byExternalId = new Map();
    const byKey = new Map();
    for (const a of account) {
        if (a.externalId)
            byExternalId.set(`${a.kind}:${aim_lower(a.externalId)}`, a);
        // A user's name and a service principal's application id are unique in the account and stand for the same
        // Entra object: account SCIM keeps no externalId on users at all.
        if (a.kind !== 'group' && a.key)
            byKey.set(`${a.kind}:${aim_lower(a.key)}`, a);
    }
    return (found) => byExternalId.get(`${found.kind}:${aim_lower(found.id)}`) ??
        (found.kind !== 'group' && found.key ? byKey.get(`${found.kind}:${aim_lower(found.key)}`) : undefined);
}
/** How a source principal is named in plans: a user by its user principal name, others by their display name. */
const aimName = (found) => (found.kind === 'user' ? found.key : undefined) || found.displayName || found.key || found.id;
/** The listed principals (each object once, however many entries name it) and a resolve for each one not there. */
function planResolve(wanted, account) {
    const match = accountMatcher(account);
    const byObject = new Map();
    for (const w of wanted) {
        const key = `${w.kind}:${aim_lower(w.found.id)}`;
        const known = byObject.get(key);
        if (known) {
            known.refs.push(w.ref);
            if (w.removal === 'keep')
                known.removal = 'keep';
            continue;
        }
        const there = match(w.found);
        byObject.set(key, {
            kind: w.kind,
            externalId: w.found.id,
            name: aimName(w.found),
            ...(there ? { id: there.id } : {}),
            refs: [w.ref],
            removal: w.removal,
            ...(w.found.key ? { key: w.found.key } : {}),
            present: there !== undefined
        });
    }
    const principals = [...byObject.values()];
    const operations = principals
        .filter((p) => !p.present)
        .map((p) => ({ kind: 'resolve-principal', principal: { kind: p.kind, externalId: p.externalId, name: p.name } }));
    operations.sort(compareOperations);
    return { operations, principals };
}
/** The listed principal a workspace entry names: by a config reference or by the source's name (any case). */
function principalFor(principals, kind, ref) {
    const r = aim_lower(ref);
    const ofKind = principals.filter((p) => p.kind === kind);
    return (ofKind.find((p) => p.refs.some((x) => aim_lower(x) === r)) ??
        ofKind.find((p) => aim_lower(p.externalId) === r || aim_lower(p.key) === r) ??
        ofKind.find((p) => aim_lower(p.name) === r));
}

;// CONCATENATED MODULE: ./src/targets/databricks/identity-api-client.ts


/** The resolve paths by kind: `…/{groups|service-principals|users}/resolve-by-external-id` (databricks-sdk-go impl.go). */
const COLLECTION = {
    group: 'groups',
    servicePrincipal: 'service-principals',
    user: 'users'
};
/** The answer's field by kind (ResolveGroupResponse.group, ResolveServicePrincipalResponse.service_principal, …). */
const ANSWER_FIELD = { group: 'group', servicePrincipal: 'service_principal', user: 'user' };
/**
 * The principal's id by kind: `group_id`, `service_principal_id`, `user_id` (databricks-sdk-py since 2026-08;
 * `internal_id` before).
 */
const ID_FIELDS = {
    group: ['group_id', 'internal_id'],
    servicePrincipal: ['service_principal_id', 'internal_id'],
    user: ['user_id', 'internal_id']
};
/** Entitlements as the identity API spells them (databricks-sdk-go service/iamv2 model.go, Entitlement). */
const API_ENTITLEMENTS = {
    'workspace-access': 'WORKSPACE_ACCESS',
    'databricks-sql-access': 'DATABRICKS_SQL_ACCESS',
    'allow-cluster-create': 'ALLOW_CLUSTER_CREATE',
    'allow-instance-pool-create': 'ALLOW_INSTANCE_POOL_CREATE'
};
/** The entitlement an ADMIN permission shows as. */
const WORKSPACE_ADMIN = 'WORKSPACE_ADMIN';
/** Most denylist rules a page may hold; an account holds at most 100. */
const RULES_PAGE_SIZE = 100;
const MAX_PAGES = 1000;
/** Ids are int64: read from their source text so none is rounded above 2^53 (as in assignments-client.ts). */
const exactIds = (key, value, context) => /(^|_)id$/.test(key) && typeof value === 'number' && context?.source !== undefined && /^\d+$/.test(context.source)
    ? context.source
    : value;
/** A JSON number written from its exact decimal text (JSON.rawJSON, Node ≥ 21). */
const int64 = (digits) => JSON.rawJSON(digits);
class IdentityApiClient {
    accountId;
    http;
    constructor(options) {
        this.accountId = options.accountId.trim();
        this.http = accountHttp(options, {
            // No published rate for this API: no pacing, a 429 waits for its Retry-After.
            writeRates: options.writeRates ?? {},
            baseUrl: `${options.host.replace(/\/+$/, '')}/api/2.0`,
            fixFor: identity_api_client_fixFor
        });
    }
    stats() {
        return this.http.stats();
    }
    async resolve(kind, externalId) {
        const path = `${this.identityBase()}/${COLLECTION[kind]}/resolve-by-external-id`;
        // Resolving twice gives the same principal: safe to retry after a lost answer.
        const body = await this.request('POST', path, { body: { external_id: externalId }, idempotent: true });
        const principal = field(body, ANSWER_FIELD[kind]);
        const id = ID_FIELDS[kind].map((f) => principal?.[f]).find((v) => typeof v === 'string' && /^\d+$/.test(v));
        if (!principal || typeof id !== 'string')
            throw this.unexpected('POST', path, 'a resolved principal with an id');
        const text = (k) => typeof principal[k] === 'string' ? principal[k] : undefined;
        const name = kind === 'group' ? text('group_name') : kind === 'servicePrincipal' ? text('display_name') : text('username');
        const key = kind === 'servicePrincipal' ? text('application_id') : kind === 'user' ? text('username') : undefined;
        return {
            kind,
            id,
            externalId: text('external_id') ?? externalId,
            name: name ?? externalId,
            ...(key !== undefined ? { key } : {})
        };
    }
    async listDenyRules() {
        const path = this.rulesPath();
        const rules = [];
        const tokens = new Set();
        let token;
        for (let page = 0; page < MAX_PAGES; page++) {
            const query = {
                page_size: String(RULES_PAGE_SIZE),
                ...(token ? { page_token: token } : {})
            };
            const body = await this.request('GET', path, { query });
            const list = body === undefined ? [] : body?.account_access_identity_rules;
            if (list !== undefined && !Array.isArray(list))
                throw this.unexpected('GET', path, 'a list of rules');
            for (const entry of (list ?? [])) {
                const rule = parseRule(entry);
                if (rule)
                    rules.push(rule);
            }
            const next = body?.next_page_token;
            if (typeof next !== 'string' || next === '')
                return rules;
            // A token seen before would read the same pages forever: the list is not read whole.
            if (tokens.has(next))
                throw this.unexpected('GET', path, 'a next_page_token it gave before');
            tokens.add(next);
            token = next;
        }
        throw this.unexpected('GET', path, `a list that ends within ${MAX_PAGES} pages`);
    }
    async createDenyRule(externalId) {
        try {
            // databricks-sdk-py create_account_access_identity_rule: the id in the query, the rule as the body.
            await this.request('POST', this.rulesPath(), {
                query: { external_principal_id: externalId },
                body: { action: 'DENY', external_principal_id: externalId }
            });
        }
        catch (error) {
            // Made already (an earlier attempt whose answer was lost): what was wanted.
            if (error instanceof ScimConflictError)
                return;
            throw error;
        }
    }
    async deleteDenyRule(externalId) {
        try {
            await this.request('DELETE', `${this.rulesPath()}/${encodeURIComponent(externalId)}`, {
                goneAfterRetryIsSuccess: true
            });
        }
        catch (error) {
            // Gone already (lifted by hand since the read): what was wanted.
            if (error instanceof ScimNotFoundError)
                return;
            throw error;
        }
    }
    async workspaceEntitlements(workspaceId, principalId) {
        const path = this.assignmentPath(workspaceId, principalId);
        try {
            const body = await this.request('GET', path);
            const list = body?.entitlements;
            return Array.isArray(list) ? list.filter((e) => typeof e === 'string') : [];
        }
        catch (error) {
            if (error instanceof ScimNotFoundError)
                return undefined;
            throw error;
        }
    }
    async setWorkspaceEntitlements(workspaceId, principalId, entitlements) {
        // update_workspace_assignment: "Create and update manage exactly this set".
        await this.request('PATCH', this.assignmentPath(workspaceId, principalId), {
            query: { update_mask: 'entitlements' },
            body: { principal_id: int64(principalId), entitlements }
        });
    }
    identityBase() {
        return `/identity/accounts/${encodeURIComponent(this.accountId)}`;
    }
    /** `/api/2.0/{parent}/account-access-identity-rules` with parent `accounts/{account_id}` (databricks-sdk-py). */
    rulesPath() {
        return `/accounts/${encodeURIComponent(this.accountId)}/account-access-identity-rules`;
    }
    assignmentPath(workspaceId, principalId) {
        return `${this.identityBase()}/workspaces/${encodeURIComponent(workspaceId.trim())}/workspace-assignments/${encodeURIComponent(principalId)}`;
    }
    request(method, path, options = {}) {
        return this.http.request(method, path, { reviver: exactIds, ...options });
    }
    unexpected(method, path, expected) {
        return new ScimRequestError({
            workspace: `account ${this.accountId}`,
            method,
            path,
            status: 200,
            detail: 'unexpected answer',
            message: `Databricks account ${this.accountId}: ${method} ${path} answered something other than ${expected}.`,
            fix: ACCOUNT_HOST_FIX
        });
    }
}
function field(body, name) {
    if (body === null || typeof body !== 'object')
        return undefined;
    const value = body[name];
    return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? value
        : undefined;
}
function parseRule(entry) {
    if (entry === null || typeof entry !== 'object')
        return undefined;
    const e = entry;
    const text = (v) => (typeof v === 'string' && v !== '' ? v : undefined);
    // The name ends with the external id (accounts/{account_id}/account-access-identity-rules/{external_principal_id}).
    const externalId = text(e.external_principal_id) ?? text(e.name)?.split('/').pop();
    if (!externalId)
        return undefined;
    const displayName = text(e.display_name);
    const principalType = text(e.principal_type);
    return {
        externalId,
        action: text(e.action) ?? 'DENY',
        ...(displayName !== undefined ? { displayName } : {}),
        ...(principalType !== undefined ? { principalType } : {})
    };
}
function identity_api_client_fixFor(status, method, path) {
    if (status === 401)
        return ACCOUNT_TOKEN_FIX;
    if (status === 403) {
        return 'The identity API needs a Databricks account admin: give the service principal (client-id) the account admin role (account console → User management).';
    }
    if (path.endsWith('/resolve-by-external-id') && status === 404) {
        return 'Entra ID has no such object in the account’s tenant: check the reference in the config, and that the account’s automatic identity management reads this tenant.';
    }
    const needsAim = path.endsWith('/resolve-by-external-id') || (method === 'POST' && path.endsWith('/account-access-identity-rules'));
    if (needsAim && status >= 400 && status < 500 && status !== 409) {
        return 'Resolving by Entra object id and the denylist need automatic identity management: turn it on for the account (account console → Security → User provisioning → Automatic identity management), or remove `identity: aim` from the account in the config.';
    }
    if (method === 'PATCH' && status === 404) {
        return 'The principal is not directly assigned to the workspace: assign it (account-groups or account-service-principals) and run again.';
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/targets/databricks/scim-writer.ts


const DEFAULT_ADD_BATCH = 1000;
const DEFAULT_REMOVE_BATCH = 100;
class ScimWriter {
    scim;
    addBatch;
    removeBatch;
    constructor(scim, options = {}) {
        this.scim = scim;
        this.addBatch = options.addBatch ?? DEFAULT_ADD_BATCH;
        this.removeBatch = options.removeBatch ?? DEFAULT_REMOVE_BATCH;
    }
    /**
     * Additions and removals of one existing group that fit in one PATCH each way: the request that adds also
     * removes, so a group that changes both ways costs one write, not two.
     */
    pairs(operations) {
        const removals = new Map();
        for (const op of operations) {
            if (op.kind === 'remove-members' && op.members.length <= this.removeBatch)
                removals.set(op.groupId, op);
        }
        const pairs = new Map();
        for (const op of operations) {
            if (op.kind !== 'add-members' || !op.groupId)
                continue;
            const removal = removals.get(op.groupId);
            if (removal && op.members.length <= this.addBatch)
                pairs.set(op, removal);
        }
        return pairs;
    }
    async write(operations, ids) {
        const [op, carried] = operations;
        if (op?.kind === 'add-members' && carried?.kind === 'remove-members') {
            return this.addAndRemoveMembers(op, carried, ids);
        }
        if (!op || carried)
            throw new Error(`internal error: the SCIM writer cannot write ${operations.length} operations`);
        await this.run(op, ids);
    }
    run(op, ids) {
        const handler = this.handlers[op.kind];
        if (!handler)
            throw new Error(`internal error: ${op.kind} is not written through SCIM`);
        return handler(op, ids);
    }
    handlers = {
        'create-user': async (op, ids) => {
            const id = await this.create('Users', op.entitlements, () => this.scim.createUser({
                userName: op.userName,
                displayName: op.displayName,
                externalId: op.externalId,
                entitlements: op.entitlements
            }), () => this.scim.findUser(op.userName));
            ids.setPrincipal('user', op.userName, id);
        },
        'create-service-principal': async (op, ids) => {
            const id = await this.create('ServicePrincipals', op.entitlements, () => this.scim.createServicePrincipal({
                applicationId: op.applicationId,
                displayName: op.displayName,
                externalId: op.externalId,
                entitlements: op.entitlements
            }), () => this.scim.findServicePrincipal(op.applicationId));
            ids.setPrincipal('servicePrincipal', op.applicationId, id);
        },
        'create-group': async (op, ids) => {
            const id = await this.create('Groups', op.entitlements, () => this.scim.createGroup({
                displayName: op.displayName,
                externalId: op.externalId,
                entitlements: op.entitlements
            }), () => this.findGroupToAdopt(op.displayName));
            ids.setGroup(op.displayName, id);
        },
        'rename-group': async (op, ids) => {
            await this.scim.patch('Groups', op.groupId, [{ op: 'replace', path: 'displayName', value: op.to }]);
            ids.setGroup(op.to, op.groupId);
        },
        'update-display-name': (op, ids) => this.scim.patch(resourceType(op.principal.kind), principalId(op.principal, ids), [
            { op: 'replace', path: 'displayName', value: op.to }
        ]),
        reactivate: (op, ids) => this.setActive(op, ids, true),
        deactivate: (op, ids) => this.setActive(op, ids, false),
        delete: (op, ids) => this.scim.delete(resourceType(op.principal.kind), principalId(op.principal, ids)),
        'add-entitlements': (op, ids) => this.scim.patch(resourceType(op.principal.kind), principalId(op.principal, ids), [addEntitlements(op.add)]),
        'set-group-entitlements': async (op, ids) => {
            const groupId = requireId(ids.group(op.group, op.groupId), `group ${op.group}`);
            const ops = [
                ...(op.add.length ? [addEntitlements(op.add)] : []),
                ...(op.remove.length ? [removeEntitlements(op.remove)] : [])
            ];
            if (ops.length)
                await this.scim.patch('Groups', groupId, ops);
        },
        'add-members': async (op, ids) => {
            const groupId = requireId(ids.group(op.group, op.groupId), `group ${op.group}`);
            const { memberIds, missing } = memberIdsOf(op, ids);
            for (const batch of chunks(memberIds, this.addBatch)) {
                await this.scim.patch('Groups', groupId, [addMembers(batch)]);
            }
            if (missing.length)
                throw new Error(notCreated(missing));
        },
        'remove-members': async (op) => {
            for (const batch of chunks(op.members, this.removeBatch)) {
                await this.scim.patch('Groups', op.groupId, batch.map((m) => removeMember(requireId(m.id, m.display))));
            }
        }
    };
    setActive(op, ids, active) {
        return this.scim.patch(resourceType(op.principal.kind), principalId(op.principal, ids), [setActive(active)]);
    }
    /** The group a create met (409, or a lost answer), unless it is an account group: that one is never adopted. */
    async findGroupToAdopt(displayName) {
        const found = await this.scim.findGroup(displayName);
        if (found && isAccountGroupInWorkspace(this.scim, found)) {
            throw new Error(`group ${displayName} was not created: the workspace already has a group of that name, and ${ACCOUNT_GROUP_IN_WORKSPACE.reason}. Fix: ${ACCOUNT_GROUP_IN_WORKSPACE.fix}.`);
        }
        return found;
    }
    /** One PATCH that adds and removes; the outcome of both operations (the removal is done when the PATCH is). */
    async addAndRemoveMembers(add, remove, ids) {
        const { memberIds, missing } = memberIdsOf(add, ids);
        try {
            const ops = [
                ...(memberIds.length ? [addMembers(memberIds)] : []),
                ...remove.members.map((m) => removeMember(requireId(m.id, m.display)))
            ];
            await this.scim.patch('Groups', remove.groupId, ops);
        }
        catch (error) {
            const failed = { status: 'failed', error: describeError(error) };
            return [
                { operation: add, ...failed },
                { operation: remove, ...failed }
            ];
        }
        const added = missing.length
            ? { operation: add, status: 'failed', error: notCreated(missing) }
            : { operation: add, status: 'done' };
        return [added, { operation: remove, status: 'done' }];
    }
    /**
     * Creates a resource, or adopts the one already there (createOrAdopt); its id. An adopted resource (made by hand,
     * by a racing client, or by a POST whose answer was lost) gets the planned entitlements it lacks, so the run that
     * adopts it leaves nothing for the next one.
     */
    async create(type, wanted, create, find) {
        const { value, adopted } = await createOrAdopt(create, find);
        const has = new Set((value.entitlements ?? []).map((e) => e.value));
        const missing = wanted.filter((e) => !has.has(e));
        if (adopted && missing.length > 0)
            await this.scim.patch(type, value.id, [addEntitlements(missing)]);
        return value.id;
    }
}
const resourceType = (kind) => kind === 'user' ? 'Users' : 'ServicePrincipals';
function principalId(ref, ids) {
    return requireId(ids.principal(ref), ref.display);
}
/** The target ids of an addition's members, and the members that have none (their creation failed). */
function memberIdsOf(op, ids) {
    const memberIds = [];
    const missing = [];
    for (const m of op.members) {
        const id = ids.principal(m);
        if (id)
            memberIds.push(id);
        else
            missing.push(m.display);
    }
    return { memberIds, missing };
}
const notCreated = (missing) => `${missing.length} member(s) could not be added because creating them failed: ${missing.join(', ')}`;
/**
 * Creates a resource, or adopts the existing one when it is already there: a 409 (a previous run got this
 * far) or a POST whose answer was lost (it may have been created).
 */
async function createOrAdopt(create, find) {
    try {
        return { value: await create(), adopted: false };
    }
    catch (error) {
        if (!isConflict(error) && !mayHaveBeenApplied(error))
            throw error;
        const existing = await find();
        if (existing)
            return { value: existing, adopted: true };
        if (isConflict(error))
            throw error;
        // The lost POST did not create it after all: one more try is safe.
        return { value: await create(), adopted: false };
    }
}
const isConflict = (error) => error.status === 409;
const mayHaveBeenApplied = (error) => error.maybeApplied === true;
function requireId(id, what) {
    if (!id)
        throw new Error(`${what} has no Databricks id (its creation failed earlier in this run)`);
    return id;
}
function chunks(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}

;// CONCATENATED MODULE: ./src/targets/databricks/identity-api-writer.ts
// The identity-api port's writer over the account identity API (identity-api-client.ts): one handler per kind the
// port writes (the table must cover them all, or this does not compile). A principal resolved in this run is
// recorded in the registry under its Entra object id, so later operations (and steps) find its account id.



/** The account id of an AIM principal: on the reference, or recorded when this run resolved it. */
function aimId(principal, ids) {
    if (principal.id)
        return principal.id;
    const key = aimIdKey(principal.externalId);
    return principal.kind === 'group'
        ? ids.group(key, undefined)
        : ids.principal({ kind: principal.kind, key, display: '' });
}
/** Records the account id of a principal resolved in this run. */
function recordAimId(principal, id, ids) {
    const key = aimIdKey(principal.externalId);
    if (principal.kind === 'group')
        ids.setGroup(key, id);
    else
        ids.setPrincipal(principal.kind, key, id);
}
class IdentityApiWriter {
    api;
    constructor(api) {
        this.api = api;
    }
    async write(operations, ids) {
        const [op] = operations;
        const handler = op && this.handlers[op.kind];
        if (!op || !handler || operations.length > 1) {
            throw new Error(`internal error: ${op?.kind ?? 'nothing'} is not written through the identity API`);
        }
        await handler(op, ids);
    }
    handlers = {
        'resolve-principal': async (op, ids) => {
            const resolved = await this.api.resolve(op.principal.kind, op.principal.externalId);
            recordAimId(op.principal, resolved.id, ids);
        },
        'add-deny-rule': (op) => this.api.createDenyRule(op.principal.externalId),
        'remove-deny-rule': (op) => this.api.deleteDenyRule(op.principal.externalId),
        'set-workspace-entitlements': async (op, ids) => {
            const id = requireId(aimId(op.principal, ids), `${op.principal.kind} ${op.principal.name}`);
            // The API sets exactly the set sent: an ADMIN's admin entitlement goes with it, or the permission would go.
            const entitlements = op.entitlements.map((e) => API_ENTITLEMENTS[e]);
            if (op.permission === 'ADMIN')
                entitlements.push(WORKSPACE_ADMIN);
            await this.api.setWorkspaceEntitlements(op.workspaceId, id, entitlements);
        }
    };
}

;// CONCATENATED MODULE: ./src/targets/databricks/assignments-writer.ts


class AssignmentsWriter {
    api;
    constructor(api) {
        this.api = api;
    }
    async write(operations, ids) {
        const [op] = operations;
        const handler = op && this.handlers[op.kind];
        if (!op || !handler || operations.length > 1) {
            throw new Error(`internal error: ${op?.kind ?? 'nothing'} is not written through workspace assignments`);
        }
        await handler(op, ids);
    }
    handlers = {
        'assign-to-workspace': async (op, ids) => {
            const groupId = requireId(ids.group(op.group, op.groupId), `group ${op.group}`);
            await this.api.assign(op.workspaceId, groupId, [op.permission]);
        },
        'unassign-from-workspace': (op) => this.api.unassign(op.workspaceId, op.groupId),
        // Accounts with automatic identity management: groups and service principals by id; one resolved in this run
        // has its id in the registry under its Entra object id.
        'assign-principal': async (op, ids) => {
            const id = requireId(aimId(op.principal, ids), `${op.principal.kind} ${op.principal.name}`);
            await this.api.assign(op.workspaceId, id, [op.permission]);
        },
        'unassign-principal': (op) => this.api.unassign(op.workspaceId, op.principal.id)
    };
}

;// CONCATENATED MODULE: ./src/targets/databricks/ownership.ts



/** The account group whose members are what the action created (fixed name; never give it anything). */
const OWNERSHIP_GROUP = 'entra-databricks-sync-managed';
/** Members added to the ownership group per PATCH (as for any group, ScimWriter's add batch). */
const MARK_BATCH = 1000;
const isOwnershipGroup = (displayName) => displayName.trim().toLowerCase() === OWNERSHIP_GROUP;
/** What the action owns in the account, read from the ownership group, and the marking of what it creates. */
class AccountOwnership {
    scim;
    groupId;
    creating;
    marked = new Set();
    pending = [];
    flushing;
    /** The account's ownership rule for the planner: a member of the ownership group. */
    owns = Object.assign((p) => this.marked.has(p.id), {
        rule: `not a member of the account group ${OWNERSHIP_GROUP}, which marks what it created`
    });
    /** `scim`: the account's SCIM API itself (not the marking one: the group is not its own member). */
    constructor(scim) {
        this.scim = scim;
    }
    /** What a read found: the ownership group with its members, or none yet. */
    load(group) {
        this.groupId = group?.id;
        this.creating = undefined;
        this.marked.clear();
        for (const id of group?.memberIds ?? [])
            this.marked.add(id);
    }
    ownsGroup(id) {
        return this.marked.has(id);
    }
    /**
     * Adds an identity this run created to the ownership group; resolves once the group has it. Creates that finish
     * while a PATCH is in flight go together in the next one, so marking costs far fewer writes than creating.
     */
    mark(id) {
        return new Promise((done, failed) => {
            this.pending.push({ id, done, failed });
            this.flushing ??= this.flush();
        });
    }
    async flush() {
        try {
            while (this.pending.length > 0) {
                const batch = this.pending.splice(0, MARK_BATCH);
                try {
                    const groupId = await this.group();
                    await this.scim.patch('Groups', groupId, [addMembers(batch.map((p) => p.id))]);
                    for (const p of batch) {
                        this.marked.add(p.id);
                        p.done();
                    }
                }
                catch (error) {
                    for (const p of batch)
                        p.failed(error);
                }
            }
        }
        finally {
            this.flushing = undefined;
        }
    }
    /** The ownership group's id: as read, or created (or adopted after a 409 or a lost answer) the first time. */
    group() {
        if (this.groupId)
            return Promise.resolve(this.groupId);
        this.creating ??= createOrAdopt(() => this.scim.createGroup({ displayName: OWNERSHIP_GROUP }), () => this.scim.findGroup(OWNERSHIP_GROUP)).then(({ value }) => (this.groupId = value.id), (error) => {
            this.creating = undefined;
            throw error;
        });
        return this.creating;
    }
}
/**
 * The account's SCIM API as its writer sees it: what a create makes is marked as the action's before the create
 * returns, and so is what a find meets after this run's own create of it lost its answer (it was most likely that
 * create). What a create meets with a 409 was made by someone else: not marked, so never deactivated or deleted.
 */
class MarkingScim {
    scim;
    ownership;
    /** Keys whose create may have been applied without an answer. */
    lost = new Set();
    constructor(scim, ownership) {
        this.scim = scim;
        this.ownership = ownership;
    }
    get level() {
        return this.scim.level;
    }
    get selfApplicationId() {
        return this.scim.selfApplicationId;
    }
    me = () => this.scim.me();
    listUsers = () => this.scim.listUsers();
    listServicePrincipals = () => this.scim.listServicePrincipals();
    listGroups = () => this.scim.listGroups();
    getGroup = (id) => this.scim.getGroup(id);
    patch = (type, id, operations) => this.scim.patch(type, id, operations);
    delete = (type, id) => this.scim.delete(type, id);
    stats = () => this.scim.stats();
    createUser = (u) => this.created('user', u.userName, () => this.scim.createUser(u));
    createServicePrincipal = (sp) => this.created('servicePrincipal', sp.applicationId, () => this.scim.createServicePrincipal(sp));
    createGroup = (g) => this.created('group', g.displayName, () => this.scim.createGroup(g));
    findUser = (userName) => this.found('user', userName, () => this.scim.findUser(userName));
    findServicePrincipal = (applicationId) => this.found('servicePrincipal', applicationId, () => this.scim.findServicePrincipal(applicationId));
    findGroup = (displayName) => this.found('group', displayName, () => this.scim.findGroup(displayName));
    async created(kind, key, create) {
        const lostKey = `${kind}:${key.toLowerCase()}`;
        let value;
        try {
            value = await create();
        }
        catch (error) {
            if (mayHaveBeenApplied(error))
                this.lost.add(lostKey);
            throw error;
        }
        this.lost.delete(lostKey);
        await this.markOrExplain(kind, key, value.id);
        return value;
    }
    async found(kind, key, find) {
        const value = await find();
        if (value && this.lost.delete(`${kind}:${key.toLowerCase()}`))
            await this.markOrExplain(kind, key, value.id);
        return value;
    }
    /** A failed mark fails the create with what it means (a plain error: nothing for a create to adopt or retry). */
    async markOrExplain(kind, key, id) {
        try {
            await this.ownership.mark(id);
        }
        catch (error) {
            const what = kind === 'user' ? 'user' : kind === 'group' ? 'group' : 'service principal';
            throw new Error(`${what} ${key} was created, but adding it to the account group ${OWNERSHIP_GROUP}, which marks what this ` +
                `action created, failed: ${describeError(error)}. Until it is a member of that group the action never ` +
                `deactivates or deletes it${kind === 'group' ? ' and leaves its members alone' : ''}; add it to the group ` +
                'by hand to hand it over.');
        }
    }
}

;// CONCATENATED MODULE: ./src/targets/databricks/targets.ts




class ScimIdentityTarget {
    scim;
    owns = ownedByExternalId;
    writer;
    /**
     * Workspace SCIM takes no user display names: under identity federation (the default for most workspaces, and for
     * every Azure workspace made since 9 November 2023) a user's displayName "cannot be updated through the Workspace
     * SCIM APIs" (databricks-sdk-go
     * service/iam/model.go, User.DisplayName), the account keeps it. Sending one would fail every run; so only the
     * account level, and service principals anywhere, have theirs kept in step. New users still get Entra's name.
     */
    updatesDisplayName = (p) => this.scim.level === 'account' || p.kind !== 'user';
    constructor(scim, options = {}) {
        this.scim = scim;
        this.writer = new ScimWriter(scim, options);
    }
    read(wanted) {
        return readActual(this.scim, wanted);
    }
    requests() {
        const s = this.scim.stats();
        return {
            total: Object.values(s.requests).reduce((a, b) => a + b, 0),
            throttled: s.throttled,
            retries: s.retries,
            waitedMs: s.waitedMs
        };
    }
}
/**
 * Why the account target leaves a group alone that carries an externalId it did not create: an identity provider
 * keeps it. With automatic identity management (on by default for accounts created since August 2025), "when AIM is
 * enabled and the group is an external identity (its external_id is set), only external_id can be updated; its other
 * fields are sourced from your identity provider" (databricks-sdk-py service/iamv2.py, update_group), and SCIM
 * writes to its members fail. Account SCIM says nowhere whether AIM is on, so every such group counts (the stricter
 * rule): an Entra provisioning connector's groups are left to the connector too.
 */
const KEPT_BY_IDENTITY_PROVIDER = {
    reason: 'its membership is kept by an identity provider (it has an externalId and this action did not create it); ' +
        'with automatic identity management, Databricks keeps an Entra group’s members itself and refuses SCIM changes to them',
    fix: 'manage it with Databricks automatic identity management and only assign it to workspaces (account-groups), ' +
        `or map the Entra group to another Databricks group name; if this action created it, add it to the account group ${OWNERSHIP_GROUP}`
};
const OWNERSHIP_GROUP_MAPPED = {
    reason: `it is the account group that marks what this action created (${OWNERSHIP_GROUP})`,
    fix: 'map the Entra group to another Databricks group name'
};
/**
 * The account's identities: account SCIM, whose ownership rule is membership of the ownership group (ownership.ts),
 * which its writer keeps up after every create. The group itself is never planned on; groups with an externalId
 * that the action did not create are kept elsewhere (KEPT_BY_IDENTITY_PROVIDER).
 */
class AccountIdentityTarget extends ScimIdentityTarget {
    owns;
    ownership;
    constructor(scim, options = {}) {
        const ownership = new AccountOwnership(scim);
        super(new MarkingScim(scim, ownership), options);
        this.ownership = ownership;
        this.owns = ownership.owns;
    }
    async read(wanted) {
        const actual = await readActual(this.scim, [...wanted, { sourceId: '', name: OWNERSHIP_GROUP }]);
        this.ownership.load(actual.groups.find((g) => isOwnershipGroup(g.displayName)));
        const mapsOwnershipGroup = wanted.some((w) => isOwnershipGroup(w.name));
        const groups = actual.groups.flatMap((g) => {
            if (isOwnershipGroup(g.displayName))
                return mapsOwnershipGroup ? [{ ...g, external: OWNERSHIP_GROUP_MAPPED }] : [];
            if (g.externalId && !g.external && !this.ownership.ownsGroup(g.id)) {
                return [{ ...g, external: KEPT_BY_IDENTITY_PROVIDER }];
            }
            return [g];
        });
        return { ...actual, groups };
    }
}
class AccountAssignmentsTarget {
    api;
    accountScim;
    writer;
    constructor(api, accountScim) {
        this.api = api;
        this.accountScim = accountScim;
        this.writer = new AssignmentsWriter(api);
    }
    list(workspaceId) {
        return this.api.list(workspaceId);
    }
    async groups() {
        return (await this.accountScim.listGroups()).map((g) => ({ id: g.id, displayName: g.displayName }));
    }
}

;// CONCATENATED MODULE: ./src/targets/databricks/aim-target.ts



const ENTITLEMENT_BY_API = new Map(Object.entries(API_ENTITLEMENTS).map(([word, api]) => [api, word]));
class DatabricksAimTarget {
    scim;
    assignmentsApi;
    identityApi;
    identityWriter;
    assignmentsWriter;
    constructor(scim, assignmentsApi, identityApi) {
        this.scim = scim;
        this.assignmentsApi = assignmentsApi;
        this.identityApi = identityApi;
        this.identityWriter = new IdentityApiWriter(identityApi);
        this.assignmentsWriter = new AssignmentsWriter(assignmentsApi);
    }
    async principals(kind) {
        const optional = (externalId) => (externalId ? { externalId } : {});
        if (kind === 'group') {
            return (await this.scim.listGroups()).map((g) => ({
                kind,
                id: g.id,
                name: g.displayName,
                ...optional(g.externalId)
            }));
        }
        if (kind === 'servicePrincipal') {
            return (await this.scim.listServicePrincipals()).map((s) => ({
                kind,
                id: s.id,
                name: s.displayName ?? s.applicationId,
                key: s.applicationId,
                ...optional(s.externalId),
                ...(s.active !== undefined ? { active: s.active } : {})
            }));
        }
        return (await this.scim.listUsers()).map((u) => ({
            kind,
            id: u.id,
            name: u.userName,
            key: u.userName,
            ...optional(u.externalId),
            ...(u.active !== undefined ? { active: u.active } : {})
        }));
    }
    async assignments(workspaceId) {
        return (await this.assignmentsApi.list(workspaceId)).map((a) => ({ ...a, permissions: [...a.permissions] }));
    }
    async entitlements(workspaceId, principalId) {
        const list = await this.identityApi.workspaceEntitlements(workspaceId, principalId);
        // WORKSPACE_ADMIN is the ADMIN permission (managed as such), and kinds the config has no word for stay out.
        return list?.flatMap((e) => {
            const word = ENTITLEMENT_BY_API.get(e);
            return word ? [word] : [];
        });
    }
    denyRules() {
        return this.identityApi.listDenyRules();
    }
    requests() {
        const all = [this.scim.stats(), this.assignmentsApi.stats(), this.identityApi.stats?.()].filter((s) => s !== undefined);
        return {
            total: all.reduce((n, s) => n + Object.values(s.requests).reduce((a, b) => a + b, 0), 0),
            throttled: all.reduce((n, s) => n + s.throttled, 0),
            retries: all.reduce((n, s) => n + s.retries, 0),
            waitedMs: all.reduce((n, s) => n + s.waitedMs, 0)
        };
    }
}

;// CONCATENATED MODULE: ./src/targets/databricks/aim-wiring.ts





function aimAccountTarget(acc, token, clientId, signal) {
    const scim = new ScimClient({
        baseUrl: accountScimBase(acc.host, acc.id),
        token,
        workspace: `account ${acc.id}`,
        level: 'account',
        auth: 'entra',
        selfApplicationId: clientId,
        writeRates: ACCOUNT_WRITE_RATES,
        signal
    });
    const assignments = new PermissionAssignmentsClient({ host: acc.host, accountId: acc.id, token, signal });
    const identity = new IdentityApiClient({ host: acc.host, accountId: acc.id, token, signal });
    return new DatabricksAimTarget(scim, assignments, identity);
}
/** Workspace SCIM's groups: `WorkspaceGroup` ones are workspace-local, `Group` ones the account's. */
async function workspaceGroups(ws, token, signal) {
    const scim = new ScimClient({ baseUrl: workspaceScimBase(ws.host), token, workspace: ws.name, auth: ws.auth, signal });
    return (await scim.listGroups()).map((g) => ({
        displayName: g.displayName,
        local: g.meta?.resourceType !== 'Group'
    }));
}

;// CONCATENATED MODULE: ./src/wiring.ts
// The composition root's parts: the real clients (Entra credential, Graph, Key Vault, Databricks SCIM and account
// APIs) built from the parsed inputs, and the run's cancellation signal. Commands get what they need from here;
// nothing below reads an input.


















const workspaceDir = () => process.env.GITHUB_WORKSPACE || process.cwd();
/** One cancellation per run: every caller of `cancellation()` gets the same signal (one handler per signal). */
let runSignal;
/**
 * A cancelled workflow sends SIGINT, then SIGTERM seconds later, then kills. On the first, the sync starts no new
 * request, ends every wait (a Retry-After, a backoff, a sign-in or Key Vault request, a Databricks read in flight)
 * and gives Databricks writes in flight a few seconds to be answered, so the summary, outputs and plan file say what
 * was made (and the next run makes the rest); a second signal ends the process at once.
 */
function cancellation() {
    if (runSignal)
        return runSignal;
    const controller = new AbortController();
    (0,isolate/* onCancel */.Ao)((signal) => {
        // A second signal ends the worker at once, and the process with its code.
        if (controller.signal.aborted)
            process.exit(signal === 'SIGINT' ? 130 : 143);
        core.warning(`Received ${signal}: finishing the requests in flight and starting no new ones.`);
        controller.abort();
    });
    runSignal = controller.signal;
    return runSignal;
}
function signInSettings(inputs) {
    if (!inputs.tenantId || !inputs.clientId)
        return undefined;
    return {
        tenantId: inputs.tenantId,
        clientId: inputs.clientId,
        audience: inputs.audience,
        authorityHost: inputs.authorityHost,
        ...(inputs.clientSecret ? { clientSecret: inputs.clientSecret } : {})
    };
}
/**
 * The Entra credential, Graph and the Entra directory, and the Key Vault reader, signed in as the app. Graph
 * requests end when `signal` (the run's cancellation) aborts, and each has a timeout (ENTRA_SYNC_GRAPH_TIMEOUT_MS
 * shortens it for tests).
 */
function signIn(settings, graphEndpoint, signal) {
    // The sign-in services' requests (GitHub OIDC, Entra, Key Vault) share one guard: no redirect, a timeout
    // (ENTRA_SYNC_HTTP_TIMEOUT_MS shortens it for tests), one retry budget, and the run's cancellation, which ends
    // them at once in every command (they only read).
    const cancel = signal ?? cancellation();
    const guard = new RequestGuard({ timeoutMs: requestTimeoutMs(process.env), signal: cancel });
    const credential = createCredential(settings, githubOidcToken(process.env, guard, mask), mask, guard);
    const identity = `app ${settings.clientId}`;
    // Graph reads end on cancellation in every command (validate and provision-app only read through it).
    const graph = createGraphClient(credential, graphEndpoint, { timeoutMs: graphTimeoutMs(process.env), signal: cancel });
    const secrets = new KeyVaultSecretReader(credential, mask, identity, guard);
    return { credential, identity, graph, secrets, directory: new GraphDirectory(graph, identity) };
}
/**
 * The Databricks targets: a workspace's SCIM, and the account's SCIM and workspace assignments. Each target has one
 * retry budget for all its requests (the account's two clients share theirs), and every request a timeout.
 */
function databricksTargets(settings, signedIn, signal) {
    const { credential, secrets } = signedIn;
    const accountToken = databricksToken({ name: 'account', auth: 'entra' }, credential, secrets);
    const timeoutMs = requestTimeoutMs(process.env);
    return {
        workspace: (ws) => {
            // With azure-resource-id, Databricks can add the action's service principal as a workspace admin itself.
            const headers = azureWorkspaceHeaders(ws, credential);
            return new ScimIdentityTarget(new ScimClient({
                baseUrl: workspaceScimBase(ws.host),
                token: databricksToken(ws, credential, secrets),
                ...(headers ? { headers } : {}),
                workspace: ws.name,
                auth: ws.auth,
                ...(ws.auth === 'entra' ? { selfApplicationId: settings.clientId } : {}),
                timeoutMs,
                signal,
                onRetry: (event) => core.debug(`${ws.name}: ${JSON.stringify(event)}`)
            }));
        },
        account: (acc) => {
            const budget = new RetryBudget(retryPolicy().budgetMs);
            const scim = new ScimClient({
                baseUrl: accountScimBase(acc.host, acc.id),
                token: accountToken,
                workspace: `account ${acc.id}`,
                level: 'account',
                auth: 'entra',
                selfApplicationId: settings.clientId,
                writeRates: ACCOUNT_WRITE_RATES,
                timeoutMs,
                budget,
                signal
            });
            const assignments = new PermissionAssignmentsClient({
                host: acc.host,
                accountId: acc.id,
                token: accountToken,
                timeoutMs,
                budget,
                signal
            });
            return {
                identities: new AccountIdentityTarget(scim),
                assignments: new AccountAssignmentsTarget(assignments, scim)
            };
        },
        /** An account with automatic identity management: account SCIM reads, assignments and the identity API. */
        aim: (acc) => aimAccountTarget(acc, accountToken, settings.clientId, signal),
        /** A workspace's groups through its SCIM API (the readiness check of automatic identity management). */
        workspaceGroups: (ws) => workspaceGroups(ws, databricksToken(ws, credential, secrets), signal)
    };
}

;// CONCATENATED MODULE: ./src/config/problems.ts
/** `file:line:column: message` (or the message alone for a problem with no file), as a compiler would print it. */
function formatProblem(problem) {
    const where = problem.file ? `${problem.file}:${problem.line}:${problem.column}: ` : '';
    return `${where}${problem.severity === 'warning' ? 'warning: ' : ''}${problem.message}`;
}
function hasErrors(problems) {
    return problems.some((p) => p.severity === 'error');
}
function countBySeverity(problems) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    return { errors, warnings: problems.length - errors };
}

;// CONCATENATED MODULE: ./src/commands/selection.ts
// The selected targets of a valid config, for every command but validate: bad config never reaches the network,
// every problem is annotated at file:line, and the run stops before it signs in.







async function loadSelected(inputs, command) {
    const { config, problems } = await loadConfig(inputs.config, {
        cwd: workspaceDir(),
        allowOutside: inputs.allowOutsideWorkspace
    });
    const selection = selectTargets(config, inputs.workspaces);
    const configProblems = [...problems, ...selection.problems];
    const errors = countBySeverity(configProblems).errors;
    if (errors > 0) {
        annotate(configProblems, core);
        core.summary.addHeading(`❌ ${command} not started: the config has errors`, 2);
        addProblemsTable(core.summary, configProblems);
        throw new ActionError(`The config has ${errors} error(s), so nothing was changed.`, 'Fix the problems annotated on the config files (run command: validate on pull requests to catch them before merge).');
    }
    return selection;
}
/** For a command that writes: a valid config, and the sign-in settings it needs. */
async function loadForWriting(inputs, command) {
    const selection = await loadSelected(inputs, command);
    const settings = signInSettings(inputs);
    if (!settings) {
        throw new ActionError(`command: ${command} needs an Entra sign-in, but tenant-id and client-id are not set.`, 'Set tenant-id and client-id (and `permissions: id-token: write`), as the README shows.');
    }
    return { ...selection, settings };
}

;// CONCATENATED MODULE: ./src/commands/matrix.ts
// command: matrix — the selected workspaces as a GitHub Actions matrix, so a large estate runs one job per
// workspace (strategy.matrix + fromJSON) on GitHub's runners instead of one long job.




/** The action's matrix: the `matrix` output and its summary. */
async function runMatrix(inputs) {
    const matrix = buildMatrix((await loadSelected(inputs, 'matrix')).workspaces);
    core.setOutput('matrix', JSON.stringify(matrix));
    addMatrixSummary(core.summary, matrix);
    core.info(`Matrix of ${matrix.include.length} workspace(s): ${matrix.include.map((e) => e.workspace).join(', ')}`);
}

;// CONCATENATED MODULE: ./src/provisioning/types.ts

/** The gallery app "Azure Databricks SCIM Provisioning Connector". */
const DATABRICKS_CONNECTOR_TEMPLATE_ID = '9c9818d2-2900-49e8-8ba4-22688be7c675';
/** Its synchronization job template. */
const DATABRICKS_SYNC_TEMPLATE_ID = 'dataBricks';
/** The app role groups are assigned to (looked up by display name on the app, never hard-coded). */
const USER_ROLE_NAME = 'User';
function jobRunState(code, schedule) {
    if (code === 'Quarantine')
        return 'quarantine';
    if (schedule === 'Disabled' || schedule === 'Paused' || code === 'Paused' || code === 'NotConfigured') {
        return 'stopped';
    }
    if (code === 'NotRun')
        return schedule === 'Active' ? 'first-cycle' : 'stopped';
    return 'running';
}
/** validateCredentials: the connector tried the credentials and the workspace (or Graph) refused them. */
class CredentialsRefusedError extends ActionError {
    name = 'CredentialsRefusedError';
}

;// CONCATENATED MODULE: ./src/provisioning/graph-api.ts





/** Service principal properties read: appRoles for the "User" role, tags for the credentials marker. */
const SERVICE_PRINCIPAL_SELECT = ['id', 'appId', 'displayName', 'appRoles', 'tags'];
/** The Graph application permission each group of calls needs. */
const PERMISSIONS = {
    readApps: 'Application.Read.All (or Application.ReadWrite.All)',
    writeApps: 'Application.ReadWrite.All',
    sync: 'Synchronization.ReadWrite.All',
    assignments: 'AppRoleAssignment.ReadWrite.All'
};
class GraphProvisioning {
    graph;
    identity;
    client;
    endpoint;
    writeCount = 0;
    constructor(graph, 
    /** Who the action signs in as, for error messages. */
    identity) {
        this.graph = graph;
        this.identity = identity;
        this.client = graph.client;
        this.endpoint = graph.endpoint;
    }
    writes() {
        return this.writeCount;
    }
    findServicePrincipals(displayName) {
        return this.call(`looking up the enterprise app "${displayName}"`, PERMISSIONS.readApps, async () => {
            // $filter travels in the URL as given: names with &, # or + must be encoded here.
            const filter = encodeURIComponent(`displayName eq ${odataString(displayName)}`);
            const url = `/servicePrincipals?$filter=${filter}&$select=${SERVICE_PRINCIPAL_SELECT.join(',')}&$top=999`;
            return (await this.readAll(url)).map(graph_api_toServicePrincipal);
        });
    }
    getServicePrincipal(id) {
        return this.call(`reading service principal ${id}`, PERMISSIONS.readApps, async () => {
            try {
                const sp = (await this.client
                    .api(`/servicePrincipals/${encodeURIComponent(id)}`)
                    .select(SERVICE_PRINCIPAL_SELECT)
                    .get());
                return graph_api_toServicePrincipal(sp);
            }
            catch (error) {
                // A new service principal takes a while to replicate: not there yet.
                if (error instanceof src/* GraphError */.h9 && error.statusCode === 404)
                    return undefined;
                throw error;
            }
        });
    }
    instantiate(templateId, displayName) {
        return this.write(`creating the enterprise app "${displayName}" from application template ${templateId}`, PERMISSIONS.writeApps, async () => {
            const created = (await this.client
                .api(`/applicationTemplates/${encodeURIComponent(templateId)}/instantiate`)
                .post({ displayName }));
            const servicePrincipalId = created?.servicePrincipal?.id;
            const applicationId = created?.application?.appId ?? created?.servicePrincipal?.appId;
            if (!servicePrincipalId || !applicationId) {
                throw new ActionError(`Microsoft Graph created the enterprise app "${displayName}" but its answer named no service principal or app id.`, 'Run provision-app again: it finds the app by name and continues.');
            }
            return { applicationId, servicePrincipalId };
        });
    }
    listJobs(servicePrincipalId) {
        return this.call(`listing the provisioning jobs of service principal ${servicePrincipalId}`, PERMISSIONS.sync, async () => {
            return this.readAll(`${this.sync(servicePrincipalId)}/jobs`);
        });
    }
    createJob(servicePrincipalId, templateId) {
        return this.write(`creating the "${templateId}" provisioning job of service principal ${servicePrincipalId}`, PERMISSIONS.sync, async () => (await this.client.api(`${this.sync(servicePrincipalId)}/jobs`).post({ templateId })));
    }
    getJob(servicePrincipalId, jobId) {
        return this.call(`reading provisioning job ${jobId} of service principal ${servicePrincipalId}`, PERMISSIONS.sync, async () => {
            return (await this.client.api(this.job(servicePrincipalId, jobId)).get());
        });
    }
    async validateCredentials(servicePrincipalId, jobId, credentials) {
        const doing = `validating the workspace credentials of provisioning job ${jobId}`;
        try {
            await this.write(doing, PERMISSIONS.sync, async () => {
                try {
                    await this.client.api(`${this.job(servicePrincipalId, jobId)}/validateCredentials`).post({ credentials });
                }
                catch (error) {
                    // 400: the connector tried them and the workspace (or Graph's check of them) said no.
                    if (error instanceof src/* GraphError */.h9 && [400, 409, 422].includes(error.statusCode)) {
                        throw new CredentialsRefusedError(graphMessage(error));
                    }
                    throw error;
                }
            });
        }
        catch (error) {
            throw scrub(error, credentials);
        }
    }
    async saveSecrets(servicePrincipalId, secrets) {
        try {
            await this.write(`saving the workspace credentials of service principal ${servicePrincipalId}`, PERMISSIONS.sync, async () => {
                await this.client.api(`${this.sync(servicePrincipalId)}/secrets`).put({ value: secrets });
            });
        }
        catch (error) {
            throw scrub(error, secrets);
        }
    }
    startJob(servicePrincipalId, jobId) {
        return this.write(`starting provisioning job ${jobId}`, PERMISSIONS.sync, async () => {
            await this.client.api(`${this.job(servicePrincipalId, jobId)}/start`).post({});
        });
    }
    listAssignments(servicePrincipalId) {
        return this.call(`listing the app role assignments of service principal ${servicePrincipalId}`, PERMISSIONS.assignments, async () => {
            return this.readAll(`/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/appRoleAssignedTo?$top=999`);
        });
    }
    assign(servicePrincipalId, principalId, appRoleId) {
        return this.write(`assigning group ${principalId} to service principal ${servicePrincipalId}`, PERMISSIONS.assignments, async () => (await this.client
            .api(`/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/appRoleAssignedTo`)
            .post({ principalId, resourceId: servicePrincipalId, appRoleId })));
    }
    unassign(servicePrincipalId, assignmentId) {
        return this.write(`removing app role assignment ${assignmentId} of service principal ${servicePrincipalId}`, PERMISSIONS.assignments, async () => {
            await this.client
                .api(`/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/appRoleAssignedTo/${encodeURIComponent(assignmentId)}`)
                .delete();
        });
    }
    setTags(servicePrincipalId, tags) {
        return this.write(`setting the tags of service principal ${servicePrincipalId}`, PERMISSIONS.writeApps, async () => {
            await this.client.api(`/servicePrincipals/${encodeURIComponent(servicePrincipalId)}`).patch({ tags });
        });
    }
    // ---- plumbing
    sync(servicePrincipalId) {
        return `/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/synchronization`;
    }
    job(servicePrincipalId, jobId) {
        return `${this.sync(servicePrincipalId)}/jobs/${encodeURIComponent(jobId)}`;
    }
    /** A write request: counted whether or not it succeeds, since it may have changed something. */
    write(doing, permission, run) {
        this.writeCount++;
        return this.call(doing, permission, run);
    }
    async call(doing, permission, run) {
        try {
            return await run();
        }
        catch (error) {
            throw this.explain(error, doing, permission);
        }
    }
    explain(error, doing, permission) {
        if (error instanceof src/* GraphError */.h9 && error.statusCode === 403) {
            return new ActionError(`Microsoft Graph answered 403 ${error.code ?? ''} while ${doing}: ${graphMessage(error)}`.replace(/ {2,}/g, ' '), `Grant ${this.identity} the Microsoft Graph application permission ${permission} with admin consent.`);
        }
        return explainGraphError(error, doing, this.identity, this.graph.signInError());
    }
    /** Every item of a list, its pages read through graphPages (next links only within the Graph origin). */
    readAll(url) {
        return readAllPages((u) => this.client.api(u).get(), this.endpoint, url);
    }
}
function graph_api_toServicePrincipal(sp) {
    return {
        id: sp.id,
        appId: sp.appId,
        displayName: sp.displayName,
        appRoles: sp.appRoles ?? [],
        tags: sp.tags ?? []
    };
}
function graphMessage(error) {
    return (error.message || error.code || `HTTP ${error.statusCode}`).split('\n')[0];
}
/** The same error with the token cut out of its text, should Graph ever echo a request. */
function scrub(error, credentials) {
    const secrets = credentials.filter((c) => c.key === 'SecretToken' && c.value).map((c) => c.value);
    const clean = (text) => secrets.reduce((t, s) => t.split(s).join('***'), text);
    if (error instanceof CredentialsRefusedError) {
        return new CredentialsRefusedError(clean(error.message), error.fix === undefined ? undefined : clean(error.fix));
    }
    if (error instanceof ActionError) {
        return new ActionError(clean(error.message), error.fix === undefined ? undefined : clean(error.fix));
    }
    return new ActionError(clean(error instanceof Error ? error.message : String(error)));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/provisioning/credentials.ts
// The workspace credentials the connector app should have, and the marker tag that says on the app which ones it
// has: Graph never returns a saved token, so the tag (a fingerprint, never of the token) is how a re-run knows
// whether to save again — not at all, because the Key Vault version changed, or because the settings changed.

/**
 * The service principal tag that records which credentials were saved, since Graph never returns the token:
 * `<prefix><settings>:<saved>`, two 16-hex sha256 prefixes — of the settings (base address, SyncAll,
 * notifications), and of the settings plus the Key Vault secret id and version. Never of the token.
 */
const CREDENTIALS_TAG_PREFIX = 'entra-databricks-sync:credentials:';
/** The connector's SCIM endpoint of a workspace. */
function scimBaseAddress(host) {
    return `${host.replace(/\/+$/, '')}/api/2.0/preview/scim`;
}
/** The credentials the connector should have: only assigned groups are provisioned (SyncAll false). */
function desiredCredentials(host, notificationEmail, token) {
    const notifications = {
        Enabled: Boolean(notificationEmail),
        Recipients: notificationEmail ?? '',
        DeleteThresholdEnabled: false
    };
    return [
        { key: 'BaseAddress', value: scimBaseAddress(host) },
        { key: 'SecretToken', value: token },
        { key: 'SyncAll', value: 'false' },
        { key: 'SyncNotificationSettings', value: JSON.stringify(notifications) }
    ];
}
/** The credentials validateCredentials tries: the address and the token. */
function loginCredentials(credentials) {
    return credentials.filter((c) => c.key === 'BaseAddress' || c.key === 'SecretToken');
}
/** The marker tag for these credentials, read from Key Vault secret `secretId` at `version`. */
function credentialsTag(credentials, secretId, version) {
    const settings = credentials
        .filter((c) => c.key !== 'SecretToken')
        .map((c) => `${c.key}=${c.value}`)
        .join('|');
    return `${CREDENTIALS_TAG_PREFIX}${hash16(settings)}:${hash16(`${settings}|${secretId}|${version}`)}`;
}
/** What the tags on the app say about the credentials it has, compared with `tag`. */
function credentialsState(tags, tag) {
    const current = tags.find((t) => t.startsWith(CREDENTIALS_TAG_PREFIX));
    if (!current)
        return 'new';
    if (current === tag)
        return 'unchanged';
    const settingsOf = (t) => t.slice(CREDENTIALS_TAG_PREFIX.length).split(':')[0];
    return settingsOf(current) === settingsOf(tag) ? 'token-rotated' : 'settings-changed';
}
/** The app's tags with `tag` in place of any earlier marker, its other tags kept in order. */
function withCredentialsTag(tags, tag) {
    return [...tags.filter((t) => !t.startsWith(CREDENTIALS_TAG_PREFIX)), tag];
}
function hash16(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex').slice(0, 16);
}

;// CONCATENATED MODULE: ./src/provisioning/plan.ts



const TOKEN_NOT_VALIDATED = 'Dry run: the token was read from Key Vault but not validated against the workspace.';
const QUARANTINE_ENDS = 'The job is in quarantine; saving the new credentials and starting it should end that.';
const FIRST_CYCLE_RUNNING = 'The job is still in its first provisioning cycle (status NotRun, schedule Active), which can take from 20 minutes ' +
    'to several hours: it is left running (Microsoft Graph: start a job only when it is paused or in quarantine). ' +
    'Run provision-app again later to see how the cycle ended.';
/** The plan for the app as read: `undefined` when no app has the name yet. */
function planProvisioning(app, desired) {
    return app ? planApp(app, desired) : planNewApp(desired);
}
/**
 * No app yet (planned in a dry run only: a real run creates the app and plans from what Graph then has): every
 * step in full, as for a new app with no job, no credentials and no group.
 */
function planNewApp(desired) {
    return {
        changes: [
            { kind: 'create-app', displayName: desired.appName },
            { kind: 'create-job' },
            { kind: 'save-credentials', reason: 'new' },
            ...desired.groups.map(assignGroup),
            { kind: 'start-job' }
        ],
        assignedGroups: desired.groups.map((g) => g.displayName),
        notes: [
            {
                text: `The app "${desired.appName}" does not exist yet: every later step would run in full once it is created.`,
                dryRunOnly: true
            }
        ]
    };
}
/** The plan for an app that exists. */
function planApp(app, desired) {
    const changes = [];
    const notes = [];
    const { job, userRole } = app;
    if (!job)
        changes.push({ kind: 'create-job' });
    const credentials = credentialsState(app.servicePrincipal.tags, desired.credentialsTag);
    const savesCredentials = credentials !== 'unchanged';
    if (savesCredentials) {
        changes.push({ kind: 'save-credentials', reason: credentials });
        notes.push({ text: TOKEN_NOT_VALIDATED, dryRunOnly: true });
    }
    if (!userRole)
        return { changes, notes, assignedGroups: [], failure: noUserRole(app, desired) };
    const groups = planGroups(app.assignments, desired);
    changes.push(...groups.changes);
    notes.push(...groups.notes);
    const plan = { changes, notes, assignedGroups: groups.assignedGroups };
    // A new job has not run: it is started.
    if (!job) {
        changes.push({ kind: 'start-job' });
        return plan;
    }
    plan.jobStatus = job.status.code;
    if (job.schedule?.state)
        plan.jobSchedule = job.schedule.state;
    switch (jobRunState(job.status.code, job.schedule?.state)) {
        case 'quarantine':
            if (!savesCredentials)
                return { ...plan, failure: quarantineError(job, desired) };
            // Start clears a quarantine; the next cycle then tries the new credentials.
            changes.push({ kind: 'start-job' });
            notes.push({ text: QUARANTINE_ENDS, dryRunOnly: true });
            return plan;
        case 'stopped':
            changes.push({ kind: 'start-job' });
            return plan;
        case 'first-cycle':
            notes.push({ text: FIRST_CYCLE_RUNNING });
            return plan;
        case 'running':
            return plan;
    }
}
/**
 * The config's groups assigned, the others unassigned — unless a group of the workspace says `removal: keep`, or
 * the workspace lists no group (never taken to mean "unassign everything"): then they stay, and a note says so.
 */
function planGroups(current, desired) {
    const assigned = new Set(current.map((a) => a.principalId.toLowerCase()));
    const wanted = new Set(desired.groups.map((g) => g.id.toLowerCase()));
    const changes = desired.groups.filter((g) => !assigned.has(g.id.toLowerCase())).map(assignGroup);
    const names = desired.groups.map((g) => g.displayName);
    const extra = current.filter((a) => !wanted.has(a.principalId.toLowerCase()));
    const label = (a) => a.principalDisplayName || a.principalId;
    const { keep } = desired;
    if (extra.length > 0 && (keep.length > 0 || desired.groups.length === 0)) {
        const why = keep.length > 0
            ? `removal: keep on ${keep.map((k) => `"${k}"`).join(', ')}`
            : 'the workspace lists no groups, which is never taken to mean "unassign everything"';
        const text = `Left assigned although not in the config (${why}): ${extra.map((a) => `"${label(a)}"`).join(', ')}.`;
        return { changes, assignedGroups: [...names, ...extra.map(label)], notes: [{ text }] };
    }
    for (const a of extra)
        changes.push({ kind: 'unassign-group', group: label(a), groupId: a.principalId });
    return { changes, assignedGroups: names, notes: [] };
}
function assignGroup(group) {
    return { kind: 'assign-group', group: group.displayName, groupId: group.id };
}
function noUserRole(app, desired) {
    const sp = app.servicePrincipal;
    const roles = sp.appRoles.map((r) => `"${r.displayName}"`).join(', ') || 'none';
    return new ActionError(`The enterprise app "${desired.appName}" (service principal ${sp.id}) has no app role named "${USER_ROLE_NAME}" (its roles: ${roles}), so groups cannot be assigned to it.`, `Use an app made from the gallery app "Azure Databricks SCIM Provisioning Connector" (template ${DATABRICKS_CONNECTOR_TEMPLATE_ID}): delete or rename this one, or change provisioning.app-name, and run provision-app again to create it.`);
}
/** The job is in quarantine: why, and the fix (a new token when it is the sign-in that fails). */
function quarantineError(job, desired) {
    const { appName, host, secretId } = desired;
    const q = job.status.quarantine;
    const reason = q?.reason || 'no reason given';
    const error = q?.error ?? job.status.lastExecution?.error;
    const detail = [error?.code, error?.message].filter(Boolean).join(': ');
    const since = q?.currentBegan ? ` since ${q.currentBegan}` : '';
    const message = `The provisioning job ${job.id} of "${appName}" is in quarantine${since}: ${reason}.${detail ? ` ${detail.replace(/\.?$/, '.')}` : ''}`;
    const signIn = /credential|unauthori[sz]ed|\b401\b|\b403\b|token|secret|EncounteredQuarantineException/i.test(`${reason} ${detail}`);
    return new ActionError(message, signIn
        ? `The connector cannot sign in to the workspace ${host}: the token may have expired or been revoked. ` +
            `Store a new PAT in ${secretId} and run provision-app again; it validates and saves the new token, then restarts the job.`
        : `See the provisioning logs of "${appName}" in the Entra admin center (Enterprise applications → ${appName} → Provisioning), ` +
            'fix the cause, then restart provisioning there.');
}

;// CONCATENATED MODULE: ./src/provisioning/apply.ts
// The apply phase of provision-app, the only code that writes to Graph: create a new app and wait for it to appear,
// then make the changes of a plan (plan.ts) in order. Each change is recorded in the result as it is made, so a run
// that fails half-way reports what it did. A dry run never gets here.




/** How long a new app may take to appear in Graph after it was created. */
const APPEAR_TIMEOUT_MS = 60_000;
const FIRST_POLL_DELAY_MS = 500;
const MAX_POLL_DELAY_MS = 8_000;
/** Creates the app from the gallery template and waits until Graph has its service principal. */
async function createApp(graph, name, result, wait) {
    const created = await graph.instantiate(DATABRICKS_CONNECTOR_TEMPLATE_ID, name);
    result.changes.push({ kind: 'create-app', displayName: name });
    result.servicePrincipalId = created.servicePrincipalId;
    result.appId = created.applicationId;
    return waitForApp(graph, name, created.servicePrincipalId, created.applicationId, wait);
}
/** A new service principal takes a while to appear: poll with a doubling delay, up to the timeout. */
async function waitForApp(graph, name, id, appId, wait) {
    const timeout = wait.appearTimeoutMs ?? APPEAR_TIMEOUT_MS;
    const sleep = wait.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    let waited = 0;
    let delay = FIRST_POLL_DELAY_MS;
    for (;;) {
        const sp = await graph.getServicePrincipal(id);
        if (sp)
            return sp;
        if (waited >= timeout) {
            throw new ActionError(`The enterprise app "${name}" was created (service principal ${id}, app id ${appId}) but did not appear in Microsoft Graph within ${Math.round(timeout / 1000)} s.`, 'Entra ID can take a few minutes to replicate a new app. Wait a few minutes and run provision-app again: it finds the app by name and continues from there.');
        }
        const ms = Math.min(delay, MAX_POLL_DELAY_MS, timeout - waited);
        await sleep(ms);
        waited += ms;
        delay *= 2;
    }
}
/** Said once the job is started: the service decides quarantine during a cycle, not in the start call. */
const STARTED = 'The job was started. Its cycle runs in the background (the first one takes from 20 minutes to several hours) and ' +
    'only then reaches the workspace, so a quarantine (e.g. a token the connector cannot use) shows on a later run of ' +
    'provision-app.';
/**
 * Makes the plan's changes in order. The groups, job status and notes the plan states hold once every change before
 * the job's start is made, so they are recorded then; the start (always the plan's last change) follows, and the job
 * is read again for its status. A plan that stops with an error throws it once its changes are made.
 */
async function applyPlan(plan, target) {
    const { graph, app, desired, result } = target;
    const sp = app.servicePrincipal;
    const missing = (what) => {
        throw new Error(`Internal error: the plan for "${desired.appName}" needs ${what}, which the app does not have.`);
    };
    let jobId = app.job?.id;
    const job = () => jobId ?? missing('a provisioning job');
    const unassigned = new Set();
    for (const change of plan.changes) {
        switch (change.kind) {
            case 'create-job': {
                const created = await graph.createJob(sp.id, DATABRICKS_SYNC_TEMPLATE_ID);
                result.changes.push(change);
                result.jobId = jobId = created.id;
                break;
            }
            case 'save-credentials':
                await validateCredentials(graph, sp.id, job(), desired);
                await graph.saveSecrets(sp.id, desired.credentials);
                result.changes.push(change);
                await graph.setTags(sp.id, withCredentialsTag(sp.tags, desired.credentialsTag));
                break;
            case 'assign-group':
                await graph.assign(sp.id, change.groupId, app.userRole?.id ?? missing('a User role'));
                result.changes.push(change);
                break;
            case 'unassign-group': {
                const assignment = app.assignments.find((a) => a.principalId === change.groupId && !unassigned.has(a.id)) ??
                    missing(`an assignment of group ${change.groupId}`);
                unassigned.add(assignment.id);
                await graph.unassign(sp.id, assignment.id);
                result.changes.push(change);
                break;
            }
            case 'start-job':
                // Made below, once every other change is.
                break;
        }
    }
    recordPlan(result, plan, true);
    if (plan.changes.some((c) => c.kind === 'start-job')) {
        await graph.startJob(sp.id, job());
        result.changes.push({ kind: 'start-job' });
        const started = await graph.getJob(sp.id, job());
        result.jobStatus = started.status.code;
        if (started.schedule?.state)
            result.jobSchedule = started.schedule.state;
        if (started.status.code === 'Quarantine')
            throw quarantineError(started, desired);
        result.notes = [...(result.notes ?? []), STARTED];
    }
    if (plan.failure)
        throw plan.failure;
}
/**
 * What the plan says of the result beyond its changes: the groups assigned, the job status as read, and its notes —
 * those that only a dry run shows too when `applied` is false.
 */
function recordPlan(result, plan, applied) {
    result.assignedGroups = plan.assignedGroups;
    if (plan.jobStatus !== undefined)
        result.jobStatus = plan.jobStatus;
    if (plan.jobSchedule !== undefined)
        result.jobSchedule = plan.jobSchedule;
    const notes = plan.notes.filter((n) => !(applied && n.dryRunOnly)).map((n) => n.text);
    if (notes.length > 0)
        result.notes = notes;
}
/** Validates the credentials through the job before anything is saved: a refused token saves nothing. */
async function validateCredentials(graph, servicePrincipalId, jobId, desired) {
    try {
        await graph.validateCredentials(servicePrincipalId, jobId, loginCredentials(desired.credentials));
    }
    catch (error) {
        if (!(error instanceof CredentialsRefusedError))
            throw error;
        throw new ActionError(`The token in ${desired.secretId} was refused by ${desired.host}: ${error.message.replace(/\.?$/, '.')} Nothing was saved; the app keeps its previous credentials.`, `Create a new personal access token in ${desired.host} as a workspace admin, store it as a new version of ${desired.secretId}, and run provision-app again.`);
    }
}

;// CONCATENATED MODULE: ./src/provisioning/read.ts




/** The workspace's provisioning block and token secret, which provision-app cannot do without. */
function provisioningOf(ws) {
    const { provisioning, tokenSecret } = ws;
    if (!provisioning) {
        throw new ActionError(`Workspace ${ws.name} has no provisioning block.`, 'Add `provisioning:` with app-name (and notification-email) to the workspace in the config.');
    }
    if (!tokenSecret) {
        throw new ActionError(`Workspace ${ws.name} has a provisioning block but no token-secret: the connector needs a Databricks token.`, 'Set token-secret to the Key Vault secret id that holds a workspace admin PAT.');
    }
    return { provisioning, tokenSecret };
}
/** The config's groups, each resolved to exactly one Entra group; a group named twice (name and object id) once. */
async function resolveGroups(ws, directory) {
    const byId = new Map();
    const refs = [...new Map(ws.groups.map((g) => [g.entra.toLowerCase(), g.entra])).values()];
    const found = await Promise.all(refs.map(async (ref) => ({ ref, groups: await directory.findGroups(ref) })));
    for (const { ref, groups } of found) {
        const group = exactlyOneGroup(ref, groups, ` of workspace ${ws.name}`);
        if (!byId.has(group.id.toLowerCase()))
            byId.set(group.id.toLowerCase(), group);
    }
    return [...byId.values()];
}
/** What the config asks of the app, given the token read from `secretId` and the groups resolved. */
function desiredApp(ws, provisioning, secretId, secret, groups) {
    const credentials = desiredCredentials(ws.host, provisioning.notificationEmail, secret.value);
    return {
        workspace: ws.name,
        host: ws.host,
        appName: provisioning.appName,
        secretId,
        credentials,
        credentialsTag: credentialsTag(credentials, secretId, secret.version),
        groups,
        keep: ws.groups.filter((g) => g.removal === 'keep').map((g) => g.entra)
    };
}
/** The enterprise app named so (ignoring case), if there is one; two of the same name is an error. */
async function findApp(graph, name) {
    const found = (await graph.findServicePrincipals(name)).filter((sp) => sp.displayName.toLowerCase() === name.toLowerCase());
    if (found.length > 1) {
        throw new ActionError(`${found.length} enterprise apps are named "${name}" (service principals ${found.map((sp) => `${sp.id} (app id ${sp.appId})`).join(', ')}), so provision-app cannot tell which one to configure.`, 'Delete or rename the extra apps in Entra ID (Enterprise applications), keeping the one the connector should use, then run provision-app again.');
    }
    return found[0];
}
/**
 * The app's job and the groups assigned to its User role, then the job's current status. Without a User role the
 * plan stops before the groups, so neither the assignments nor the job's status are read.
 */
async function readApp(graph, sp) {
    const jobs = await graph.listJobs(sp.id);
    const listed = jobs.find((j) => j.templateId.toLowerCase() === DATABRICKS_SYNC_TEMPLATE_ID.toLowerCase());
    const userRole = sp.appRoles.find((r) => r.displayName?.toLowerCase() === USER_ROLE_NAME.toLowerCase());
    if (!userRole)
        return { servicePrincipal: sp, job: listed, assignments: [] };
    const assignments = (await graph.listAssignments(sp.id)).filter((a) => a.principalType === 'Group' && a.appRoleId === userRole.id);
    const job = listed && (await graph.getJob(sp.id, listed.id));
    return { servicePrincipal: sp, job, userRole, assignments };
}

;// CONCATENATED MODULE: ./src/provisioning/provision.ts




async function provisionWorkspace(ws, deps) {
    const { graph, dryRun } = deps;
    const result = {
        workspace: ws.name,
        appName: ws.provisioning?.appName ?? '',
        status: dryRun ? 'planned' : 'ok',
        assignedGroups: [],
        changes: []
    };
    let token;
    try {
        // Reads first: a token that cannot be read or a group that does not resolve writes nothing.
        const { provisioning, tokenSecret } = provisioningOf(ws);
        const secret = await deps.secrets.read(tokenSecret);
        token = secret.value;
        const groups = await resolveGroups(ws, deps.directory);
        const desired = desiredApp(ws, provisioning, tokenSecret, secret, groups);
        const read = async (sp) => {
            const app = await readApp(graph, sp);
            if (app.job)
                result.jobId = app.job.id;
            return app;
        };
        const found = await findApp(graph, desired.appName);
        if (found) {
            result.servicePrincipalId = found.id;
            result.appId = found.appId;
        }
        const current = found && (await read(found));
        if (dryRun) {
            const plan = planProvisioning(current, desired);
            result.changes.push(...plan.changes);
            recordPlan(result, plan, false);
            if (plan.failure)
                throw plan.failure;
        }
        else {
            // A new app's ids and User role are Graph's to give: create it, wait for it, read it, then plan the rest.
            const app = current ?? (await read(await createApp(graph, desired.appName, result, deps)));
            await applyPlan(planApp(app, desired), { graph, app, desired, result });
        }
    }
    catch (error) {
        result.status = 'failed';
        result.error = describeError(error);
    }
    return withoutToken(result, token);
}
/** The token is never put in a result; this only makes sure of it. */
function withoutToken(result, token) {
    const clean = (text) => (token ? text.split(token).join('***') : text);
    const { error, notes, ...rest } = result;
    return {
        ...rest,
        ...(error !== undefined ? { error: clean(error) } : {}),
        ...(notes ? { notes: notes.map(clean) } : {})
    };
}

;// CONCATENATED MODULE: ./src/report/provisioning-summary.ts
// Job summary of command: provision-app. A headline, an overview table of every workspace's connector app, then
// one section per workspace with the changes made (or, in a dry run, that would be made), notes, and the error
// with its fix.



function addProvisioningSummary(summary, results, dryRun) {
    addHeadline(summary, results, dryRun);
    addOverview(summary, results, dryRun);
    for (const result of results)
        addWorkspace(summary, result, dryRun);
}
function addHeadline(summary, results, dryRun) {
    const failed = results.filter((r) => r.status === 'failed').length;
    const changed = results.filter((r) => r.status !== 'failed' && r.changes.length > 0).length;
    const unchanged = results.length - failed - changed;
    const changes = results.reduce((n, r) => n + r.changes.length, 0);
    const icon = failed > 0 ? '❌' : dryRun ? '📝' : '✅';
    const title = dryRun ? 'SCIM provisioning connector app (dry run)' : 'SCIM provisioning connector app';
    summary.addHeading(`${icon} ${title}${failed > 0 ? `: ${plural(failed, 'workspace')} failed` : ''}`, 2);
    const parts = [`${changed} ${dryRun ? 'would change' : 'changed'}`, `${unchanged} unchanged`, `${failed} failed`];
    const total = dryRun
        ? `${plural(changes, 'change')} planned; nothing was written`
        : `${plural(changes, 'change')} made`;
    summary.addRaw(`<p>${plural(results.length, 'workspace')}: ${parts.join(', ')}. ${total}.</p>`, true);
}
function addOverview(summary, results, dryRun) {
    if (results.length === 0) {
        summary.addRaw('<p>No selected workspace has a provisioning block.</p>', true);
        return;
    }
    addTable(summary, 'Workspaces', header('Workspace', 'Status', 'App', 'App id', 'Job', 'Job status', 'Assigned groups', 'Changes'), results.map((r) => [
        cell(r.workspace),
        statusLabel(r, dryRun),
        cell(r.appName),
        r.appId ? `<code>${cell(r.appId)}</code>` : '—',
        r.jobId ? `<code>${cell(r.jobId)}</code>` : '—',
        jobStatusLabel(r),
        cell(r.assignedGroups.join(', ')),
        cell(r.changes.length)
    ]));
}
function statusLabel(r, dryRun) {
    if (r.status === 'failed')
        return '❌ failed';
    if (r.changes.length === 0)
        return dryRun ? '📝 no changes' : '✅ unchanged';
    return dryRun ? '📝 would change' : '✅ changed';
}
/** The status code, with what it means when that is not plain: NotRun is a first cycle running, or never started. */
function jobStatusLabel(r) {
    if (!r.jobStatus)
        return '—';
    const state = jobRunState(r.jobStatus, r.jobSchedule);
    if (state === 'first-cycle')
        return `⏳ ${cell(r.jobStatus)} (first cycle running)`;
    const icon = r.jobStatus === 'Active' ? '✅ ' : state === 'quarantine' ? '⚠️ ' : '';
    return `${icon}${cell(r.jobStatus)}`;
}
function addWorkspace(summary, r, dryRun) {
    summary.addHeading(`${cell(r.workspace)} — ${statusLabel(r, dryRun)}`, 3);
    const ids = [
        `App <strong>${cell(r.appName)}</strong>`,
        r.servicePrincipalId ? `service principal <code>${cell(r.servicePrincipalId)}</code>` : '',
        r.appId ? `app id <code>${cell(r.appId)}</code>` : ''
    ].filter(Boolean);
    summary.addRaw(`<p>${ids.join(', ')}</p>`, true);
    if (r.changes.length > 0) {
        const items = r.changes.map((c) => `<li>${cell(describeChange(c, dryRun))}</li>`).join('');
        summary.addRaw(`<p>${dryRun ? 'Would:' : 'Changes:'}</p><ul>${items}</ul>`, true);
    }
    else if (r.status !== 'failed') {
        summary.addRaw(`<p>${dryRun ? 'No changes needed.' : 'Unchanged: the app already matches the config.'}</p>`, true);
    }
    if (r.notes && r.notes.length > 0) {
        summary.addRaw(`<ul>${r.notes.map((n) => `<li>ℹ️ ${cell(n)}</li>`).join('')}</ul>`, true);
    }
    if (r.error)
        summary.addRaw(`<p>❌ ${cell(r.error)}</p>`, true);
}
/** One line of plain text for a change (escaped by the caller): "created …", or in a dry run "create …". */
function describeChange(change, dryRun) {
    const verb = (done, planned) => (dryRun ? planned : done);
    switch (change.kind) {
        case 'create-app':
            return `${verb('created', 'create')} the enterprise app "${change.displayName}" from the Azure Databricks SCIM Provisioning Connector gallery template`;
        case 'create-job':
            return `${verb('created', 'create')} the provisioning job`;
        case 'save-credentials': {
            const why = {
                new: 'first time',
                'token-rotated': 'new token version in Key Vault',
                'settings-changed': 'workspace URL or notification settings changed'
            }[change.reason];
            return `${verb('validated and saved', 'validate and save')} the workspace URL and token (${why})`;
        }
        case 'assign-group':
            return `${verb('assigned', 'assign')} group "${change.group}" (${change.groupId}) to the User role`;
        case 'unassign-group':
            return `${verb('unassigned', 'unassign')} group "${change.group}" (${change.groupId}), which is not in the config`;
        case 'start-job':
            return `${verb('started', 'start')} the provisioning job`;
    }
}

;// CONCATENATED MODULE: ./src/commands/provision-app.ts
// command: provision-app — for each selected workspace with a provisioning block, one at a time, make its SCIM
// connector app match the config (src/provisioning), then write the job summary and the outputs, and fail when a
// workspace failed. runProvisionApp loads the config (selection.ts) and signs in (wiring.ts); provisionApp gets
// the clients through small interfaces, so tests run it on fakes.







/**
 * Runs provision-app. `connect` builds the clients, and is only called once there is a workspace to provision.
 * Sets the outputs `changes`, `has-changes` and `failed-workspaces`; throws an ActionError naming each failed
 * workspace and why.
 */
async function provisionApp(options, connect, report) {
    const { workspaces, dryRun } = options;
    const targets = workspaces.filter((ws) => ws.provisioning);
    if (targets.length === 0) {
        throw new ActionError(`None of the selected workspaces (${workspaces.map((w) => w.name).join(', ')}) has a provisioning block.`, 'Add `provisioning:` (app-name, notification-email) and `token-secret` to the workspace in the config.');
    }
    const clients = connect();
    const results = [];
    // One workspace at a time: the connector APIs are slow and rate-limited, and the log stays readable.
    for (const ws of targets) {
        report.info(`${dryRun ? 'Planning' : 'Provisioning'} the SCIM connector app of ${ws.name}`);
        results.push(await provisionWorkspace(ws, { ...clients, dryRun }));
    }
    addProvisioningSummary(report.summary, results, dryRun);
    const changes = results.reduce((n, r) => n + r.changes.length, 0);
    const failed = results.filter((r) => r.status === 'failed');
    report.setOutput('changes', changes);
    report.setOutput('has-changes', changes > 0 ? 'true' : 'false');
    report.setOutput('failed-workspaces', failed.map((r) => r.workspace).join(','));
    if (failed.length > 0) {
        throw new ActionError(`${failed.length} of ${results.length} workspace(s) failed:\n${failed.map((r) => `${r.workspace}: ${r.error ?? 'failed'}`).join('\n')}`);
    }
    report.info(`${dryRun ? 'Planned' : 'Made'} ${changes} change(s).`);
}
/** The action's provision-app: a valid config and a sign-in, then provisionApp with the real Graph clients. */
async function runProvisionApp(inputs) {
    const { workspaces, settings } = await loadForWriting(inputs, 'provision-app');
    const connect = () => {
        const { graph, identity, directory, secrets } = signIn(settings, inputs.graphEndpoint);
        return { graph: new GraphProvisioning(graph, identity), directory, secrets };
    };
    await provisionApp({ workspaces, dryRun: inputs.dryRun }, connect, core);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/core/results.ts
/** The steps of a target run, in the order they run. */
const STEPS = {
    identities: 'identities and memberships',
    assignments: 'workspace assignments',
    // Accounts with automatic identity management.
    resolve: 'principals resolved from Entra',
    deny: 'account access denylist',
    readiness: 'readiness for automatic identity management'
};
/** Worst first: a target's status is that of its worst step. */
const SEVERITY = ['failed', 'tripped', 'skipped', 'planned', 'changed', 'unchanged'];
function targetStatus(target) {
    if (target.error !== undefined || target.steps.length === 0)
        return target.error !== undefined ? 'failed' : 'unchanged';
    return SEVERITY.find((s) => target.steps.some((step) => step.status === s)) ?? 'unchanged';
}
/** The operations of a step that count as changes: done when applied, all of them in a dry-run, none when tripped. */
function changesOf(step) {
    if (step.status === 'tripped')
        return [];
    return step.status === 'planned' ? step.results : step.results.filter((r) => r.status === 'done');
}
const targetChanges = (target) => target.steps.flatMap(changesOf);
/** Changes made (or, with dry-run, planned) across targets: the `changes` output and the summary's headline. */
const countChanges = (result) => result.workspaces.reduce((n, t) => n + targetChanges(t).length, 0);
/** Targets that failed or were stopped by a circuit breaker. */
const failedTargets = (result) => result.workspaces.filter((t) => ['failed', 'tripped'].includes(targetStatus(t))).map((t) => t.workspace);
/** Every operation result of a target, in step order. */
const targetResults = (target) => target.steps.flatMap((s) => s.results);
/** A target's error text: its own, then each step's. */
const targetError = (target) => {
    const errors = [target.error, ...target.steps.map((s) => s.error)].filter((e) => e !== undefined);
    return errors.length > 0 ? errors.join(' ') : undefined;
};

;// CONCATENATED MODULE: ./src/report/plan-file.ts
// The `plan` output: a JSON file of every workspace's steps and the result of each operation, for tools
// that act on a sync (a PR comment, a ticket, an audit log). Redacted like everything the runner won't mask.
// Written piece by piece, one operation per line: a first sync of a large estate has hundreds of thousands of
// memberships, and one string of the whole document (then a redacted copy of it) would be most of the run's memory.




/** The document's pieces in order; joined, they are the whole JSON document. */
function* planPieces(result, generatedAt) {
    const head = { version: 1, generatedAt: generatedAt.toISOString(), dryRun: result.dryRun };
    yield `${JSON.stringify(head).slice(0, -1)},"workspaces":[`;
    let first = true;
    for (const ws of result.workspaces) {
        yield `${first ? '' : ','}\n${JSON.stringify(workspaceHead(ws)).slice(0, -1)},"operations":[`;
        first = false;
        for (const [i, r] of targetResults(ws).entries()) {
            // One piece per operation: a secret is never split between two pieces, so each can be redacted alone.
            const op = { ...r.operation, status: r.status, ...(r.error ? { error: r.error } : {}) };
            yield `${i === 0 ? '' : ','}\n${JSON.stringify(op)}`;
        }
        yield '\n]}';
    }
    yield '\n]}\n';
}
/** A target's status and error, then each step's own (its status, breaker, skips, findings and error). */
function workspaceHead(ws) {
    const error = targetError(ws);
    return {
        workspace: ws.workspace,
        host: ws.host,
        status: targetStatus(ws),
        ...(error ? { error } : {}),
        steps: ws.steps.map((s) => ({
            step: s.step,
            status: s.status,
            ...(s.error ? { error: s.error } : {}),
            ...(s.plan ? { breaker: s.plan.breaker, skips: s.plan.skips } : {}),
            // What the step reports and leaves alone (drift, readiness, rules made by hand), with each fix.
            ...(s.plan?.findings?.length ? { findings: s.plan.findings } : {})
        })),
        ...(ws.requests ? { requests: ws.requests } : {})
    };
}
const WRITE_CHUNK = 64 * 1024;
/** Writes the plan file under `dir` and returns its path. */
function writePlanFile(result, dir, now = new Date()) {
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    const file = (0,external_node_path_.join)(dir, `entra-databricks-sync-plan-${now.toISOString().replace(/[:.]/g, '-')}.json`);
    const fd = (0,external_node_fs_.openSync)(file, 'w');
    try {
        let buffered = '';
        for (const piece of planPieces(result, now)) {
            buffered += redact(piece);
            if (buffered.length >= WRITE_CHUNK) {
                (0,external_node_fs_.writeSync)(fd, buffered);
                buffered = '';
            }
        }
        (0,external_node_fs_.writeSync)(fd, buffered);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
    return file;
}

;// CONCATENATED MODULE: ./src/report/detail-table.ts
// The pieces of a summary's detail tables that the sync summary and its parts share: the mode a step's tables
// read in, a table, and its title in that mode.
/** A table title in the workspace's mode: "Members added", "Would add members", "Planned, not applied: …". */
function title(mode, done, planned) {
    if (mode === 'applied')
        return done;
    return mode === 'dry-run' ? `Would ${planned}` : `Planned, not applied: ${planned}`;
}

;// CONCATENATED MODULE: ./src/report/aim-summary.ts
// The sync summary's tables of an account with automatic identity management: principals resolved into the account
// (created there by this run), the denylist, workspace access (assignments and entitlements), and what the steps
// report without changing it (assignments the config does not mention, readiness findings, rules made by hand).



/** The kinds these tables show (the rest of the summary leaves them out of "Other changes"). */
const AIM_TABLED = [
    'resolve-principal',
    'add-deny-rule',
    'remove-deny-rule',
    'assign-principal',
    'unassign-principal',
    'set-workspace-entitlements'
];
const who = (p) => `${aimKindLabel(p.kind)} ${cell(p.name)}`;
const READINESS_CHECKS = {
    'external-id-missing': 'externalId missing',
    'external-id-mismatch': 'externalId is not its Entra object id',
    duplicate: 'duplicate',
    'shadowing-group': 'workspace-local group shadows an account group',
    unchecked: 'not checked'
};
function aimTables(mode, ops, findings) {
    const resolved = ops.flatMap((op) => op.kind === 'resolve-principal' ? [[who(op.principal), cell(op.principal.externalId)]] : []);
    const deny = ops.flatMap((op) => op.kind === 'add-deny-rule' || op.kind === 'remove-deny-rule'
        ? [
            [
                op.kind === 'add-deny-rule'
                    ? mode === 'applied'
                        ? 'denied'
                        : 'deny'
                    : mode === 'applied'
                        ? 'lifted'
                        : 'lift',
                who(op.principal),
                cell(op.principal.externalId)
            ]
        ]
        : []);
    const access = ops.flatMap((op) => {
        if (op.kind === 'assign-principal') {
            return [[mode === 'applied' ? 'assigned' : 'assign', who(op.principal), cell(op.workspace), cell(op.permission)]];
        }
        if (op.kind === 'unassign-principal') {
            return [[mode === 'applied' ? 'unassigned' : 'unassign', who(op.principal), cell(op.workspace), '—']];
        }
        if (op.kind === 'set-workspace-entitlements') {
            return [
                [
                    mode === 'applied' ? 'entitlements set' : 'set entitlements',
                    who(op.principal),
                    cell(op.workspace),
                    `${cell(op.from.join(', ') || 'none')} → ${cell(op.entitlements.join(', ') || 'none')}`
                ]
            ];
        }
        return [];
    });
    const of = (kind) => findings.filter((f) => f.kind === kind);
    return [
        {
            label: title(mode, 'Resolved from Entra (created in the account)', 'resolve from Entra (create in the account)'),
            head: ['Principal', 'Entra object id'],
            rows: resolved
        },
        {
            label: title(mode, 'Denylist changed', 'change the denylist'),
            head: ['Action', 'Principal', 'Entra object id'],
            rows: deny
        },
        {
            label: title(mode, 'Workspace access changed', 'change workspace access'),
            head: ['Action', 'Principal', 'Workspace', 'Permission / entitlements'],
            rows: access
        },
        {
            label: 'Readiness for automatic identity management',
            head: ['Principal', 'Check', 'Finding', 'Fix'],
            rows: of('readiness').map((f) => [
                cell(f.subject),
                cell(READINESS_CHECKS[f.check ?? ''] ?? f.check ?? ''),
                cell(f.detail),
                cell(f.fix ?? '—')
            ])
        },
        {
            label: 'Assigned, not in the config (left as they are)',
            head: ['Principal', 'Assignment', 'To manage it'],
            rows: of('drift').map((f) => [cell(f.subject), cell(f.detail), cell(f.fix ?? '—')])
        },
        {
            label: 'Denylist rules not in the config (left as they are)',
            head: ['Principal', 'Rule', 'To manage it'],
            rows: of('unmanaged-rule').map((f) => [cell(f.subject), cell(f.detail), cell(f.fix ?? '—')])
        }
    ];
}

;// CONCATENATED MODULE: ./src/report/sync-summary.ts
// Job summary of command: sync. A headline, an overview table of every workspace, then one section per workspace
// with what was changed (or, with dry-run or a tripped circuit breaker, what was planned), what was skipped and
// why, and what failed. GitHub refuses a step summary over 1 MiB, so the workspace details are cut to a budget.







/** What this summary may add, in bytes: GitHub accepts at most 1 MiB per step summary. */
const SUMMARY_BUDGET_BYTES = 900 * 1024;
/** Member names listed per group in one table cell; the plan output file has them all. */
const MEMBER_LIST_LIMIT = 1000;
function addSyncSummary(summary, result, options = {}) {
    const budget = options.budgetBytes ?? SUMMARY_BUDGET_BYTES;
    const top = render(summary, () => {
        addSyncHeadline(summary, result);
        addOverviewTable(summary, result);
    });
    const sections = result.workspaces.map((ws) => ({
        head: render(summary, () => addWorkspaceStatus(summary, ws)),
        tables: workspaceTables(ws)
    }));
    const fit = fitToBudget(summary, bytes(summary.stringify()) + bytes(top), sections, budget);
    summary.addRaw(top);
    if (fit.shortened > 0)
        addCutNote(summary, budget, fit.shortened);
    fit.sections.forEach((kept, i) => {
        const section = sections[i];
        if (!section)
            return;
        summary.addRaw(section.head);
        kept.forEach((rows, t) => {
            const table = section.tables[t];
            if (table)
                addDetailTable(summary, table, rows);
        });
        if (isShortened(section.tables, kept))
            addCutMarker(summary);
    });
}
// ---- headline and overview
function addSyncHeadline(summary, result) {
    const counts = countStatuses(result);
    const changes = countChanges(result);
    const bad = counts.failed + counts.tripped;
    const icon = bad > 0 ? '❌' : result.dryRun ? '📝' : '✅';
    const title = result.dryRun ? 'Entra ID → Databricks sync (dry run)' : 'Entra ID → Databricks sync';
    const outcome = bad > 0 ? `: ${plural(bad, 'workspace')} failed or stopped` : '';
    summary.addHeading(`${icon} ${title}${outcome}`, 2);
    const parts = [
        `${counts.changed} ${result.dryRun ? 'would change' : 'changed'}`,
        `${counts.unchanged} unchanged`,
        `${counts.failed} failed`,
        `${counts.tripped} stopped by the circuit breaker`,
        `${counts.skipped} skipped`
    ];
    const total = result.dryRun
        ? `${plural(changes, 'change')} planned; nothing was written`
        : `${plural(changes, 'change')} made`;
    const g = result.graph;
    const graph = g
        ? `<br>Microsoft Graph: ${plural(g.total, 'request')} for ${plural(g.reads, 'read')}, ${g.throttled} throttled (429), ` +
            `${plural(g.retries, 'retry', 'retries')}, ${(g.waitedMs / 1000).toFixed(1)} s waited.`
        : '';
    summary.addRaw(`<p>${plural(result.workspaces.length, 'workspace')}: ${parts.join(', ')}. ${total}.${graph}</p>`, true);
}
function countStatuses(result) {
    const counts = { changed: 0, unchanged: 0, failed: 0, tripped: 0, skipped: 0 };
    for (const ws of result.workspaces) {
        const status = targetStatus(ws);
        if (status === 'planned')
            counts[targetChanges(ws).length > 0 ? 'changed' : 'unchanged']++;
        else
            counts[status]++;
    }
    return counts;
}
function addOverviewTable(summary, result) {
    if (result.workspaces.length === 0) {
        summary.addRaw('<p>No workspace was selected.</p>', true);
        return;
    }
    // Only account-level runs plan workspace assignments: the column is left out when no target has any.
    const assignments = result.workspaces.some((ws) => targetResults(ws).some((r) => isAssignment(r.operation)));
    addTable(summary, 'Workspaces', header('Workspace', 'Status', 'Created', 'Members added', 'Members removed', 'Deactivated / deleted', ...(assignments ? ['Workspace assignments'] : []), 'Skipped', 'Errors', 'Databricks requests', '429s'), result.workspaces.map((ws) => {
        const ops = targetChanges(ws).map((r) => r.operation);
        return [
            cell(ws.workspace),
            sync_summary_statusLabel(ws),
            cell(ops.filter((op) => phaseOf(op) === 'create').length),
            cell(memberCount(ops, 'add-members')),
            cell(memberCount(ops, 'remove-members')),
            cell(ops.filter((op) => phaseOf(op) === 'retire').length),
            ...(assignments ? [assignmentCount(ops)] : []),
            cell(ws.steps.reduce((n, step) => n + (step.plan?.skips.length ?? 0), 0)),
            cell(errorCount(ws)),
            cell(ws.requests?.total ?? '—'),
            cell(ws.requests?.throttled ?? '—')
        ];
    }));
}
const ASSIGNING = new Set(['assign-to-workspace', 'assign-principal']);
const UNASSIGNING = new Set(['unassign-from-workspace', 'unassign-principal']);
const isAssignment = (op) => ASSIGNING.has(op.kind) || UNASSIGNING.has(op.kind);
/** The overview cell of assignment changes: their number, with the unassignments among them named. */
function assignmentCount(ops) {
    const assigned = ops.filter((op) => ASSIGNING.has(op.kind)).length;
    const unassigned = ops.filter((op) => UNASSIGNING.has(op.kind)).length;
    return unassigned > 0 ? cell(`${assigned + unassigned} (${unassigned} unassigned)`) : cell(assigned);
}
const STATUS_LABELS = {
    changed: '✅ changed',
    unchanged: '✅ unchanged',
    planned: '📝 would change',
    tripped: '⛔ circuit breaker',
    skipped: '⏭️ skipped',
    failed: '❌ failed'
};
function sync_summary_statusLabel(ws) {
    const status = targetStatus(ws);
    if (status === 'planned' && targetChanges(ws).length === 0)
        return '📝 no changes';
    return STATUS_LABELS[status];
}
function modeOf(step) {
    return step.status === 'tripped' ? 'tripped' : step.status === 'planned' ? 'dry-run' : 'applied';
}
/** The operations a step's tables show: what was done, or what was planned. */
function shown(step) {
    return (modeOf(step) === 'applied' ? step.results.filter((r) => r.status === 'done') : step.results).map((r) => r.operation);
}
/** Operations that failed, or were not reached, in an applied step. */
function unfinished(step) {
    return modeOf(step) === 'applied' ? step.results.filter((r) => r.status !== 'done') : [];
}
function errorCount(ws) {
    const failed = targetResults(ws).filter((r) => r.status === 'failed').length;
    return failed > 0 ? failed : targetStatus(ws) === 'failed' ? 1 : 0;
}
function memberCount(ops, kind) {
    return ops.reduce((n, op) => n + (op.kind === kind ? op.members.length : 0), 0);
}
// ---- one workspace
function addWorkspaceStatus(summary, ws) {
    summary.addHeading(`${cell(ws.workspace)} — ${sync_summary_statusLabel(ws)}`, 3);
    const lines = [`<code>${cell(ws.host)}</code>`, ...statusSentences(ws)];
    const r = ws.requests;
    if (r) {
        lines.push(`Databricks: ${plural(r.total, 'request')}, ${r.throttled} throttled (429), ${plural(r.retries, 'retry', 'retries')}, ` +
            `${(r.waitedMs / 1000).toFixed(1)} s waited.`);
    }
    summary.addRaw(`<p>${lines.join('<br>')}</p>`, true);
}
/** One sentence for a target of one step (or none); one per step, named, when it has several. */
function statusSentences(ws) {
    if (ws.steps.length === 0) {
        return [ws.error ? `❌ Failed: ${cell(ws.error)}` : 'Unchanged: nothing is configured for this workspace.'];
    }
    if (ws.steps.length === 1)
        return [statusSentence(ws.steps[0])];
    return ws.steps.map((step) => `${capitalized(STEPS[step.step])}: ${statusSentence(step)}`);
}
const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);
function statusSentence(step) {
    const findings = step.plan?.findings?.length ?? 0;
    const found = findings > 0 ? ` ${plural(findings, FINDING_NOUN[step.step] ?? 'finding')} reported below.` : '';
    return stepStatusSentence(step) + found;
}
/** What a step's findings are called in its status line. */
const FINDING_NOUN = {
    readiness: 'finding',
    assignments: 'assignment not in the config',
    deny: 'rule not in the config'
};
function stepStatusSentence(step) {
    const ops = step.results.length;
    switch (step.status) {
        case 'changed':
            return `Changed: ${plural(ops, 'operation')} applied.`;
        case 'unchanged':
            return 'Unchanged: Databricks already matches Entra.';
        case 'planned':
            return ops > 0
                ? `Dry run: ${plural(ops, 'operation')} would be applied; nothing was written.`
                : 'Dry run: no changes needed.';
        case 'tripped':
            return step.plan ? `⛔ ${cell(breakerMessage(step.plan.breaker))}` : `⛔ ${cell(step.error ?? 'circuit breaker')}`;
        case 'skipped':
            return `Skipped: ${cell(step.error ?? 'nothing was planned')}`;
        case 'failed': {
            const failed = step.results.filter((r) => r.status === 'failed').length;
            const done = step.results.filter((r) => r.status === 'done').length;
            const counts = ops > 0 ? ` (${failed} of ${plural(ops, 'operation')} failed, ${done} done)` : '';
            return `❌ Failed${counts}: ${cell(step.error ?? 'see the failed operations')}`;
        }
    }
}
function breakerMessage(breaker) {
    return (`circuit breaker: ${plural(breaker.removals, 'removal')} > limit ${breaker.limit} (${formatMaxDeletions(breaker.maxDeletions)} of ${breaker.base} managed): ` +
        'nothing changed; raise max-deletions or check the Entra groups');
}
/** The tables of one workspace that have rows, in the order they are shown. */
function workspaceTables(ws) {
    return ws.steps.flatMap(stepTables);
}
/** The tables of one step that have rows, in its own mode (a step's stop never relabels another's changes). */
function stepTables(step) {
    const mode = modeOf(step);
    const ops = shown(step);
    return [
        createdIdentities(mode, ops),
        createdGroups(mode, ops),
        sync_summary_members(mode, ops, 'add-members'),
        sync_summary_members(mode, ops, 'remove-members'),
        sync_summary_entitlements(mode, ops),
        renames(mode, ops),
        lifecycle(mode, ops),
        assignmentsTable(mode, ops),
        ...aimTables(mode, ops, step.plan?.findings ?? []),
        otherChanges(mode, ops),
        skips(step),
        unfinishedOperations(step)
    ].filter((t) => t.rows.length > 0);
}
/** A table under its title; `rows` may be the first rows only, when the budget cut it. */
function addDetailTable(summary, table, rows = table.rows.length) {
    if (rows === 0)
        return;
    const label = rows < table.rows.length ? `${table.label} — first ${rows} of ${table.rows.length}` : table.label;
    summary.addHeading(escapeHtml(label), 4);
    addTable(summary, label, header(...table.head), table.rows.slice(0, rows));
}
function createdIdentities(mode, ops) {
    const rows = [];
    for (const op of ops) {
        if (op.kind === 'create-user') {
            rows.push(['user', cell(op.displayName), cell(op.userName), cell(op.entitlements.join(', '))]);
        }
        else if (op.kind === 'create-service-principal') {
            rows.push(['service principal', cell(op.displayName), cell(op.applicationId), cell(op.entitlements.join(', '))]);
        }
    }
    return {
        label: title(mode, 'Identities created', 'create identities'),
        head: ['Kind', 'Name', 'User name / application id', 'Entitlements'],
        rows
    };
}
function createdGroups(mode, ops) {
    const rows = ops.flatMap((op) => op.kind === 'create-group' ? [[cell(op.displayName), cell(op.entitlements.join(', '))]] : []);
    return { label: title(mode, 'Groups created', 'create groups'), head: ['Group', 'Entitlements'], rows };
}
function sync_summary_members(mode, ops, kind) {
    // Group → members, merging the operations of one group (apply may batch them).
    const byGroup = new Map();
    for (const op of ops) {
        if (op.kind !== kind)
            continue;
        const list = byGroup.get(op.group) ?? [];
        list.push(...op.members);
        byGroup.set(op.group, list);
    }
    return {
        label: kind === 'add-members'
            ? title(mode, 'Members added', 'add members')
            : title(mode, 'Members removed', 'remove members'),
        head: ['Group', 'Count', 'Members'],
        rows: [...byGroup].map(([group, list]) => [cell(group), cell(list.length), memberList(list)])
    };
}
/** Member names for one cell: folded when long, and at most MEMBER_LIST_LIMIT of them. */
function memberList(list) {
    const names = list.slice(0, MEMBER_LIST_LIMIT).map((m) => cell(m.display || m.key));
    if (list.length > MEMBER_LIST_LIMIT) {
        names.push(`<em>… and ${list.length - MEMBER_LIST_LIMIT} more in the plan output file</em>`);
    }
    // Never an empty cell: the summary writer would leave the tag open.
    const text = names.join(', ') || '—';
    return list.length > FOLD_ROWS
        ? `<details><summary>${plural(list.length, 'member')}</summary>${text}</details>`
        : text;
}
function sync_summary_entitlements(mode, ops) {
    const rows = [];
    for (const op of ops) {
        if (op.kind === 'set-group-entitlements') {
            rows.push([`group ${cell(op.group)}`, cell(op.add.join(', ')), cell(op.remove.join(', '))]);
        }
        else if (op.kind === 'add-entitlements') {
            rows.push([principal(op.principal), cell(op.add.join(', ')), '—']);
        }
    }
    return { label: title(mode, 'Entitlements changed', 'change entitlements'), head: ['Of', 'Added', 'Removed'], rows };
}
function renames(mode, ops) {
    const rows = [];
    for (const op of ops) {
        if (op.kind === 'rename-group')
            rows.push(['group', cell(op.from), cell(op.to)]);
        else if (op.kind === 'update-display-name') {
            rows.push([`${kindLabel(op.principal.kind)} ${cell(op.principal.key)}`, cell(op.from), cell(op.to)]);
        }
    }
    return { label: title(mode, 'Renamed', 'rename'), head: ['What', 'From', 'To'], rows };
}
function lifecycle(mode, ops) {
    const verbs = { deactivate: 'deactivated', delete: 'deleted', reactivate: 'reactivated' };
    const rows = [];
    for (const op of ops) {
        if (op.kind === 'deactivate' || op.kind === 'delete' || op.kind === 'reactivate') {
            rows.push([mode === 'applied' ? verbs[op.kind] : op.kind, principal(op.principal)]);
        }
    }
    return {
        label: title(mode, 'Deactivated, deleted or reactivated', 'deactivate, delete or reactivate'),
        head: ['Action', 'Identity'],
        rows
    };
}
function assignmentsTable(mode, ops) {
    const rows = [];
    for (const op of ops) {
        if (op.kind === 'assign-to-workspace') {
            const verb = mode === 'applied' ? 'assigned' : 'assign';
            rows.push([`${verb} ${cell(op.group)} to ${cell(op.workspace)} as ${cell(op.permission)}`]);
        }
        else if (op.kind === 'unassign-from-workspace') {
            const verb = mode === 'applied' ? 'unassigned' : 'unassign';
            rows.push([`${verb} ${cell(op.group)} from ${cell(op.workspace)}`]);
        }
    }
    return {
        label: title(mode, 'Workspace assignments', 'change workspace assignments'),
        head: ['Assignment'],
        rows
    };
}
const SKIP_LABELS = {
    'disabled-account': 'disabled account',
    'guest-without-mail': 'guest without mail',
    'not-owned': 'not managed by this action',
    protected: 'protected',
    'nested-group': 'nested group (nested: direct)',
    'removal-keep': 'removal: keep',
    'account-limit': 'Databricks account limit',
    'external-group': 'group kept elsewhere',
    'unsupported-member': 'not a user or service principal'
};
function skips(step) {
    const rows = (step.plan?.skips ?? []).map((s) => [
        cell(s.subject),
        cell(s.group ?? '—'),
        cell(SKIP_LABELS[s.reason] ?? s.reason),
        cell(s.detail)
    ]);
    return { label: 'Skipped', head: ['Who', 'Group', 'Reason', 'Detail'], rows };
}
function unfinishedOperations(step) {
    const rows = unfinished(step).map((r) => [
        cell(describeOperation(r.operation)),
        r.status === 'failed' ? cell(r.error ?? 'failed') : '<em>not run</em>'
    ]);
    return { label: 'Failed operations', head: ['Operation', 'Error'], rows };
}
function principal(ref) {
    return `${kindLabel(ref.kind)} ${cell(ref.display || ref.key)}`;
}
/** Kinds that have a table of their own above; any other kind is listed by its description. */
const TABLED = new Set([
    'create-user',
    'create-service-principal',
    'create-group',
    'add-members',
    'remove-members',
    'set-group-entitlements',
    'add-entitlements',
    'rename-group',
    'update-display-name',
    'deactivate',
    'delete',
    'reactivate',
    'assign-to-workspace',
    'unassign-from-workspace',
    ...AIM_TABLED
]);
/** Changes of kinds without a table of their own, one line each: a new kind shows up here until it has one. */
function otherChanges(mode, ops) {
    const rows = ops.filter((op) => !TABLED.has(op.kind)).map((op) => [cell(describeOperation(op))]);
    return { label: title(mode, 'Other changes', 'make other changes'), head: ['Change'], rows };
}
const NOTE_RESERVE = 1024;
const MARKER = '<p><em>✂️ Details cut to keep the summary under GitHub’s size limit; see the plan output file.</em></p>\n';
/**
 * Every workspace's heading and status line first (they carry the errors), then the tables in order, row by row,
 * until the budget is spent: the details are cut from the end.
 */
function fitToBudget(summary, used, sections, budget) {
    let total = used + NOTE_RESERVE;
    let heads = 0;
    for (const s of sections) {
        const size = bytes(s.head) + bytes(MARKER);
        if (total + size > budget)
            break;
        total += size;
        heads++;
    }
    const kept = sections.slice(0, heads).map((s) => s.tables.map(() => 0));
    let full = true;
    for (let i = 0; i < heads && full; i++) {
        const tables = sections[i]?.tables ?? [];
        for (let t = 0; t < tables.length && full; t++) {
            const table = tables[t];
            const size = (rows) => bytes(render(summary, () => addDetailTable(summary, table, rows)));
            let rows = table.rows.length;
            if (total + size(rows) > budget) {
                full = false;
                // The most rows that fit (binary search: size grows with rows).
                let lo = 0;
                let hi = rows - 1;
                while (lo < hi) {
                    const mid = Math.ceil((lo + hi) / 2);
                    if (total + size(mid) <= budget)
                        lo = mid;
                    else
                        hi = mid - 1;
                }
                rows = lo;
            }
            total += rows > 0 ? size(rows) : 0;
            kept[i][t] = rows;
        }
    }
    const shortened = sections.filter((s, i) => i >= heads || isShortened(s.tables, kept[i] ?? [])).length;
    return { sections: kept, shortened };
}
function isShortened(tables, kept) {
    return tables.some((t, i) => (kept[i] ?? 0) < t.rows.length);
}
function addCutNote(summary, budget, shortened) {
    summary.addRaw(`<p>✂️ <strong>The summary was cut at ${Math.round(budget / 1024)} KiB; the full plan and results are in the plan output file</strong> ` +
        `(the <code>plan</code> output). The details of ${plural(shortened, 'workspace')} are shortened or left out: ` +
        'GitHub accepts at most 1 MiB of job summary per step.</p>', true);
}
function addCutMarker(summary) {
    summary.addRaw(MARKER);
}
// ---- rendering
/** Renders `add` on its own and returns its HTML, leaving the summary's buffer as it was. */
function render(summary, add) {
    const before = summary.stringify();
    summary.emptyBuffer();
    try {
        add();
        return summary.stringify();
    }
    finally {
        summary.emptyBuffer();
        summary.addRaw(before);
    }
}
function bytes(text) {
    return Buffer.byteLength(text, 'utf8');
}

;// CONCATENATED MODULE: ./src/run/aim-context.ts
// What a run knows about an account with automatic identity management, read once and shared by its steps: the
// principals the config lists (found in Entra, with their account ids where the account has them) and the account's
// principal lists. A principal resolved by the account's step gets its id here, for the workspaces after it.


/** A lookup of every reference that failed, one sentence each. */
class LookupFailed extends Error {
    failures;
    constructor(failures) {
        super(`${failures.length === 1 ? 'An Entra principal' : `${failures.length} Entra principals`} of the account could not be found, so nothing was changed: ${failures.join(' ')}`);
        this.failures = failures;
    }
}
/** Every result, or every failure's message: one bad reference does not hide the others. */
async function allOrFailures(tasks) {
    const settled = await Promise.allSettled(tasks.map((t) => t()));
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [describeError(s.reason)] : []));
    if (failures.length > 0)
        throw new LookupFailed(failures);
    return settled.map((s) => s.value);
}
class AimContext {
    account;
    target;
    directory;
    lists = new Map();
    plan;
    constructor(account, target, directory) {
        this.account = account;
        this.target = target;
        this.directory = directory;
    }
    /** The account's principals of a kind, read once per run. */
    accountList(kind) {
        let list = this.lists.get(kind);
        if (!list) {
            list = this.target.principals(kind);
            this.lists.set(kind, list);
        }
        return list;
    }
    /** The listed principals and the resolves the account needs, read once (a failed read is tried again). */
    resolvePlan() {
        if (!this.plan) {
            const plan = this.read();
            this.plan = plan;
            plan.catch(() => {
                if (this.plan === plan)
                    this.plan = undefined;
            });
        }
        return this.plan;
    }
    /** The ids this run's resolves recorded: the principals are in the account now. */
    async learn(ids) {
        const plan = await this.resolvePlan();
        for (const p of plan.principals) {
            if (p.id)
                continue;
            const key = aimIdKey(p.externalId);
            const id = p.kind === 'group' ? ids.group(key, undefined) : ids.principal({ kind: p.kind, key, display: '' });
            if (id)
                p.id = id;
        }
    }
    async read() {
        const acc = this.account;
        const listed = [
            { kind: 'group', entries: acc.groups },
            { kind: 'servicePrincipal', entries: acc.servicePrincipals ?? [] },
            { kind: 'user', entries: acc.users ?? [] }
        ];
        const wanted = await allOrFailures(listed.flatMap(({ kind, entries }) => entries.map((e) => async () => ({
            kind,
            ref: e.entra,
            removal: e.removal,
            found: await this.directory.find(kind, e.entra)
        }))));
        // Groups are always read: workspaces may name account groups the config does not list.
        const kinds = new Set(['group', ...wanted.map((w) => w.kind)]);
        const account = (await Promise.all([...kinds].map((k) => this.accountList(k)))).flat();
        return planResolve(wanted, account);
    }
}

;// CONCATENATED MODULE: ./src/core/assignments.ts

const RANK = { USER: 1, ADMIN: 2 };
/** Whether what a principal has already gives exactly `wanted` (ADMIN may be listed with USER). */
function satisfies(permissions, wanted) {
    const has = new Set(permissions.map((p) => p.toUpperCase()));
    return wanted === 'ADMIN' ? has.has('ADMIN') : has.has('USER') && !has.has('ADMIN');
}
function planAssignments(input) {
    const operations = [];
    const problems = [];
    const managed = new Set([...input.managedGroupNames].map((n) => n.toLowerCase()));
    for (const ws of input.workspaces) {
        if (!ws.workspaceId.trim()) {
            if (ws.accountGroups.length > 0) {
                problems.push(`workspace ${ws.name}: no workspace id, so its account groups were not assigned; set workspace-id in the config.`);
            }
            continue;
        }
        // Desired, once per group (a group listed twice gets the higher permission).
        const desired = new Map();
        for (const a of ws.accountGroups) {
            const key = a.group.toLowerCase();
            const before = desired.get(key);
            if (!before || RANK[a.permission] > RANK[before.permission])
                desired.set(key, { group: before?.group ?? a.group, permission: a.permission });
        }
        const current = input.current.get(ws.workspaceId) ?? [];
        const byPrincipal = new Map(current.map((c) => [c.principalId, c]));
        for (const [key, want] of [...desired].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
            const known = input.accountGroups.get(key);
            if (!known && !managed.has(key)) {
                problems.push(`workspace ${ws.name}: account group "${want.group}" does not exist in the account and no account.groups ` +
                    'mapping creates it, so it was not assigned; check the name, or add the Entra group to account.groups.');
                continue;
            }
            const groupId = known?.id;
            const has = groupId !== undefined ? byPrincipal.get(groupId) : undefined;
            if (has && satisfies(has.permissions, want.permission))
                continue;
            operations.push({
                kind: 'assign-to-workspace',
                workspace: ws.name,
                workspaceId: ws.workspaceId,
                group: want.group,
                ...(groupId !== undefined ? { groupId } : {}),
                permission: want.permission
            });
        }
        if (!ws.removalAllows)
            continue;
        for (const c of current) {
            // Group assignments only; and only of groups the config manages that this workspace no longer lists.
            if (c.groupName === undefined)
                continue;
            const key = c.groupName.toLowerCase();
            if (!managed.has(key) || desired.has(key))
                continue;
            operations.push({
                kind: 'unassign-from-workspace',
                workspace: ws.name,
                workspaceId: ws.workspaceId,
                group: c.groupName,
                groupId: c.principalId
            });
        }
    }
    operations.sort(compareOperations);
    return { operations, problems };
}

;// CONCATENATED MODULE: ./src/core/aim-assignments.ts
// Workspace access of an account with automatic identity management, pure: the groups and service principals a
// workspace should have (by account id), as USER or ADMIN and with the entitlements the config sets, against what the
// account lists. Assignments of principals the account block lists and this workspace no longer does are removed
// (unless removal: keep); any other assignment the config does not mention is reported as drift and left alone.



const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));
/** One entry per principal: listed twice (by name and by object id), it gets the higher permission. */
function merged(wanted) {
    const byObject = new Map();
    for (const w of wanted) {
        const key = `${w.principal.kind}:${w.principal.externalId.toLowerCase()}`;
        const before = byObject.get(key);
        if (!before)
            byObject.set(key, w);
        else {
            byObject.set(key, {
                principal: before.principal,
                permission: RANK[w.permission] > RANK[before.permission] ? w.permission : before.permission,
                ...((before.entitlements ?? w.entitlements) ? { entitlements: before.entitlements ?? w.entitlements } : {})
            });
        }
    }
    return [...byObject.values()];
}
function currentName(c) {
    if (c.groupName !== undefined)
        return { kind: 'group', name: c.groupName };
    if (c.servicePrincipalName !== undefined) {
        return { kind: 'service principal', name: describePrincipal(c.displayName, c.servicePrincipalName) };
    }
    if (c.userName !== undefined)
        return { kind: 'user', name: describePrincipal(c.displayName, c.userName) };
    return { kind: 'principal', name: c.displayName ?? c.principalId };
}
function planAimAssignments(input) {
    const { workspace } = input;
    const operations = [];
    const current = new Map(input.current.map((c) => [c.principalId, c]));
    const wanted = merged(input.wanted);
    const wantedIds = new Set(wanted.flatMap((w) => (w.principal.id ? [w.principal.id] : [])));
    for (const w of wanted) {
        const id = w.principal.id;
        const has = id !== undefined ? current.get(id) : undefined;
        if (!has || !satisfies(has.permissions, w.permission)) {
            operations.push({
                kind: 'assign-principal',
                workspace: workspace.name,
                workspaceId: workspace.workspaceId,
                principal: w.principal,
                permission: w.permission
            });
        }
        if (w.entitlements === undefined)
            continue;
        // Not assigned yet: it has no direct entitlements.
        const before = (has && id !== undefined ? input.entitlements.get(id) : undefined) ?? [];
        if (!sameSet(before, w.entitlements)) {
            operations.push({
                kind: 'set-workspace-entitlements',
                workspace: workspace.name,
                workspaceId: workspace.workspaceId,
                principal: w.principal,
                permission: w.permission,
                entitlements: [...w.entitlements].sort(),
                from: [...before].sort()
            });
        }
    }
    const managed = new Map(input.managed.flatMap((p) => (p.id ? [[p.id, p]] : [])));
    const drift = [];
    let base = 0;
    for (const c of input.current) {
        if (c.userName === undefined)
            base++;
        if (wantedIds.has(c.principalId))
            continue;
        const listed = managed.get(c.principalId);
        if (listed && listed.kind !== 'user') {
            if (listed.removal === 'keep')
                continue;
            operations.push({
                kind: 'unassign-principal',
                workspace: workspace.name,
                workspaceId: workspace.workspaceId,
                principal: { kind: listed.kind, externalId: listed.externalId, name: listed.name, id: c.principalId }
            });
            continue;
        }
        const { kind, name } = currentName(c);
        drift.push({
            kind: 'drift',
            subject: `${kind} ${name}`,
            detail: `assigned to workspace ${workspace.name} as ${c.permissions.join(', ') || 'nothing'}, and not in the config`,
            fix: kind === 'user'
                ? 'assign the user through an Entra group listed here, or remove the assignment in the account console'
                : `to manage it, list it under account.${kind === 'group' ? 'groups' : 'service-principals'} (and this workspace's account-${kind === 'group' ? 'groups' : 'service-principals'} to keep it); else remove it in the account console`
        });
    }
    operations.sort(compareOperations);
    drift.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
    return { operations, drift, base };
}
/** A listed principal as an assignment names it. */
const aimRefOf = (p) => ({
    kind: p.kind,
    externalId: p.externalId,
    name: p.name,
    ...(p.id ? { id: p.id } : {})
});

;// CONCATENATED MODULE: ./src/core/breaker.ts

/** The limit: a count as given, or a share of the base rounded down. */
function deletionLimit(max, base) {
    return max.kind === 'count' ? max.value : Math.floor((base * max.value) / 100);
}
/**
 * `base` is what the percentage applies to (for identities: the managed memberships plus the managed identities;
 * for assignments: the group assignments the workspace has). A plan that removes nothing never trips.
 */
function circuitBreaker(operations, base, max) {
    const removals = operations.reduce((n, op) => n + removalsOf(op), 0);
    const limit = deletionLimit(max, base);
    return { removals, base, limit, maxDeletions: max, tripped: removals > limit };
}

;// CONCATENATED MODULE: ./src/core/readiness.ts


const keyOf = (a) => (a.kind === 'group' ? a.name : (a.key ?? a.name));
const label = (a) => `${aimKindLabel(a.kind)} ${a.kind === 'group' ? a.name : describePrincipal(a.name, keyOf(a))}`;
const what = (kind) => kind === 'user' ? 'user principal name' : kind === 'group' ? 'name' : 'application id';
const SET_EXTERNAL_ID = (kind, id, objectId) => `set its externalId to ${objectId} (identity API: PATCH /api/2.0/identity/accounts/{account_id}/${kind === 'group' ? 'groups' : kind === 'user' ? 'users' : 'service-principals'}/${id}?update_mask=external_id)`;
function readinessFindings(input) {
    const ignored = new Set((input.ignoreGroups ?? []).map((n) => n.toLowerCase()));
    const account = input.account.filter((a) => a.kind !== 'group' || !ignored.has(a.name.toLowerCase()));
    const findings = [];
    const byKey = (a) => input.byKey.get(`${a.kind}:${keyOf(a).toLowerCase()}`) ?? [];
    for (const a of account) {
        const matches = byKey(a);
        if (!a.externalId) {
            // A group without one is a local group: only a problem when Entra has a group of its name (AIM brings a second).
            const [only] = matches;
            if (matches.length === 0) {
                if (a.kind === 'user') {
                    findings.push({
                        kind: 'readiness',
                        check: 'external-id-missing',
                        subject: label(a),
                        detail: `has no externalId, and Entra has no user with this ${what(a.kind)}; automatic identity management will never sync it`,
                        fix: 'remove the user if it left, or correct its user name to its Entra user principal name'
                    });
                }
                continue;
            }
            findings.push({
                kind: 'readiness',
                check: 'external-id-missing',
                subject: label(a),
                detail: a.kind === 'group'
                    ? `is a local group (no externalId) named like ${matches.length === 1 ? 'the Entra group' : `${matches.length} Entra groups`}; automatic identity management would bring the Entra group as a second group of this name`
                    : `has no externalId; automatic identity management matches it with Entra by its object id`,
                fix: matches.length === 1 && only
                    ? `${SET_EXTERNAL_ID(a.kind, a.id, only.id)}${a.kind === 'group' ? ', or rename it so the Entra group comes in under its own name' : ''}`
                    : `rename one of the Entra groups, then set the externalId to the object id of the one meant (${matches.map((m) => m.id).join(', ')})`
            });
            continue;
        }
        const object = input.byObjectId.get(a.externalId.toLowerCase());
        const [only] = matches;
        const suggest = matches.length === 1 && only ? SET_EXTERNAL_ID(a.kind, a.id, only.id) : undefined;
        if (!object) {
            findings.push({
                kind: 'readiness',
                check: 'external-id-mismatch',
                subject: label(a),
                detail: `has externalId ${a.externalId}, which is no object of the Entra tenant`,
                fix: suggest ?? `remove the ${aimKindLabel(a.kind)} if it left Entra, or set its externalId to its Entra object id`
            });
            continue;
        }
        const sameKind = object.kind === a.kind;
        const sameKey = a.kind === 'group' || (object.key ?? '').toLowerCase() === keyOf(a).toLowerCase();
        if (sameKind && sameKey)
            continue;
        findings.push({
            kind: 'readiness',
            check: 'external-id-mismatch',
            subject: label(a),
            detail: sameKind
                ? `has externalId ${a.externalId}, the object id of Entra ${aimKindLabel(object.kind)} ${describePrincipal(object.displayName, object.key ?? object.id)}, whose ${what(a.kind)} differs`
                : `has externalId ${a.externalId}, the object id of an Entra ${aimKindLabel(object.kind)} (${object.displayName})`,
            fix: suggest ?? `set its externalId to the object id of the Entra ${aimKindLabel(a.kind)} it stands for`
        });
    }
    findings.push(...duplicates(account));
    findings.push(...shadows(input, account));
    return findings.sort((a, b) => compareText(a.check ?? '', b.check ?? '') || compareText(a.subject, b.subject));
}
/** Users by user name, service principals by application id, groups by name: each once. */
function duplicates(account) {
    const sets = new Map();
    for (const a of account) {
        const key = `${a.kind}:${keyOf(a).toLowerCase()}`;
        sets.set(key, [...(sets.get(key) ?? []), a]);
    }
    return [...sets.values()]
        .filter((set) => set.length > 1)
        .map((set) => {
        const first = set[0];
        const keeper = set.find((a) => a.externalId);
        return {
            kind: 'readiness',
            check: 'duplicate',
            subject: label(first),
            detail: `${set.length} account ${first.kind === 'group' ? 'groups' : `${aimKindLabel(first.kind)}s`} share this ${what(first.kind)} (ids ${set.map((a) => a.id).join(', ')})`,
            fix: keeper
                ? `keep ${keeper.id} (externalId ${keeper.externalId}); move the grants and workspace assignments of the others to it, then delete them`
                : 'keep one, set its externalId to the Entra object id, move the others’ grants and assignments to it, then delete them'
        };
    });
}
/** Workspace-local groups named like an account group: the workspace shows two groups of one name. */
function shadows(input, account) {
    const accountGroups = new Set([
        ...account.filter((a) => a.kind === 'group').map((a) => a.name.toLowerCase()),
        ...(input.resolving ?? []).map((n) => n.toLowerCase())
    ]);
    const findings = [];
    for (const ws of input.workspaces) {
        if (ws.error !== undefined) {
            findings.push({
                kind: 'readiness',
                check: 'unchecked',
                subject: `workspace ${ws.name}`,
                detail: `its groups could not be read, so workspace-local groups were not checked: ${ws.error}`,
                fix: 'make the action’s service principal a workspace admin to include this check'
            });
            continue;
        }
        for (const name of ws.localGroups) {
            if (!accountGroups.has(name.toLowerCase()))
                continue;
            findings.push({
                kind: 'readiness',
                check: 'shadowing-group',
                subject: `workspace ${ws.name}: group ${name}`,
                detail: 'is a workspace-local group with the name of an account group, which it shadows in this workspace',
                fix: 'migrate it to the account group (move its permissions and grants), then delete or rename the workspace-local group'
            });
        }
    }
    return findings;
}

;// CONCATENATED MODULE: ./src/run/aim-steps.ts
// The steps of an account with automatic identity management (account.identity: aim), each read -> plan -> guard ->
// apply like every step (step.ts): the account's resolve (listed Entra principals brought into the account), its
// denylist, its readiness report (dry-run), and each workspace's assignments and entitlements. None of them writes a
// user or a membership: Databricks keeps those from Entra itself.








/** The account group the action keeps as its record at account level (SCIM mode); never a readiness finding. */
const aim_steps_OWNERSHIP_GROUP = 'entra-databricks-sync-managed';
const failed = (error) => ({ ok: false, status: 'failed', error });
/** The account's resolve: each listed principal the account does not have yet is resolved (created) now. */
function resolveStep(ctx, maxDeletions, log) {
    return {
        step: 'resolve',
        writers: { 'identity-api': ctx.target.identityWriter },
        async read() {
            try {
                return { ok: true, actual: await ctx.resolvePlan() };
            }
            catch (error) {
                return failed(describeError(error));
            }
        },
        plan(resolved) {
            const present = resolved.principals.filter((p) => p.present).length;
            log(`account: ${resolved.operations.length} principal(s) to resolve, ${present} already in the account`);
            return {
                plan: {
                    step: 'resolve',
                    operations: resolved.operations,
                    skips: [],
                    breaker: circuitBreaker(resolved.operations, 0, maxDeletions)
                },
                problems: []
            };
        },
        tripped: () => 'internal error: resolving removes nothing, so no breaker can trip'
    };
}
/** The denylist: a rule for each entry, lifted for entries marked remove; rules made by hand are left alone. */
function denyStep(ctx, maxDeletions) {
    return {
        step: 'deny',
        writers: { 'identity-api': ctx.target.identityWriter },
        async read() {
            try {
                const [rules, wanted] = await Promise.all([
                    ctx.target.denyRules(),
                    allOrFailures((ctx.account.deny ?? []).map((entry) => async () => {
                        let found;
                        try {
                            found = await ctx.directory.find(entry.kind, entry.entra);
                        }
                        catch (error) {
                            // A rule to lift may name a principal deleted from Entra since: its object id still names the rule.
                            if (!entry.remove || !isGuid(entry.entra))
                                throw error;
                            found = { kind: entry.kind, id: entry.entra.toLowerCase(), displayName: entry.entra };
                        }
                        return {
                            principal: { kind: entry.kind, externalId: found.id, name: aimName(found) },
                            remove: entry.remove
                        };
                    }))
                ]);
                return { ok: true, actual: { wanted, rules } };
            }
            catch (error) {
                return failed(`The denylist was not changed: ${describeError(error)}`);
            }
        },
        plan({ wanted, rules }) {
            const planned = planDenyRules(wanted, rules);
            return {
                plan: {
                    step: 'deny',
                    operations: planned.operations,
                    skips: [],
                    breaker: circuitBreaker(planned.operations, rules.length, maxDeletions),
                    findings: planned.findings
                },
                problems: planned.problems
            };
        },
        tripped: (b) => `Circuit breaker: the plan lifts ${b.removals} denylist rule(s), over the limit of ${b.limit} (of ${b.base} rules); no rule was changed.`
    };
}
/**
 * What stands in the way of automatic identity management (the checks of Databricks' enablement prep script):
 * externalIds missing or not the Entra object id, duplicates, workspace-local groups shadowing account groups.
 * Reports only; a workspace whose groups cannot be read is reported as unchecked.
 */
function readinessStep(ctx, workspaces, workspaceGroups) {
    return {
        step: 'readiness',
        writers: {},
        async read() {
            try {
                const kinds = ['user', 'servicePrincipal', 'group'];
                const account = (await Promise.all(kinds.map((k) => ctx.accountList(k)))).flat();
                const withId = account.filter((a) => a.externalId);
                const without = account.filter((a) => !a.externalId && a.name !== aim_steps_OWNERSHIP_GROUP);
                const keyOf = (a) => ({ kind: a.kind, key: a.kind === 'group' ? a.name : (a.key ?? a.name) });
                const [byObjectId, byKey, ws, plan] = await Promise.all([
                    ctx.directory.byIds(withId.map((a) => a.externalId)),
                    ctx.directory.byKeys([...without, ...withId].map(keyOf)),
                    Promise.all(workspaces.map(async (w) => {
                        if (!workspaceGroups)
                            return { name: w.name, localGroups: [] };
                        try {
                            const groups = await workspaceGroups(w);
                            return { name: w.name, localGroups: groups.filter((g) => g.local).map((g) => g.displayName) };
                        }
                        catch (error) {
                            return { name: w.name, localGroups: [], error: describeError(error) };
                        }
                    })),
                    ctx.resolvePlan().catch(() => undefined)
                ]);
                const resolving = (plan?.principals ?? []).filter((p) => p.kind === 'group' && !p.present).map((p) => p.name);
                return {
                    ok: true,
                    actual: { account, byObjectId, byKey, workspaces: ws, resolving, ignoreGroups: [aim_steps_OWNERSHIP_GROUP] }
                };
            }
            catch (error) {
                return failed(`The readiness check could not read the account or Entra: ${describeError(error)}`);
            }
        },
        plan(read) {
            const findings = readinessFindings(read);
            return {
                plan: {
                    step: 'readiness',
                    operations: [],
                    skips: [],
                    breaker: circuitBreaker([], 0, { kind: 'count', value: 0 }),
                    findings
                },
                problems: []
            };
        },
        tripped: () => 'internal error: the readiness check plans nothing'
    };
}
/** A workspace's groups and service principals, as USER or ADMIN, with the entitlements the config sets. */
function aimAssignmentsStep(input) {
    const { workspace: ws, ctx } = input;
    return {
        step: 'assignments',
        writers: { assignments: ctx.target.assignmentsWriter, 'identity-api': ctx.target.identityWriter },
        async read() {
            const status = input.resolve?.status;
            if (status === 'failed' || status === 'tripped') {
                return failed('Nothing was assigned because the account’s principals were not resolved (see the account).');
            }
            if (!ws.workspaceId)
                return failed('Nothing was assigned: the workspace id is unknown (set workspace-id).');
            try {
                const [resolved, groups, current] = await Promise.all([
                    ctx.resolvePlan(),
                    ctx.accountList('group'),
                    ctx.target.assignments(ws.workspaceId)
                ]);
                const { wanted, problems } = wantedOf(ws, resolved, groups, input.dryRun);
                const assigned = new Set(current.map((c) => c.principalId));
                const entitlements = new Map();
                await Promise.all(wanted.map(async (w) => {
                    const id = w.principal.id;
                    if (w.entitlements === undefined || id === undefined || !assigned.has(id))
                        return;
                    const read = await ctx.target.entitlements(ws.workspaceId, id);
                    if (read)
                        entitlements.set(id, read);
                }));
                return {
                    ok: true,
                    actual: { workspaceId: ws.workspaceId, wanted, current, managed: resolved.principals, entitlements, problems }
                };
            }
            catch (error) {
                return failed(`Nothing was assigned: ${describeError(error)}`);
            }
        },
        plan({ workspaceId, wanted, current, managed, entitlements, problems }) {
            const planned = planAimAssignments({
                workspace: { name: ws.name, workspaceId },
                wanted,
                current,
                managed,
                entitlements
            });
            return {
                plan: {
                    step: 'assignments',
                    operations: planned.operations,
                    skips: [],
                    breaker: circuitBreaker(planned.operations, planned.base, input.maxDeletions),
                    findings: planned.drift
                },
                problems
            };
        },
        tripped: (b) => `Circuit breaker: the plan unassigns ${b.removals} group(s) or service principal(s), over the limit of ${b.limit} (of ${b.base} assigned); no assignment was changed.`
    };
}
/**
 * What the workspace's entries name: a listed principal (by its config reference, object id, application id or
 * Entra name), or for a group any account group of that name (never unassigned: the config does not manage it).
 */
function wantedOf(ws, resolved, accountGroups, dryRun) {
    const wanted = [];
    const problems = [];
    const entries = [
        ...ws.accountGroups.map((a) => ({ kind: 'group', ref: a.group, ...a })),
        ...(ws.accountServicePrincipals ?? []).map((a) => ({
            kind: 'servicePrincipal',
            ref: a.servicePrincipal,
            ...a
        }))
    ];
    for (const e of entries) {
        const listed = principalFor(resolved.principals, e.kind, e.ref);
        const byName = listed || e.kind !== 'group' ? undefined : accountGroups.find((g) => g.name.toLowerCase() === e.ref.toLowerCase());
        const principal = listed
            ? aimRefOf(listed)
            : byName
                ? { kind: 'group', externalId: byName.externalId ?? byName.id, name: byName.name, id: byName.id }
                : undefined;
        if (!principal) {
            problems.push(e.kind === 'group'
                ? `workspace ${ws.name}: "${e.ref}" is neither in account.groups nor an account group; list the Entra group under account.groups.`
                : `workspace ${ws.name}: service principal "${e.ref}" is not in account.service-principals; list it there.`);
            continue;
        }
        if (!principal.id && !dryRun && listed && !listed.present) {
            problems.push(`workspace ${ws.name}: ${e.kind === 'group' ? 'group' : 'service principal'} "${principal.name}" is not in the account yet; run the account first (workspace: account), which resolves it.`);
            continue;
        }
        wanted.push({
            principal,
            permission: e.permission,
            ...(e.entitlements ? { entitlements: e.entitlements } : {})
        });
    }
    return { wanted, problems };
}

;// CONCATENATED MODULE: ./src/run/apply.ts
// Apply: the only code that has a plan written. It runs the operations phase by phase (core/operations.ts: ids
// first, then memberships, then workspace assignments, removals last), each through the writer of its port, a
// few at a time; and it stops starting new ones when the run is cancelled (the next run makes the rest).



async function apply_applyPlan(plan, writers, options) {
    const ids = options.ids ?? new Ids();
    const results = new Map();
    const pairs = new Map();
    for (const writer of Object.values(writers)) {
        for (const [first, second] of writer?.pairs?.(plan.operations) ?? [])
            pairs.set(first, second);
    }
    for (const phase of PHASES) {
        // An operation carried by an earlier one is already done (or failed) by the time its phase comes.
        const operations = plan.operations.filter((op) => phaseOf(op) === phase && !results.has(op));
        await mapLimit(operations, options.concurrency, async (op) => {
            if (options.signal?.aborted)
                return;
            const carried = pairs.get(op);
            const batch = carried && !results.has(carried) ? [op, carried] : [op];
            const writer = writers[portOf(op)];
            try {
                if (!writer)
                    throw new Error(PORTS[portOf(op)].missing);
                const outcomes = await writer.write(batch, ids);
                for (const o of outcomes ?? batch.map((operation) => ({ operation, status: 'done' }))) {
                    results.set(o.operation, o);
                }
            }
            catch (error) {
                for (const operation of batch)
                    results.set(operation, { operation, status: 'failed', error: describeError(error) });
            }
        });
    }
    return plan.operations.map((op) => results.get(op) ?? { operation: op, status: 'planned' });
}
/** Ids of what this run created (or adopted), by kind and key, and groups by name. */
class Ids {
    principals = new Map();
    groups = new Map();
    setPrincipal(kind, key, id) {
        this.principals.set(`${kind}:${key.toLowerCase()}`, id);
    }
    principal(ref) {
        return ref.id ?? this.principals.get(`${ref.kind}:${ref.key.toLowerCase()}`);
    }
    setGroup(name, id) {
        this.groups.set(name.toLowerCase(), id);
    }
    group(name, id) {
        return id ?? this.groups.get(name.toLowerCase());
    }
}

;// CONCATENATED MODULE: ./src/run/step.ts


async function runStep(spec, options) {
    const { step } = spec;
    let plan;
    let problems;
    try {
        const read = await spec.read();
        if (!read.ok)
            return { step, status: read.status, results: [], error: read.error };
        ({ plan, problems } = spec.plan(read.actual));
    }
    catch (error) {
        return { step, status: 'failed', results: [], error: describeError(error) };
    }
    const planned = plan.operations.map((operation) => ({ operation, status: 'planned' }));
    if (problems.length > 0)
        return { step, status: 'failed', plan, results: planned, error: problems.join(' ') };
    if (plan.breaker.tripped)
        return { step, status: 'tripped', plan, results: planned, error: spec.tripped(plan.breaker) };
    if (options.dryRun)
        return { step, status: 'planned', plan, results: planned };
    if (spec.blocked)
        return { step, status: 'skipped', plan, results: planned, error: spec.blocked };
    const results = await apply_applyPlan(plan, spec.writers, options);
    const failed = results.filter((r) => r.status === 'failed').length;
    const notMade = results.filter((r) => r.status === 'planned').length;
    const errors = [
        ...(failed > 0 ? [`${failed} of ${results.length} operation(s) failed; a re-run retries them.`] : []),
        ...(notMade > 0
            ? [`The run was cancelled: ${notMade} of ${results.length} operation(s) were not made; the next run makes them.`]
            : [])
    ];
    return {
        step,
        status: errors.length > 0 ? 'failed' : results.length > 0 ? 'changed' : 'unchanged',
        plan,
        results,
        ...(errors.length > 0 ? { error: errors.join(' ') } : {})
    };
}

;// CONCATENATED MODULE: ./src/run/aim-sync.ts




function aimRun(account, maxDeletions, deps) {
    const ctx = new AimContext(account, deps.target, deps.directory);
    let resolved;
    return {
        async account(options, workspaces) {
            const ids = new Ids();
            const max = maxDeletions ?? account.maxDeletions;
            resolved = withCauses(await runStep(resolveStep(ctx, max, deps.log), { ...options, ids }));
            if (resolved.status === 'changed' || resolved.status === 'failed')
                await ctx.learn(ids).catch(() => undefined);
            const steps = [resolved];
            if (account.deny)
                steps.push(withCauses(await runStep(denyStep(ctx, max), options)));
            if (options.dryRun) {
                steps.push(await runStep(readinessStep(ctx, workspaces, deps.workspaceGroups?.bind(deps)), options));
            }
            return steps;
        },
        async workspace(ws, options) {
            if (ws.accountGroups.length === 0 && (ws.accountServicePrincipals ?? []).length === 0)
                return [];
            const spec = aimAssignmentsStep({
                workspace: ws,
                ctx,
                maxDeletions: maxDeletions ?? ws.maxDeletions,
                dryRun: options.dryRun,
                ...(resolved ? { resolve: resolved } : {})
            });
            return [withCauses(await runStep(spec, options))];
        },
        requests: () => deps.target.requests()
    };
}
/**
 * A step whose operations failed, with their distinct errors in its own: when every resolve fails alike (the
 * account is not on automatic identity management), the run's error says why, not only how many.
 */
function withCauses(step) {
    const causes = [...new Set(step.results.flatMap((r) => (r.status === 'failed' && r.error ? [r.error] : [])))];
    if (causes.length === 0)
        return step;
    const shown = causes.slice(0, 3).join(' ');
    const more = causes.length > 3 ? ` (and ${causes.length - 3} other error(s), in the summary)` : '';
    return { ...step, error: `${step.error ?? ''} ${shown}${more}`.trim() };
}

;// CONCATENATED MODULE: ./src/run/assignments-step.ts
// The workspace-assignments step of a workspace: which account groups it has, as USER or ADMIN. Runs after the
// account's identities step (so the groups it created have ids) and after the workspace's own identities step
// (a workspace gets a group once its members are in); its own plan, breaker and status.



function assignmentsStep(input) {
    const { workspace: ws, account } = input;
    const stopped = input.identities && ['tripped', 'failed', 'skipped'].includes(input.identities.status);
    return {
        step: 'assignments',
        writers: account ? { assignments: account.target.writer } : {},
        ...(stopped
            ? { blocked: 'Account groups were not assigned because the workspace’s identities step did not complete.' }
            : {}),
        async read() {
            const fail = (error) => ({ ok: false, status: 'failed', error });
            if (!account)
                return fail('Account groups cannot be assigned: the config declares no account.');
            const accountStep = account.identities?.status;
            if (accountStep === 'failed' || accountStep === 'tripped') {
                return fail('Account groups were not assigned because the account sync did not complete.');
            }
            if (!ws.workspaceId)
                return fail('Account groups cannot be assigned: the workspace id is unknown (set workspace-id).');
            try {
                const current = await account.target.list(ws.workspaceId);
                const groups = new Map((await account.target.groups()).map((g) => [g.displayName.toLowerCase(), { id: g.id }]));
                // In a dry-run the account's new groups exist only in its plan.
                for (const op of account.identities?.plan?.operations ?? []) {
                    if (op.kind === 'create-group' && !groups.has(op.displayName.toLowerCase())) {
                        groups.set(op.displayName.toLowerCase(), {});
                    }
                }
                return { ok: true, actual: { workspaceId: ws.workspaceId, current, groups } };
            }
            catch (error) {
                return fail(`Assigning account groups failed: ${describeError(error)}`);
            }
        },
        plan({ workspaceId, current, groups }) {
            const planned = planAssignments({
                workspaces: [
                    {
                        name: ws.name,
                        workspaceId,
                        accountGroups: ws.accountGroups.map((a) => ({ group: a.group, permission: a.permission })),
                        removalAllows: account?.removalAllows ?? false
                    }
                ],
                current: new Map([[workspaceId, current]]),
                accountGroups: groups,
                managedGroupNames: account?.managed ?? new Set()
            });
            const base = current.filter((a) => a.groupName).length;
            return {
                plan: {
                    step: 'assignments',
                    operations: planned.operations,
                    skips: [],
                    breaker: circuitBreaker(planned.operations, base, input.maxDeletions)
                },
                problems: planned.problems
            };
        },
        tripped: (b) => `Circuit breaker: the plan unassigns ${b.removals} account group(s), over the limit of ${b.limit}; no assignment was changed.`
    };
}

;// CONCATENATED MODULE: ./src/core/account-limits.ts
const ACCOUNT_LIMITS = Object.freeze({
    principals: 10_000,
    groups: 5_000,
    membershipsPerPrincipal: 1_500
});
const number = (n) => n.toLocaleString('en-US');
/**
 * The limits this plan would go over, empty when it stays within them. Counts: principals = existing + created -
 * deleted; groups = existing + created; direct memberships of a principal = its memberships in the groups of
 * `actual` + added - removed (memberships in groups the sync does not read are not known, so this is a lower bound).
 */
function checkAccountLimits(plan, actual, limits = ACCOUNT_LIMITS, totals = {}) {
    const violations = [];
    const count = (kinds) => plan.operations.filter((op) => kinds.includes(op.kind)).length;
    const principals = actual.users.length +
        actual.servicePrincipals.length +
        count(['create-user', 'create-service-principal']) -
        count(['delete']);
    if (principals > limits.principals) {
        violations.push({
            limit: 'principals',
            count: principals,
            max: limits.principals,
            message: `the account would hold ${number(principals)} users and service principals after this sync, over Databricks' ` +
                `limit of ${number(limits.principals)}: nothing was changed. Remove groups from account.groups or sync the ` +
                'largest ones at workspace level.'
        });
    }
    const groups = (totals.groups ?? actual.groups.length) + count(['create-group']);
    if (groups > limits.groups) {
        violations.push({
            limit: 'groups',
            count: groups,
            max: limits.groups,
            message: `the account would hold ${number(groups)} groups after this sync, over Databricks' limit of ` +
                `${number(limits.groups)}: nothing was changed. Remove groups from account.groups, or delete account groups ` +
                'that are no longer used.'
        });
    }
    violations.push(...membershipViolations(plan, actual, limits.membershipsPerPrincipal));
    return violations;
}
/** Principals over the direct-membership limit, the most memberships first. */
function membershipViolations(plan, actual, max) {
    const names = new Map();
    for (const p of [...actual.users, ...actual.servicePrincipals])
        names.set(p.id, p.displayName || p.key);
    for (const g of actual.groups)
        names.set(g.id, `group ${g.displayName}`);
    // Keyed by Databricks id; a principal created in this run (no id yet) by kind and key.
    const keyOf = (ref) => ref.id ?? `new:${ref.kind}:${ref.key.toLowerCase()}`;
    const counts = new Map();
    const bump = (key, by) => {
        counts.set(key, (counts.get(key) ?? 0) + by);
    };
    for (const g of actual.groups)
        for (const id of new Set(g.memberIds))
            bump(id, 1);
    const deleted = new Set();
    for (const op of plan.operations) {
        if (op.kind === 'add-members' || op.kind === 'remove-members') {
            for (const m of op.members) {
                const key = keyOf(m);
                if (!names.has(key))
                    names.set(key, m.display || m.key);
                bump(key, op.kind === 'add-members' ? 1 : -1);
            }
        }
        else if (op.kind === 'delete') {
            deleted.add(keyOf(op.principal));
        }
    }
    return [...counts]
        .filter(([key, n]) => n > max && !deleted.has(key))
        .map(([key, n]) => ({ key, n, subject: names.get(key) ?? key }))
        .sort((a, b) => b.n - a.n || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0))
        .map(({ n, subject }) => ({
        limit: 'membershipsPerPrincipal',
        count: n,
        max,
        subject,
        message: `${subject} would be a direct member of ${number(n)} groups after this sync, over Databricks' limit of ` +
            `${number(max)} per principal: nothing was changed. Sync fewer of its groups at account level, or sync ` +
            'some of them at workspace level.'
    }));
}

;// CONCATENATED MODULE: ./src/core/desired.ts

/** Removal settings from the gentlest to the harshest: where mappings disagree, the gentler one wins. */
const REMOVAL_ORDER = ['keep', 'remove-membership', 'deactivate', 'delete'];
function gentlest(a, b) {
    return REMOVAL_ORDER.indexOf(a) <= REMOVAL_ORDER.indexOf(b) ? a : b;
}
/** Map key of a principal: kind plus lower-cased identity key. */
const desired_principalId = (kind, key) => `${kind}:${key.toLowerCase()}`;
/** The Databricks group a mapping targets: `databricks`, or the Entra display name when only an object id is given. */
function targetGroupName(mapping, read) {
    return mapping.databricks === mapping.entra && mapping.entra.trim().toLowerCase() === read.id.toLowerCase()
        ? read.displayName
        : mapping.databricks;
}
function buildDesired(mappings) {
    // Sorted first, so every choice below (which entry wins a collision) is independent of input order.
    const sorted = mappings
        .map((m) => ({ ...m, name: targetGroupName(m.mapping, m.read) }))
        .sort((a, b) => compareText(a.name, b.name) ||
        compareText(a.read.id, b.read.id) ||
        compareText(a.mapping.entra, b.mapping.entra) ||
        Number(a.mapping.membersOnly) - Number(b.mapping.membersOnly));
    const principals = new Map();
    const groups = new Map();
    const membersOnlyPrincipals = new Set();
    const membersOnlyEntitlements = new Set();
    const skips = [];
    let membersOnlyRemoval;
    for (const { mapping, read, name } of sorted) {
        let group;
        if (mapping.membersOnly) {
            membersOnlyRemoval = membersOnlyRemoval ? gentlest(membersOnlyRemoval, mapping.removal) : mapping.removal;
            for (const e of mapping.entitlements)
                membersOnlyEntitlements.add(e);
        }
        else {
            const groupKey = name.toLowerCase();
            group = groups.get(groupKey);
            if (!group) {
                group = { name, sourceIds: [], entitlements: [], removal: mapping.removal, members: new Set() };
                groups.set(groupKey, group);
            }
            group.sourceIds = [...new Set([...group.sourceIds, read.id])].sort(compareText);
            group.entitlements = [...new Set([...group.entitlements, ...mapping.entitlements])].sort();
            group.removal = gentlest(group.removal, mapping.removal);
        }
        if (mapping.nested === 'direct') {
            for (const nested of [...new Set(read.nestedGroups)].sort(compareText)) {
                skips.push({
                    reason: 'nested-group',
                    subject: nested,
                    group: name,
                    detail: `members of nested group ${nested} not synced (nested: direct)`
                });
            }
        }
        for (const skipped of read.skipped)
            skips.push({ ...skipped, group: name });
        const members = [...read.members].sort((a, b) => compareText(a.sourceId, b.sourceId) || compareText(a.kind, b.kind));
        for (const member of members) {
            const id = desired_principalId(member.kind, member.key);
            let principal = principals.get(id);
            if (!principal) {
                principal = {
                    kind: member.kind,
                    id,
                    name: member.key,
                    displayName: member.displayName,
                    sourceId: member.sourceId,
                    entitlements: new Set()
                };
                principals.set(id, principal);
            }
            group?.members.add(id);
            if (mapping.membersOnly) {
                membersOnlyPrincipals.add(id);
                for (const e of mapping.entitlements)
                    principal.entitlements.add(e);
            }
        }
    }
    return {
        principals: new Map([...principals].sort(([a], [b]) => compareText(a, b))),
        groups: [...groups.values()].sort((a, b) => compareText(a.name, b.name)),
        membersOnlyRemoval,
        membersOnlyPrincipals,
        membersOnlyEntitlements,
        skips
    };
}
function desiredRef(p, databricksId) {
    const ref = {
        kind: p.kind,
        key: p.name.toLowerCase(),
        display: describePrincipal(p.displayName, p.name)
    };
    if (databricksId !== undefined)
        ref.id = databricksId;
    return ref;
}

;// CONCATENATED MODULE: ./src/core/plan.ts
// The identities planner, pure: desired state (a source's reads) vs actual state (a target's) -> a deterministic list
// of typed operations, the skips with their reasons, and the circuit breaker. No I/O; same input, same plan.




const existingRef = (e) => ({
    kind: e.kind,
    key: e.p.key.toLowerCase(),
    id: e.p.id,
    display: describePrincipal(e.p.displayName, e.p.key)
});
const compareRefs = (a, b) => compareText(a.key, b.key) || compareText(a.kind, b.kind);
const byId = (items) => [...items].sort((a, b) => compareText(a.id, b.id));
/** The identities step's plan: users, service principals, groups, their entitlements and memberships. */
function planIdentities(input) {
    const { actual, owns } = input;
    const desired = buildDesired(input.mappings);
    const operations = [];
    const skips = [...desired.skips];
    // ---- actual, indexed (sorted first so a duplicate resolves the same way whatever the input order) ----
    const existingByPid = new Map();
    const existingById = new Map();
    const lists = [
        ['user', actual.users],
        ['servicePrincipal', actual.servicePrincipals]
    ];
    for (const [kind, list] of lists) {
        for (const p of byId(list)) {
            const e = { kind, pid: desired_principalId(kind, p.key), p };
            if (!existingByPid.has(e.pid))
                existingByPid.set(e.pid, e);
            if (!existingById.has(p.id))
                existingById.set(p.id, e);
        }
    }
    const existingSorted = [...existingById.values()].sort((a, b) => compareText(a.p.key, b.p.key) || compareText(a.kind, b.kind) || compareText(a.p.id, b.p.id));
    const actualGroups = byId(actual.groups);
    const adminIds = new Set(actualGroups.filter((g) => g.displayName.trim().toLowerCase() === ADMINS_GROUP).flatMap((g) => g.memberIds));
    const protectedWhy = (id) => id === actual.selfId
        ? 'the identity this action runs as is never removed'
        : adminIds.has(id)
            ? 'members of the admins group are never removed'
            : undefined;
    // ---- groups ----
    const claimed = new Set();
    const findGroup = (g) => {
        const free = (a) => !claimed.has(a.id);
        const ids = new Set(g.sourceIds.map((id) => id.toLowerCase()));
        const byExternal = actualGroups.find((a) => free(a) && a.externalId !== undefined && ids.has(a.externalId.toLowerCase()));
        if (byExternal)
            return { group: byExternal, byExternalId: true };
        const byName = actualGroups.find((a) => free(a) && a.displayName.toLowerCase() === g.name.toLowerCase());
        return byName ? { group: byName, byExternalId: false } : undefined;
    };
    /** Members that left a group and are to be removed from it, by group; settled once identity removals are known. */
    const pendingRemovals = [];
    /** Per actual principal id: the gentlest removal of the managed groups it left. */
    const leftRemoval = new Map();
    const managedIdentities = new Set();
    let managedMemberships = 0;
    /** Desired groups whose target group is kept elsewhere. */
    const externalGroups = [];
    for (const g of desired.groups) {
        if (isReservedGroup(g.name)) {
            skips.push(reservedSkip(g.name, g.name));
            continue;
        }
        const found = findGroup(g);
        if (!found) {
            operations.push({
                kind: 'create-group',
                displayName: g.name,
                externalId: g.sourceIds[0] ?? '',
                entitlements: g.entitlements
            });
            const members = [...g.members].map((pid) => desiredMemberRef(pid));
            if (members.length > 0)
                operations.push({ kind: 'add-members', group: g.name, members: members.sort(compareRefs) });
            continue;
        }
        const { group: a, byExternalId } = found;
        claimed.add(a.id);
        if (isReservedGroup(a.displayName)) {
            skips.push(reservedSkip(a.displayName, g.name));
            continue;
        }
        if (a.external) {
            // Its membership is kept elsewhere: not adopted, not written; its members are not made here for it.
            externalGroups.push(g);
            skips.push({
                reason: 'external-group',
                subject: a.displayName,
                group: g.name,
                detail: `not synced: ${a.external.reason}; ${a.external.fix}`
            });
            continue;
        }
        if (byExternalId && a.displayName.toLowerCase() !== g.name.toLowerCase()) {
            operations.push({ kind: 'rename-group', groupId: a.id, from: a.displayName, to: g.name });
        }
        const has = new Set(a.entitlements);
        const add = g.entitlements.filter((e) => !has.has(e));
        const remove = [...has].filter((e) => !g.entitlements.includes(e)).sort();
        if (add.length > 0 || remove.length > 0) {
            operations.push({ kind: 'set-group-entitlements', group: g.name, groupId: a.id, add, remove });
        }
        const memberIds = new Set(a.memberIds);
        const additions = [...g.members]
            .filter((pid) => {
            const e = existingByPid.get(pid);
            return !e || !memberIds.has(e.p.id);
        })
            .map((pid) => desiredMemberRef(pid));
        if (additions.length > 0) {
            operations.push({ kind: 'add-members', group: g.name, groupId: a.id, members: additions.sort(compareRefs) });
        }
        // Current members that are users or service principals; group members (and unknown ids) are left alone.
        const current = existingSorted.filter((e) => memberIds.has(e.p.id));
        managedMemberships += current.length;
        const leaving = [];
        for (const e of current) {
            managedIdentities.add(e.p.id);
            if (g.members.has(e.pid))
                continue;
            if (!desired.principals.has(e.pid)) {
                const before = leftRemoval.get(e.p.id);
                leftRemoval.set(e.p.id, before ? gentlest(before, g.removal) : g.removal);
            }
            const subject = describePrincipal(e.p.displayName, e.p.key);
            if (g.removal === 'keep') {
                skips.push({
                    reason: 'removal-keep',
                    subject,
                    group: g.name,
                    detail: `not in the Entra group any more; kept in ${g.name} (removal: keep)`
                });
                continue;
            }
            const why = protectedWhy(e.p.id);
            if (why) {
                skips.push({ reason: 'protected', subject, group: g.name, detail: `not removed from ${g.name}: ${why}` });
                continue;
            }
            leaving.push(e);
        }
        if (leaving.length > 0)
            pendingRemovals.push({ group: g.name, groupId: a.id, members: leaving });
    }
    // Principals wanted only through groups kept elsewhere are not this target's to make.
    const wantedElsewhere = new Set(externalGroups.flatMap((g) => [...g.members]));
    for (const g of desired.groups)
        if (!externalGroups.includes(g))
            for (const pid of g.members)
                wantedElsewhere.delete(pid);
    for (const pid of desired.membersOnlyPrincipals)
        wantedElsewhere.delete(pid);
    // ---- desired principals: create, or bring the existing one in step ----
    for (const d of desired.principals.values()) {
        if (wantedElsewhere.has(d.id))
            continue;
        const e = existingByPid.get(d.id);
        const entitlements = [...d.entitlements].sort();
        if (!e) {
            operations.push(d.kind === 'user'
                ? { kind: 'create-user', userName: d.name, displayName: d.displayName, externalId: d.sourceId, entitlements }
                : {
                    kind: 'create-service-principal',
                    applicationId: d.name,
                    displayName: d.displayName,
                    externalId: d.sourceId,
                    entitlements
                });
            continue;
        }
        const principal = existingRef(e);
        if (d.displayName && (e.p.displayName ?? '') !== d.displayName && (input.updatesDisplayName?.(e.p) ?? true)) {
            operations.push({ kind: 'update-display-name', principal, from: e.p.displayName ?? '', to: d.displayName });
        }
        if (!e.p.active)
            operations.push({ kind: 'reactivate', principal });
        const missing = entitlements.filter((x) => !e.p.entitlements.includes(x));
        if (missing.length > 0)
            operations.push({ kind: 'add-entitlements', principal, add: missing });
    }
    // ---- identities no mapping wants any more ----
    if (desired.membersOnlyRemoval) {
        // Which principals a members-only mapping added cannot be known without state; the best sign is the one the
        // action leaves: an Entra object id as externalId and, directly, an entitlement those mappings give.
        const given = [...desired.membersOnlyEntitlements];
        const addedByMembersOnly = (p) => owns(p) && (given.length === 0 || given.some((x) => p.entitlements.includes(x)));
        for (const e of existingSorted) {
            const added = addedByMembersOnly(e.p);
            if (added || desired.membersOnlyPrincipals.has(e.pid))
                managedIdentities.add(e.p.id);
            if (!added || desired.principals.has(e.pid))
                continue;
            const before = leftRemoval.get(e.p.id);
            leftRemoval.set(e.p.id, before ? gentlest(before, desired.membersOnlyRemoval) : desired.membersOnlyRemoval);
        }
    }
    const deleted = new Set();
    for (const e of existingSorted) {
        const removal = leftRemoval.get(e.p.id);
        if (removal !== 'deactivate' && removal !== 'delete')
            continue;
        const subject = describePrincipal(e.p.displayName, e.p.key);
        const verb = removal === 'delete' ? 'deleted' : 'deactivated';
        const why = protectedWhy(e.p.id);
        if (why) {
            skips.push({ reason: 'protected', subject, detail: `not ${verb}: ${why}` });
        }
        else if (!owns(e.p)) {
            skips.push({
                reason: 'not-owned',
                subject,
                detail: `not ${verb}: the action did not create it (${owns.rule ?? 'no Entra object id as externalId'})`
            });
        }
        else if (removal === 'delete') {
            deleted.add(e.p.id);
            operations.push({ kind: 'delete', principal: existingRef(e) });
        }
        else if (e.p.active) {
            operations.push({ kind: 'deactivate', principal: existingRef(e) });
        }
    }
    // Deleting an identity takes its memberships with it: no separate removal for those.
    for (const r of pendingRemovals) {
        const members = r.members.filter((e) => !deleted.has(e.p.id)).map(existingRef);
        if (members.length > 0) {
            operations.push({
                kind: 'remove-members',
                group: r.group,
                groupId: r.groupId,
                members: members.sort(compareRefs)
            });
        }
    }
    operations.sort(compareOperations);
    return {
        step: 'identities',
        operations,
        skips: dedupeSkips(skips),
        breaker: circuitBreaker(operations, managedMemberships + managedIdentities.size, input.maxDeletions)
    };
    function desiredMemberRef(pid) {
        const d = desired.principals.get(pid);
        if (!d)
            throw new Error(`planner: member ${pid} has no desired principal`);
        return desiredRef(d, existingByPid.get(pid)?.p.id);
    }
}
function reservedSkip(name, target) {
    return {
        reason: 'protected',
        subject: name,
        group: target,
        detail: `${name} is a Databricks built-in group; the action never changes it`
    };
}
function compareSkips(a, b) {
    return (compareText(a.reason, b.reason) ||
        compareText(a.group ?? '', b.group ?? '') ||
        compareText(a.subject, b.subject) ||
        compareText(a.detail, b.detail));
}
/** Sorted, each skip once. */
function dedupeSkips(skips) {
    const seen = new Set();
    return [...skips].sort(compareSkips).filter((s) => {
        const key = JSON.stringify([s.reason, s.group ?? null, s.subject, s.detail]);
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}

;// CONCATENATED MODULE: ./src/run/confirm-adds.ts
const confirm_adds_keyOf = (kind, key) => `${kind}\u0000${key.toLowerCase()}`;
/** The principals (kind and key) that `operations` would create, add to a group, give access to or reactivate. */
function addedPrincipals(operations) {
    const added = new Set();
    for (const op of operations) {
        if (op.kind === 'create-user')
            added.add(confirm_adds_keyOf('user', op.userName));
        else if (op.kind === 'create-service-principal')
            added.add(confirm_adds_keyOf('servicePrincipal', op.applicationId));
        else if (op.kind === 'add-members')
            for (const m of op.members)
                added.add(confirm_adds_keyOf(m.kind, m.key));
        else if (op.kind === 'add-entitlements' || op.kind === 'reactivate') {
            added.add(confirm_adds_keyOf(op.principal.kind, op.principal.key));
        }
    }
    return added;
}
/**
 * The reads as the source confirms them: for each read holding a member `plan` would add, the source's confirm with
 * those members' source ids. Reads without such a member are kept as they are.
 */
async function confirmAdds(source, mappings, plan) {
    const added = addedPrincipals(plan(mappings));
    if (added.size === 0)
        return [...mappings];
    return Promise.all(mappings.map(async (m) => {
        const adds = new Set(m.read.members.filter((p) => added.has(confirm_adds_keyOf(p.kind, p.key))).map((p) => p.sourceId));
        if (adds.size === 0)
            return m;
        return { mapping: m.mapping, read: await source.confirm(m.read, m.mapping.nested, adds) };
    }));
}

;// CONCATENATED MODULE: ./src/run/identities-step.ts
// The identities step of a target: read the source's groups (a failed or empty read stops the step: nothing is
// removed on a bad read), read the target, plan users, service principals, groups and memberships, guard them with
// the account limits (account level) and the breaker, apply.





function identitiesStep(input) {
    let target;
    const opened = () => (target ??= input.target());
    const spec = {
        step: 'identities',
        get writers() {
            return { identities: opened().writer };
        },
        async read() {
            // The source first: a failed read must stop this target before anything else happens.
            let mappings;
            try {
                mappings = await Promise.all(input.groups.map(async (g) => ({
                    mapping: g,
                    read: await input.source.readGroup(g.entra, g.nested)
                })));
            }
            catch (error) {
                const why = `Reading Entra failed, so nothing was changed: ${describeError(error)}`;
                return { ok: false, status: 'failed', error: why };
            }
            // An empty answer is indistinguishable from a bad read; it never means "everyone left".
            const emptyRead = (reads) => {
                const empty = reads.filter(({ read }) => read.members.length + read.skipped.length + read.nestedGroups.length === 0);
                if (empty.length === 0)
                    return undefined;
                return {
                    ok: false,
                    status: 'skipped',
                    error: `Entra returned no members for ${empty.map((m) => `"${m.read.displayName}"`).join(', ')}; the workspace was left unchanged rather than emptied. Add members in Entra, or remove the group from the config.`
                };
            };
            const wantedOf = (reads) => reads
                .filter((m) => !m.mapping.membersOnly)
                .map(({ mapping, read }) => ({ sourceId: read.id, name: targetGroupName(mapping, read) }));
            const empty = emptyRead(mappings);
            if (empty)
                return empty;
            let wanted = wantedOf(mappings);
            let actual = await opened().read(wanted);
            const confirm = input.source.confirm?.bind(input.source);
            if (confirm) {
                // The source answered from a cache it does not trust: whom this plan would add is asked of the service.
                try {
                    mappings = await confirmAdds({ confirm }, mappings, (reads) => planOf(reads, actual).operations);
                }
                catch (error) {
                    return {
                        ok: false,
                        status: 'failed',
                        error: `Reading Entra failed, so nothing was changed: ${describeError(error)}`
                    };
                }
                const emptied = emptyRead(mappings);
                if (emptied)
                    return emptied;
                const again = wantedOf(mappings);
                if (JSON.stringify(again) !== JSON.stringify(wanted))
                    actual = await opened().read((wanted = again));
            }
            input.onManaged?.(new Set(wanted.map((w) => w.name.toLowerCase())));
            return { ok: true, actual: { mappings, actual } };
        },
        plan({ mappings, actual }) {
            const plan = planOf(mappings, actual);
            input.log(`${input.name}: ${plan.operations.length} operation(s) planned, ${plan.skips.length} skipped`);
            const problems = input.account
                ? checkAccountLimits(plan, actual, undefined, {
                    groups: Math.max(actual.groupCount ?? 0, actual.groups.length)
                }).map((v) => v.message)
                : [];
            return { plan, problems };
        },
        tripped: (b) => `Circuit breaker: the plan removes ${b.removals}, over the limit of ${b.limit} (of ${b.base} managed); nothing was changed. Check the Entra groups, or raise max-deletions for this run.`
    };
    function planOf(mappings, actual) {
        const { owns, updatesDisplayName } = opened();
        return planIdentities({
            mappings: [...mappings],
            actual,
            owns,
            updatesDisplayName,
            maxDeletions: input.maxDeletions
        });
    }
    return { spec, requests: () => target?.requests() };
}

;// CONCATENATED MODULE: ./src/run/sync.ts






/** The name the account target has in results, the summary and the plan file. */
const sync_ACCOUNT_TARGET = 'account';
const CANCELLED_BEFORE = 'The run was cancelled before this workspace started; nothing was changed in it.';
/** Write requests in flight at once for workspace assignments (the account API's write limits are low). */
const ASSIGNMENT_CONCURRENCY = 2;
async function sync(options, deps) {
    const stepOptions = (concurrency) => ({
        dryRun: options.dryRun,
        concurrency,
        ...(options.signal ? { signal: options.signal } : {})
    });
    const results = [];
    let account;
    let aim;
    if (options.account?.identity === 'aim') {
        // Databricks brings identities and memberships from Entra itself: no SCIM identities step anywhere.
        const acc = options.account;
        if (!deps.aim)
            throw new Error('internal error: an account with automatic identity management needs its API');
        aim = aimRun(acc, options.maxDeletions, { ...deps.aim(acc), log: deps.log });
        if (options.syncAccount) {
            const steps = await aim.account(stepOptions(options.writeConcurrency ?? 4), options.workspaces);
            results.push(target(sync_ACCOUNT_TARGET, acc.host, steps, aim.requests()));
        }
    }
    else if (options.account && deps.account) {
        const acc = options.account;
        const apis = deps.account(acc);
        // Without an account sync in this run (a per-workspace job), the configured names are the managed groups.
        account = {
            target: apis.assignments,
            managed: new Set(acc.groups.map((g) => g.databricks.toLowerCase())),
            removalAllows: acc.groups.every((g) => g.removal !== 'keep')
        };
        if (options.syncAccount) {
            const managed = new Set();
            const step = identitiesStep({
                name: sync_ACCOUNT_TARGET,
                groups: acc.groups,
                maxDeletions: options.maxDeletions ?? acc.maxDeletions,
                account: true,
                source: deps.source,
                target: () => apis.identities,
                log: deps.log,
                onManaged: (names) => names.forEach((n) => managed.add(n))
            });
            const identities = await runStep(step.spec, stepOptions(options.writeConcurrency ?? 4));
            results.push(target(sync_ACCOUNT_TARGET, acc.host, [identities], step.requests()));
            account = { ...account, identities, managed };
        }
    }
    const workspaces = await mapLimit(options.workspaces, options.workspaceConcurrency ?? 2, async (ws) => {
        if (options.signal?.aborted)
            return { workspace: ws.name, host: ws.host, steps: [], error: CANCELLED_BEFORE };
        if (aim)
            return target(ws.name, ws.host, await aim.workspace(ws, stepOptions(ASSIGNMENT_CONCURRENCY)), undefined);
        const steps = [];
        // One registry per workspace: its steps may refer to what an earlier one created.
        const ids = new Ids();
        let requests;
        // An identity-federated workspace may take all its identities from the account: no workspace SCIM then.
        if (ws.groups.length > 0) {
            const step = identitiesStep({
                name: ws.name,
                groups: ws.groups,
                maxDeletions: options.maxDeletions ?? ws.maxDeletions,
                account: false,
                source: deps.source,
                target: () => deps.workspace(ws),
                log: deps.log
            });
            steps.push(await runStep(step.spec, { ...stepOptions(options.writeConcurrency ?? 4), ids }));
            requests = step.requests();
        }
        if (ws.accountGroups.length > 0) {
            const spec = assignmentsStep({
                workspace: ws,
                account,
                maxDeletions: options.maxDeletions ?? ws.maxDeletions,
                ...(steps[0] ? { identities: steps[0] } : {})
            });
            steps.push(await runStep(spec, { ...stepOptions(ASSIGNMENT_CONCURRENCY), ids }));
        }
        return target(ws.name, ws.host, steps, requests);
    });
    return { dryRun: options.dryRun, workspaces: [...results, ...workspaces] };
}
function target(name, host, steps, requests) {
    return { workspace: name, host, steps, ...(requests ? { requests } : {}) };
}

;// CONCATENATED MODULE: ./src/sources/entra/state-file.ts
// The opt-in incremental-read state (input `state-file`): Microsoft Graph delta links, and the direct members of
// every group the sync has read, as of those links. It holds no secret (object ids, names, UPNs, mail addresses)
// and is meant to be kept between runs with actions/cache.
//
// The file is untrusted: anyone who can write the default branch's caches can change it. So it is used only when it
// is whole, of this tenant and Graph endpoint, its delta links are Graph delta links of that endpoint, its ids are
// object ids, and it does not claim a full read in the future; otherwise it is not used (the run warns and reads
// everything). What it says of memberships never adds anyone on its own word (delta-directory.ts confirms adds with
// Graph), and a run reads everything when the last full read is over a day old. It is read and written only as a
// regular file: a FIFO, device, directory or symbolic link at its path is neither read nor replaced.





const STATE_VERSION = 2;
/** A run reads everything when the state's last full read is older than this. */
const FULL_READ_EVERY_MS = 24 * 60 * 60 * 1000;
/** How far ahead of this machine's clock a recorded time may be (clocks differ a little); beyond, it is a lie. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Reads the state file; `missing` is not an error (a first run), anything unusable says why. */
function loadState(path, expect) {
    let text;
    try {
        const read = readRegularFile(path);
        if (read === undefined)
            return undefined;
        if ('kind' in read)
            return { ok: false, reason: `it is ${read.kind}, not a regular file`, replace: false };
        text = read.text;
    }
    catch (error) {
        return { ok: false, reason: `it could not be read (${error.message})`, replace: true };
    }
    const unusable = (reason) => ({ ok: false, reason, replace: true });
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        return unusable('it is not JSON');
    }
    const problem = checkState(data);
    if (problem)
        return unusable(problem);
    const state = data;
    if (state.tenantId.toLowerCase() !== expect.tenantId.toLowerCase()) {
        return unusable(`it belongs to tenant ${state.tenantId}, not ${expect.tenantId}`);
    }
    if (state.graphEndpoint !== expect.graphEndpoint) {
        return unusable(`it was made against ${state.graphEndpoint}, not ${expect.graphEndpoint}`);
    }
    const link = checkLinks(state.links, expect.graphEndpoint);
    if (link)
        return unusable(link);
    if (Date.parse(state.fullReadAt) > (expect.now ?? Date.now()) + CLOCK_SKEW_MS) {
        return unusable(`it claims a full read at ${state.fullReadAt}, which is in the future`);
    }
    return { ok: true, state };
}
/**
 * Writes the state atomically (a new temporary file in the same folder, renamed over the old one), so a killed run
 * leaves a whole file; only over a regular file or nothing: anything else at the path is left as it is (an error).
 */
function saveState(path, state) {
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
    const refuse = () => {
        const kind = nonRegularKind(path);
        if (kind)
            throw new Error(`${path} is ${kind}, not a regular file, so it was left as it is`);
    };
    refuse();
    // A fresh name, created exclusively: never written through a file or link someone left at that name.
    const temp = (0,external_node_path_.join)((0,external_node_path_.dirname)(path), `.${(0,external_node_path_.basename)(path)}.${process.pid}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    const fd = (0,external_node_fs_.openSync)(temp, 'wx');
    try {
        try {
            (0,external_node_fs_.writeFileSync)(fd, JSON.stringify(state));
        }
        finally {
            (0,external_node_fs_.closeSync)(fd);
        }
        refuse();
        (0,external_node_fs_.renameSync)(temp, path);
    }
    catch (error) {
        (0,external_node_fs_.rmSync)(temp, { force: true });
        throw error;
    }
}
/**
 * A regular file's text, or what else is there (a FIFO is opened without waiting for a writer, a symbolic link is
 * not followed); undefined when nothing is.
 */
function readRegularFile(path) {
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(path, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK | external_node_fs_.constants.O_NOFOLLOW);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT')
            return undefined;
        if (code === 'ELOOP')
            return { kind: 'a symbolic link' };
        if (code === 'EISDIR')
            return { kind: 'a directory' };
        throw error;
    }
    try {
        const stats = (0,external_node_fs_.fstatSync)(fd);
        if (!stats.isFile())
            return { kind: state_file_kindOf(stats) };
        return { text: (0,external_node_fs_.readFileSync)(fd, 'utf8') };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** What is at `path` when it is there and not a regular file (a symbolic link counts: it is not replaced). */
function nonRegularKind(path) {
    let stats;
    try {
        stats = (0,external_node_fs_.lstatSync)(path);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
    return stats.isFile() ? undefined : state_file_kindOf(stats);
}
function state_file_kindOf(stats) {
    if (stats.isDirectory())
        return 'a directory';
    if (stats.isFIFO())
        return 'a named pipe (FIFO)';
    if (stats.isCharacterDevice() || stats.isBlockDevice())
        return 'a device';
    if (stats.isSymbolicLink())
        return 'a symbolic link';
    if (stats.isSocket())
        return 'a socket';
    return 'not a regular file';
}
const DELTA_PATHS = { groups: 'groups', users: 'users', servicePrincipals: 'servicePrincipals' };
/** Why a delta link is unusable: not a delta link of that collection at the configured Graph endpoint. */
function checkLinks(links, graphEndpoint) {
    for (const [name, collection] of Object.entries(DELTA_PATHS)) {
        let path;
        try {
            path = relativeGraphLink(graphEndpoint, links[name]).split('?')[0] ?? '';
        }
        catch {
            return `its ${name} delta link does not point to ${new URL(graphEndpoint).origin}/v1.0`;
        }
        if (!new RegExp(`^/${collection}/delta(\\(\\))?$`, 'i').test(path)) {
            return `its ${name} delta link is not a ${collection} delta link`;
        }
    }
    return undefined;
}
const isString = (v) => typeof v === 'string';
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isDate = (v) => isString(v) && !Number.isNaN(Date.parse(v));
const state_file_optional = (v, check) => v === undefined || check(v);
const SKIPPED_TYPES = new Set(['#microsoft.graph.user', '#microsoft.graph.serviceprincipal', '#microsoft.graph.group']);
/** What is wrong with a parsed state, or undefined when its shape is right (a shape check: it must be whole). */
function checkState(data) {
    if (!isObject(data))
        return 'it is not an object';
    if (data.version !== STATE_VERSION)
        return `its version is ${String(data.version)}, not ${STATE_VERSION}`;
    for (const key of ['tenantId', 'graphEndpoint']) {
        if (!isString(data[key]))
            return `${key} is missing`;
    }
    for (const key of ['savedAt', 'fullReadAt']) {
        if (!isDate(data[key]))
            return `${key} is not a time`;
    }
    const links = data.links;
    if (!isObject(links) || !isString(links.groups) || !isString(links.users) || !isString(links.servicePrincipals)) {
        return 'a delta link is missing';
    }
    if (!isObject(data.groups) || !isObject(data.principals) || !isObject(data.others) || !isObject(data.names)) {
        return 'a section is missing';
    }
    // Ids go into Graph URLs: object ids only.
    for (const [id, g] of Object.entries(data.groups)) {
        if (!isGuid(id) || !isObject(g) || !isString(g.displayName) || !Array.isArray(g.members)) {
            return `group ${id} is malformed`;
        }
        if (!g.members.every((m) => isString(m) && isGuid(m)))
            return `group ${id} has a member that is not an object id`;
    }
    for (const [id, p] of Object.entries(data.principals)) {
        if (!isGuid(id) ||
            !isObject(p) ||
            p.id !== id ||
            (p.kind !== 'user' && p.kind !== 'servicePrincipal') ||
            !isString(p.displayName) ||
            !state_file_optional(p.mail, (v) => v === null || isString(v)) ||
            !state_file_optional(p.userType, isString) ||
            !state_file_optional(p.accountEnabled, (v) => typeof v === 'boolean')) {
            return `principal ${id} is malformed`;
        }
        // Every user has a userPrincipalName and every service principal an appId: one kept without it was read
        // without the permission to read it (Graph's "limited information") and must not stand for a real member.
        const key = p.kind === 'user' ? p.userPrincipalName : p.appId;
        if (!isString(key) || !key.trim()) {
            return `principal ${id} has no ${p.kind === 'user' ? 'userPrincipalName' : 'appId'}`;
        }
    }
    for (const [id, o] of Object.entries(data.others)) {
        if (!isGuid(id) ||
            !isObject(o) ||
            !isString(o.type) ||
            !o.type.startsWith('#microsoft.graph.') ||
            SKIPPED_TYPES.has(o.type.toLowerCase()) ||
            !state_file_optional(o.displayName, isString)) {
            return `member ${id} is malformed`;
        }
    }
    for (const [name, id] of Object.entries(data.names)) {
        if (!isString(id) || !isObject(data.groups[id]))
            return `name "${name}" points to no tracked group`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/sources/entra/delta-directory.ts
// Incremental Entra reads (input `state-file`): the direct members of every group the sync reads are kept in a
// state file with Graph delta links for groups, users and service principals. A run first reads the changes since
// those links (one request each when little changed), applies them, re-reads only groups whose new members it does
// not know, and answers readGroup from the kept memberships (nested groups flattened here). Without a usable
// state, or when its last full read is over a day old, it starts delta links from now, then reads each group's
// direct members once.
//
// The state file is not trusted (state-file.ts): what it says is a hint, never a reason to add anyone. This run
// tracks what it read from Graph itself (groups read whole, memberships its delta answers reported, principals read
// whole), and `confirm` reads from Graph whatever a plan would add on the file's word alone, before the plan is
// made for real. A file Graph contradicts is replaced by this run's, and the next run reads everything.





const USER_SELECT = 'id,displayName,userPrincipalName,mail,userType,accountEnabled';
const delta_directory_SERVICE_PRINCIPAL_SELECT = 'id,displayName,appId,accountEnabled';
/** Confirmation rounds for one group: a round confirms every member it asks about, so a second one is the most. */
const CONFIRM_ROUNDS = 4;
const edge = (group, member) => `${group}\u0000${member}`;
class DeltaDirectory {
    graph;
    identity;
    options;
    groups = new Map();
    principals = new Map();
    others = new Map();
    names = new Map();
    links = { groups: '', users: '', servicePrincipals: '' };
    /** When Graph was last read in full: this run's start, or the previous state's. */
    fullReadAt = '';
    /** Lower-cased display names some group took or gave up since the last run: their resolution is redone. */
    renamed = new Set();
    /** Groups whose kept members are no longer whole (until read again); never saved. */
    dirty = new Set();
    loading = new Map();
    /** What this run read from Graph itself; everything else came from the state file. */
    confirmed = {
        /** Groups read whole: all their memberships. */
        groups: new Set(),
        /** Memberships a delta answer of this run reported (edge(group, member)). */
        edges: new Set(),
        /** Users and service principals read whole. */
        principals: new Set()
    };
    /** Confirmation reads under way by object id, shared by concurrent confirmations. */
    confirming = new Map();
    prepared;
    ready = false;
    stats = {
        mode: 'full',
        changedGroups: 0,
        changedPrincipals: 0,
        groupsRead: 0,
        confirmations: 0,
        refuted: 0
    };
    constructor(graph, identity, options) {
        this.graph = graph;
        this.identity = identity;
        this.options = options;
    }
    findGroups(ref) {
        return this.graph.findGroups(ref);
    }
    async readGroup(ref, nested) {
        await this.prepare();
        const group = await this.resolve(ref);
        await this.track(group.id, group.displayName);
        return this.collect(ref, group.id, nested);
    }
    /**
     * The read of `ref` as Graph confirms it: the group itself (resolved through Graph), and every member that is in
     * `adds` (object ids a plan would add) or not in `known` (those the plan was made without) and that this run has
     * not read from Graph itself — its memberships on the way from the group (the groups listing it are read whole
     * again) and its own properties (read again). What Graph does not confirm is left out, and warned about.
     */
    async confirm(ref, nested, adds, known) {
        await this.prepare();
        const group = await this.confirmGroup(ref);
        for (let round = 0;; round++) {
            await this.track(group.id, group.displayName);
            const read = this.collect(ref, group.id, nested);
            const reach = this.confirmedReach(group.id, nested);
            const pending = read.members.filter((p) => (adds.has(p.id) || !known.has(p.id)) && !(reach.has(p.id) && this.confirmed.principals.has(p.id)));
            if (pending.length === 0) {
                const listed = new Set(read.members.map((m) => m.id));
                const refuted = [...adds].filter((id) => !listed.has(id));
                if (refuted.length > 0) {
                    this.refute(refuted.length, `the state file listed ${refuted.length} member(s) of "${read.displayName}" (${refuted.slice(0, 3).join(', ')}${refuted.length > 3 ? ', …' : ''}) that Microsoft Graph does not confirm; they were not added`);
                }
                return read;
            }
            if (round === CONFIRM_ROUNDS) {
                throw new Error(`internal error: members of group ${group.id} are still unconfirmed after ${round} rounds`);
            }
            const reads = [];
            for (const p of pending) {
                if (reach.has(p.id))
                    reads.push(this.once(p.id, () => this.readPrincipal(p.id)));
                else
                    for (const g of this.unconfirmedAncestors(group.id, p.id, nested))
                        reads.push(this.once(g, () => this.reread(g)));
            }
            await Promise.all(reads);
        }
    }
    /** The state to keep for the next run: undefined when this run never got its delta links. */
    snapshot() {
        if (!this.ready)
            return undefined;
        // Only whole groups are kept: a group not read again after a change, or listing one that is not kept, is
        // dropped (and read whole next time).
        const kept = new Map([...this.groups].filter(([id]) => !this.dirty.has(id)));
        // A member Graph did not describe is never saved as if it were real (reads refuse them; this is the last guard).
        const described = (m) => {
            const p = this.principals.get(m);
            return (p !== undefined && !isLimited(p)) || this.others.has(m);
        };
        for (let changed = true; changed;) {
            changed = false;
            for (const [id, g] of kept) {
                if (g.members.some((m) => !described(m) && !kept.has(m))) {
                    kept.delete(id);
                    changed = true;
                }
            }
        }
        const groups = Object.fromEntries(kept);
        // Principals no kept group lists any more are dropped, so the file does not grow forever.
        const listed = new Set(Object.values(groups).flatMap((g) => g.members));
        const principals = {};
        for (const [id, p] of this.principals)
            if (listed.has(id) && !isLimited(p))
                principals[id] = p;
        const others = {};
        for (const [id, o] of this.others)
            if (listed.has(id))
                others[id] = o;
        const names = {};
        for (const [name, id] of this.names)
            if (groups[id])
                names[name] = id;
        return {
            version: STATE_VERSION,
            tenantId: this.options.tenantId,
            graphEndpoint: this.options.graphEndpoint,
            savedAt: new Date(this.now()).toISOString(),
            // A file Graph contradicted may be wrong elsewhere too: the next run reads everything.
            fullReadAt: this.stats.refuted > 0 ? new Date(0).toISOString() : this.fullReadAt,
            links: { ...this.links },
            groups,
            principals,
            others,
            names
        };
    }
    // ----- start of the run
    now() {
        return this.options.now?.() ?? Date.now();
    }
    prepare() {
        this.prepared ??= this.start().then(() => {
            this.ready = true;
        });
        return this.prepared;
    }
    async start() {
        let previous = this.options.previous;
        const started = new Date(this.now()).toISOString();
        if (previous && this.now() - Date.parse(previous.fullReadAt) >= FULL_READ_EVERY_MS) {
            this.options.log(`Entra: the state file's last full read was at ${previous.fullReadAt}, over a day ago; reading everything.`);
            previous = undefined;
        }
        if (previous) {
            try {
                this.restore(previous);
                await this.applyChanges();
                this.checkWhole();
                this.stats.mode = 'incremental';
                this.options.log(`Entra: incremental read from the state file: ${this.stats.changedGroups} group change(s), ${this.stats.changedPrincipals} user/service principal change(s) since ${previous.savedAt}; ${this.dirty.size} group(s) to read again.`);
                await Promise.all([...this.dirty].map((id) => this.reread(id)));
                return;
            }
            catch (error) {
                // Graph refuses a delta link it no longer knows (expired, or from another app): start over from now.
                if (!(error instanceof src/* GraphError */.h9) || ![400, 404, 410].includes(error.statusCode)) {
                    throw explainGraphError(error, 'reading the changes since the last run (the delta links of the state file)', this.identity, this.graph.signInError());
                }
                this.stats.resynced = `${error.statusCode} ${error.message}`;
                this.options.log(`Entra: Graph refused a delta link of the state file (${error.statusCode}); reading everything.`);
                this.reset();
            }
        }
        else if (!this.options.previous) {
            this.options.log('Entra: no state file yet; reading everything and starting delta links.');
        }
        this.fullReadAt = started;
        // Links from now first, then the reads: a change made in between is in both, and applying it twice is harmless.
        const [groups, users, servicePrincipals] = await Promise.all([
            this.latest(`/groups/delta?$select=displayName,members&$deltatoken=latest`),
            this.latest(`/users/delta?$select=${USER_SELECT}&$deltatoken=latest`),
            this.latest(`/servicePrincipals/delta?$select=${delta_directory_SERVICE_PRINCIPAL_SELECT}&$deltatoken=latest`)
        ]);
        this.links = { groups, users, servicePrincipals };
    }
    restore(state) {
        this.groups = new Map(Object.entries(state.groups).map(([id, g]) => [id, { ...g, members: [...g.members] }]));
        this.principals = new Map(Object.entries(state.principals));
        this.others = new Map(Object.entries(state.others));
        this.names = new Map(Object.entries(state.names));
        this.links = { ...state.links };
        this.fullReadAt = state.fullReadAt;
    }
    /**
     * Every member of a kept group must be a kept principal, group or other member; a group that lists anything else
     * (a member deleted without a membership change, or a nested group the file lost) is read again.
     */
    checkWhole() {
        for (const [id, g] of this.groups) {
            if (g.members.some((m) => !this.known(m)))
                this.dirty.add(id);
        }
    }
    known(id) {
        return this.principals.has(id) || this.groups.has(id) || this.others.has(id);
    }
    reset() {
        this.groups = new Map();
        this.principals = new Map();
        this.others = new Map();
        this.names = new Map();
        this.dirty.clear();
        this.renamed.clear();
        this.confirmed.edges.clear();
        Object.assign(this.stats, { changedGroups: 0, changedPrincipals: 0 });
    }
    async latest(url) {
        const page = (await this.get(url, `starting the delta link of ${url.split('/')[1]}`));
        const link = page['@odata.deltaLink'];
        if (!link)
            throw new Error(`Microsoft Graph returned no delta link for ${url.split('?')[0]}`);
        return link;
    }
    /** Reads every delta round since the kept links and applies it to the kept groups and principals. */
    async applyChanges() {
        const [groups, users, servicePrincipals] = await Promise.all([
            this.readDelta(this.links.groups, (e) => this.applyGroup(e)),
            this.readDelta(this.links.users, (e) => this.applyPrincipal(e, 'user')),
            this.readDelta(this.links.servicePrincipals, (e) => this.applyPrincipal(e, 'servicePrincipal'))
        ]);
        this.links = { groups, users, servicePrincipals };
    }
    async readDelta(link, apply) {
        // Errors are thrown as Graph gave them: a refused link (400/404/410) means starting over.
        let delta;
        for await (const page of this.graph.pages(this.graph.relative(link))) {
            for (const entry of page.value)
                apply(entry);
            delta = page['@odata.deltaLink'];
        }
        if (!delta)
            throw new Error('the last page of a delta answer had no delta link');
        return delta;
    }
    applyGroup(entry) {
        const id = String(entry.id);
        const tracked = this.groups.get(id);
        if (typeof entry.displayName === 'string') {
            // A group took this name (new, or renamed): config references by this name are looked up again.
            this.renamed.add(entry.displayName.toLowerCase());
            if (tracked && tracked.displayName !== entry.displayName) {
                this.renamed.add(tracked.displayName.toLowerCase());
                tracked.displayName = entry.displayName;
            }
        }
        if (!tracked)
            return;
        this.stats.changedGroups++;
        if (entry['@removed']) {
            this.groups.delete(id);
            this.renamed.add(tracked.displayName.toLowerCase());
            return;
        }
        const changes = entry['members@delta'];
        if (!Array.isArray(changes))
            return;
        const members = new Set(tracked.members);
        for (const change of changes) {
            const memberId = String(change.id);
            if (change['@removed']) {
                members.delete(memberId);
                continue;
            }
            // Graph said so in this run: this membership is confirmed.
            this.confirmed.edges.add(edge(id, memberId));
            // A member whose properties are not kept (a new user, or an untracked group) needs the group read whole.
            if (!this.known(memberId))
                this.dirty.add(id);
            members.add(memberId);
        }
        tracked.members = [...members];
    }
    applyPrincipal(entry, kind) {
        const id = String(entry.id);
        const known = this.principals.get(id);
        if (!known || known.kind !== kind)
            return;
        this.stats.changedPrincipals++;
        if (entry['@removed']) {
            this.principals.delete(id);
            return;
        }
        // Graph sends the id and the changed properties only: merge them into what is kept.
        const merged = toEntraPrincipal({ ...unparse(known), ...entry, '@odata.type': `#microsoft.graph.${kind}` });
        if (merged)
            this.principals.set(id, merged);
    }
    // ----- groups
    async resolve(ref) {
        const key = ref.toLowerCase();
        const id = isGuid(ref) ? key : this.names.get(key);
        const kept = id ? this.groups.get(id) : undefined;
        if (id && kept && !this.dirty.has(id)) {
            const byId = id === key;
            if (byId || (!this.renamed.has(key) && kept.displayName.toLowerCase() === key)) {
                return { id, displayName: kept.displayName };
            }
        }
        const group = await this.graph.resolveGroup(ref);
        if (!isGuid(ref))
            this.names.set(key, group.id);
        return group;
    }
    /** A read of the kept memberships of group `id` (nested groups flattened with `flatten`). */
    collect(ref, id, nested) {
        const tracked = this.groups.get(id);
        if (!tracked)
            throw new Error(`internal error: group ${id} was read but is not kept`);
        const members = [];
        const nestedGroups = [];
        const unsupported = [];
        const seen = new Set([id]);
        const visit = (g) => {
            for (const m of g.members) {
                if (seen.has(m))
                    continue;
                seen.add(m);
                const principal = this.principals.get(m);
                if (principal) {
                    members.push(principal);
                    continue;
                }
                const other = this.others.get(m);
                if (other) {
                    unsupported.push({ id: m, ...other });
                    continue;
                }
                const child = this.groups.get(m);
                if (!child)
                    continue;
                nestedGroups.push(child.displayName);
                if (nested === 'flatten')
                    visit(child);
            }
        };
        visit(tracked);
        return { ref, id, displayName: tracked.displayName, members, nestedGroups, unsupported };
    }
    /** Reads the group and every group nested in it that is not kept yet, one level per round (batched). */
    async track(rootId, displayName) {
        await this.load(rootId, displayName);
        const seen = new Set([rootId]);
        let round = [rootId];
        while (round.length > 0) {
            const next = [];
            for (const g of round) {
                for (const m of this.groups.get(g)?.members ?? []) {
                    if (seen.has(m) || this.principals.has(m) || this.others.has(m))
                        continue;
                    seen.add(m);
                    if (this.groups.has(m) || this.pendingNames.has(m))
                        next.push(m);
                }
            }
            await Promise.all(next.map((m) => this.load(m, this.pendingNames.get(m) ?? m)));
            round = next;
        }
    }
    /** Reads a group unless it is kept (once, however many readers ask at the same time). */
    load(id, displayName) {
        if (this.groups.has(id) && !this.dirty.has(id))
            return Promise.resolve();
        let loading = this.loading.get(id);
        if (!loading) {
            const started = this.reread(id, displayName);
            loading = started.finally(() => this.loading.delete(id));
            this.loading.set(id, loading);
        }
        return loading;
    }
    /** Display names of nested groups seen in member lists and not read yet. */
    pendingNames = new Map();
    /** Reads a group's direct members whole and keeps them: from then on this run trusts them. */
    async reread(id, displayName = this.groups.get(id)?.displayName ?? id) {
        const members = [];
        const principals = [];
        const others = [];
        const url = `/groups/${encodeURIComponent(id)}/members?$select=${MEMBER_SELECT.join(',')}&$top=${MEMBER_PAGE_SIZE}`;
        const doing = `reading the members of Entra group "${displayName}" (${id})`;
        try {
            for await (const page of this.graph.pages(url)) {
                const limited = [];
                for (const object of page.value) {
                    const type = object['@odata.type'];
                    if (type === '#microsoft.graph.group') {
                        members.push(object.id);
                        if (!this.groups.has(object.id))
                            this.pendingNames.set(object.id, object.displayName ?? object.id);
                        continue;
                    }
                    const principal = toEntraPrincipal(object);
                    members.push(object.id);
                    if (!principal) {
                        // A device, contact or other object: kept to be reported as skipped, never synced.
                        const { id: otherId, ...other } = toUnsupported(object);
                        others.push([otherId, other]);
                        continue;
                    }
                    if (isLimited(principal))
                        limited.push(principal);
                    principals.push(principal);
                }
                // A member Graph would not describe fails the read, and is never kept (nor saved) as if it were real.
                if (limited.length > 0)
                    throw limitedMembersError(limited, doing, this.identity);
            }
        }
        catch (error) {
            throw explainGraphError(error, doing, this.identity, this.graph.signInError());
        }
        // Kept only once the read is whole.
        for (const p of principals) {
            this.principals.set(p.id, p);
            this.confirmed.principals.add(p.id);
        }
        for (const [otherId, other] of others)
            this.others.set(otherId, other);
        this.groups.set(id, { displayName: this.groups.get(id)?.displayName ?? displayName, members });
        this.confirmed.groups.add(id);
        this.dirty.delete(id);
        this.stats.groupsRead++;
    }
    // ----- confirmation of what the state file says
    /**
     * The group a config reference names, from Graph (a lookup this run made already is not repeated): a name the file
     * maps to another group is corrected, and so is the display name it kept.
     */
    async confirmGroup(ref) {
        const group = await this.graph.resolveGroup(ref);
        const key = ref.toLowerCase();
        if (!isGuid(ref) && this.names.get(key) !== group.id) {
            const claimed = this.names.get(key);
            if (claimed)
                this.refute(1, `the state file maps "${ref}" to group ${claimed}, but Graph resolves it to ${group.id}`);
            this.names.set(key, group.id);
        }
        const kept = this.groups.get(group.id);
        if (kept && kept.displayName !== group.displayName) {
            this.renamed.add(kept.displayName.toLowerCase());
            kept.displayName = group.displayName;
        }
        return group;
    }
    /** Members reached from the root through memberships this run read from Graph. */
    confirmedReach(rootId, nested) {
        const reach = new Set();
        const queue = [rootId];
        const seen = new Set(queue);
        for (let i = 0; i < queue.length; i++) {
            const g = queue[i];
            const whole = this.confirmed.groups.has(g);
            for (const m of this.groups.get(g)?.members ?? []) {
                if (!whole && !this.confirmed.edges.has(edge(g, m)))
                    continue;
                reach.add(m);
                if (nested === 'flatten' && this.groups.has(m) && !seen.has(m)) {
                    seen.add(m);
                    queue.push(m);
                }
            }
        }
        return reach;
    }
    /** Groups of the root's tree, not read whole in this run, through which `member` is reached. */
    unconfirmedAncestors(rootId, member, nested) {
        const parents = new Map();
        const queue = [rootId];
        const seen = new Set(queue);
        for (let i = 0; i < queue.length; i++) {
            const g = queue[i];
            for (const m of this.groups.get(g)?.members ?? []) {
                const list = parents.get(m);
                if (list)
                    list.push(g);
                else
                    parents.set(m, [g]);
                if (nested === 'flatten' && this.groups.has(m) && !seen.has(m)) {
                    seen.add(m);
                    queue.push(m);
                }
            }
        }
        const out = new Set();
        const up = [member];
        const visited = new Set(up);
        while (up.length > 0) {
            for (const g of parents.get(up.pop()) ?? []) {
                if (visited.has(g))
                    continue;
                visited.add(g);
                if (!this.confirmed.groups.has(g))
                    out.add(g);
                up.push(g);
            }
        }
        return out;
    }
    /** Reads a kept user or service principal again; one Graph no longer has is dropped. */
    async readPrincipal(id) {
        const kept = this.principals.get(id);
        if (!kept || this.confirmed.principals.has(id))
            return;
        const kind = kept.kind;
        const url = kind === 'user'
            ? `/users/${encodeURIComponent(id)}?$select=${USER_SELECT}`
            : `/servicePrincipals/${encodeURIComponent(id)}?$select=${delta_directory_SERVICE_PRINCIPAL_SELECT}`;
        const doing = `reading ${kind === 'user' ? 'user' : 'service principal'} ${id} to confirm the state file`;
        this.stats.confirmations++;
        let object;
        try {
            object = (await this.graph.reader.get(url));
        }
        catch (error) {
            if (error instanceof src/* GraphError */.h9 && error.statusCode === 404) {
                this.principals.delete(id);
                return;
            }
            throw explainGraphError(error, doing, this.identity, this.graph.signInError());
        }
        const principal = toEntraPrincipal({ ...object, id, '@odata.type': `#microsoft.graph.${kind}` });
        if (!principal)
            return;
        if (isLimited(principal))
            throw limitedMembersError([principal], doing, this.identity);
        this.principals.set(id, principal);
        this.confirmed.principals.add(id);
    }
    /** One confirmation read per object at a time, shared by every confirmation that needs it. */
    once(id, read) {
        let pending = this.confirming.get(id);
        if (!pending) {
            pending = read().finally(() => this.confirming.delete(id));
            this.confirming.set(id, pending);
        }
        return pending;
    }
    refute(count, what) {
        this.stats.refuted += count;
        const warn = this.options.warn ?? this.options.log;
        warn(`Entra: ${what}. The state file may have been changed by someone who can write this repository's caches; the next run reads everything from Graph.`);
    }
    async get(url, doing) {
        try {
            return await this.graph.reader.get(url);
        }
        catch (error) {
            throw explainGraphError(error, doing, this.identity, this.graph.signInError());
        }
    }
}
/** A kept principal back in Graph's property names, to merge a delta entry into. */
function unparse(p) {
    return {
        id: p.id,
        displayName: p.displayName,
        ...(p.userPrincipalName !== undefined ? { userPrincipalName: p.userPrincipalName } : {}),
        ...(p.mail !== undefined ? { mail: p.mail } : {}),
        ...(p.userType !== undefined ? { userType: p.userType } : {}),
        ...(p.accountEnabled !== undefined ? { accountEnabled: p.accountEnabled } : {}),
        ...(p.appId !== undefined ? { appId: p.appId } : {})
    };
}

;// CONCATENATED MODULE: ./src/sources/entra/principal-lookup.ts
// Entra principals by config reference or by object id, for accounts with automatic identity management: the object
// id Databricks resolves a group, service principal or user by, and the objects behind the externalIds an account
// holds (the readiness check). Reads go through the directory's reader, so lookups started together share $batch
// requests; nothing here reads a member list.




/** Properties read by kind: Graph refuses a $select naming another type's property. */
const SELECT = {
    user: '$select=id,displayName,userPrincipalName',
    servicePrincipal: '$select=id,displayName,appId'
};
const KIND_BY_TYPE = {
    '#microsoft.graph.user': 'user',
    '#microsoft.graph.servicePrincipal': 'servicePrincipal',
    '#microsoft.graph.group': 'group'
};
function entry(kind, o) {
    const key = kind === 'user' ? o.userPrincipalName : kind === 'servicePrincipal' ? o.appId : undefined;
    return { kind, id: o.id, displayName: o.displayName ?? '', ...(key ? { key } : {}) };
}
const NOUN = { group: 'group', servicePrincipal: 'service principal', user: 'user' };
class EntraPrincipalLookup {
    directory;
    identity;
    constructor(directory, 
    /** Who the action signs in as, for error messages. */
    identity) {
        this.directory = directory;
        this.identity = identity;
    }
    async find(kind, ref) {
        if (kind === 'group') {
            const group = await this.directory.resolveGroup(ref);
            return { kind, id: group.id, displayName: group.displayName };
        }
        const found = await this.read(`looking up Entra ${NOUN[kind]} "${ref}"`, () => kind === 'user' ? this.user(ref) : this.servicePrincipals(ref));
        const [only] = found;
        if (found.length === 1 && only)
            return only;
        if (found.length === 0) {
            throw new ActionError(`Entra ${NOUN[kind]} "${ref}" does not exist in the tenant.`, kind === 'user'
                ? 'Check the user principal name (or object id) in the config.'
                : 'Check the display name, application id or object id in the config.');
        }
        throw new ActionError(`Entra service principal name "${ref}" matches ${found.length} service principals (${found.map((f) => f.key ?? f.id).join(', ')}): use the application id.`, 'Set the entry to the application id of the service principal meant, since display names are not unique.');
    }
    async byIds(ids) {
        const out = new Map();
        await Promise.all([...new Set(ids.map((id) => id.toLowerCase()))].map(async (id) => {
            if (!isGuid(id))
                return;
            // No $select: the object comes as its own type, with that type's default properties (name, UPN or appId).
            const o = await this.read(`looking up Entra object ${id}`, () => this.optional(`/directoryObjects/${id}`));
            const kind = o ? KIND_BY_TYPE[o['@odata.type'] ?? ''] : undefined;
            if (o && kind)
                out.set(id, entry(kind, o));
        }));
        return out;
    }
    async byKeys(keys) {
        const out = new Map();
        const unique = new Map(keys.map((k) => [`${k.kind}:${k.key.toLowerCase()}`, k]));
        await Promise.all([...unique].map(async ([id, { kind, key }]) => {
            const found = await this.read(`looking up Entra ${NOUN[kind]} "${key}"`, async () => {
                if (kind === 'group')
                    return (await this.directory.findGroups(key)).map((g) => ({ kind, ...g }));
                if (kind === 'user')
                    return this.user(key);
                const o = await this.optional(`/servicePrincipals(appId=${odataString(key)})?${SELECT.servicePrincipal}`);
                return o ? [entry(kind, o)] : [];
            });
            if (found.length > 0)
                out.set(id, found);
        }));
        return out;
    }
    /** A user by user principal name or object id (Graph's /users/{id | userPrincipalName}). */
    async user(ref) {
        const o = await this.optional(`/users/${encodeURIComponent(ref)}?${SELECT.user}`);
        return o ? [entry('user', o)] : [];
    }
    /** Service principals by object id, application id, or display name (exact, as Graph compares it). */
    async servicePrincipals(ref) {
        if (isGuid(ref)) {
            const o = (await this.optional(`/servicePrincipals/${ref}?${SELECT.servicePrincipal}`)) ??
                (await this.optional(`/servicePrincipals(appId=${odataString(ref)})?${SELECT.servicePrincipal}`));
            return o ? [entry('servicePrincipal', o)] : [];
        }
        const filter = encodeURIComponent(`displayName eq ${odataString(ref)}`);
        const found = [];
        for await (const page of this.directory.pages(`/servicePrincipals?$filter=${filter}&${SELECT.servicePrincipal}&$top=999`)) {
            found.push(...page.value.map((o) => entry('servicePrincipal', o)));
        }
        return found;
    }
    /** The object at `url`, or undefined when Graph answers 404. */
    async optional(url) {
        try {
            return (await this.directory.reader.get(url));
        }
        catch (error) {
            if (error instanceof src/* GraphError */.h9 && error.statusCode === 404)
                return undefined;
            throw error;
        }
    }
    async read(doing, run) {
        try {
            return await run();
        }
        catch (error) {
            throw explainGraphError(error, doing, this.identity, this.directory.signInError());
        }
    }
}

;// CONCATENATED MODULE: ./src/sources/entra/identities.ts


function isGuest(p) {
    return p.userType?.toLowerCase() === 'guest' || (p.userPrincipalName ?? '').toUpperCase().includes('#EXT#');
}
/**
 * The Databricks identity of an Entra principal: users by userPrincipalName (guests by mail), service principals
 * by appId. Undefined for a member Graph did not describe (no key: the app may not read its kind, see
 * limited-members.ts); toSourceRead refuses a read holding one.
 */
function identityOf(p) {
    if (p.accountEnabled === false) {
        return {
            ok: false,
            skip: { reason: 'disabled-account', detail: 'the account is disabled in Entra ID, so it is not synced' }
        };
    }
    if (p.kind === 'servicePrincipal') {
        const appId = p.appId?.trim();
        return appId ? { ok: true, kind: 'servicePrincipal', name: appId } : undefined;
    }
    if (isGuest(p)) {
        const mail = p.mail?.trim();
        if (!mail) {
            return {
                ok: false,
                skip: {
                    reason: 'guest-without-mail',
                    detail: 'guest accounts are matched by their mail address, and this one has none'
                }
            };
        }
        return { ok: true, kind: 'user', name: mail };
    }
    const upn = p.userPrincipalName?.trim();
    return upn ? { ok: true, kind: 'user', name: upn } : undefined;
}
/** Text naming an Entra principal in a skip. */
function describeEntraPrincipal(p) {
    const key = p.kind === 'servicePrincipal' ? p.appId : isGuest(p) ? p.mail || p.userPrincipalName : p.userPrincipalName;
    return describePrincipal(p.displayName, key?.trim() || p.id);
}
/**
 * One conversion per Entra principal object: the readers share a principal's object across every group that lists
 * it, so a large estate's reads share the converted member too.
 */
const converted = new WeakMap();
function convert(p) {
    if (converted.has(p))
        return converted.get(p);
    const identity = identityOf(p);
    const result = !identity
        ? undefined
        : identity.ok
            ? { member: { kind: identity.kind, sourceId: p.id, key: identity.name, displayName: p.displayName } }
            : { skipped: { ...identity.skip, subject: describeEntraPrincipal(p) } };
    converted.set(p, result);
    return result;
}
/**
 * An Entra group read as the core plans from it: members keyed by Entra's rules, the rest skipped with a reason.
 * A member without its key is never left out (that would read as "left the group"): the read fails instead.
 */
function toSourceRead(read) {
    const members = [];
    const skipped = [];
    const limited = [];
    for (const p of read.members) {
        const c = convert(p);
        if (!c)
            limited.push(p);
        else if ('member' in c)
            members.push(c.member);
        else
            skipped.push(c.skipped);
    }
    if (limited.length > 0) {
        throw limitedMembersError(limited, `reading the members of Entra group "${read.displayName}" (${read.id})`, 'the app the action signs in as');
    }
    for (const u of read.unsupported ?? [])
        skipped.push(unsupportedSkip(u));
    return {
        ref: read.ref,
        id: read.id,
        displayName: read.displayName,
        members,
        skipped,
        nestedGroups: read.nestedGroups
    };
}
/** What each kind of member without a Databricks identity is called in a skip. */
const KIND_LABELS = {
    '#microsoft.graph.device': 'device',
    '#microsoft.graph.orgContact': 'organizational contact'
};
/** A device, contact or other object in a group: skipped with the reason, never silently dropped. */
function unsupportedSkip(u) {
    const kind = KIND_LABELS[u.type] ?? (u.type.replace(/^#microsoft\.graph\./, '') || 'directory object');
    return {
        reason: 'unsupported-member',
        subject: `${kind} ${describePrincipal(u.displayName, u.id)}`,
        detail: `only users and service principals have a Databricks identity, so this ${kind} is not synced`
    };
}

;// CONCATENATED MODULE: ./src/sources/entra/source.ts

class EntraSource {
    directory;
    /** Only over a directory that answers from the state file: what a plan would add is confirmed with Graph. */
    confirm;
    constructor(directory) {
        this.directory = directory;
        const confirm = directory.confirm?.bind(directory);
        if (confirm) {
            this.confirm = async (read, nested, adds) => toSourceRead(await confirm(read.ref, nested, adds, new Set(read.members.map((m) => m.sourceId))));
        }
    }
    async readGroup(ref, nested) {
        return toSourceRead(await this.directory.readGroup(ref, nested));
    }
}

;// CONCATENATED MODULE: ./src/commands/sync.ts
// command: sync — sign in, read Entra (in full, or incrementally from the state file), run the sync (run/sync.ts)
// against the Databricks targets, then write the summary, the outputs and the plan file, and fail when a target
// failed or was stopped by a circuit breaker.

















async function runSync(inputs) {
    const { workspaces, settings, account, includesAccount } = await loadForWriting(inputs, 'Sync');
    const signal = cancellation();
    const signedIn = signIn(settings, inputs.graphEndpoint, signal);
    const incremental = inputs.stateFile ? incrementalReads(inputs.stateFile, settings, inputs, signedIn) : undefined;
    const targets = databricksTargets(settings, signedIn, signal);
    core.info(`${inputs.dryRun ? 'Planning (dry-run)' : 'Syncing'} ${includesAccount ? `the account and ` : ''}${workspaces.length} workspace(s): ${workspaces
        .map((w) => w.name)
        .join(', ')}`);
    const result = await sync({
        workspaces,
        syncAccount: includesAccount,
        ...(account ? { account } : {}),
        dryRun: inputs.dryRun,
        ...(inputs.maxDeletions ? { maxDeletions: inputs.maxDeletions } : {}),
        workspaceConcurrency: inputs.workspaceConcurrency,
        signal
    }, {
        source: new EntraSource(incremental?.directory ?? signedIn.directory),
        workspace: targets.workspace,
        account: targets.account,
        aim: (acc) => ({
            target: targets.aim(acc),
            directory: new EntraPrincipalLookup(signedIn.directory, signedIn.identity),
            workspaceGroups: targets.workspaceGroups
        }),
        log: (message) => core.info(message)
    });
    incremental?.save();
    const reads = signedIn.directory.reader.stats;
    if (reads) {
        result.graph = {
            total: reads.batches + reads.singles,
            reads: reads.steps,
            throttled: reads.throttled,
            retries: reads.retriedSteps,
            waitedMs: reads.waitedMs
        };
    }
    addSyncSummary(core.summary, result);
    const changes = countChanges(result);
    const failed = failedTargets(result);
    core.setOutput('changes', changes);
    core.setOutput('has-changes', changes > 0 ? 'true' : 'false');
    core.setOutput('failed-workspaces', failed.join(','));
    core.setOutput('plan', writePlanFile(result, process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)()));
    for (const t of result.workspaces) {
        if (targetStatus(t) === 'skipped')
            core.warning(redact(`${t.workspace}: ${targetError(t) ?? 'skipped'}`));
    }
    if (failed.length > 0) {
        const why = result.workspaces
            .filter((t) => failed.includes(t.workspace))
            .map((t) => `${t.workspace}: ${targetError(t) ?? targetStatus(t)}`)
            .join('\n');
        throw new ActionError(`${failed.length} of ${result.workspaces.length} workspace(s) failed:\n${why}`);
    }
    core.info(`${inputs.dryRun ? 'Planned' : 'Made'} ${changes} change(s).`);
}
/**
 * The incremental Entra reader of the state-file input: the previous run's state when it is usable (a warning says
 * why not), and save(), which writes this run's state (a failure to write only warns: the next run reads all).
 */
function incrementalReads(file, settings, inputs, signedIn) {
    const path = (0,external_node_path_.resolve)(workspaceDir(), file);
    if (!inputs.allowOutsideWorkspace && !isInside(realWorkspace(), realParent(path))) {
        throw new ActionError(`The state-file input "${file}" is outside the repository checkout, so it is neither read nor written.`, 'Use a path inside the workspace (e.g. .entra-sync/state.json, kept with actions/cache), or set allow-paths-outside-workspace: true.');
    }
    const scope = { tenantId: settings.tenantId, graphEndpoint: inputs.graphEndpoint };
    const loaded = loadState(path, scope);
    const replace = !loaded || loaded.ok || loaded.replace;
    if (loaded && !loaded.ok) {
        core.warning(`The state file ${file} is not used: ${loaded.reason}. This run reads everything${replace ? ' and writes a new one' : ' and leaves it as it is'}.`);
    }
    const directory = new DeltaDirectory(signedIn.directory, signedIn.identity, {
        ...scope,
        ...(loaded?.ok ? { previous: loaded.state } : {}),
        log: (message) => core.info(message),
        warn: (message) => core.warning(message)
    });
    return {
        directory,
        save: () => {
            const state = directory.snapshot();
            if (!state || !replace)
                return;
            try {
                saveState(path, state);
                core.info(`Entra: state saved to ${file} (${Object.keys(state.groups).length} group(s)).`);
            }
            catch (error) {
                core.warning(`The state file ${file} could not be written: ${describeError(error)}. The next run reads everything.`);
            }
        }
    };
}
const realWorkspace = () => realOrSelf(workspaceDir());
/** The file's path with symbolic links resolved: its own when it exists, else its folder's. */
function realParent(file) {
    try {
        return (0,external_node_fs_.realpathSync)(file);
    }
    catch {
        return (0,external_node_path_.resolve)(realOrSelf((0,external_node_path_.dirname)(file)), (0,external_node_path_.basename)(file));
    }
}
function realOrSelf(path) {
    try {
        return (0,external_node_fs_.realpathSync)(path);
    }
    catch {
        return path;
    }
}

;// CONCATENATED MODULE: ./src/report/validation-summary.ts
// Job summary of command: validate.




function addValidationSummary(summary, result) {
    addValidationHeadline(summary, result);
    addFilesChecked(summary, result);
    addWorkspacesTable(summary, result);
    addGroupsTable(summary, result);
    addOnlineCheckNote(summary, result);
    addProblemsTable(summary, result.problems);
}
function addValidationHeadline(summary, result) {
    const { errors, warnings } = countBySeverity(result.problems);
    const groups = result.workspaces.reduce((n, ws) => n + ws.groups.length, 0);
    const icon = errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅';
    summary.addHeading(`${icon} Databricks identity config: ${errors > 0 ? 'invalid' : 'valid'}`, 2);
    summary.addRaw(`<p>${plural(result.files.length, 'file')} checked, ${plural(result.workspaces.length, 'workspace')}, ${plural(groups, 'group')}: ` +
        `${plural(errors, 'error')}, ${plural(warnings, 'warning')}.</p>`, true);
}
function addFilesChecked(summary, result) {
    if (result.files.length === 0)
        return;
    summary.addHeading('Files checked', 3);
    summary.addList(result.files.map((f) => `<code>${cell(f)}</code>`));
}
function addWorkspacesTable(summary, result) {
    if (result.workspaces.length === 0)
        return;
    summary.addHeading('Workspaces', 3);
    addTable(summary, 'Workspaces', header('Workspace', 'Host', 'Auth', 'Groups', 'Max deletions', 'Declared in'), result.workspaces.map((ws) => [
        cell(ws.name),
        cell(ws.host),
        cell(ws.auth === 'pat' ? 'PAT from Key Vault' : 'Entra token'),
        cell(ws.groups.length),
        cell(formatMaxDeletions(ws.maxDeletions)),
        cell(`${ws.at.file}:${ws.at.line}`)
    ]));
}
function addGroupsTable(summary, result) {
    const rows = result.workspaces.flatMap((ws) => ws.groups.map((g) => {
        const found = result.online?.resolved.get(g.entra.toLowerCase());
        return [
            cell(ws.name),
            cell(g.entra),
            g.membersOnly ? '<em>members only</em>' : cell(g.databricks),
            cell(g.entitlements.join(', ') || '—'),
            cell(`${g.removal}, ${g.nested}`),
            ...(result.online ? [found ? `✅ <code>${cell(found.id)}</code>` : '❌'] : [])
        ];
    }));
    if (rows.length === 0)
        return;
    summary.addHeading('Groups', 3);
    addTable(summary, 'Groups', header('Workspace', 'Entra group', 'Databricks group', 'Entitlements', 'Removal, nesting', ...(result.online ? ['In Entra'] : [])), rows);
}
function addOnlineCheckNote(summary, result) {
    if (result.online) {
        const ok = result.online.resolved.size;
        summary.addRaw(`<p>Online check in tenant <code>${cell(result.online.tenantId)}</code>: ${ok} of ${plural(result.online.checked, 'Entra group')} resolved to exactly one group.</p>`, true);
    }
    else {
        summary.addRaw('<p>Online check skipped: set <code>tenant-id</code> and <code>client-id</code> to check that every Entra group exists.</p>', true);
    }
}

;// CONCATENATED MODULE: ./src/commands/validate.ts
// command: validate — the PR check. Reads every config file, reports every problem at file:line, and
// optionally checks online that each Entra group resolves to exactly one group. Never writes anywhere.









/** Graph lookups in flight at once: enough to be quick, few enough to stay clear of throttling. */
const LOOKUP_CONCURRENCY = 8;
async function validate(options) {
    const { config, problems } = await loadConfig(options.config, {
        cwd: options.cwd,
        allowOutside: options.allowOutside ?? false
    });
    const selection = selectTargets(config, options.workspaces);
    const all = [...problems, ...selection.problems];
    const result = { files: config.files, workspaces: selection.workspaces, problems: all };
    if (options.directory) {
        // What sync would read: the selected workspaces' groups, and the account's when the run includes it.
        const groups = [
            ...selection.workspaces.flatMap((ws) => ws.groups),
            ...(selection.includesAccount ? (selection.account?.groups ?? []) : [])
        ];
        try {
            const online = await checkOnline(groups, options.directory);
            result.online = online.check;
            all.push(...online.problems);
        }
        catch (error) {
            result.onlineError = describeError(error);
        }
    }
    result.problems = sortProblems(all, config.files);
    return result;
}
async function checkOnline(groups, directory) {
    const uses = new Map();
    for (const g of groups) {
        const key = g.entra.toLowerCase();
        const use = uses.get(key) ?? { ref: g.entra, groups: [] };
        use.groups.push(g);
        uses.set(key, use);
    }
    const entra = directory.open();
    const problems = [];
    const resolved = new Map();
    const entries = [...uses.entries()];
    const record = ([key, use], found) => {
        try {
            resolved.set(key, exactlyOneGroup(use.ref, found, ` in tenant ${directory.tenantId}`));
        }
        catch (error) {
            const message = error instanceof ActionError && error.fix ? `${error.message} ${error.fix}` : describeError(error);
            for (const g of use.groups)
                problems.push(validate_problemAt(g, message));
        }
    };
    // The first lookup also signs in; when that fails every lookup would fail alike, so the caller says it once.
    const first = entries[0];
    if (first)
        record(first, await entra.findGroups(first[1].ref));
    await mapLimit(entries.slice(1), LOOKUP_CONCURRENCY, async (entry) => {
        try {
            record(entry, await entra.findGroups(entry[1].ref));
        }
        catch (error) {
            for (const g of entry[1].groups) {
                problems.push(validate_problemAt(g, `could not look up Entra group "${entry[1].ref}": ${describeError(error)}`));
            }
        }
    });
    return { check: { tenantId: directory.tenantId, resolved, checked: uses.size }, problems };
}
function validate_problemAt(group, message) {
    return {
        file: group.at.file,
        line: group.at.line,
        column: group.at.column,
        key: group.at.key ?? '',
        message,
        severity: 'error'
    };
}
/** The action's validate: annotations at file:line, the summary, the `errors` and `warnings` outputs. */
async function runValidate(inputs) {
    const settings = signInSettings(inputs);
    const result = await validate({
        config: inputs.config,
        workspaces: inputs.workspaces,
        cwd: workspaceDir(),
        allowOutside: inputs.allowOutsideWorkspace,
        ...(settings
            ? { directory: { tenantId: settings.tenantId, open: () => signIn(settings, inputs.graphEndpoint).directory } }
            : {})
    });
    annotate(result.problems, core);
    addValidationSummary(core.summary, result);
    const { errors, warnings } = countBySeverity(result.problems);
    core.setOutput('errors', errors);
    core.setOutput('warnings', warnings);
    core.info(`Checked ${result.files.length} file(s), ${result.workspaces.length} workspace(s): ${errors} error(s), ${warnings} warning(s).`);
    if (result.onlineError)
        throw new Error(`The online check of Entra groups could not run. ${result.onlineError}`);
    if (errors > 0)
        core.setFailed(`Config validation found ${errors} error(s); see the annotations and the job summary.`);
}

;// CONCATENATED MODULE: ./src/inputs.ts
// Every input of action.yml, parsed once into a typed object. Nothing below main.ts reads inputs.



const COMMANDS = ['validate', 'sync', 'provision-app', 'matrix'];
const INPUT_DEFAULTS = {
    command: 'sync',
    config: '.github/databricks-identities.yml',
    audience: 'api://AzureADTokenExchange',
    'dry-run': 'false',
    'allow-paths-outside-workspace': 'false',
    'workspace-concurrency': '10',
    'authority-host': 'https://login.microsoftonline.com',
    'graph-endpoint': 'https://graph.microsoft.com'
};
const MAX_WORKSPACE_CONCURRENCY = 50;
function parseInputs(read) {
    const get = (name) => read(name).trim();
    const orDefault = (name) => get(name) || INPUT_DEFAULTS[name];
    const command = orDefault('command').toLowerCase();
    if (!COMMANDS.includes(command)) {
        throw new InputError(`Input "command" is "${command}", which is not a command of this action.`, `Use one of: ${COMMANDS.join(', ')}.`);
    }
    const tenantId = get('tenant-id') || undefined;
    const clientId = get('client-id') || undefined;
    for (const [name, value] of [
        ['tenant-id', tenantId],
        ['client-id', clientId]
    ]) {
        if (value !== undefined && !isGuid(value)) {
            throw new InputError(`Input "${name}" must be a GUID (got "${value}").`, name === 'tenant-id'
                ? 'Use the Directory (tenant) ID from the Entra admin center overview page.'
                : 'Use the Application (client) ID of the app registration or managed identity that has the federated credential.');
        }
    }
    if ((tenantId === undefined) !== (clientId === undefined)) {
        throw new InputError(`Inputs "tenant-id" and "client-id" go together; only "${tenantId ? 'tenant-id' : 'client-id'}" is set.`, 'Set both to sign in to Entra ID, or neither (validate then checks files offline).');
    }
    const clientSecret = read('client-secret') || undefined;
    if (clientSecret && !clientId) {
        throw new InputError('Input "client-secret" is set without "tenant-id" and "client-id".', 'Set all three, or none.');
    }
    const dryRunText = orDefault('dry-run').toLowerCase();
    if (!['true', 'false'].includes(dryRunText)) {
        throw new InputError(`Input "dry-run" must be true or false (got "${dryRunText}").`);
    }
    const outsideText = orDefault('allow-paths-outside-workspace').toLowerCase();
    if (!['true', 'false'].includes(outsideText)) {
        throw new InputError(`Input "allow-paths-outside-workspace" must be true or false (got "${outsideText}").`);
    }
    const maxDeletionsText = get('max-deletions');
    let maxDeletions;
    if (maxDeletionsText) {
        maxDeletions = parseMaxDeletions(maxDeletionsText);
        if (!maxDeletions) {
            throw new InputError(`Input "max-deletions" is "${maxDeletionsText}", which is neither a count nor a percentage.`, 'Use a whole number such as 25, or a percentage such as 10%.');
        }
    }
    const concurrencyText = orDefault('workspace-concurrency');
    const workspaceConcurrency = Number(concurrencyText);
    if (!/^\d+$/.test(concurrencyText) || workspaceConcurrency < 1 || workspaceConcurrency > MAX_WORKSPACE_CONCURRENCY) {
        throw new InputError(`Input "workspace-concurrency" must be a whole number from 1 to ${MAX_WORKSPACE_CONCURRENCY} (got "${concurrencyText}").`, 'Each workspace has its own API limits, so the default of 10 is safe; lower it to limit memory on small runners.');
    }
    const stateFile = get('state-file') || undefined;
    return {
        command: command,
        config: orDefault('config'),
        workspaces: get('workspace')
            .split(/[,\n]/)
            .map((s) => s.trim())
            .filter(Boolean),
        ...(tenantId ? { tenantId } : {}),
        ...(clientId ? { clientId } : {}),
        ...(clientSecret ? { clientSecret } : {}),
        audience: orDefault('audience'),
        dryRun: dryRunText === 'true',
        ...(maxDeletions ? { maxDeletions } : {}),
        workspaceConcurrency,
        ...(stateFile ? { stateFile } : {}),
        allowOutsideWorkspace: outsideText === 'true',
        authorityHost: httpsOrigin('authority-host', orDefault('authority-host')),
        graphEndpoint: httpsOrigin('graph-endpoint', orDefault('graph-endpoint'))
    };
}
function httpsOrigin(name, value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new InputError(`Input "${name}" is not a URL (got "${value}").`, `Use an https origin such as ${INPUT_DEFAULTS[name]}.`);
    }
    if (url.username || url.password) {
        // The value is not repeated: what comes before the "@" may be a password, and it hides the host it goes to.
        throw new InputError(`Input "${name}" has a user name or password before "@", so the host it names is ${url.host}.`, `Use the https origin of the service itself, e.g. ${INPUT_DEFAULTS[name]}; the action signs in with tokens, never with credentials in a URL.`);
    }
    if (url.protocol !== 'https:') {
        throw new InputError(`Input "${name}" must use https (got "${value}").`, 'Tokens are never sent over plain http.');
    }
    if (url.pathname !== '/' && url.pathname !== '') {
        throw new InputError(`Input "${name}" must be an origin without a path (got "${value}").`, `Use ${url.origin}.`);
    }
    if (url.search || url.hash) {
        throw new InputError(`Input "${name}" must be an origin without a query or fragment (got "${value}").`, `Use ${url.origin}.`);
    }
    return url.origin;
}

;// CONCATENATED MODULE: ./src/main.ts
// Inputs -> command, with the one error boundary of the action. Inputs are parsed once here; each command builds
// the clients it needs from the wiring (src/wiring.ts) and reports through the summary and outputs. The summary is
// written in `finally`, so a failed run still explains itself; failing to write it only warns.









const main_COMMANDS = {
    validate: runValidate,
    sync: runSync,
    'provision-app': runProvisionApp,
    matrix: runMatrix
};
async function run() {
    try {
        // Mask before anything else can print it (the runner's OIDC request token too: it is never an input).
        mask(core.getInput('client-secret'));
        mask(process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
        const inputs = parseInputs((name) => core.getInput(name));
        await main_COMMANDS[inputs.command](inputs);
    }
    catch (error) {
        const message = redact(describeError(error));
        core.setFailed(message);
        addFailure(core.summary, message);
    }
    finally {
        try {
            await core.summary.write();
        }
        catch (error) {
            core.warning(`Could not write the job summary: ${describeError(error)}`);
        }
    }
}


/***/ })

};
