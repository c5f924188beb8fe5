#ifndef STANCE_FUZZ_DRIVER_H
#define STANCE_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// The fuzz target's whole `main`: with libFuzzer linked in, its driver; without, each file named on
/// the command line (or standard input) is given to `test_one_input` once, printing `ok: PATH` after
/// each; 2 when a file cannot be read.
int stance_fuzz_main(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));

#endif
