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
 * killed loadgate left behind. Append-only lines, so writing never needs a read-modify-write;
 * the reader folds them into what is still alive:
 *
 *     +PGID START   group started; START = its leader's start time (/proc/PID/stat field 22)
 *     -PGID         group stopped
 *     @RUNID        a server start began: its processes carry LOADGATE_RUN_ID=RUNID
 *     !RUNID        that start's processes were all stopped
 *
 * The start time lets the post step tell our group from a later process that got the same pid.
 */



/** Where the action's main step records groups and its post step reads them (same job). */
function defaultStateFile(env) {
    return (0,external_node_path_namespaceObject.join)(env.RUNNER_TEMP || (0,external_node_os_namespaceObject.tmpdir)(), 'loadgate-pgids');
}
function parseStateFile(text) {
    const live = new Map();
    const runs = new Set();
    for (const raw of text.split('\n')) {
        const line = raw.trim();
        const run = /^([@!])([\w-]+)$/.exec(line);
        if (run) {
            if (run[1] === '@')
                runs.add(run[2]);
            else
                runs.delete(run[2]);
            continue;
        }
        const m = /^([+-])(\d+)(?: (\d+))?$/.exec(line);
        if (!m)
            continue;
        const pgid = Number(m[2]);
        if (pgid <= 1)
            continue;
        if (m[1] === '+')
            live.set(pgid, m[3] === undefined ? null : Number(m[3]));
        else
            live.delete(pgid);
    }
    return { groups: [...live].map(([pgid, start]) => ({ pgid, start })), runs: [...runs] };
}
/** Appends one line; a failure to write is reported, never thrown (it is a safety net). */
function recordLine(file, line) {
    try {
        appendFileSync(file, `${line}\n`);
        return null;
    }
    catch (e) {
        return e.message;
    }
}
/** Appends one group record (`+PGID START` or `-PGID`). */
function recordGroup(file, op, pgid, start = null) {
    return recordLine(file, op === '+' && start !== null ? `+${pgid} ${start}` : `${op}${pgid}`);
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/supervisor/logs.ts
/**
 * Per-process log files. Every child writes stdout and stderr straight into its own file (never a
 * pipe that nobody reads: a full pipe blocks a server under load); on failure we show the tail.
 */



/** How many lines of a log a failure shows. */
const TAIL_LINES = 40;
const TAIL_BYTES = (/* unused pure expression or super */ null && (64 * 1024));
/** Run folders kept under `server.log-dir`; older ones are removed when a new run starts. */
const KEEP_RUN_FOLDERS = 20;
const RUN_FOLDER = /^run-\d{8}-\d{6}-\d{3}-\d+-[0-9a-f]{6}$/;
/** `run-20260501-120000-123-4242-a1b2c3`: sorts by start time (UTC, ms), unique per start. */
function runFolderName(now, pid, random) {
    const iso = now.toISOString(); // 2026-05-01T12:00:00.123Z
    const stamp = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
    return `run-${stamp}-${pid}-${random}`;
}
/**
 * A fresh folder for this server start's logs under `root` (so a tail never shows an earlier
 * run's lines); keeps the newest `keep` run folders and removes older ones. Only folders named
 * like ours are ever removed.
 */
function freshRunLogDir(root, keep = KEEP_RUN_FOLDERS) {
    mkdirSync(root, { recursive: true });
    const dir = join(root, runFolderName(new Date(), process.pid, randomBytes(3).toString('hex')));
    mkdirSync(dir);
    try {
        const runs = readdirSync(root)
            .filter((name) => RUN_FOLDER.test(name))
            .sort();
        for (const old of runs.slice(0, Math.max(0, runs.length - keep))) {
            rmSync(join(root, old), { recursive: true, force: true });
        }
    }
    catch {
        // Pruning is housekeeping: a failure must not stop the run.
    }
    return dir;
}
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

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: ./src/supervisor/proc.ts
/**
 * Reading Linux /proc: process table (pid, parent, group, CPU ticks), memory per process and
 * whole-system CPU. Parsing is separate from reading so it can be tested with plain strings.
 */


/** Clock ticks per second for utime/stime: USER_HZ is 100 on every Linux architecture we run on. */
const CLOCK_TICKS = 100;
/** Parses /proc/PID/stat. comm may hold spaces and parentheses: fields follow the last ')'. */
function parseStat(text) {
    const open = text.indexOf('(');
    const close = text.lastIndexOf(')');
    if (open < 0 || close < open)
        return null;
    const pid = Number(text.slice(0, open).trim());
    const rest = text
        .slice(close + 2)
        .trim()
        .split(' ');
    // rest[0] is field 3 (state); field N is rest[N - 3].
    const state = rest[0] ?? '?';
    const ppid = Number(rest[1]);
    const pgid = Number(rest[2]);
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    if (![pid, ppid, pgid, utime, stime].every(Number.isFinite))
        return null;
    return { pid, name: text.slice(open + 1, close), state, ppid, pgid, cpuTicks: utime + stime };
}
/**
 * Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. With the pid
 * it names one process for good: a reused pid has a later start time. Null when unparsable.
 */
function parseStartTime(text) {
    const close = text.lastIndexOf(')');
    if (close < 0)
        return null;
    const field = text
        .slice(close + 2)
        .trim()
        .split(' ')[19]; // field N is rest[N - 3]
    const n = Number(field);
    return field !== undefined && field !== '' && Number.isInteger(n) ? n : null;
}
/** The start time of a live process (see parseStartTime), or null when it is gone. */
function readStartTime(pid) {
    try {
        return parseStartTime((0,external_node_fs_namespaceObject.readFileSync)(`/proc/${pid}/stat`, 'utf8'));
    }
    catch {
        return null;
    }
}
/** /proc/PID/cmdline with its NUL separators as spaces; '' when unreadable. */
function readCmdline(pid) {
    try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
    }
    catch {
        return '';
    }
}
/**
 * A `(process) => is it a helper?` that reads each process's command line once (by pid and
 * name, so a pid reused by another program is read again).
 */
function helperCheck(isHelperCommand) {
    const seen = new Map();
    return (p) => {
        const known = seen.get(p.pid);
        if (known && known.name === p.name)
            return known.helper;
        const helper = isHelperCommand(readCmdline(p.pid));
        if (seen.size > 10_000)
            seen.clear();
        seen.set(p.pid, { name: p.name, helper });
        return helper;
    };
}
/** Every process visible in /proc. Processes that vanish while we read are skipped. */
async function listProcesses() {
    const entries = await readdir('/proc');
    const reads = entries
        .filter((e) => /^\d+$/.test(e))
        .map(async (e) => {
        try {
            return parseStat(await readFile(`/proc/${e}/stat`, 'utf8'));
        }
        catch {
            return null;
        }
    });
    return (await Promise.all(reads)).filter((p) => p !== null);
}
/** Reads `Key:   123 kB` lines (smaps_rollup, status) into bytes. */
function parseKbField(text, key) {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return m?.[1] ? Number(m[1]) * 1024 : null;
}
/** RSS and PSS from smaps_rollup when readable (Linux 4.14+), else RSS from status. */
async function readMemory(pid) {
    try {
        const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
        const rss = parseKbField(rollup, 'Rss');
        if (rss !== null)
            return { rssBytes: rss, pssBytes: parseKbField(rollup, 'Pss') };
    }
    catch {
        // Not readable (older kernel, other user): fall back to status.
    }
    try {
        const rss = parseKbField(await readFile(`/proc/${pid}/status`, 'utf8'), 'VmRSS');
        return rss === null ? null : { rssBytes: rss, pssBytes: null };
    }
    catch {
        return null;
    }
}
/** The aggregate `cpu` line of /proc/stat. Guest time is already inside user, so not added. */
function parseCpuLine(text) {
    const line = text.split('\n').find((l) => l.startsWith('cpu '));
    if (!line)
        return null;
    const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = v;
    return {
        total: user + nice + system + idle + iowait + irq + softirq + steal,
        idle: idle + iowait,
        steal,
    };
}
async function readCpuTimes() {
    try {
        return parseCpuLine(await readFile('/proc/stat', 'utf8'));
    }
    catch {
        return null;
    }
}
/** The listening sockets (state 0A) in the text of /proc/net/tcp or /proc/net/tcp6. */
function parseListening(text) {
    const out = [];
    for (const line of text.split('\n').slice(1)) {
        const f = line.trim().split(/\s+/);
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
        if (f.length < 10 || f[3] !== '0A')
            continue;
        const port = parseInt(f[1]?.split(':')[1] ?? '', 16);
        const inode = Number(f[9]);
        if (Number.isFinite(port) && port > 0 && inode > 0)
            out.push({ port, inode });
    }
    return out;
}
/** TCP ports the given processes listen on (through their socket fds); [] when unknown. */
async function listeningPorts(pids) {
    const tables = await Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map((f) => readFile(f, 'utf8').catch(() => '')));
    const byInode = new Map(tables.flatMap(parseListening).map((s) => [s.inode, s.port]));
    if (byInode.size === 0)
        return [];
    const ports = new Set();
    await Promise.all(pids.map(async (pid) => {
        let fds;
        try {
            fds = await readdir(`/proc/${pid}/fd`);
        }
        catch {
            return;
        }
        await Promise.all(fds.map(async (fd) => {
            const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
            const m = /^socket:\[(\d+)\]$/.exec(target);
            const port = m ? byInode.get(Number(m[1])) : undefined;
            if (port !== undefined)
                ports.add(port);
        }));
    }));
    return [...ports].sort((a, b) => a - b);
}
/** Ports the live members of these process groups listen on. */
async function groupListeningPorts(pgids) {
    try {
        const set = new Set(pgids);
        const pids = (await listProcesses())
            .filter((p) => set.has(p.pgid) && p.state !== 'Z')
            .map((p) => p.pid);
        return await listeningPorts(pids);
    }
    catch {
        return [];
    }
}

;// CONCATENATED MODULE: ./src/supervisor/env.ts
/**
 * The environment a server (and its setup commands) gets: the runner's, without the action's
 * credentials. On a pull request the server is the PR's code; it has no business with the
 * token input (`INPUT_GITHUB-TOKEN`: bash keeps names with `-`), the runtime and OIDC tokens or
 * the cache service. `server.env` may still name any of them on purpose. Pure.
 */
/** Names never passed on unless `server.env` sets them. */
function isScrubbed(name) {
    const upper = name.toUpperCase();
    return (upper.startsWith('INPUT_') ||
        upper.startsWith('ACTIONS_RUNTIME_') ||
        upper.startsWith('ACTIONS_ID_TOKEN_') ||
        upper === 'ACTIONS_CACHE_URL' ||
        upper === 'ACTIONS_RESULTS_URL' ||
        upper === 'GITHUB_TOKEN');
}
/** Marks every process of one server start (and what they fork) for the /proc sweep. */
const RUN_MARK = 'LOADGATE_RUN_ID';
/**
 * base (minus the scrubbed names and anything not a string), then `server.env`, then the run
 * mark (when given).
 */
function serverEnv(base, serverVars, runId) {
    const env = {};
    for (const [k, v] of Object.entries(base)) {
        if (typeof v === 'string' && !isScrubbed(k) && k !== RUN_MARK)
            env[k] = v;
    }
    return runId === null ? { ...env, ...serverVars } : { ...env, ...serverVars, [RUN_MARK]: runId };
}

;// CONCATENATED MODULE: ./src/supervisor/sweep.ts
/**
 * The last net of stop(): a process that left its process group (setsid, a daemonizing server)
 * escapes the group signals, but it still carries the run mark it inherited in its environment.
 * Find every live process whose /proc/PID/environ holds `LOADGATE_RUN_ID=<id>`, TERM them, wait,
 * KILL what is left. (A process that re-execs itself with a cleared environment is not found;
 * a cgroup would catch it, but runners rarely let a job create one.)
 */


const POLL_MS = 50;
const KILL_WAIT_MS = 2_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Whether an environ block (NUL-separated) carries the mark. Pure. */
function hasMark(environ, runId) {
    return environ.split('\0').includes(`${RUN_MARK}=${runId}`);
}
/** Live (not zombie) processes, other than this one, marked with `runId`. */
async function markedProcesses(runId) {
    let entries;
    try {
        entries = await (0,promises_namespaceObject.readdir)('/proc');
    }
    catch {
        return [];
    }
    const found = await Promise.all(entries
        .filter((e) => /^\d+$/.test(e) && Number(e) !== process.pid)
        .map(async (e) => {
        try {
            const stat = await (0,promises_namespaceObject.readFile)(`/proc/${e}/stat`, 'utf8');
            if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z'))
                return null;
            return hasMark(await (0,promises_namespaceObject.readFile)(`/proc/${e}/environ`, 'latin1'), runId) ? Number(e) : null;
        }
        catch {
            return null; // gone, or another user's
        }
    }));
    return found.filter((p) => p !== null);
}
function signal(pid, sig) {
    try {
        process.kill(pid, sig);
    }
    catch {
        // already gone
    }
}
/** Ends every process marked with `runId`; returns the pids it found. Never throws. */
async function sweepRun(runId, graceMs) {
    const found = await markedProcesses(runId);
    if (found.length === 0)
        return [];
    for (const pid of found)
        signal(pid, 'SIGTERM');
    let left = found;
    const deadline = Date.now() + graceMs;
    while (left.length > 0 && Date.now() < deadline) {
        await sleep(POLL_MS);
        left = await markedProcesses(runId);
    }
    for (const pid of left)
        signal(pid, 'SIGKILL');
    const killDeadline = Date.now() + KILL_WAIT_MS;
    while (left.length > 0 && Date.now() < killDeadline) {
        await sleep(POLL_MS);
        left = await markedProcesses(runId);
    }
    return found;
}

;// CONCATENATED MODULE: ./src/action/post.ts
/**
 * The action's `post:` step. GitHub runs it after the job's steps, also when the main step was
 * cancelled or killed: it ends every process group loadgate recorded and did not stop itself,
 * and every process still carrying the run mark of a server start that did not finish (one that
 * left its group with setsid). See src/supervisor/guard.ts for the other two nets. A group is
 * signalled only while its leader's start time is the recorded one (or the leader is gone and
 * the group lives on, which keeps its id from being reused): a reused pid is never signalled.
 * It never fails the job.
 */






/** SIGTERM, then up to this long for the groups to go, then SIGKILL. */
const POST_GRACE_MS = 3_000;
const post_POLL_MS = 100;
/** Returns the process groups it had to end. */
async function main(deps) {
    const file = defaultStateFile(deps.env);
    const text = deps.readFile(file);
    if (text === null)
        return [];
    const record = parseStateFile(text);
    const alive = [];
    for (const { pgid, start } of record.groups) {
        if (!deps.signalGroup(pgid, 0))
            continue;
        const now = deps.startTime(pgid);
        if (start === null) {
            deps.log.warn(`process group ${pgid} was recorded without a start time: not signalled`);
        }
        else if (now !== null && now !== start) {
            deps.log.info(`process ${pgid} is not the one loadgate started (pid reused): not signalled`);
        }
        else {
            alive.push(pgid);
        }
    }
    if (alive.length > 0) {
        deps.log.warn(`loadgate left ${alive.length} process group(s) running: ${alive.join(', ')}; stopping them`);
        for (const g of alive)
            deps.signalGroup(g, 'SIGTERM');
        for (let waited = 0; waited < POST_GRACE_MS; waited += post_POLL_MS) {
            if (!alive.some((g) => deps.signalGroup(g, 0)))
                break;
            await deps.sleep(post_POLL_MS);
        }
        for (const g of alive)
            if (deps.signalGroup(g, 0))
                deps.signalGroup(g, 'SIGKILL');
    }
    for (const runId of record.runs) {
        const strays = await deps.sweepRun(runId);
        if (strays.length > 0) {
            deps.log.warn(`loadgate left ${strays.length} process(es) outside its process groups: ` +
                `${strays.join(', ')}; stopped them`);
        }
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
        startTime: readStartTime,
        sweepRun: (runId) => sweepRun(runId, POST_GRACE_MS),
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
