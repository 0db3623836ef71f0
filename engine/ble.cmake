# Bluetooth LE trainers (Perifit, kGoal Boost, Elvie Trainer, femfit, Kegel Master) through
# BlueZ's D-Bus API. Included by engine/CMakeLists.txt. The payload decoders are pure and go
# in the core; sd-bus (libsystemd) links to ebb_io only.
target_sources(ebb_core PRIVATE core/ble_payload.c)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
target_sources(ebb_io PRIVATE io/ble_bluez.c io/ble_list.c io/probe_ble.c)
target_link_libraries(ebb_io PRIVATE PkgConfig::SYSTEMD)
# Settings scans on a thread of its own (io/ble_scan.c) so that the frame loop never waits.
# POSIX threads are part of the C library (glibc 2.34+); the name keeps older ones linking.
target_sources(ebb_io PRIVATE io/ble_scan.c)
target_link_libraries(ebb_io PRIVATE pthread)
