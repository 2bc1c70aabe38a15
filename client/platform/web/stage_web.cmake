# cmake -DSRC=<repo>/web -DOUT=<build>/web -P stage_web.cmake
# Copies the static shell next to seimbang-web.js/.wasm and stamps a short content
# hash of the .js/.wasm pair into index.html and sw.js (@SEIMBANG_VERSION@): a new
# build means a new service-worker cache, and the old pair is never mixed with the new.
file(SHA256 ${OUT}/seimbang-web.wasm h1)
file(SHA256 ${OUT}/seimbang-web.js h2)
string(SHA256 h "${h1}${h2}")
string(SUBSTRING ${h} 0 12 SEIMBANG_VERSION)
file(MAKE_DIRECTORY ${OUT}/icons)
file(GLOB icons ${SRC}/icons/*.svg ${SRC}/icons/*.png)
file(COPY ${icons} DESTINATION ${OUT}/icons)
file(COPY ${SRC}/manifest.webmanifest DESTINATION ${OUT})
foreach(f index.html sw.js)
  configure_file(${SRC}/${f} ${OUT}/${f} @ONLY)
endforeach()
file(WRITE ${OUT}/version.txt "${SEIMBANG_VERSION}\n")
