// Process helpers the benchmarks share (bench/sync, bench/national): run a
// command with input on stdin and its output discarded, as the benchmarks
// drive `seimbang-server init`, `user add` and friends.
#pragma once
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace seimbang::bench {

// Runs argv[0] (a path) with `input` on stdin and stdout to /dev/null; its exit
// status, or -1 when it did not exit normally.
inline int run(std::vector<std::string> argv, const std::string& input = {}) {
    int in[2];
    if (pipe(in) != 0) return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in[0], 0);
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        std::vector<char*> a;
        for (auto& s : argv) a.push_back(s.data());
        a.push_back(nullptr);
        execv(a[0], a.data());
        _exit(127);
    }
    close(in[0]);
    if (!input.empty()) (void)!write(in[1], input.data(), input.size());
    close(in[1]);
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

}  // namespace seimbang::bench
