# cmake -DSRC=<repo>/web -DOUT=<build>/web -P stage_web.cmake
# Copies the static shell next to seimbang-web.js/.wasm and stamps content hashes
# into index.html and sw.js (docs/CLIENT.md "Slow links"):
#   @SEIMBANG_VERSION@     hash of everything below and of the page: the service-worker
#                          cache name (any change is a new worker and a new cache, so
#                          an old file is never mixed with new ones);
#   @SEIMBANG_JS_HASH@, @SEIMBANG_WASM_HASH@
#                          each file's own hash, its `?v=` in every URL that loads it:
#                          the server marks a URL whose v matches immutable, so the
#                          service worker's precache reuses what the page fetched, and
#                          an update downloads only the files whose bytes changed;
#   @SEIMBANG_WASM_BYTES@  the wasm's size, for the first-load progress bar;
#   @SEIMBANG_DEFERRED@    the second module's URL (seimbang-web.deferred.wasm?v=<hash>,
#                          split.mjs), '' when the build has one module;
#   @SEIMBANG_SHELL@       the precache list of the install (every file but the page
#                          and the workers, each ?v=hash);
#   @SEIMBANG_WORKER_FILES@ each Web Worker's two URLs by name, for sw.js: a worker is
#                          precached only for a role whose features use it, after
#                          sign-in (the page asks: docs/CLIENT.md "Staged precache");
#   @SEIMBANG_HASH_manifest_webmanifest@, @SEIMBANG_HASH_icons_icon_svg@, …
#                          the same for the files the page names in its <head>;
#   @SEIMBANG_WORKERS@     the Web Workers' URLs (platform/worker/web_worker.cmake):
#                          {plan: 'seimbang-plan-worker.js?v=<js hash>&w=<wasm hash>'}.
# Every seimbang-<name>-worker.js/.wasm pair is hashed, listed and compressed
# like the main pair.
# The .js and .wasm are also precompressed (.br at Brotli quality 11, .gz at level
# 9) for the server to pick by Accept-Encoding; redone only when the file changed.
file(MAKE_DIRECTORY ${OUT}/icons)
file(GLOB icons ${SRC}/icons/*.svg ${SRC}/icons/*.png)
file(COPY ${icons} DESTINATION ${OUT}/icons)

function(short_hash file var)
  file(SHA256 ${file} h)
  string(SUBSTRING ${h} 0 12 h)
  set(${var} ${h} PARENT_SCOPE)
endfunction()

# The manifest names its icons by their ?v= URLs too (the browser fetches them
# for its install check while the page loads: a plain URL would be a second
# download of the file the precache fetches), so it is configured after the
# icons are hashed.
foreach(rel icons/icon.svg icons/icon-192.png icons/icon-512.png)
  short_hash(${OUT}/${rel} h)
  string(MAKE_C_IDENTIFIER ${rel} id)
  set(SEIMBANG_HASH_${id} ${h})
endforeach()
configure_file(${SRC}/manifest.webmanifest ${OUT}/manifest.webmanifest @ONLY)

short_hash(${OUT}/seimbang-web.wasm SEIMBANG_WASM_HASH)
short_hash(${OUT}/seimbang-web.js SEIMBANG_JS_HASH)
file(SIZE ${OUT}/seimbang-web.wasm SEIMBANG_WASM_BYTES)
set(main_files seimbang-web.js seimbang-web.wasm)
set(SEIMBANG_DEFERRED "")
if(EXISTS ${OUT}/seimbang-web.deferred.wasm)
  short_hash(${OUT}/seimbang-web.deferred.wasm h)
  set(SEIMBANG_DEFERRED "seimbang-web.deferred.wasm?v=${h}")
  list(APPEND main_files seimbang-web.deferred.wasm)
endif()

# [workers]
file(GLOB worker_scripts RELATIVE ${OUT} ${OUT}/seimbang-*-worker.js)
list(SORT worker_scripts)
set(worker_files "")
set(worker_shell "{")
set(worker_hashes "")
set(SEIMBANG_WORKERS "{")
foreach(js ${worker_scripts})
  string(REGEX REPLACE "^seimbang-(.*)-worker\\.js$" "\\1" wname ${js})
  string(REGEX REPLACE "\\.js$" ".wasm" wasm ${js})
  short_hash(${OUT}/${js} jh)
  short_hash(${OUT}/${wasm} wh)
  string(APPEND SEIMBANG_WORKERS "'${wname}': '${js}?v=${jh}&w=${wh}', ")
  list(APPEND worker_files ${js} ${wasm})
  # Precached (once a role that uses it signs in) under the exact URLs the page
  # and worker_pre.js ask for.
  string(APPEND worker_shell "\n  '${wname}': ['${js}?v=${jh}&w=${wh}', '${wasm}?v=${wh}'],")
  string(APPEND worker_hashes ${jh}${wh})
endforeach()
string(APPEND SEIMBANG_WORKERS "}")
string(APPEND worker_shell "\n}")
set(SEIMBANG_WORKER_FILES "${worker_shell}")

set(shell "")
short_hash(${SRC}/index.html all)
string(APPEND all "${worker_hashes}")
foreach(rel ${main_files} manifest.webmanifest icons/icon.svg icons/icon-192.png icons/icon-512.png)
  short_hash(${OUT}/${rel} h)
  # @SEIMBANG_HASH_<file as C identifier>@: the page names the manifest and icons
  # by the same ?v= URL as the precache, so they too cross the network once.
  string(MAKE_C_IDENTIFIER ${rel} id)
  set(SEIMBANG_HASH_${id} ${h})
  string(APPEND shell "  '${rel}?v=${h}',\n")
  string(APPEND all ${h})
endforeach()
set(SEIMBANG_SHELL "${shell}")
string(SHA256 all "${all}")
string(SUBSTRING ${all} 0 12 SEIMBANG_VERSION)

foreach(f index.html sw.js)
  configure_file(${SRC}/${f} ${OUT}/${f} @ONLY)
endforeach()
file(WRITE ${OUT}/version.txt "${SEIMBANG_VERSION}\n")

find_program(BROTLI brotli)
find_program(GZIP gzip)
foreach(f ${main_files} ${worker_files})
  if(BROTLI AND ${OUT}/${f} IS_NEWER_THAN ${OUT}/${f}.br)
    # Window 2^24: the whole wasm fits one window (browsers decode up to 2^24).
    execute_process(COMMAND ${BROTLI} -q 11 -w 24 -f -o ${OUT}/${f}.br ${OUT}/${f} RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      file(REMOVE ${OUT}/${f}.br)
    else()
      file(TOUCH_NOCREATE ${OUT}/${f}.br)  # (the tools copy the source's time: mark it done)
    endif()
  endif()
  if(GZIP AND ${OUT}/${f} IS_NEWER_THAN ${OUT}/${f}.gz)
    execute_process(COMMAND ${GZIP} -9 -n -k -f ${OUT}/${f} RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      file(REMOVE ${OUT}/${f}.gz)
    else()
      file(TOUCH_NOCREATE ${OUT}/${f}.gz)
    endif()
  endif()
endforeach()
