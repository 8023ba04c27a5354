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

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./src/supervisor/logs.ts
/**
 * Per-process log files. Every child writes stdout and stderr straight into its own file (never a
 * pipe that nobody reads: a full pipe blocks a server under load); on failure we show the tail.
 */


/** How many lines of a log a failure shows. */
const TAIL_LINES = 40;
const TAIL_BYTES = (/* unused pure expression or super */ null && (64 * 1024));
/** A file-safe name for a log: `setup-1`, `server`, `worker-2`. */
function logPath(dir, name) {
    return join(dir, `${name.replace(/[^\w.-]+/g, '_')}.log`);
}
/** Opens (appending) a log file and writes a marker line; the caller hands the fd to a child. */
function logs_openLog(path, marker) {
    mkdirSync(join(path, '..'), { recursive: true });
    const fd = openSync(path, 'a');
    writeSync(fd, `--- loadgate: ${marker} (${new Date().toISOString()})\n`);
    return fd;
}
function logs_closeLog(fd) {
    try {
        closeSync(fd);
    }
    catch {
        // Already closed.
    }
}
/** The last `n` lines of a file (reads at most the last 64 KiB); [] when missing. */
function lastLines(path, n = TAIL_LINES) {
    let fd = null;
    try {
        fd = openSync(path, 'r');
        const size = fstatSync(fd).size;
        const len = Math.min(size, TAIL_BYTES);
        const buf = Buffer.alloc(len);
        readSync(fd, buf, 0, len, size - len);
        const lines = buf.toString('utf8').split('\n');
        if (size > len)
            lines.shift(); // probably cut in the middle
        while (lines.length > 0 && lines[lines.length - 1] === '')
            lines.pop();
        return lines.slice(-n);
    }
    catch {
        return [];
    }
    finally {
        if (fd !== null)
            logs_closeLog(fd);
    }
}

;// CONCATENATED MODULE: ./src/supervisor/shell.ts
/**
 * Reading a server command the way /bin/sh will (pure): the program it runs, and an `exec` form
 * so that the shell becomes the program (dash does not exec a lone command by itself). With the
 * shell out of the way the pid we spawn is the server's: it gets the parent-death signal,
 * LISTEN_PID names it, and its exit code is the server's.
 */
/** Shell words that are not programs on PATH; a command starting with one is left alone. */
const SHELL_WORDS = new Set(('cd exec export set unset . source eval test [ true false : ulimit umask trap wait read ' +
    'if for while case until { ( ! command builtin type alias echo printf').split(' '));
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Anything that makes a command more than one simple command (`${PORT}` braces do not). */
const COMPOUND = /[;&|\n`()<>]/;
/** The program a simple shell command runs: the first word after `VAR=value` assignments. */
function programOf(command) {
    for (const word of command.trim().split(/\s+/)) {
        if (ASSIGNMENT.test(word))
            continue;
        if (SHELL_WORDS.has(word))
            return null;
        // Quotes, expansions, globs: leave it to the shell.
        return /^[\w./+@%,-]+$/.test(word) ? word : null;
    }
    return null;
}
/** `A=1 gunicorn app` -> `A=1 exec gunicorn app`; compound or unusual commands are unchanged. */
function shell_execForm(command) {
    const trimmed = command.trim();
    if (COMPOUND.test(trimmed) || programOf(trimmed) === null)
        return command;
    const words = trimmed.split(/\s+/);
    const assignments = [];
    while (words.length > 0 && ASSIGNMENT.test(words[0]))
        assignments.push(words.shift());
    // Re-join the rest from the original text so quoting inside arguments is kept.
    const restStart = assignments.reduce((at, a) => trimmed.indexOf(a, at) + a.length, 0);
    const rest = trimmed.slice(restStart).trim();
    return [...assignments, 'exec', rest].join(' ');
}

;// CONCATENATED MODULE: ./src/supervisor/launch.ts
/**
 * Starting one shell command as its own process group, output to its own log file, wrapped so
 * that it gets SIGTERM if loadgate dies (setpriv --pdeathsig, util-linux, when present).
 */




const SETPRIV = '/usr/bin/setpriv';
/** util-linux taskset: pins a command (and everything it forks) to a CPU list. */
const TASKSET = '/usr/bin/taskset';
/** Whether children get a parent-death signal on this machine. */
function hasPdeathsig() {
    return existsSync(SETPRIV);
}
/** Whether commands can be pinned to CPUs on this machine. */
function hasTaskset() {
    return existsSync(TASKSET);
}
/** `[0, 1, 3]` -> `0,1,3`: taskset's list form. */
function cpuList(cpus) {
    return cpus.join(',');
}
/**
 * argv for the command. Each wrapper execs the next, and a simple command is run with `exec`,
 * so the pid we get is the server's own (a compound command keeps its shell as that pid). For fd
 * passing, LISTEN_PID is set to that pid from inside the shell: it is unknown before spawn.
 * taskset goes outermost: the affinity it sets survives every exec and fork below it.
 */
function commandArgv(command, opts) {
    let argv = ['/bin/sh', '-c', execForm(command)];
    if (opts.pdeathsig)
        argv = [SETPRIV, '--pdeathsig', 'SIGTERM', '--', ...argv];
    if (opts.listenPid) {
        argv = ['/bin/sh', '-c', 'LISTEN_PID=$$; export LISTEN_PID; exec "$@"', 'sh', ...argv];
    }
    if (opts.cpus && opts.cpus.length > 0)
        argv = [TASKSET, '-c', cpuList(opts.cpus), ...argv];
    return argv;
}
function launch(opts) {
    const shared = opts.socketFd !== undefined;
    const argv = commandArgv(opts.command, {
        pdeathsig: !opts.noPdeathsig && hasPdeathsig(),
        listenPid: shared,
        cpus: opts.cpus ?? null,
    });
    const env = shared ? { ...opts.env, LISTEN_FDS: '1' } : opts.env;
    const fd = openLog(opts.logPath, opts.marker);
    const stdio = ['ignore', fd, fd];
    if (opts.socketFd !== undefined)
        stdio.push(opts.socketFd);
    let settled = null;
    try {
        const child = spawn(argv[0], argv.slice(1), {
            cwd: opts.cwd,
            env,
            stdio,
            detached: true,
        });
        const exited = new Promise((resolve) => {
            child.once('exit', (code, signal) => resolve((settled = { code, signal, error: null })));
            child.once('error', (err) => resolve((settled = { code: null, signal: null, error: err.message })));
        });
        if (child.pid === undefined) {
            // spawn failed synchronously (ENOENT, EMFILE); 'error' follows on the next tick.
            return {
                pid: -1,
                pgid: -1,
                startedAt: Date.now(),
                logPath: opts.logPath,
                exited,
                exit: () => settled,
            };
        }
        return {
            pid: child.pid,
            pgid: child.pid,
            startedAt: Date.now(),
            logPath: opts.logPath,
            exited,
            exit: () => settled,
        };
    }
    finally {
        closeLog(fd);
    }
}
/** Signals a whole process group; a group that is already gone is not an error. */
function signalGroup(pgid, signal) {
    if (pgid <= 1)
        return false;
    try {
        process.kill(-pgid, signal);
        return true;
    }
    catch {
        return false;
    }
}
/** A human reading of an exit, with the common shell codes spelled out. */
function describeExit(exit) {
    if (exit.error)
        return `could not be started (${exit.error})`;
    if (exit.signal)
        return `was killed by ${exit.signal}`;
    if (exit.code === 127)
        return 'exited with code 127 (command not found: check the program name and PATH)';
    if (exit.code === 126)
        return 'exited with code 126 (found but not executable)';
    return `exited with code ${exit.code}`;
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
        signalGroup: signalGroup,
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
