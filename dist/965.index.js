export const id = 965;
export const ids = [965];
export const modules = {

/***/ 99061:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ publicClaims)
/* harmony export */ });
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
            ...(typeof claims.exp === 'number' ? { exp: claims.exp } : {}),
            ...(Array.isArray(claims.roles) ? { roles: claims.roles.filter((r) => typeof r === 'string') } : {})
        };
    }
    catch {
        return {};
    }
}


/***/ }),

/***/ 6430:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aS: () => (/* binding */ databricksToken)
/* harmony export */ });
/* unused harmony exports DATABRICKS_RESOURCE, DATABRICKS_SCOPE */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

/** The AzureDatabricks first-party application, the same id in every cloud. */
const DATABRICKS_RESOURCE = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d';
const DATABRICKS_SCOPE = `${DATABRICKS_RESOURCE}/.default`;
function databricksToken(workspace, credential, secrets) {
    if (workspace.auth === 'pat') {
        const secretId = workspace.tokenSecret;
        if (!secretId || !secrets) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Workspace ${workspace.name} uses auth: pat, which needs token-secret and an Entra sign-in to read Key Vault.`, 'Set token-secret in the config and the tenant-id/client-id inputs.');
        }
        return async () => (await secrets.read(secretId)).value;
    }
    if (!credential) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Workspace ${workspace.name} uses auth: entra, which needs an Entra sign-in.`, 'Set the tenant-id and client-id inputs (and `permissions: id-token: write`).');
    }
    return async () => {
        const token = await credential.getToken(DATABRICKS_SCOPE);
        if (!token)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Entra ID returned no token for Azure Databricks (workspace ${workspace.name}).`);
        return token.token;
    };
}


/***/ }),

/***/ 89279:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ RequestGuard),
/* harmony export */   k: () => (/* binding */ GuardedRequestError)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _net_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(88316);
/* harmony import */ var _util_retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4266);




/** A request the guard ended: its message names the service and what happened, never a token. */
class GuardedRequestError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ {
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
        this.timeoutMs = options.timeoutMs ?? _net_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_REQUEST_TIMEOUT_MS */ .Zc;
        this.signal = options.signal;
        this.policy = (0,_util_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .retryPolicy */ .Jb)(options.retry);
        this.budget = new _util_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .RetryBudget */ .Km(this.policy.budgetMs);
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
                else if ((0,_net_js__WEBPACK_IMPORTED_MODULE_2__/* .networkFailure */ .rd)(error).permanent || !isNetworkError(error))
                    throw error;
                counts.failed++;
                const decision = (0,_util_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .decideRetry */ .tE)('failed', counts, undefined, this.policy, this.budget);
                if (!decision.retry) {
                    if (!timedOut)
                        throw error;
                    throw this.fail(service, 'timeout', `${service.name} did not answer ${method} ${pathOf(url)} within ${(0,_net_js__WEBPACK_IMPORTED_MODULE_2__/* .seconds */ .YA)(this.timeoutMs)}` +
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
                    `${(0,_net_js__WEBPACK_IMPORTED_MODULE_2__/* .redirectTarget */ .ET)(seen.header('location'), url)}. The action follows no redirect: it sent nothing ` +
                    'there (no request, no token, no credential).', service.redirectFix, seen.status);
            }
            if (!_util_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .RETRYABLE_STATUS */ .Uz.has(seen.status))
                return answer;
            const throttled = seen.status === 429;
            if (throttled)
                counts.throttled++;
            else
                counts.failed++;
            const retryAfter = (0,_util_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .retryAfterMs */ .Vs)(seen.header('retry-after'));
            const decision = (0,_util_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .decideRetry */ .tE)(throttled ? 'throttled' : 'failed', counts, retryAfter, this.policy, this.budget);
            if (!decision.retry) {
                if (decision.reason === 'attempts')
                    return answer;
                throw this.fail(service, 'budget', `${service.name} answered ${method} ${pathOf(url)} with ${seen.status}` +
                    `${retryAfter !== undefined ? ` asking to wait ${(0,_net_js__WEBPACK_IMPORTED_MODULE_2__/* .seconds */ .YA)(retryAfter)}` : ''}, and waiting would go over the ` +
                    `retry budget (${this.spentText()}).`, `${service.name} throttled or failed for too long; run the workflow again later.`);
            }
            await this.wait(service, decision.delayMs);
        }
    }
    async wait(service, ms) {
        if (ms <= 0)
            return;
        try {
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(ms, undefined, this.signal ? { signal: this.signal } : {});
        }
        catch {
            // The sleep ends early only when the run is cancelled.
        }
        if (this.signal?.aborted) {
            throw this.fail(service, 'cancelled', `The run was cancelled while waiting to ask ${service.name} again.`);
        }
    }
    spentText() {
        return `${(0,_net_js__WEBPACK_IMPORTED_MODULE_2__/* .seconds */ .YA)(this.budget.usedMs)} of the ${(0,_net_js__WEBPACK_IMPORTED_MODULE_2__/* .seconds */ .YA)(this.budget.budgetMs)} retry budget spent waiting`;
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


/***/ }),

/***/ 28978:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ azureResourceIdIssue)
/* harmony export */ });
/* unused harmony export AZURE_RESOURCE_ID_EXAMPLE */
/* harmony import */ var _util_guid_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22519);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97235);
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
        return `must be the workspace's Azure resource id (a string), not ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .kindOf */ .I)(value)}; ${fix}`;
    const id = value.trim();
    const shown = (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .describeValue */ .bp)(value);
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
    if (!(0,_util_guid_js__WEBPACK_IMPORTED_MODULE_1__/* .isGuid */ .W)(subscription))
        return `the subscription id ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .describeValue */ .bp)(subscription)} is not a GUID; ${fix}`;
    if (!RESOURCE_GROUP.test(group) || group.endsWith('.')) {
        return `${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .describeValue */ .bp)(group)} is not a resource group name (letters, digits, _ - . ( ), at most 90, not ending in "."); ${fix}`;
    }
    if (!WORKSPACE_NAME.test(name)) {
        return `${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .describeValue */ .bp)(name)} is not an Azure Databricks workspace name (3 to 64 letters, digits, _ and -); ${fix}`;
    }
    return undefined;
}


/***/ }),

/***/ 89750:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dv: () => (/* reexport safe */ _select_js__WEBPACK_IMPORTED_MODULE_4__.Dv),
/* harmony export */   Z9: () => (/* reexport safe */ _load_js__WEBPACK_IMPORTED_MODULE_0__.Z9),
/* harmony export */   dS: () => (/* reexport safe */ _load_js__WEBPACK_IMPORTED_MODULE_0__.dS)
/* harmony export */ });
/* harmony import */ var _load_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61036);
/* harmony import */ var _azure_resource_id_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28978);
/* harmony import */ var _normalize_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(39137);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(94934);
/* harmony import */ var _select_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(41032);
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(79397);
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(36799);











/***/ }),

/***/ 61036:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FK: () => (/* binding */ isInside),
/* harmony export */   Z9: () => (/* binding */ loadConfig),
/* harmony export */   dS: () => (/* binding */ sortProblems)
/* harmony export */ });
/* unused harmony exports DEFAULT_CONFIG_PATH, MAX_CONFIG_FILES, MAX_CONFIG_TOTAL_BYTES, splitPatterns, findConfigFiles, loadConfigSources */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var tinyglobby__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(73382);
/* harmony import */ var _normalize_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(39137);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(94934);
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(79397);
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(36799);
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
    const relative = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(cwd, absolute);
    const shown = relative === '' || relative.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(relative) ? absolute : relative;
    return shown.split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/');
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
    if (!(0,tinyglobby__WEBPACK_IMPORTED_MODULE_6__/* .isDynamicPattern */ .ey)(pattern)) {
        const absolute = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, pattern);
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(absolute).catch(() => undefined);
        if (info?.isFile())
            return [absolute];
        if (!info?.isDirectory())
            return [];
        return (0,tinyglobby__WEBPACK_IMPORTED_MODULE_6__/* .glob */ .TI)(['**/*.yml', '**/*.yaml'], { ...GLOB_OPTIONS, cwd: absolute });
    }
    return (0,tinyglobby__WEBPACK_IMPORTED_MODULE_6__/* .glob */ .TI)([pattern], { ...GLOB_OPTIONS, cwd });
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
    const root = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(cwd).catch(() => node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd));
    const files = [];
    const problems = [...found.problems];
    for (const file of found.files) {
        const real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, file)).catch(() => node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, file));
        if (isInside(root, real))
            files.push(file);
        else
            problems.push(inputProblem(`"${file}" is outside the repository checkout (${root}), so it was not read; put the config in the repository, or set allow-paths-outside-workspace: true if the file is meant to come from elsewhere`));
    }
    return { files, problems };
}
/** Whether `target` is `root` or below it (both resolved). */
function isInside(root, target) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(root, target);
    return relative === '' || (!relative.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(relative));
}
/**
 * Loads config files already read into memory (in the order given). Pure: use it for text that does not come from
 * disk, and in tests.
 */
function loadConfigSources(sources, extra = []) {
    const problems = [...extra];
    const parsedFiles = [];
    for (const source of sources) {
        const { parsed, problems: parseProblems } = (0,_source_js__WEBPACK_IMPORTED_MODULE_4__/* .parseSource */ .PJ)(source.file, source.text);
        problems.push(...parseProblems);
        parsedFiles.push(parsed);
    }
    for (const parsed of parsedFiles) {
        if (!(0,_validate_js__WEBPACK_IMPORTED_MODULE_5__/* .hasUnsupportedVersion */ .Ii)(parsed) && !(0,_validate_js__WEBPACK_IMPORTED_MODULE_5__/* .isForeign */ .jq)(parsed))
            problems.push(...(0,_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .schemaProblems */ .I)(parsed));
    }
    problems.push(...(0,_validate_js__WEBPACK_IMPORTED_MODULE_5__/* .validateFiles */ .kc)(parsedFiles));
    const config = (0,_normalize_js__WEBPACK_IMPORTED_MODULE_2__/* .normalizeFiles */ .Vl)(parsedFiles);
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
        const absolute = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(opts.cwd, file);
        try {
            const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(absolute);
            if (info.size > _source_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_CONFIG_FILE_BYTES */ .pB) {
                extra.push((0,_source_js__WEBPACK_IMPORTED_MODULE_4__/* .tooLarge */ .g$)(file, info.size));
                continue;
            }
            total += info.size;
            if (total > MAX_CONFIG_TOTAL_BYTES) {
                extra.push(inputProblem(`the config files add up to more than ${MAX_CONFIG_TOTAL_BYTES / 1024 / 1024} MiB (at ${file}); a config is a few kilobytes per workspace: narrow the config input to the config files`));
                return { config: { files: [], workspaces: [] }, problems: extra };
            }
            sources.push({ file, text: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(absolute, 'utf8') });
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


/***/ }),

/***/ 39137:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vl: () => (/* binding */ normalizeFiles)
/* harmony export */ });
/* unused harmony exports REMOVALS, NESTED, WORKSPACE_PERMISSIONS, ENTITLEMENTS, BUILTIN_DEFAULTS */
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(79397);
/* harmony import */ var _rate_limits_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(60415);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(97235);
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(36799);
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
function where(parsed, path, target = 'value') {
    return { ...(0,_source_js__WEBPACK_IMPORTED_MODULE_0__/* .locate */ .x5)(parsed, path, target), key: (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPath */ .jV)(path) };
}
const isRecord = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
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
    const d = isRecord(data.defaults) ? data.defaults : {};
    return {
        removal: oneOf(d.removal, REMOVALS, BUILTIN_DEFAULTS.removal),
        nested: oneOf(d.nested, NESTED, BUILTIN_DEFAULTS.nested),
        maxDeletions: (0,_validate_js__WEBPACK_IMPORTED_MODULE_3__/* .configMaxDeletions */ .iF)(d['max-deletions']) ?? { ...BUILTIN_DEFAULTS.maxDeletions },
        entitlements: entitlements(d.entitlements, BUILTIN_DEFAULTS.entitlements)
    };
}
/**
 * A workspace group, or (`account`) an account group: the same, except that entitlements do not apply in the account
 * (they are per workspace) and an account group is always made (no members-only).
 */
function group(parsed, value, path, defaults, scope = 'workspace') {
    const at = where(parsed, path);
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
    if (!isRecord(value) || typeof value.entra !== 'string' || value.entra.trim() === '')
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
    if (!isRecord(value) || typeof value.name !== 'string' || typeof value.host !== 'string')
        return undefined;
    const path = ['workspaces', index];
    const name = value.name.trim();
    const groups = (Array.isArray(value.groups) ? value.groups : [])
        .map((g, i) => group(parsed, g, [...path, 'groups', i], defaults))
        .filter((g) => g !== undefined);
    const host = (0,_validate_js__WEBPACK_IMPORTED_MODULE_3__/* .normalizeOrigin */ .OV)(value.host) ?? value.host.trim().replace(/\/+$/, '');
    const result = {
        name,
        host,
        auth: oneOf(value.auth, ['entra', 'pat'], 'entra'),
        groups,
        maxDeletions: (0,_validate_js__WEBPACK_IMPORTED_MODULE_3__/* .configMaxDeletions */ .iF)(value['max-deletions']) ?? { ...defaults.maxDeletions },
        accountGroups: (Array.isArray(value['account-groups']) ? value['account-groups'] : [])
            .map((a, i) => assignment(parsed, a, [...path, 'account-groups', i]))
            .filter((a) => a !== undefined),
        file: parsed.file,
        at: where(parsed, path)
    };
    const servicePrincipals = (Array.isArray(value['account-service-principals']) ? value['account-service-principals'] : [])
        .map((a, i) => servicePrincipalAssignment(parsed, a, [...path, 'account-service-principals', i]))
        .filter((a) => a !== undefined);
    if (servicePrincipals.length > 0)
        result.accountServicePrincipals = servicePrincipals;
    const rateLimits = (0,_rate_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .rateLimitsOf */ .Q0)(value['rate-limits']);
    if (rateLimits)
        result.rateLimits = rateLimits;
    const workspaceId = 'workspace-id' in value
        ? (0,_validate_js__WEBPACK_IMPORTED_MODULE_3__/* .configWorkspaceId */ .dy)(parsed, [...path, 'workspace-id'], value['workspace-id'])
        : (0,_validate_js__WEBPACK_IMPORTED_MODULE_3__/* .workspaceIdFromHost */ .J4)(host);
    if (workspaceId !== undefined)
        result.workspaceId = workspaceId;
    if (typeof value['token-secret'] === 'string')
        result.tokenSecret = value['token-secret'].trim();
    if (typeof value['azure-resource-id'] === 'string')
        result.azureResourceId = value['azure-resource-id'].trim();
    if (isRecord(value.provisioning) || value.provisioning === null) {
        const p = isRecord(value.provisioning) ? value.provisioning : {};
        const provisioning = {
            appName: typeof p['app-name'] === 'string' && p['app-name'].trim()
                ? p['app-name'].trim()
                : `Azure Databricks SCIM - ${name}`,
            at: where(parsed, [...path, 'provisioning'], 'key')
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
        return value.trim() === '' ? undefined : { group: value.trim(), permission: 'USER', at: where(parsed, path) };
    }
    if (!isRecord(value) || typeof value.group !== 'string' || value.group.trim() === '')
        return undefined;
    return {
        group: value.group.trim(),
        permission: oneOf(value.permission, WORKSPACE_PERMISSIONS, 'USER'),
        ...(Array.isArray(value.entitlements) ? { entitlements: entitlements(value.entitlements, []) } : {}),
        at: where(parsed, path)
    };
}
/** An account-service-principals entry: a reference (USER) or `{ service-principal, permission, entitlements }`. */
function servicePrincipalAssignment(parsed, value, path) {
    if (typeof value === 'string') {
        return value.trim() === ''
            ? undefined
            : { servicePrincipal: value.trim(), permission: 'USER', at: where(parsed, path) };
    }
    const ref = isRecord(value) ? value['service-principal'] : undefined;
    if (!isRecord(value) || typeof ref !== 'string' || ref.trim() === '')
        return undefined;
    return {
        servicePrincipal: ref.trim(),
        permission: oneOf(value.permission, WORKSPACE_PERMISSIONS, 'USER'),
        ...(Array.isArray(value.entitlements) ? { entitlements: entitlements(value.entitlements, []) } : {}),
        at: where(parsed, path)
    };
}
/** An account.service-principals or account.users entry: a reference, or `{ entra, removal }`. */
function accountPrincipals(parsed, value, key, defaults) {
    return (Array.isArray(value) ? value : []).flatMap((entry, i) => {
        const at = where(parsed, ['account', key, i]);
        if (typeof entry === 'string')
            return entry.trim() ? [{ entra: entry.trim(), removal: defaults.removal, at }] : [];
        if (!isRecord(entry) || typeof entry.entra !== 'string' || entry.entra.trim() === '')
            return [];
        return [{ entra: entry.entra.trim(), removal: oneOf(entry.removal, REMOVALS, defaults.removal), at }];
    });
}
const DENY_KEYS = [
    ['group', 'group'],
    ['user', 'user'],
    ['service-principal', 'servicePrincipal']
];
/** account.deny entries with exactly one principal key (validation reports the others). */
function denyEntries(parsed, value) {
    return (Array.isArray(value) ? value : []).flatMap((entry, i) => {
        if (!isRecord(entry))
            return [];
        const keys = DENY_KEYS.filter(([k]) => typeof entry[k] === 'string' && entry[k].trim() !== '');
        const [only] = keys;
        if (keys.length !== 1 || !only)
            return [];
        const [key, kind] = only;
        return [
            {
                kind,
                entra: entry[key].trim(),
                remove: entry.remove === true,
                at: where(parsed, ['account', 'deny', i])
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
    if (!isRecord(value) || typeof value.id !== 'string')
        return undefined;
    const host = typeof value.host === 'string' ? ((0,_validate_js__WEBPACK_IMPORTED_MODULE_3__/* .normalizeOrigin */ .OV)(value.host) ?? value.host.trim()) : _validate_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_ACCOUNT_HOST */ .J6;
    const result = {
        id: value.id.trim().toLowerCase(),
        host,
        groups: accountGroups(parsed, value, defaults),
        maxDeletions: (0,_validate_js__WEBPACK_IMPORTED_MODULE_3__/* .configMaxDeletions */ .iF)(value['max-deletions']) ?? { ...defaults.maxDeletions },
        file: parsed.file,
        at: where(parsed, ['account'], 'key')
    };
    if (value.identity === 'aim')
        result.identity = 'aim';
    const rateLimits = (0,_rate_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .rateLimitsOf */ .Q0)(value['rate-limits']);
    if (rateLimits)
        result.rateLimits = rateLimits;
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
    if (other.rateLimits)
        into.rateLimits ??= other.rateLimits;
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
        if (!data || (0,_validate_js__WEBPACK_IMPORTED_MODULE_3__/* .hasUnsupportedVersion */ .Ii)(parsed))
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
            maxFromFile = isRecord(data.account) && (0,_validate_js__WEBPACK_IMPORTED_MODULE_3__/* .configMaxDeletions */ .iF)(data.account['max-deletions']) !== undefined;
        }
        else if (a.id === config.account.id) {
            // The same account in another file: its groups join (with that file's defaults), and an explicit
            // max-deletions counts when the first file had none (validation reports two that differ).
            mergeAccount(config.account, a);
            if (!maxFromFile && isRecord(data.account) && (0,_validate_js__WEBPACK_IMPORTED_MODULE_3__/* .configMaxDeletions */ .iF)(data.account['max-deletions']) !== undefined) {
                config.account.maxDeletions = a.maxDeletions;
                maxFromFile = true;
            }
        }
    }
    return config;
}


/***/ }),

/***/ 34968:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ot: () => (/* binding */ countBySeverity)
/* harmony export */ });
/* unused harmony exports formatProblem, hasErrors */
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


/***/ }),

/***/ 60415:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C5: () => (/* binding */ rateLimitIssues),
/* harmony export */   Q0: () => (/* binding */ rateLimitsOf)
/* harmony export */ });
/* unused harmony exports RATE_LIMIT_KEYS, parseRate */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97235);
// `rate-limits` of a workspace or the account: the API limits Databricks gave that target (it raises them on
// request). The action's pacing starts there instead of at its guess (workspace SCIM) or the published limits
// (account), and still learns from a 429.

/** A method, or LIST: a GET of a SCIM collection (Users, Groups, ServicePrincipals), limited apart from a GET of one. */
const RATE_LIMIT_KEYS = ['GET', 'LIST', 'POST', 'PUT', 'PATCH', 'DELETE'];
const RATE = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|sec|second|min|minute)\s*$/i;
const EXAMPLE = 'e.g. 10/min or 2/s';
/** Requests per second of `10/min`, `2/s` or a number (per second); undefined when it is none of them or not > 0. */
function parseRate(value) {
    if (typeof value === 'number')
        return Number.isFinite(value) && value > 0 ? value : undefined;
    if (typeof value !== 'string')
        return undefined;
    const m = RATE.exec(value);
    if (!m)
        return undefined;
    const n = Number(m[1]);
    if (!(n > 0))
        return undefined;
    return m[2].toLowerCase().startsWith('s') ? n : n / 60;
}
/** The valid entries of a `rate-limits` block, per second; undefined when it has none. */
function rateLimitsOf(value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return undefined;
    const out = {};
    for (const key of RATE_LIMIT_KEYS) {
        const rate = parseRate(value[key]);
        if (rate !== undefined)
            out[key] = rate;
    }
    return Object.keys(out).length > 0 ? out : undefined;
}
/** What is wrong with a `rate-limits` block. */
function rateLimitIssues(value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return [
            {
                at: 'value',
                message: `must be a mapping of method to rate, not ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .kindOf */ .I)(value)}; e.g. { PATCH: 10/min, GET: 255/min }`
            }
        ];
    }
    const issues = [];
    for (const [key, rate] of Object.entries(value)) {
        if (!RATE_LIMIT_KEYS.includes(key)) {
            const upper = key.toUpperCase();
            issues.push({
                key,
                at: 'key',
                message: RATE_LIMIT_KEYS.includes(upper)
                    ? `write the method in capitals: ${upper}`
                    : `"${key}" is not a limited request; use ${RATE_LIMIT_KEYS.join(', ')} (LIST: a GET of Users, Groups or ServicePrincipals)`
            });
            continue;
        }
        if (parseRate(rate) === undefined) {
            issues.push({
                key,
                at: 'value',
                message: rate === null || rate === undefined
                    ? `the value is empty; set the requests allowed per second or minute, ${EXAMPLE}`
                    : `${typeof rate === 'string' || typeof rate === 'number' ? (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .describeValue */ .bp)(rate) : (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .kindOf */ .I)(rate)} is not a rate above 0; write requests per second or minute, ${EXAMPLE}`
            });
        }
    }
    return issues;
}


/***/ }),

/***/ 94934:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  I: () => (/* binding */ schemaProblems)
});

// UNUSED EXPORTS: configSchema

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(42463);
// EXTERNAL MODULE: ./node_modules/ajv-formats/dist/index.js
var dist = __webpack_require__(82815);
var dist_default = /*#__PURE__*/__webpack_require__.n(dist);
;// CONCATENATED MODULE: ./schema/config.schema.json
const config_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","title":"entra-databricks-sync configuration","description":"Declares which Microsoft Entra ID groups are synced into which Azure Databricks workspaces (and optionally the Databricks account). Read by the entra-databricks-sync GitHub Action. Add `# yaml-language-server: $schema=<url of this file>` as the first line of the YAML file for completion and checks in the editor.","type":"object","additionalProperties":false,"required":["version"],"properties":{"$schema":{"description":"URL of this JSON Schema, for editors. Ignored by the action.","type":"string"},"version":{"description":"Version of this file format. The only supported version is 1.","type":"integer","enum":[1],"default":1},"defaults":{"$ref":"#/definitions/defaults"},"account":{"$ref":"#/definitions/account"},"workspaces":{"description":"The Azure Databricks workspaces this file manages. Several config files may each own some workspaces; a workspace name or host may appear only once across all files.","type":"array","items":{"$ref":"#/definitions/workspace"}}},"patternProperties":{"^x-":{"description":"Extension keys starting with \\"x-\\" are ignored by the action: use them to hold YAML anchors (&name) shared by several entries."}},"definitions":{"removal":{"description":"What happens in Databricks when someone is no longer a member of the Entra group. `remove-membership`: remove them from the synced Databricks group only. `deactivate`: also deactivate users and service principals the action manages that no longer belong to any listed group. `delete`: also delete them. `keep`: never remove anything, only add.","type":"string","enum":["remove-membership","deactivate","delete","keep"],"default":"remove-membership"},"nested":{"description":"How members of nested Entra groups are treated. `flatten`: transitive members (members of nested groups become direct members of the Databricks group). `direct`: direct members only; nested groups are ignored.","type":"string","enum":["flatten","direct"],"default":"flatten"},"rateLimits":{"description":"The API limits Databricks gave this target (it raises them on request), by method, as requests per second or minute (`10/min`, `2/s`, or a number: per second). `LIST` is a GET of Users, Groups or ServicePrincipals (a page of a list), limited apart from a GET of one resource. The action\'s pacing starts at these instead of its own: for a workspace a conservative guess it probes up from (workspace SCIM limits are not published), for the account the published account limits. A 429 still slows it down.","type":"object","additionalProperties":false,"properties":{"GET":{"$ref":"#/definitions/rate"},"LIST":{"$ref":"#/definitions/rate"},"POST":{"$ref":"#/definitions/rate"},"PUT":{"$ref":"#/definitions/rate"},"PATCH":{"$ref":"#/definitions/rate"},"DELETE":{"$ref":"#/definitions/rate"}},"examples":[{"PATCH":"10/min","POST":"35/min","GET":"255/min"}]},"rate":{"description":"Requests allowed per second (`2/s`, or a number) or per minute (`10/min`).","oneOf":[{"type":"number","exclusiveMinimum":0},{"type":"string","pattern":"^\\\\s*[0-9]+(\\\\.[0-9]+)?\\\\s*/\\\\s*([Ss]|[Ss][Ee][Cc]|[Ss][Ee][Cc][Oo][Nn][Dd]|[Mm][Ii][Nn]|[Mm][Ii][Nn][Uu][Tt][Ee])\\\\s*$"}]},"maxDeletions":{"description":"Circuit breaker: the most identities or memberships one run may remove in a workspace, as a count (`25`) or as a share of the managed identities and memberships (`10%`). Over it the workspace is left unchanged and the run fails. The action\'s `max-deletions` input overrides it.","oneOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^([0-9]+|([0-9]{1,2}(\\\\.[0-9]+)?|100(\\\\.0+)?)%)$"}],"default":"10%","examples":["10%",25,0]},"entitlement":{"description":"A Databricks workspace entitlement. `workspace-access`: use the workspace (Data Science & Engineering). `databricks-sql-access`: use Databricks SQL. `allow-cluster-create`: create clusters. `allow-instance-pool-create`: create instance pools.","type":"string","enum":["workspace-access","databricks-sql-access","allow-cluster-create","allow-instance-pool-create"]},"entitlements":{"description":"Entitlements given to the Databricks group. A group\'s own list replaces the defaults (it is not merged with them).","type":"array","items":{"$ref":"#/definitions/entitlement"},"uniqueItems":true,"default":["workspace-access"],"examples":[["workspace-access"],["workspace-access","databricks-sql-access"]]},"defaults":{"description":"Defaults for every group and workspace in this file. A group or workspace may override them. Defaults apply only to the file that declares them.","type":"object","additionalProperties":false,"properties":{"removal":{"$ref":"#/definitions/removal"},"nested":{"$ref":"#/definitions/nested"},"max-deletions":{"$ref":"#/definitions/maxDeletions"},"entitlements":{"$ref":"#/definitions/entitlements"}}},"account":{"description":"Optional: the Azure Databricks account, for account-level identities (identity federation): Entra groups synced into account groups (`groups`), which workspaces then get through their `account-groups`. If several files declare the account, they must name the same one; their `groups` are merged.","type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"description":"The Databricks account id, a GUID (shown in the account console under your user name).","type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$","examples":["00000000-0000-0000-0000-000000000000"]},"host":{"description":"The account console URL.","type":"string","pattern":"^https://","default":"https://accounts.azuredatabricks.net","examples":["https://accounts.azuredatabricks.net"]},"max-deletions":{"description":"Circuit breaker for the account: the most identities or memberships one run may remove from the account, as a count (`25`) or a share (`10%`) of the managed account identities and memberships. Defaults to `defaults.max-deletions` of the file that declares the account (else 10%); if several files declare the account, set it in one of them only. The action\'s `max-deletions` input overrides it.","$ref":"#/definitions/maxDeletions"},"rate-limits":{"$ref":"#/definitions/rateLimits"},"groups":{"description":"The Entra groups provisioned as account groups: a group\'s display name (or object id), or a mapping for a different target name or behaviour. Entitlements are per workspace, so they cannot be set here; assign the account groups to workspaces with a workspace\'s `account-groups`.","type":"array","items":{"$ref":"#/definitions/accountGroup"},"examples":[["Data Engineers",{"entra":"Data Analysts","databricks":"data-analysts"}]]},"identity":{"description":"How identities reach the account. `scim` (default): the action provisions users, service principals and groups through account SCIM and keeps group membership. `aim`: the account uses automatic identity management (Databricks reads Entra ID itself and keeps membership); the action then never creates users or writes group membership, and instead resolves the listed Entra groups, service principals and users in the account by their object id (so grants can name them before anyone signs in), assigns them to workspaces, keeps the denylist (`deny`) and, in a dry-run, reports what stands in the way of automatic identity management.","type":"string","enum":["scim","aim"],"default":"scim"},"service-principals":{"description":"`identity: aim` only: Entra service principals to resolve in the account (display name, application id or object id), so workspaces can get them through `account-service-principals`.","type":"array","items":{"$ref":"#/definitions/accountPrincipal"},"examples":[["etl-orchestrator",{"entra":"0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b","removal":"keep"}]]},"users":{"description":"`identity: aim` only: Entra users to resolve in the account before they first sign in (user principal name or object id), e.g. owners named in Unity Catalog grants.","type":"array","items":{"$ref":"#/definitions/accountPrincipal"},"examples":[["adele.vance@contoso.com"]]},"deny":{"description":"`identity: aim` only: the account access denylist as code. Each entry denies one Entra group, user or service principal access to the whole account (transitively through nested groups; it takes effect within about 10 minutes). The action adds the rules listed and removes only rules of entries marked `remove: true`; rules made by hand are never removed. An account holds at most 100 rules.","type":"array","items":{"$ref":"#/definitions/denyEntry"},"examples":[[{"group":"Data Engineers - Contractors"},{"user":"former.employee@contoso.com","remove":true}]]}}},"workspace":{"description":"An Azure Databricks workspace, the Entra groups synced into it and the account groups assigned to it.","type":"object","additionalProperties":false,"required":["name","host"],"properties":{"name":{"description":"A short name for the workspace, unique across all config files (case-insensitive). Used by the action\'s `workspace` input, in the job summary and as the matrix job name. Letters, digits, `.`, `_` and `-`.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$","examples":["analytics-prod"]},"host":{"description":"The workspace URL: https and the workspace host only (no path or query), on *.azuredatabricks.net, *.databricks.azure.us or *.databricks.azure.cn.","type":"string","pattern":"^https://","examples":["https://adb-6234138917436195.15.azuredatabricks.net"]},"workspace-id":{"description":"The workspace\'s numeric id, used by the account API to assign `account-groups`. Taken from the host when the host is adb-<id>.<n>.azuredatabricks.net (or .databricks.azure.us, .databricks.azure.cn), so it is needed only for other hosts: it is the number after `?o=` in the workspace URL.","oneOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^[0-9]+$"}],"examples":[6234138917436195,"6234138917436195"]},"auth":{"description":"How the action signs in to the workspace SCIM API. `entra`: an Entra token of the action\'s identity (which must be a workspace admin). `pat`: a Databricks personal access token read from the Key Vault secret `token-secret`.","type":"string","enum":["entra","pat"],"default":"entra"},"token-secret":{"description":"Key Vault secret id holding the workspace\'s Databricks personal access token: required for `auth: pat` and for the provision-app command.","type":"string","pattern":"^https://[^/]+/secrets/[0-9A-Za-z-]+(/[0-9A-Za-z]+)?/?$","examples":["https://kv-data.vault.azure.net/secrets/dbx-prod-pat"]},"azure-resource-id":{"description":"The workspace\'s Azure resource id (Azure portal: the workspace > Properties > Id; or `az databricks workspace show --query id`). With `auth: entra` the action then sends Databricks an Azure Resource Manager token of its service principal with every request, so Databricks adds the service principal as a workspace admin on its first request when it has the Contributor (or Owner) role on this resource: a new workspace needs no manual step.","type":"string","pattern":"^/[Ss][Uu][Bb][Ss][Cc][Rr][Ii][Pp][Tt][Ii][Oo][Nn][Ss]/[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/[Rr][Ee][Ss][Oo][Uu][Rr][Cc][Ee][Gg][Rr][Oo][Uu][Pp][Ss]/[^/\\\\s]{1,90}/[Pp][Rr][Oo][Vv][Ii][Dd][Ee][Rr][Ss]/[Mm][Ii][Cc][Rr][Oo][Ss][Oo][Ff][Tt]\\\\.[Dd][Aa][Tt][Aa][Bb][Rr][Ii][Cc][Kk][Ss]/[Ww][Oo][Rr][Kk][Ss][Pp][Aa][Cc][Ee][Ss]/[A-Za-z0-9_-]{3,64}$","examples":["/subscriptions/8f2e1c4a-6b3d-4e5f-9a7b-1c2d3e4f5a6b/resourceGroups/rg-data-prod/providers/Microsoft.Databricks/workspaces/analytics-prod"]},"max-deletions":{"$ref":"#/definitions/maxDeletions"},"rate-limits":{"$ref":"#/definitions/rateLimits"},"groups":{"description":"The Entra groups synced into this workspace: a group\'s display name (or object id), or a mapping for a different target name, entitlements or behaviour.","type":"array","items":{"$ref":"#/definitions/group"}},"account-groups":{"description":"Account groups assigned to this workspace (identity federation): the Databricks name of a group in `account.groups`, or of any other account group, with the permission it gets here. Needs the `account` block in one of the config files, and the workspace id (see `workspace-id`).","type":"array","items":{"$ref":"#/definitions/accountGroupAssignment"},"examples":[["data-engineers",{"group":"platform-admins","permission":"ADMIN"}]]},"account-service-principals":{"description":"`account.identity: aim` only: service principals of `account.service-principals` assigned to this workspace, with the permission they get here.","type":"array","items":{"$ref":"#/definitions/servicePrincipalAssignment"},"examples":[["etl-orchestrator",{"service-principal":"powerbi-refresh","permission":"USER"}]]},"provisioning":{"$ref":"#/definitions/provisioning"}}},"group":{"description":"An Entra group synced into the workspace: its display name (or object id), or a mapping with `entra` and its own settings.","oneOf":[{"description":"Entra group display name (or object id). It is synced into the Databricks group of the same name with the default settings.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["Data Engineers"]},{"description":"An Entra group with its own settings.","type":"object","additionalProperties":false,"required":["entra"],"properties":{"entra":{"description":"Entra group display name (one line, at most 256 characters) or object id.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["Data Engineers"]},"databricks":{"description":"Name of the target Databricks group. Defaults to the Entra group\'s name.","type":"string","minLength":1,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["data-engineers"]},"entitlements":{"$ref":"#/definitions/entitlements"},"members-only":{"description":"true: add the group\'s users and service principals to the workspace but create no Databricks group. false: sync the group itself.","type":"boolean","default":false},"removal":{"$ref":"#/definitions/removal"},"nested":{"$ref":"#/definitions/nested"}}}]},"accountGroup":{"description":"An Entra group provisioned as an account group: its display name (or object id), or a mapping with `entra` and its own settings.","oneOf":[{"description":"Entra group display name (or object id). It is synced into the account group of the same name with the default settings.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["Data Engineers"]},{"description":"An Entra group with its own settings. Entitlements and members-only do not apply at the account level.","type":"object","additionalProperties":false,"required":["entra"],"properties":{"entra":{"description":"Entra group display name (one line, at most 256 characters) or object id.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["Data Analysts"]},"databricks":{"description":"Name of the target account group. Defaults to the Entra group\'s name.","type":"string","minLength":1,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["data-analysts"]},"removal":{"$ref":"#/definitions/removal"},"nested":{"$ref":"#/definitions/nested"}}}]},"workspacePermission":{"description":"What an assigned account group may do in the workspace. `USER`: use the workspace. `ADMIN`: workspace admin.","type":"string","enum":["USER","ADMIN"],"default":"USER"},"accountGroupAssignment":{"description":"An account group assigned to the workspace: its name (it gets the USER permission), or a mapping with `group` and `permission`.","oneOf":[{"description":"Account group name (the Databricks name, e.g. the `databricks` name of an `account.groups` entry). It gets the USER permission.","type":"string","minLength":1,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["data-engineers"]},{"description":"An account group and the permission it gets in the workspace.","type":"object","additionalProperties":false,"required":["group"],"properties":{"group":{"description":"Account group name (the Databricks name, e.g. the `databricks` name of an `account.groups` entry).","type":"string","minLength":1,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["data-engineers"]},"permission":{"$ref":"#/definitions/workspacePermission"},"entitlements":{"description":"`account.identity: aim` only: the workspace entitlements the group gets directly in this workspace (set exactly, through the account\'s workspace assignments). Left out, its entitlements are not managed.","$ref":"#/definitions/entitlements"}}}]},"accountPrincipal":{"description":"An Entra principal resolved in the account: its reference (a string), or a mapping with `entra` and its own settings.","oneOf":[{"description":"Service principal: display name, application id or object id. User: user principal name or object id.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["etl-orchestrator"]},{"description":"An Entra principal with its own settings.","type":"object","additionalProperties":false,"required":["entra"],"properties":{"entra":{"description":"Service principal: display name, application id or object id. User: user principal name or object id.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["etl-orchestrator"]},"removal":{"$ref":"#/definitions/removal"}}}]},"servicePrincipalAssignment":{"description":"A service principal of `account.service-principals` assigned to the workspace: its reference as listed there (it gets the USER permission), or a mapping with `service-principal` and `permission`.","oneOf":[{"description":"The service principal as `account.service-principals` lists it. It gets the USER permission.","type":"string","minLength":1,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["etl-orchestrator"]},{"description":"A service principal and the permission it gets in the workspace.","type":"object","additionalProperties":false,"required":["service-principal"],"properties":{"service-principal":{"description":"The service principal as `account.service-principals` lists it (display name, application id or object id).","type":"string","minLength":1,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["etl-orchestrator"]},"permission":{"$ref":"#/definitions/workspacePermission"},"entitlements":{"description":"The workspace entitlements the service principal gets directly in this workspace (set exactly). Left out, they are not managed.","$ref":"#/definitions/entitlements"}}}]},"denyEntry":{"description":"One rule of the account access denylist: exactly one of `group`, `user` or `service-principal`, and `remove: true` to lift a rule this config made.","type":"object","additionalProperties":false,"properties":{"group":{"description":"Entra group display name or object id: the group and everyone in it, nested groups included, are denied.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["Data Engineers - Contractors"]},"user":{"description":"Entra user principal name or object id.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["former.employee@contoso.com"]},"service-principal":{"description":"Entra service principal display name, application id or object id.","type":"string","minLength":1,"maxLength":256,"pattern":"^[^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*[^\\\\s\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F][^\\\\u0000-\\\\u001F\\\\u007F-\\\\u009F\\\\u2028\\\\u2029]*$","examples":["legacy-etl"]},"remove":{"description":"Lift this rule: the action deletes it when it exists (then the entry can go). Without it, a rule whose entry is deleted from the config stays in the account.","type":"boolean","default":false}}},"provisioning":{"description":"Settings for the provision-app command, which sets up the Azure Databricks SCIM Provisioning Connector enterprise app for this workspace. Needs `token-secret`.","type":"object","additionalProperties":false,"properties":{"app-name":{"description":"Display name of the enterprise app. Defaults to `Azure Databricks SCIM - <workspace name>`.","type":"string","minLength":1,"examples":["Azure Databricks SCIM - analytics-prod"]},"notification-email":{"description":"Email address that gets provisioning failure notifications.","type":"string","format":"email","examples":["platform@contoso.com"]}}}}}');
// EXTERNAL MODULE: ./src/config/source.ts
var source = __webpack_require__(79397);
// EXTERNAL MODULE: ./src/config/text.ts
var config_text = __webpack_require__(97235);
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
    /^\/account\/(id|host|max-deletions|rate-limits)$/,
    /^\/defaults\/max-deletions$/,
    /^\/workspaces\/\d+\/(name|host|workspace-id|token-secret|azure-resource-id|max-deletions|rate-limits)$/,
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
    const suggestion = (0,config_text/* didYouMean */.au)(key, allowed);
    if (suggestion && suggestion !== key)
        return `unknown key "${key}"; did you mean "${suggestion}"?`;
    const here = PLACES.find((p) => p.schemaPath === schemaPath)?.here;
    const elsewhere = PLACES.filter((p) => p.elsewhere !== false && p.schemaPath !== schemaPath && propertiesOf(p.schemaPath).includes(key));
    if (here && elsewhere.length > 0) {
        return `unknown key "${key}" ${here}; "${key}" can be set in ${(0,config_text/* listOf */.c3)(elsewhere.map((p) => p.label)).replace(/ and /, ' or ')}`;
    }
    const extensions = schemaAt(schemaPath)?.patternProperties ? ' (and x-… keys for YAML anchors)' : '';
    return `unknown key "${key}"; the keys allowed here are ${(0,config_text/* listOf */.c3)(allowed)}${extensions}`;
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
        return `must be one of ${(0,config_text/* listOf */.c3)(allowed).replace(/ and /, ' or ')}, not ${(0,config_text/* kindOf */.I)(value)}`;
    const example = Array.isArray(schema?.examples) && typeof schema.examples[0] === 'string' ? schema.examples[0] : undefined;
    let message = `must be ${TYPE_LABELS[expected] ?? expected}, not ${(0,config_text/* kindOf */.I)(value)}`;
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
    const suggestion = typeof value === 'string' ? (0,config_text/* didYouMean */.au)(value, options) : undefined;
    return (`${(0,config_text/* describeValue */.bp)(value)} is not a valid ${noun}; ` +
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
        return `${(0,config_text/* describeValue */.bp)(value)} has a line break in it; a group name is one line, so remove the line break (a "|" or ">" block, or \\n in double quotes, makes one)`;
    }
    if (control === '\u2028' || control === '\u2029') {
        return `${(0,config_text/* describeValue */.bp)(value)} has the invisible line separator ${code} in it (often pasted from a document); a group name is one line, so retype it`;
    }
    return `${(0,config_text/* describeValue */.bp)(value)} has the control character ${code} in it; a group name cannot contain control characters, so remove it`;
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
            const position = (0,source/* locate */.x5)(parsed, keyPath, 'key');
            return {
                ...position,
                key: (0,config_text/* formatPath */.jV)(keyPath),
                message: (0,config_text.at)(path, unknownKeyMessage(key, parentSchema)),
                severity: 'error'
            };
        }
        case 'required': {
            const key = String(params.missingProperty);
            const hint = REQUIRED_HINTS[key] ?? `add "${key}:"`;
            const position = (0,source/* locate */.x5)(parsed, path, 'value');
            return {
                ...position,
                key: (0,config_text/* formatPath */.jV)([...path, key]),
                message: (0,config_text.at)(path, `missing required key "${key}"; ${hint}`),
                severity: 'error'
            };
        }
        case 'type':
            return (0,source/* problemAt */.l4)(parsed, path, 'value', typeMessage(String(params.type), value, last, resolve(path, parsed.data).schema));
        case 'enum':
            return (0,source/* problemAt */.l4)(parsed, path, 'value', enumMessage(path, value, params.allowedValues ?? []));
        case 'uniqueItems': {
            const later = Math.max(Number(params.i), Number(params.j));
            const earlier = Math.min(Number(params.i), Number(params.j));
            const item = valueAt(parsed.data, [...path, later]);
            return (0,source/* problemAt */.l4)(parsed, [...path, later], 'value', `${(0,config_text/* describeValue */.bp)(item)} is already listed (item ${earlier + 1} of ${String(last)}); list each value once`);
        }
        case 'minLength':
            return (0,source/* problemAt */.l4)(parsed, path, 'value', 'must not be empty');
        case 'maxLength':
            return (0,source/* problemAt */.l4)(parsed, path, 'value', `is ${typeof value === 'string' ? [...value].length : 'too many'} characters long; an Entra group name has at most ${String(params.limit)} characters, so use the group's exact display name or its object id`);
        case 'pattern': {
            const control = typeof value === 'string' ? controlCharacter(value) : undefined;
            if (control !== undefined)
                return (0,source/* problemAt */.l4)(parsed, path, 'value', controlCharacterMessage(value, control));
            if (typeof value === 'string' && value.trim() === '')
                return (0,source/* problemAt */.l4)(parsed, path, 'value', 'is only whitespace; a group name needs its visible characters: use the exact Entra display name or the object id');
            return (0,source/* problemAt */.l4)(parsed, path, 'value', `${(0,config_text/* describeValue */.bp)(value)} ${error.message ?? 'is not valid'}`);
        }
        case 'oneOf': {
            const place = resolve(path, parsed.data).oneOf?.place ?? '';
            const label = ONE_OF_LABELS[place] ?? 'a value of another kind';
            return (0,source/* problemAt */.l4)(parsed, path, 'value', `must be ${label}, not ${(0,config_text/* kindOf */.I)(value)}`);
        }
        default:
            return (0,source/* problemAt */.l4)(parsed, path, 'value', `${(0,config_text/* describeValue */.bp)(value)} ${error.message ?? 'is not valid'}`);
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


/***/ }),

/***/ 41032:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dv: () => (/* binding */ selectTargets),
/* harmony export */   QV: () => (/* binding */ ACCOUNT_TARGET)
/* harmony export */ });
/* unused harmony export selectWorkspaces */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97235);
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
        const suggestion = (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .didYouMean */ .au)(name, known);
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


/***/ }),

/***/ 79397:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PJ: () => (/* binding */ parseSource),
/* harmony export */   aO: () => (/* binding */ scalarSource),
/* harmony export */   g$: () => (/* binding */ tooLarge),
/* harmony export */   l4: () => (/* binding */ problemAt),
/* harmony export */   pB: () => (/* binding */ MAX_CONFIG_FILE_BYTES),
/* harmony export */   x5: () => (/* binding */ locate)
/* harmony export */ });
/* unused harmony exports MAX_ALIAS_COUNT, positionOfOffset, nodeAt */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(97235);
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
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(key))
        return typeof key.value === 'symbol' ? (key.value.description ?? '') : String(key.value);
    if (key === null || key === undefined)
        return '';
    return typeof key === 'object' ? undefined : String(key);
}
/** The pair for `key` in a map, looking through `<<` merge keys too. */
function findPair(map, key, doc, depth = 0) {
    if (depth > 10)
        return undefined;
    const resolved = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(map) ? map.resolve(doc) : map;
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(resolved))
        return undefined;
    const own = resolved.items.find((p) => scalarKey(p) === key);
    if (own)
        return own;
    for (const p of resolved.items) {
        if (scalarKey(p) !== '<<')
            continue;
        const sources = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(p.value) ? p.value.items : [p.value];
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
        const node = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(current) ? current.resolve(doc) : current;
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
            const pair = findPair(node, String(segment), doc);
            if (!pair)
                return positionOfOffset(parsed, valueOffset ?? keyOffset);
            keyOffset = start(pair.key) ?? keyOffset;
            current = pair.value;
            valueOffset = start(pair.value);
        }
        else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node) && typeof segment === 'number' && segment < node.items.length) {
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
        const node = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(current) ? current.resolve(doc) : current;
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
            const pair = findPair(node, String(segment), doc);
            if (!pair)
                return undefined;
            current = pair.value;
        }
        else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node) && typeof segment === 'number' && segment < node.items.length) {
            current = node.items[segment];
        }
        else {
            return undefined;
        }
    }
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(current) ? current.resolve(doc) : current;
}
/** A scalar as written in the file: `6234138917436195` exactly, where the number read from it may be rounded. */
function scalarSource(parsed, path) {
    const node = nodeAt(parsed, path);
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && typeof node.source === 'string' ? node.source : undefined;
}
/** A problem at `path` in this file; the message is prefixed with the key path. */
function problemAt(parsed, path, target, message, severity = 'error') {
    return problem(parsed.file, locate(parsed, path, target), (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .jV)(path), (0,_text_js__WEBPACK_IMPORTED_MODULE_1__.at)(path, message), severity);
}
/** Every map entry of the document with the path of its map (aliases are not followed). */
function* pairs(node, path = []) {
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
        for (const pair of node.items) {
            yield { pair, siblings: node.items, path };
            const key = scalarKey(pair);
            if (key !== undefined)
                yield* pairs(pair.value, [...path, key]);
        }
    }
    else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node)) {
        for (const [index, item] of node.items.entries())
            yield* pairs(item, [...path, index]);
    }
    else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(node)) {
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
            return problem(parsed.file, position, (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .jV)([...visit.path, name]), (0,_text_js__WEBPACK_IMPORTED_MODULE_1__.at)(visit.path, `duplicate key "${name}"${firstLine}; a key may appear only once in a mapping, remove one of them`), 'error');
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
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node))
        return start(node);
    const items = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node) ? node.items : (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(node) ? [node.key, node.value] : [];
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
            parsed: { file, lineCounter: new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN() },
            problems: [problem(file, { line: 1, column: 1 }, '', message)]
        };
    }
}
function parse(file, text) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const parsed = { file, lineCounter };
    const problems = [];
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_CONFIG_FILE_BYTES) {
        problems.push(tooLarge(file, bytes));
        return { parsed, problems };
    }
    const docs = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseAllDocuments */ .hR)(text, {
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
    if (!doc || doc.contents === null || ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(doc.contents) && doc.contents.value === null)) {
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
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(doc.contents)) {
        const kind = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(doc.contents) ? 'a list' : (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(doc.contents) ? 'an alias' : 'a single value';
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


/***/ }),

/***/ 97235:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ kindOf),
/* harmony export */   at: () => (/* binding */ at),
/* harmony export */   au: () => (/* binding */ didYouMean),
/* harmony export */   bp: () => (/* binding */ describeValue),
/* harmony export */   c3: () => (/* binding */ listOf),
/* harmony export */   jV: () => (/* binding */ formatPath)
/* harmony export */ });
/* harmony import */ var fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(21916);
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
    const best = (0,fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__/* .closest */ .kp)(lower, [...candidates]);
    const limit = Math.max(2, Math.floor(best.length / 3));
    if ((0,fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__/* .distance */ .Io)(lower, best) <= limit)
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


/***/ }),

/***/ 36799:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  J6: () => (/* binding */ DEFAULT_ACCOUNT_HOST),
  iF: () => (/* binding */ configMaxDeletions),
  dy: () => (/* binding */ configWorkspaceId),
  Ii: () => (/* binding */ hasUnsupportedVersion),
  jq: () => (/* binding */ isForeign),
  OV: () => (/* binding */ normalizeOrigin),
  kc: () => (/* binding */ validateFiles),
  J4: () => (/* binding */ workspaceIdFromHost)
});

// UNUSED EXPORTS: ACCOUNT_HOSTS, KEY_VAULT_DOMAINS, SUPPORTED_VERSIONS, WORKSPACE_DOMAINS, hostIssue, maxDeletionsIssue, secretIdIssue

// EXTERNAL MODULE: ./src/net.ts
var net = __webpack_require__(88316);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(72020);
// EXTERNAL MODULE: ./src/config/select.ts
var config_select = __webpack_require__(41032);
// EXTERNAL MODULE: ./src/util/guid.ts
var guid = __webpack_require__(22519);
// EXTERNAL MODULE: ./src/config/azure-resource-id.ts
var azure_resource_id = __webpack_require__(28978);
// EXTERNAL MODULE: ./src/core/deny-rules.ts
var deny_rules = __webpack_require__(62611);
// EXTERNAL MODULE: ./src/config/source.ts
var config_source = __webpack_require__(79397);
// EXTERNAL MODULE: ./src/config/text.ts
var config_text = __webpack_require__(97235);
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
            problems.push((0,config_source/* problemAt */.l4)(parsed, path, 'value', `${label} ${(0,config_text/* describeValue */.bp)(found.ref)} is already listed at ${where(first.position, parsed)} (${first.label}); list each once`));
        }
        else {
            seen.set(found.ref.toLowerCase(), { position: (0,config_source/* locate */.x5)(parsed, path, 'value'), label: (0,config_text/* formatPath */.jV)(path) });
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
            first = { value: block.identity, position: (0,config_source/* locate */.x5)(parsed, ['account', 'identity'], 'value') };
        else if (first.value !== block.identity) {
            problems.push((0,config_source/* problemAt */.l4)(parsed, ['account', 'identity'], 'value', `${(0,config_text/* describeValue */.bp)(block.identity)} differs from the account's identity "${first.value}" set at ${where(first.position, parsed)}; set it in one file only`));
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
            problems.push((0,config_source/* problemAt */.l4)(parsed, path, 'value', keys.length === 0
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
            problems.push((0,config_source/* problemAt */.l4)(parsed, [...path, key], 'value', `${key} ${(0,config_text/* describeValue */.bp)(ref)} is already in the denylist at ${where(first.position, parsed)} (${first.label}); list each once`));
            continue;
        }
        seen.set(id, { position: (0,config_source/* locate */.x5)(parsed, [...path, key], 'value'), label: (0,config_text/* formatPath */.jV)(path) });
        if (entry.remove === true)
            continue;
        count.rules++;
        if (count.rules === deny_rules/* MAX_ACCOUNT_DENY_RULES */.y + 1) {
            problems.push((0,config_source/* problemAt */.l4)(parsed, path, 'value', `is the ${deny_rules/* MAX_ACCOUNT_DENY_RULES */.y + 1}st rule of the denylist, and a Databricks account holds at most ${deny_rules/* MAX_ACCOUNT_DENY_RULES */.y}; deny a group that holds these principals instead of each one`));
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
                    problems.push((0,config_source/* problemAt */.l4)(parsed, ['account', key], 'key', NEEDS_AIM));
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
            problems.push((0,config_source/* problemAt */.l4)(parsed, [...path, 'databricks'], 'value', 'cannot rename the group: with identity: aim, Databricks brings the Entra group under its Entra name; remove "databricks" and use the Entra name in account-groups'));
        }
        if ('nested' in group) {
            problems.push((0,config_source/* problemAt */.l4)(parsed, [...path, 'nested'], 'key', 'has no effect with identity: aim: Databricks keeps the group’s members, nested groups included, itself; remove it', 'warning'));
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
            problems.push((0,config_source/* problemAt */.l4)(parsed, [...path, 'account-service-principals'], 'key', NEEDS_AIM));
        }
        if (Array.isArray(groups)) {
            for (const [i, entry] of groups.entries()) {
                if (isRecord(entry) && 'entitlements' in entry) {
                    problems.push((0,config_source/* problemAt */.l4)(parsed, [...path, 'account-groups', i, 'entitlements'], 'key', NEEDS_AIM));
                }
            }
        }
        return problems;
    }
    if (Array.isArray(workspace.groups) && workspace.groups.length > 0) {
        problems.push((0,config_source/* problemAt */.l4)(parsed, [...path, 'groups'], 'key', 'cannot be used when the account uses automatic identity management (account.identity: aim): Databricks brings users and group membership from Entra itself, and this action writes none through SCIM; list the Entra group under account.groups and assign it here with account-groups'));
    }
    const seen = new Map();
    problems.push(...onceEach(parsed, assigned, [...path, 'account-service-principals'], 'service-principal', seen, 'service principal'));
    if (Array.isArray(assigned)) {
        for (const [i, entry] of assigned.entries()) {
            const found = refOf(entry, 'service-principal');
            if (!found || servicePrincipals.has(found.ref.toLowerCase()))
                continue;
            problems.push((0,config_source/* problemAt */.l4)(parsed, [...path, 'account-service-principals', i, ...found.path], 'value', `${(0,config_text/* describeValue */.bp)(found.ref)} is not listed under account.service-principals; add it there (as written here) so the account resolves it`));
        }
    }
    return problems;
}

// EXTERNAL MODULE: ./src/config/max-deletions.ts
var max_deletions = __webpack_require__(69170);
// EXTERNAL MODULE: ./src/config/rate-limits.ts
var rate_limits = __webpack_require__(60415);
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
const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
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
    return (0,net/* isLoopbackHost */.cW)(url.hostname) ? `${url.protocol}//loopback:${url.port || '443'}` : url.origin;
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
        return `must be ${what} (a string), not ${(0,config_text/* kindOf */.I)(value)}; e.g. ${example}`;
    const text = value.trim();
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? parseUrl(text) : undefined;
    if (!url) {
        const guess = parseUrl(`https://${text}`);
        return guess && /^[\w.-]+(:\d+)?\/?$/.test(text)
            ? `${(0,config_text/* describeValue */.bp)(value)} must be an https URL; write "https://${text.replace(/\/$/, '')}"`
            : `${(0,config_text/* describeValue */.bp)(value)} is not a URL; set ${what}, e.g. ${example}`;
    }
    const loopback = (0,net/* isLoopbackHost */.cW)(url.hostname);
    if (url.username || url.password) {
        // The value is not repeated: what comes before the "@" may be a password.
        return `has a user name or password before "@"; the action signs in with tokens, never with credentials in a URL: write "https://${url.host}"`;
    }
    if (url.protocol !== 'https:') {
        return kind === 'workspace'
            ? `${(0,config_text/* describeValue */.bp)(value)} must be an https URL of a Databricks workspace (${example})`
            : `${(0,config_text/* describeValue */.bp)(value)} must be an https URL of the Databricks account console (${example})`;
    }
    if (kind === 'workspace' && !loopback) {
        if (ACCOUNT_HOSTS.includes(url.hostname)) {
            return `${(0,config_text/* describeValue */.bp)(value)} is the account console, not a workspace; set the workspace URL (${example}) here and put the account console under account.host`;
        }
        if (!onDomain(url.hostname, WORKSPACE_DOMAINS)) {
            return `${(0,config_text/* describeValue */.bp)(value)} is not an Azure Databricks workspace URL; the host must end in .azuredatabricks.net, .databricks.azure.us or .databricks.azure.cn (a loopback address is allowed for local testing)`;
        }
    }
    if (kind === 'account' && !loopback && !ACCOUNT_HOSTS.includes(url.hostname)) {
        return `${(0,config_text/* describeValue */.bp)(value)} is not the Azure Databricks account console; use ${DEFAULT_ACCOUNT_HOST}`;
    }
    // Azure Databricks answers on the standard https port only; a loopback emulator has its own port.
    const suggested = loopback ? url.origin : `https://${url.hostname}`;
    if (!onlyOrigin(url)) {
        return `${(0,config_text/* describeValue */.bp)(value)} must be only the scheme and host, without path, query or fragment; write "${suggested}"`;
    }
    if (!loopback && url.port !== '') {
        const served = kind === 'workspace' ? 'workspaces' : 'the account console';
        return `${(0,config_text/* describeValue */.bp)(value)} has a port (${url.port}), but Azure Databricks serves ${served} on the standard https port only; write "${suggested}"`;
    }
    return undefined;
}
/** Why a value is not a Key Vault secret id; undefined when it is. */
function secretIdIssue(value) {
    if (value === null || value === undefined || value === '') {
        return `the value is empty; set the Key Vault secret id, e.g. ${SECRET_EXAMPLE}`;
    }
    if (typeof value !== 'string')
        return `must be a Key Vault secret id (a string), not ${(0,config_text/* kindOf */.I)(value)}; e.g. ${SECRET_EXAMPLE}`;
    const url = parseUrl(value);
    if (!url || !/^[a-z]+:\/\//i.test(value.trim())) {
        return `${(0,config_text/* describeValue */.bp)(value)} is not a Key Vault secret id; use ${SECRET_EXAMPLE}`;
    }
    const loopback = (0,net/* isLoopbackHost */.cW)(url.hostname);
    const vault = !loopback && onDomain(url.hostname, KEY_VAULT_DOMAINS);
    // Key Vault answers on the standard https port only; a loopback emulator has its own port.
    const example = vault || loopback ? `${loopback ? url.origin : `https://${url.hostname}`}/secrets/<name>` : SECRET_EXAMPLE;
    if (url.username || url.password) {
        // The value is not repeated: what comes before the "@" may be a password.
        return `the value has a user name or password before "@"; the action reads Key Vault with its own Entra sign-in, so remove them and use a Key Vault secret id, e.g. ${example}`;
    }
    if (url.protocol !== 'https:')
        return `${(0,config_text/* describeValue */.bp)(value)} must be an https Key Vault secret id, e.g. ${SECRET_EXAMPLE}`;
    if (!loopback && !vault) {
        return `${(0,config_text/* describeValue */.bp)(value)} is not a Key Vault URL; the host must be <vault>.vault.azure.net (or .vault.azure.cn, .vault.usgovcloudapi.net, .vault.microsoftazure.de), e.g. ${SECRET_EXAMPLE}`;
    }
    if (!loopback && url.port !== '') {
        return `${(0,config_text/* describeValue */.bp)(value)} has a port (${url.port}), but Key Vault answers on the standard https port only; use ${example}`;
    }
    const parts = url.pathname.replace(/\/$/, '').split('/').slice(1);
    const collection = parts[0]?.toLowerCase();
    if (collection === 'keys' || collection === 'certificates') {
        const noun = collection === 'keys' ? 'key' : 'certificate';
        return `${(0,config_text/* describeValue */.bp)(value)} is a Key Vault ${noun} id, not a secret id; store the Databricks token as a secret and use its id, e.g. ${example}`;
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
        : `${(0,config_text/* describeValue */.bp)(value)} is not a Key Vault secret id; use ${example} (optionally /<version>)`;
}
/** The problems of a `rate-limits` block under `path`, each at the key (or the block) it is about. */
function rateLimitProblems(parsed, path, value) {
    const block = [...path, 'rate-limits'];
    return (0,rate_limits/* rateLimitIssues */.C5)(value).map(({ key, at: target, message }) => (0,config_source/* problemAt */.l4)(parsed, key === undefined ? block : [...block, key], target, message));
}
/** The config's max-deletions value, or undefined when it is neither a count nor a percentage. */
function configMaxDeletions(value) {
    if (typeof value === 'number') {
        return Number.isInteger(value) && value >= 0 ? { kind: 'count', value } : undefined;
    }
    if (typeof value === 'string')
        return (0,max_deletions/* parseMaxDeletions */.P)(value);
    return undefined;
}
function maxDeletionsIssue(value) {
    if (configMaxDeletions(value) !== undefined)
        return undefined;
    const fix = 'a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)';
    if (value === null || value === undefined)
        return `the value is empty; set ${fix}`;
    return `${typeof value === 'string' || typeof value === 'number' ? (0,config_text/* describeValue */.bp)(value) : (0,config_text/* kindOf */.I)(value)} must be ${fix}`;
}
function workspaceNameIssue(value) {
    if (value === null || value === undefined || value === '') {
        return 'the value is empty; give the workspace a short unique name, e.g. analytics-prod';
    }
    if (typeof value !== 'string') {
        return typeof value === 'number' || typeof value === 'boolean'
            ? `must be a string, not ${(0,config_text/* kindOf */.I)(value)}; put it in quotes: "${String(value)}"`
            : `must be a short name (a string), not ${(0,config_text/* kindOf */.I)(value)}; e.g. analytics-prod`;
    }
    if (value.trim().toLowerCase() === config_select/* ACCOUNT_TARGET */.QV) {
        return `"${value}" is reserved: the workspace input uses it to select the Databricks account; give the workspace another name, e.g. ${value}-workspace`;
    }
    if (!WORKSPACE_NAME.test(value)) {
        return `${(0,config_text/* describeValue */.bp)(value)} may contain only letters, digits, ".", "_" and "-" (at most 64, starting with a letter or digit), because it is used in the workspace input and as the matrix job name; e.g. analytics-prod`;
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
    return `${value === null ? 'the value is empty' : `must be a number, not ${(0,config_text/* kindOf */.I)(value)}`}; set version: 1 (${supported})`;
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
            problems.push((0,config_source/* problemAt */.l4)(parsed, path, target, issue));
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
            check(['account', 'id'], typeof id === 'string' && (0,guid/* isGuid */.W)(id)
                ? undefined
                : `${typeof id === 'string' ? (0,config_text/* describeValue */.bp)(id) : (0,config_text/* kindOf */.I)(id)} must be the Databricks account id, a GUID like 00000000-0000-0000-0000-000000000000 (shown in the account console under your user name)`);
        }
        if ('host' in account)
            check(['account', 'host'], hostIssue(account.host, 'account'));
        if ('max-deletions' in account)
            check(['account', 'max-deletions'], maxDeletionsIssue(account['max-deletions']));
        if ('rate-limits' in account)
            problems.push(...rateLimitProblems(parsed, ['account'], account['rate-limits']));
    }
    if (!('workspaces' in data) && !('account' in data)) {
        problems.push((0,config_source/* problemAt */.l4)(parsed, [], 'value', 'the file declares no workspaces; add a "workspaces:" list (or an "account:" block)', 'error'));
    }
    if (Array.isArray(data.workspaces) && data.workspaces.length === 0) {
        problems.push((0,config_source/* problemAt */.l4)(parsed, ['workspaces'], 'key', 'the list is empty, so this file manages nothing; add workspaces', 'warning'));
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
        if ('rate-limits' in workspace)
            problems.push(...rateLimitProblems(parsed, path, workspace['rate-limits']));
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
                : `${typeof email === 'string' ? (0,config_text/* describeValue */.bp)(email) : (0,config_text/* kindOf */.I)(email)} is not a valid email address; e.g. platform@contoso.com`);
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
    const issue = (0,azure_resource_id/* azureResourceIdIssue */.O)(workspace['azure-resource-id']);
    if (issue)
        return [(0,config_source/* problemAt */.l4)(parsed, idPath, 'value', issue)];
    if (workspace.auth !== 'pat')
        return [];
    return [
        (0,config_source/* problemAt */.l4)(parsed, idPath, 'key', 'is used only with auth: entra (the action then sends Databricks an Azure token of its service principal, so Databricks adds it as a workspace admin); with auth: pat it is ignored: remove it, or use auth: entra', 'warning')
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
    const source = (0,config_source/* scalarSource */.aO)(parsed, path)?.trim();
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
            ? (0,config_text/* describeValue */.bp)(value)
            : (0,config_text/* kindOf */.I)(value);
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
        const issue = workspaceIdIssue(value, id, (0,config_source/* scalarSource */.aO)(parsed, idPath)?.trim());
        if (issue)
            return [(0,config_source/* problemAt */.l4)(parsed, idPath, 'value', issue)];
        if (id !== undefined && fromHost !== undefined && BigInt(id) !== BigInt(fromHost)) {
            return [
                (0,config_source/* problemAt */.l4)(parsed, idPath, 'value', `${id} differs from the workspace id ${fromHost} in the host; remove workspace-id (it is taken from the host) or correct it`)
            ];
        }
        return [];
    }
    const assigns = hasItems(workspace['account-groups']) || hasItems(workspace['account-service-principals']);
    if (!hostOk || fromHost !== undefined || !assigns)
        return [];
    return [
        {
            ...(0,config_source/* locate */.x5)(parsed, path, 'value'),
            key: (0,config_text/* formatPath */.jV)(idPath),
            message: (0,config_text.at)(path, 'workspace-id is needed to assign account groups; the host does not contain it (add workspace-id: <number from the workspace URL ?o=…>)'),
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
            problems.push((0,config_source/* problemAt */.l4)(parsed, namePath, 'value', `account group ${(0,config_text/* describeValue */.bp)(name)} is already assigned at ${validate_where(first.position, parsed)} (${first.label}); assign each account group once per workspace, with one permission (USER or ADMIN)`));
        }
        else {
            seen.set(key, { position: (0,config_source/* locate */.x5)(parsed, namePath, 'value'), label: (0,config_text/* formatPath */.jV)(itemPath) });
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
            (0,config_source/* problemAt */.l4)(parsed, path, 'value', 'no groups are listed, so nothing is synced into this workspace; add "groups:" with the Entra groups to sync', 'warning')
        ];
    }
    const groups = workspace.groups;
    if (Array.isArray(groups) && groups.length === 0) {
        return [
            (0,config_source/* problemAt */.l4)(parsed, [...path, 'groups'], 'key', 'the list is empty, so nothing is synced into this workspace; add the Entra groups to sync', 'warning')
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
                    problems.push((0,config_source/* problemAt */.l4)(parsed, targetPath, 'value', 'is ignored because members-only is true (no Databricks group is made); remove it or set members-only: false', 'warning'));
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
            problems.push((0,config_source/* problemAt */.l4)(parsed, entraPath, 'value', `Entra group ${(0,config_text/* describeValue */.bp)(entra)} is already listed at ${validate_where(firstEntra.position, parsed)} (${firstEntra.label}); ${once}`));
            continue;
        }
        seen.entra.set(entraKey, { position: (0,config_source/* locate */.x5)(parsed, entraPath, 'value'), label: (0,config_text/* formatPath */.jV)(entraPath) });
        if (membersOnly || target === undefined || target.trim() === '')
            continue;
        const targetKey = target.trim().toLowerCase();
        if ((0,core_text/* isReservedGroup */.u0)(targetKey)) {
            problems.push((0,config_source/* problemAt */.l4)(parsed, targetPath, 'value', targetPath === entraPath
                ? `${(0,config_text/* describeValue */.bp)(target)} would sync into the built-in Databricks group of that name, which this action never changes; ${typeof group === 'string' ? `write the entry as "entra: ${target}" with "databricks: <another name>"` : 'add "databricks: <another name>" to this entry'}`
                : `${(0,config_text/* describeValue */.bp)(target)} is a built-in Databricks group that this action never changes; set databricks: to another group name`));
            continue;
        }
        const firstTarget = seen.target.get(targetKey);
        if (firstTarget) {
            problems.push((0,config_source/* problemAt */.l4)(parsed, targetPath, 'value', `${targetNoun} ${(0,config_text/* describeValue */.bp)(target)} is already the target of ${firstTarget.label} (${validate_where(firstTarget.position, parsed)}); one ${targetNoun} can be fed by one Entra group only, so give one of them another "databricks:" name`));
            continue;
        }
        seen.target.set(targetKey, { position: (0,config_source/* locate */.x5)(parsed, targetPath, 'value'), label: (0,config_text/* formatPath */.jV)(itemPath) });
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
        const id = typeof block.id === 'string' && (0,guid/* isGuid */.W)(block.id) ? block.id.trim().toLowerCase() : undefined;
        const host = typeof block.host === 'string' ? (normalizeOrigin(block.host) ?? '') : DEFAULT_ACCOUNT_HOST;
        if (id !== undefined && !account) {
            account = { id, host, position: (0,config_source/* locate */.x5)(parsed, ['account'], 'key') };
        }
        else if (id !== undefined && account && account.id !== id) {
            problems.push((0,config_source/* problemAt */.l4)(parsed, ['account', 'id'], 'value', `${(0,config_text/* describeValue */.bp)(block.id)} differs from the account id "${account.id}" declared at ${validate_where(account.position, parsed)}; all config files must name the same Databricks account (declare it once)`));
        }
        else if (id !== undefined && account && account.host !== host) {
            problems.push((0,config_source/* problemAt */.l4)(parsed, ['account', 'host'], 'value', `${(0,config_text/* describeValue */.bp)(host)} differs from the account host "${account.host}" declared at ${validate_where(account.position, parsed)}; declare the account once`));
        }
        const same = id !== undefined && account?.id === id;
        const value = same ? configMaxDeletions(block['max-deletions']) : undefined;
        if (value && !max) {
            max = { value, position: (0,config_source/* locate */.x5)(parsed, ['account', 'max-deletions'], 'value') };
        }
        else if (value && max && (value.kind !== max.value.kind || value.value !== max.value.value)) {
            problems.push((0,config_source/* problemAt */.l4)(parsed, ['account', 'max-deletions'], 'value', `${(0,max_deletions/* formatMaxDeletions */.b)(value)} differs from the account's max-deletions ${(0,max_deletions/* formatMaxDeletions */.b)(max.value)} set at ${validate_where(max.position, parsed)}; set the account's max-deletions in one file only`));
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
                    position: (0,config_source/* locate */.x5)(parsed, path, 'value'),
                    label: (0,config_text/* formatPath */.jV)(path),
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
            (0,config_source/* problemAt */.l4)(parsed, [...path, 'account-groups'], 'key', 'assigning account groups needs the Databricks account, and no config file declares it; add an "account:" block with the account id (id: <GUID shown in the account console>) to a config file, or remove account-groups')
        ];
    }
    const problems = [];
    for (const { name, namePath } of assignments(workspace, path)) {
        const key = name.toLowerCase();
        const mapping = facts.renamed.get(key);
        if (!mapping || facts.targets.has(key))
            continue;
        problems.push((0,config_source/* problemAt */.l4)(parsed, namePath, 'value', `${(0,config_text/* describeValue */.bp)(name)} is the Entra name of ${mapping.label} (${validate_where(mapping.position, parsed)}), which is synced into the account group "${mapping.target}"; to assign that group write "${mapping.target}" (account-groups names account groups; if an account group named ${(0,config_text/* describeValue */.bp)(name)} exists apart from this config, ignore this warning)`, 'warning'));
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
                    problems.push((0,config_source/* problemAt */.l4)(parsed, ['workspaces', w, 'name'], 'value', `workspace ${(0,config_text/* describeValue */.bp)(name)} is already declared at ${validate_where(first.position, parsed)}; workspace names must be unique (ignoring case) across all config files, so rename or remove one`));
                }
                else {
                    names.set(key, { position: (0,config_source/* locate */.x5)(parsed, ['workspaces', w, 'name'], 'value'), label: name });
                }
            }
            const valid = typeof workspace.host === 'string' && hostIssue(workspace.host, 'workspace') === undefined;
            const host = valid ? hostKey(workspace.host) : undefined;
            const sameHost = host !== undefined && hosts.has(host);
            if (host) {
                const first = hosts.get(host);
                if (first) {
                    problems.push((0,config_source/* problemAt */.l4)(parsed, ['workspaces', w, 'host'], 'value', `${(0,config_text/* describeValue */.bp)(workspace.host)} is already the host of workspace "${first.workspace}" (${validate_where(first.position, parsed)}); declare each workspace once`));
                }
                else {
                    hosts.set(host, {
                        position: (0,config_source/* locate */.x5)(parsed, ['workspaces', w, 'host'], 'value'),
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
                    problems.push((0,config_source/* problemAt */.l4)(parsed, explicit ? idPath : ['workspaces', w, 'host'], 'value', `workspace id ${id} is already the id of workspace "${first.workspace}" (${validate_where(first.position, parsed)}); each workspace has its own id, so correct workspace-id`));
                }
                else {
                    ids.set(key, {
                        position: (0,config_source/* locate */.x5)(parsed, explicit ? idPath : ['workspaces', w, 'host'], 'value'),
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
            problems.push((0,config_source/* problemAt */.l4)(parsed, [], 'value', 'this is not a config file: it has none of the keys version, workspaces and account; if the config input matches it by mistake, narrow the pattern'));
        }
        else if (hasUnsupportedVersion(parsed)) {
            // Another format: only say so, its other keys cannot be judged by version 1 rules.
            problems.push((0,config_source/* problemAt */.l4)(parsed, ['version'], 'value', versionIssue(parsed.data.version) ?? ''));
        }
        else {
            checked.push(parsed);
            problems.push(...fileProblems(parsed));
        }
    }
    return [...problems, ...crossFileProblems(checked), ...aimProblems(checked)];
}


/***/ }),

/***/ 52650:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GU: () => (/* binding */ principalFor),
/* harmony export */   Iw: () => (/* binding */ aimIdKey),
/* harmony export */   kk: () => (/* binding */ planResolve),
/* harmony export */   v$: () => (/* binding */ aimName)
/* harmony export */ });
/* unused harmony export accountMatcher */
/* harmony import */ var _operations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86545);

/** The registry key a principal resolved in a run is recorded under (by kind: groups and principals apart). */
const aimIdKey = (externalId) => `externalId:${externalId.toLowerCase()}`;
const lower = (text) => (text ?? '').toLowerCase();
/** Finds a source principal among the account's: by externalId, else (users, service principals) by its key. */
function accountMatcher(account) {
    const byExternalId = new Map();
    const byKey = new Map();
    for (const a of account) {
        if (a.externalId)
            byExternalId.set(`${a.kind}:${lower(a.externalId)}`, a);
        // A user's name and a service principal's application id are unique in the account and stand for the same
        // Entra object: account SCIM keeps no externalId on users at all.
        if (a.kind !== 'group' && a.key)
            byKey.set(`${a.kind}:${lower(a.key)}`, a);
    }
    return (found) => byExternalId.get(`${found.kind}:${lower(found.id)}`) ??
        (found.kind !== 'group' && found.key ? byKey.get(`${found.kind}:${lower(found.key)}`) : undefined);
}
/** How a source principal is named in plans: a user by its user principal name, others by their display name. */
const aimName = (found) => (found.kind === 'user' ? found.key : undefined) || found.displayName || found.key || found.id;
/** The listed principals (each object once, however many entries name it) and a resolve for each one not there. */
function planResolve(wanted, account) {
    const match = accountMatcher(account);
    const byObject = new Map();
    for (const w of wanted) {
        const key = `${w.kind}:${lower(w.found.id)}`;
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
    operations.sort(_operations_js__WEBPACK_IMPORTED_MODULE_0__/* .compareOperations */ .IQ);
    return { operations, principals };
}
/** The listed principal a workspace entry names: by a config reference or by the source's name (any case). */
function principalFor(principals, kind, ref) {
    const r = lower(ref);
    const ofKind = principals.filter((p) => p.kind === kind);
    return (ofKind.find((p) => p.refs.some((x) => lower(x) === r)) ??
        ofKind.find((p) => lower(p.externalId) === r || lower(p.key) === r) ??
        ofKind.find((p) => lower(p.name) === r));
}


/***/ }),

/***/ 62611:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ planDenyRules),
/* harmony export */   y: () => (/* binding */ MAX_ACCOUNT_DENY_RULES)
/* harmony export */ });
/* harmony import */ var _operations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86545);

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
    operations.sort(_operations_js__WEBPACK_IMPORTED_MODULE_0__/* .compareOperations */ .IQ);
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


/***/ }),

/***/ 86545:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HM: () => (/* binding */ portOf),
/* harmony export */   IQ: () => (/* binding */ compareOperations),
/* harmony export */   R8: () => (/* binding */ describeOperation),
/* harmony export */   RY: () => (/* binding */ removalsOf),
/* harmony export */   UU: () => (/* binding */ aimKindLabel),
/* harmony export */   ZG: () => (/* binding */ PHASES),
/* harmony export */   hU: () => (/* binding */ phaseOf),
/* harmony export */   hz: () => (/* binding */ PORTS),
/* harmony export */   tf: () => (/* binding */ kindLabel)
/* harmony export */ });
/* unused harmony exports OPERATIONS, descriptorOf, OPERATION_ORDER, operationSortKey */
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


/***/ }),

/***/ 72020:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dG: () => (/* binding */ ADMINS_GROUP),
/* harmony export */   n6: () => (/* binding */ compareText),
/* harmony export */   u0: () => (/* binding */ isReservedGroup),
/* harmony export */   wC: () => (/* binding */ describePrincipal)
/* harmony export */ });
/* unused harmony export RESERVED_GROUP_NAMES */
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


/***/ }),

/***/ 88316:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ET: () => (/* binding */ redirectTarget),
/* harmony export */   Hl: () => (/* binding */ requestTimeoutMs),
/* harmony export */   Rt: () => (/* binding */ untrustedCertificateFix),
/* harmony export */   YA: () => (/* binding */ seconds),
/* harmony export */   Zc: () => (/* binding */ DEFAULT_REQUEST_TIMEOUT_MS),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   rd: () => (/* binding */ networkFailure)
/* harmony export */ });
/* unused harmony export REQUEST_TIMEOUT_ENV */
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


/***/ }),

/***/ 91905:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ notSent)
/* harmony export */ });
/**
 * A write's error that says its request never left the runner because the run was cancelled (it waited for its pacing
 * slot): the operation was not made, and stays planned for the next run rather than counting as failed.
 */
function notSent(error) {
    return typeof error === 'object' && error !== null && error.notSent === true;
}


/***/ }),

/***/ 856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ annotate)
/* harmony export */ });
/* unused harmony export MAX_ANNOTATIONS */
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27194);

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
        const message = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(p.message);
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


/***/ }),

/***/ 99000:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fo: () => (/* binding */ relativeGraphLink),
/* harmony export */   h: () => (/* binding */ graphPages),
/* harmony export */   s$: () => (/* binding */ readAllPages)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
// Graph paging, the one loop every Graph list read uses: it follows `@odata.nextLink` only within the configured
// Graph origin and version root, so a page can never send the bearer token (or the read) to another host.

/** A next or delta link as a URL relative to the version root; a link to another host is refused, never followed. */
function relativeGraphLink(endpoint, link) {
    const base = new URL(endpoint);
    const url = new URL(link, base);
    const version = /^\/(v1\.0|beta)(\/.*)$/.exec(url.pathname);
    if (url.origin !== base.origin || !version) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Microsoft Graph returned a next link outside ${base.origin}/v1.0; it was not followed.`);
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('Microsoft Graph answered a list without a value array.');
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


/***/ }),

/***/ 90921:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E8: () => (/* binding */ graphTimeoutMs),
/* harmony export */   hq: () => (/* binding */ GraphRedirectRefused),
/* harmony export */   xj: () => (/* binding */ graphMiddleware)
/* harmony export */ });
/* unused harmony exports DEFAULT_GRAPH_TIMEOUT_MS, GRAPH_TIMEOUT_ENV, timeoutError, seconds, GraphRequestGuard */
/* harmony import */ var _microsoft_microsoft_graph_client__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11899);
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
    return new DOMException(`no answer within ${seconds(timeoutMs)}`, 'TimeoutError');
}
const seconds = (ms) => `${Math.round(ms / 100) / 10} s`;
/** Statuses whose Response must have no body (the Fetch standard's null body statuses). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
/**
 * A 3xx answer, not followed. A GraphClientError, which the client passes through as it is (a GraphError it would
 * build from an answer without a JSON error body loses the headers, and with them the Location).
 */
class GraphRedirectRefused extends _microsoft_microsoft_graph_client__WEBPACK_IMPORTED_MODULE_0__/* .GraphClientError */ .qF {
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
        new _microsoft_microsoft_graph_client__WEBPACK_IMPORTED_MODULE_0__/* .AuthenticationHandler */ .zA(auth),
        new _microsoft_microsoft_graph_client__WEBPACK_IMPORTED_MODULE_0__/* .RetryHandler */ .Z$(new _microsoft_microsoft_graph_client__WEBPACK_IMPORTED_MODULE_0__/* .RetryHandlerOptions */ .Rz()),
        new GraphRequestGuard(options),
        new _microsoft_microsoft_graph_client__WEBPACK_IMPORTED_MODULE_0__/* .TelemetryHandler */ .MD(),
        new _microsoft_microsoft_graph_client__WEBPACK_IMPORTED_MODULE_0__/* .HTTPMessageHandler */ .eg()
    ];
}


/***/ }),

/***/ 27006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ay: () => (/* binding */ GraphDirectory),
  Ln: () => (/* binding */ MEMBER_PAGE_SIZE),
  Sm: () => (/* binding */ MEMBER_SELECT),
  Cw: () => (/* binding */ createGraphClient),
  KL: () => (/* binding */ explainGraphError),
  TW: () => (/* binding */ odataString),
  kI: () => (/* binding */ toEntraPrincipal),
  fw: () => (/* binding */ toUnsupported)
});

// EXTERNAL MODULE: ./node_modules/@microsoft/microsoft-graph-client/lib/src/index.js
var src = __webpack_require__(11899);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/net.ts
var net = __webpack_require__(88316);
// EXTERNAL MODULE: ./src/util/guid.ts
var guid = __webpack_require__(22519);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./src/sources/entra/graph-transport.ts
var graph_transport = __webpack_require__(90921);
// EXTERNAL MODULE: ./src/util/retry.ts
var retry = __webpack_require__(4266);
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
    return new errors/* ActionError */.lZ('The run was cancelled while reading Microsoft Graph: the read was not finished, so nothing was changed from it.');
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
        this.policy = (0,retry/* retryPolicy */.Jb)(options.policy);
        this.budget = new retry/* RetryBudget */.Km(this.policy.budgetMs);
        this.wait = options.sleep ?? ((ms, signal) => (0,promises_.setTimeout)(ms, undefined, signal ? { signal } : {}));
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
        const status = error instanceof src/* GraphError */.h9 ? error.statusCode : error instanceof graph_transport/* GraphRedirectRefused */.hq ? error.status : 0;
        if ((status > 0 && !retry/* RETRYABLE_STATUS */.Uz.has(status)) || (status <= 0 && this.signInFailed())) {
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
        const decision = (0,retry/* decideRetry */.tE)(kind, step, (0,retry/* retryAfterMs */.Vs)(retryAfter), this.policy, this.budget, this.random);
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

// EXTERNAL MODULE: ./src/sources/entra/graph-pages.ts
var graph_pages = __webpack_require__(99000);
// EXTERNAL MODULE: ./src/sources/entra/limited-members.ts
var limited_members = __webpack_require__(3601);
// EXTERNAL MODULE: ./src/sources/entra/resolve.ts
var resolve = __webpack_require__(15861);
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
                throw new errors/* ActionError */.lZ(`Entra ID returned no token for ${this.scope}.`);
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
        middleware: (0,graph_transport/* graphMiddleware */.xj)(auth, options),
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
            if ((0,guid/* isGuid */.W)(ref)) {
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
            const group = (0,resolve/* exactlyOneGroup */.q)(ref, await this.findGroups(ref));
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
                    if ((0,limited_members/* isLimited */.lU)(principal))
                        limited.push(principal);
                    else
                        members.push(this.intern(principal));
                }
                // A member Graph would not describe is never left out as if absent: the whole read fails.
                if (limited.length > 0)
                    throw (0,limited_members/* limitedMembersError */._T)(limited, doing, this.identity);
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
        return (0,graph_pages/* graphPages */.h)((u) => this.reader.get(u), this.graph.endpoint, url);
    }
    /** Why the last token request failed, if it did (for explainGraphError). */
    signInError() {
        return this.graph.signInError();
    }
    /** A next or delta link as a URL relative to the version root; a link to another host is refused, never followed. */
    relative(link) {
        return (0,graph_pages/* relativeGraphLink */.fo)(this.graph.endpoint, link);
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
    if (error instanceof errors/* ActionError */.lZ)
        return error;
    // No HTTP status: the request never left, because signing in failed.
    if (error instanceof src/* GraphError */.h9 && error.statusCode === -1 && signInError instanceof Error)
        return signInError;
    if (error instanceof graph_transport/* GraphRedirectRefused */.hq)
        return redirectRefused(error.status, error.location, doing);
    if (error instanceof src/* GraphError */.h9 && error.statusCode >= 300 && error.statusCode < 400) {
        // A $batch step answered with a redirect: not followed either.
        return redirectRefused(error.statusCode, error.headers?.get('location') ?? undefined, doing);
    }
    if (error instanceof src/* GraphError */.h9 && error.code === 'TimeoutError') {
        return new errors/* ActionError */.lZ(`Microsoft Graph did not answer while ${doing}: ${error.message || 'no answer in time'}, also when the read was tried again. Nothing was changed from this read.`, 'Microsoft Graph was slow or unreachable from the runner; run the workflow again later.');
    }
    if (error instanceof src/* GraphError */.h9 && error.statusCode > 0) {
        const what = `Microsoft Graph answered ${error.statusCode} ${error.code ?? ''} while ${doing}`.replace(/\s+/g, ' ');
        if (error.statusCode === 403) {
            return new errors/* ActionError */.lZ(`${what}: ${error.message}`, `Grant ${identity} the Microsoft Graph application permission GroupMember.Read.All (and User.Read.All, Application.Read.All) with admin consent.`);
        }
        if (error.statusCode === 401) {
            return new errors/* ActionError */.lZ(`${what}: ${error.message}`, 'Check graph-endpoint matches the cloud of authority-host.');
        }
        if (error.statusCode === 429 || error.statusCode === 503 || error.statusCode === 504) {
            return new errors/* ActionError */.lZ(`${what}: ${error.message}`, "Microsoft Graph was still throttling or unavailable after the client's retries; run the workflow again later.");
        }
        return new errors/* ActionError */.lZ(`${what}: ${error.message}`);
    }
    const message = error instanceof src/* GraphError */.h9 ? networkFailure(error) : error instanceof Error ? error.message : String(error);
    return new errors/* ActionError */.lZ(`Microsoft Graph request failed while ${doing}: ${message.split('\n')[0]}`);
}
/**
 * A redirect from "Graph": never followed (graph-transport.ts), so nothing went to where it points; the error names
 * that host (its origin only: the rest of the header is the answerer's text) and what to check.
 */
function redirectRefused(status, location, doing) {
    return new errors/* ActionError */.lZ(`Microsoft Graph answered ${status} while ${doing}, redirecting to ${(0,net/* redirectTarget */.ET)(location)}. ` +
        'The action does not follow redirects from Graph: it sent nothing there (no request, no token) and used ' +
        'nothing from this answer. Nothing was changed from this read.', "Check that the graph-endpoint input is Microsoft Graph's endpoint for your cloud (https://graph.microsoft.com " +
        "or your national cloud's) and that no proxy between the runner and Graph rewrites its answers.");
}
/** A request that got no answer (connection refused or dropped, TLS, DNS): the client keeps the cause in body. */
function networkFailure(error) {
    const body = error.body;
    const base = typeof body === 'object' && body !== null ? body : undefined;
    const message = error.message || (typeof base?.message === 'string' ? base.message : '') || String(body ?? '');
    const cause = typeof base?.cause === 'object' && base.cause !== null ? base.cause.message : undefined;
    const text = typeof cause === 'string' && cause && !message.includes(cause) ? `${message} (${cause})` : message;
    return text || 'no answer (the connection failed)';
}


/***/ }),

/***/ 3601:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _T: () => (/* binding */ limitedMembersError),
/* harmony export */   lU: () => (/* binding */ isLimited)
/* harmony export */ });
/* unused harmony export MEMBER_READ_PERMISSION */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
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
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Microsoft Graph returned ${counts.join(' and ')} with only an object id while ${doing}: ${identity} may list ` +
        `group members but not read ${kinds.map((k) => `${KIND_NAMES[k]}s (${MEMBER_READ_PERMISSION[k]})`).join(' or ')}, so these members cannot be ` +
        'matched to Databricks identities. The group was not synced and nothing was removed.', `Grant ${identity} the Microsoft Graph application permission ${permissions.join(' and ')} (or Directory.Read.All) ` +
        'with admin consent: Entra admin center > App registrations > the app > API permissions > Add a permission > ' +
        'Microsoft Graph > Application permissions, then "Grant admin consent for <tenant>".');
}


/***/ }),

/***/ 15861:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ exactlyOneGroup)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _util_guid_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22519);
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
        throw (0,_util_guid_js__WEBPACK_IMPORTED_MODULE_1__/* .isGuid */ .W)(ref)
            ? new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Entra group with object id ${ref}${where} does not exist.`, "Check the object id in the config, or use the group's display name.")
            : new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Entra group "${ref}"${where} does not exist (no group has this display name).`, "Check the name in the config (Entra matches display names exactly, ignoring case), or use the group's object id.");
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Entra group name "${ref}"${where} matches ${found.length} groups (${found.map((g) => g.id).join(', ')}): use the object id.`, 'Set `entra:` to the object id of the group meant, since Entra group names are not unique.');
}


/***/ }),

/***/ 43731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ mapLimit)
/* harmony export */ });
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


/***/ }),

/***/ 4266:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jb: () => (/* binding */ retryPolicy),
/* harmony export */   Km: () => (/* binding */ RetryBudget),
/* harmony export */   Uz: () => (/* binding */ RETRYABLE_STATUS),
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   tE: () => (/* binding */ decideRetry)
/* harmony export */ });
/* unused harmony exports DEFAULT_RETRY_POLICY, backoffMs */
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


/***/ }),

/***/ 20507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ insertSorted)
/* harmony export */ });
// Keeping a list sorted as items arrive one at a time (a binary search, then one splice).
/** Inserts `item` into `list`, kept in ascending order of `key`, after any item with the same key. */
function insertSorted(list, item, key) {
    const k = key(item);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (key(list[mid]) <= k)
            lo = mid + 1;
        else
            hi = mid;
    }
    list.splice(lo, 0, item);
}


/***/ }),

/***/ 52414:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  WN: () => (/* binding */ cancellation),
  dR: () => (/* binding */ databricksTargets),
  Jv: () => (/* binding */ signIn),
  mH: () => (/* binding */ signInSettings),
  zf: () => (/* binding */ workspaceDir)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/auth/clouds.ts
var clouds = __webpack_require__(56910);
;// CONCATENATED MODULE: ./src/auth/azure-workspace-headers.ts


const SP_MANAGEMENT_TOKEN_HEADER = 'X-Databricks-Azure-SP-Management-Token';
const WORKSPACE_RESOURCE_ID_HEADER = 'X-Databricks-Azure-Workspace-Resource-Id';
/**
 * The Azure service management resource of each cloud, picked from the workspace host's DNS zone as the Databricks SDKs
 * pick their Azure environment (databricks-sdk-go common/environment/environments.go and azure.go). Any other host (the
 * local emulators, a private domain) is taken to be in the cloud of the `cloud` input.
 */
const MANAGEMENT_RESOURCES = [
    ['.databricks.azure.us', 'https://management.core.usgovcloudapi.net/'],
    ['.databricks.azure.cn', 'https://management.core.chinacloudapi.cn/'],
    ['.azuredatabricks.net', 'https://management.core.windows.net/']
];
/** The management resource of a host in no known zone (a private domain, the emulators): the cloud input's. */
function managementResource(host, cloud = 'AzureCloud') {
    const hostname = new URL(host).hostname.toLowerCase();
    return MANAGEMENT_RESOURCES.find(([zone]) => hostname.endsWith(zone))?.[1] ?? clouds/* CLOUDS */.JJ[cloud].managementResource;
}
/**
 * The token scope of that resource. Its trailing slash stays, hence `//.default`: Azure Resource Manager expects the
 * slash in the token's audience, and Entra takes everything before the last slash as the resource (Microsoft identity
 * platform docs, "Scopes for a web API accepting v1.0 tokens").
 */
function managementScope(host, cloud) {
    return `${managementResource(host, cloud)}/.default`;
}
/**
 * The headers for a workspace with `azure-resource-id` and auth: entra; undefined otherwise (a PAT is not the service
 * principal's own token, so Databricks would have nobody to add).
 */
function azureWorkspaceHeaders(workspace, credential, cloud) {
    const resourceId = workspace.azureResourceId;
    if (!resourceId || workspace.auth !== 'entra' || !credential)
        return undefined;
    const scope = managementScope(workspace.host, cloud);
    return async () => {
        const token = await credential.getToken(scope);
        if (!token) {
            throw new errors/* ActionError */.lZ(`Entra ID returned no Azure Resource Manager token (workspace ${workspace.name}).`);
        }
        return { [WORKSPACE_RESOURCE_ID_HEADER]: resourceId, [SP_MANAGEMENT_TOKEN_HEADER]: token.token };
    };
}

// EXTERNAL MODULE: ./node_modules/@azure/identity/dist/esm/index.js + 165 modules
var esm = __webpack_require__(73016);
// EXTERNAL MODULE: ./src/auth/claims.ts
var claims = __webpack_require__(99061);
// EXTERNAL MODULE: ./src/net.ts
var net = __webpack_require__(88316);
// EXTERNAL MODULE: ./src/auth/request-guard.ts
var request_guard = __webpack_require__(89279);
;// CONCATENATED MODULE: ./src/auth/managed-identity.ts
// Sign-in as the managed identity of a self-hosted runner on an Azure VM (Azure/login's auth-type: IDENTITY), with
// @azure/identity's ManagedIdentityCredential. On a VM its tokens come from the Instance Metadata Service (IMDS,
// http://169.254.169.254/metadata/identity/oauth2/token; MSAL's Imds source, which AZURE_POD_IDENTITY_AUTHORITY_HOST
// points elsewhere). Its requests go through a guard of their own (no redirect, a short timeout per attempt, the run's
// cancellation) that makes one attempt: retries are the SDK's, as it does them for IMDS (404 and 410 while IMDS
// updates, 429 and 5xx, a refused connection), so a runner without IMDS fails in seconds with the fix.



const IMDS = {
    name: 'the Azure Instance Metadata Service (managed identity)',
    redirectFix: 'IMDS never redirects: check that no proxy on the runner intercepts 169.254.169.254 (add it to NO_PROXY) and that ' +
        'AZURE_POD_IDENTITY_AUTHORITY_HOST is not set by a step of the workflow.'
};
/** Per attempt: IMDS is on the VM's own link, so an answer that takes longer will not come. */
const IMDS_TIMEOUT_MS = 10_000;
/** Attempts per token request, the SDK's retries included. */
const IMDS_ATTEMPTS = 3;
const GITHUB_HOSTED = 'auth-type: IDENTITY works on a self-hosted runner on an Azure VM or scale set that has a managed identity; on ' +
    'GitHub-hosted runners use auth-type: SERVICE_PRINCIPAL with a federated credential (client-id).';
function managedIdentityCredential(settings, guard) {
    const credential = new esm/* ManagedIdentityCredential */.NC({
        ...(settings.clientId ? { clientId: settings.clientId } : {}),
        ...guard.sdkOptions(IMDS),
        retryOptions: { maxRetries: IMDS_ATTEMPTS - 1 }
    });
    return { credential, explain: (error) => explainManagedIdentityError(error, settings) };
}
/** A failure of the managed identity's sign-in, as what to fix. */
function explainManagedIdentityError(error, settings) {
    if (error instanceof errors/* ActionError */.lZ) {
        // The guard's own failures: nothing answered at the IMDS address, or it answered with a redirect.
        if (error instanceof request_guard/* GuardedRequestError */.k && error.kind === 'timeout') {
            return new errors/* ActionError */.lZ(`No managed identity on this runner: ${error.message}`, GITHUB_HOSTED);
        }
        return error;
    }
    const message = error instanceof Error ? error.message : String(error);
    const who = settings.clientId
        ? `the user-assigned managed identity ${settings.clientId}`
        : 'a system-assigned managed identity';
    if (/identity not found/i.test(message)) {
        return new errors/* ActionError */.lZ(`The Instance Metadata Service of this runner's VM has no ${who.replace(/^an? |^the /, '')} (Identity not found).`, settings.clientId
            ? 'Assign that identity to the VM (az vm identity assign -g <group> -n <vm> --identities <identity resource id>), or set client-id to the client id of one it has.'
            : 'Turn on the VM’s system-assigned identity (az vm identity assign -g <group> -n <vm>), or set client-id to the client id of a user-assigned identity the VM has.');
    }
    if (/network unreachable|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT/i.test(message)) {
        return new errors/* ActionError */.lZ(`No managed identity on this runner: the Instance Metadata Service did not answer.`, GITHUB_HOSTED);
    }
    const detail = (message.split('\n').find((l) => l.trim()) ?? message).replace(/^ManagedIdentityCredential:\s*/, '');
    return new errors/* ActionError */.lZ(`Sign-in as ${who} failed: ${detail}`, `Check that ${who} exists in tenant ${settings.tenantId} and is assigned to the runner's VM.`);
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
    return new errors/* ActionError */.lZ(`GitHub did not give this job an OIDC token, so it cannot sign in to Entra ID without a secret.${detail}`, 'Add `permissions: id-token: write` to the workflow or job. Pull requests from forks never get OIDC tokens: run validate without tenant-id/client-id there, or use client-secret.');
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
            throw new errors/* ActionError */.lZ(`Could not get an OIDC token from GitHub: the token service answered ${answer.status}: ${detail}`);
        }
        let value;
        try {
            value = JSON.parse(answer.text)?.value;
        }
        catch {
            value = undefined;
        }
        if (typeof value !== 'string' || value === '') {
            throw new errors/* ActionError */.lZ('Could not get an OIDC token from GitHub: its answer had no token (no `value`).');
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








/** Who the action signs in as, in messages. */
function signInIdentity(settings) {
    if (settings.kind !== 'managed-identity')
        return `app ${settings.clientId}`;
    return settings.clientId ? `managed identity ${settings.clientId}` : "the runner's system-assigned managed identity";
}
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
function createCredential(settings, oidcToken, mask, guard = new request_guard/* RequestGuard */.B(), imdsGuard = guard) {
    if (settings.kind === 'managed-identity') {
        const { credential, explain } = managedIdentityCredential(settings, imdsGuard);
        return new SharedTokenCredential(new ExplainingCredential(credential, explain, mask, { guard: imdsGuard, service: IMDS }));
    }
    const sp = settings;
    const host = new URL(settings.authorityHost).hostname;
    const entra = entraService(settings.authorityHost);
    const options = {
        authorityHost: settings.authorityHost,
        // Instance discovery only knows Microsoft's clouds; a private authority (or the emulator) must skip it.
        disableInstanceDiscovery: !PUBLIC_AUTHORITIES.has(host),
        ...guard.sdkOptions(entra)
    };
    const explain = (inner, claims) => new SharedTokenCredential(new ExplainingCredential(inner, (error, scopes) => explainSignInError(error, sp, claims(), scopes), mask, {
        guard,
        service: entra
    }));
    if (sp.clientSecret) {
        mask(sp.clientSecret);
        return explain(new esm/* ClientSecretCredential */.HC(sp.tenantId, sp.clientId, sp.clientSecret, options), () => undefined);
    }
    let lastClaims;
    let current;
    const fetchAssertion = singleFlight(async () => {
        let token;
        try {
            token = await oidcToken(sp.audience);
        }
        catch (error) {
            throw oidcUnavailable(error);
        }
        mask(token);
        lastClaims = (0,claims/* publicClaims */.X)(token);
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
    return explain(new esm/* ClientAssertionCredential */.XI(sp.tenantId, sp.clientId, getAssertion, options), () => lastClaims);
}
/** Wraps a credential so its failures read as what to fix, with the token's public claims where they matter. */
class ExplainingCredential {
    inner;
    explain;
    mask;
    requests;
    constructor(inner, explain, mask, requests) {
        this.inner = inner;
        this.explain = explain;
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
            throw this.explain(guarded ?? error, scopes);
        }
        if (!token)
            throw new errors/* ActionError */.lZ(`Entra ID returned no token for ${String(scopes)}.`);
        this.mask(token.token);
        return token;
    }
}
function oidcUnavailable(error) {
    if (error instanceof errors/* ActionError */.lZ)
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
    const tls = (0,net/* untrustedCertificateFix */.Rt)(error);
    if (tls) {
        return new errors/* ActionError */.lZ(`Could not get an OIDC token from GitHub: the TLS certificate of the token service is not trusted (${cause}).`, tls);
    }
    return new errors/* ActionError */.lZ(`Could not get an OIDC token from GitHub: ${cause}`);
}
function explainSignInError(error, settings, claims, scopes) {
    if (error instanceof errors/* ActionError */.lZ)
        return error;
    const message = error instanceof Error ? error.message : String(error);
    const inner = error instanceof Error && error.cause instanceof errors/* ActionError */.lZ ? error.cause : undefined;
    if (inner)
        return inner;
    if (message.includes('id-token: write')) {
        return new errors/* ActionError */.lZ('GitHub did not give this job an OIDC token, so it cannot sign in to Entra ID without a secret.', 'Add `permissions: id-token: write` to the workflow or job.');
    }
    const code = /AADSTS(\d+)/.exec(message)?.[1];
    const app = `app ${settings.clientId} in tenant ${settings.tenantId}`;
    const seen = claims
        ? ` The GitHub token presented: issuer "${claims.iss ?? '?'}", subject "${claims.sub ?? '?'}", audience "${claims.aud ?? '?'}".`
        : '';
    switch (code) {
        case '70021':
            return new errors/* ActionError */.lZ(`Entra ID found no federated credential on ${app} that matches this workflow (AADSTS70021).${seen}`, `In the Entra admin center, open the app registration > Certificates & secrets > Federated credentials and add one with issuer "${claims?.iss ?? 'https://token.actions.githubusercontent.com'}", subject "${claims?.sub ?? 'repo:<owner>/<repo>:ref:refs/heads/<branch>'}" and audience "${settings.audience}".`);
        case '700024':
            return new errors/* ActionError */.lZ(`Entra ID rejected the GitHub OIDC token as outside its valid time range (AADSTS700024).${seen}`, 'Check the runner clock; the action asks GitHub for a fresh token on every sign-in.');
        case '700016':
            return new errors/* ActionError */.lZ(`Entra ID has no application ${settings.clientId} in tenant ${settings.tenantId} (AADSTS700016).`, 'Check client-id and tenant-id: the app registration (or managed identity) must live in that tenant.');
        case '7000215':
        case '7000222':
            return new errors/* ActionError */.lZ(`Entra ID rejected the client secret of ${app} (AADSTS${code}).`, 'The secret is wrong or expired. Prefer a federated credential (no secret); otherwise create a new secret and update the repository secret.');
        case '90002':
            return new errors/* ActionError */.lZ(`Entra ID has no tenant ${settings.tenantId} at ${settings.authorityHost} (AADSTS90002).`, 'Check tenant-id, and authority-host for sovereign clouds.');
        case '500011':
            return new errors/* ActionError */.lZ(`Entra ID does not know the resource asked for (${String(scopes)}) in tenant ${settings.tenantId} (AADSTS500011).`, 'For Azure Databricks, the tenant needs the AzureDatabricks first-party app; check authority-host and graph-endpoint for your cloud.');
    }
    if (code) {
        return new errors/* ActionError */.lZ(`Sign-in to Entra ID as ${app} failed: ${firstLine(stripTrace(message))}`);
    }
    const tls = (0,net/* untrustedCertificateFix */.Rt)(error);
    return new errors/* ActionError */.lZ(`Sign-in to Entra ID as ${app} at ${settings.authorityHost} failed: ${firstLine(message)}`, tls ??
        'Check authority-host, and that the runner can reach it (behind a TLS-inspecting proxy, give Node its CA certificate with NODE_EXTRA_CA_CERTS).');
}
function stripTrace(message) {
    return message.replace(/\s*Trace ID:.*$/s, '');
}
function firstLine(message) {
    return (message.split('\n').find((l) => l.trim()) ?? message).trim();
}

// EXTERNAL MODULE: ./src/auth/databricks-token.ts
var databricks_token = __webpack_require__(6430);
// EXTERNAL MODULE: ./node_modules/@azure/keyvault-secrets/dist/esm/index.js + 31 modules
var dist_esm = __webpack_require__(53917);
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
    guard = new request_guard/* RequestGuard */.B()) {
        this.credential = credential;
        this.mask = mask;
        this.identity = identity;
        this.guard = guard;
    }
    read(secretId) {
        let pending = this.cache.get(secretId);
        if (!pending) {
            // Kept whether it succeeds or fails: the guard already retried what a retry can fix, and a workspace's
            // requests (paced, so they ask one after another) must not each read the vault again after a refusal.
            pending = this.fetch(secretId);
            pending.catch(() => undefined);
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
                disableChallengeResourceVerification: (0,net/* isLoopbackHost */.cW)(new URL(vaultUrl).hostname),
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
            throw new errors/* ActionError */.lZ(`Key Vault secret ${secretId} has no value.`, 'Store the Databricks token as the secret value.');
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
        throw new errors/* ActionError */.lZ(`"${secretId}" is not a Key Vault secret id.`, 'Use https://<vault>.vault.azure.net/secrets/<name>.');
    }
    const collection = url.pathname.split('/')[1];
    if (url.protocol !== 'https:' || collection !== 'secrets') {
        throw new errors/* ActionError */.lZ(`"${secretId}" is not a Key Vault secret id${collection && collection !== 'secrets' ? ` (it names a ${collection.replace(/s$/, '')})` : ''}.`, 'Use https://<vault>.vault.azure.net/secrets/<name>, the secret that holds the Databricks token.');
    }
    const parsed = (0,dist_esm/* parseKeyVaultSecretIdentifier */.Cp)(secretId);
    return { vaultUrl: parsed.vaultUrl, name: parsed.name, ...(parsed.version ? { version: parsed.version } : {}) };
}
function explainKeyVaultError(error, secretId, identity) {
    if (error instanceof errors/* ActionError */.lZ)
        return error;
    const status = error.statusCode;
    const code = error.code;
    const vault = new URL(secretId).host;
    if (status === 403) {
        return new errors/* ActionError */.lZ(`Key Vault ${vault} refused to let ${identity} read secret ${secretId} (403 ${code ?? 'Forbidden'}).`, `Grant ${identity} the "Key Vault Secrets User" role on the vault (RBAC), or a "get" secret permission in its access policy.`);
    }
    if (status === 404) {
        return new errors/* ActionError */.lZ(`Key Vault ${vault} has no secret ${secretId} (404 ${code ?? 'SecretNotFound'}).`, 'Check token-secret in the config: vault name, secret name and version.');
    }
    if (status === 401) {
        return new errors/* ActionError */.lZ(`Key Vault ${vault} did not accept the Entra token of ${identity} (401).`);
    }
    const message = error instanceof Error ? error.message : String(error);
    const tls = (0,net/* untrustedCertificateFix */.Rt)(error);
    return new errors/* ActionError */.lZ(`Reading Key Vault secret ${secretId} failed: ${message.split('\n')[0]}`, tls);
}

// EXTERNAL MODULE: ./src/isolate.ts + 1 modules
var isolate = __webpack_require__(68411);
// EXTERNAL MODULE: ./src/util/retry.ts
var retry = __webpack_require__(4266);
// EXTERNAL MODULE: ./src/secrets.ts
var src_secrets = __webpack_require__(27194);
// EXTERNAL MODULE: ./src/sources/entra/graph.ts + 1 modules
var entra_graph = __webpack_require__(27006);
// EXTERNAL MODULE: ./src/sources/entra/graph-transport.ts
var graph_transport = __webpack_require__(90921);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/targets/databricks/errors.ts
// The errors of the Databricks clients, in the service's words: ScimRequestError and its 409/404 kinds, the
// reading of an error answer's detail (SCIM, Databricks or plain text), and the description of a request that
// got no answer at all (which network failures were never sent, and which are not worth retrying). Kept apart
// from the client so callers can catch and classify failures without the request machinery.


/** A Databricks request that failed; the message names the target, method, path and the service's detail. */
class ScimRequestError extends errors/* ActionError */.lZ {
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
    notSent;
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
        this.notSent = init.notSent ?? false;
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

// EXTERNAL MODULE: ./src/util/sorted.ts
var sorted = __webpack_require__(20507);
;// CONCATENATED MODULE: ./src/targets/databricks/pacer.ts
// Adaptive pacing of a target's requests, per lane (a method, and LIST apart from GET of one resource): starts at
// known limits (or probes up from a conservative guess), learns the service's limit from a 429 and its Retry-After,
// backs off multiplicatively and recovers slowly. Independent of HTTP: it hands out slots against an injected clock
// and sleep, and reports its rate changes (`onChange`) so tests can watch them.

const LANES = (/* unused pure expression or super */ null && (['GET', 'LIST', 'POST', 'PUT', 'PATCH', 'DELETE']));
/** The account API's published write limits (PATCH 2/s, POST, PUT and DELETE 5/s). */
const ACCOUNT_WRITE_RATES = Object.freeze({
    PATCH: 2,
    POST: 5,
    PUT: 5,
    DELETE: 5
});
/**
 * The account SCIM API's published limits, reads too: GET of one resource 20/s, LIST 240 a minute (4/s), PATCH 2/s,
 * POST/PUT/DELETE 5/s (Databricks "Resource limits", API rate limits: Account SCIM API).
 */
const ACCOUNT_RATES = Object.freeze({ ...ACCOUNT_WRITE_RATES, GET: 20, LIST: 4 });
/** The account's SCIM lanes: the published limits, with those the config gives (`rate-limits`) instead. */
const accountRates = (configured = {}) => ({ ...ACCOUNT_RATES, ...configured });
/** Workspace permission assignments: PUT and DELETE at the account's write limits (or the config's). */
function assignmentRates(configured = {}) {
    const rates = accountRates(configured);
    return { PUT: rates.PUT, DELETE: rates.DELETE };
}
/**
 * Where pacing of a workspace's SCIM starts when its limits are not known, probing up from there. GET 255 a minute is
 * the one published workspace SCIM figure. Writes have none: a third-party connector spaces group PATCHes 6 s apart
 * (Privacera's Group Update Delay), but starting that low costs every small run seconds per workspace, so writes start
 * at ten times that (PATCH 100, POST/PUT/DELETE 350 a minute): a stricter workspace answers 429 within the first
 * window and the lane drops to what it admitted (e2e-pacing bounds that at a few 429s per workspace).
 */
const WORKSPACE_PROBE_RATES = Object.freeze({
    GET: 255 / 60,
    LIST: 255 / 60,
    PATCH: 100 / 60,
    POST: 350 / 60,
    PUT: 350 / 60,
    DELETE: 350 / 60
});
/** The lane of a request: LIST for a GET of a SCIM collection (`/Users`, `/Groups`, `/ServicePrincipals`). */
function laneOf(method, path) {
    const m = method.toUpperCase();
    if (m !== 'GET')
        return m;
    const bare = path.split('?')[0] ?? '';
    return /^\/(?:Users|Groups|ServicePrincipals)\/?$/.test(bare) ? 'LIST' : 'GET';
}
/** Tuning of the adaptation (exported for the tests that check it). */
const PACING = Object.freeze({
    /** While probing (no 429 yet), a lane waiting for its slot doubles its rate this often. */
    doublingMs: 200,
    /** How often a probing lane's waiting request looks again at the (growing) rate. */
    probeTickMs: 50,
    /** After a 429 the rate is this share of the learned limit. */
    safety: 0.98,
    /** The least rate a 429 leads to (requests per second): one every ten minutes. */
    minRate: 1 / 600,
    /**
     * Recovery per paced success, as a share of the learned limit: fast below it, slow probing above it; each 429
     * that confirms the learned limit (an estimate within 10% of it) makes that probing ten times slower.
     */
    recover: 0.002,
    probe: 0.00005,
    confirmSlowdown: 10,
    /** The estimate after a 429 looks back at least this many requests' time at the current rate. */
    estimateRequests: 4,
    /** Successes remembered for the estimate (start times, per lane). */
    lookbackMs: 120_000,
    /** Probing stops growing here (requests per second); a 429 below it teaches the real limit. */
    probeMax: 1000,
    /** Round trips remembered per lane, and how many it takes before the least of them is trusted (the window guard). */
    roundTrips: 32,
    roundTripsTrusted: 8
});
const NO_PACING = () => undefined;
/**
 * Requests paced per lane, two rules together:
 * - spaced starts: requests of a lane start at least 1/rate apart, one after the other in the order they asked,
 *   so the service sees an even flow instead of bursts;
 * - a window guard: a request starts only while fewer than `limit` others are in flight or finished within the
 *   last window. A request reaches the service before its answer comes back, so however much the latency varies,
 *   no window of the service ever sees more than the rate: sliding or fixed. Once a few round trips are known, a
 *   finished request counts from half the least of them before its end (its way back), not from its end.
 * And the rate adapts: a 429 sets it to what the service admitted over its Retry-After (the requests it let through
 * in the last Retry-After seconds, per second) when that is lower, then it recovers by small steps per request;
 * a lane whose limit is unknown starts at a conservative guess and doubles while requests wait, until the first 429.
 */
class Pacer {
    now;
    sleep;
    lanes = new Map();
    /** Lanes without a rate: no new request starts before this time after a 429 (the Retry-After). */
    holds = new Map();
    onChange;
    stopped;
    /** Milliseconds requests spent waiting for their slot, all together. */
    waitedMs = 0;
    constructor(known, now, sleep, options = {}) {
        this.now = now;
        this.sleep = sleep;
        this.onChange = options.onChange;
        this.stopped = options.stopped ?? (() => false);
        const add = (lane, rate, probing) => {
            if (rate === undefined)
                return;
            if (!Number.isFinite(rate) || rate <= 0)
                throw new RangeError(`rate of ${lane} must be a number > 0`);
            this.lanes.set(lane, {
                rate,
                start: rate,
                cap: probing ? Math.max(rate, PACING.probeMax) : rate,
                probing,
                learned: probing ? Infinity : rate,
                probeStep: PACING.probe,
                prevSlot: -Infinity,
                hold: -Infinity,
                cutAt: -Infinity,
                inFlight: 0,
                ends: [],
                roundTrips: [],
                admitted: [],
                queue: [],
                waiters: []
            });
        };
        for (const [lane, rate] of Object.entries(options.probe ?? {}))
            if (!(lane in known))
                add(lane, rate, true);
        for (const [lane, rate] of Object.entries(known))
            add(lane, rate, false);
    }
    paces(lane) {
        return this.lanes.has(lane);
    }
    /** The lane's current rate (requests per second), undefined when it is not paced. */
    rate(lane) {
        return this.lanes.get(lane)?.rate;
    }
    /** Waits for a slot of `lane` (at once when unpaced or free); call the answer when the request is over. */
    async acquire(lane) {
        const state = this.lanes.get(lane);
        if (!state) {
            // Unpaced, but after a 429 the others wait too, instead of each meeting its own 429.
            const hold = (this.holds.get(lane) ?? 0) - this.now();
            if (hold > 0) {
                await this.sleep(Math.ceil(hold));
                this.waitedMs += hold;
            }
            return NO_PACING;
        }
        const began = this.now();
        // One at a time: the head of the queue waits for its slot, the others for their turn.
        const turn = new Promise((resolve) => state.queue.push(resolve));
        if (state.queue.length === 1)
            state.queue[0]();
        await turn;
        const { start, waited } = await this.awaitSlot(lane, state, began);
        state.queue.shift();
        state.queue[0]?.();
        this.waitedMs += this.now() - began;
        state.inFlight++;
        let released = false;
        return (status) => {
            if (released)
                return;
            released = true;
            state.inFlight--;
            const end = this.now();
            (0,sorted/* insertSorted */.h)(state.ends, end - backLegMs(state, end - start), (t) => t);
            const limit = windowLimit(state.rate);
            if (state.ends.length > limit)
                state.ends.splice(0, state.ends.length - limit);
            if (status !== undefined && status !== 429 && status < 500)
                this.admitted(lane, state, start, end, waited);
            for (const wake of state.waiters.splice(0))
                wake();
        };
    }
    /**
     * The service throttled a request of `lane` (sent at `sentAt`, when known) and asked to wait `retryAfterMs`: no
     * new request of it starts before then, and the lane's rate goes down to what the service admitted.
     */
    throttled(lane, retryAfterMs, sentAt) {
        const now = this.now();
        this.holdUntil(lane, now + retryAfterMs);
        const state = this.lanes.get(lane);
        // One decrease per episode: the 429s of requests sent before it say nothing new.
        if (!state || (sentAt !== undefined && sentAt < state.cutAt))
            return;
        // What the service let through over the Retry-After it asks for (at least a second, and long enough to hold a few
        // requests at the current rate): under a window limit that is its limit (a full window, then a wait until the
        // oldest request leaves it).
        const windowMs = Math.max(1000, retryAfterMs, (PACING.estimateRequests * 1000) / state.rate);
        const recent = state.admitted.filter((t) => t > now - windowMs).length;
        const estimate = recent > 0 ? (recent * 1000) / windowMs : undefined;
        if (estimate === undefined) {
            // Nothing admitted lately, so nothing to learn from (a 429 that is not about this client's rate, or a storm):
            // halve, but not below half the starting rate, and keep probing if it was.
            state.cutAt = now;
            this.setRate(lane, state, Math.min(state.rate, Math.max(state.rate / 2, state.start / 2)), 'throttled');
            return;
        }
        const known = state.learned !== Infinity;
        // The 429 that ends the probing ramp measured a lane that sent as fast as the service let it (its requests were
        // waiting, which is what made it grow): as good as a confirmation, so probing above it starts slow. Otherwise each
        // lane would meet a second 429 (and wait a Retry-After out) within its first couple of thousand requests.
        if (state.probing || (known && estimate >= 0.9 * state.learned))
            state.probeStep /= PACING.confirmSlowdown;
        // A 429 near the learned limit (from probing above it) moves it a little: one estimate over a short look back
        // is noisy. One far below it (the limit went down) replaces it.
        const kept = known && estimate >= 0.5 * state.learned ? state.learned * PACING.safety : 0;
        state.learned = Math.min(state.cap, Math.max(estimate, kept));
        const to = Math.min(state.cap, Math.max(PACING.minRate, Math.min(state.rate, state.learned * PACING.safety)));
        state.probing = false;
        state.cutAt = now;
        this.setRate(lane, state, to, 'throttled');
    }
    /** No new request of `lane` starts before `until` (a retry's Retry-After). */
    holdUntil(lane, until) {
        const state = this.lanes.get(lane);
        if (state)
            state.hold = Math.max(state.hold, until);
        else
            this.holds.set(lane, Math.max(this.holds.get(lane) ?? 0, until));
    }
    /** Waits (as the head of the lane's queue) until the slot and the window allow a start; returns the start. */
    async awaitSlot(lane, state, began) {
        let waited = false;
        for (;;) {
            const t = this.now();
            if (this.stopped())
                return { start: t, waited };
            const slot = Math.max(began, state.prevSlot + 1000 / state.rate, state.hold);
            if (t < slot) {
                waited = true;
                // A probing lane looks again soon: its rate grows while it waits.
                const ms = state.probing ? Math.min(slot - t, PACING.probeTickMs) : slot - t;
                await this.sleep(Math.ceil(ms));
                if (state.probing && t >= state.hold) {
                    const grown = state.rate * 2 ** ((this.now() - t) / PACING.doublingMs);
                    this.setRate(lane, state, Math.min(state.cap, grown), 'probe');
                }
                continue;
            }
            const limit = windowLimit(state.rate);
            const windowMs = (limit / state.rate) * 1000;
            const recent = state.ends.filter((end) => end > t - windowMs);
            if (state.inFlight + recent.length < limit) {
                state.prevSlot = slot;
                return { start: t, waited };
            }
            // Full: wait until the oldest recent request leaves the window, or one in flight finishes.
            const waits = [new Promise((resolve) => state.waiters.push(resolve))];
            const oldest = recent[0];
            if (oldest !== undefined)
                waits.push(this.sleep(Math.ceil(oldest + windowMs - t)));
            waited = true;
            await Promise.race(waits);
        }
    }
    /** The service admitted a request started at `start`: remembered for the estimate, and the rate recovers. */
    admitted(lane, state, start, end, paced) {
        state.admitted.push(start);
        const old = end - PACING.lookbackMs;
        let drop = 0;
        while (drop < state.admitted.length && state.admitted[drop] <= old)
            drop++;
        if (drop > 0)
            state.admitted.splice(0, drop);
        // Only a request that waited for its slot says the rate holds the lane back.
        if (!paced || state.probing || state.learned === Infinity)
            return;
        const step = state.learned * (state.rate < state.learned ? PACING.recover : state.probeStep);
        const to = Math.min(state.cap, state.rate + step);
        if (to > state.rate)
            this.setRate(lane, state, to, 'recover');
    }
    setRate(lane, state, to, reason) {
        if (to === state.rate)
            return;
        const from = state.rate;
        state.rate = to;
        this.onChange?.({ lane, from, to, reason, at: this.now() });
    }
}
/**
 * How long before its end a request of the lane reached the service at the latest: half the least of the lane's
 * recent round trips (`roundTrip` is the newest, remembered here), taking the way back to be at least as long as the
 * way there, as clock synchronisation (NTP) does. A limit counts a request when it arrives; counting it until its
 * answer is back costs every window a whole round trip (a tenth of a one-second window at 100 ms). Zero until a few
 * round trips are known: one slow first answer (a cold connection) counts until its end.
 */
function backLegMs(state, roundTrip) {
    const trips = state.roundTrips;
    trips.push(roundTrip);
    if (trips.length > PACING.roundTrips)
        trips.shift();
    return trips.length < PACING.roundTripsTrusted ? 0 : Math.min(...trips) / 2;
}
/** Requests per window of the window guard: the rate per second as a whole number (at least 1). */
const windowLimit = (rate) => Math.max(1, Math.floor(rate));

// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
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
// per request, retries that honour Retry-After, and requests paced (pacer.ts) under the service's limits, known or
// learned from its 429s. Failures come out as the typed errors of errors.ts.







const USER_AGENT = `entra-databricks-sync/${package_namespaceObject.rE}`;
const DEFAULT_TIMEOUT_MS = net/* DEFAULT_REQUEST_TIMEOUT_MS */.Zc;
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
const CANCELLED = Symbol('cancelled');
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
        this.policy = (0,retry/* retryPolicy */.Jb)(options.retry);
        this.now = options.now ?? Date.now;
        this.budget = options.budget ?? new retry/* RetryBudget */.Km(this.policy.budgetMs, this.now);
        this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        // The default sleep's timer is cleared on cancellation, so a cancelled run's process can end at once.
        const signal = options.signal;
        const sleep = options.sleep ?? ((ms) => (0,promises_.setTimeout)(ms, undefined, signal ? { signal } : {}).catch(() => undefined));
        this.sleep = untilAborted(sleep, signal);
        this.random = options.random ?? Math.random;
        this.fetchFn = options.fetch ?? httpsTransport();
        this.onRetry = options.onRetry;
        this.signal = options.signal;
        this.writeGraceMs = options.cancelledWriteGraceMs ?? CANCELLED_WRITE_GRACE_MS;
        this.pacer = new Pacer(options.writeRates ?? {}, this.now, this.sleep, {
            ...(options.probeRates ? { probe: options.probeRates } : {}),
            ...(options.onRateChange ? { onChange: options.onRateChange } : {}),
            stopped: () => signal?.aborted ?? false
        });
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
    /** A lane's current pacing rate, requests per second (undefined when the lane is not paced). */
    paceRate(lane) {
        return this.pacer.rate(lane);
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
        const lane = laneOf(method, path);
        let attempt = 0;
        for (;;) {
            attempt++;
            const release = await this.pacer.acquire(lane);
            // Cancelled while waiting for its slot (or a held method): not sent at all.
            if (this.signal?.aborted) {
                release();
                throw this.cancelled(method, path, 0, attempt, attempt === 1);
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
                if (abort.signal.reason === CANCELLED) {
                    throw this.cancelledInFlight(method, path, attempt);
                }
                const failure = (0,net/* networkFailure */.rd)(error, this.hostFix);
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
                const decision = (0,retry/* decideRetry */.tE)('failed', counts, undefined, this.policy, this.budget, this.random);
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
            release(status);
            if (status >= 200 && status < 300)
                return parseJson(text, options.reviver);
            if (status >= 300 && status < 400)
                throw this.redirected(method, path, url, status, redirectLocation);
            if (status === 404 && options.goneAfterRetryIsSuccess && attempt > 1)
                return undefined;
            const error = parseError(text, status);
            if (attempt > 1 && options.doneAfterRetry?.(status, error))
                return undefined;
            if (retry/* RETRYABLE_STATUS */.Uz.has(status)) {
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
                const retryAfter = (0,retry/* retryAfterMs */.Vs)(retryAfterHeader);
                const decision = (0,retry/* decideRetry */.tE)(kind, counts, retryAfter, this.policy, this.budget, this.random);
                if (!decision.retry)
                    throw this.gaveUp(method, path, status, error, attempt, decision, retryAfter);
                // Throttled anyway: the other requests of this lane wait too, rather than collect 429s of their own, and
                // the lane slows down to what the service admitted.
                if (throttled)
                    this.pacer.throttled(lane, decision.delayMs, started);
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
    /**
     * A success answer that is not what the API documents (another service at the host, or a proxy's page): the typed
     * error, `answered` saying what came, with the host advice.
     */
    unexpectedAnswer(method, path, answered) {
        return new ScimRequestError({
            workspace: this.target,
            method,
            path,
            status: 200,
            detail: 'unexpected answer',
            message: `Databricks ${this.target}: ${method} ${path} answered ${answered}`,
            fix: this.hostFix
        });
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
                abort.abort(CANCELLED);
            else
                grace = setTimeout(() => abort.abort(CANCELLED), this.writeGraceMs);
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
                (write ? ` (within ${(0,net/* seconds */.YA)(this.writeGraceMs)}); the request may have been carried out.` : '.')
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
                `${(0,net/* redirectTarget */.ET)(location, url)}. The action follows no redirect: it sent nothing there (no request, no token).`,
            fix: `${this.hostFix.replace(/\.$/, '')}: it must be the ${this.target.startsWith('account ') ? 'account' : 'workspace'} URL itself, and no proxy between the runner and Databricks may rewrite its answers.`
        });
    }
    budgetText(spent = 'spent waiting') {
        return `${(0,net/* seconds */.YA)(this.budget.usedMs)} of the ${(0,net/* seconds */.YA)(this.budget.budgetMs)} retry budget ${spent}`;
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
    cancelled(method, path, status, attempt, notSent = false) {
        return new ScimRequestError({
            workspace: this.target,
            method,
            path,
            status,
            detail: 'the run was cancelled',
            attempts: attempt,
            notSent,
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
                        `${retryAfter !== undefined ? ` asking to wait ${(0,net/* seconds */.YA)(retryAfter)}` : ''}; ${spent}). Last answer: ${error.detail}`
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
/** What the account API clients share: the account id, and a JSON transport aimed at it (`target`: `account <id>`). */
class AccountApiClient {
    accountId;
    http;
    constructor(options, own) {
        this.accountId = options.accountId.trim();
        this.http = new DatabricksHttp({
            ...options,
            ...own,
            target: `account ${this.accountId}`,
            mediaType: 'json',
            hostFix: ACCOUNT_HOST_FIX
        });
    }
    stats() {
        return this.http.stats();
    }
}
class PermissionAssignmentsClient extends AccountApiClient {
    constructor(options) {
        super(options, {
            writeRates: options.writeRates ?? ACCOUNT_WRITE_RATES,
            baseUrl: accountApiBase(options.host, options.accountId),
            fixFor
        });
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
        return this.http.unexpectedAnswer(method, path, `something that is not a permission assignment list: ${shown}`);
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

// EXTERNAL MODULE: ./src/util/guid.ts
var guid = __webpack_require__(22519);
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
        const applicationId = typeof body.applicationId === 'string' ? body.applicationId : userName && (0,guid/* isGuid */.W)(userName) ? userName : undefined;
        return {
            id: String(id),
            ...(userName !== undefined ? { userName } : {}),
            ...(applicationId !== undefined ? { applicationId } : {})
        };
    }
    listUsers(each) {
        return this.list('/Users', { attributes: USER_ATTRIBUTES }, each);
    }
    listServicePrincipals(each) {
        return this.list('/ServicePrincipals', { attributes: SERVICE_PRINCIPAL_ATTRIBUTES }, each);
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
            ...entitlements(user.entitlements)
        };
        return resource(await this.request('POST', '/Users', { body }), this.workspace, 'POST', '/Users');
    }
    async createServicePrincipal(sp) {
        const body = {
            schemas: [SCIM_SCHEMAS.servicePrincipal],
            applicationId: sp.applicationId,
            ...optional(sp, 'displayName', 'externalId', 'active'),
            ...entitlements(sp.entitlements)
        };
        const path = '/ServicePrincipals';
        return resource(await this.request('POST', path, { body }), this.workspace, 'POST', path);
    }
    async createGroup(group) {
        const body = {
            schemas: [SCIM_SCHEMAS.group],
            displayName: group.displayName,
            ...optional(group, 'externalId'),
            ...entitlements(group.entitlements)
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
    async list(path, params, each = (item) => item) {
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
                out.push(each(item));
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
    throw new errors/* ActionError */.lZ(`Databricks answered the lookup of ${what} "${wanted}" with ${found.length} other ${found.length === 1 ? 'entry' : 'entries'} (${others}${found.length > 3 ? ', …' : ''}), so the filter was not applied; nothing was adopted in its place.`, 'This is a server problem: run again later; if it persists, check the workspace host points at Databricks and report it to Databricks support.');
}
function optional(source, ...keys) {
    const out = {};
    for (const k of keys)
        if (source[k] !== undefined)
            out[k] = source[k];
    return out;
}
function entitlements(values) {
    return values?.length ? { entitlements: values.map((value) => ({ value })) } : {};
}

// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(72020);
// EXTERNAL MODULE: ./src/util/concurrency.ts
var concurrency = __webpack_require__(43731);
;// CONCATENATED MODULE: ./src/util/intern.ts
// One string object per distinct value. Strings read from a service are new objects each time, even when equal: ten
// workspaces that each list the same 20,000 users would otherwise hold ten copies of every name and id.
class Interner {
    strings = new Map();
    /** The first string seen equal to `s` (or `s` itself, now the one kept). */
    of(s) {
        const known = this.strings.get(s);
        if (known !== undefined)
            return known;
        this.strings.set(s, s);
        return s;
    }
    get size() {
        return this.strings.size;
    }
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
const ownedByExternalId = (p) => (0,guid/* isGuid */.W)(p.externalId);
/** Group reads in flight at once per workspace. */
const GROUP_READS = 4;
/**
 * The names and externalIds of principals, shared by every workspace's read: a workspace lists the same users as
 * the others (one run per process, so the strings live as long as the run).
 */
const strings = new Interner();
async function readActual(scim, wanted) {
    // Signed in with its own Entra token, the action is the service principal of its application id: no /Me needed.
    const self = scim.selfApplicationId?.toLowerCase();
    // Each principal is made compact as its page arrives: ten workspaces read at once would otherwise hold every
    // raw SCIM resource until their last page.
    const [me, users, servicePrincipals, groups] = await Promise.all([
        self ? undefined : scim.me(),
        scim.listUsers(fromUser),
        scim.listServicePrincipals(fromServicePrincipal),
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
    const admins = byName.get(core_text/* ADMINS_GROUP */.dG);
    if (admins)
        read.set(admins.id, admins);
    // A member id is the same string as its principal's (one string per principal however many groups list it), and
    // a group's raw members (value, display, $ref each) are dropped as soon as it is read.
    const ids = new Map();
    for (const p of [...users, ...servicePrincipals])
        ids.set(p.id, p.id);
    const withMembers = await (0,concurrency/* mapLimit */.s)([...read.values()], GROUP_READS, async (g) => fromGroup(await scim.getGroup(g.id), ids));
    return {
        users,
        servicePrincipals,
        groups: [
            ...withMembers,
            ...[...kept.values()].map((g) => ({ ...fromGroup({ ...g, members: [] }), external: ACCOUNT_GROUP_IN_WORKSPACE }))
        ],
        selfId: me ? me.id : (servicePrincipals.find((sp) => sp.key.toLowerCase() === self)?.id ?? ''),
        groupCount: groups.length
    };
}
const fromUser = (u) => fromPrincipal('user', u, u.userName);
const fromServicePrincipal = (sp) => fromPrincipal('servicePrincipal', sp, sp.applicationId);
/** A user or service principal as the core sees it, `key` its user name or application id. */
function fromPrincipal(kind, p, key) {
    return {
        kind,
        id: p.id,
        key: strings.of(key),
        ...(p.displayName !== undefined ? { displayName: strings.of(p.displayName) } : {}),
        active: p.active !== false,
        ...(p.externalId ? { externalId: strings.of(p.externalId) } : {}),
        entitlements: (p.entitlements ?? []).map((e) => strings.of(e.value))
    };
}
function fromGroup(g, ids) {
    return {
        id: g.id,
        displayName: g.displayName,
        ...(g.externalId ? { externalId: g.externalId } : {}),
        entitlements: (g.entitlements ?? []).map((e) => e.value),
        memberIds: (g.members ?? []).map((m) => ids?.get(m.value) ?? m.value)
    };
}

// EXTERNAL MODULE: ./src/core/aim.ts
var aim = __webpack_require__(52650);
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
class IdentityApiClient extends AccountApiClient {
    constructor(options) {
        super(options, {
            // No published rate for this API: no pacing, a 429 waits for its Retry-After.
            writeRates: options.writeRates ?? {},
            baseUrl: `${options.host.replace(/\/+$/, '')}/api/2.0`,
            fixFor: identity_api_client_fixFor
        });
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
        return this.http.unexpectedAnswer(method, path, `something other than ${expected}.`);
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

// EXTERNAL MODULE: ./src/ports/writer.ts
var writer = __webpack_require__(91905);
;// CONCATENATED MODULE: ./src/targets/databricks/scim-writer.ts



/** Members added per PATCH (also the ownership group's marks, ownership.ts). */
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
            if ((0,writer/* notSent */.e)(error))
                throw error;
            const failed = { status: 'failed', error: (0,errors/* describeError */.Uc)(error) };
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
/**
 * Writes one operation with the handler of its kind, for a writer that takes one operation at a time; anything
 * else is an internal error naming `through`, what the writer writes through.
 */
async function writeOne(handlers, operations, ids, through) {
    const [op] = operations;
    // The table is keyed by kind: the handler found for op.kind takes op.
    const handler = op && handlers[op.kind];
    if (!op || !handler || operations.length > 1) {
        throw new Error(`internal error: ${op?.kind ?? 'nothing'} is not written through ${through}`);
    }
    await handler(op, ids);
}
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
    const key = (0,aim/* aimIdKey */.Iw)(principal.externalId);
    return principal.kind === 'group'
        ? ids.group(key, undefined)
        : ids.principal({ kind: principal.kind, key, display: '' });
}
/** Records the account id of a principal resolved in this run. */
function recordAimId(principal, id, ids) {
    const key = (0,aim/* aimIdKey */.Iw)(principal.externalId);
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
    write(operations, ids) {
        return writeOne(this.handlers, operations, ids, 'the identity API');
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
    write(operations, ids) {
        return writeOne(this.handlers, operations, ids, 'workspace assignments');
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
const isOwnershipGroup = (displayName) => displayName.trim().toLowerCase() === OWNERSHIP_GROUP;
/** What the action owns in the account, read from the ownership group, and the marking of what it creates. */
class AccountOwnership {
    scim;
    batch;
    groupId;
    creating;
    marked = new Set();
    /** Ids to mark, not sent yet. */
    pending = [];
    /** The marking PATCHes, one after another (never rejects). */
    sending = Promise.resolve();
    /** Ids whose mark failed since the last settle(), with why. */
    failed = new Map();
    /** The account's ownership rule for the planner: a member of the ownership group. */
    owns = Object.assign((p) => this.marked.has(p.id), {
        rule: `not a member of the account group ${OWNERSHIP_GROUP}, which marks what it created`
    });
    /**
     * `scim`: the account's SCIM API itself (not the marking one: the group is not its own member); `batch`: members
     * per marking PATCH, the writer's member-add batch.
     */
    constructor(scim, batch = DEFAULT_ADD_BATCH) {
        this.scim = scim;
        this.batch = batch;
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
     * Queues the mark of an identity this run created. A full batch is sent at once, and the create that filled it
     * waits for its PATCH (so creates never run far ahead of their marks); the rest waits for settle().
     */
    async mark(id) {
        this.pending.push(id);
        if (this.pending.length >= this.batch)
            await this.send();
    }
    /** Sends every queued mark; the ids whose mark failed since the last settle, with why. */
    async settle() {
        await this.send();
        const failed = new Map(this.failed);
        this.failed.clear();
        return failed;
    }
    send() {
        for (const batch of chunks(this.pending.splice(0), this.batch)) {
            this.sending = this.sending.then(() => this.add(batch));
        }
        return this.sending;
    }
    async add(ids) {
        try {
            await this.scim.patch('Groups', await this.group(), [addMembers(ids)]);
            for (const id of ids)
                this.marked.add(id);
        }
        catch (error) {
            for (const id of ids)
                this.failed.set(id, error);
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
 * The account's SCIM API as its writer sees it: what a create makes is queued to be marked as the action's, and so
 * is what a find meets after this run's own create of it lost its answer (it was most likely that
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
    listUsers(each) {
        return this.scim.listUsers(each);
    }
    listServicePrincipals(each) {
        return this.scim.listServicePrincipals(each);
    }
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
        await this.ownership.mark(value.id);
        return value;
    }
    async found(kind, key, find) {
        const value = await find();
        if (value && this.lost.delete(`${kind}:${key.toLowerCase()}`))
            await this.ownership.mark(value.id);
        return value;
    }
}
/**
 * The account's identities writer: the SCIM writer over MarkingScim, which settles the phase's marks when the phase
 * ends (apply calls settle) and fails each create whose mark failed.
 */
class MarkingWriter {
    writer;
    ownership;
    /** This phase's creates. */
    creates = [];
    constructor(writer, ownership) {
        this.writer = writer;
        this.ownership = ownership;
    }
    pairs(operations) {
        return this.writer.pairs(operations);
    }
    write(operations, ids) {
        for (const op of operations)
            if (isCreate(op))
                this.creates.push(op);
        return this.writer.write(operations, ids);
    }
    async settle(ids) {
        const failed = await this.ownership.settle();
        return this.creates.splice(0).flatMap((op) => {
            const [kind, key, id] = made(op, ids);
            if (!id || !failed.has(id))
                return [];
            return [{ operation: op, status: 'failed', error: unmarked(kind, key, failed.get(id)) }];
        });
    }
}
const isCreate = (op) => op.kind === 'create-user' || op.kind === 'create-service-principal' || op.kind === 'create-group';
/** A create's kind, key and the id it made (none when it failed). */
function made(op, ids) {
    if (op.kind === 'create-group')
        return ['group', op.displayName, ids.group(op.displayName, undefined)];
    const [kind, key] = op.kind === 'create-user' ? ['user', op.userName] : ['servicePrincipal', op.applicationId];
    return [kind, key, ids.principal({ kind, key, display: key })];
}
/** Why a create whose mark failed failed (a plain error: nothing for a create to adopt or retry), and the fix. */
function unmarked(kind, key, error) {
    const what = kind === 'user' ? 'user' : kind === 'group' ? 'group' : 'service principal';
    return (`${what} ${key} was created, but adding it to the account group ${OWNERSHIP_GROUP}, which marks what this ` +
        `action created, failed: ${(0,errors/* describeError */.Uc)(error)}. Until it is a member of that group the action never ` +
        `deactivates or deletes it${kind === 'group' ? ' and leaves its members alone' : ''}; add it to the group ` +
        'by hand to hand it over.');
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
    constructor(scim, options = {}, writer = new ScimWriter(scim, options)) {
        this.scim = scim;
        this.writer = writer;
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
        const ownership = new AccountOwnership(scim, options.addBatch);
        const marking = new MarkingScim(scim, ownership);
        super(marking, options, new MarkingWriter(new ScimWriter(marking, options), ownership));
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
        writeRates: accountRates(acc.rateLimits),
        signal
    });
    const assignments = new PermissionAssignmentsClient({
        host: acc.host,
        accountId: acc.id,
        token,
        writeRates: assignmentRates(acc.rateLimits),
        signal
    });
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
    if (inputs.authType === 'IDENTITY' && inputs.tenantId) {
        return {
            kind: 'managed-identity',
            cloud: inputs.cloud,
            tenantId: inputs.tenantId,
            authorityHost: inputs.authorityHost,
            ...(inputs.clientId ? { clientId: inputs.clientId } : {})
        };
    }
    if (!inputs.tenantId || !inputs.clientId)
        return undefined;
    return {
        cloud: inputs.cloud,
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
    const guard = new request_guard/* RequestGuard */.B({ timeoutMs: (0,net/* requestTimeoutMs */.Hl)(process.env), signal: cancel });
    // A managed identity's tokens come from the VM's metadata service: a short timeout, so a runner without one fails
    // fast; the SDK retries (see auth/managed-identity.ts).
    const imds = new request_guard/* RequestGuard */.B({
        timeoutMs: Math.min(IMDS_TIMEOUT_MS, (0,net/* requestTimeoutMs */.Hl)(process.env)),
        signal: cancel,
        retry: { maxAttempts: 1 }
    });
    const credential = createCredential(settings, githubOidcToken(process.env, guard, src_secrets/* mask */.dK), src_secrets/* mask */.dK, guard, imds);
    const identity = signInIdentity(settings);
    // Graph reads end on cancellation in every command (validate and provision-app only read through it).
    const graph = (0,entra_graph/* createGraphClient */.Cw)(credential, graphEndpoint, { timeoutMs: (0,graph_transport/* graphTimeoutMs */.E8)(process.env), signal: cancel });
    const secrets = new KeyVaultSecretReader(credential, src_secrets/* mask */.dK, identity, guard);
    return { credential, identity, graph, secrets, directory: new entra_graph/* GraphDirectory */.Ay(graph, identity) };
}
/**
 * The Databricks targets: a workspace's SCIM, and the account's SCIM and workspace assignments. Each target has one
 * retry budget for all its requests (the account's two clients share theirs), and every request a timeout.
 */
function databricksTargets(settings, signedIn, signal) {
    const { credential, secrets } = signedIn;
    const accountToken = (0,databricks_token/* databricksToken */.aS)({ name: 'account', auth: 'entra' }, credential, secrets);
    const self = settings.clientId;
    // Account SCIM has no /Me: the action finds its own service principal there by its application id.
    const selfInAccount = () => {
        if (self)
            return self;
        throw new errors/* ActionError */.lZ('The account API has no /Me, so the action cannot tell which service principal is its own system-assigned managed identity.', "Set client-id to the managed identity's client id (Entra admin center > Enterprise applications > the VM's identity > Application ID).");
    };
    const timeoutMs = (0,net/* requestTimeoutMs */.Hl)(process.env);
    return {
        workspace: (ws) => {
            // With azure-resource-id, Databricks can add the action's service principal as a workspace admin itself.
            const headers = azureWorkspaceHeaders(ws, credential, settings.cloud);
            return new ScimIdentityTarget(new ScimClient({
                baseUrl: workspaceScimBase(ws.host),
                token: (0,databricks_token/* databricksToken */.aS)(ws, credential, secrets),
                ...(headers ? { headers } : {}),
                workspace: ws.name,
                auth: ws.auth,
                ...(ws.auth === 'entra' && self ? { selfApplicationId: self } : {}),
                // Workspace SCIM's limits are not published: pacing starts at those the config gives, else low, and learns
                // them from the 429s.
                writeRates: ws.rateLimits ?? {},
                probeRates: WORKSPACE_PROBE_RATES,
                timeoutMs,
                signal,
                onRetry: (event) => core.debug(`${ws.name}: ${JSON.stringify(event)}`),
                onRateChange: (change) => core.debug(`${ws.name}: pacing ${JSON.stringify(change)}`)
            }));
        },
        account: (acc) => {
            const selfApplicationId = selfInAccount();
            const budget = new retry/* RetryBudget */.Km((0,retry/* retryPolicy */.Jb)().budgetMs);
            const scim = new ScimClient({
                baseUrl: accountScimBase(acc.host, acc.id),
                token: accountToken,
                workspace: `account ${acc.id}`,
                level: 'account',
                auth: 'entra',
                selfApplicationId,
                writeRates: accountRates(acc.rateLimits),
                timeoutMs,
                budget,
                signal
            });
            const assignments = new PermissionAssignmentsClient({
                host: acc.host,
                accountId: acc.id,
                token: accountToken,
                writeRates: assignmentRates(acc.rateLimits),
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
        aim: (acc) => aimAccountTarget(acc, accountToken, selfInAccount(), signal),
        /** A workspace's groups through its SCIM API (the readiness check of automatic identity management). */
        workspaceGroups: (ws) => workspaceGroups(ws, (0,databricks_token/* databricksToken */.aS)(ws, credential, secrets), signal)
    };
}


/***/ })

};
