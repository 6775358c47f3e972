/* Myelopathy Guide: on "Questions to ask", each question gets a tick box; the ticked ones are kept in
   this browser only (localStorage) and printed with the symptom diary's summary for the appointment.
   Nothing leaves the device. From a file: the Content-Security-Policy forbids inline scripts. */
(function () {
  var note = document.querySelector("[data-mg-questions]");
  var root = note && note.closest("article");
  if (!root) return;
  var KEY = "mg-questions-v1";
  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  var chosen = load();
  var items = root.querySelectorAll("ul > li");
  items.forEach(function (li, n) {
    var text = li.textContent.trim();
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = "mg-question-" + n;
    box.checked = chosen.indexOf(text) >= 0;
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.className = "mg-question";
    while (li.firstChild) label.appendChild(li.firstChild);
    li.appendChild(box);
    li.appendChild(label);
    li.classList.add("mg-question-item");
    box.addEventListener("change", function () {
      var now = load().filter(function (q) { return q !== text; });
      if (box.checked) now.push(text);
      try { window.localStorage.setItem(KEY, JSON.stringify(now)); } catch (e) { /* storage off: ticks last this visit */ }
    });
  });
  note.hidden = false;
})();
