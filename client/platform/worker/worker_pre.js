// Runs first in every Seimbang Web Worker (web_worker.cmake): the page starts a
// worker as seimbang-<name>-worker.js?v=<js hash>&w=<wasm hash>, so its .wasm is
// fetched by its own content-hashed URL too (immutable in the HTTP cache, the
// same entry as the service worker's precache).
var Module = typeof Module !== 'undefined' ? Module : {};
Module['locateFile'] = function (path) {
  var w = new URLSearchParams(self.location.search).get('w');
  return /\.wasm$/.test(path) && w ? path + '?v=' + w : path;
};
