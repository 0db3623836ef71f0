/* The serial ports a probe could be on, for `ebb devices`. */
#ifndef EBB_SERIAL_LIST_H
#define EBB_SERIAL_LIST_H

#include <stdio.h>

/* Writes one line per serial port libserialport finds:
 *   serial:/dev/ttyACM0  usb 2341:0043  Arduino Uno (Arduino (www.arduino.cc))
 * (the spec to pass to --probe, so it can be copied as it is)
 * and a line saying so when there is none. Pseudo-terminals are never listed (libserialport
 * does not see them) but serial:/dev/pts/N still opens them. Returns the number of ports, or
 * -1 when the list could not be read (the reason is written to out). */
int ebb_serial_list(FILE *out);

#endif
