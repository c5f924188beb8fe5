// The fuzz targets are ordinary executables: SwiftPM gives every executable its own `main`, which wins
// over libFuzzer's. So `main` calls stance_fuzz_main, which asks whether libFuzzer is linked in (a
// weak reference resolves to null in a normal build) and, if it is, runs libFuzzer's driver; otherwise
// it replays the files it is given, which is how a crash is reproduced under a debugger.
#include "StanceFuzzDriver.h"

#include <stdio.h>
#include <stdlib.h>

extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test_one_input)(const uint8_t *, size_t))
    __attribute__((weak));

/// The whole of a stream, or NULL (with errno set) when it cannot be read.
static uint8_t *read_all(FILE *file, size_t *size) {
    size_t capacity = 1 << 16, used = 0;
    uint8_t *bytes = malloc(capacity);
    if (!bytes) return NULL;
    size_t count;
    while ((count = fread(bytes + used, 1, capacity - used, file)) > 0) {
        used += count;
        if (used == capacity) {
            uint8_t *larger = realloc(bytes, capacity * 2);
            if (!larger) { free(bytes); return NULL; }
            bytes = larger;
            capacity *= 2;
        }
    }
    if (ferror(file)) { free(bytes); return NULL; }
    *size = used;
    return bytes;
}

/// Runs one input read from `file` (named `name` in messages); 0, or 2 when it cannot be read.
static int replay(FILE *file, const char *name, int (*test_one_input)(const uint8_t *, size_t)) {
    size_t size = 0;
    uint8_t *bytes = read_all(file, &size);
    if (!bytes) {
        fprintf(stderr, "cannot read %s\n", name);
        return 2;
    }
    test_one_input(bytes, size);
    free(bytes);
    return 0;
}

int stance_fuzz_main(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size)) {
    if (LLVMFuzzerRunDriver) return LLVMFuzzerRunDriver(&argc, &argv, test_one_input);
    if (argc < 2) return replay(stdin, "standard input", test_one_input);
    for (int index = 1; index < argc; index++) {
        FILE *file = fopen(argv[index], "rb");
        if (!file) {
            fprintf(stderr, "cannot read %s\n", argv[index]);
            return 2;
        }
        int status = replay(file, argv[index], test_one_input);
        fclose(file);
        if (status != 0) return status;
        printf("ok: %s\n", argv[index]);
        fflush(stdout);
    }
    return 0;
}
