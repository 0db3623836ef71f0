/* Lists serial ports through libserialport, which knows each platform's way of finding them
 * and of reading their USB identity. */
#include "io/serial_list.h"

#include <libserialport.h>

static const char *transport_name(enum sp_transport t)
{
    switch (t) {
    case SP_TRANSPORT_USB: return "usb";
    case SP_TRANSPORT_BLUETOOTH: return "bluetooth";
    default: return "native";
    }
}

int ebb_serial_list(FILE *out)
{
    struct sp_port **ports = NULL;
    if (sp_list_ports(&ports) != SP_OK) {
        char *msg = sp_last_error_message();
        fprintf(out, "serial ports: cannot list them: %s\n", msg ? msg : "unknown error");
        sp_free_error_message(msg);
        return -1;
    }
    int count = 0;
    for (struct sp_port **p = ports; *p; p++, count++) {
        const char *desc = sp_get_port_description(*p);
        const enum sp_transport t = sp_get_port_transport(*p);
        fprintf(out, "serial:%s  %s", sp_get_port_name(*p), transport_name(t));
        int vid = 0;
        int pid = 0;
        if (t == SP_TRANSPORT_USB && sp_get_port_usb_vid_pid(*p, &vid, &pid) == SP_OK) {
            fprintf(out, " %04x:%04x", (unsigned)vid, (unsigned)pid);
        }
        const char *maker = t == SP_TRANSPORT_USB ? sp_get_port_usb_manufacturer(*p) : NULL;
        fprintf(out, "  %s", desc ? desc : "");
        if (maker) {
            fprintf(out, " (%s)", maker);
        }
        fputc('\n', out);
    }
    sp_free_port_list(ports);
    if (count == 0) {
        fprintf(out, "serial ports: none found (plug the probe in; on Linux you may need to be "
                     "in the 'dialout' group)\n");
    }
    return count;
}
