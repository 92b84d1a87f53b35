export const id = 999;
export const ids = [999];
export const modules = {

/***/ 62868:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ loadSelected),
/* harmony export */   o: () => (/* binding */ loadForWriting)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(89750);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _report_annotations_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(856);
/* harmony import */ var _report_summary_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(57994);
/* harmony import */ var _wiring_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(52414);
/* harmony import */ var _config_problems_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(34968);
// The selected targets of a valid config, for every command but validate: bad config never reaches the network,
// every problem is annotated at file:line, and the run stops before it signs in.







async function loadSelected(inputs, command) {
    const { config, problems } = await (0,_config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .loadConfig */ .Z9)(inputs.config, {
        cwd: (0,_wiring_js__WEBPACK_IMPORTED_MODULE_5__/* .workspaceDir */ .zf)(),
        allowOutside: inputs.allowOutsideWorkspace
    });
    const selection = (0,_config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .selectTargets */ .Dv)(config, inputs.workspaces);
    const configProblems = [...problems, ...selection.problems];
    const errors = (0,_config_problems_js__WEBPACK_IMPORTED_MODULE_6__/* .countBySeverity */ .Ot)(configProblems).errors;
    if (errors > 0) {
        (0,_report_annotations_js__WEBPACK_IMPORTED_MODULE_3__/* .annotate */ .f)(configProblems, _actions_core__WEBPACK_IMPORTED_MODULE_0__);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.summary.addHeading(`❌ ${command} not started: the config has errors`, 2);
        (0,_report_summary_js__WEBPACK_IMPORTED_MODULE_4__/* .addProblemsTable */ .WI)(_actions_core__WEBPACK_IMPORTED_MODULE_0__.summary, configProblems);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`The config has ${errors} error(s), so nothing was changed.`, 'Fix the problems annotated on the config files (run command: validate on pull requests to catch them before merge).');
    }
    return selection;
}
/** For a command that writes: a valid config, and the sign-in settings it needs. */
async function loadForWriting(inputs, command) {
    const selection = await loadSelected(inputs, command);
    const settings = (0,_wiring_js__WEBPACK_IMPORTED_MODULE_5__/* .signInSettings */ .mH)(inputs);
    if (!settings) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`command: ${command} needs an Entra sign-in, but tenant-id and client-id are not set.`, 'Set tenant-id and client-id (and `permissions: id-token: write`), as the README shows.');
    }
    return { ...selection, settings };
}


/***/ }),

/***/ 71999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runSync: () => (/* binding */ runSync)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/core/results.ts
var results = __webpack_require__(50541);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/github/pull-request-comment.ts + 1 modules
var pull_request_comment = __webpack_require__(70265);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/github/state-cache.ts
// state-file: auto — the incremental-read state kept in the GitHub Actions cache by the action itself
// (@actions/cache), instead of actions/cache steps around it.
//
// Cache entries are immutable, so each run saves under a key of its own (prefix + run id + attempt) and restores by
// the prefix: the newest entry wins. The prefix names everything that makes one state unusable for another job —
// the state format version, the tenant, and a hash of the Graph endpoint, the selected workspaces, whether the
// account is synced and the config input — so matrix jobs (one per workspace), selections, config files and tenants
// never share an entry. The file itself lives under RUNNER_TEMP, outside the checkout.
//
// Caching is best effort: a failed restore or save is a warning (the next run reads everything), never a failure,
// and nothing is deleted. What is restored is as untrusted as any state file (state-file.ts checks it).
// @actions/cache (with the Azure Storage SDK) is loaded only by a run that uses it: a dynamic import, so the bundle
// keeps it in a chunk of its own.




const KEY_NAME = 'entra-databricks-sync-state';
/** The cache entry names for one scope: `prefix` finds this scope's entries, `key` is this run's own. */
function stateCacheKeys(scope, env) {
    const patterns = scope.config
        .split(/[,\n]/)
        .map((p) => p.trim())
        .filter(Boolean)
        .sort();
    const id = (0,external_node_crypto_.createHash)('sha256')
        .update(JSON.stringify({
        graph: scope.graphEndpoint,
        workspaces: [...new Set(scope.workspaces)].sort(),
        account: scope.account,
        config: patterns
    }))
        .digest('hex')
        .slice(0, 16);
    const prefix = `${KEY_NAME}-v${scope.formatVersion}-${scope.tenantId.toLowerCase()}-${id}-`;
    // A run without a run id (outside a runner) still gets a key no other run has.
    const run = /^\d+$/.test(env.GITHUB_RUN_ID ?? '') ? env.GITHUB_RUN_ID : `local${Date.now()}`;
    const attempt = /^\d+$/.test(env.GITHUB_RUN_ATTEMPT ?? '') ? env.GITHUB_RUN_ATTEMPT : '1';
    return { prefix, key: `${prefix}${run}-${attempt}`, id };
}
/**
 * The Actions cache for this scope, or undefined (saying so) when the runner offers no cache service: then the run
 * reads everything and keeps no state.
 */
async function actionsStateCache(scope, env, log) {
    const cache = await __webpack_require__.e(/* import() */ 603).then(__webpack_require__.bind(__webpack_require__, 60603));
    if (!cache.isFeatureAvailable()) {
        log.info('state-file: auto: there is no GitHub Actions cache service here (ACTIONS_RESULTS_URL is not set, as in a local run), so this run reads everything from Entra ID and keeps no state.');
        return undefined;
    }
    const { prefix, key, id } = stateCacheKeys(scope, env);
    const path = (0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), KEY_NAME, `${scope.tenantId.toLowerCase()}-${id}`, 'state.json');
    return {
        path,
        async restore() {
            let matched;
            try {
                matched = await cache.restoreCache([path], key, [prefix]);
            }
            catch (error) {
                log.warning(`state-file: auto: the Actions cache could not be read (${(0,src_errors/* describeError */.Uc)(error)}).`);
            }
            if (matched)
                log.info(`Entra: incremental state restored from the Actions cache entry ${matched}.`);
            else {
                log.info(`Entra: no incremental state was restored from the Actions cache (entries ${prefix}*); this run reads everything from Entra ID.`);
            }
            return matched !== undefined;
        },
        async save() {
            let id = -1;
            try {
                id = await cache.saveCache([path], key);
            }
            catch (error) {
                log.warning(`state-file: auto: ${(0,src_errors/* describeError */.Uc)(error)}`);
            }
            if (id === -1) {
                log.warning(`The incremental state was not saved to the Actions cache (entry ${key}; the reason is logged above), so the next run reads everything from Entra ID. Nothing failed because of it.`);
                return false;
            }
            log.info(`Entra: incremental state saved to the Actions cache as ${key}.`);
            return true;
        }
    };
}

// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(27194);
;// CONCATENATED MODULE: ./src/util/write-pieces.ts
// Writes a document made of many pieces to an open file a few tens of kilobytes at a time: a large document (a
// first sync's plan, a large tenant's state) is never held as one string, and the disk sees few writes.

/** Characters buffered before a write. */
const WRITE_CHUNK = 64 * 1024;
/** Writes `pieces` in order to `fd`, in writes of about WRITE_CHUNK characters. */
function writePieces(fd, pieces) {
    let buffered = '';
    for (const piece of pieces) {
        buffered += piece;
        if (buffered.length >= WRITE_CHUNK) {
            (0,external_node_fs_.writeSync)(fd, buffered);
            buffered = '';
        }
    }
    if (buffered.length > 0)
        (0,external_node_fs_.writeSync)(fd, buffered);
}

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
        for (const [i, r] of (0,results/* targetResults */.wc)(ws).entries()) {
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
    const error = (0,results/* targetError */._5)(ws);
    return {
        workspace: ws.workspace,
        host: ws.host,
        status: (0,results/* targetStatus */.uh)(ws),
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
/** Each piece redacted on its own (planPieces never splits a secret between two). */
function* redacted(pieces) {
    for (const piece of pieces)
        yield (0,secrets/* redact */.E$)(piece);
}
/** Writes the plan file under `dir` and returns its path. */
function writePlanFile(result, dir, now = new Date()) {
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    const file = (0,external_node_path_.join)(dir, `entra-databricks-sync-plan-${now.toISOString().replace(/[:.]/g, '-')}.json`);
    const fd = (0,external_node_fs_.openSync)(file, 'w');
    try {
        writePieces(fd, redacted(planPieces(result, now)));
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
    return file;
}

// EXTERNAL MODULE: ./src/report/pr-comment.ts
var pr_comment = __webpack_require__(71914);
// EXTERNAL MODULE: ./src/report/sync-summary.ts + 2 modules
var sync_summary = __webpack_require__(18974);
// EXTERNAL MODULE: ./src/util/concurrency.ts
var concurrency = __webpack_require__(43731);
// EXTERNAL MODULE: ./src/core/aim.ts
var aim = __webpack_require__(52650);
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
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [(0,src_errors/* describeError */.Uc)(s.reason)] : []));
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
            const key = (0,aim/* aimIdKey */.Iw)(p.externalId);
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
        return (0,aim/* planResolve */.kk)(wanted, account);
    }
}

// EXTERNAL MODULE: ./src/core/operations.ts
var core_operations = __webpack_require__(86545);
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
    operations.sort(core_operations/* compareOperations */.IQ);
    return { operations, problems };
}

// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(72020);
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
        return { kind: 'service principal', name: (0,core_text/* describePrincipal */.wC)(c.displayName, c.servicePrincipalName) };
    }
    if (c.userName !== undefined)
        return { kind: 'user', name: (0,core_text/* describePrincipal */.wC)(c.displayName, c.userName) };
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
    operations.sort(core_operations/* compareOperations */.IQ);
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
    const removals = operations.reduce((n, op) => n + (0,core_operations/* removalsOf */.RY)(op), 0);
    const limit = deletionLimit(max, base);
    return { removals, base, limit, maxDeletions: max, tripped: removals > limit };
}

// EXTERNAL MODULE: ./src/core/deny-rules.ts
var deny_rules = __webpack_require__(62611);
;// CONCATENATED MODULE: ./src/core/readiness.ts


const keyOf = (a) => (a.kind === 'group' ? a.name : (a.key ?? a.name));
const label = (a) => `${(0,core_operations/* aimKindLabel */.UU)(a.kind)} ${a.kind === 'group' ? a.name : (0,core_text/* describePrincipal */.wC)(a.name, keyOf(a))}`;
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
                fix: suggest ?? `remove the ${(0,core_operations/* aimKindLabel */.UU)(a.kind)} if it left Entra, or set its externalId to its Entra object id`
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
                ? `has externalId ${a.externalId}, the object id of Entra ${(0,core_operations/* aimKindLabel */.UU)(object.kind)} ${(0,core_text/* describePrincipal */.wC)(object.displayName, object.key ?? object.id)}, whose ${what(a.kind)} differs`
                : `has externalId ${a.externalId}, the object id of an Entra ${(0,core_operations/* aimKindLabel */.UU)(object.kind)} (${object.displayName})`,
            fix: suggest ?? `set its externalId to the object id of the Entra ${(0,core_operations/* aimKindLabel */.UU)(a.kind)} it stands for`
        });
    }
    findings.push(...duplicates(account));
    findings.push(...shadows(input, account));
    return findings.sort((a, b) => (0,core_text/* compareText */.n6)(a.check ?? '', b.check ?? '') || (0,core_text/* compareText */.n6)(a.subject, b.subject));
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
            detail: `${set.length} account ${first.kind === 'group' ? 'groups' : `${(0,core_operations/* aimKindLabel */.UU)(first.kind)}s`} share this ${what(first.kind)} (ids ${set.map((a) => a.id).join(', ')})`,
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

// EXTERNAL MODULE: ./src/util/guid.ts
var guid = __webpack_require__(22519);
;// CONCATENATED MODULE: ./src/run/aim-steps.ts
// The steps of an account with automatic identity management (account.identity: aim), each read -> plan -> guard ->
// apply like every step (step.ts): the account's resolve (listed Entra principals brought into the account), its
// denylist, its readiness report (dry-run), and each workspace's assignments and entitlements. None of them writes a
// user or a membership: Databricks keeps those from Entra itself.








/** The account group the action keeps as its record at account level (SCIM mode); never a readiness finding. */
const OWNERSHIP_GROUP = 'entra-databricks-sync-managed';
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
                return failed((0,src_errors/* describeError */.Uc)(error));
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
                            if (!entry.remove || !(0,guid/* isGuid */.W)(entry.entra))
                                throw error;
                            found = { kind: entry.kind, id: entry.entra.toLowerCase(), displayName: entry.entra };
                        }
                        return {
                            principal: { kind: entry.kind, externalId: found.id, name: (0,aim/* aimName */.v$)(found) },
                            remove: entry.remove
                        };
                    }))
                ]);
                return { ok: true, actual: { wanted, rules } };
            }
            catch (error) {
                return failed(`The denylist was not changed: ${(0,src_errors/* describeError */.Uc)(error)}`);
            }
        },
        plan({ wanted, rules }) {
            const planned = (0,deny_rules/* planDenyRules */.d)(wanted, rules);
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
                const without = account.filter((a) => !a.externalId && a.name !== OWNERSHIP_GROUP);
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
                            return { name: w.name, localGroups: [], error: (0,src_errors/* describeError */.Uc)(error) };
                        }
                    })),
                    ctx.resolvePlan().catch(() => undefined)
                ]);
                const resolving = (plan?.principals ?? []).filter((p) => p.kind === 'group' && !p.present).map((p) => p.name);
                return {
                    ok: true,
                    actual: { account, byObjectId, byKey, workspaces: ws, resolving, ignoreGroups: [OWNERSHIP_GROUP] }
                };
            }
            catch (error) {
                return failed(`The readiness check could not read the account or Entra: ${(0,src_errors/* describeError */.Uc)(error)}`);
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
                return failed(`Nothing was assigned: ${(0,src_errors/* describeError */.Uc)(error)}`);
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
        const listed = (0,aim/* principalFor */.GU)(resolved.principals, e.kind, e.ref);
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

;// CONCATENATED MODULE: ./src/core/dependencies.ts

const lower = (text) => text.toLowerCase();
const principal = (p) => `principal:${p.kind}:${lower(p.key)}`;
const group = (name, id) => [`group:${lower(name)}`, ...(id ? [`group-id:${id}`] : [])];
const dependencies_aim = (p) => `aim:${p.kind}:${lower(p.externalId)}`;
const inWorkspace = (workspaceId, subject) => `workspace:${workspaceId}:${subject}`;
const changes = (...subjects) => ({ changes: subjects });
/** By kind (a kind without an entry does not compile): what it changes and reads, as registry-like keys. */
const SUBJECTS = {
    'create-user': (op) => changes(principal({ kind: 'user', key: op.userName })),
    'create-service-principal': (op) => changes(principal({ kind: 'servicePrincipal', key: op.applicationId })),
    'create-group': (op) => changes(...group(op.displayName)),
    'resolve-principal': (op) => changes(dependencies_aim(op.principal)),
    'rename-group': (op) => changes(...group(op.from, op.groupId), ...group(op.to)),
    'update-display-name': (op) => changes(principal(op.principal)),
    reactivate: (op) => changes(principal(op.principal)),
    'set-group-entitlements': (op) => changes(...group(op.group, op.groupId)),
    'add-entitlements': (op) => changes(principal(op.principal)),
    'add-deny-rule': (op) => changes(dependencies_aim(op.principal)),
    'add-members': (op) => ({ changes: group(op.group, op.groupId), reads: op.members.map(principal) }),
    'assign-to-workspace': (op) => ({
        changes: [inWorkspace(op.workspaceId, `group:${lower(op.group)}`)],
        reads: group(op.group, op.groupId)
    }),
    'assign-principal': (op) => ({
        changes: [inWorkspace(op.workspaceId, dependencies_aim(op.principal))],
        reads: [dependencies_aim(op.principal)]
    }),
    'set-workspace-entitlements': (op) => ({
        changes: [inWorkspace(op.workspaceId, dependencies_aim(op.principal))],
        reads: [dependencies_aim(op.principal)]
    }),
    'remove-members': (op) => ({ changes: group(op.group, op.groupId), reads: op.members.map(principal) }),
    'unassign-from-workspace': (op) => ({
        changes: [inWorkspace(op.workspaceId, `group:${lower(op.group)}`)],
        reads: group(op.group, op.groupId)
    }),
    'unassign-principal': (op) => ({
        changes: [inWorkspace(op.workspaceId, dependencies_aim(op.principal))],
        reads: [dependencies_aim(op.principal)]
    }),
    'remove-deny-rule': (op) => changes(dependencies_aim(op.principal)),
    deactivate: (op) => changes(principal(op.principal)),
    delete: (op) => changes(principal(op.principal))
};
function subjectsOf(op) {
    return SUBJECTS[op.kind](op);
}
function scheduleOf(operations) {
    const phase = operations.map((op) => core_operations/* PHASES */.ZG.indexOf((0,core_operations/* phaseOf */.hU)(op)));
    const subjects = operations.map(subjectsOf);
    const changers = new Map();
    subjects.forEach((s, i) => {
        for (const subject of s.changes) {
            const list = changers.get(subject);
            if (list)
                list.push(i);
            else
                changers.set(subject, [i]);
        }
    });
    const after = subjects.map((s, i) => {
        const waits = new Set();
        for (const subject of [...s.changes, ...(s.reads ?? [])]) {
            for (const j of changers.get(subject) ?? [])
                if (phase[j] < phase[i])
                    waits.add(j);
        }
        return [...waits];
    });
    // Depth-first from what waits (in plan order), each operation after what it waits for; then the rest.
    const rank = operations.map(() => -1);
    let next = 0;
    const visit = (i) => {
        if (rank[i] !== -1)
            return;
        for (const j of after[i])
            visit(j); // edges go to earlier phases only: no cycle
        rank[i] = next++;
    };
    after.forEach((waits, i) => waits.length > 0 && visit(i));
    operations.forEach((_, i) => visit(i));
    return { after, rank, phase };
}

// EXTERNAL MODULE: ./src/ports/writer.ts
var ports_writer = __webpack_require__(91905);
// EXTERNAL MODULE: ./src/util/sorted.ts
var sorted = __webpack_require__(20507);
;// CONCATENATED MODULE: ./src/run/schedule.ts

/** Resolves when nothing is in flight and nothing more can start. */
function runSchedule(schedule, options) {
    const { after, rank, phase } = schedule;
    const count = after.length;
    const phases = phase.reduce((n, p) => Math.max(n, p + 1), 0);
    const waitingFor = after.map((waits) => waits.length);
    const dependents = after.map(() => []);
    after.forEach((waits, i) => waits.forEach((j) => dependents[j].push(i)));
    const unsettled = new Array(phases).fill(0);
    for (const p of phase)
        unsettled[p]++;
    const hadAny = unsettled.map((n) => n > 0);
    // Ready operations by phase, sorted by rank from last to first (pop takes the first).
    const ready = Array.from({ length: phases }, () => []);
    const inFlight = new Array(phases).fill(0);
    const settled = new Uint8Array(count);
    const extra = [];
    let remaining = count;
    let running = 0;
    let prefix = 0;
    // Descending rank, so pop takes the lowest.
    const enqueue = (i) => (0,sorted/* insertSorted */.h)(ready[phase[i]], i, (j) => -rank[j]);
    const settle = (i) => {
        if (settled[i])
            return;
        settled[i] = 1;
        remaining--;
        unsettled[phase[i]]--;
        for (const d of dependents[i])
            if (--waitingFor[d] === 0)
                enqueue(d);
    };
    const advance = () => {
        while (prefix < phases && unsettled[prefix] === 0) {
            const p = prefix++;
            if (hadAny[p] && remaining > 0 && options.phaseSettled)
                extra.push(() => options.phaseSettled(p));
        }
    };
    for (let i = 0; i < count; i++)
        if (waitingFor[i] === 0)
            ready[phase[i]].push(i);
    for (const list of ready)
        list.sort((a, b) => rank[b] - rank[a]);
    advance();
    /**
     * A phase with ready operations and none in flight first (each request lane gets one); then the earliest phase with
     * ready ones (what later operations wait for), so its lane, the busiest of a first sync, keeps the other slots.
     */
    const nextPhase = () => {
        let p = -1;
        for (let q = 0; q < phases; q++) {
            const list = ready[q];
            if (list.length === 0)
                continue;
            if (p < 0)
                p = q;
            else if (inFlight[q] === 0 && inFlight[p] > 0)
                p = q;
            else if (inFlight[q] === 0 && rank[list.at(-1)] < rank[ready[p].at(-1)])
                p = q;
        }
        return p;
    };
    return new Promise((resolve) => {
        const pump = () => {
            while (running < options.concurrency && !options.signal?.aborted) {
                const task = extra.shift();
                if (task) {
                    running++;
                    void task().then(() => {
                        running--;
                        pump();
                    });
                    continue;
                }
                const p = nextPhase();
                if (p < 0)
                    break;
                const i = ready[p].pop();
                running++;
                inFlight[p]++;
                void options.run(i).then((carried) => {
                    running--;
                    inFlight[p]--;
                    settle(i);
                    carried.forEach(settle);
                    advance();
                    pump();
                });
            }
            if (running === 0)
                resolve();
        };
        pump();
    });
}

;// CONCATENATED MODULE: ./src/run/apply.ts
// Apply: the only code that has a plan written. Each operation starts once what it waits for has settled
// (core/dependencies.ts: an add waits for the creates of its group and members, not for every create), removals only
// once everything else has; each through the writer of its port, a few at a time (run/schedule.ts); and it stops
// starting new ones when the run is cancelled (the next run makes the rest).





async function applyPlan(plan, writers, options) {
    const ids = options.ids ?? new Ids();
    const results = new Map();
    const pairs = new Map();
    for (const writer of Object.values(writers)) {
        for (const [first, second] of writer?.pairs?.(plan.operations) ?? [])
            pairs.set(first, second);
    }
    /** Writes one operation (with the one it carries); the operations it settled. */
    const write = async (op) => {
        // An operation carried by an earlier one is already done (or failed) by the time it comes.
        if (results.has(op))
            return [];
        const carried = pairs.get(op);
        const batch = carried && !results.has(carried) ? [op, carried] : [op];
        const writer = writers[(0,core_operations/* portOf */.HM)(op)];
        try {
            if (!writer)
                throw new Error(core_operations/* PORTS */.hz[(0,core_operations/* portOf */.HM)(op)].missing);
            const outcomes = await writer.write(batch, ids);
            for (const o of outcomes ?? batch.map((operation) => ({ operation, status: 'done' }))) {
                results.set(o.operation, o);
            }
        }
        catch (error) {
            // Cancelled before its request was sent: not made, so it stays planned (the next run makes it).
            if (options.signal?.aborted && (0,ports_writer/* notSent */.e)(error))
                return batch;
            for (const operation of batch)
                results.set(operation, { operation, status: 'failed', error: (0,src_errors/* describeError */.Uc)(error) });
        }
        return batch;
    };
    // What writers hold back (batched ownership marks) goes out when a phase's operations have all settled, so a
    // runner killed outright leaves no more unmarked than a phase-by-phase apply would, and before any removal.
    const settle = async () => {
        for (const writer of new Set(Object.values(writers))) {
            for (const o of (await writer?.settle?.(ids)) ?? [])
                results.set(o.operation, o);
        }
    };
    for (const phases of STAGES) {
        const operations = plan.operations.filter((op) => phases.includes((0,core_operations/* phaseOf */.hU)(op)) && !results.has(op));
        const index = new Map(operations.map((op, i) => [op, i]));
        await runSchedule(scheduleOf(operations), {
            concurrency: options.concurrency,
            ...(options.signal ? { signal: options.signal } : {}),
            run: async (i) => (await write(operations[i])).flatMap((op) => index.get(op) ?? []),
            phaseSettled: settle
        });
        await settle();
    }
    return plan.operations.map((op) => results.get(op) ?? { operation: op, status: 'planned' });
}
/**
 * Everything but removals runs as its dependencies allow; each removing phase starts only once everything before it
 * has settled (a failure earlier is known before anything is removed).
 */
const STAGES = [core_operations/* PHASES */.ZG.slice(0, core_operations/* PHASES */.ZG.indexOf('remove')), ['remove'], ['retire']];
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
        return { step, status: 'failed', results: [], error: (0,src_errors/* describeError */.Uc)(error) };
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
    const results = await applyPlan(plan, spec.writers, options);
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
                return fail(`Assigning account groups failed: ${(0,src_errors/* describeError */.Uc)(error)}`);
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
const principalId = (kind, key) => `${kind}:${key.toLowerCase()}`;
/**
 * One set of names per source member for the whole run: the source shares a member's object across every group and
 * target that lists it, so the plans of all workspaces share these strings instead of each building its own (a
 * first sync of a large estate refers to the same principals hundreds of thousands of times).
 */
const names = new WeakMap();
function principalNames(member) {
    let found = names.get(member);
    if (!found) {
        found = {
            id: principalId(member.kind, member.key),
            key: member.key.toLowerCase(),
            display: (0,core_text/* describePrincipal */.wC)(member.displayName, member.key)
        };
        names.set(member, found);
    }
    return found;
}
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
        .sort((a, b) => (0,core_text/* compareText */.n6)(a.name, b.name) ||
        (0,core_text/* compareText */.n6)(a.read.id, b.read.id) ||
        (0,core_text/* compareText */.n6)(a.mapping.entra, b.mapping.entra) ||
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
            group.sourceIds = [...new Set([...group.sourceIds, read.id])].sort(core_text/* compareText */.n6);
            group.entitlements = [...new Set([...group.entitlements, ...mapping.entitlements])].sort();
            group.removal = gentlest(group.removal, mapping.removal);
        }
        if (mapping.nested === 'direct') {
            for (const nested of [...new Set(read.nestedGroups)].sort(core_text/* compareText */.n6)) {
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
        const members = [...read.members].sort((a, b) => (0,core_text/* compareText */.n6)(a.sourceId, b.sourceId) || (0,core_text/* compareText */.n6)(a.kind, b.kind));
        for (const member of members) {
            const memberNames = principalNames(member);
            const id = memberNames.id;
            let principal = principals.get(id);
            if (!principal) {
                principal = {
                    kind: member.kind,
                    id,
                    name: member.key,
                    displayName: member.displayName,
                    sourceId: member.sourceId,
                    entitlements: new Set(),
                    names: memberNames
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
        principals: new Map([...principals].sort(([a], [b]) => (0,core_text/* compareText */.n6)(a, b))),
        groups: [...groups.values()].sort((a, b) => (0,core_text/* compareText */.n6)(a.name, b.name)),
        membersOnlyRemoval,
        membersOnlyPrincipals,
        membersOnlyEntitlements,
        skips
    };
}
function desiredRef(p, databricksId) {
    const ref = { kind: p.kind, key: p.names.key, display: p.names.display };
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
    display: (0,core_text/* describePrincipal */.wC)(e.p.displayName, e.p.key)
});
const compareRefs = (a, b) => (0,core_text/* compareText */.n6)(a.key, b.key) || (0,core_text/* compareText */.n6)(a.kind, b.kind);
const byId = (items) => [...items].sort((a, b) => (0,core_text/* compareText */.n6)(a.id, b.id));
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
            const e = { kind, pid: principalId(kind, p.key), p };
            if (!existingByPid.has(e.pid))
                existingByPid.set(e.pid, e);
            if (!existingById.has(p.id))
                existingById.set(p.id, e);
        }
    }
    const existingSorted = [...existingById.values()].sort((a, b) => (0,core_text/* compareText */.n6)(a.p.key, b.p.key) || (0,core_text/* compareText */.n6)(a.kind, b.kind) || (0,core_text/* compareText */.n6)(a.p.id, b.p.id));
    const actualGroups = byId(actual.groups);
    const adminIds = new Set(actualGroups.filter((g) => g.displayName.trim().toLowerCase() === core_text/* ADMINS_GROUP */.dG).flatMap((g) => g.memberIds));
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
        if ((0,core_text/* isReservedGroup */.u0)(g.name)) {
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
        if ((0,core_text/* isReservedGroup */.u0)(a.displayName)) {
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
            const subject = (0,core_text/* describePrincipal */.wC)(e.p.displayName, e.p.key);
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
        const subject = (0,core_text/* describePrincipal */.wC)(e.p.displayName, e.p.key);
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
    operations.sort(core_operations/* compareOperations */.IQ);
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
    return ((0,core_text/* compareText */.n6)(a.reason, b.reason) ||
        (0,core_text/* compareText */.n6)(a.group ?? '', b.group ?? '') ||
        (0,core_text/* compareText */.n6)(a.subject, b.subject) ||
        (0,core_text/* compareText */.n6)(a.detail, b.detail));
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
                const why = `Reading Entra failed, so nothing was changed: ${(0,src_errors/* describeError */.Uc)(error)}`;
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
                        error: `Reading Entra failed, so nothing was changed: ${(0,src_errors/* describeError */.Uc)(error)}`
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
const ACCOUNT_TARGET = 'account';
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
            results.push(target(ACCOUNT_TARGET, acc.host, steps, aim.requests()));
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
                name: ACCOUNT_TARGET,
                groups: acc.groups,
                maxDeletions: options.maxDeletions ?? acc.maxDeletions,
                account: true,
                source: deps.source,
                target: () => apis.identities,
                log: deps.log,
                onManaged: (names) => names.forEach((n) => managed.add(n))
            });
            const identities = await runStep(step.spec, stepOptions(options.writeConcurrency ?? 4));
            results.push(target(ACCOUNT_TARGET, acc.host, [identities], step.requests()));
            account = { ...account, identities, managed };
        }
    }
    const workspaces = await (0,concurrency/* mapLimit */.s)(options.workspaces, options.workspaceConcurrency ?? 2, async (ws) => {
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

// EXTERNAL MODULE: ./node_modules/@microsoft/microsoft-graph-client/lib/src/index.js
var src = __webpack_require__(11899);
// EXTERNAL MODULE: ./src/sources/entra/graph.ts + 1 modules
var graph = __webpack_require__(27006);
// EXTERNAL MODULE: ./src/sources/entra/limited-members.ts
var limited_members = __webpack_require__(3601);
// EXTERNAL MODULE: ./src/sources/entra/graph-pages.ts
var graph_pages = __webpack_require__(99000);
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
            writePieces(fd, stateJson(state));
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
/** The records of the state that grow with the tenant. */
const LARGE = new Set(['groups', 'principals', 'others', 'names']);
/**
 * JSON.stringify(state), piece by piece: one entry of a large record at a time, so the whole text never has to be
 * held at once (the action's peak memory: README "Where the memory goes").
 */
function* stateJson(state) {
    const entries = (record) => Object.entries(record).filter(([, v]) => v !== undefined && typeof v !== 'function');
    yield '{';
    for (const [i, [key, value]] of entries(state).entries()) {
        yield `${i === 0 ? '' : ','}${JSON.stringify(key)}:`;
        if (!LARGE.has(key) || typeof value !== 'object' || value === null) {
            yield JSON.stringify(value);
            continue;
        }
        yield '{';
        for (const [j, [k, v]] of entries(value).entries())
            yield `${j === 0 ? '' : ','}${JSON.stringify(k)}:${JSON.stringify(v)}`;
        yield '}';
    }
    yield '}';
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
            return { kind: kindOf(stats) };
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
    return stats.isFile() ? undefined : kindOf(stats);
}
function kindOf(stats) {
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
            path = (0,graph_pages/* relativeGraphLink */.fo)(graphEndpoint, links[name]).split('?')[0] ?? '';
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
const optional = (v, check) => v === undefined || check(v);
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
        if (!(0,guid/* isGuid */.W)(id) || !isObject(g) || !isString(g.displayName) || !Array.isArray(g.members)) {
            return `group ${id} is malformed`;
        }
        if (!g.members.every((m) => isString(m) && (0,guid/* isGuid */.W)(m)))
            return `group ${id} has a member that is not an object id`;
    }
    for (const [id, p] of Object.entries(data.principals)) {
        if (!(0,guid/* isGuid */.W)(id) ||
            !isObject(p) ||
            p.id !== id ||
            (p.kind !== 'user' && p.kind !== 'servicePrincipal') ||
            !isString(p.displayName) ||
            !optional(p.mail, (v) => v === null || isString(v)) ||
            !optional(p.userType, isString) ||
            !optional(p.accountEnabled, (v) => typeof v === 'boolean')) {
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
        if (!(0,guid/* isGuid */.W)(id) ||
            !isObject(o) ||
            !isString(o.type) ||
            !o.type.startsWith('#microsoft.graph.') ||
            SKIPPED_TYPES.has(o.type.toLowerCase()) ||
            !optional(o.displayName, isString)) {
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
const SERVICE_PRINCIPAL_SELECT = 'id,displayName,appId,accountEnabled';
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
            return (p !== undefined && !(0,limited_members/* isLimited */.lU)(p)) || this.others.has(m);
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
            if (listed.has(id) && !(0,limited_members/* isLimited */.lU)(p))
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
                    throw (0,graph/* explainGraphError */.KL)(error, 'reading the changes since the last run (the delta links of the state file)', this.identity, this.graph.signInError());
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
            this.latest(`/servicePrincipals/delta?$select=${SERVICE_PRINCIPAL_SELECT}&$deltatoken=latest`)
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
        const merged = (0,graph/* toEntraPrincipal */.kI)({ ...unparse(known), ...entry, '@odata.type': `#microsoft.graph.${kind}` });
        if (merged)
            this.principals.set(id, merged);
    }
    // ----- groups
    async resolve(ref) {
        const key = ref.toLowerCase();
        const id = (0,guid/* isGuid */.W)(ref) ? key : this.names.get(key);
        const kept = id ? this.groups.get(id) : undefined;
        if (id && kept && !this.dirty.has(id)) {
            const byId = id === key;
            if (byId || (!this.renamed.has(key) && kept.displayName.toLowerCase() === key)) {
                return { id, displayName: kept.displayName };
            }
        }
        const group = await this.graph.resolveGroup(ref);
        if (!(0,guid/* isGuid */.W)(ref))
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
        const url = `/groups/${encodeURIComponent(id)}/members?$select=${graph/* MEMBER_SELECT */.Sm.join(',')}&$top=${graph/* MEMBER_PAGE_SIZE */.Ln}`;
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
                    const principal = (0,graph/* toEntraPrincipal */.kI)(object);
                    members.push(object.id);
                    if (!principal) {
                        // A device, contact or other object: kept to be reported as skipped, never synced.
                        const { id: otherId, ...other } = (0,graph/* toUnsupported */.fw)(object);
                        others.push([otherId, other]);
                        continue;
                    }
                    if ((0,limited_members/* isLimited */.lU)(principal))
                        limited.push(principal);
                    principals.push(principal);
                }
                // A member Graph would not describe fails the read, and is never kept (nor saved) as if it were real.
                if (limited.length > 0)
                    throw (0,limited_members/* limitedMembersError */._T)(limited, doing, this.identity);
            }
        }
        catch (error) {
            throw (0,graph/* explainGraphError */.KL)(error, doing, this.identity, this.graph.signInError());
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
        if (!(0,guid/* isGuid */.W)(ref) && this.names.get(key) !== group.id) {
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
            : `/servicePrincipals/${encodeURIComponent(id)}?$select=${SERVICE_PRINCIPAL_SELECT}`;
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
            throw (0,graph/* explainGraphError */.KL)(error, doing, this.identity, this.graph.signInError());
        }
        const principal = (0,graph/* toEntraPrincipal */.kI)({ ...object, id, '@odata.type': `#microsoft.graph.${kind}` });
        if (!principal)
            return;
        if ((0,limited_members/* isLimited */.lU)(principal))
            throw (0,limited_members/* limitedMembersError */._T)([principal], doing, this.identity);
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
            throw (0,graph/* explainGraphError */.KL)(error, doing, this.identity, this.graph.signInError());
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
            throw new src_errors/* ActionError */.lZ(`Entra ${NOUN[kind]} "${ref}" does not exist in the tenant.`, kind === 'user'
                ? 'Check the user principal name (or object id) in the config.'
                : 'Check the display name, application id or object id in the config.');
        }
        throw new src_errors/* ActionError */.lZ(`Entra service principal name "${ref}" matches ${found.length} service principals (${found.map((f) => f.key ?? f.id).join(', ')}): use the application id.`, 'Set the entry to the application id of the service principal meant, since display names are not unique.');
    }
    async byIds(ids) {
        const out = new Map();
        await Promise.all([...new Set(ids.map((id) => id.toLowerCase()))].map(async (id) => {
            if (!(0,guid/* isGuid */.W)(id))
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
                const o = await this.optional(`/servicePrincipals(appId=${(0,graph/* odataString */.TW)(key)})?${SELECT.servicePrincipal}`);
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
        if ((0,guid/* isGuid */.W)(ref)) {
            const o = (await this.optional(`/servicePrincipals/${ref}?${SELECT.servicePrincipal}`)) ??
                (await this.optional(`/servicePrincipals(appId=${(0,graph/* odataString */.TW)(ref)})?${SELECT.servicePrincipal}`));
            return o ? [entry('servicePrincipal', o)] : [];
        }
        const filter = encodeURIComponent(`displayName eq ${(0,graph/* odataString */.TW)(ref)}`);
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
            throw (0,graph/* explainGraphError */.KL)(error, doing, this.identity, this.directory.signInError());
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
    return (0,core_text/* describePrincipal */.wC)(p.displayName, key?.trim() || p.id);
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
        throw (0,limited_members/* limitedMembersError */._T)(limited, `reading the members of Entra group "${read.displayName}" (${read.id})`, 'the app the action signs in as');
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
        subject: `${kind} ${(0,core_text/* describePrincipal */.wC)(u.displayName, u.id)}`,
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

// EXTERNAL MODULE: ./src/wiring.ts + 24 modules
var wiring = __webpack_require__(52414);
// EXTERNAL MODULE: ./src/config/load.ts
var load = __webpack_require__(61036);
// EXTERNAL MODULE: ./src/commands/selection.ts
var selection = __webpack_require__(62868);
;// CONCATENATED MODULE: ./src/commands/sign-in-check.ts


/** What each target says when the run could not sign in. */
const NOT_SIGNED_IN = 'Not synced: signing in failed (the error is below), so nothing was read or changed.';
/** Whether the run reads anything (a workspace with nothing configured, and no account, needs no sign-in). */
function readsAnything(workspaces, account) {
    return (account !== undefined ||
        workspaces.some((w) => w.groups.length > 0 || w.accountGroups.length > 0 || (w.accountServicePrincipals?.length ?? 0) > 0));
}
/** The sign-in error's text, or undefined when the run signed in. */
async function signInError(credential, graphEndpoint) {
    try {
        await credential.getToken(`${graphEndpoint}/.default`);
        return undefined;
    }
    catch (error) {
        return (0,src_errors/* describeError */.Uc)(error);
    }
}
/** The result of a run that could not sign in: every selected target failed, for the one reason. */
function notSignedIn(error, dryRun, workspaces, account) {
    const targets = [...(account ? [{ name: ACCOUNT_TARGET, host: account.host }] : []), ...workspaces];
    return {
        dryRun,
        signInError: error,
        workspaces: targets.map((t) => ({ workspace: t.name, host: t.host, steps: [], error: NOT_SIGNED_IN }))
    };
}
/** The run's error when it could not sign in: the cause once, then each target left alone on a line of its own. */
function signInFailure(error, targets) {
    return [
        `Signing in failed, so nothing was read or changed: ${error}`,
        ...targets.map((t) => `${t}: not synced (signing in failed)`)
    ].join('\n');
}

// EXTERNAL MODULE: ./src/auth/claims.ts
var claims = __webpack_require__(99061);
// EXTERNAL MODULE: ./src/auth/request-guard.ts
var request_guard = __webpack_require__(89279);
// EXTERNAL MODULE: ./src/net.ts
var net = __webpack_require__(88316);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(57994);
;// CONCATENATED MODULE: ./src/commands/pull-request-safety.ts
// A dry-run on a pull request runs with the pull request's code, so whatever its identity can do, the branch can do.
// After the dry-run, the action checks what that identity could write, where it can tell, and warns:
// - Microsoft Graph: the application permissions in its Graph token's `roles` claim (the token the run already has);
//   any `*.ReadWrite.*` permission can change Entra ID.
// - Databricks: each workspace's SCIM `/Me` (one GET per workspace, with the token the run used there), whose
//   `groups` list the built-in `admins` group for a workspace admin, who can change every identity of the workspace.
// Nothing here can tell an account admin (account SCIM has no /Me) nor a workspace's other grants; see README Security.






/** The built-in group of workspace admins (Databricks: "admins"). */
const ADMINS = 'admins';
/** One warning per thing the identity could write; a check that cannot run says so in a debug line only. */
async function writeAccessWarnings(check, debug) {
    const warnings = [];
    const graph = await check.credential.getToken(`${check.graphEndpoint}/.default`).catch(() => null);
    const writes = (graph ? ((0,claims/* publicClaims */.X)(graph.token).roles ?? []) : []).filter((r) => /\.ReadWrite\b/i.test(r)).sort();
    if (writes.length > 0) {
        warnings.push(`This dry-run on a pull request signed in as ${check.identity}, which has Microsoft Graph write permissions (${writes.join(', ')}): the pull request's code could change Entra ID with its token.`);
    }
    const guard = new request_guard/* RequestGuard */.B({ timeoutMs: (0,net/* requestTimeoutMs */.Hl)(process.env), signal: check.signal });
    const admin = [];
    for (const ws of check.workspaces) {
        try {
            const answer = await guard.fetchText({ name: `Databricks ${ws.name}`, redirectFix: 'Check the workspace host in the config.' }, `${ws.host}/api/2.0/preview/scim/v2/Me`, { Authorization: `Bearer ${await check.token(ws)()}`, Accept: 'application/scim+json' });
            if (answer.status !== 200) {
                debug(`${ws.name}: GET /Me answered ${answer.status}; admin rights not checked.`);
                continue;
            }
            const groups = JSON.parse(answer.text).groups ?? [];
            if (groups.some((g) => g.display === ADMINS))
                admin.push(ws.name);
        }
        catch (error) {
            debug(`${ws.name}: admin rights not checked: ${(0,src_errors/* describeError */.Uc)(error)}`);
        }
    }
    if (admin.length > 0) {
        warnings.push(`This dry-run on a pull request read Databricks as a workspace admin (member of admins) of ${admin.join(', ')}: the pull request's code could change every identity there with its token.`);
    }
    return warnings;
}
/** What to do about it, once after the warnings. */
const READ_ONLY_FIX = 'Sign in on pull requests with a separate identity whose federated credential has the subject repo:<owner>/<repo>:pull_request and only Graph read permissions (GroupMember.Read.All, User.Read.All, Application.Read.All), for validate; run the dry-run that needs Databricks admin reads only after review (an environment with required reviewers), see README Security.';
/**
 * On a pull request's dry-run: the warnings as annotations and in the summary. `token` gives each workspace's
 * Databricks token, as the run used it.
 */
async function warnAboutWriteAccess(check) {
    const warnings = await writeAccessWarnings(check, (m) => core.debug(m));
    for (const warning of warnings)
        core.warning(`${warning}\nFix: ${READ_ONLY_FIX}`);
    (0,summary/* addWriteAccessWarnings */.MJ)(core.summary, warnings, READ_ONLY_FIX);
}

// EXTERNAL MODULE: ./src/auth/databricks-token.ts
var databricks_token = __webpack_require__(6430);
// EXTERNAL MODULE: ./src/job-context.ts
var job_context = __webpack_require__(17938);
;// CONCATENATED MODULE: ./src/commands/sync.ts
// command: sync — sign in, read Entra (in full, or incrementally from the state file), run the sync (run/sync.ts)
// against the Databricks targets, then write the summary, the outputs and the plan file, and fail when a target
// failed or was stopped by a circuit breaker.
























async function runSync(inputs) {
    const { workspaces, settings, account, includesAccount } = await (0,selection/* loadForWriting */.o)(inputs, 'Sync');
    const signal = (0,wiring/* cancellation */.WN)();
    const signedIn = (0,wiring/* signIn */.Jv)(settings, inputs.graphEndpoint, signal);
    // state-file: auto: the state comes from (and goes back to) the Actions cache, in a file the action places.
    const cached = inputs.stateCache
        ? await actionsStateCache({
            tenantId: settings.tenantId,
            graphEndpoint: inputs.graphEndpoint,
            workspaces: workspaces.map((w) => w.name),
            account: includesAccount,
            config: inputs.config,
            formatVersion: STATE_VERSION
        }, process.env, core)
        : undefined;
    await cached?.restore();
    const stateFile = cached?.path ?? inputs.stateFile;
    const incremental = stateFile ? incrementalReads(stateFile, settings, inputs, signedIn, !!cached) : undefined;
    const targets = (0,wiring/* databricksTargets */.dR)(settings, signedIn, signal);
    core.info(`${inputs.dryRun ? 'Planning (dry-run)' : 'Syncing'} ${includesAccount ? `the account and ` : ''}${workspaces.length} workspace(s): ${workspaces
        .map((w) => w.name)
        .join(', ')}`);
    const notSigned = readsAnything(workspaces, account)
        ? await signInError(signedIn.credential, inputs.graphEndpoint)
        : undefined;
    const result = notSigned
        ? notSignedIn(notSigned, inputs.dryRun, workspaces, includesAccount ? account : undefined)
        : await sync({
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
    // Saved whenever this run's Entra reads succeeded (a dry-run's too): the state describes Entra, not the workspaces.
    if (incremental?.save())
        await cached?.save();
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
    (0,sync_summary/* addSyncSummary */.NY)(core.summary, result);
    if (inputs.dryRun && !result.signInError && (0,job_context/* isPullRequestEvent */.T)(inputs.job ?? {})) {
        await warnAboutWriteAccess({
            credential: signedIn.credential,
            graphEndpoint: inputs.graphEndpoint,
            identity: signedIn.identity,
            workspaces,
            token: (ws) => (0,databricks_token/* databricksToken */.aS)(ws, signedIn.credential, signedIn.secrets),
            signal
        });
    }
    // A dry-run is the plan a pull request's reviewers read; a sync that writes is not commented.
    if (inputs.dryRun)
        await (0,pull_request_comment/* commentOnPullRequest */.r)((0,pr_comment/* syncSection */.x8)(result), inputs);
    const changes = (0,results/* countChanges */.xS)(result);
    const failed = (0,results/* failedTargets */.s6)(result);
    core.setOutput('changes', changes);
    core.setOutput('has-changes', changes > 0 ? 'true' : 'false');
    core.setOutput('failed-workspaces', failed.join(','));
    core.setOutput('plan', writePlanFile(result, process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)()));
    for (const t of result.workspaces) {
        if ((0,results/* targetStatus */.uh)(t) === 'skipped')
            core.warning((0,secrets/* redact */.E$)(`${t.workspace}: ${(0,results/* targetError */._5)(t) ?? 'skipped'}`));
    }
    if (result.signInError)
        throw new src_errors/* ActionError */.lZ(signInFailure(result.signInError, failed));
    if (failed.length > 0) {
        const why = result.workspaces
            .filter((t) => failed.includes(t.workspace))
            .map((t) => `${t.workspace}: ${(0,results/* targetError */._5)(t) ?? (0,results/* targetStatus */.uh)(t)}`)
            .join('\n');
        throw new src_errors/* ActionError */.lZ(`${failed.length} of ${result.workspaces.length} workspace(s) failed:\n${why}`);
    }
    core.info(`${inputs.dryRun ? 'Planned' : 'Made'} ${changes} change(s).`);
}
/**
 * The incremental Entra reader of the state-file input: the previous run's state when it is usable (a warning says
 * why not), and save(), which writes this run's state and says whether it did (a failure to write only warns: the
 * next run reads all).
 */
function incrementalReads(file, settings, inputs, signedIn, 
/** The action chose the path (state-file: auto, under RUNNER_TEMP): no workspace check. */
ownPath = false) {
    const path = (0,external_node_path_.resolve)((0,wiring/* workspaceDir */.zf)(), file);
    if (!ownPath && !inputs.allowOutsideWorkspace && !(0,load/* isInside */.FK)(realWorkspace(), realParent(path))) {
        throw new src_errors/* ActionError */.lZ(`The state-file input "${file}" is outside the repository checkout, so it is neither read nor written.`, 'Use a path inside the workspace (e.g. .entra-sync/state.json, kept with actions/cache), or set allow-paths-outside-workspace: true.');
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
                return false;
            try {
                saveState(path, state);
                core.info(`Entra: state saved to ${file} (${Object.keys(state.groups).length} group(s)).`);
                return true;
            }
            catch (error) {
                core.warning(`The state file ${file} could not be written: ${(0,src_errors/* describeError */.Uc)(error)}. The next run reads everything.`);
                return false;
            }
        }
    };
}
const realWorkspace = () => realOrSelf((0,wiring/* workspaceDir */.zf)());
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


/***/ })

};
