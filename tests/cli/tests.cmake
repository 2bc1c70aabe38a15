# CLI tests: the command functions of client/cli run in-process against string
# streams (exit codes, stdout/stderr contents), plus one run of the real binary.
file(GLOB SEIMBANG_CLI_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.cpp)
file(GLOB SEIMBANG_CLI_SOURCES_FOR_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/client/cli/*.cpp)
list(FILTER SEIMBANG_CLI_SOURCES_FOR_TESTS EXCLUDE REGEX ".*/main\\.cpp$")
add_executable(seimbang_cli_tests ${SEIMBANG_CLI_TEST_SOURCES} ${SEIMBANG_CLI_SOURCES_FOR_TESTS}
               ${CMAKE_SOURCE_DIR}/client/cli/main.cpp)
target_compile_definitions(seimbang_cli_tests PRIVATE SEIMBANG_CLI_NO_MAIN SEIMBANG_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
target_include_directories(seimbang_cli_tests PRIVATE ${CMAKE_SOURCE_DIR}/client)
get_target_property(SEIMBANG_CLI_LIBS seimbang LINK_LIBRARIES)
target_link_libraries(seimbang_cli_tests PRIVATE ${SEIMBANG_CLI_LIBS} seimbang_doctest)
add_test(NAME cli COMMAND seimbang_cli_tests)
add_test(NAME cli_binary_abk COMMAND seimbang abk --input ${CMAKE_CURRENT_LIST_DIR}/data/two_kelurahan.csv --format table)
set_tests_properties(cli_binary_abk PROPERTIES PASS_REGULAR_EXPRESSION "Kelurahan Terjun +Pengadministrasi Umum +150000")
