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

// Lookup fields (core/forms.py LookupField): a search box whose suggestions the app serves
// (data-lookup: a URL answering ?q= with [{id, label}]). Choosing a suggestion puts its id in
// the hidden input before the box, or for several adds a ticked box and clears the search.
// What is typed and not chosen is resolved by the server when the form is sent.
document.querySelectorAll("input[data-lookup]").forEach((input) => {
  const list = document.getElementById(input.getAttribute("list"));
  const multiple = input.dataset.lookupMultiple === "1";
  const hidden = multiple ? null : input.previousElementSibling;
  const chosen = multiple ? input.parentElement.querySelector("[data-lookup-chosen]") : null;
  let known = new Map();
  let timer = null;
  let asked = "";

  const choose = (id, label) => {
    if (!multiple) {
      hidden.value = id;
      return;
    }
    if (!chosen.querySelector(`input[value="${id}"]`)) {
      const row = document.createElement("div");
      row.className = "form-check";
      const box = document.createElement("input");
      Object.assign(box, { type: "checkbox", name: input.dataset.lookupName, value: id, checked: true });
      box.className = "form-check-input";
      box.id = `${input.id}-${id}`;
      const text = document.createElement("label");
      text.className = "form-check-label";
      text.htmlFor = box.id;
      text.textContent = label;
      row.append(box, text);
      chosen.append(row);
    }
    input.value = "";
  };

  const suggest = async () => {
    const text = input.value.trim();
    if (!text || text === asked) {
      return;
    }
    asked = text;
    const url = new URL(input.dataset.lookup, window.location.href);
    url.searchParams.set("q", text);
    const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!response.ok || input.value.trim() !== text) {
      return;
    }
    const found = await response.json();
    known = new Map(found.map((item) => [item.label, String(item.id)]));
    if (known.has(input.value)) {
      choose(known.get(input.value), input.value); // the whole label was typed or pasted
      return;
    }
    list.replaceChildren(
      ...found.map((item) => {
        const option = document.createElement("option");
        option.value = item.label;
        return option;
      }),
    );
  };

  input.addEventListener("input", () => {
    const id = known.get(input.value);
    if (id !== undefined) {
      choose(id, input.value);
      return;
    }
    if (hidden) {
      hidden.value = "";
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(suggest, 150);
  });
});
