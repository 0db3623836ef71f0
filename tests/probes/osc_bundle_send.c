/* Sends OSC bundles, which oscsend cannot: each holds /ebb/pf f PF and /ebb/abd f ABD.
 *   osc_bundle_send PORT PF ABD COUNT      (one bundle every 20 ms, to 127.0.0.1) */
#define _POSIX_C_SOURCE 200809L

#include <lo/lo.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: osc_bundle_send PORT PF ABD COUNT\n");
        return 2;
    }
    lo_address to = lo_address_new("127.0.0.1", argv[1]);
    const float pf = (float)atof(argv[2]);
    const float abd = (float)atof(argv[3]);
    const int count = atoi(argv[4]);
    int status = 0;
    for (int i = 0; i < count && status == 0; i++) {
        lo_bundle b = lo_bundle_new(LO_TT_IMMEDIATE);
        lo_message m1 = lo_message_new();
        lo_message m2 = lo_message_new();
        lo_message_add_float(m1, pf);
        lo_message_add_float(m2, abd);
        lo_bundle_add_message(b, "/ebb/pf", m1);
        lo_bundle_add_message(b, "/ebb/abd", m2);
        if (lo_send_bundle(to, b) < 0) {
            fprintf(stderr, "osc_bundle_send: %s\n", lo_address_errstr(to));
            status = 1;
        }
        lo_bundle_free_recursive(b);
        const struct timespec d = {0, 20 * 1000000L};
        nanosleep(&d, NULL);
    }
    lo_address_free(to);
    return status;
}
