// JavaScript side of the web platform layer (linked with --js-library): canvas
// sizing for high-DPI, the hidden <input> that brings up on-screen keyboards and
// IMEs, clipboard, touch, and the persistence requests of pre.js.
mergeInto(LibraryManager.library, {
  // The client's Web Workers (docs/CLIENT.md "Web Workers"), each started on
  // its first job: the planner (docs/PLANNER.md "In the web client";
  // client/platform/worker/plan_worker.cpp) and the XLSX reader (Impor;
  // xlsx_worker.cpp). The job's bytes are copied out of the heap and
  // transferred (no second copy); the answer's bytes come back into the named
  // C function (web_platform.cpp) with the job's id (the protocol's callbackId,
  // which the worker echoes), so answers to several jobs out at once reach their
  // own callers (app/plan_router.h); a worker that fails to load or crashes
  // answers id -1 with nothing (0 bytes) and is started afresh next time.
  // Messages follow Emscripten's -sBUILD_AS_WORKER protocol.
  $SeimbangWorkers: {},
  $seimbangWorkerPost__deps: ['$SeimbangWorkers', '$seimbangWorkerStart'],
  $seimbangWorkerPost: function (name, funcName, answeredName, id, ptr, len) {
    var W = SeimbangWorkers;
    if (!W[name]) seimbangWorkerStart(name, answeredName);
    var bytes = HEAPU8.slice(ptr, ptr + len);
    W[name].postMessage({ 'funcName': funcName, 'callbackId': id, 'data': bytes }, [bytes.buffer]);
  },
  $seimbangWorkerStart__deps: ['$SeimbangWorkers', 'malloc', 'free'],
  $seimbangWorkerStart: function (name, answeredName) {
    var W = SeimbangWorkers;
    function answer(w, id, data) {
      if (W[name] !== w) return;  // cancelled meanwhile
      var n = data && data.length ? data.length : 0, p = n ? _malloc(n) : 0;
      if (n) HEAPU8.set(data, p);
      Module['ccall'](answeredName, null, ['number', 'number', 'number'], [id, p, n]);
      if (p) _free(p);
    }
    if (!W[name]) {
      var url = (typeof SEIMBANG_WORKERS !== 'undefined' && SEIMBANG_WORKERS[name]) || ('seimbang-' + name + '-worker.js');
      var w = new Worker(url);
      w.onmessage = function (msg) { answer(w, msg.data ? msg.data['callbackId'] : -1, msg.data && msg.data['data']); };
      w.onerror = function (e) {
        if (e && e.preventDefault) e.preventDefault();
        answer(w, -1, null);
        if (W[name] === w) { w.terminate(); W[name] = null; }
      };
      W[name] = w;
      Module.seimbangWorkerUrls = Module.seimbangWorkerUrls || {};
      Module.seimbangWorkerUrls[name] = url;  // for the browser tests
      if (name === 'plan') Module.seimbangPlanWorkerUrl = url;
    }
  },
  seimbang_js_plan_post__deps: ['$seimbangWorkerPost'],
  seimbang_js_plan_post: function (id, ptr, len) {
    seimbangWorkerPost('plan', 'seimbang_plan_solve', 'seimbang_plan_answered', id, ptr, len);
  },
  // Stops the solve in flight: the worker is terminated (its answer never
  // comes) and the next plan starts a new one.
  seimbang_js_plan_cancel__deps: ['$SeimbangWorkers'],
  seimbang_js_plan_cancel: function () {
    if (SeimbangWorkers['plan']) SeimbangWorkers['plan'].terminate();
    SeimbangWorkers['plan'] = null;
  },
  seimbang_js_xlsx_post__deps: ['$seimbangWorkerPost'],
  seimbang_js_xlsx_post: function (ptr, len) {
    seimbangWorkerPost('xlsx', 'seimbang_xlsx_read', 'seimbang_xlsx_answered', 0, ptr, len);
  },
  // The workers the signed-in role's features use ('plan,xlsx', '' for none;
  // main.cpp, at each change): the service worker caches only those for offline
  // use (index.html Module.onSeimbangStage, sw.js STAGE).
  seimbang_js_stage_workers: function (csv_ptr) {
    var names = UTF8ToString(csv_ptr).split(',').filter(function (n) { return n !== ''; });
    Module.seimbangWantedWorkers = names;  // for the browser tests
    if (names.length && Module.onSeimbangStage) Module.onSeimbangStage(names);
  },
  // A report for the person (Evaluasi "Unduh"): the bytes C++ wrote to the
  // in-memory file system become a Blob behind a download link. The last one is
  // noted on Module for the browser tests.
  seimbang_js_save_file: function (name_ptr, mime_ptr) {
    var name = UTF8ToString(name_ptr), mime = UTF8ToString(mime_ptr);
    var bytes = Module['FS'].readFile('/tmp/seimbang-download');
    Module['FS'].unlink('/tmp/seimbang-download');
    var url = URL.createObjectURL(new Blob([bytes], { type: mime }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    Module.seimbangLastDownload = { name: name, mime: mime, size: bytes.length };
  },
  // Documents for a transfer request: the browser's file chooser. The bytes go to
  // the in-memory file system and C++ reads them (seimbang_file_picked); the app
  // judges type (by content) and size before anything is stored. A file over
  // max_bytes is never read (a phone's memory): only its name and size go over.
  seimbang_js_pick_file: function (max_bytes, accept_ptr) {
    var accept = UTF8ToString(accept_ptr);
    var input = document.createElement('input');
    input.type = 'file';
    input.id = 'seimbang-file';
    input.accept = accept || '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
    input.style.cssText = 'position:fixed;left:-1000px;top:0;width:1px;height:1px;opacity:0;';
    input.addEventListener('change', function () {
      var f = input.files && input.files[0];
      input.remove();
      if (!f) return;
      if (f.size > max_bytes) {
        Module.ccall('seimbang_file_picked', null, ['string', 'number'], [f.name, f.size]);
        return;
      }
      f.arrayBuffer().then(function (buf) {
        Module['FS'].writeFile('/tmp/seimbang-picked', new Uint8Array(buf));
        Module.ccall('seimbang_file_picked', null, ['string', 'number'], [f.name, buf.byteLength]);
      });
    });
    var old = document.getElementById('seimbang-file');
    if (old) old.remove();
    document.body.appendChild(input);
    input.click();
  },
  // The canvas's CSS size: its container's, except that it follows the visual
  // viewport when an on-screen keyboard shrinks that (the layout viewport keeps
  // its height, the keyboard covers its lower part): the canvas then takes the
  // visible part and moves with it, and main.cpp scrolls the active field into
  // view. Not while pinch-zoomed (scale > 1): the layout stays as it is.
  seimbang_js_touch: function () { return Module.seimbangTouch ? 1 : 0; },
  seimbang_js_viewport: function (out) {
    var c = Module['canvas'];
    var w = c.parentElement ? c.parentElement.clientWidth : window.innerWidth;
    var h = c.parentElement ? c.parentElement.clientHeight : window.innerHeight;
    var vv = window.visualViewport, top = 0;
    if (vv && Math.abs(vv.scale - 1) < 0.01 && vv.height > 100 && vv.height < h - 1) {
      h = Math.floor(vv.height);
      top = Math.max(0, Math.round(vv.offsetTop));
    }
    var mt = top ? top + 'px' : '';
    if (c.style.marginTop !== mt) c.style.marginTop = mt;
    HEAPF32[out >> 2] = w || window.innerWidth;
    HEAPF32[(out >> 2) + 1] = h || window.innerHeight;
    HEAPF32[(out >> 2) + 2] = window.devicePixelRatio || 1;
  },
  seimbang_js_set_canvas: function (bw, bh, cw, ch) {
    var c = Module['canvas'];
    c.width = bw; c.height = bh;
    c.style.width = cw + 'px'; c.style.height = ch + 'px';
  },
  seimbang_js_setup: function () {
    var canvas = Module['canvas'];
    // Sync does not wait for a frame: the `online` event starts a run at once, and
    // while the tab is hidden (no animation frames) a timer keeps the queue moving.
    window.addEventListener('online', function () { Module['_seimbang_sync_poll'](); });
    setInterval(function () { if (document.hidden) Module['_seimbang_sync_poll'](); }, 15000);
    // Touch: GLFW's emulation presses the button at the last mouse position. Move the
    // pointer to the finger first (capture on window runs before the canvas
    // listeners); the C side delays the press by a frame when the position jumped.
    function touchPos(e) {
      var t = e.changedTouches && e.changedTouches[0];
      if (!t) return;
      var r = canvas.getBoundingClientRect();
      Browser.mouseX = (t.clientX - r.left) * (canvas.width / r.width);
      Browser.mouseY = (t.clientY - r.top) * (canvas.height / r.height);
    }
    // Whether the press in progress came from a finger (touch_scroll.h: a finger's
    // drag scrolls; a mouse's does not).
    window.addEventListener('pointerdown', function (e) { Module.seimbangTouch = e.pointerType === 'touch'; },
                            { capture: true, passive: true });
    ['touchstart', 'touchmove', 'touchend'].forEach(function (n) {
      window.addEventListener(n, function (e) { if (e.target === canvas) touchPos(e); }, { capture: true, passive: true });
    });
    canvas.addEventListener('touchstart', function (e) { e.preventDefault(); }, { passive: false });
    canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });

    // Hidden input: focused while ImGui edits text, so phones show their keyboard and
    // IMEs compose. Physical keys still reach GLFW (listeners on window); only what
    // arrives without a real key code (229: virtual keyboards, IME) is forwarded here.
    // It sits under the pointer (IME windows open there) but must never be hit by
    // it: GLFW drops a mouse release whose target is not the canvas, so the button
    // stayed down after clicking into a text field and the next click was lost.
    var ime = document.createElement('input');
    ime.id = 'seimbang-ime';
    ime.setAttribute('autocomplete', 'off');
    ime.setAttribute('autocapitalize', 'off');
    ime.setAttribute('spellcheck', 'false');
    ime.setAttribute('aria-hidden', 'true');
    ime.style.cssText =
      'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;border:0;padding:0;font-size:16px;pointer-events:none;';
    document.body.appendChild(ime);
    Module['seimbangIme'] = ime;
    var virtualKey = false;
    ime.addEventListener('keydown', function (e) { virtualKey = (e.keyCode === 229 || e.key === 'Unidentified'); }, true);
    function sendText(s) {
      if (!s) return;
      Module.ccall('seimbang_add_input_chars', null, ['string'], [s]);
    }
    ime.addEventListener('input', function (e) {
      if (virtualKey && !e.isComposing) {
        if (e.inputType === 'deleteContentBackward') Module.ccall('seimbang_key_tap', null, ['number'], [259]);
        else if (e.inputType !== 'insertCompositionText') sendText(e.data);
      }
      if (!e.isComposing) ime.value = '';
    });
    ime.addEventListener('compositionend', function (e) { sendText(e.data); ime.value = ''; });
    // Focus must be taken inside the user gesture for mobile keyboards to open.
    // The keyboard's type (inputmode) is set before the focus: phones read it when
    // the keyboard opens.
    canvas.addEventListener('pointerup', function () {
      if (Module.ccall('seimbang_wants_text_input', 'number', [], [])) {
        ime.inputMode = SEIMBANG_INPUT_MODES[Module.ccall('seimbang_keyboard', 'number', [], [])] || 'text';
        ime.focus({ preventScroll: true });
      }
    });

    // Clipboard: ImGui reads the last pasted text; the paste event fires right after
    // the Ctrl+V keydown, before the frame that handles the shortcut.
    document.addEventListener('paste', function (e) {
      var text = (e.clipboardData || window.clipboardData).getData('text');
      Module.ccall('seimbang_on_paste', null, ['string'], [text || '']);
      e.preventDefault();
    });
  },
  // ui::Keyboard → inputmode of the hidden input: the phone's keyboard for the
  // active field (digits for a NIP, a decimal comma for volumes).
  $SEIMBANG_INPUT_MODES: ['text', 'numeric', 'decimal'],
  seimbang_js_setup__deps: ['$SEIMBANG_INPUT_MODES'],
  seimbang_js_text_input__deps: ['$SEIMBANG_INPUT_MODES'],
  seimbang_js_text_input: function (active, x, y, keyboard) {
    var ime = Module['seimbangIme'];
    if (!ime) return;
    if (active) {
      ime.style.left = Math.max(0, x) + 'px';
      ime.style.top = Math.max(0, y) + 'px';
      // (Not blurred and focused again for a new type: outside a tap, a phone
      // would close its keyboard and not open it again.)
      ime.inputMode = SEIMBANG_INPUT_MODES[keyboard] || 'text';
      if (document.activeElement !== ime) ime.focus({ preventScroll: true });
    } else if (document.activeElement === ime) {
      ime.blur();
    }
  },
  seimbang_js_clipboard_set: function (text) {
    var s = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(s).catch(function () {});
  },
  seimbang_js_persist_request: function (now) { Module['seimbangStore'].request(now); },
  // Ownership of the local database (pre.js): 0 deciding, 1 owner, 2 another tab
  // owns, 3 claiming, 4 handing over, 5 handed over, 6 taken over.
  seimbang_js_owner_state: function () {
    var o = Module['seimbangOwner'];
    switch (o.state) {
      case 'owner': return 1;
      case 'elsewhere': return 2;
      case 'claiming': return 3;
      case 'releasing': return 4;
      case 'lost': return o.reason === 'stolen' ? 6 : 5;
      default: return 0;
    }
  },
  seimbang_js_claim_here: function () { Module['seimbangOwner'].claimHere(); },
  // The number of the running flush (1, 2, …), 0 when none runs.
  seimbang_js_persist_flushing: function () { var s = Module['seimbangStore']; return s.flushing ? s.started : 0; },
  // The flush that holds everything committed so far (pre.js flushes one at a
  // time, in order), and the last one completed.
  seimbang_js_persist_ticket: function () {
    var s = Module['seimbangStore'];
    if (s.dirtyCount || s.timer) return s.started + 1;
    return s.flushing ? s.started : s.completed;
  },
  seimbang_js_persisted_ticket: function () { return Module['seimbangStore'].completed; },
  seimbang_js_persist_idle: function () { return Module['seimbangStore'].idle() ? 1 : 0; },
  // 0: none, 1: the last flush failed, 2: it failed because the storage is full.
  seimbang_js_persist_error: function () {
    var s = Module['seimbangStore'];
    return s.error ? (s.errorQuota ? 2 : 1) : 0;
  },
  seimbang_js_online: function () { return navigator.onLine ? 1 : 0; },
  // Called from the second frame on: the first call records the first frame
  // (hides the page's loading screen, asks for the second module); `ready` once
  // both modules are in and the app drew two frames (tests, service worker).
  seimbang_js_first_frame: function (ready) {
    if (!Module['seimbangFirstFrameMs']) {
      Module['seimbangFirstFrameMs'] = performance.now();
      if (performance.mark) performance.mark('seimbang-first-frame');
      var l = document.getElementById('loading');
      if (l) l.style.display = 'none';
      if (Module['seimbangSplit']) Module['seimbangSplit'].afterFirstFrame();
    }
    if (!ready || Module['seimbangReady']) return;
    Module['seimbangReady'] = true;
    if (performance.mark) performance.mark('seimbang-ready');
    if (Module['onSeimbangReady']) Module['onSeimbangReady']();
  },
  // 1 once the second module is in (or the build has only one).
  seimbang_js_split_ready: function () {
    var s = Module['seimbangSplit'];
    return !s || s.ready ? 1 : 0;
  },
});
