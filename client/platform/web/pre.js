// Runs inside the Emscripten module before main(): mounts the IndexedDB-backed
// file system and loads it (behind a run dependency, so main() never opens an
// empty database), and owns the flush policy: FS.syncfs(false) debounced after
// each committed change, one at a time, and immediately on page hide.
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  FS.mkdir('/data');
  FS.mount(IDBFS, {}, '/data');
  addRunDependency('seimbang-idbfs');
  var t0 = performance.now();
  FS.syncfs(true, function (err) {
    if (err) console.error('seimbang: loading local data failed', err);
    Module['seimbangLoadMs'] = performance.now() - t0;
    removeRunDependency('seimbang-idbfs');
  });
  // Ask the browser not to evict our data under storage pressure.
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persist().then(function (granted) { Module['seimbangPersisted'] = granted; });
  }
});

Module['seimbangStore'] = {
  dirty: false,     // a committed change not yet written to IndexedDB
  flushing: false,  // a syncfs(false) is running
  timer: null,
  flushes: 0,
  lastFlush: 0,     // Date.now() of the last completed flush
  error: null,
  debounceMs: 120,
  request: function () {
    this.dirty = true;
    if (this.timer || this.flushing) return;
    var self = this;
    this.timer = setTimeout(function () { self.timer = null; self.flush(); }, this.debounceMs);
  },
  flush: function () {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    if (this.flushing || !this.dirty) return;
    this.dirty = false;
    this.flushing = true;
    var self = this;
    FS.syncfs(false, function (err) {
      self.flushing = false;
      self.error = err ? String(err) : null;
      if (err) self.dirty = true;  // keep it pending; the next request retries
      self.lastFlush = Date.now();
      self.flushes++;
      if (self.dirty) self.request();
    });
  },
  idle: function () { return !this.dirty && !this.flushing && !this.timer; }
};
document.addEventListener('visibilitychange', function () {
  if (document.visibilityState === 'hidden') Module['seimbangStore'].flush();
});
window.addEventListener('pagehide', function () { Module['seimbangStore'].flush(); });

// --- test and shell hooks -------------------------------------------------------
// Widget locator: {x, y, w, h} in CSS pixels relative to the page, or null.
Module['seimbangLocate'] = function (label, index) {
  var s = Module.ccall('seimbang_locate', 'string', ['string', 'number'], [label, index || 0]);
  if (!s) return null;
  var r = JSON.parse(s);
  var rect = Module['canvas'].getBoundingClientRect();
  r.x += rect.left; r.y += rect.top;
  return r;
};
Module['seimbangItems'] = function () {
  return JSON.parse(Module.ccall('seimbang_items_json', 'string', [], []));
};
Module['seimbangState'] = function () {
  return JSON.parse(Module.ccall('seimbang_state_json', 'string', [], []));
};
Module['seimbangFind'] = function (kind, key) {
  var s = Module.ccall('seimbang_find_json', 'string', ['string', 'string'], [kind, key]);
  return s ? JSON.parse(s) : null;
};
