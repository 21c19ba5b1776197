// LORforge: small progressive enhancements. Every page works without this file.
"use strict";

// Copy buttons: <button data-copy="#element-id">Copy</button>
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  if (!source) return;
  const text = source.value !== undefined && source.tagName !== "DIV" ? source.value : source.innerText;
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch (error) {
    // Clipboard blocked (http, old browser): select the text so a long-press copies it.
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    button.textContent = "Selected: copy it";
  }
  setTimeout(() => { button.textContent = label; }, 2000);
});

// Live coaching while a story is typed: the hint under the box, and suggested qualities
// ticked until the applicant chooses their own.
function debounce(fn, wait) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), wait); };
}

document.querySelectorAll("form[data-coach]").forEach((form) => {
  const text = form.querySelector("textarea[name=text]");
  const hint = form.querySelector(".coach-hint");
  const boxes = Array.from(form.querySelectorAll("input[name=qualities]"));
  if (!text || !hint) return;
  let chosenByHand = boxes.some((box) => box.checked);
  boxes.forEach((box) => box.addEventListener("change", () => { chosenByHand = true; }));
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const check = debounce(async () => {
    if (text.value.trim().length < 8) { hint.hidden = true; return; }
    const body = new URLSearchParams({ text: text.value });
    try {
      const response = await fetch(form.dataset.coach, {
        method: "POST", body, headers: { "X-CSRFToken": token }, credentials: "same-origin",
      });
      if (!response.ok) return;
      const verdict = await response.json();
      hint.textContent = verdict.hint;
      hint.classList.toggle("is-specific", verdict.specific);
      hint.hidden = false;
      if (!chosenByHand) boxes.forEach((box) => { box.checked = verdict.qualities.includes(box.value); });
    } catch (error) { /* offline: the server still coaches on save */ }
  }, 400);
  text.addEventListener("input", check);
});

// Folded panels that a laptop has room for open by themselves (the evidence filters); a phone keeps
// them folded until asked for.
if (window.matchMedia("(min-width: 760px)").matches) {
  document.querySelectorAll("details[data-open-wide]").forEach((details) => { details.open = true; });
}
