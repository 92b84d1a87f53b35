export const id = 265;
export const ids = [265];
export const modules = {

/***/ 50541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Iw: () => (/* binding */ countTargetChanges),
/* harmony export */   N_: () => (/* binding */ targetChanges),
/* harmony export */   UT: () => (/* binding */ STEPS),
/* harmony export */   _5: () => (/* binding */ targetError),
/* harmony export */   s6: () => (/* binding */ failedTargets),
/* harmony export */   uh: () => (/* binding */ targetStatus),
/* harmony export */   wc: () => (/* binding */ targetResults),
/* harmony export */   xS: () => (/* binding */ countChanges)
/* harmony export */ });
/* unused harmony exports changesOf, changesIn */
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
/**
 * The unit of "a change": each member added to or removed from a group counts once (as the summary's member columns
 * count them, and as one membership is one change in Databricks), and every other operation once (an identity
 * created, renamed, deactivated or deleted, an entitlement set, an assignment, a denylist rule, a principal resolved).
 */
const changesIn = (op) => op.kind === 'add-members' || op.kind === 'remove-members' ? op.members.length : 1;
/** A target's changes made (or, with dry-run, planned), in that unit: its Changes column in the summary. */
const countTargetChanges = (target) => targetChanges(target).reduce((n, r) => n + changesIn(r.operation), 0);
/** Changes made (or, with dry-run, planned) across targets: the `changes` output and the summary's headline. */
const countChanges = (result) => result.workspaces.reduce((n, t) => n + countTargetChanges(t), 0);
/** Targets that failed or were stopped by a circuit breaker. */
const failedTargets = (result) => result.workspaces.filter((t) => ['failed', 'tripped'].includes(targetStatus(t))).map((t) => t.workspace);
/** Every operation result of a target, in step order. */
const targetResults = (target) => target.steps.flatMap((s) => s.results);
/** A target's error text: its own, then each step's. */
const targetError = (target) => {
    const errors = [target.error, ...target.steps.map((s) => s.error)].filter((e) => e !== undefined);
    return errors.length > 0 ? errors.join(' ') : undefined;
};


/***/ }),

/***/ 70265:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  r: () => (/* binding */ commentOnPullRequest)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
// EXTERNAL MODULE: ./src/report/pr-comment.ts
var pr_comment = __webpack_require__(71914);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(27194);
// EXTERNAL MODULE: ./src/net.ts
var net = __webpack_require__(88316);
;// CONCATENATED MODULE: ./src/github/client.ts

async function githubClient(token, apiUrl) {
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 92413));
    const octokit = getOctokit(token, { baseUrl: apiUrl });
    const timeoutMs = (0,net/* requestTimeoutMs */.Hl)(process.env);
    octokit.hook.wrap('request', async (request, options) => {
        // Changed in place: every hook of the chain is bound to this one options object.
        options.request = { ...options.request, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) };
        const response = await request(options);
        if (response.status >= 300 && response.status < 400) {
            const location = response.headers.location;
            throw new Error(`GitHub answered ${options.method} ${options.url} with a redirect (${response.status}) to ${(0,net/* redirectTarget */.ET)(location, apiUrl)}, which the action does not follow.`);
        }
        return response;
    });
    return octokit;
}
/** The HTTP status and GitHub's permission header of a failed request, when it was answered. */
function requestFailure(error) {
    const e = error;
    const accepted = e?.response?.headers?.['x-accepted-github-permissions'];
    return {
        ...(typeof e?.status === 'number' && e.status > 0 ? { status: e.status } : {}),
        ...(typeof accepted === 'string' ? { accepted } : {}),
        message: typeof e?.message === 'string' ? e.message : String(error)
    };
}

;// CONCATENATED MODULE: ./src/github/pull-request-comment.ts
// The result as one comment on the pull request, updated on each push: found by its hidden marker (one comment per
// workflow, job, and workspace/config inputs, so matrix jobs and separate validate and dry-run jobs each keep
// theirs), created when there is something to report, rewritten when there is no longer. Optional labels follow the
// planned changes. A comment is a report, never the result: when GitHub refuses it (a fork's read-only token, a
// missing permission), the run says so in a warning and the job summary and goes on.





/** Comments on this run's pull request, when there is one and the mode asks for it; never throws. */
async function commentOnPullRequest(section, inputs) {
    if (inputs.comment === 'never')
        return 'off';
    const pr = inputs.pullRequest;
    if (!pr)
        return 'not a pull request';
    if (!inputs.githubToken) {
        core.warning('No comment on the pull request: the github-token input is empty. Leave it at its default (the workflow token).');
        return 'no token';
    }
    const client = await githubClient(inputs.githubToken, pr.apiUrl);
    const key = {
        workflow: pr.workflow,
        job: pr.job,
        workspaces: inputs.workspaces.join(','),
        config: inputs.config
    };
    let step = 'read the comments of';
    try {
        const marker = (0,pr_comment/* commentMarker */.Ql)(key);
        const existing = await findComment(client, pr, marker);
        let outcome = 'nothing to report';
        if (existing || inputs.comment === 'always' || section.reportable) {
            // Built from the summary's redacted text already; redacted again as a whole before it leaves the runner.
            const body = (0,secrets/* redact */.E$)((0,pr_comment/* composeComment */.Sq)(marker, section, pr, existing?.body).body);
            const where = { owner: pr.owner, repo: pr.repo };
            step = existing ? 'update its comment on' : 'comment on';
            if (existing)
                await client.rest.issues.updateComment({ ...where, comment_id: existing.id, body });
            else
                await client.rest.issues.createComment({ ...where, issue_number: pr.number, body });
            outcome = existing ? 'updated' : 'created';
        }
        if (inputs.labelsOnChange.length > 0 && section.changes !== undefined) {
            step = 'label';
            await followChanges(client, pr, inputs.labelsOnChange, section.changes > 0);
        }
        core.info(`Pull request #${pr.number}: ${outcome === 'nothing to report' ? 'nothing to report, no comment' : `comment ${outcome}`}.`);
        return outcome;
    }
    catch (error) {
        return reportFailure(error, pr, step);
    }
}
async function findComment(client, pr, marker) {
    const comments = await client.paginate(client.rest.issues.listComments, {
        owner: pr.owner,
        repo: pr.repo,
        issue_number: pr.number,
        per_page: 100
    });
    const found = comments.find((c) => c.body?.startsWith(`${marker}\n`));
    return found ? { id: found.id, body: found.body ?? '' } : undefined;
}
/** Adds the labels that are missing while there are changes, removes those present when there are none. */
async function followChanges(client, pr, labels, on) {
    const where = { owner: pr.owner, repo: pr.repo, issue_number: pr.number };
    const current = new Set((await client.paginate(client.rest.issues.listLabelsOnIssue, { ...where, per_page: 100 })).map((l) => l.name));
    const missing = labels.filter((l) => !current.has(l));
    if (on && missing.length > 0)
        await client.rest.issues.addLabels({ ...where, labels: missing });
    if (!on) {
        for (const name of labels.filter((l) => current.has(l)))
            await client.rest.issues.removeLabel({ ...where, name });
    }
}
function reportFailure(error, pr, step) {
    const failure = requestFailure(error);
    const asked = failure.accepted ? ` (GitHub asks for ${failure.accepted})` : '';
    const readOnly = failure.status === 403;
    const message = readOnly
        ? `Could not ${step} pull request #${pr.number}: the token may not write to it${asked}. ` +
            'A pull request from a fork gets a read-only workflow token, so there is no comment; the job summary has the result. ' +
            'For pull requests from branches of this repository, give the job the permission pull-requests: write.'
        : `Could not ${step} pull request #${pr.number}: ${failure.status ? `GitHub answered ${failure.status}: ` : ''}${failure.message}. The job summary has the result.`;
    core.warning((0,secrets/* redact */.E$)(message));
    core.summary.addRaw(`<p>💬 ${(0,markdown/* escapeHtml */.ZD)((0,secrets/* redact */.E$)(message))}</p>`, true);
    return readOnly ? 'refused' : 'failed';
}


/***/ }),

/***/ 71914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LN: () => (/* binding */ validationSection),
/* harmony export */   Ql: () => (/* binding */ commentMarker),
/* harmony export */   Sq: () => (/* binding */ composeComment),
/* harmony export */   x8: () => (/* binding */ syncSection)
/* harmony export */ });
/* unused harmony exports COMMENT_LIMIT, keptSections, cutAtBlock */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _config_problems_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(34968);
/* harmony import */ var _core_results_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(50541);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(54285);
/* harmony import */ var _sync_summary_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(18974);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57994);
// The pull-request comment: one per job (found again by a hidden marker), holding a section per command of the run
// (validate's config problems first, then the sync dry-run's plan), each rendered by the job summary's own
// builders, so it folds long tables as the summary does. GitHub refuses a comment over 65,536 characters: a section
// is rendered within what the others leave, and what is still too long is cut at a block boundary, with a link to
// the run's summary.






/** GitHub's limit on a comment body, in characters. */
const COMMENT_LIMIT = 65_536;
/** Room kept for the cut note, the footer and the markers around each section. */
const RESERVE = 1_024;
const TOOL = 'entra-databricks-sync';
/** Sections in the order the comment shows them: config problems before what would change. */
const ORDER = ['validate', 'sync'];
/** The hidden first line that finds this job's comment again; its values are URI-encoded, so it cannot end early. */
function commentMarker(key) {
    const parts = [key.workflow, key.job, key.workspaces, key.config].map(encodeURIComponent);
    return `<!-- ${TOOL}:comment ${parts.join('/')} -->`;
}
const runTag = (run) => `${run.runId}.${run.runAttempt}`;
const SECTION = new RegExp(`<!-- ${TOOL}:section (validate|sync) run=([\\w.]+) -->\\n([\\s\\S]*?)\\n<!-- ${TOOL}:end -->`, 'g');
/** The sections of an earlier body that this run keeps: those of this run's other commands. */
function keptSections(previous, run, command) {
    if (!previous)
        return [];
    return [...previous.matchAll(SECTION)]
        .map((m) => ({ command: m[1], run: m[2], body: m[3] }))
        .filter((s) => s.run === runTag(run) && s.command !== command);
}
/** The whole comment: the marker, this run's sections in order, and a footer that links the run. */
function composeComment(marker, section, run, previous) {
    const kept = keptSections(previous, run, section.command);
    const footer = footerOf(run);
    const fixed = marker.length + footer.length + kept.reduce((n, s) => n + s.body.length, 0) + RESERVE * (kept.length + 1);
    const room = Math.max(0, COMMENT_LIMIT - fixed);
    let body = section.render(room);
    let cut = false;
    if (body.length > room) {
        body = cutAtBlock(body, Math.max(0, room - cutNote(run).length)) + cutNote(run);
        cut = true;
    }
    const sections = [...kept, { command: section.command, run: runTag(run), body }].sort((a, b) => ORDER.indexOf(a.command) - ORDER.indexOf(b.command));
    const text = sections
        .map((s) => `<!-- ${TOOL}:section ${s.command} run=${s.run} -->\n${s.body}\n<!-- ${TOOL}:end -->`)
        .join('\n');
    return { body: `${marker}\n${text}\n${footer}`, cut };
}
function footerOf(run) {
    const commit = run.headSha ? ` for ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeHtml */ .ZD)(run.headSha.slice(0, 7))}` : '';
    return `\n<sub>Updated${commit} by <a href="${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeHtml */ .ZD)(run.runUrl)}">run ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeHtml */ .ZD)(run.runId)}</a> of ${TOOL}; the job summary there has every detail.</sub>`;
}
function cutNote(run) {
    return `\n<p>✂️ <strong>Cut to fit GitHub's limit of ${COMMENT_LIMIT.toLocaleString('en-US')} characters per comment.</strong> The whole result is in the <a href="${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeHtml */ .ZD)(run.runUrl)}">job summary of the run</a>.</p>`;
}
/**
 * The longest start of `html` up to `max` characters that ends at a line break outside any table or <details>:
 * the summary writes each block on its own line, so the cut never leaves a tag open.
 */
function cutAtBlock(html, max) {
    let best = 0;
    let open = 0;
    const tags = /<(\/?)(details|table)\b|\n/g;
    for (let m = tags.exec(html); m && m.index <= max; m = tags.exec(html)) {
        if (m[0] === '\n') {
            if (open === 0)
                best = m.index;
        }
        else
            open += m[1] ? -1 : 1;
    }
    return html.slice(0, best);
}
// ---- sections
/** A summary builder of its own, so a section is rendered without touching the job summary's buffer. */
function scratch() {
    const Builder = _actions_core__WEBPACK_IMPORTED_MODULE_0__.summary.constructor;
    return new Builder();
}
/** validate: whether the config is valid, then its problems (folded as in the summary), then the online check. */
function validationSection(result) {
    const { errors, warnings } = (0,_config_problems_js__WEBPACK_IMPORTED_MODULE_5__/* .countBySeverity */ .Ot)(result.problems);
    const render = (rows) => {
        const s = scratch();
        const icon = errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅';
        s.addHeading(`${icon} Databricks identity config: ${errors > 0 ? 'invalid' : 'valid'}`, 2);
        const online = result.online
            ? ` Every Entra group was looked up in tenant <code>${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .cell */ .Hn)(result.online.tenantId)}</code>: ${result.online.resolved.size} of ${result.online.checked} resolved.`
            : '';
        s.addRaw(`<p>${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(result.files.length, 'file')} checked, ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(result.workspaces.length, 'workspace')}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(errors, 'error')}, ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(warnings, 'warning')}.${online}</p>`, true);
        (0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .addProblemsTable */ .WI)(s, result.problems.slice(0, rows));
        if (rows < result.problems.length) {
            s.addRaw(`<p>The first ${rows} of ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(result.problems.length, 'problem')} are listed here.</p>`, true);
        }
        return s.stringify();
    };
    return {
        command: 'validate',
        reportable: errors + warnings > 0,
        render: (max) => render(mostThatFit(result.problems.length, (rows) => render(rows).length <= max))
    };
}
/** sync (dry-run): the job summary's headline, overview and per-workspace plan, cut to the room left. */
function syncSection(result) {
    const changes = (0,_core_results_js__WEBPACK_IMPORTED_MODULE_1__/* .countChanges */ .xS)(result);
    const trouble = result.workspaces.some((ws) => ['failed', 'tripped', 'skipped'].includes((0,_core_results_js__WEBPACK_IMPORTED_MODULE_1__/* .targetStatus */ .uh)(ws)));
    return {
        command: 'sync',
        reportable: changes > 0 || trouble,
        changes,
        render: (max) => {
            const s = scratch();
            // The budget is in UTF-8 bytes, never fewer than characters: a body within it is within `max` characters.
            (0,_sync_summary_js__WEBPACK_IMPORTED_MODULE_2__/* .addSyncSummary */ .NY)(s, result, { budgetBytes: max });
            return s.stringify();
        }
    };
}
/** The largest n in 0..total for which fits(n) holds (fits shrinks as n grows). */
function mostThatFit(total, fits) {
    if (fits(total))
        return total;
    let lo = 0;
    let hi = total - 1;
    while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (fits(mid))
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}


/***/ }),

/***/ 18974:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  NY: () => (/* binding */ addSyncSummary)
});

// UNUSED EXPORTS: MEMBER_LIST_LIMIT, SUMMARY_BUDGET_BYTES, breakerMessage

// EXTERNAL MODULE: ./src/config/max-deletions.ts
var max_deletions = __webpack_require__(69170);
// EXTERNAL MODULE: ./src/core/operations.ts
var operations = __webpack_require__(86545);
// EXTERNAL MODULE: ./src/core/results.ts
var results = __webpack_require__(50541);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
;// CONCATENATED MODULE: ./src/report/detail-table.ts
// The pieces of a summary's detail tables that the sync summary and its parts share: the mode a step's tables
// read in, a table, and its title in that mode.
/** A table title in the workspace's mode: "Members added", "Would add members", "Planned, not applied: …". */
function title(mode, done, planned) {
    if (mode === 'applied')
        return done;
    return mode === 'dry-run' ? `Would ${planned}` : `Planned, not applied: ${planned}`;
}

// EXTERNAL MODULE: ./src/report/summary.ts
var report_summary = __webpack_require__(57994);
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
const who = (p) => `${(0,operations/* aimKindLabel */.UU)(p.kind)} ${(0,report_summary/* cell */.Hn)(p.name)}`;
const READINESS_CHECKS = {
    'external-id-missing': 'externalId missing',
    'external-id-mismatch': 'externalId is not its Entra object id',
    duplicate: 'duplicate',
    'shadowing-group': 'workspace-local group shadows an account group',
    unchecked: 'not checked'
};
function aimTables(mode, ops, findings) {
    const resolved = ops.flatMap((op) => op.kind === 'resolve-principal' ? [[who(op.principal), (0,report_summary/* cell */.Hn)(op.principal.externalId)]] : []);
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
                (0,report_summary/* cell */.Hn)(op.principal.externalId)
            ]
        ]
        : []);
    const access = ops.flatMap((op) => {
        if (op.kind === 'assign-principal') {
            return [[mode === 'applied' ? 'assigned' : 'assign', who(op.principal), (0,report_summary/* cell */.Hn)(op.workspace), (0,report_summary/* cell */.Hn)(op.permission)]];
        }
        if (op.kind === 'unassign-principal') {
            return [[mode === 'applied' ? 'unassigned' : 'unassign', who(op.principal), (0,report_summary/* cell */.Hn)(op.workspace), '—']];
        }
        if (op.kind === 'set-workspace-entitlements') {
            return [
                [
                    mode === 'applied' ? 'entitlements set' : 'set entitlements',
                    who(op.principal),
                    (0,report_summary/* cell */.Hn)(op.workspace),
                    `${(0,report_summary/* cell */.Hn)(op.from.join(', ') || 'none')} → ${(0,report_summary/* cell */.Hn)(op.entitlements.join(', ') || 'none')}`
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
                (0,report_summary/* cell */.Hn)(f.subject),
                (0,report_summary/* cell */.Hn)(READINESS_CHECKS[f.check ?? ''] ?? f.check ?? ''),
                (0,report_summary/* prose */.CS)(f.detail),
                (0,report_summary/* prose */.CS)(f.fix ?? '—')
            ])
        },
        {
            label: 'Assigned, not in the config (left as they are)',
            head: ['Principal', 'Assignment', 'To manage it'],
            rows: of('drift').map((f) => [(0,report_summary/* cell */.Hn)(f.subject), (0,report_summary/* prose */.CS)(f.detail), (0,report_summary/* prose */.CS)(f.fix ?? '—')])
        },
        {
            label: 'Denylist rules not in the config (left as they are)',
            head: ['Principal', 'Rule', 'To manage it'],
            rows: of('unmanaged-rule').map((f) => [(0,report_summary/* cell */.Hn)(f.subject), (0,report_summary/* prose */.CS)(f.detail), (0,report_summary/* prose */.CS)(f.fix ?? '—')])
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
    const changes = (0,results/* countChanges */.xS)(result);
    const bad = counts.failed + counts.tripped;
    const icon = bad > 0 ? '❌' : result.dryRun ? '📝' : '✅';
    const title = result.dryRun ? 'Entra ID → Databricks sync (dry run)' : 'Entra ID → Databricks sync';
    const outcome = result.signInError
        ? ': signing in failed'
        : bad > 0
            ? `: ${(0,markdown/* plural */.LS)(bad, 'workspace')} failed or stopped`
            : '';
    summary.addHeading(`${icon} ${title}${outcome}`, 2);
    const parts = [
        `${counts.changed} ${result.dryRun ? 'would change' : 'changed'}`,
        `${counts.unchanged} unchanged`,
        `${counts.failed} failed`,
        `${counts.tripped} stopped by the circuit breaker`,
        `${counts.skipped} skipped`
    ];
    const total = result.dryRun
        ? `${(0,markdown/* plural */.LS)(changes, 'change')} planned; nothing was written`
        : `${(0,markdown/* plural */.LS)(changes, 'change')} made`;
    const g = result.graph;
    const graph = g
        ? `<br>Microsoft Graph: ${(0,markdown/* plural */.LS)(g.total, 'request')} for ${(0,markdown/* plural */.LS)(g.reads, 'read')}, ${g.throttled} throttled (429), ` +
            `${(0,markdown/* plural */.LS)(g.retries, 'retry', 'retries')}, ${(g.waitedMs / 1000).toFixed(1)} s waited.`
        : '';
    if (result.signInError) {
        // The error itself is shown once, where the action's failure is (never again under each workspace).
        summary.addRaw(`<p>Signing in failed, so none of the ${(0,markdown/* plural */.LS)(result.workspaces.length, 'target')} was read or changed; the error is below.</p>`, true);
        return;
    }
    summary.addRaw(`<p>${(0,markdown/* plural */.LS)(result.workspaces.length, 'workspace')}: ${parts.join(', ')}. ${total}.${graph}</p>`, true);
}
function countStatuses(result) {
    const counts = { changed: 0, unchanged: 0, failed: 0, tripped: 0, skipped: 0 };
    for (const ws of result.workspaces) {
        const status = (0,results/* targetStatus */.uh)(ws);
        if (status === 'planned')
            counts[(0,results/* targetChanges */.N_)(ws).length > 0 ? 'changed' : 'unchanged']++;
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
    const assignments = result.workspaces.some((ws) => (0,results/* targetResults */.wc)(ws).some((r) => isAssignment(r.operation)));
    (0,report_summary/* addTable */.GC)(summary, 'Workspaces', (0,report_summary/* header */.wx)('Workspace', 'Status', 'Created', 'Members added', 'Members removed', 'Deactivated / deleted', ...(assignments ? ['Workspace assignments'] : []), 'Skipped', 'Errors', 'Changes', 'Databricks requests', '429s'), result.workspaces.map((ws) => {
        const ops = (0,results/* targetChanges */.N_)(ws).map((r) => r.operation);
        return [
            (0,report_summary/* cell */.Hn)(ws.workspace),
            statusLabel(ws),
            (0,report_summary/* cell */.Hn)(ops.filter((op) => (0,operations/* phaseOf */.hU)(op) === 'create').length),
            (0,report_summary/* cell */.Hn)(memberCount(ops, 'add-members')),
            (0,report_summary/* cell */.Hn)(memberCount(ops, 'remove-members')),
            (0,report_summary/* cell */.Hn)(ops.filter((op) => (0,operations/* phaseOf */.hU)(op) === 'retire').length),
            ...(assignments ? [assignmentCount(ops)] : []),
            (0,report_summary/* cell */.Hn)(ws.steps.reduce((n, step) => n + (step.plan?.skips.length ?? 0), 0)),
            (0,report_summary/* cell */.Hn)(errorCount(ws)),
            (0,report_summary/* cell */.Hn)((0,results/* countTargetChanges */.Iw)(ws)),
            (0,report_summary/* cell */.Hn)(ws.requests?.total ?? '—'),
            (0,report_summary/* cell */.Hn)(ws.requests?.throttled ?? '—')
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
    return unassigned > 0 ? (0,report_summary/* cell */.Hn)(`${assigned + unassigned} (${unassigned} unassigned)`) : (0,report_summary/* cell */.Hn)(assigned);
}
const STATUS_LABELS = {
    changed: '✅ changed',
    unchanged: '✅ unchanged',
    planned: '📝 would change',
    tripped: '⛔ circuit breaker',
    skipped: '⏭️ skipped',
    failed: '❌ failed'
};
function statusLabel(ws) {
    const status = (0,results/* targetStatus */.uh)(ws);
    if (status === 'planned' && (0,results/* targetChanges */.N_)(ws).length === 0)
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
    const failed = (0,results/* targetResults */.wc)(ws).filter((r) => r.status === 'failed').length;
    return failed > 0 ? failed : (0,results/* targetStatus */.uh)(ws) === 'failed' ? 1 : 0;
}
function memberCount(ops, kind) {
    return ops.reduce((n, op) => n + (op.kind === kind ? op.members.length : 0), 0);
}
// ---- one workspace
function addWorkspaceStatus(summary, ws) {
    summary.addHeading(`${(0,report_summary/* cell */.Hn)(ws.workspace)} — ${statusLabel(ws)}`, 3);
    const lines = [`<code>${(0,report_summary/* cell */.Hn)(ws.host)}</code>`, ...statusSentences(ws)];
    const r = ws.requests;
    if (r) {
        lines.push(`Databricks: ${(0,markdown/* plural */.LS)(r.total, 'request')}, ${r.throttled} throttled (429), ${(0,markdown/* plural */.LS)(r.retries, 'retry', 'retries')}, ` +
            `${(r.waitedMs / 1000).toFixed(1)} s waited.`);
    }
    summary.addRaw(`<p>${lines.join('<br>')}</p>`, true);
}
/** One sentence for a target of one step (or none); one per step, named, when it has several. */
function statusSentences(ws) {
    if (ws.steps.length === 0) {
        return [ws.error ? `❌ Failed: ${(0,report_summary/* prose */.CS)(ws.error)}` : 'Unchanged: nothing is configured for this workspace.'];
    }
    if (ws.steps.length === 1)
        return [statusSentence(ws.steps[0])];
    return ws.steps.map((step) => `${capitalized(results/* STEPS */.UT[step.step])}: ${statusSentence(step)}`);
}
const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);
function statusSentence(step) {
    const findings = step.plan?.findings?.length ?? 0;
    const found = findings > 0 ? ` ${(0,markdown/* plural */.LS)(findings, FINDING_NOUN[step.step] ?? 'finding')} reported below.` : '';
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
            return `Changed: ${(0,markdown/* plural */.LS)(ops, 'operation')} applied.`;
        case 'unchanged':
            return 'Unchanged: Databricks already matches Entra.';
        case 'planned':
            return ops > 0
                ? `Dry run: ${(0,markdown/* plural */.LS)(ops, 'operation')} would be applied; nothing was written.`
                : 'Dry run: no changes needed.';
        case 'tripped':
            return step.plan
                ? `⛔ ${(0,report_summary/* prose */.CS)(breakerMessage(step.plan.breaker))}`
                : `⛔ ${(0,report_summary/* prose */.CS)(step.error ?? 'circuit breaker')}`;
        case 'skipped':
            return `Skipped: ${(0,report_summary/* prose */.CS)(step.error ?? 'nothing was planned')}`;
        case 'failed': {
            const failed = step.results.filter((r) => r.status === 'failed').length;
            const done = step.results.filter((r) => r.status === 'done').length;
            const counts = ops > 0 ? ` (${failed} of ${(0,markdown/* plural */.LS)(ops, 'operation')} failed, ${done} done)` : '';
            return `❌ Failed${counts}: ${(0,report_summary/* prose */.CS)(step.error ?? 'see the failed operations')}`;
        }
    }
}
function breakerMessage(breaker) {
    return (`circuit breaker: ${(0,markdown/* plural */.LS)(breaker.removals, 'removal')} > limit ${breaker.limit} (${(0,max_deletions/* formatMaxDeletions */.b)(breaker.maxDeletions)} of ${breaker.base} managed): ` +
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
        members(mode, ops, 'add-members'),
        members(mode, ops, 'remove-members'),
        entitlements(mode, ops),
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
    summary.addHeading((0,markdown/* escapeHtml */.ZD)(label), 4);
    (0,report_summary/* addTable */.GC)(summary, label, (0,report_summary/* header */.wx)(...table.head), table.rows.slice(0, rows));
}
function createdIdentities(mode, ops) {
    const rows = [];
    for (const op of ops) {
        if (op.kind === 'create-user') {
            rows.push(['user', (0,report_summary/* cell */.Hn)(op.displayName), (0,report_summary/* cell */.Hn)(op.userName), (0,report_summary/* cell */.Hn)(op.entitlements.join(', '))]);
        }
        else if (op.kind === 'create-service-principal') {
            rows.push(['service principal', (0,report_summary/* cell */.Hn)(op.displayName), (0,report_summary/* cell */.Hn)(op.applicationId), (0,report_summary/* cell */.Hn)(op.entitlements.join(', '))]);
        }
    }
    return {
        label: title(mode, 'Identities created', 'create identities'),
        head: ['Kind', 'Name', 'User name / application id', 'Entitlements'],
        rows
    };
}
function createdGroups(mode, ops) {
    const rows = ops.flatMap((op) => op.kind === 'create-group' ? [[(0,report_summary/* cell */.Hn)(op.displayName), (0,report_summary/* cell */.Hn)(op.entitlements.join(', '))]] : []);
    return { label: title(mode, 'Groups created', 'create groups'), head: ['Group', 'Entitlements'], rows };
}
function members(mode, ops, kind) {
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
        rows: [...byGroup].map(([group, list]) => [(0,report_summary/* cell */.Hn)(group), (0,report_summary/* cell */.Hn)(list.length), memberList(list)])
    };
}
/** Member names for one cell: folded when long, and at most MEMBER_LIST_LIMIT of them. */
function memberList(list) {
    const names = list.slice(0, MEMBER_LIST_LIMIT).map((m) => (0,report_summary/* cell */.Hn)(m.display || m.key));
    if (list.length > MEMBER_LIST_LIMIT) {
        names.push(`<em>… and ${list.length - MEMBER_LIST_LIMIT} more in the plan output file</em>`);
    }
    // Never an empty cell: the summary writer would leave the tag open.
    const text = names.join(', ') || '—';
    return list.length > report_summary/* FOLD_ROWS */.oW
        ? `<details><summary>${(0,markdown/* plural */.LS)(list.length, 'member')}</summary>${text}</details>`
        : text;
}
function entitlements(mode, ops) {
    const rows = [];
    for (const op of ops) {
        if (op.kind === 'set-group-entitlements') {
            rows.push([`group ${(0,report_summary/* cell */.Hn)(op.group)}`, (0,report_summary/* cell */.Hn)(op.add.join(', ')), (0,report_summary/* cell */.Hn)(op.remove.join(', '))]);
        }
        else if (op.kind === 'add-entitlements') {
            rows.push([principal(op.principal), (0,report_summary/* cell */.Hn)(op.add.join(', ')), '—']);
        }
    }
    return { label: title(mode, 'Entitlements changed', 'change entitlements'), head: ['Of', 'Added', 'Removed'], rows };
}
function renames(mode, ops) {
    const rows = [];
    for (const op of ops) {
        if (op.kind === 'rename-group')
            rows.push(['group', (0,report_summary/* cell */.Hn)(op.from), (0,report_summary/* cell */.Hn)(op.to)]);
        else if (op.kind === 'update-display-name') {
            rows.push([`${(0,operations/* kindLabel */.tf)(op.principal.kind)} ${(0,report_summary/* cell */.Hn)(op.principal.key)}`, (0,report_summary/* cell */.Hn)(op.from), (0,report_summary/* cell */.Hn)(op.to)]);
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
            rows.push([`${verb} ${(0,report_summary/* cell */.Hn)(op.group)} to ${(0,report_summary/* cell */.Hn)(op.workspace)} as ${(0,report_summary/* cell */.Hn)(op.permission)}`]);
        }
        else if (op.kind === 'unassign-from-workspace') {
            const verb = mode === 'applied' ? 'unassigned' : 'unassign';
            rows.push([`${verb} ${(0,report_summary/* cell */.Hn)(op.group)} from ${(0,report_summary/* cell */.Hn)(op.workspace)}`]);
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
        (0,report_summary/* cell */.Hn)(s.subject),
        (0,report_summary/* cell */.Hn)(s.group ?? '—'),
        (0,report_summary/* cell */.Hn)(SKIP_LABELS[s.reason] ?? s.reason),
        (0,report_summary/* prose */.CS)(s.detail)
    ]);
    return { label: 'Skipped', head: ['Who', 'Group', 'Reason', 'Detail'], rows };
}
function unfinishedOperations(step) {
    const rows = unfinished(step).map((r) => [
        (0,report_summary/* cell */.Hn)((0,operations/* describeOperation */.R8)(r.operation)),
        r.status === 'failed' ? (0,report_summary/* prose */.CS)(r.error ?? 'failed') : '<em>not run</em>'
    ]);
    return { label: 'Failed operations', head: ['Operation', 'Error'], rows };
}
function principal(ref) {
    return `${(0,operations/* kindLabel */.tf)(ref.kind)} ${(0,report_summary/* cell */.Hn)(ref.display || ref.key)}`;
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
    const rows = ops.filter((op) => !TABLED.has(op.kind)).map((op) => [(0,report_summary/* cell */.Hn)((0,operations/* describeOperation */.R8)(op))]);
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
        `(the <code>plan</code> output). The details of ${(0,markdown/* plural */.LS)(shortened, 'workspace')} are shortened or left out: ` +
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


/***/ })

};
