import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ // The require scope
/******/ var __nccwpck_require__ = {};
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  BO: () => (/* binding */ POST_GRACE_MS),
  GJ: () => (/* binding */ defaultPostDeps),
  iW: () => (/* binding */ main)
});

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./src/supervisor/statefile.ts
/**
 * The record of live process groups for the action's `post:` step, which kills whatever a
 * killed loadgate left behind. Append-only lines (`+PGID` started, `-PGID` stopped), so writing
 * never needs a read-modify-write; the reader folds them into the set still alive.
 */



/** Where the action's main step records groups and its post step reads them (same job). */
function defaultStateFile(env) {
    return (0,external_node_path_namespaceObject.join)(env.RUNNER_TEMP || (0,external_node_os_namespaceObject.tmpdir)(), 'loadgate-pgids');
}
function parseStateFile(text) {
    const live = new Set();
    for (const line of text.split('\n')) {
        const m = /^([+-])(\d+)$/.exec(line.trim());
        if (!m)
            continue;
        const pgid = Number(m[2]);
        if (pgid <= 1)
            continue;
        if (m[1] === '+')
            live.add(pgid);
        else
            live.delete(pgid);
    }
    return [...live];
}
/** Appends one record; a failure to write is reported, never thrown (it is a safety net). */
function recordGroup(file, op, pgid) {
    try {
        appendFileSync(file, `${op}${pgid}\n`);
        return null;
    }
    catch (e) {
        return e.message;
    }
}

;// CONCATENATED MODULE: ./src/action/post.ts
/**
 * The action's `post:` step. GitHub runs it after the job's steps, also when the main step was
 * cancelled or killed: it ends every process group loadgate recorded and did not stop itself
 * (see src/supervisor/guard.ts for the other two nets). It never fails the job.
 */



/** SIGTERM, then up to this long for the groups to go, then SIGKILL. */
const POST_GRACE_MS = 3_000;
const POLL_MS = 100;
/** Returns the process groups it had to end. */
async function main(deps) {
    const file = defaultStateFile(deps.env);
    const text = deps.readFile(file);
    if (text === null)
        return [];
    const alive = parseStateFile(text).filter((g) => deps.signalGroup(g, 0));
    if (alive.length > 0) {
        deps.log.warn(`loadgate left ${alive.length} process group(s) running: ${alive.join(', ')}; stopping them`);
        for (const g of alive)
            deps.signalGroup(g, 'SIGTERM');
        for (let waited = 0; waited < POST_GRACE_MS; waited += POLL_MS) {
            if (!alive.some((g) => deps.signalGroup(g, 0)))
                break;
            await deps.sleep(POLL_MS);
        }
        for (const g of alive)
            if (deps.signalGroup(g, 0))
                deps.signalGroup(g, 'SIGKILL');
    }
    deps.removeFile(file);
    return alive;
}
function defaultPostDeps(env) {
    return {
        env,
        log: { info: (m) => console.log(m), warn: (m) => console.log(`::warning::${m}`) },
        readFile: (path) => {
            try {
                return (0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8');
            }
            catch {
                return null;
            }
        },
        removeFile: (path) => (0,external_node_fs_namespaceObject.rmSync)(path, { force: true }),
        signalGroup: (pgid, signal) => {
            if (pgid <= 1)
                return false;
            try {
                process.kill(-pgid, signal);
                return true;
            }
            catch {
                return false;
            }
        },
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
}
// Run only when executed as the entry point (the bundled post step), never on import.
const entry = process.argv[1];
if (entry && import.meta.url === (0,external_node_url_namespaceObject.pathToFileURL)(entry).href) {
    main(defaultPostDeps(process.env)).catch((e) => {
        console.log(`::warning::loadgate post step: ${e.message}`);
    });
}

var __webpack_exports__POST_GRACE_MS = __webpack_exports__.BO;
var __webpack_exports__defaultPostDeps = __webpack_exports__.GJ;
var __webpack_exports__main = __webpack_exports__.iW;
export { __webpack_exports__POST_GRACE_MS as POST_GRACE_MS, __webpack_exports__defaultPostDeps as defaultPostDeps, __webpack_exports__main as main };
