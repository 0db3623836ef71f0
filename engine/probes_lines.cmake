# Line-based live probes: serial, stdin and OSC, and their protocol (docs/probe-protocol.md).
# Included from engine/CMakeLists.txt. The protocol decoder is pure and goes in ebb_core; the
# device code goes in ebb_io, the only target that may link libserialport and liblo.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SERIALPORT REQUIRED IMPORTED_TARGET libserialport)
pkg_check_modules(LIBLO REQUIRED IMPORTED_TARGET liblo)

target_sources(ebb_core PRIVATE core/lineproto.c core/lineproto_ascii.c)
target_sources(ebb_io PRIVATE
  io/probe_serial.c
  io/probe_stdin.c
  io/probe_osc.c
  io/serial_list.c
)
target_link_libraries(ebb_io PRIVATE PkgConfig::SERIALPORT PkgConfig::LIBLO)
