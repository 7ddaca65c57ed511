// A job's page: ask for its state every second while it runs, move the bar, and once the file is
// ready show the button and start the download. Without JavaScript the page shows the state at
// load; reloading it shows the state now.
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status]");
  if (!box || !window.fetch) { return; }
  var label = box.querySelector("[data-job-label]");
  var progress = box.querySelector("[data-job-progress]");
  var bar = progress && progress.querySelector(".progress-bar");
  var error = box.querySelector("[data-job-error]");
  var download = box.querySelector("[data-job-download]");

  function show(status) {
    box.setAttribute("data-job-state", status.state);
    label.textContent = status.label;
    progress.setAttribute("aria-valuenow", String(status.progress));
    bar.style.width = status.progress + "%";
    bar.textContent = status.progress + "%";
    var active = status.state === "pending" || status.state === "running";
    progress.classList.toggle("d-none", !active);
    if (status.error) {
      error.textContent = status.error;
      error.classList.remove("d-none");
    }
    if (status.download_url) {
      download.href = status.download_url;
      download.classList.remove("d-none");
    }
    return active;
  }

  function poll() {
    fetch(box.getAttribute("data-job-status"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (status) {
        if (show(status)) {
          window.setTimeout(poll, 1000);
        } else if (status.download_url) {
          window.location.assign(status.download_url);
        } else if (status.state === "failed") {
          window.location.reload(); // the page offers to try again
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  var state = box.getAttribute("data-job-state");
  if (state === "pending" || state === "running") { window.setTimeout(poll, 1000); }
})();
