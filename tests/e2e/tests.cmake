# Browser tests (Playwright with Debian's Chromium): the real seimbang-server of
# this build serving the WebAssembly client of build/wasm (scripts/build.sh builds
# it first). Registered when the npm dependency and Chromium are installed.
set(SEIMBANG_E2E_DIR ${CMAKE_CURRENT_LIST_DIR})
find_program(SEIMBANG_NODE node)
set(SEIMBANG_E2E_REGISTERED OFF)
if(TARGET seimbang-server AND SEIMBANG_NODE AND EXISTS ${SEIMBANG_E2E_DIR}/node_modules/playwright-core
   AND EXISTS /usr/bin/chromium)
  # One ctest entry per file (e2e_<name>): each has its own time limit, a failure
  # names its file, and one slow file cannot push the others past a shared limit.
  file(GLOB SEIMBANG_E2E_FILES CONFIGURE_DEPENDS ${SEIMBANG_E2E_DIR}/tests/*.test.mjs)
  foreach(f ${SEIMBANG_E2E_FILES})
    get_filename_component(name ${f} NAME)
    string(REPLACE ".test.mjs" "" name ${name})
    # The national tier's browser test runs against a PostgreSQL of its own.
    set(wrap)
    if(name STREQUAL "national")
      set(wrap bash ${CMAKE_SOURCE_DIR}/tests/national/with_postgres.sh)
    endif()
    add_test(NAME e2e_${name} COMMAND ${wrap} ${SEIMBANG_NODE} --test tests/${name}.test.mjs
             WORKING_DIRECTORY ${SEIMBANG_E2E_DIR})
    set_tests_properties(e2e_${name} PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE LABELS e2e
      ENVIRONMENT "SEIMBANG_SERVER=$<TARGET_FILE:seimbang-server>;SEIMBANG_WEB=${SEIMBANG_WASM_BUILD_DIR}/web")
    set(SEIMBANG_E2E_REGISTERED ON)
  endforeach()
endif()
if(NOT SEIMBANG_E2E_REGISTERED)
  # Fail, not skip: the browser tier is part of the test command (scripts/setup.sh installs it).
  add_test(NAME browser_tier_missing COMMAND sh -c "echo 'browser tests cannot run: node, Chromium or tests/e2e/node_modules missing (run scripts/setup.sh)' >&2; exit 1")
endif()
