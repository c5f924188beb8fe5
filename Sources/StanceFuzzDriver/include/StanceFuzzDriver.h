#ifndef STANCE_FUZZ_DRIVER_H
#define STANCE_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// Nonzero when libFuzzer is linked in (a build with `-Xswiftc -sanitize=fuzzer`).
int stance_fuzz_driver_available(void);

/// Hands control to libFuzzer's driver with the program's arguments; -1 without libFuzzer.
int stance_fuzz_run_driver(int *argc, char ***argv, int (*test_one_input)(const uint8_t *data, size_t size));

#endif
