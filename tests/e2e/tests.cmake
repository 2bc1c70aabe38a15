# Browser tests (Playwright with Debian's Chromium): the real seimbang-server of
# this build serving the WebAssembly client of build/wasm (scripts/build.sh builds
# it first). Registered when the npm dependency and Chromium are installed.
set(SEIMBANG_E2E_DIR ${CMAKE_CURRENT_LIST_DIR})
find_program(SEIMBANG_NODE node)
if(TARGET seimbang-server AND SEIMBANG_NODE AND EXISTS ${SEIMBANG_E2E_DIR}/node_modules/playwright-core
   AND EXISTS /usr/bin/chromium)
  add_test(NAME e2e COMMAND ${SEIMBANG_NODE} --test --test-concurrency=1 tests/
           WORKING_DIRECTORY ${SEIMBANG_E2E_DIR})
  set_tests_properties(e2e PROPERTIES TIMEOUT 1800 RUN_SERIAL TRUE
    ENVIRONMENT "SEIMBANG_SERVER=$<TARGET_FILE:seimbang-server>;SEIMBANG_WEB=${SEIMBANG_WASM_BUILD_DIR}/web")
endif()
if(NOT TEST e2e)
  # Fail, not skip: the browser tier is part of the test command (scripts/setup.sh installs it).
  add_test(NAME browser_tier_missing COMMAND sh -c "echo 'browser tests cannot run: node, Chromium or tests/e2e/node_modules missing (run scripts/setup.sh)' >&2; exit 1")
endif()
