#!/bin/sh
# The longest input libFuzzer may make for a target (one place for `make fuzz` and long_run.sh):
# about three times the largest real file. A level or pack is under 1.5 KB, a WAV seed 3.3 KB,
# sounds.conf 6 KB, a history holds pages of 4 KB. Longer inputs only slow the run.
#   tests/fuzz/max_len.sh TARGET
case $1 in history) echo 65536 ;; conf | recording) echo 8192 ;; *) echo 4096 ;; esac
