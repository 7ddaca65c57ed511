// Buttons with data-confirm ask before their form is sent.
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const message = button && button.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// A button with data-copy="<input id>" copies that input's text (a feedback link).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  const input = button && document.getElementById(button.dataset.copy);
  if (!input) {
    return;
  }
  input.select();
  if (navigator.clipboard) {
    navigator.clipboard.writeText(input.value);
  } else {
    document.execCommand("copy");
  }
});
