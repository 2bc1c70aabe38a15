# Web Workers of the browser client: small, separate WebAssembly modules that
# run long computations off the UI thread (docs/CLIENT.md "Web Workers").
#
#   seimbang_add_web_worker(<name> SOURCES <cpp...> LIBS <targets...> EXPORTS <C functions...>)
#
# builds build/wasm/web/seimbang-<name>-worker.{js,wasm} with Emscripten's
# -sBUILD_AS_WORKER protocol: the page posts {funcName, callbackId, data:
# Uint8Array}, the named EMSCRIPTEN_KEEPALIVE function gets (char* data, int
# size) and answers with emscripten_worker_respond(). stage_web.cmake hashes,
# precompresses and precaches every seimbang-*-worker.{js,wasm} and stamps
# each worker's URL into index.html (SEIMBANG_WORKERS.<name>, with the hash of
# its .wasm for worker_pre.js), so workers are offline like the rest of the shell.
# Only the linked libraries' reachable code goes in (wasm-ld drops the rest).
# Include after the seimbang-web-static target exists.
function(seimbang_add_web_worker name)
  cmake_parse_arguments(W "" "" "SOURCES;LIBS;EXPORTS" ${ARGN})
  set(target seimbang-${name}-worker)
  add_executable(${target} ${W_SOURCES})
  target_link_libraries(${target} PRIVATE ${W_LIBS})
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  set(exports "'_malloc','_free'")
  foreach(f ${W_EXPORTS})
    string(APPEND exports ",'_${f}'")
  endforeach()
  set_target_properties(${target} PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY ${SEIMBANG_WEB_OUT}
                        CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=/usr/share/nodejs")
  target_link_options(${target} PRIVATE
    -O3 -sBUILD_AS_WORKER=1 -sENVIRONMENT=worker -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432
    -sEXIT_RUNTIME=0 "-sEXPORTED_FUNCTIONS=[${exports}]"
    --pre-js ${SEIMBANG_CLIENT_DIR}/platform/worker/worker_pre.js)
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${SEIMBANG_CLIENT_DIR}/platform/worker/worker_pre.js)
  add_dependencies(seimbang-web-static ${target})
endfunction()
