# The national tier (docs/SCALE.md) against a real PostgreSQL: the test command
# starts its own server (with_postgres.sh: initdb in a temporary folder, a free
# port, removed at the end) and fails, never skips, when it cannot.
add_executable(national_tests
  ${CMAKE_CURRENT_LIST_DIR}/test_national.cpp
  ${CMAKE_SOURCE_DIR}/tests/integration/harness.cpp
  ${CMAKE_SOURCE_DIR}/client/cli/http_transport.cpp
  ${CMAKE_SOURCE_DIR}/client/app/national_parse.cpp)
target_include_directories(national_tests PRIVATE ${CMAKE_SOURCE_DIR}/client ${CMAKE_SOURCE_DIR}/server
                           ${CMAKE_SOURCE_DIR}/tests/integration)
target_link_libraries(national_tests PRIVATE seimbang_national seimbang_core seimbang_doctest PkgConfig::HTTPLIB
                      Threads::Threads OpenSSL::SSL OpenSSL::Crypto)
target_compile_definitions(national_tests PRIVATE
  SEIMBANG_SERVER_BIN="$<TARGET_FILE:seimbang-server>" SEIMBANG_CLI_BIN="$<TARGET_FILE:seimbang>")
add_dependencies(national_tests seimbang-server seimbang)
add_test(NAME national COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/with_postgres.sh $<TARGET_FILE:national_tests>)
set_tests_properties(national PROPERTIES TIMEOUT 600)
