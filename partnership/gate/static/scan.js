// The gate's scan page: reads badges' QR codes from the camera continuously (the browser's
// BarcodeDetector where it exists, otherwise jsQR served from the package) or from a photo,
// and opens the gate pass a badge names. Only this site's /pass/ links are followed.
(function () {
  "use strict";
  var video = document.getElementById("gate-video");
  var canvas = document.getElementById("gate-canvas");
  var status = document.getElementById("gate-status");
  var photo = document.getElementById("gate-photo");
  if (!video || !canvas || !status) return;
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var detector = null;
  var opening = false;

  function say(key) { status.textContent = status.dataset[key] || ""; }

  function passUrl(text) {
    try {
      var url = new URL(text, window.location.href);
      if (url.origin === window.location.origin && /^\/pass\/[A-Za-z0-9_-]+$/.test(url.pathname)) return url.href;
    } catch (e) { /* not a URL */ }
    return null;
  }

  function found(text) {
    if (opening || text === null || text === undefined) return false;
    var url = passUrl(text);
    if (!url) { say("notABadge"); return false; }
    opening = true;
    say("opening");
    window.location.assign(url);
    return true;
  }

  function decodeSource(source, width, height, useDetector) {
    if (useDetector && detector) {
      return detector.detect(source).then(function (codes) {
        return codes.length ? codes[0].rawValue : null;
      });
    }
    canvas.width = width;
    canvas.height = height;
    context.drawImage(source, 0, 0, width, height);
    var image = context.getImageData(0, 0, width, height);
    var code = window.jsQR ? window.jsQR(image.data, width, height, { inversionAttempts: "dontInvert" }) : null;
    return Promise.resolve(code ? code.data : null);
  }

  function scanFrame() {
    if (opening) return;
    if (video.readyState >= 2 && video.videoWidth) {
      decodeSource(video, video.videoWidth, video.videoHeight, true).then(function (text) {
        if (!found(text)) window.setTimeout(scanFrame, 150);
      }, function () { window.setTimeout(scanFrame, 300); });
    } else {
      window.setTimeout(scanFrame, 150);
    }
  }

  function startCamera() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { say("noCamera"); return; }
    say("starting");
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (stream) {
      video.srcObject = stream;
      return video.play();
    }).then(function () { say("looking"); scanFrame(); }, function () { say("noCamera"); });
  }

  function readPhoto() {
    var file = photo.files && photo.files[0];
    if (!file) return;
    var reader = new FileReader();  // a data: URL, which the page's CSP (img-src 'self' data:) lets in
    reader.onload = function () {
      var image = new Image();
      image.onload = function () {
        var scale = Math.min(1, 1600 / Math.max(image.naturalWidth, image.naturalHeight));
        var width = Math.round(image.naturalWidth * scale), height = Math.round(image.naturalHeight * scale);
        // A still photo: jsQR reads the scaled copy wherever the page runs.
        decodeSource(image, width, height, false).then(function (text) {
          if (text === null) say("notABadge"); else found(text);
        });
      };
      image.src = reader.result;
    };
    reader.readAsDataURL(file);
  }

  if ("BarcodeDetector" in window) {
    try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) { detector = null; }
  }
  if (photo) photo.addEventListener("change", readPhoto);
  startCamera();
})();
