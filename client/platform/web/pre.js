// Runs inside the Emscripten module before main(). Two jobs (docs/CLIENT.md,
// "Persistence in the browser" and "One tab owns the database"):
//
// Ownership: exactly one tab of a browser profile owns the local database. It
// holds the Web Lock LOCK for as long as it owns; another tab shows "open in
// another tab" with a button that asks the owner (BroadcastChannel) to hand over:
// the owner freezes the app, flushes and releases the lock. Every ownership
// takes a new epoch in IndexedDB, and every write transaction checks it first
// (a fencing token), so a stale owner's late write can never land.
//
// Storage: the SQLite file lives in memory (MEMFS) for synchronous reads.
// Writes to it are recorded per 4 KiB page; after each commit the changed pages
// are written to IndexedDB as records of their own, in ONE transaction together
// with the file size, so IndexedDB always holds one committed state of the file.
(function () {
  var IDB_NAME = 'seimbang-store';  // object stores: pages (key: page index), meta ('owner', 'file')
  var LEGACY_IDBFS = '/data';       // the IDBFS database of earlier versions (migrated once)
  var DIR = '/data', FILE = 'seimbang.db', PATH = DIR + '/' + FILE;
  var PAGE = 4096;                  // SQLite's page size: one record per page
  var LOCK = 'seimbang-db-owner';
  var CLAIM_FLAG = 'seimbang.claim';  // sessionStorage: claim ownership right after this reload
  var CLAIM_WAIT_MS = 5000;         // then take the lock from an owner that does not answer
  var tabId = Math.random().toString(36).slice(2) + Date.now().toString(36);
  var appVersion = typeof SEIMBANG_VERSION === 'string' ? SEIMBANG_VERSION : 'dev';
  var channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('seimbang-owner') : null;

  // --- IndexedDB ---------------------------------------------------------------
  function idbOpen() {
    return new Promise(function (ok, fail) {
      var r = indexedDB.open(IDB_NAME, 1);
      r.onupgradeneeded = function () {
        r.result.createObjectStore('pages');
        r.result.createObjectStore('meta');
      };
      r.onsuccess = function () { ok(r.result); };
      r.onerror = function () { fail(r.error); };
    });
  }

  // The file of the IDBFS layout of earlier versions, or null. Opening without a
  // version creates nothing: a new database's upgrade is aborted.
  function readLegacy() {
    return new Promise(function (ok) {
      var r;
      try { r = indexedDB.open(LEGACY_IDBFS); } catch (e) { return ok(null); }
      r.onupgradeneeded = function (e) { if (e.oldVersion === 0) r.transaction.abort(); };
      r.onerror = function () { ok(null); };
      r.onsuccess = function () {
        var db = r.result;
        if (!db.objectStoreNames.contains('FILE_DATA')) { db.close(); return ok(null); }
        var g = db.transaction(['FILE_DATA'], 'readonly').objectStore('FILE_DATA').get(PATH);
        g.onsuccess = function () {
          db.close();
          var v = g.result;
          ok(v && v.contents ? new Uint8Array(v.contents) : null);
        };
        g.onerror = function () { db.close(); ok(null); };
      };
    });
  }

  // --- the file in memory ----------------------------------------------------------
  var dataDir = null;
  var tracking = true;

  function dbNode() {
    try { return FS.lookupPath(PATH).node; } catch (e) { return null; }
  }
  function isDbNode(node) { return tracking && node && node.parent === dataDir && node.name === FILE; }

  // Every write to the database file marks its pages dirty; a truncation marks the
  // range between the old and the new size.
  function trackWrites() {
    var fileStream = MEMFS.ops_table.file.stream, fileNode = MEMFS.ops_table.file.node;
    var write = fileStream.write, setattr = fileNode.setattr;
    fileStream.write = function (stream, buffer, offset, length, position) {
      var n = write.apply(this, arguments);
      if (n > 0 && isDbNode(stream.node)) store.mark(position, n);
      return n;
    };
    fileNode.setattr = function (node, attr) {
      var before = node.usedBytes;
      var r = setattr.apply(this, arguments);
      if (attr.size !== undefined && isDbNode(node) && attr.size !== before) {
        var a = Math.min(before, attr.size), b = Math.max(before, attr.size);
        store.mark(a, b - a);
      }
      return r;
    };
  }

  function installFile(bytes) {
    tracking = false;
    try {
      if (dbNode()) FS.unlink(PATH);
      if (bytes && bytes.length) FS.writeFile(PATH, bytes, { canOwn: true });
    } finally { tracking = true; }
    store.node = dbNode();
  }

  // --- saving pages ------------------------------------------------------------------
  var store = Module['seimbangStore'] = {
    idb: null,
    epoch: 0,           // this tab's ownership epoch (0: not the owner)
    node: null,         // the MEMFS node whose pages IndexedDB holds
    persistedSize: 0,   // file size in IndexedDB
    dirty: Object.create(null), dirtyCount: 0,
    dirtySince: 0,      // performance.now() of the oldest change not yet flushing
    flushing: false,
    started: 0,         // flushes started (the number of the running one)
    completed: 0,       // the number of the last flush that completed
    timer: null,
    error: null,
    debounceMs: 0,      // a flush costs what it changes: write it at the end of the task
    stats: { flushes: 0, pages: 0, lastPages: 0, lastFlushMs: 0, lastDurableMs: 0, maxDurableMs: 0 },

    mark: function (pos, len) {
      if (!len) return;
      var last = Math.floor((pos + len - 1) / PAGE);
      for (var p = Math.floor(pos / PAGE); p <= last; p++)
        if (!this.dirty[p]) { this.dirty[p] = 1; this.dirtyCount++; }
      if (!this.dirtySince) this.dirtySince = performance.now();
      this.request();
    },
    // `now`: the app committed and no transaction is open, so the pages can be
    // copied at once; otherwise (a write inside a transaction) at the end of the task.
    request: function (now) {
      if (now && this.debounceMs === 0 && !this.flushing && this.epoch) return this.flush();
      if (this.timer || this.flushing || !this.epoch) return;
      var self = this;
      this.timer = setTimeout(function () { self.timer = null; self.flush(); }, this.debounceMs);
    },
    // Writes the dirty pages in one transaction that first checks this tab still
    // owns the database (its epoch is the current one).
    flush: function () {
      if (this.timer) { clearTimeout(this.timer); this.timer = null; }
      if (this.flushing || !this.epoch || !this.idb) return;
      var node = dbNode();
      var size = node ? node.usedBytes : 0;
      if (node !== this.node) {
        // The file was deleted and created again (a reset): every page is new.
        this.node = node;
        for (var i = 0; i * PAGE < size; i++) if (!this.dirty[i]) { this.dirty[i] = 1; this.dirtyCount++; }
      }
      if (!this.dirtyCount && size === this.persistedSize) return;
      var taken = this.dirty, pages = [];
      for (var k in taken) {
        var p = +k;
        if (p * PAGE < size) pages.push([p, node.contents.slice(p * PAGE, Math.min((p + 1) * PAGE, size))]);
      }
      this.dirty = Object.create(null);
      this.dirtyCount = 0;
      var since = this.dirtySince || performance.now();
      this.dirtySince = 0;
      this.flushing = true;
      var id = ++this.started;
      var self = this, t0 = performance.now(), epoch = this.epoch, stale = false;
      var done = function (ok, err) {
        self.flushing = false;
        if (ok) {
          var now = performance.now();
          self.persistedSize = size;
          self.completed = id;
          self.error = null;
          self.errorQuota = false;
          self.stats.flushes++;
          self.stats.pages += pages.length;
          self.stats.lastPages = pages.length;
          self.stats.lastFlushMs = now - t0;
          self.stats.lastDurableMs = now - since;
          self.stats.maxDurableMs = Math.max(self.stats.maxDurableMs, now - since);
        } else {
          for (var k2 in taken) if (!self.dirty[k2]) { self.dirty[k2] = 1; self.dirtyCount++; }
          if (!self.dirtySince) self.dirtySince = since;
          if (stale) return owner.lost('stolen');
          self.error = String(err || 'IndexedDB');
          // The browser's storage for this site is full (the pages stay in memory
          // and are tried again every second; the app says so plainly).
          self.errorQuota = !!err && (err.name === 'QuotaExceededError' || /quota/i.test(self.error));
        }
        if (self.dirtyCount) {
          if (ok) self.request();
          else setTimeout(function () { self.request(); }, 1000);  // e.g. quota: keep the pages, retry
        }
        var w = self.waiters; self.waiters = [];
        w.forEach(function (f) { f(); });
      };
      var tx, thrown = null;
      try { tx = this.idb.transaction(['meta', 'pages'], 'readwrite'); } catch (e) { return done(false, e); }
      var meta = tx.objectStore('meta'), ps = tx.objectStore('pages');
      meta.get('owner').onsuccess = function (e) {
        var o = e.target.result;
        if (!o || o.epoch !== epoch) { stale = true; tx.abort(); return; }
        try {
          for (var j = 0; j < pages.length; j++) ps.put(pages[j][1], pages[j][0]);
          if (size < self.persistedSize) ps.delete(IDBKeyRange.lowerBound(Math.ceil(size / PAGE)));
          meta.put({ size: size, page: PAGE, version: appVersion, epoch: epoch, savedAt: Date.now() }, 'file');
        } catch (e) {  // a put refused at once (quota, data): nothing of this flush is kept
          thrown = e;
          tx.abort();
        }
      };
      tx.oncomplete = function () { done(true); };
      tx.onabort = function () { done(false, thrown || tx.error); };
    },
    waiters: [],
    // Resolves once every change made so far is in IndexedDB (or a flush failed).
    settle: function () {
      var self = this;
      return new Promise(function (ok) {
        (function check() {
          if (self.idle() || !self.epoch || (self.error && !self.flushing)) return ok();
          self.waiters.push(check);
          self.flush();
        })();
      });
    },
    idle: function () { return !this.dirtyCount && !this.flushing && !this.timer; }
  };

  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') store.flush();
  });
  window.addEventListener('pagehide', function () { store.flush(); });

  // --- ownership -------------------------------------------------------------------
  // state: 'deciding' | 'owner' | 'elsewhere' (another tab owns) | 'claiming' |
  //        'releasing' | 'lost' (this tab owned and handed over, or was taken over)
  var owner = Module['seimbangOwner'] = {
    state: 'deciding',
    reason: '',
    everOwned: false,
    tab: tabId,
    releaseLock: null,

    // Takes a new epoch and reads every page: from now on only this tab's writes land.
    take: function () {
      var self = this;
      return new Promise(function (ok, fail) {
        var tx = store.idb.transaction(['meta', 'pages'], 'readwrite');
        var meta = tx.objectStore('meta'), ps = tx.objectStore('pages'), r = {};
        meta.get('owner').onsuccess = function (e) {
          r.epoch = ((e.target.result && e.target.result.epoch) || 0) + 1;
          meta.put({ epoch: r.epoch, tab: tabId, at: Date.now() }, 'owner');
        };
        meta.get('file').onsuccess = function (e) { r.file = e.target.result || null; };
        ps.getAllKeys().onsuccess = function (e) { r.keys = e.target.result; };
        ps.getAll().onsuccess = function (e) { r.values = e.target.result; };
        tx.oncomplete = function () { ok(r); };
        tx.onabort = function () { fail(tx.error); };
      }).then(function (r) {
        store.epoch = r.epoch;
        if (channel) channel.postMessage({ type: 'owned', tab: tabId, epoch: r.epoch });
        if (r.file) {
          var size = r.file.size, bytes = new Uint8Array(size);
          for (var i = 0; i < r.keys.length; i++) {
            var off = r.keys[i] * PAGE, v = r.values[i];
            if (off < size) bytes.set(v.subarray(0, Math.min(v.length, size - off)), off);
          }
          installFile(bytes);
          store.persistedSize = size;
          return r.file;
        }
        // No page store yet: migrate the IDBFS copy of earlier versions (with its
        // outbox), persisted before the legacy database is deleted.
        return readLegacy().then(function (bytes) {
          installFile(bytes);
          store.persistedSize = 0;
          if (!bytes) return null;
          store.mark(0, bytes.length);  // every page is new to the page store
          return store.settle().then(function () {
            if (store.error) throw new Error(store.error);
            indexedDB.deleteDatabase(LEGACY_IDBFS);
            Module['seimbangMigrated'] = bytes.length;
            return null;
          });
        });
      }).then(function (file) {
        self.state = 'owner';
        self.everOwned = true;
        if (navigator.storage && navigator.storage.persist)
          navigator.storage.persist().then(function (g) { Module['seimbangPersisted'] = g; });
        return file;
      });
    },

    // Holds the lock (resolves once granted; `opts` as navigator.locks.request).
    lock: function (opts) {
      var self = this;
      return new Promise(function (granted, refused) {
        navigator.locks.request(LOCK, opts, function (lock) {
          if (!lock) { granted(false); return; }
          granted(true);
          return new Promise(function (release) { self.releaseLock = release; });
        }).then(function () { self.releaseLock = null; }, function (e) {
          self.releaseLock = null;
          if (e && e.name === 'AbortError' && self.state === 'claiming' && !store.epoch) refused(e);
          else if (self.state === 'owner') self.lost('stolen');  // another tab stole it
          else refused(e);
        });
      });
    },

    // Start-up: own when nobody does, else show the notice.
    start: function () {
      var self = this;
      if (sessionStorage.getItem(CLAIM_FLAG)) {
        sessionStorage.removeItem(CLAIM_FLAG);
        return this.claim();
      }
      var free;
      if (navigator.locks) free = this.lock({ ifAvailable: true });
      else free = this.ask('who', 300).then(function (answered) { return !answered; });
      return free.then(function (ok) {
        if (!ok) { self.state = 'elsewhere'; return; }
        return self.take();
      });
    },

    // Becomes the owner: asks the current owner to hand over and waits for it.
    claim: function () {
      var self = this;
      this.state = 'claiming';
      var got;
      if (navigator.locks) {
        if (channel) channel.postMessage({ type: 'release', tab: tabId });
        var abort = typeof AbortController === 'function' ? new AbortController() : null;
        var timer = abort && setTimeout(function () { abort.abort(); }, CLAIM_WAIT_MS);
        got = this.lock(abort ? { signal: abort.signal } : {}).then(function () { clearTimeout(timer); },
          function () { return self.lock({ steal: true }); });  // an owner that hangs: the epoch fences it
      } else {
        got = this.ask('release', CLAIM_WAIT_MS);
      }
      return got.then(function () { return self.take(); });
    },

    // Fallback without Web Locks: posts `type` and resolves true when an owner
    // answers within `ms`.
    ask: function (type, ms) {
      return new Promise(function (ok) {
        if (!channel) return ok(false);
        var t = setTimeout(function () { channel.removeEventListener('message', on); ok(false); }, ms);
        function on(e) {
          if (e.data && (e.data.type === 'owner' || e.data.type === 'released')) {
            clearTimeout(t); channel.removeEventListener('message', on); ok(true);
          }
        }
        channel.addEventListener('message', on);
        channel.postMessage({ type: type, tab: tabId });
      });
    },

    // The owner hands over: the app stops (no more edits or requests), every
    // committed change goes to IndexedDB, then the lock is released.
    handOver: function () {
      if (this.state !== 'owner') return;
      var self = this;
      this.state = 'releasing';
      notifyApp();
      store.settle().then(function () {
        self.lost('handed_over');
        if (channel) channel.postMessage({ type: 'released', tab: tabId });
      });
    },

    lost: function (reason) {
      if (this.state === 'lost') return;
      this.state = 'lost';
      this.reason = reason;
      store.epoch = 0;
      if (store.timer) { clearTimeout(store.timer); store.timer = null; }
      if (this.releaseLock) this.releaseLock();
      notifyApp();
    },

    // The button of the notice. A tab that owned before reloads and claims from a
    // clean start (its memory may hold changes that were never saved).
    claimHere: function () {
      if (this.state !== 'elsewhere' && this.state !== 'lost') return;
      if (this.everOwned) {
        sessionStorage.setItem(CLAIM_FLAG, '1');
        location.reload();
        return;
      }
      var self = this;
      this.claim().then(function (file) {
        // Written by another build (a service-worker update in the other tab):
        // start this tab on the current build before opening it.
        if (file && file.version !== appVersion && appVersion !== 'dev') {
          sessionStorage.setItem(CLAIM_FLAG, '1');
          self.lost('reload');
          location.reload();
          return;
        }
        notifyApp();
      }, function (e) { console.error('seimbang: taking over failed', e); self.state = 'elsewhere'; notifyApp(); });
      notifyApp();
    }
  };

  function notifyApp() {
    if (Module['_seimbang_ownership_changed'] && Module['calledRun']) Module['_seimbang_ownership_changed']();
  }

  if (channel) channel.onmessage = function (e) {
    var m = e.data || {};
    if (m.tab === tabId) return;
    if (m.type === 'release') owner.handOver();
    else if (m.type === 'who' && owner.state === 'owner') channel.postMessage({ type: 'owner', tab: tabId });
    else if (m.type === 'owned' && owner.state === 'owner' && m.epoch > store.epoch) owner.lost('stolen');
    // Two tabs claimed at once: the later click asks the new owner to hand over too.
    else if (m.type === 'owned' && owner.state === 'claiming') channel.postMessage({ type: 'release', tab: tabId });
  };

  Module['preRun'] = Module['preRun'] || [];
  Module['preRun'].push(function () {
    FS.mkdir(DIR);
    dataDir = FS.lookupPath(DIR).node;
    trackWrites();
    addRunDependency('seimbang-store');
    var t0 = performance.now();
    var done = function () {
      Module['seimbangLoadMs'] = performance.now() - t0;
      removeRunDependency('seimbang-store');
    };
    idbOpen().then(function (db) {
      store.idb = db;
      db.onversionchange = function () { db.close(); };
      return owner.start();
    }).then(done, function (e) {
      // No IndexedDB (storage refused): usable for this visit, nothing is kept.
      console.error('seimbang: local storage unavailable', e);
      store.error = String(e);
      owner.state = 'owner';
      done();
    });
  });
})();

// --- the second module (docs/CLIENT.md "Two modules") -----------------------------
// The build splits the wasm by a profile of a first visit's start (split.mjs):
// seimbang-web.wasm holds what runs up to and on the first frame (the sign-in
// form), seimbang-web.deferred.wasm the rest (SQLite, every screen past Masuk).
// Each function of the second is a placeholder in the first's table until the
// second is instantiated, which writes the real functions over them.
//   first visit: the second is downloaded while the first frame is prepared and
//     instantiated right after it; then the App opens (main.cpp: the sign-in
//     form's button waits, the first frame does not);
//   from the service worker's cache: both before main(), as one module was.
// A placeholder called before the second is in (a path the profile did not see)
// fetches and compiles it synchronously, and says so on the console.
(function () {
  var url = typeof SEIMBANG_DEFERRED === 'string' ? SEIMBANG_DEFERRED : '';
  // split.mjs's profile run: the second module never comes (there is none), the
  // page stays where a first visit is until it arrives.
  var profiling = typeof window === 'object' && !!window['SEIMBANG_SPLIT_PROFILE'];
  var split = Module['seimbangSplit'] = {
    url: url, ready: !url && !profiling, primary: null, bytes: null, buffer: null, loading: null, late: [],
    table: function () {
      for (var k in split.primary) if (split.primary[k] instanceof WebAssembly.Table) return split.primary[k];
      throw new Error('seimbang: the first module exports no table');
    },
    // Downloads the second module (once); resolves to its bytes.
    fetch: function () {
      if (!split.bytes) {
        split.bytes = fetch(url, { credentials: 'same-origin' }).then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status + ' ' + url);
          return r.arrayBuffer();
        }).then(function (buf) { split.buffer = buf; return buf; });
        // (A failure before the first frame is handled there, by load()'s retry.)
        split.bytes.catch(function () {});
      }
      return split.bytes;
    },
    // Downloads and instantiates the second module against the first's exports.
    load: function () {
      if (!split.loading) split.loading = split.fetch().then(function (buf) {
        return WebAssembly.instantiate(buf, { 'primary': split.primary });
      }).then(function () {
        split.ready = true;
        if (performance.mark) performance.mark('seimbang-split-ready');
      });
      return split.loading;
    },
    // The first frame is on screen: the second module now (a first visit). A
    // mobile link that drops is retried (2 s, 4 s, … at most 30 s apart): the
    // sign-in form stays usable meanwhile, its button waiting.
    afterFirstFrame: function () {
      if (split.ready || profiling || !url) return;
      var tries = 0;
      var attempt = function () {
        split.load().then(function () {
          Module.ccall('seimbang_split_loaded', null, [], []);
        }, function (e) {
          console.warn('seimbang: second module: ' + e + ' (retrying)');
          split.loading = null;
          split.bytes = null;
          setTimeout(attempt, Math.min(30000, 2000 * ++tries));
        });
      };
      attempt();
    },
    // A placeholder was called before the second module arrived.
    now: function (index, args) {
      if (!split.ready) {
        split.late.push(index);
        console.warn('seimbang: function ' + index + ' called before the second module arrived');
        if (!url) throw new Error('seimbang: no second module for function ' + index);
        var b = split.buffer;  // downloaded already: compile it, else fetch it now
        if (!b) {
          var x = new XMLHttpRequest();
          x.open('GET', url, false);
          x.overrideMimeType('text/plain; charset=x-user-defined');
          x.send(null);
          if (x.status !== 200) throw new Error('seimbang: second module HTTP ' + x.status);
          var t = x.responseText;
          b = new Uint8Array(t.length);
          for (var i = 0; i < t.length; i++) b[i] = t.charCodeAt(i) & 0xff;
        }
        new WebAssembly.Instance(new WebAssembly.Module(b), { 'primary': split.primary });
        split.ready = true;
        setTimeout(function () { Module.ccall('seimbang_split_loaded', null, [], []); }, 0);
      }
      return split.table().get(+index).apply(null, args);
    }
  };
  var instantiate = Module['instantiateWasm'];
  if (!instantiate) return;
  Module['instantiateWasm'] = function (imports, done) {
    // The placeholders' import namespace: split.mjs's --placeholder-namespace=p
    // (one letter: the name is repeated in each of ~2,000 imports of the first
    // module, 22 KB raw, ~0.5 KB Brotli, as binaryen's default "placeholder").
    imports['p'] = new Proxy({}, {
      get: function (target, index) { return function () { return split.now(index, arguments); }; }
    });
    return instantiate(imports, function (instance, module) {
      split.primary = instance.exports;
      if (split.ready || profiling) return done(instance, module);
      // From the service worker's cache: the bytes are local, load both before main().
      if ('serviceWorker' in navigator && navigator.serviceWorker.controller) {
        return split.load().then(function () { done(instance, module); }, function (e) {
          if (Module['onAbort']) Module['onAbort']('second module: ' + e);
        });
      }
      // A first visit: download it now (beside main() and the first frame's
      // work), instantiate it after the first frame.
      split.fetch();
      done(instance, module);
    });
  };
})();

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
// The UI thread's longest frame() since the last call, frames drawn and skipped (bench/web/rekom.mjs).
Module['seimbangFrameStats'] = function () {
  return JSON.parse(Module.ccall('seimbang_frame_stats', 'string', [], []));
};
Module['seimbangFind'] = function (kind, key) {
  var s = Module.ccall('seimbang_find_json', 'string', ['string', 'string'], [kind, key]);
  return s ? JSON.parse(s) : null;
};
