# The core's link fence. engine/core is libc and libm only (docs/architecture.md): its targets
# may link nothing but `m` and the warnings interface. This is an allow-list, so a library
# added under any spelling (SQLite::SQLite3, PkgConfig::PA, a bare -lportaudio, a path to a
# .so) is refused. Called once at the end of the top-level CMakeLists.txt, after every
# directory has had its say, so a late target_link_libraries(ebb_core ...) is seen too.
# The header fence is tests/arch/check_core_includes.sh; tests/arch/test_purity_plant.sh
# shows that both fences fail on a planted violation.

function(ebb_check_core_purity core_target io_target)
  set(_allowed m ebb_warnings)
  get_target_property(_io ${io_target} LINK_LIBRARIES)
  set(_io_libs "")
  foreach(_lib IN LISTS _io)
    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" _lib "${_lib}")
    string(TOLOWER "${_lib}" _lower)
    list(APPEND _io_libs "${_lower}")
  endforeach()

  foreach(_prop LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
    get_target_property(_libs ${core_target} ${_prop})
    if(NOT _libs)
      continue()
    endif()
    foreach(_lib IN LISTS _libs)
      string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" _lib "${_lib}")
      string(TOLOWER "${_lib}" _lower)
      if(_lower IN_LIST _allowed)
        continue()
      endif()
      if(_lower IN_LIST _io_libs)
        set(_why "it is a library of the I/O library ${io_target}")
      else()
        set(_why "only m and ebb_warnings are allowed")
      endif()
      message(FATAL_ERROR
        "${core_target} must not link ${_lib} (${_prop}): ${_why}. The core stays pure "
        "(libc and libm); put code that needs ${_lib} in engine/io.")
    endforeach()
  endforeach()
endfunction()
