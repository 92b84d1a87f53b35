export const id = 997;
export const ids = [997];
export const modules = {

/***/ 56910:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JJ: () => (/* binding */ CLOUDS),
/* harmony export */   X: () => (/* binding */ cloudNamed),
/* harmony export */   hH: () => (/* binding */ cloudOf),
/* harmony export */   vD: () => (/* binding */ CLOUD_NAMES)
/* harmony export */ });
// The Azure clouds the `cloud` input names (the names Azure/login's `environment` input and the Azure CLI use), and
// the endpoints each one sets together: the Entra authority (@azure/identity AzureAuthorityHosts), Microsoft Graph
// (Microsoft Graph docs, "National cloud deployments") and the Azure service management resource of the workspace
// onboarding headers (databricks-sdk-go common/environment/azure.go). Azure Databricks' Entra application,
// 2ff814a6-3304-4ab8-85cb-cd0e6f879c1d, is the same in the three (databricks-sdk-go common/environment/environments.go).
const CLOUD_NAMES = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'];
const CLOUDS = {
    AzureCloud: {
        authorityHost: 'https://login.microsoftonline.com',
        graphEndpoint: 'https://graph.microsoft.com',
        managementResource: 'https://management.core.windows.net/',
        alsoAuthority: [],
        alsoGraph: []
    },
    AzureUSGovernment: {
        authorityHost: 'https://login.microsoftonline.us',
        graphEndpoint: 'https://graph.microsoft.us',
        managementResource: 'https://management.core.usgovcloudapi.net/',
        alsoAuthority: [],
        // US Government L5 (DoD) has a Graph endpoint of its own.
        alsoGraph: ['https://dod-graph.microsoft.us']
    },
    AzureChinaCloud: {
        authorityHost: 'https://login.chinacloudapi.cn',
        graphEndpoint: 'https://microsoftgraph.chinacloudapi.cn',
        managementResource: 'https://management.core.chinacloudapi.cn/',
        alsoAuthority: ['https://login.partner.microsoftonline.cn'],
        alsoGraph: []
    }
};
/** The cloud a name means, ignoring case (Azure/login lower-cases its environment input the same way). */
function cloudNamed(name) {
    return CLOUD_NAMES.find((c) => c.toLowerCase() === name.toLowerCase());
}
/** The cloud whose Entra authority (or Graph endpoint) an origin is; undefined for any other host. */
function cloudOf(kind, origin) {
    return CLOUD_NAMES.find((name) => {
        const cloud = CLOUDS[name];
        const hosts = kind === 'authority' ? [cloud.authorityHost, ...cloud.alsoAuthority] : [cloud.graphEndpoint, ...cloud.alsoGraph];
        return hosts.includes(origin);
    });
}


/***/ }),

/***/ 69170:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ parseMaxDeletions),
/* harmony export */   b: () => (/* binding */ formatMaxDeletions)
/* harmony export */ });
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


/***/ }),

/***/ 83916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   lZ: () => (/* binding */ ActionError)
/* harmony export */ });
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


/***/ }),

/***/ 17938:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ isPullRequestEvent),
/* harmony export */   y: () => (/* binding */ parseJobContext)
/* harmony export */ });
// What the runner says about the job, read once from its environment next to the inputs (nothing below main.ts reads
// GITHUB_* variables): the run and commit the summary links to, and the event that started the workflow.
/** Events whose workflow runs with the pull request's code: a token there should not be able to write. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
const isPullRequestEvent = (context) => context.eventName !== undefined && PULL_REQUEST_EVENTS.has(context.eventName);
/**
 * GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT, GITHUB_SHA and GITHUB_EVENT_NAME (GitHub
 * docs, "Variables reference"). A value of an unexpected shape is left out rather than linked to.
 */
function parseJobContext(env) {
    const server = httpsOrigin(env.GITHUB_SERVER_URL);
    const repository = /^[\w.-]+\/[\w.-]+$/.test(env.GITHUB_REPOSITORY ?? '') ? env.GITHUB_REPOSITORY : undefined;
    const runId = /^\d+$/.test(env.GITHUB_RUN_ID ?? '') ? env.GITHUB_RUN_ID : undefined;
    const attempt = /^\d+$/.test(env.GITHUB_RUN_ATTEMPT ?? '') ? Number(env.GITHUB_RUN_ATTEMPT) : 1;
    const sha = /^[0-9a-f]{40}$/i.test(env.GITHUB_SHA ?? '') ? env.GITHUB_SHA : undefined;
    const eventName = /^[a-z_]+$/.test(env.GITHUB_EVENT_NAME ?? '') ? env.GITHUB_EVENT_NAME : undefined;
    const repo = server && repository ? `${server}/${repository}` : undefined;
    return {
        ...(eventName ? { eventName } : {}),
        ...(repo && runId ? { runUrl: `${repo}/actions/runs/${runId}${attempt > 1 ? `/attempts/${attempt}` : ''}` } : {}),
        ...(sha ? { commit: { sha, ...(repo ? { url: `${repo}/commit/${sha}` } : {}) } } : {})
    };
}
function httpsOrigin(value) {
    try {
        const url = new URL(value ?? '');
        return url.protocol === 'https:' && !url.username && !url.password ? url.origin : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 35997:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/github/context.ts
// The pull request a run belongs to, read from the runner's environment: the event name, its payload file
// (pull_request.number), the repository, the run and the job. Anything else than a pull_request or
// pull_request_target event is no pull request: then the action makes no GitHub call at all.

/** Events whose payload carries the pull request (and whose workflow token can comment on it). */
const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
/** The pull request of this run, or undefined when the run is not for one. */
function pullRequestContext(env = process.env) {
    const event = env.GITHUB_EVENT_NAME ?? '';
    if (!PULL_REQUEST_EVENTS.includes(event))
        return undefined;
    const payload = readPayload(env.GITHUB_EVENT_PATH);
    const pr = payload?.pull_request;
    const number = typeof pr?.number === 'number' ? pr.number : undefined;
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (number === undefined || !owner || !repo)
        return undefined;
    const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
    const runId = env.GITHUB_RUN_ID ?? '';
    const headSha = typeof pr?.head?.sha === 'string' ? pr.head.sha : undefined;
    return {
        owner,
        repo,
        number,
        ...(headSha ? { headSha } : {}),
        apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
        runUrl: `${server}/${owner}/${repo}/actions/runs/${runId}`,
        runId,
        runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
        workflow: env.GITHUB_WORKFLOW ?? '',
        job: env.GITHUB_JOB ?? ''
    };
}
function readPayload(path) {
    if (!path || !(0,external_node_fs_.existsSync)(path))
        return undefined;
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/auth/clouds.ts
var clouds = __webpack_require__(56910);
// EXTERNAL MODULE: ./src/config/max-deletions.ts
var max_deletions = __webpack_require__(69170);
// EXTERNAL MODULE: ./src/util/guid.ts
var guid = __webpack_require__(22519);
;// CONCATENATED MODULE: ./src/inputs.ts
// Every input of action.yml, parsed once into a typed object. Nothing below main.ts reads inputs.




const COMMANDS = ['validate', 'sync', 'provision-app', 'matrix'];
/** When validate and a sync dry-run comment on the pull request: always, when there is something to report, never. */
const COMMENT_MODES = ['always', 'on-change', 'never'];
/** As Azure/login's auth-type: an app registration (GitHub OIDC or a secret), or the runner's managed identity. */
const AUTH_TYPES = ['SERVICE_PRINCIPAL', 'IDENTITY'];
const INPUT_DEFAULTS = {
    command: 'sync',
    config: '.github/databricks-identities.yml',
    audience: 'api://AzureADTokenExchange',
    'dry-run': 'false',
    'allow-paths-outside-workspace': 'false',
    'workspace-concurrency': '10',
    'auth-type': 'SERVICE_PRINCIPAL',
    comment: 'on-change'
};
const MAX_WORKSPACE_CONCURRENCY = 50;
function parseInputs(read, job, pullRequest) {
    const get = (name) => read(name).trim();
    const orDefault = (name) => get(name) || INPUT_DEFAULTS[name];
    /** A comma- or newline-separated list. */
    const list = (name) => get(name)
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter(Boolean);
    const command = orDefault('command').toLowerCase();
    if (!COMMANDS.includes(command)) {
        throw new errors/* InputError */.dz(`Input "command" is "${command}", which is not a command of this action.`, `Use one of: ${COMMANDS.join(', ')}.`);
    }
    const authTypeText = orDefault('auth-type').toUpperCase();
    if (!AUTH_TYPES.includes(authTypeText)) {
        throw new errors/* InputError */.dz(`Input "auth-type" is "${authTypeText}"; use SERVICE_PRINCIPAL or IDENTITY.`, 'SERVICE_PRINCIPAL signs in as the client-id app (GitHub OIDC, or client-secret); IDENTITY as the managed identity of a self-hosted runner on Azure.');
    }
    const authType = authTypeText;
    const tenantId = get('tenant-id') || undefined;
    const clientId = get('client-id') || undefined;
    for (const [name, value] of [
        ['tenant-id', tenantId],
        ['client-id', clientId]
    ]) {
        if (value !== undefined && !(0,guid/* isGuid */.W)(value)) {
            throw new errors/* InputError */.dz(`Input "${name}" must be a GUID (got "${value}").`, name === 'tenant-id'
                ? 'Use the Directory (tenant) ID from the Entra admin center overview page.'
                : 'Use the Application (client) ID of the app registration or managed identity that has the federated credential.');
        }
    }
    if (authType === 'IDENTITY') {
        if (!tenantId) {
            throw new errors/* InputError */.dz('Input "auth-type" is IDENTITY, but "tenant-id" is not set.', 'Set tenant-id to the tenant of the managed identity; set client-id too for a user-assigned identity.');
        }
        if (read('client-secret')) {
            throw new errors/* InputError */.dz('Inputs "auth-type: IDENTITY" and "client-secret" do not go together: a managed identity has no secret.', 'Remove client-secret, or use auth-type: SERVICE_PRINCIPAL to sign in as an app registration.');
        }
    }
    else if ((tenantId === undefined) !== (clientId === undefined)) {
        throw new errors/* InputError */.dz(`Inputs "tenant-id" and "client-id" go together; only "${tenantId ? 'tenant-id' : 'client-id'}" is set.`, 'Set both to sign in to Entra ID, or neither (validate then checks files offline).');
    }
    const clientSecret = read('client-secret') || undefined;
    if (clientSecret && !clientId) {
        throw new errors/* InputError */.dz('Input "client-secret" is set without "tenant-id" and "client-id".', 'Set all three, or none.');
    }
    const dryRunText = orDefault('dry-run').toLowerCase();
    if (!['true', 'false'].includes(dryRunText)) {
        throw new errors/* InputError */.dz(`Input "dry-run" must be true or false (got "${dryRunText}").`);
    }
    const outsideText = orDefault('allow-paths-outside-workspace').toLowerCase();
    if (!['true', 'false'].includes(outsideText)) {
        throw new errors/* InputError */.dz(`Input "allow-paths-outside-workspace" must be true or false (got "${outsideText}").`);
    }
    const maxDeletionsText = get('max-deletions');
    let maxDeletions;
    if (maxDeletionsText) {
        maxDeletions = (0,max_deletions/* parseMaxDeletions */.P)(maxDeletionsText);
        if (!maxDeletions) {
            throw new errors/* InputError */.dz(`Input "max-deletions" is "${maxDeletionsText}", which is neither a count nor a percentage.`, 'Use a whole number such as 25, or a percentage such as 10%.');
        }
    }
    const concurrencyText = orDefault('workspace-concurrency');
    const workspaceConcurrency = Number(concurrencyText);
    if (!/^\d+$/.test(concurrencyText) || workspaceConcurrency < 1 || workspaceConcurrency > MAX_WORKSPACE_CONCURRENCY) {
        throw new errors/* InputError */.dz(`Input "workspace-concurrency" must be a whole number from 1 to ${MAX_WORKSPACE_CONCURRENCY} (got "${concurrencyText}").`, 'Each workspace has its own API limits, so the default of 10 is safe; lower it to limit memory on small runners.');
    }
    const stateText = get('state-file');
    const stateCache = stateText.toLowerCase() === 'auto';
    const stateFile = stateCache ? undefined : stateText || undefined;
    const comment = orDefault('comment').toLowerCase();
    if (!COMMENT_MODES.includes(comment)) {
        throw new errors/* InputError */.dz(`Input "comment" is "${comment}"; use always, on-change or never.`, 'on-change (the default) comments on a pull request when there is a config problem or a planned change, and updates that comment when there is no longer.');
    }
    const githubToken = read('github-token').trim() || undefined;
    const endpoints = cloudEndpoints(get('cloud'), get('authority-host'), get('graph-endpoint'));
    return {
        command: command,
        config: orDefault('config'),
        workspaces: list('workspace'),
        ...(tenantId ? { tenantId } : {}),
        ...(clientId ? { clientId } : {}),
        ...(clientSecret ? { clientSecret } : {}),
        audience: orDefault('audience'),
        dryRun: dryRunText === 'true',
        ...(maxDeletions ? { maxDeletions } : {}),
        workspaceConcurrency,
        ...(stateFile ? { stateFile } : {}),
        ...(stateCache ? { stateCache: true } : {}),
        allowOutsideWorkspace: outsideText === 'true',
        authType,
        ...endpoints,
        ...(job ? { job } : {}),
        comment: comment,
        ...(githubToken ? { githubToken } : {}),
        labelsOnChange: list('labels-on-change'),
        ...(pullRequest ? { pullRequest } : {})
    };
}
/**
 * The cloud input sets the Entra authority and Graph endpoint together; an authority-host or graph-endpoint input
 * overrides its endpoint (a private or emulated one), and, without a cloud input, a known endpoint picks its cloud.
 * Endpoints of two different clouds are an error: tokens of one cloud are not accepted in another.
 */
function cloudEndpoints(cloudText, authorityText, graphText) {
    const named = cloudText ? (0,clouds/* cloudNamed */.X)(cloudText) : undefined;
    if (cloudText && !named) {
        throw new errors/* InputError */.dz(`Input "cloud" is "${cloudText}", which is not an Azure cloud this action knows.`, `Use one of ${clouds/* CLOUD_NAMES */.vD.join(', ')}; for another cloud set authority-host and graph-endpoint instead.`);
    }
    const authority = authorityText ? httpsOrigin('authority-host', authorityText) : undefined;
    const graph = graphText ? httpsOrigin('graph-endpoint', graphText) : undefined;
    const claims = [
        ...(named ? [{ input: 'cloud', value: named, cloud: named }] : []),
        ...(authority ? [{ input: 'authority-host', value: authority, cloud: (0,clouds/* cloudOf */.hH)('authority', authority) }] : []),
        ...(graph ? [{ input: 'graph-endpoint', value: graph, cloud: (0,clouds/* cloudOf */.hH)('graph', graph) }] : [])
    ].filter((c) => c.cloud !== undefined);
    const [first, other] = [claims[0], claims.find((c) => c.cloud !== claims[0]?.cloud)];
    if (first && other) {
        const what = (c) => c.input === 'cloud' ? `"cloud" is ${c.value}` : `"${c.input}" ${c.value} belongs to ${c.cloud}`;
        throw new errors/* InputError */.dz(`Inputs from two Azure clouds: ${what(first)}, but ${what(other)}.`, `Set only cloud (${clouds/* CLOUD_NAMES */.vD.join(', ')}), which sets authority-host and graph-endpoint together; use those two inputs only for endpoints of the same cloud or a private one.`);
    }
    const cloud = first?.cloud ?? 'AzureCloud';
    return {
        cloud,
        authorityHost: authority ?? clouds/* CLOUDS */.JJ[cloud].authorityHost,
        graphEndpoint: graph ?? clouds/* CLOUDS */.JJ[cloud].graphEndpoint
    };
}
const ORIGIN_EXAMPLES = {
    'authority-host': clouds/* CLOUDS */.JJ.AzureCloud.authorityHost,
    'graph-endpoint': clouds/* CLOUDS */.JJ.AzureCloud.graphEndpoint
};
function httpsOrigin(name, value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new errors/* InputError */.dz(`Input "${name}" is not a URL (got "${value}").`, `Use an https origin such as ${ORIGIN_EXAMPLES[name]}.`);
    }
    if (url.username || url.password) {
        // The value is not repeated: what comes before the "@" may be a password, and it hides the host it goes to.
        throw new errors/* InputError */.dz(`Input "${name}" has a user name or password before "@", so the host it names is ${url.host}.`, `Use the https origin of the service itself, e.g. ${ORIGIN_EXAMPLES[name]}; the action signs in with tokens, never with credentials in a URL.`);
    }
    if (url.protocol !== 'https:') {
        throw new errors/* InputError */.dz(`Input "${name}" must use https (got "${value}").`, 'Tokens are never sent over plain http.');
    }
    if (url.pathname !== '/' && url.pathname !== '') {
        throw new errors/* InputError */.dz(`Input "${name}" must be an origin without a path (got "${value}").`, `Use ${url.origin}.`);
    }
    if (url.search || url.hash) {
        throw new errors/* InputError */.dz(`Input "${name}" must be an origin without a query or fragment (got "${value}").`, `Use ${url.origin}.`);
    }
    return url.origin;
}

// EXTERNAL MODULE: ./src/job-context.ts
var job_context = __webpack_require__(17938);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(57994);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(27194);
;// CONCATENATED MODULE: ./src/main.ts
// Inputs -> command, with the one error boundary of the action. Inputs are parsed once here; each command builds
// the clients it needs from the wiring (src/wiring.ts) and reports through the summary and outputs. The summary is
// written in `finally`, so a failed run still explains itself; failing to write it only warns.







// Each command is loaded when it runs (a dynamic import, so the bundle keeps it in chunks of their own): a run
// evaluates only its own command's code and libraries.
const main_COMMANDS = {
    validate: async (inputs) => (await Promise.all(/* import() */[__webpack_require__.e(924), __webpack_require__.e(965), __webpack_require__.e(265), __webpack_require__.e(877)]).then(__webpack_require__.bind(__webpack_require__, 2877))).runValidate(inputs),
    sync: async (inputs) => (await Promise.all(/* import() */[__webpack_require__.e(924), __webpack_require__.e(965), __webpack_require__.e(265), __webpack_require__.e(999)]).then(__webpack_require__.bind(__webpack_require__, 71999))).runSync(inputs),
    'provision-app': async (inputs) => (await Promise.all(/* import() */[__webpack_require__.e(924), __webpack_require__.e(965), __webpack_require__.e(885)]).then(__webpack_require__.bind(__webpack_require__, 60885))).runProvisionApp(inputs),
    matrix: async (inputs) => (await Promise.all(/* import() */[__webpack_require__.e(924), __webpack_require__.e(965), __webpack_require__.e(735)]).then(__webpack_require__.bind(__webpack_require__, 93735))).runMatrix(inputs)
};
async function run() {
    const job = (0,job_context/* parseJobContext */.y)(process.env);
    try {
        // Mask before anything else can print it (the runner's OIDC request token too: it is never an input).
        (0,secrets/* mask */.dK)(core.getInput('client-secret'));
        (0,secrets/* mask */.dK)(core.getInput('github-token'));
        (0,secrets/* mask */.dK)(process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
        const inputs = parseInputs((name) => core.getInput(name), job, pullRequestContext(process.env));
        await main_COMMANDS[inputs.command](inputs);
    }
    catch (error) {
        const message = (0,secrets/* redact */.E$)((0,errors/* describeError */.Uc)(error));
        core.setFailed(message);
        (0,summary/* addFailure */.qx)(core.summary, message);
    }
    finally {
        try {
            (0,summary/* addRunLinks */.qP)(core.summary, job);
            await core.summary.write();
        }
        catch (error) {
            core.warning(`Could not write the job summary: ${(0,errors/* describeError */.Uc)(error)}`);
        }
    }
}


/***/ }),

/***/ 54285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   pA: () => (/* binding */ proseHtml)
/* harmony export */ });
/* unused harmony export code */
/** Text placed in the job summary's HTML: names come from config and directories, so never trust them. */
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/\|/g, '&#124;')
        .replace(/`/g, '&#96;')
        .replace(/\r?\n/g, '<br>');
}
/**
 * A message (an error, a fix, a finding) placed in HTML, where GitHub renders no markdown: its `code` spans become
 * <code> elements; everything else is escaped (a lone backtick too).
 */
function proseHtml(text) {
    return text
        .split(/`([^`\n]+)`/)
        .map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
        .join('');
}
function code(text) {
    return `<code>${escapeHtml(text)}</code>`;
}
function plural(count, one, many = `${one}s`) {
    return `${count} ${count === 1 ? one : many}`;
}


/***/ }),

/***/ 57994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CS: () => (/* binding */ prose),
/* harmony export */   GC: () => (/* binding */ addTable),
/* harmony export */   Hn: () => (/* binding */ cell),
/* harmony export */   MJ: () => (/* binding */ addWriteAccessWarnings),
/* harmony export */   WI: () => (/* binding */ addProblemsTable),
/* harmony export */   oW: () => (/* binding */ FOLD_ROWS),
/* harmony export */   qP: () => (/* binding */ addRunLinks),
/* harmony export */   qx: () => (/* binding */ addFailure),
/* harmony export */   wx: () => (/* binding */ header)
/* harmony export */ });
/* unused harmony exports ANNOTATION_LIMIT, MAX_PROBLEM_ROWS */
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27194);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54285);


/** GitHub shows at most this many annotations of one kind per step; the summary lists every problem. */
const ANNOTATION_LIMIT = 10;
/** Problems listed in the summary at most: their table stays far under GitHub's 1 MiB per step summary. */
const MAX_PROBLEM_ROWS = 1000;
/** Tables longer than this are folded into <details>. */
const FOLD_ROWS = 25;
/** A table cell's HTML; never empty, since the summary writer turns an empty cell into an unclosed tag. */
function cell(text) {
    return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(String(text))) || '—';
}
/** A message's HTML (an error, a fix, a detail): redacted, escaped, its `code` spans as <code>; never empty. */
function prose(text) {
    return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .proseHtml */ .pA)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(String(text))) || '—';
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
    summary.addDetails(`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(label)} (${rows.length})`, `\n\n${table}\n\n`);
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
        prose(p.message)
    ]));
}
/** A closing line linking to the run (this attempt) and the commit, so a summary read elsewhere says where it is from. */
function addRunLinks(summary, links) {
    const parts = [];
    if (links.runUrl)
        parts.push(`<a href="${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(links.runUrl)}">this run</a>`);
    if (links.commit) {
        const sha = `<code>${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(links.commit.sha.slice(0, 7))}</code>`;
        parts.push(`commit ${links.commit.url ? `<a href="${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(links.commit.url)}">${sha}</a>` : sha}`);
    }
    if (parts.length > 0)
        summary.addRaw(`<p><sub>From ${parts.join(', ')}.</sub></p>`, true);
}
/** A pull request's dry-run whose identity could write: each warning, then the fix, once. */
function addWriteAccessWarnings(summary, warnings, fix) {
    if (warnings.length === 0)
        return;
    summary.addHeading('⚠️ This pull request ran with an identity that can write', 3);
    summary.addRaw(`<ul>${warnings.map((w) => `<li>${prose(w)}</li>`).join('')}</ul><p>${prose(fix)}</p>`, true);
}
function addFailure(summary, message) {
    summary.addHeading('❌ The action failed', 3);
    summary.addRaw(`<pre>${prose(message)}</pre>`, true);
}


/***/ }),

/***/ 27194:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   dK: () => (/* binding */ mask)
/* harmony export */ });
/* unused harmony export PIECE */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
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
function forms(secret) {
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
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.setSecret(secret);
    }
}
function buildIndex() {
    const pieces = new Map();
    const chars = new Set();
    // Short values would redact ordinary words; secrets handled here are tokens, keys and passwords.
    for (const form of [...known].filter((s) => s.length >= PIECE).flatMap(forms)) {
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


/***/ }),

/***/ 22519:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ isGuid)
/* harmony export */ });
// The GUID pattern, once: Entra object and application ids, Databricks account ids, tenant and client ids.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether the value (trimmed) is a GUID. */
const isGuid = (value) => value !== undefined && GUID.test(value.trim());


/***/ })

};
