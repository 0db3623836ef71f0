/* Durability under SIGKILL: plays tests/history/kill.level live, fed by this program at 100
 * lines a second, and kills ebb at many moments: while it opens
 * the store, mid-step, on step ends, after the end. After each kill it checks, with plain
 * SQLite and before anything else touches the files:
 *   - PRAGMA integrity_check is ok;
 *   - the steps committed are a prefix 0..k-1, and k covers every step that had ended by
 *     the time of the kill: by the wall clock (level time runs from when the live row
 *     appeared, or in the window from its first read of stdin), and, whatever the clock,
 *     by the frames found in the session's recording (every frame there was ticked, so
 *     every step that ended before the last of them must be committed);
 *   - no step from the future: none that could not have ended yet;
 *   - the files are the store, its -wal/-shm and the recordings, all 0600: no temp file;
 * and, after the next start, that the session killed before is marked "interrupted" with
 * the same steps.
 *
 * Three ways in (--mode):
 *   stdin   headless, the stdin probe fed through a pipe (the default);
 *   pty     headless, the serial probe on a socat pty pair (socat on PATH), fed through
 *           the other end of the pair, a new pair for every session;
 *   window  the SDL window (x11: run this under xvfb-run) with the stdin probe.
 *
 * Usage: kill_driver EBB LEVEL WORKDIR [--kills N] [--slack MS] [--mode M] [--seed S].
 * Prints a tally. --seed S > 0 draws the kill moments at random (reproducible from S);
 * without it they are spread evenly, the same on every run. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/frame.h"
#include "io/recording_file.h"

#define STEP_MS 300
#define TICK_MS 10
#define STEPS 12

typedef enum kill_mode { MODE_STDIN, MODE_PTY, MODE_WINDOW } kill_mode;

static kill_mode mode = MODE_STDIN;
static char workdir[1024];

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fails;

static void fail(int kill_no, const char *what, long a, long b)
{
    fprintf(stderr, "FAIL kill %d: %s (%ld, %ld)\n", kill_no, what, a, b);
    fails++;
}

typedef struct db_state {
    bool ok_integrity;
    long sessions;
    long last_id;
    char last_state[16];
    long last_steps;      /* step rows of the last session */
    bool prefix;          /* those rows are 0..k-1 */
    long prev_steps;      /* step rows of session prev_id */
    char prev_state[16];
} db_state;

static long q_long(sqlite3 *db, const char *sql, long a)
{
    sqlite3_stmt *st = NULL;
    long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_bind_parameter_count(st) > 0) {
            sqlite3_bind_int64(st, 1, a);
        }
        if (sqlite3_step(st) == SQLITE_ROW) {
            v = (long)sqlite3_column_int64(st, 0);
        }
    }
    sqlite3_finalize(st);
    return v;
}

static void q_text(sqlite3 *db, const char *sql, long a, char *out, size_t n)
{
    sqlite3_stmt *st = NULL;
    snprintf(out, n, "-");
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, a);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
            snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
        }
    }
    sqlite3_finalize(st);
}

static bool read_db(const char *path, long prev_id, db_state *s)
{
    memset(s, 0, sizeof *s);
    sqlite3 *db = NULL;
    if (access(path, F_OK) != 0) {
        s->ok_integrity = true; /* killed before the file existed */
        return true;
    }
    /* Read-only, so this check cannot repair or recover anything itself. */
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return false;
    }
    char ic[64];
    sqlite3_stmt *st = NULL;
    snprintf(ic, sizeof ic, "?");
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check;", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        snprintf(ic, sizeof ic, "%s", (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    s->ok_integrity = strcmp(ic, "ok") == 0;
    if (q_long(db, "PRAGMA user_version;", 0) < 2) {
        sqlite3_close(db); /* killed while the store was being set up: nothing to see */
        return true;
    }
    s->sessions = q_long(db, "SELECT COUNT(*) FROM sessions;", 0);
    s->last_id = q_long(db, "SELECT COALESCE(MAX(id), 0) FROM sessions;", 0);
    q_text(db, "SELECT state FROM sessions WHERE id = ?1;", s->last_id, s->last_state,
           sizeof s->last_state);
    s->last_steps = q_long(db, "SELECT COUNT(*) FROM step_results WHERE session_id = ?1;",
                           s->last_id);
    s->prefix = q_long(db, "SELECT COALESCE(MAX(step_index), -1) + 1 FROM step_results "
                           "WHERE session_id = ?1;", s->last_id) == s->last_steps;
    s->prev_steps = q_long(db, "SELECT COUNT(*) FROM step_results WHERE session_id = ?1;",
                           prev_id);
    q_text(db, "SELECT state FROM sessions WHERE id = ?1;", prev_id, s->prev_state,
           sizeof s->prev_state);
    sqlite3_close(db);
    return true;
}

/* Only the store, its WAL companions and the recordings may be there, all private. */
static void check_files(int kill_no, const char *dir)
{
    static const char *const allowed[] = {"history.sqlite3", "history.sqlite3-wal",
                                          "history.sqlite3-shm", "recordings"};
    DIR *d = opendir(dir);
    if (d == NULL) {
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        bool ok = false;
        for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
            ok = ok || strcmp(e->d_name, allowed[i]) == 0;
        }
        char p[1600];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (!ok) {
            fprintf(stderr, "unexpected file %s\n", p);
            fail(kill_no, "a file that should not be there", 0, 0);
        } else if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) != 0600) {
            fail(kill_no, "a store file is not 0600", (long)(st.st_mode & 0777), 0600);
        }
    }
    closedir(d);
    char rd[1300];
    snprintf(rd, sizeof rd, "%s/recordings", dir);
    d = opendir(rd);
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        size_t n = strlen(e->d_name);
        if (strncmp(e->d_name, "session-", 8) != 0 || n < 8 ||
            strcmp(e->d_name + n - 7, ".ebbrec") != 0) {
            fprintf(stderr, "unexpected file %s/%s\n", rd, e->d_name);
            fail(kill_no, "a file that should not be there", 0, 0);
        }
    }
    if (d) {
        closedir(d);
    }
}

/* One live session, killed `at` seconds after its live row appeared (at < 0: -at seconds
 * after launch, while it starts). *played_s: wall time from the row to the kill. */
/* Sessions in the store so far, read-only (0 when there is no store yet). */
static long session_count(const char *db_path)
{
    sqlite3 *db = NULL;
    long n = 0;
    if (access(db_path, F_OK) == 0 &&
        sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_busy_timeout(db, 50);
        n = q_long(db, "SELECT COUNT(*) FROM sessions;", 0);
    }
    sqlite3_close(db);
    return n < 0 ? 0 : n;
}

/* A socat pty pair WORKDIR/ttyA <-> WORKDIR/ttyB; returns socat's pid, or -1. */
static pid_t start_socat(char *tty_a, char *tty_b, size_t n)
{
    snprintf(tty_a, n, "%s/ttyA", workdir);
    snprintf(tty_b, n, "%s/ttyB", workdir);
    unlink(tty_a);
    unlink(tty_b);
    char la[1200], lb[1200];
    snprintf(la, sizeof la, "pty,raw,echo=0,link=%s", tty_a);
    snprintf(lb, sizeof lb, "pty,raw,echo=0,link=%s", tty_b);
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 2);
        execlp("socat", "socat", la, lb, (char *)NULL);
        _exit(127);
    }
    for (int i = 0; pid > 0 && i < 500; i++) {
        if (access(tty_a, F_OK) == 0 && access(tty_b, F_OK) == 0) {
            return pid;
        }
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
    return -1;
}

static void stop_socat(pid_t pid)
{
    if (pid > 0) {
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
    }
}

/* Steps that must be committed, judged by the recording alone: the frames in it were all
 * ticked (a block cut by the kill is dropped by the decoder), and a step that ended before
 * the last of them was committed in an earlier tick. -1 when there is no recording. */
static long recorded_steps(const char *dir, long session_id)
{
    char path[1400], err[256];
    snprintf(path, sizeof path, "%s/recordings/session-%ld.ebbrec", dir, session_id);
    ebb_recording rec;
    if (access(path, F_OK) != 0 || !ebb_recording_load(path, &rec, err, sizeof err)) {
        return -1;
    }
    long ticks = 0; /* level time only runs on ticks with a signal */
    for (size_t i = 0; i < rec.count; i++) {
        ticks += rec.frames[i].signal != EBB_SIGNAL_LOST;
    }
    ebb_recording_free(&rec);
    const long ended_ms = (ticks - 1) * TICK_MS; /* the last tick's own step end may be in flight */
    return ended_ms <= 0 ? 0 : ended_ms / STEP_MS;
}

static bool one_session(const char *ebb, const char *level, const char *db_path, double at,
                        double *played_s, bool *finished)
{
    const long before = session_count(db_path);
    int in[2], err[2];
    if (pipe(in) != 0 || pipe(err) != 0) {
        return false;
    }
    char tty_a[1100], tty_b[1100], spec[1200];
    pid_t socat = -1;
    if (mode == MODE_PTY) {
        socat = start_socat(tty_a, tty_b, sizeof tty_a);
        if (socat < 0) {
            fprintf(stderr, "socat made no pty pair\n");
            return false;
        }
        snprintf(spec, sizeof spec, "serial:%s", tty_b);
    }
    const double launch = now_s();
    pid_t pid = fork();
    if (pid < 0) {
        return false;
    }
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(err[1], 2);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        close(in[1]);
        close(err[0]);
        if (mode == MODE_PTY) {
            execl(ebb, ebb, "play", level, "--probe", spec, "--headless", (char *)NULL);
        } else if (mode == MODE_WINDOW) {
            execl(ebb, ebb, "play", level, "--probe", "stdin", "--exit-when-done",
                  (char *)NULL);
        } else {
            execl(ebb, ebb, "play", level, "--probe", "stdin", "--headless", (char *)NULL);
        }
        _exit(127);
    }
    close(in[0]);
    close(err[1]);
    /* Where the samples go: the pipe to ebb's stdin, or the far end of the pty pair. */
    int feed = in[1];
    if (mode == MODE_PTY) {
        feed = open(tty_a, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (feed < 0) {
            kill(pid, SIGKILL);
            waitpid(pid, NULL, 0);
            stop_socat(socat);
            return false;
        }
    }
    fcntl(err[0], F_SETFL, O_NONBLOCK);
    signal(SIGPIPE, SIG_IGN);
    char buf[4096];
    size_t got = 0;
    double started = -1.0;
    int unread_after_write = 0;
    *finished = false;
    *played_s = 0.0;
    for (unsigned line = 0;; line++) {
        const double t = now_s();
        ssize_t r = read(err[0], buf + got, sizeof buf - 1 - got);
        if (r > 0) {
            got += (size_t)r;
            buf[got] = '\0';
        }
        /* The live row is written just before the first tick: from then on level time
         * runs with the wall clock (it can only lag, never lead). */
        if (started < 0.0 && at >= 0.0 && mode != MODE_WINDOW &&
            session_count(db_path) > before) {
            started = t;
        }
        /* The window writes the row before it opens (a second or so of fonts and sound),
         * and its first tick is its first read of stdin: level time starts when the
         * bytes waiting in the pipe first go down. */
        int unread = 0;
        if (mode == MODE_WINDOW && started < 0.0 && at >= 0.0 &&
            ioctl(in[1], FIONREAD, &unread) == 0 && unread < unread_after_write &&
            session_count(db_path) > before) {
            started = t;
        }
        const bool due = at < 0.0 ? t - launch >= -at : (started >= 0.0 && t - started >= at);
        if (due) {
            kill(pid, SIGKILL);
            break;
        }
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            /* Ended by itself: then it must have ended well, and stored the level whole. */
            *finished = true;
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                fprintf(stderr, "ebb ended by itself with status %d: %.*s\n", status,
                        (int)got, buf);
                fail(-1, "ebb failed without being killed", status, 0);
            }
            close(in[1]);
            close(err[0]);
            if (feed != in[1]) {
                close(feed);
            }
            stop_socat(socat);
            *played_s = 1e9;
            return true;
        }
        /* A squeeze in every second step, as the level asks. */
        char l[32];
        int n = snprintf(l, sizeof l, "%.3f\n", ((line / 30u) % 2u) ? 0.6 : 0.1);
        if (write(feed, l, (size_t)n) < 0 && errno != EPIPE && errno != EIO) {
            break;
        }
        if (mode == MODE_WINDOW && ioctl(in[1], FIONREAD, &unread_after_write) != 0) {
            unread_after_write = 0;
        }
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    int status;
    waitpid(pid, &status, 0);
    *played_s = started >= 0.0 ? now_s() - started : 0.0;
    close(in[1]);
    close(err[0]);
    if (feed != in[1]) {
        close(feed);
    }
    stop_socat(socat);
    return true;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: kill_driver EBB LEVEL WORKDIR [--kills N] [--slack MS] "
                        "[--mode stdin|pty|window] [--seed S]\n");
        return 2;
    }
    int kills = 20;
    double slack = -1.0;
    unsigned seed = 0;
    for (int i = 4; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--kills") == 0) {
            kills = atoi(argv[i + 1]);
        } else if (strcmp(argv[i], "--slack") == 0) {
            slack = atof(argv[i + 1]) / 1000.0;
        } else if (strcmp(argv[i], "--seed") == 0) {
            seed = (unsigned)strtoul(argv[i + 1], NULL, 10);
        } else if (strcmp(argv[i], "--mode") == 0 && strcmp(argv[i + 1], "stdin") == 0) {
            mode = MODE_STDIN;
        } else if (strcmp(argv[i], "--mode") == 0 && strcmp(argv[i + 1], "pty") == 0) {
            mode = MODE_PTY;
        } else if (strcmp(argv[i], "--mode") == 0 && strcmp(argv[i + 1], "window") == 0) {
            mode = MODE_WINDOW;
        } else {
            fprintf(stderr, "kill_driver: unknown option %s %s\n", argv[i], argv[i + 1]);
            return 2;
        }
    }
    if (mode == MODE_WINDOW) {
        if (getenv("DISPLAY") == NULL) {
            fprintf(stderr, "kill_driver: --mode window needs an X server (run it under "
                            "xvfb-run)\n");
            return 2;
        }
        setenv("SDL_VIDEODRIVER", "x11", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 1);
        setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 1);
    }
    /* How far level time may lag the wall clock (not used for the window, whose clock caps
     * long frames: there the recording is the measure). */
    if (slack < 0.0) {
        slack = 0.4;
    }
    snprintf(workdir, sizeof workdir, "%s", argv[3]);
    char cfg[1100];
    snprintf(cfg, sizeof cfg, "%s/config", argv[3]);
    setenv("XDG_CONFIG_HOME", cfg, 1); /* the window's settings stay in the work folder */
    srand(seed);
    char xdg[1024], dir[1100], db[1200];
    snprintf(xdg, sizeof xdg, "%s", argv[3]);
    setenv("XDG_DATA_HOME", xdg, 1);
    snprintf(dir, sizeof dir, "%s/ebb", xdg);
    snprintf(db, sizeof db, "%s/history.sqlite3", dir);
    umask(0); /* whatever the umask: the files must still be private */

    long prev_id = 0, prev_steps = 0;
    bool prev_cut = false;
    int cut_total = 0, checked_interrupted = 0, during_start = 0, after_end = 0;
    long steps_seen = 0;
    int rec_checked = 0;
    for (int k = 0; k < kills; k++) {
        /* Spread the kills over the whole level and beyond its end; every fifth lands while
         * ebb is still starting (opening the store, writing the live row). */
        const double frac = seed > 0 ? (double)rand() / ((double)RAND_MAX + 1.0)
                                     : (double)((k * 7919) % 997) / 997.0;
        const double at = (k % 5 == 4) ? -(0.02 + 0.2 * frac)
                                       : 0.05 + frac * (STEPS * STEP_MS / 1000.0 + 0.3);
        double played = 0.0;
        bool finished = false;
        if (!one_session(argv[1], argv[2], db, at, &played, &finished)) {
            fail(k, "could not run ebb", 0, 0);
            break;
        }
        during_start += at < 0.0;
        db_state s;
        if (!read_db(db, prev_id, &s)) {
            fail(k, "the store cannot be opened after the kill", 0, 0);
            continue;
        }
        if (!s.ok_integrity) {
            fail(k, "integrity_check is not ok", 0, 0);
        }
        check_files(k, dir);
        if (s.last_id == prev_id || s.sessions == 0) {
            continue; /* killed before its row was written (perhaps before recovery ran) */
        }
        /* The session killed before was found at this start and marked interrupted. */
        if (prev_cut && prev_id > 0) {
            if (strcmp(s.prev_state, "interrupted") != 0) {
                fprintf(stderr, "session %ld is '%s'\n", prev_id, s.prev_state);
                fail(k, "the session cut before is not marked interrupted", prev_id, 0);
            }
            if (s.prev_steps != prev_steps) {
                fail(k, "the session cut before lost steps", s.prev_steps, prev_steps);
            }
            checked_interrupted++;
        }
        if (!s.prefix) {
            fail(k, "the committed steps are not 0..k-1", s.last_steps, 0);
        }
        if (finished) {
            after_end++;
            if (strcmp(s.last_state, "done") != 0 || s.last_steps != STEPS) {
                fail(k, "a finished session is not stored whole", s.last_steps, STEPS);
            }
            prev_cut = false;
        } else {
            const long certain = (long)((played - slack) * 1000.0) / STEP_MS;
            const long possible = (long)((played + 0.1) * 1000.0) / STEP_MS;
            long lo = certain < 0 ? 0 : (certain > STEPS ? STEPS : certain);
            const long by_rec = recorded_steps(dir, s.last_id);
            if (mode == MODE_WINDOW) {
                lo = 0; /* the window's clock lags the wall clock under load: trust frames */
            }
            if (by_rec > STEPS) {
                fail(k, "the recording holds more than the level", by_rec, STEPS);
            } else if (s.last_steps < by_rec) {
                fail(k, "a step that ended before the last recorded frame is missing",
                     s.last_steps, by_rec);
            }
            rec_checked += by_rec >= 0;
            const long hi = possible > STEPS ? STEPS : possible;
            if (s.last_steps < lo) {
                fprintf(stderr, "played %.3f s\n", played);
                fail(k, "a step that had ended before the kill is missing", s.last_steps, lo);
            }
            if (s.last_steps > hi) {
                fail(k, "a step is stored that could not have ended", s.last_steps, hi);
            }
            if (strcmp(s.last_state, "live") != 0 && strcmp(s.last_state, "done") != 0) {
                fail(k, "a killed session is neither live nor done", 0, 0);
            }
            prev_cut = strcmp(s.last_state, "live") == 0;
            cut_total += prev_cut;
        }
        steps_seen += s.last_steps;
        prev_id = s.last_id;
        prev_steps = s.last_steps;
    }
    /* The last one is found by the next start too: ebb history opens the store. */
    static const char *const mode_names[] = {"stdin", "pty", "window"};
    printf("mode %s: kills: %d (while starting: %d, after the end: %d), sessions cut: %d, "
           "found interrupted at the next start: %d, steps kept: %ld, checked against "
           "their recording: %d, failures: %d\n",
           mode_names[mode], kills, during_start, after_end, cut_total, checked_interrupted,
           steps_seen, rec_checked, fails);
    return fails ? 1 : 0;
}
