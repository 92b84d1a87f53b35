export const id = 885;
export const ids = [885];
export const modules = {

/***/ 60885:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  provisionApp: () => (/* binding */ provisionApp),
  runProvisionApp: () => (/* binding */ runProvisionApp)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./node_modules/@microsoft/microsoft-graph-client/lib/src/index.js
var src = __webpack_require__(11899);
// EXTERNAL MODULE: ./src/sources/entra/graph.ts + 1 modules
var graph = __webpack_require__(27006);
// EXTERNAL MODULE: ./src/sources/entra/graph-pages.ts
var graph_pages = __webpack_require__(99000);
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
class CredentialsRefusedError extends errors/* ActionError */.lZ {
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
            const filter = encodeURIComponent(`displayName eq ${(0,graph/* odataString */.TW)(displayName)}`);
            const url = `/servicePrincipals?$filter=${filter}&$select=${SERVICE_PRINCIPAL_SELECT.join(',')}&$top=999`;
            return (await this.readAll(url)).map(toServicePrincipal);
        });
    }
    getServicePrincipal(id) {
        return this.call(`reading service principal ${id}`, PERMISSIONS.readApps, async () => {
            try {
                const sp = (await this.client
                    .api(`/servicePrincipals/${encodeURIComponent(id)}`)
                    .select(SERVICE_PRINCIPAL_SELECT)
                    .get());
                return toServicePrincipal(sp);
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
                throw new errors/* ActionError */.lZ(`Microsoft Graph created the enterprise app "${displayName}" but its answer named no service principal or app id.`, 'Run provision-app again: it finds the app by name and continues.');
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
            return new errors/* ActionError */.lZ(`Microsoft Graph answered 403 ${error.code ?? ''} while ${doing}: ${graphMessage(error)}`.replace(/ {2,}/g, ' '), `Grant ${this.identity} the Microsoft Graph application permission ${permission} with admin consent.`);
        }
        return (0,graph/* explainGraphError */.KL)(error, doing, this.identity, this.graph.signInError());
    }
    /** Every item of a list, its pages read through graphPages (next links only within the Graph origin). */
    readAll(url) {
        return (0,graph_pages/* readAllPages */.s$)((u) => this.client.api(u).get(), this.endpoint, url);
    }
}
function toServicePrincipal(sp) {
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
    if (error instanceof errors/* ActionError */.lZ) {
        return new errors/* ActionError */.lZ(clean(error.message), error.fix === undefined ? undefined : clean(error.fix));
    }
    return new errors/* ActionError */.lZ(clean(error instanceof Error ? error.message : String(error)));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
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
    return new errors/* ActionError */.lZ(`The enterprise app "${desired.appName}" (service principal ${sp.id}) has no app role named "${USER_ROLE_NAME}" (its roles: ${roles}), so groups cannot be assigned to it.`, `Use an app made from the gallery app "Azure Databricks SCIM Provisioning Connector" (template ${DATABRICKS_CONNECTOR_TEMPLATE_ID}): delete or rename this one, or change provisioning.app-name, and run provision-app again to create it.`);
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
    return new errors/* ActionError */.lZ(message, signIn
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
            throw new errors/* ActionError */.lZ(`The enterprise app "${name}" was created (service principal ${id}, app id ${appId}) but did not appear in Microsoft Graph within ${Math.round(timeout / 1000)} s.`, 'Entra ID can take a few minutes to replicate a new app. Wait a few minutes and run provision-app again: it finds the app by name and continues from there.');
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
        throw new errors/* ActionError */.lZ(`The token in ${desired.secretId} was refused by ${desired.host}: ${error.message.replace(/\.?$/, '.')} Nothing was saved; the app keeps its previous credentials.`, `Create a new personal access token in ${desired.host} as a workspace admin, store it as a new version of ${desired.secretId}, and run provision-app again.`);
    }
}

// EXTERNAL MODULE: ./src/sources/entra/resolve.ts
var resolve = __webpack_require__(15861);
;// CONCATENATED MODULE: ./src/provisioning/read.ts




/** The workspace's provisioning block and token secret, which provision-app cannot do without. */
function provisioningOf(ws) {
    const { provisioning, tokenSecret } = ws;
    if (!provisioning) {
        throw new errors/* ActionError */.lZ(`Workspace ${ws.name} has no provisioning block.`, 'Add `provisioning:` with app-name (and notification-email) to the workspace in the config.');
    }
    if (!tokenSecret) {
        throw new errors/* ActionError */.lZ(`Workspace ${ws.name} has a provisioning block but no token-secret: the connector needs a Databricks token.`, 'Set token-secret to the Key Vault secret id that holds a workspace admin PAT.');
    }
    return { provisioning, tokenSecret };
}
/** The config's groups, each resolved to exactly one Entra group; a group named twice (name and object id) once. */
async function resolveGroups(ws, directory) {
    const byId = new Map();
    const refs = [...new Map(ws.groups.map((g) => [g.entra.toLowerCase(), g.entra])).values()];
    const found = await Promise.all(refs.map(async (ref) => ({ ref, groups: await directory.findGroups(ref) })));
    for (const { ref, groups } of found) {
        const group = (0,resolve/* exactlyOneGroup */.q)(ref, groups, ` of workspace ${ws.name}`);
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
        throw new errors/* ActionError */.lZ(`${found.length} enterprise apps are named "${name}" (service principals ${found.map((sp) => `${sp.id} (app id ${sp.appId})`).join(', ')}), so provision-app cannot tell which one to configure.`, 'Delete or rename the extra apps in Entra ID (Enterprise applications), keeping the one the connector should use, then run provision-app again.');
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
        result.error = (0,errors/* describeError */.Uc)(error);
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

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
// EXTERNAL MODULE: ./src/report/summary.ts
var report_summary = __webpack_require__(57994);
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
    summary.addHeading(`${icon} ${title}${failed > 0 ? `: ${(0,markdown/* plural */.LS)(failed, 'workspace')} failed` : ''}`, 2);
    const parts = [`${changed} ${dryRun ? 'would change' : 'changed'}`, `${unchanged} unchanged`, `${failed} failed`];
    const total = dryRun
        ? `${(0,markdown/* plural */.LS)(changes, 'change')} planned; nothing was written`
        : `${(0,markdown/* plural */.LS)(changes, 'change')} made`;
    summary.addRaw(`<p>${(0,markdown/* plural */.LS)(results.length, 'workspace')}: ${parts.join(', ')}. ${total}.</p>`, true);
}
function addOverview(summary, results, dryRun) {
    if (results.length === 0) {
        summary.addRaw('<p>No selected workspace has a provisioning block.</p>', true);
        return;
    }
    (0,report_summary/* addTable */.GC)(summary, 'Workspaces', (0,report_summary/* header */.wx)('Workspace', 'Status', 'App', 'App id', 'Job', 'Job status', 'Assigned groups', 'Changes'), results.map((r) => [
        (0,report_summary/* cell */.Hn)(r.workspace),
        statusLabel(r, dryRun),
        (0,report_summary/* cell */.Hn)(r.appName),
        r.appId ? `<code>${(0,report_summary/* cell */.Hn)(r.appId)}</code>` : '—',
        r.jobId ? `<code>${(0,report_summary/* cell */.Hn)(r.jobId)}</code>` : '—',
        jobStatusLabel(r),
        (0,report_summary/* cell */.Hn)(r.assignedGroups.join(', ')),
        (0,report_summary/* cell */.Hn)(r.changes.length)
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
        return `⏳ ${(0,report_summary/* cell */.Hn)(r.jobStatus)} (first cycle running)`;
    const icon = r.jobStatus === 'Active' ? '✅ ' : state === 'quarantine' ? '⚠️ ' : '';
    return `${icon}${(0,report_summary/* cell */.Hn)(r.jobStatus)}`;
}
function addWorkspace(summary, r, dryRun) {
    summary.addHeading(`${(0,report_summary/* cell */.Hn)(r.workspace)} — ${statusLabel(r, dryRun)}`, 3);
    const ids = [
        `App <strong>${(0,report_summary/* cell */.Hn)(r.appName)}</strong>`,
        r.servicePrincipalId ? `service principal <code>${(0,report_summary/* cell */.Hn)(r.servicePrincipalId)}</code>` : '',
        r.appId ? `app id <code>${(0,report_summary/* cell */.Hn)(r.appId)}</code>` : ''
    ].filter(Boolean);
    summary.addRaw(`<p>${ids.join(', ')}</p>`, true);
    if (r.changes.length > 0) {
        const items = r.changes.map((c) => `<li>${(0,report_summary/* cell */.Hn)(describeChange(c, dryRun))}</li>`).join('');
        summary.addRaw(`<p>${dryRun ? 'Would:' : 'Changes:'}</p><ul>${items}</ul>`, true);
    }
    else if (r.status !== 'failed') {
        summary.addRaw(`<p>${dryRun ? 'No changes needed.' : 'Unchanged: the app already matches the config.'}</p>`, true);
    }
    if (r.notes && r.notes.length > 0) {
        summary.addRaw(`<ul>${r.notes.map((n) => `<li>ℹ️ ${(0,report_summary/* prose */.CS)(n)}</li>`).join('')}</ul>`, true);
    }
    if (r.error)
        summary.addRaw(`<p>❌ ${(0,report_summary/* prose */.CS)(r.error)}</p>`, true);
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

// EXTERNAL MODULE: ./src/wiring.ts + 24 modules
var wiring = __webpack_require__(52414);
// EXTERNAL MODULE: ./src/commands/selection.ts
var selection = __webpack_require__(62868);
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
        throw new errors/* ActionError */.lZ(`None of the selected workspaces (${workspaces.map((w) => w.name).join(', ')}) has a provisioning block.`, 'Add `provisioning:` (app-name, notification-email) and `token-secret` to the workspace in the config.');
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
        throw new errors/* ActionError */.lZ(`${failed.length} of ${results.length} workspace(s) failed:\n${failed.map((r) => `${r.workspace}: ${r.error ?? 'failed'}`).join('\n')}`);
    }
    report.info(`${dryRun ? 'Planned' : 'Made'} ${changes} change(s).`);
}
/** The action's provision-app: a valid config and a sign-in, then provisionApp with the real Graph clients. */
async function runProvisionApp(inputs) {
    const { workspaces, settings } = await (0,selection/* loadForWriting */.o)(inputs, 'provision-app');
    const connect = () => {
        const { graph, identity, directory, secrets } = (0,wiring/* signIn */.Jv)(settings, inputs.graphEndpoint);
        return { graph: new GraphProvisioning(graph, identity), directory, secrets };
    };
    await provisionApp({ workspaces, dryRun: inputs.dryRun }, connect, core);
}


/***/ }),

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


/***/ })

};
