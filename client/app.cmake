# The Dear ImGui client: one app library (state + commands, no GL), one UI library
# (one file per screen) and two thin platform executables: `seimbang-web`
# (Emscripten, served to the field offices) and `seimbang-desktop` (GLFW + OpenGL 3,
# for development). Included by client/CMakeLists.txt.

set(SEIMBANG_IMGUI_DIR ${SEIMBANG_DEPS}/imgui)
set(SEIMBANG_CLIENT_DIR ${CMAKE_CURRENT_LIST_DIR})

# --- Dear ImGui core (no backend) ------------------------------------------------
# IMGUI_ENABLE_TEST_ENGINE is always on: the item hooks feed the widget locator
# (client/ui/locator.cpp) used by the headless UI tests and the browser tests. It
# costs one branch per item.
add_library(seimbang_imgui STATIC
  ${SEIMBANG_IMGUI_DIR}/imgui.cpp ${SEIMBANG_IMGUI_DIR}/imgui_draw.cpp
  ${SEIMBANG_IMGUI_DIR}/imgui_tables.cpp ${SEIMBANG_IMGUI_DIR}/imgui_widgets.cpp
  ${SEIMBANG_IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp
  ${SEIMBANG_CLIENT_DIR}/ui/locator.cpp)
target_include_directories(seimbang_imgui SYSTEM PUBLIC ${SEIMBANG_IMGUI_DIR} ${SEIMBANG_IMGUI_DIR}/misc/cpp)
target_include_directories(seimbang_imgui PUBLIC ${SEIMBANG_CLIENT_DIR})
target_compile_definitions(seimbang_imgui PUBLIC IMGUI_ENABLE_TEST_ENGINE IMGUI_DISABLE_OBSOLETE_FUNCTIONS
                           IMGUI_DISABLE_DEMO_WINDOWS)

# --- Embedded fonts -----------------------------------------------------------------
# DejaVu Sans (regular + bold) from fonts-dejavu-core, subset at build time to the
# glyphs the UI uses (pyftsubset from `fonttools`) so the download stays small, then
# stripped to the tables stb_truetype reads (cmap, glyf, loca, head, hhea, hmtx,
# maxp): ImGui applies no kerning nor OpenType layout, so GSUB/GPOS/GDEF/MATH/kern,
# glyph names and the name records are bytes nobody reads (-4.4 KB Brotli). Then
# compiled into the binary as byte arrays: no extra request, always cached with the
# .wasm.
set(SEIMBANG_FONT_DIR /usr/share/fonts/truetype/dejavu)
set(SEIMBANG_FONT_UNICODES "U+0020-007E,U+00A0-017F,U+03A3,U+2010-2027,U+2030-203A,U+2044,U+20AC,U+2190-2199,U+21BB,U+2212,U+2248,U+2260-2265,U+2295,U+2302,U+25A0-25CF,U+25B2-25BC,U+2605,U+2610-2612,U+26A0,U+2713-2718")
find_program(SEIMBANG_PYFTSUBSET pyftsubset)
set(SEIMBANG_FONT_SOURCES)
foreach(font DejaVuSans DejaVuSans-Bold)
  set(src ${SEIMBANG_FONT_DIR}/${font}.ttf)
  set(sub ${CMAKE_BINARY_DIR}/generated/fonts/${font}.ttf)
  string(MAKE_C_IDENTIFIER ${font} ident)
  set(cpp ${CMAKE_BINARY_DIR}/generated/fonts/${ident}.cpp)
  if(SEIMBANG_PYFTSUBSET)
    add_custom_command(OUTPUT ${sub}
      COMMAND ${SEIMBANG_PYFTSUBSET} ${src} --unicodes=${SEIMBANG_FONT_UNICODES} --layout-features=
              --drop-tables+=GSUB,GPOS,GDEF,MATH,kern,gasp,FFTM --no-glyph-names --name-IDs=
              --no-hinting --desubroutinize --output-file=${sub}
      DEPENDS ${src} COMMENT "Subsetting ${font}")
  else()
    add_custom_command(OUTPUT ${sub} COMMAND ${CMAKE_COMMAND} -E copy ${src} ${sub} DEPENDS ${src})
  endif()
  add_custom_command(OUTPUT ${cpp}
    COMMAND ${CMAKE_COMMAND} -DIN=${sub} -DOUT=${cpp} -DNAME=seimbang_font_${ident}
            -P ${SEIMBANG_CLIENT_DIR}/platform/embed_file.cmake
    DEPENDS ${sub} ${SEIMBANG_CLIENT_DIR}/platform/embed_file.cmake)
  list(APPEND SEIMBANG_FONT_SOURCES ${cpp})
endforeach()

# --- App state + commands (no ImGui, no GL) -----------------------------------
file(GLOB SEIMBANG_APP_SOURCES CONFIGURE_DEPENDS ${SEIMBANG_CLIENT_DIR}/app/*.cpp)
add_library(seimbang_app STATIC ${SEIMBANG_APP_SOURCES})
target_include_directories(seimbang_app PUBLIC ${SEIMBANG_CLIENT_DIR})
target_link_libraries(seimbang_app PUBLIC seimbang_core seimbang_sodium)
target_compile_options(seimbang_app PRIVATE -Wall -Wextra)

# --- Screens (ImGui draw functions over app state) ---------------------------------
file(GLOB SEIMBANG_UI_SOURCES CONFIGURE_DEPENDS ${SEIMBANG_CLIENT_DIR}/ui/*.cpp)
list(REMOVE_ITEM SEIMBANG_UI_SOURCES ${SEIMBANG_CLIENT_DIR}/ui/locator.cpp)
add_library(seimbang_ui STATIC ${SEIMBANG_UI_SOURCES} ${SEIMBANG_FONT_SOURCES})
target_link_libraries(seimbang_ui PUBLIC seimbang_app seimbang_imgui)
target_compile_options(seimbang_ui PRIVATE -Wall -Wextra)

# --- Platform executables ---------------------------------------------------------
set(SEIMBANG_IMGUI_BACKENDS
  ${SEIMBANG_IMGUI_DIR}/backends/imgui_impl_glfw.cpp ${SEIMBANG_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)

if(SEIMBANG_WASM)
  file(GLOB SEIMBANG_WEB_SOURCES CONFIGURE_DEPENDS ${SEIMBANG_CLIENT_DIR}/platform/web/*.cpp)
  add_executable(seimbang-web ${SEIMBANG_WEB_SOURCES} ${SEIMBANG_IMGUI_BACKENDS})
  target_include_directories(seimbang-web SYSTEM PRIVATE ${SEIMBANG_IMGUI_DIR}/backends)
  target_link_libraries(seimbang-web PRIVATE seimbang_ui)
  set(SEIMBANG_WEB_OUT ${CMAKE_BINARY_DIR}/web)
  # The link writes the whole module to web-full/; split.mjs puts the two modules
  # (or, without its tools, the one) into web/ (docs/CLIENT.md "Two modules").
  set(SEIMBANG_WEB_FULL ${CMAKE_BINARY_DIR}/web-full)
  set_target_properties(seimbang-web PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY ${SEIMBANG_WEB_FULL})
  target_link_options(seimbang-web PRIVATE
    -Oz -sUSE_GLFW=3 -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sFORCE_FILESYSTEM=1
    -sFETCH=1 -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432 -sTOTAL_STACK=1048576
    -sENVIRONMENT=web -sEXIT_RUNTIME=0 -sINVOKE_RUN=1
    # No -sFULL_ES3: ImGui's OpenGL 3 backend draws from buffer objects
    # (glBufferSubData, glDrawElements with offsets), never client-side arrays or
    # glMapBuffer, which is what FULL_ES3 emulates (−5.8 KB loader raw, −1.1 KB Brotli).
    # Only what pre.js, seimbang_lib.js, index.html and the tests use (IDBFS went
    # with the page store of session 9: pre.js reads the old IndexedDB itself).
    "-sEXPORTED_RUNTIME_METHODS=['FS','addRunDependency','removeRunDependency','ccall','UTF8ToString']"
    --js-library ${SEIMBANG_CLIENT_DIR}/platform/web/seimbang_lib.js
    --pre-js ${SEIMBANG_CLIENT_DIR}/platform/web/pre.js)
  # Emscripten's JS optimiser needs Debian's acorn (design.md): set NODE_PATH for the
  # link step so a plain `cmake --build` works without a special environment.
  set_target_properties(seimbang-web PROPERTIES CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=/usr/share/nodejs")
  set_property(TARGET seimbang-web APPEND PROPERTY LINK_DEPENDS
    ${SEIMBANG_CLIENT_DIR}/platform/web/seimbang_lib.js ${SEIMBANG_CLIENT_DIR}/platform/web/pre.js)
  # The static shell (HTML, service worker, manifest, icons) is copied next to the
  # .js/.wasm pair; the build stamps a content hash of the pair into sw.js and
  # index.html so a new build is a new cache version.
  find_program(SEIMBANG_NODE_FOR_SPLIT node REQUIRED)
  set(SEIMBANG_SPLIT_STAMP ${CMAKE_BINARY_DIR}/split/split.stamp)
  add_custom_command(OUTPUT ${SEIMBANG_SPLIT_STAMP}
    COMMAND ${SEIMBANG_NODE_FOR_SPLIT} ${SEIMBANG_CLIENT_DIR}/platform/web/split.mjs --full ${SEIMBANG_WEB_FULL}
            --out ${SEIMBANG_WEB_OUT} --page ${CMAKE_SOURCE_DIR}/web/index.html --work ${CMAKE_BINARY_DIR}/split
    COMMAND ${CMAKE_COMMAND} -E touch ${SEIMBANG_SPLIT_STAMP}
    DEPENDS seimbang-web $<TARGET_FILE:seimbang-web> ${SEIMBANG_CLIENT_DIR}/platform/web/split.mjs
            ${CMAKE_SOURCE_DIR}/web/index.html
    BYPRODUCTS ${SEIMBANG_WEB_OUT}/seimbang-web.js ${SEIMBANG_WEB_OUT}/seimbang-web.wasm
               ${SEIMBANG_WEB_OUT}/seimbang-web.deferred.wasm
    COMMENT "Splitting seimbang-web by a profile of its first frame (split.mjs)" USES_TERMINAL)
  file(GLOB SEIMBANG_WEB_STATIC CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/* ${CMAKE_SOURCE_DIR}/web/icons/*)
  add_custom_target(seimbang-web-static ALL
    COMMAND ${CMAKE_COMMAND} -DSRC=${CMAKE_SOURCE_DIR}/web -DOUT=${SEIMBANG_WEB_OUT}
            -P ${SEIMBANG_CLIENT_DIR}/platform/web/stage_web.cmake
    DEPENDS seimbang-web ${SEIMBANG_SPLIT_STAMP} ${SEIMBANG_WEB_STATIC}
            ${SEIMBANG_CLIENT_DIR}/platform/web/stage_web.cmake)
  # [workers] Long computations in Web Workers (platform/worker/web_worker.cmake).
  include(${SEIMBANG_CLIENT_DIR}/platform/worker/web_worker.cmake)
  # The planner (Rekomendasi): shared/plan + LEMON; the main module keeps no solver.
  seimbang_add_web_worker(plan SOURCES ${SEIMBANG_CLIENT_DIR}/platform/worker/plan_worker.cpp
                          LIBS seimbang_core EXPORTS seimbang_plan_solve)
  # The XLSX reader (Impor): libzip, expat and zlib; the main module reads CSV only.
  seimbang_add_web_worker(xlsx SOURCES ${SEIMBANG_CLIENT_DIR}/platform/worker/xlsx_worker.cpp
                          LIBS seimbang_core EXPORTS seimbang_xlsx_read)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(SEIMBANG_GLFW IMPORTED_TARGET glfw3)
  find_package(OpenGL)
  if(SEIMBANG_GLFW_FOUND AND OpenGL_FOUND)
    file(GLOB SEIMBANG_DESKTOP_SOURCES CONFIGURE_DEPENDS ${SEIMBANG_CLIENT_DIR}/platform/desktop/*.cpp)
    add_executable(seimbang-desktop ${SEIMBANG_DESKTOP_SOURCES} ${SEIMBANG_IMGUI_BACKENDS})
    target_include_directories(seimbang-desktop SYSTEM PRIVATE ${SEIMBANG_IMGUI_DIR}/backends)
    find_package(Threads REQUIRED)
    target_link_libraries(seimbang-desktop PRIVATE seimbang_ui PkgConfig::HTTPLIB PkgConfig::SEIMBANG_GLFW OpenGL::GL Threads::Threads ${CMAKE_DL_LIBS})
    target_compile_options(seimbang-desktop PRIVATE -Wall -Wextra)
  endif()
endif()
