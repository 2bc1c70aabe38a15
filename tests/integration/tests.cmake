# Integration tests of sync: the real seimbang-server binary on a free port,
# simulated offices as native clients (the CLI's HTTP transport + the shared
# sync core), fault injection (lost answers, cut requests, SIGKILL, SIGTERM)
# and the auth/validation error paths. Also drives the real `seimbang` binary.
find_package(ZLIB REQUIRED)  # test_api_compression checks gzip and Brotli answers; the gzip-bomb test
find_package(OpenSSL REQUIRED)  # the HTTPS tests' client
add_executable(sync_integration_tests
  ${CMAKE_CURRENT_LIST_DIR}/harness.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_sync_random.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_sync_faults.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_auth.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_api_abk.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_import_sync.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_hostile_http.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_hostile_data.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_https.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_api_compression.cpp
  ${CMAKE_SOURCE_DIR}/server/http_compress.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_workflow_api.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_restore.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_storage_faults.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_api_eval.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_cli_survey.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_api_settings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_api_training.cpp
  # [field3] delivery of the web client's files (ETag, 304)
  ${CMAKE_CURRENT_LIST_DIR}/test_static_delivery.cpp
  ${CMAKE_SOURCE_DIR}/client/cli/http_transport.cpp)
target_include_directories(sync_integration_tests PRIVATE ${CMAKE_SOURCE_DIR}/client ${CMAKE_SOURCE_DIR}/server ${CMAKE_CURRENT_LIST_DIR})
find_package(OpenSSL REQUIRED)  # (the HTTPS tests' client)
find_package(ZLIB REQUIRED)     # (the gzip-bomb test)
target_link_libraries(sync_integration_tests PRIVATE seimbang_core seimbang_doctest PkgConfig::HTTPLIB Threads::Threads
                      OpenSSL::SSL OpenSSL::Crypto ZLIB::ZLIB PkgConfig::BROTLIENC PkgConfig::BROTLIDEC)
target_compile_definitions(sync_integration_tests PRIVATE
  SEIMBANG_SERVER_BIN="$<TARGET_FILE:seimbang-server>" SEIMBANG_CLI_BIN="$<TARGET_FILE:seimbang>")
add_dependencies(sync_integration_tests seimbang-server seimbang)
add_test(NAME sync_integration COMMAND sync_integration_tests)
set_tests_properties(sync_integration PROPERTIES TIMEOUT 600)

# [upstream] Two tiers (docs/SCALE.md "Upstream"): an instansi server forwarding to a national server, both real.
add_executable(national_integration_tests
  ${CMAKE_CURRENT_LIST_DIR}/harness.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_national.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_between_instansi.cpp
  ${CMAKE_SOURCE_DIR}/client/cli/http_transport.cpp)
target_include_directories(national_integration_tests PRIVATE ${CMAKE_SOURCE_DIR}/client ${CMAKE_SOURCE_DIR}/server ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(national_integration_tests PRIVATE seimbang_core seimbang_doctest PkgConfig::HTTPLIB Threads::Threads
                      OpenSSL::SSL OpenSSL::Crypto)
target_compile_definitions(national_integration_tests PRIVATE
  SEIMBANG_SERVER_BIN="$<TARGET_FILE:seimbang-server>" SEIMBANG_CLI_BIN="$<TARGET_FILE:seimbang>")
add_dependencies(national_integration_tests seimbang-server seimbang)
add_test(NAME national_integration COMMAND national_integration_tests)
set_tests_properties(national_integration PROPERTIES TIMEOUT 600)
