// Settings: an empty time-zone field takes the browser's own zone (the applicant can still change it).
(function () {
  "use strict";
  function fill() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) { return; }
    document.querySelectorAll("input[data-browser-zone]").forEach(function (input) {
      if (!input.value) {
        input.value = zone;
        var note = document.getElementById(input.id + "-note");
        if (note) { note.textContent = "Filled in from this device: " + zone + ". Save to keep it."; }
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fill); } else { fill(); }
})();
