// The fuzz targets are ordinary executables: SwiftPM gives every executable its own `main`, which wins
// over libFuzzer's. So `main` asks here whether libFuzzer is linked in (a weak reference resolves to
// null in a normal build) and, if it is, runs libFuzzer's driver; otherwise the target replays the
// files it is given, which is how a crash is reproduced under a debugger.
#include "StanceFuzzDriver.h"

extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test_one_input)(const uint8_t *, size_t))
    __attribute__((weak));

int stance_fuzz_driver_available(void) { return LLVMFuzzerRunDriver != 0; }

int stance_fuzz_run_driver(int *argc, char ***argv, int (*test_one_input)(const uint8_t *, size_t)) {
    if (!LLVMFuzzerRunDriver) return -1;
    return LLVMFuzzerRunDriver(argc, argv, test_one_input);
}
