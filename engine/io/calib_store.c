#define _POSIX_C_SOURCE 200809L /* gmtime_r */

#include "io/calib_store.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/ble_list.h"
#include "io/fileio.h"
#include "io/history.h"
#include "io/probe.h"

/* Appends src to the profile, turning anything but letters and digits into single '-'. */
static void store_append_clean(char *profile, size_t size, const char *src)
{
    size_t n = strlen(profile);
    bool dash = n > 0 && profile[n - 1] == '-';
    for (const char *p = src; *p && n + 1 < size; p++) {
        const char c = *p;
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (keep) {
            profile[n++] = c;
            dash = false;
        } else if (!dash && n > 0) {
            profile[n++] = '-';
            dash = true;
        }
    }
    while (n > 0 && profile[n - 1] == '-') {
        n--;
    }
    profile[n] = '\0';
}

bool ebb_calib_profile_for(const char *spec, char *profile, size_t size)
{
    const char *arg = NULL;
    const ebb_probe_kind_info *k = ebb_probe_spec_info(spec, &arg);
    if (!k || !(k->flags & EBB_PROBE_CALIBRATES)) {
        return false;
    }
    if (k->kind == EBB_PROBE_KIND_BLE && ebb_ble_profile_for(arg, profile, size)) {
        /* A trainer's range is its own: the profile names its model and address. When the
         * trainer is not in sight, the name the person gave stands in ("ble-Perifit"). */
        return true;
    }
    /* The device part only: the baud rate, sample rate or listen address do not change the
     * person's range. */
    char device[EBB_CALIB_PROFILE_MAX];
    snprintf(device, sizeof device, "%s", arg);
    device[strcspn(device, "@")] = '\0';
    if (device[0] == '\0' && k->calib_device) {
        snprintf(device, sizeof device, "%s", k->calib_device);
    }
    /* "audio-default": the dash goes in as it is (store_append_clean would trim it as a
     * trailing one, which gave "audiodefault"), then the device's letters and digits. */
    snprintf(profile, size, "%s%s", k->name, device[0] ? "-" : "");
    store_append_clean(profile, size, device);
    return profile[0] != '\0';
}

/* The profile name becomes a file name: only letters, digits and '-' (so it can never walk out
 * of the calibration folder). */
static bool store_profile_ok(const char *profile)
{
    if (!profile[0] || strlen(profile) >= EBB_CALIB_PROFILE_MAX || profile[0] == '-') {
        return false;
    }
    for (const char *p = profile; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-')) {
            return false;
        }
    }
    return true;
}

static bool store_dir(char *dir, size_t size, char *err, size_t err_size)
{
    return ebb_data_subdir("calibration", dir, size, err, err_size);
}

bool ebb_calib_load(const char *profile, ebb_calib *out, float *rest_sd, char *err,
                    size_t err_size)
{
    err[0] = '\0';
    char dir[1000], path[1200];
    if (!store_profile_ok(profile) || !store_dir(dir, sizeof dir, err, err_size)) {
        return false;
    }
    snprintf(path, sizeof path, "%s/%s.calib", dir, profile);
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno != ENOENT) {
            snprintf(err, err_size, "%s: cannot read: %s", path, strerror(errno));
        }
        return false;
    }
    const bool ok = ebb_calib_read(f, path, out, rest_sd, err, err_size);
    fclose(f);
    return ok;
}

bool ebb_calib_read(FILE *f, const char *path, ebb_calib *out, float *rest_sd, char *err,
                    size_t err_size)
{
    err[0] = '\0';
    ebb_calib c = ebb_calib_default(EBB_UNIT_NONE);
    float sd = 0.0f;
    bool have_rest = false, have_mvc = false;
    char line[256];
    unsigned lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char key[32], value[64];
        if (line[0] == '#' || line[0] == '\n' || sscanf(line, "%31s %63s", key, value) != 2) {
            continue;
        }
        char *end = NULL;
        const float v = strtof(value, &end);
        const bool number = end != value && *end == '\0' && isfinite(v);
        if (strcmp(key, "unit") == 0) {
            int u_ok = ebb_unit_parse(value, &c.unit);
            if (!u_ok) {
                snprintf(err, err_size, "%s:%u: unit: unknown unit '%s'", path, lineno, value);
            }
        } else if (strcmp(key, "rest") == 0 && number) {
            c.rest = v;
            have_rest = true;
        } else if (strcmp(key, "rest_sd") == 0 && number) {
            sd = v;
        } else if (strcmp(key, "mvc") == 0 && number) {
            c.mvc = v;
            have_mvc = true;
        }
    }
    if (err[0]) {
        return false;
    }
    /* The span must be finite too: rest -3e38 and mvc 3e38 would make every effort NaN. */
    if (!have_rest || !have_mvc || !(c.mvc > c.rest) || !isfinite(c.mvc - c.rest)) {
        snprintf(err, err_size, "%s: damaged calibration (needs rest < mvc); run `ebb calibrate` "
                                "again", path);
        return false;
    }
    *out = c;
    if (rest_sd) {
        *rest_sd = sd;
    }
    return true;
}

bool ebb_calib_save(const char *profile, const ebb_calib_result *r, char *err, size_t err_size)
{
    if (!store_profile_ok(profile)) {
        snprintf(err, err_size, "calibration profile '%s': use letters, digits and '-'", profile);
        return false;
    }
    if (r->status != EBB_CALIB_OK) {
        snprintf(err, err_size, "%s", r->message);
        return false;
    }
    char dir[1000];
    if (!store_dir(dir, sizeof dir, err, err_size) || !ebb_dir_create(dir, err, err_size)) {
        return false;
    }
    char when[32];
    const time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char text[512];
    const int n = snprintf(text, sizeof text,
                           "# Ebb calibration for %s, %s\n"
                           "unit %s\nrest %.6g\nrest_sd %.6g\nmvc %.6g\n",
                           profile, when, r->calib.unit == EBB_UNIT_NONE ? "none" : ebb_unit_name(r->calib.unit),
                           (double)r->calib.rest, (double)r->rest_sd, (double)r->calib.mvc);
    char name[EBB_CALIB_PROFILE_MAX + 8];
    snprintf(name, sizeof name, "%s.calib", profile);
    return ebb_file_write_atomic(dir, name, text, (size_t)n, err, err_size);
}
