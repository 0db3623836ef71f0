# Therapist packs: the pure pack parser and program logic in the core, the SQLite history
# store and the pack store in the I/O library. SQLite is linked to ebb_io only: the core
# stays pure (the check in CMakeLists.txt refuses it on ebb_core).
target_sources(ebb_core PRIVATE
  core/pack.c
  core/pack_check.c
  core/pack_body.c
  core/pack_program.c
  core/recording.c
  core/progress.c
)

find_package(SQLite3 REQUIRED)
target_sources(ebb_io PRIVATE
  io/history_schema.c
  io/history_stmt.c
  io/history_sessions.c
  io/history_query.c
  io/history_trends.c
  io/history_challenge.c
  io/history_live.c
  io/recording_file.c
  io/export.c
  io/report.c
  io/report_check.c
  io/pack_store.c
)
target_link_libraries(ebb_io PRIVATE SQLite::SQLite3)
