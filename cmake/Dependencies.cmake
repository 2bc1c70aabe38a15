# Locates third-party dependencies for the native and the WebAssembly build.
# Everything comes from Debian packages; ImGui and SQLite sources for WASM come
# from `apt-get source` into .deps/ (see scripts/setup.sh).

# LEMON is header-only for what we use; -isystem because its random.h breaks under
# C++17+ when included with -I (measured, see docs/ARCHITECTURE.md).
# Header-only packages (LEMON, nlohmann-json, doctest) are linked into .deps/include by
# setup.sh so the WASM build can see them without the host's /usr/include.
add_library(seimbang_lemon INTERFACE)
target_include_directories(seimbang_lemon SYSTEM INTERFACE ${SEIMBANG_DEPS}/include)
# LEMON 1.3.1 needs std::allocator::construct/destroy (removed in C++20): include
# it only through shared/plan/lemon_compat.h, which supplies them for both
# standard libraries.

if(SEIMBANG_WASM)
  # SQLite amalgamation compiled as C by emcc (never em++).
  add_library(seimbang_sqlite STATIC ${SEIMBANG_DEPS}/sqlite/sqlite3.c)
  target_include_directories(seimbang_sqlite SYSTEM PUBLIC ${SEIMBANG_DEPS}/sqlite)
  # Options from SQLite's "recommended compile-time options" (compile.html §2),
  # the set SQLite tests as a whole and that work with the amalgamation (they
  # only #ifdef code out, no parser change); the app calls none of the APIs they
  # remove (progress handler, shared cache, decltype, extensions). Not
  # SQLITE_OMIT_AUTOINIT: the core never calls sqlite3_initialize() itself.
  target_compile_definitions(seimbang_sqlite PRIVATE
    SQLITE_OMIT_LOAD_EXTENSION SQLITE_THREADSAFE=0 SQLITE_DEFAULT_MEMSTATUS=0
    SQLITE_DQS=0 SQLITE_OMIT_DEPRECATED SQLITE_DEFAULT_FOREIGN_KEYS=1
    SQLITE_LIKE_DOESNT_MATCH_BLOBS SQLITE_MAX_EXPR_DEPTH=0 SQLITE_OMIT_DECLTYPE
    SQLITE_OMIT_PROGRESS_CALLBACK SQLITE_OMIT_SHARED_CACHE SQLITE_USE_ALLOCA
    # Session 13 (docs/CLIENT.md "SQLite trimmed further"): APIs and SQL functions
    # no code of the browser calls, each only #ifdef'd out of the amalgamation
    # (its generated parser has no SQLITE_OMIT_ guard, so none of these changes
    # the grammar): the authorizer, sqlite3_complete, sqlite3_get_table, trace
    # hooks, the UTF-16 APIs, the pragma_list/function_list/module_list pragmas,
    # the compile-option diagnostics, incremental BLOB I/O, the SQL date and time
    # functions (every date is made by the core in C++), and memory-mapped I/O
    # (store_data.cpp sets mmap_size=0 anyway). Not the parser-changing omits
    # (EXPLAIN, WINDOWFUNC, CTE, …), not JSON (the schema uses json_*).
    SQLITE_OMIT_AUTHORIZATION SQLITE_OMIT_COMPLETE SQLITE_OMIT_GET_TABLE
    SQLITE_OMIT_TRACE SQLITE_OMIT_UTF16 SQLITE_OMIT_INTROSPECTION_PRAGMAS
    SQLITE_OMIT_COMPILEOPTION_DIAGS SQLITE_OMIT_INCRBLOB SQLITE_OMIT_DATETIME_FUNCS
    SQLITE_MAX_MMAP_SIZE=0 SQLITE_UNTESTABLE)
  target_compile_options(seimbang_sqlite PRIVATE -w)
  add_library(seimbang_json INTERFACE)
  target_include_directories(seimbang_json SYSTEM INTERFACE ${SEIMBANG_DEPS}/include)
  add_library(seimbang_doctest INTERFACE)
  target_include_directories(seimbang_doctest SYSTEM INTERFACE ${SEIMBANG_DEPS}/include)
  # libsodium built with Emscripten by setup.sh (minimal build: Argon2id, SHA-256).
  add_library(seimbang_sodium STATIC IMPORTED)
  set_target_properties(seimbang_sodium PROPERTIES
    IMPORTED_LOCATION ${SEIMBANG_DEPS}/libsodium-wasm/lib/libsodium.a
    INTERFACE_INCLUDE_DIRECTORIES ${SEIMBANG_DEPS}/libsodium-wasm/include)
else()
  find_package(nlohmann_json 3.11 REQUIRED)
  find_package(SQLite3 REQUIRED)
  add_library(seimbang_sqlite INTERFACE)
  target_link_libraries(seimbang_sqlite INTERFACE SQLite::SQLite3)
  add_library(seimbang_json INTERFACE)
  target_link_libraries(seimbang_json INTERFACE nlohmann_json::nlohmann_json)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
  add_library(seimbang_sodium INTERFACE)
  target_link_libraries(seimbang_sodium INTERFACE PkgConfig::SODIUM)
  # Debian ships cpp-httplib compiled (libcpp-httplib.so, with OpenSSL/zlib/brotli).
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  # The server Brotli-compresses API answers itself, at a cheap quality (http_compress.cpp).
  pkg_check_modules(BROTLIENC REQUIRED IMPORTED_TARGET libbrotlienc)
  pkg_check_modules(BROTLIDEC REQUIRED IMPORTED_TARGET libbrotlidec)  # tests decode answers
  # The SK mutasi as PDF (libharu, no .pc file in Debian) with a QR code (libqrencode).
  find_library(SEIMBANG_HPDF_LIB hpdf REQUIRED)
  pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
  add_library(seimbang_pdf INTERFACE)
  target_link_libraries(seimbang_pdf INTERFACE ${SEIMBANG_HPDF_LIB} PkgConfig::QRENCODE)
  find_package(Threads REQUIRED)
  find_package(doctest REQUIRED)
  add_library(seimbang_doctest INTERFACE)
  target_link_libraries(seimbang_doctest INTERFACE doctest::doctest)
  # The server's allocator: mimalloc (Debian libmimalloc-dev) takes over
  # malloc/free for the whole process, SQLite included, by being linked. A push
  # allocates ~100 small blocks per mutation and glibc's allocator was ~10 % of
  # its instructions (docs/SYNC.md §12). Not with the sanitizers, which bring
  # their own allocator.
  add_library(seimbang_allocator INTERFACE)
  if(NOT SEIMBANG_SANITIZE AND NOT SEIMBANG_FUZZ)
    find_package(mimalloc 2.0 REQUIRED CONFIG)
    target_link_libraries(seimbang_allocator INTERFACE mimalloc)
  endif()
endif()
