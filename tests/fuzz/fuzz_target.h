// One fuzz target = one function over arbitrary bytes. The same target source is
// built two ways (tests/fuzz/tests.cmake):
//   - with libFuzzer (clang-14, -fsanitize=fuzzer; bench/fuzz runs it for a time):
//     the macro defines LLVMFuzzerTestOneInput;
//   - into `fuzz_replay` (the test command, natively and under ASan/UBSan): the
//     macro registers the target, and the replay runs it on its seed corpus
//     (tests/fuzz/corpus/<name>/).
// A target crashes (abort, sanitizer report, uncaught exception) on a finding;
// it may check properties of what the code under test returns with require().
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace seimbang::fuzz {
using TargetFn = void (*)(std::string_view input);
bool register_target(const char* name, TargetFn fn);

// A property of the code under test that must hold for every input.
inline void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz property violated: %s\n", what);
        std::abort();
    }
}
}  // namespace seimbang::fuzz

#ifdef SEIMBANG_LIBFUZZER
#define SEIMBANG_FUZZ_TARGET(name, fn)                                                  \
    extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {          \
        fn(std::string_view(reinterpret_cast<const char*>(data), size));                \
        return 0;                                                                      \
    }
#else
#define SEIMBANG_FUZZ_TARGET(name, fn) \
    static const bool seimbang_fuzz_registered_ = ::seimbang::fuzz::register_target(name, fn);
#endif
