export const id = 735;
export const ids = [735];
export const modules = {

/***/ 93735:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runMatrix: () => (/* binding */ runMatrix)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
;// CONCATENATED MODULE: ./src/config/matrix.ts
function buildMatrix(workspaces) {
    return {
        include: [...workspaces]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((ws) => ({ workspace: ws.name, host: ws.host, config: ws.file }))
    };
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
// EXTERNAL MODULE: ./src/report/summary.ts
var report_summary = __webpack_require__(57994);
;// CONCATENATED MODULE: ./src/report/matrix-summary.ts


function addMatrixSummary(summary, matrix) {
    summary.addHeading('🧮 Workspace matrix', 2);
    summary.addRaw(`<p>${(0,markdown/* plural */.LS)(matrix.include.length, 'workspace')} in the <code>matrix</code> output, one job each with <code>strategy.matrix: \${{ fromJSON(…) }}</code>.</p>`, true);
    (0,report_summary/* addTable */.GC)(summary, 'Workspaces', (0,report_summary/* header */.wx)('Workspace', 'Host', 'Config file'), matrix.include.map((e) => [(0,report_summary/* cell */.Hn)(e.workspace), (0,report_summary/* cell */.Hn)(e.host), (0,report_summary/* cell */.Hn)(e.config)]));
}

// EXTERNAL MODULE: ./src/commands/selection.ts
var selection = __webpack_require__(62868);
;// CONCATENATED MODULE: ./src/commands/matrix.ts
// command: matrix — the selected workspaces as a GitHub Actions matrix, so a large estate runs one job per
// workspace (strategy.matrix + fromJSON) on GitHub's runners instead of one long job.




/** The action's matrix: the `matrix` output and its summary. */
async function runMatrix(inputs) {
    const matrix = buildMatrix((await (0,selection/* loadSelected */.m)(inputs, 'matrix')).workspaces);
    core.setOutput('matrix', JSON.stringify(matrix));
    addMatrixSummary(core.summary, matrix);
    core.info(`Matrix of ${matrix.include.length} workspace(s): ${matrix.include.map((e) => e.workspace).join(', ')}`);
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
