// Participant import: send the file with XMLHttpRequest to show upload progress.
// Without JavaScript the form posts as usual; the server answers the same either way.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
  var box = document.getElementById(form.getAttribute("data-progress"));
  var bar = box && box.querySelector(".progress-bar");

  function show(percent, text) {
    box.classList.remove("d-none");
    box.setAttribute("aria-valuenow", String(percent));
    bar.style.width = percent + "%";
    bar.textContent = text || percent + "%";
  }

  form.addEventListener("submit", function (event) {
    if (!box || !bar) { return; }
    event.preventDefault();
    var submit = form.querySelector("[type=submit]");
    if (submit) { submit.disabled = true; }
    show(0);
    var request = new XMLHttpRequest();
    request.open("POST", form.getAttribute("action") || window.location.href);
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { show(Math.round((e.loaded / e.total) * 100)); }
    });
    request.upload.addEventListener("load", function () {
      show(100, box.getAttribute("data-checking"));
      bar.classList.add("progress-bar-striped", "progress-bar-animated");
    });
    request.addEventListener("load", function () {
      // Success redirects to the preview (XMLHttpRequest followed it): go there.
      // A refused file comes back as the form with its message: show that page.
      if (request.responseURL && request.responseURL !== window.location.href && request.status < 400) {
        window.location.assign(request.responseURL);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () { form.submit(); });
    request.send(new FormData(form));
  });
})();
