// Little-endian, length-prefixed bytes for handing work to another thread of
// execution (the browser's Web Workers): the planner's instance and plan
// (plan/wire.h) and an imported worksheet (io/sheet_wire.h). The reader checks
// every length against what is left and never reads past the end; the first
// failure sticks (ok = false), so a decoder reads on and checks ok once.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace seimbang::wire {

class ByteWriter {
public:
    std::string out;
    void u8(std::uint8_t v) { out.push_back(static_cast<char>(v)); }
    void i32(std::int32_t v) {
        std::uint32_t u = static_cast<std::uint32_t>(v);
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((u >> (8 * i)) & 0xff));
    }
    void f64(double v) {
        std::uint64_t u;
        std::memcpy(&u, &v, sizeof u);
        for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((u >> (8 * i)) & 0xff));
    }
    void str(std::string_view s) {
        i32(static_cast<std::int32_t>(s.size()));
        out.append(s);
    }
};

class ByteReader {
public:
    explicit ByteReader(std::string_view in) : in_(in) {}
    bool ok = true;
    bool done() const { return ok && at_ == in_.size(); }
    std::uint8_t u8() {
        if (!need(1)) return 0;
        return static_cast<std::uint8_t>(in_[at_++]);
    }
    std::int32_t i32() {
        if (!need(4)) return 0;
        std::uint32_t u = 0;
        for (int i = 0; i < 4; ++i) u |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(in_[at_++])) << (8 * i);
        return static_cast<std::int32_t>(u);
    }
    double f64() {
        if (!need(8)) return 0;
        std::uint64_t u = 0;
        for (int i = 0; i < 8; ++i) u |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(in_[at_++])) << (8 * i);
        double v;
        std::memcpy(&v, &u, sizeof v);
        return v;
    }
    // A count of items each at least `item_bytes` long: refused when the rest cannot hold them.
    size_t count(size_t item_bytes) {
        const std::int32_t n = i32();
        if (n < 0 || (item_bytes && static_cast<size_t>(n) > (in_.size() - at_) / item_bytes)) ok = false;
        return ok ? static_cast<size_t>(n) : 0;
    }
    std::string str() { return std::string(view()); }
    // The same bytes without a copy (valid while the input is).
    std::string_view view() {
        const size_t n = count(1);
        if (!need(n)) return {};
        const std::string_view s = in_.substr(at_, n);
        at_ += n;
        return s;
    }

private:
    bool need(size_t n) {
        if (!ok || in_.size() - at_ < n) ok = false;
        return ok;
    }
    std::string_view in_;
    size_t at_ = 0;
};

}  // namespace seimbang::wire
