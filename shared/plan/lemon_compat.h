// Include LEMON's min-cost-flow solver through this header only.
//
// Why: LEMON 1.3.1's ArrayMap calls std::allocator<T>::construct/destroy, which
// C++20 removed. CostScaling instantiates one such map (BellmanFord's
// predecessor map, a StaticDigraph NodeMap<Arc>) when it recomputes exact
// potentials. Rather than building this file as C++17, we give that single value
// type an allocator that still has the two members (a valid specialisation for
// a library type; same behaviour as the C++17 std::allocator). Done for
// libstdc++ and libc++ (Emscripten) alike: libc++'s own switch
// (_LIBCPP_ENABLE_CXX20_REMOVED_ALLOCATOR_MEMBERS) only works when defined
// before the first standard header, which a header cannot guarantee.
#pragma once
#include <cstddef>
#include <memory>
#include <new>
#include <utility>

#include <lemon/static_graph.h>

#if __cplusplus > 201703L
namespace std {
template <>
class allocator<lemon::StaticDigraphBase::Arc> {
public:
    using value_type = lemon::StaticDigraphBase::Arc;
    using pointer = value_type*;
    using const_pointer = const value_type*;
    using size_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using is_always_equal = std::true_type;
    template <class U>
    struct rebind {
        using other = allocator<U>;
    };
    allocator() noexcept = default;
    template <class U>
    allocator(const allocator<U>&) noexcept {}
    value_type* allocate(size_type n) { return static_cast<value_type*>(::operator new(n * sizeof(value_type))); }
    void deallocate(value_type* p, size_type) noexcept { ::operator delete(p); }
    template <class... A>
    void construct(value_type* p, A&&... a) {
        ::new (static_cast<void*>(p)) value_type(std::forward<A>(a)...);
    }
    void destroy(value_type* p) { p->~value_type(); }
    bool operator==(const allocator&) const noexcept { return true; }
};
}  // namespace std
#endif

#include <lemon/cost_scaling.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>
