export const id = 877;
export const ids = [877];
export const modules = {

/***/ 2877:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runValidate: () => (/* binding */ runValidate),
  validate: () => (/* binding */ validate)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/config/index.ts
var src_config = __webpack_require__(89750);
// EXTERNAL MODULE: ./src/config/problems.ts
var problems = __webpack_require__(34968);
// EXTERNAL MODULE: ./src/sources/entra/resolve.ts
var resolve = __webpack_require__(15861);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/github/pull-request-comment.ts + 1 modules
var pull_request_comment = __webpack_require__(70265);
// EXTERNAL MODULE: ./src/report/annotations.ts
var annotations = __webpack_require__(856);
// EXTERNAL MODULE: ./src/config/max-deletions.ts
var max_deletions = __webpack_require__(69170);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
// EXTERNAL MODULE: ./src/report/summary.ts
var report_summary = __webpack_require__(57994);
;// CONCATENATED MODULE: ./src/report/validation-summary.ts
// Job summary of command: validate.




function addValidationSummary(summary, result) {
    addValidationHeadline(summary, result);
    addFilesChecked(summary, result);
    addWorkspacesTable(summary, result);
    addGroupsTable(summary, result);
    addOnlineCheckNote(summary, result);
    (0,report_summary/* addProblemsTable */.WI)(summary, result.problems);
}
function addValidationHeadline(summary, result) {
    const { errors, warnings } = (0,problems/* countBySeverity */.Ot)(result.problems);
    const groups = result.workspaces.reduce((n, ws) => n + ws.groups.length, 0);
    const icon = errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅';
    summary.addHeading(`${icon} Databricks identity config: ${errors > 0 ? 'invalid' : 'valid'}`, 2);
    summary.addRaw(`<p>${(0,markdown/* plural */.LS)(result.files.length, 'file')} checked, ${(0,markdown/* plural */.LS)(result.workspaces.length, 'workspace')}, ${(0,markdown/* plural */.LS)(groups, 'group')}: ` +
        `${(0,markdown/* plural */.LS)(errors, 'error')}, ${(0,markdown/* plural */.LS)(warnings, 'warning')}.</p>`, true);
}
function addFilesChecked(summary, result) {
    if (result.files.length === 0)
        return;
    summary.addHeading('Files checked', 3);
    summary.addList(result.files.map((f) => `<code>${(0,report_summary/* cell */.Hn)(f)}</code>`));
}
function addWorkspacesTable(summary, result) {
    if (result.workspaces.length === 0)
        return;
    summary.addHeading('Workspaces', 3);
    (0,report_summary/* addTable */.GC)(summary, 'Workspaces', (0,report_summary/* header */.wx)('Workspace', 'Host', 'Auth', 'Groups', 'Max deletions', 'Declared in'), result.workspaces.map((ws) => [
        (0,report_summary/* cell */.Hn)(ws.name),
        (0,report_summary/* cell */.Hn)(ws.host),
        (0,report_summary/* cell */.Hn)(ws.auth === 'pat' ? 'PAT from Key Vault' : 'Entra token'),
        (0,report_summary/* cell */.Hn)(ws.groups.length),
        (0,report_summary/* cell */.Hn)((0,max_deletions/* formatMaxDeletions */.b)(ws.maxDeletions)),
        (0,report_summary/* cell */.Hn)(`${ws.at.file}:${ws.at.line}`)
    ]));
}
function addGroupsTable(summary, result) {
    const rows = result.workspaces.flatMap((ws) => ws.groups.map((g) => {
        const found = result.online?.resolved.get(g.entra.toLowerCase());
        return [
            (0,report_summary/* cell */.Hn)(ws.name),
            (0,report_summary/* cell */.Hn)(g.entra),
            g.membersOnly ? '<em>members only</em>' : (0,report_summary/* cell */.Hn)(g.databricks),
            (0,report_summary/* cell */.Hn)(g.entitlements.join(', ') || '—'),
            (0,report_summary/* cell */.Hn)(`${g.removal}, ${g.nested}`),
            ...(result.online ? [found ? `✅ <code>${(0,report_summary/* cell */.Hn)(found.id)}</code>` : '❌'] : [])
        ];
    }));
    if (rows.length === 0)
        return;
    summary.addHeading('Groups', 3);
    (0,report_summary/* addTable */.GC)(summary, 'Groups', (0,report_summary/* header */.wx)('Workspace', 'Entra group', 'Databricks group', 'Entitlements', 'Removal, nesting', ...(result.online ? ['In Entra'] : [])), rows);
}
function addOnlineCheckNote(summary, result) {
    if (result.online) {
        const ok = result.online.resolved.size;
        summary.addRaw(`<p>Online check in tenant <code>${(0,report_summary/* cell */.Hn)(result.online.tenantId)}</code>: ${ok} of ${(0,markdown/* plural */.LS)(result.online.checked, 'Entra group')} resolved to exactly one group.</p>`, true);
    }
    else {
        summary.addRaw('<p>Online check skipped: set <code>tenant-id</code> and <code>client-id</code> to check that every Entra group exists.</p>', true);
    }
}

// EXTERNAL MODULE: ./src/report/pr-comment.ts
var pr_comment = __webpack_require__(71914);
// EXTERNAL MODULE: ./src/util/concurrency.ts
var concurrency = __webpack_require__(43731);
// EXTERNAL MODULE: ./src/wiring.ts + 24 modules
var wiring = __webpack_require__(52414);
;// CONCATENATED MODULE: ./src/commands/validate.ts
// command: validate — the PR check. Reads every config file, reports every problem at file:line, and
// optionally checks online that each Entra group resolves to exactly one group. Never writes anywhere.











/** Graph lookups in flight at once: enough to be quick, few enough to stay clear of throttling. */
const LOOKUP_CONCURRENCY = 8;
async function validate(options) {
    const { config, problems } = await (0,src_config/* loadConfig */.Z9)(options.config, {
        cwd: options.cwd,
        allowOutside: options.allowOutside ?? false
    });
    const selection = (0,src_config/* selectTargets */.Dv)(config, options.workspaces);
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
            result.onlineError = (0,errors/* describeError */.Uc)(error);
        }
    }
    result.problems = (0,src_config/* sortProblems */.dS)(all, config.files);
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
            resolved.set(key, (0,resolve/* exactlyOneGroup */.q)(use.ref, found, ` in tenant ${directory.tenantId}`));
        }
        catch (error) {
            const message = error instanceof errors/* ActionError */.lZ && error.fix ? `${error.message} ${error.fix}` : (0,errors/* describeError */.Uc)(error);
            for (const g of use.groups)
                problems.push(problemAt(g, message));
        }
    };
    // The first lookup also signs in; when that fails every lookup would fail alike, so the caller says it once.
    const first = entries[0];
    if (first)
        record(first, await entra.findGroups(first[1].ref));
    await (0,concurrency/* mapLimit */.s)(entries.slice(1), LOOKUP_CONCURRENCY, async (entry) => {
        try {
            record(entry, await entra.findGroups(entry[1].ref));
        }
        catch (error) {
            for (const g of entry[1].groups) {
                problems.push(problemAt(g, `could not look up Entra group "${entry[1].ref}": ${(0,errors/* describeError */.Uc)(error)}`));
            }
        }
    });
    return { check: { tenantId: directory.tenantId, resolved, checked: uses.size }, problems };
}
function problemAt(group, message) {
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
    const settings = (0,wiring/* signInSettings */.mH)(inputs);
    const result = await validate({
        config: inputs.config,
        workspaces: inputs.workspaces,
        cwd: (0,wiring/* workspaceDir */.zf)(),
        allowOutside: inputs.allowOutsideWorkspace,
        ...(settings
            ? { directory: { tenantId: settings.tenantId, open: () => (0,wiring/* signIn */.Jv)(settings, inputs.graphEndpoint).directory } }
            : {})
    });
    (0,annotations/* annotate */.f)(result.problems, core);
    addValidationSummary(core.summary, result);
    await (0,pull_request_comment/* commentOnPullRequest */.r)((0,pr_comment/* validationSection */.LN)(result), inputs);
    const { errors, warnings } = (0,problems/* countBySeverity */.Ot)(result.problems);
    core.setOutput('errors', errors);
    core.setOutput('warnings', warnings);
    core.info(`Checked ${result.files.length} file(s), ${result.workspaces.length} workspace(s): ${errors} error(s), ${warnings} warning(s).`);
    if (result.onlineError)
        throw new Error(`The online check of Entra groups could not run. ${result.onlineError}`);
    if (errors > 0)
        core.setFailed(`Config validation found ${errors} error(s); see the annotations and the job summary.`);
}


/***/ })

};
