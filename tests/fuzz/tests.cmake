# Fuzz targets (tests/fuzz/fuzz_target.h). In every native build: `fuzz_replay`
# runs each target on its seed corpus (ctest fuzz_replay; under ASan/UBSan in
# the sanitizer stage). With -DSEIMBANG_FUZZ=ON in a clang-14 tree
# (bench/fuzz/run.sh): one libFuzzer executable per target, fuzz_<name>.
set(SEIMBANG_FUZZ_TARGETS push_request api_json abk_csv plan_instance format pull_params static_path import_csv)
set(SEIMBANG_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
set(SEIMBANG_FUZZ_SUPPORT ${SEIMBANG_FUZZ_DIR}/fixture.cpp ${CMAKE_SOURCE_DIR}/server/static_files.cpp
    ${CMAKE_SOURCE_DIR}/server/http_compress.cpp)  # (static_files gzips through http_compress)
find_package(ZLIB REQUIRED)
set(SEIMBANG_FUZZ_LIBS seimbang_core PkgConfig::HTTPLIB PkgConfig::SODIUM ZLIB::ZLIB PkgConfig::BROTLIENC PkgConfig::BROTLIDEC Threads::Threads)

set(replay_sources ${SEIMBANG_FUZZ_DIR}/replay_main.cpp ${SEIMBANG_FUZZ_SUPPORT})
foreach(t ${SEIMBANG_FUZZ_TARGETS})
  list(APPEND replay_sources ${SEIMBANG_FUZZ_DIR}/targets/${t}.cpp)
endforeach()
add_executable(fuzz_replay ${replay_sources})
target_include_directories(fuzz_replay PRIVATE ${SEIMBANG_FUZZ_DIR} ${CMAKE_SOURCE_DIR}/server)
target_link_libraries(fuzz_replay PRIVATE ${SEIMBANG_FUZZ_LIBS})
add_test(NAME fuzz_replay COMMAND fuzz_replay ${SEIMBANG_FUZZ_DIR}/corpus)

if(SEIMBANG_FUZZ)
  foreach(t ${SEIMBANG_FUZZ_TARGETS})
    add_executable(fuzz_${t} ${SEIMBANG_FUZZ_DIR}/targets/${t}.cpp ${SEIMBANG_FUZZ_SUPPORT})
    target_include_directories(fuzz_${t} PRIVATE ${SEIMBANG_FUZZ_DIR} ${CMAKE_SOURCE_DIR}/server)
    target_compile_definitions(fuzz_${t} PRIVATE SEIMBANG_LIBFUZZER)
    target_link_libraries(fuzz_${t} PRIVATE ${SEIMBANG_FUZZ_LIBS})
    target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
  endforeach()
endif()
