/* Myelopathy Guide: the symptom diary, a private tracker.
   Day by day the reader scores hands, walking, balance, bladder and pain from 0 (no problem) to 4
   (very bad), with a note. Entries are kept in this browser only (localStorage); nothing is sent
   anywhere. The page shows a chart of the last 6 weeks and the entries, shows the site's help wording
   when scores rise (urgent for hands, walking or balance; emergency for the bladder, as on every
   page), exports a CSV file, deletes everything, and prints a one-page summary for the appointment
   with the questions ticked on "Questions to ask". Help wording comes from the build
   (reader-tools-data.js, via reader-tools.js). No inline code: the Content-Security-Policy forbids it. */
(function () {
  var root = document.querySelector("[data-mg-diary]");
  if (!root || !window.mgEl) return;
  var t = window.mgT || function (s) { return s; };
  /* A translated sentence with its {placeholders} filled in (one pass: a value is never read again). */
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? String(values[key]) : all; });
  }
  /* The end of a help level's lead-in (" Do this if:", ", if:"), removed to make it a sentence. */
  function escapeRe(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  var DO_THIS_IF = new RegExp(" " + escapeRe(t("Do this if:")) + "$");
  var IF = new RegExp(",? " + escapeRe(t("if:")) + "$");
  var KEY = "mg-diary-v1";
  var QUESTIONS = "mg-questions-v1";
  var DAYS = 42;
  var RISE = 2;
  var MEASURES = [
    { id: "hands", label: t("Hands"), hint: t("buttons, writing, holding things"), colour: "#005eb8", dash: "" },
    { id: "walking", label: t("Walking"), hint: t("distance, stiffness, heavy legs"), colour: "#b3261e", dash: "8 4" },
    { id: "balance", label: t("Balance"), hint: t("feeling unsteady, falls"), colour: "#007f3b", dash: "2 4" },
    { id: "bladder", label: t("Bladder"), hint: t("rushing, leaks, trouble starting"), colour: "#7c2855", dash: "12 4 2 4" },
    { id: "pain", label: t("Pain"), hint: t("neck, arms, back or legs"), colour: "#212b32", dash: "4 2" }
  ];
  var SCALE = [t("None"), t("Slight"), t("Moderate"), t("Bad"), t("Very bad")];
  var help = null;

  var el = window.mgEl;
  function svg(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }
  function iso(date) {
    var m = date.getMonth() + 1, d = date.getDate();
    return date.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (d < 10 ? "0" : "") + d;
  }
  function day(text) {
    var p = text.split("-");
    return new Date(+p[0], +p[1] - 1, +p[2]);
  }
  function daysBetween(a, b) {
    return Math.round((day(b) - day(a)) / 86400000);
  }
  /* Dates in the page's language: 4 March 2026 on English pages, 4 de marzo de 2026 on Spanish ones. */
  var lang = document.documentElement.lang || "en";
  var LOCALE = /^en\b/i.test(lang) ? "en-GB" : lang;
  function longDate(text) {
    return day(text).toLocaleDateString(LOCALE, { day: "numeric", month: "long", year: "numeric" });
  }

  var storageWorks = true;
  function read(key) {
    try { return JSON.parse(window.localStorage.getItem(key)) || []; } catch (e) { return []; }
  }
  function entries() {
    return read(KEY).filter(function (e) { return e && /^\d{4}-\d{2}-\d{2}$/.test(e.date); })
      .sort(function (a, b) { return a.date < b.date ? -1 : 1; });
  }
  function save(list) {
    try { window.localStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { storageWorks = false; }
  }

  /* Which measures rose by RISE or more since an earlier entry within DAYS days of the latest. */
  function risen(list) {
    if (list.length < 2) return [];
    var last = list[list.length - 1];
    return MEASURES.filter(function (m) {
      if (m.id === "pain") return false;
      return list.some(function (e) {
        var gap = daysBetween(e.date, last.date);
        return gap >= 1 && gap <= DAYS && last[m.id] - e[m.id] >= RISE;
      });
    });
  }

  /* --- the form --- */
  var today = iso(new Date());
  var form = el("form", { class: "mg-diary__form", "aria-labelledby": "mg-diary-add" });
  form.appendChild(el("h3", { id: "mg-diary-add", text: t("Add an entry") }));
  var dateInput = el("input", { type: "date", name: "date", id: "mg-diary-date", value: today, max: today, required: "" });
  form.appendChild(el("p", {}, [el("label", { for: "mg-diary-date", text: t("Date") + " " }), dateInput]));
  MEASURES.forEach(function (m) {
    var set = el("fieldset", { class: "mg-diary__scale" }, [el("legend", {}, [el("strong", { text: m.label }), " (" + m.hint + ")"])]);
    SCALE.forEach(function (word, value) {
      var id = "mg-diary-" + m.id + "-" + value;
      var input = el("input", { type: "radio", name: m.id, value: String(value), id: id });
      if (value === 0) input.checked = true;
      set.appendChild(el("span", { class: "mg-diary__option" }, [input, el("label", { for: id, text: value + " " + word })]));
    });
    form.appendChild(set);
  });
  var note = el("textarea", { name: "note", id: "mg-diary-note", rows: "3", maxlength: "500" });
  form.appendChild(el("p", {}, [el("label", { for: "mg-diary-note", text: t("Note (what you were doing, anything new)") }), el("br"), note]));
  form.appendChild(el("button", { type: "submit", class: "md-button", text: t("Save this day") }));
  var saved = el("p", { class: "mg-diary__saved", role: "status" });
  form.appendChild(saved);

  var alertBox = el("div", { class: "mg-diary__alert", role: "alert", hidden: "" });
  var chartWrap = el("section", { class: "mg-diary__chart", "aria-labelledby": "mg-diary-chart-title" });
  var tableWrap = el("section", { class: "mg-diary__entries", "aria-labelledby": "mg-diary-entries-title" });
  var actions = el("div", { class: "mg-diary__actions" });
  var printButton = el("button", { type: "button", class: "md-button", text: t("Print a summary for my appointment") });
  var exportButton = el("button", { type: "button", class: "md-button", text: t("Save a copy as a file") });
  var deleteButton = el("button", { type: "button", class: "md-button mg-diary__delete", text: t("Delete everything") });
  window.mgAppend(actions, [printButton, exportButton, deleteButton]);
  var summary = el("section", { class: "mg-diary__summary", "aria-hidden": "true" });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var date = dateInput.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date > today) {
      saved.textContent = t("Choose a date up to today.");
      return;
    }
    var entry = { date: date, note: note.value.trim().slice(0, 500) };
    MEASURES.forEach(function (m) {
      entry[m.id] = +form.querySelector("input[name=" + m.id + "]:checked").value;
    });
    var list = entries();
    var replaced = list.some(function (e) { return e.date === date; });
    list = list.filter(function (e) { return e.date !== date; });
    list.push(entry);
    save(list);
    saved.textContent = storageWorks
      ? fill(replaced ? t("Replaced your entry for {date}.") : t("Saved your entry for {date}."), { date: longDate(date) })
      : t("This browser is not letting the site keep anything, so the entry will be lost when you leave.");
    note.value = "";
    render();
  });

  exportButton.addEventListener("click", function () {
    var rows = [["date"].concat(MEASURES.map(function (m) { return m.id; }), ["note"])];
    entries().forEach(function (e) {
      rows.push([e.date].concat(MEASURES.map(function (m) { return String(e[m.id]); }), [e.note || ""]));
    });
    var csv = rows.map(function (row) {
      return row.map(function (cell) {
        /* a cell starting with = + - @ would run as a formula in a spreadsheet */
        var text = /^[=+\-@]/.test(cell) ? "'" + cell : cell;
        return '"' + text.replace(/"/g, '""') + '"';
      }).join(",");
    }).join("\r\n") + "\r\n";
    var url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
    var a = el("a", { href: url, download: "symptom-diary-" + today + ".csv" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  deleteButton.addEventListener("click", function () {
    if (!window.confirm(t("Delete every diary entry and every ticked question from this browser? This cannot be undone."))) return;
    try {
      window.localStorage.removeItem(KEY);
      window.localStorage.removeItem(QUESTIONS);
    } catch (e) { /* nothing was kept */ }
    saved.textContent = t("Everything is deleted from this browser.");
    render();
  });

  printButton.addEventListener("click", function () {
    buildSummary();
    document.body.classList.add("mg-print-summary");
    window.print();
  });
  window.addEventListener("afterprint", function () { document.body.classList.remove("mg-print-summary"); });

  /* --- what is shown --- */
  function showAlert(list) {
    var up = risen(list);
    alertBox.textContent = "";
    alertBox.hidden = !up.length || !help;
    if (alertBox.hidden) return;
    var bladder = up.some(function (m) { return m.id === "bladder"; });
    var level = bladder ? help.emergency : help.urgent;
    alertBox.className = "mg-diary__alert admonition mg-help " + (bladder ? "mg-help-emergency" : "mg-help-urgent");
    var names = up.map(function (m) { return m.label.toLowerCase(); }).join(", ");
    alertBox.appendChild(el("p", { class: "admonition-title", text: level.title }));
    alertBox.appendChild(el("p", { text: fill(t("Your diary shows these getting worse: {names}. Worse hands, walking, balance or bladder over days or weeks should not wait for your next appointment."),
      { names: names }) }));
    alertBox.appendChild(el("p", { text: level.action.replace(DO_THIS_IF, "").replace(IF, ".") }));
    alertBox.appendChild(el("p", {}, [el("a", { href: new URL(help.emergency.help_url, helpBase).href, text: t("More about when to get help") })]));
  }

  function chart(list) {
    chartWrap.textContent = "";
    chartWrap.appendChild(el("h3", { id: "mg-diary-chart-title", text: t("The last 6 weeks") }));
    var start = new Date(); start.setDate(start.getDate() - DAYS);
    var recent = list.filter(function (e) { return e.date >= iso(start); });
    if (!recent.length) {
      chartWrap.appendChild(el("p", { text: t("Your chart appears here once you save an entry.") }));
      return;
    }
    var W = 640, H = 240, L = 36, R = 10, T = 10, B = 30;
    var x = function (date) { return L + (W - L - R) * (daysBetween(iso(start), date) / DAYS); };
    var y = function (v) { return T + (H - T - B) * (1 - v / 4); };
    var box = svg("svg", { viewBox: "0 0 " + W + " " + H, class: "mg-diary__svg", role: "img",
      "aria-label": t("Chart of your scores over the last 6 weeks, from 0 (none) to 4 (very bad). The table below has the same figures.") });
    for (var v = 0; v <= 4; v++) {
      box.appendChild(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#d0d4d8", "stroke-width": 1 }));
      var label = svg("text", { x: L - 8, y: y(v) + 4, "text-anchor": "end", "font-size": 12, fill: "#212b32" });
      label.textContent = String(v);
      box.appendChild(label);
    }
    [iso(start), today].forEach(function (date, i) {
      var tick = svg("text", { x: i ? W - R : L, y: H - 8, "text-anchor": i ? "end" : "start", "font-size": 12, fill: "#212b32" });
      tick.textContent = longDate(date);
      box.appendChild(tick);
    });
    MEASURES.forEach(function (m) {
      var points = recent.map(function (e) { return x(e.date).toFixed(1) + "," + y(e[m.id]).toFixed(1); });
      box.appendChild(svg("polyline", { points: points.join(" "), fill: "none", stroke: m.colour, "stroke-width": 3,
        "stroke-dasharray": m.dash, "data-measure": m.id }));
      recent.forEach(function (e) {
        box.appendChild(svg("circle", { cx: x(e.date), cy: y(e[m.id]), r: 3.5, fill: m.colour }));
      });
    });
    chartWrap.appendChild(box);
    var legend = el("ul", { class: "mg-diary__legend" });
    MEASURES.forEach(function (m) {
      var swatch = svg("svg", { width: 36, height: 10, "aria-hidden": "true" });
      swatch.appendChild(svg("line", { x1: 0, x2: 36, y1: 5, y2: 5, stroke: m.colour, "stroke-width": 3, "stroke-dasharray": m.dash }));
      legend.appendChild(el("li", {}, [swatch, " " + m.label]));
    });
    chartWrap.appendChild(legend);
  }

  function entryTable(list, caption) {
    var table = el("table", { class: "mg-diary__table" });
    table.appendChild(el("caption", { text: caption }));
    table.appendChild(el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: t("Date") })].concat(
      MEASURES.map(function (m) { return el("th", { scope: "col", text: m.label }); }),
      [el("th", { scope: "col", text: t("Note") })]))]));
    var body = el("tbody");
    list.slice().reverse().forEach(function (e) {
      body.appendChild(el("tr", {}, [el("th", { scope: "row", text: longDate(e.date) })].concat(
        MEASURES.map(function (m) { return el("td", { text: e[m.id] + " " + SCALE[e[m.id]] }); }),
        [el("td", { text: e.note || "" })])));
    });
    table.appendChild(body);
    /* a wide table scrolls in its own box, which the keyboard can reach too */
    return el("div", { class: "md-typeset__scrollwrap", tabindex: "0", role: "region", "aria-label": caption }, [
      el("div", { class: "md-typeset__table" }, [table])
    ]);
  }

  function render() {
    var list = entries();
    showAlert(list);
    chart(list);
    tableWrap.textContent = "";
    tableWrap.appendChild(el("h3", { id: "mg-diary-entries-title", text: t("Your entries") }));
    if (!list.length) {
      tableWrap.appendChild(el("p", { text: t("No entries yet. They are kept in this browser only.") }));
    } else {
      tableWrap.appendChild(entryTable(list, t("Scores from 0 (none) to 4 (very bad), newest first")));
    }
    exportButton.disabled = printButton.disabled = !list.length;
  }

  function buildSummary() {
    var list = entries();
    var start = new Date(); start.setDate(start.getDate() - DAYS);
    var recent = list.filter(function (e) { return e.date >= iso(start); }).slice(-14);
    summary.textContent = "";
    summary.appendChild(el("h2", { text: t("My symptom diary: summary for my appointment") }));
    summary.appendChild(el("p", { text: fill(t("Printed on {date}."), { date: longDate(today) }) + " " + (recent.length
      ? fill(t("{count} entries from {first} to {last}."),
        { count: recent.length, first: longDate(recent[0].date), last: longDate(recent[recent.length - 1].date) })
      : t("No entries in the last 6 weeks.")) }));
    if (recent.length > 1) {
      var first = recent[0], last = recent[recent.length - 1];
      summary.appendChild(el("p", { text: fill(t("Change over this time (0 none to 4 very bad): {changes}."), { changes: MEASURES.map(function (m) {
        return fill(t("{measure} {first} to {last}"), { measure: m.label, first: first[m.id], last: last[m.id] });
      }).join("; ") }) }));
    }
    var up = risen(list);
    if (up.length) {
      summary.appendChild(el("p", {}, [el("strong", { text: fill(t("Getting worse: {names}."), { names: up.map(function (m) { return m.label.toLowerCase(); }).join(", ") }) })]));
    }
    if (recent.length) summary.appendChild(entryTable(recent, t("Scores from 0 (none) to 4 (very bad), newest first")));
    var questions = read(QUESTIONS);
    summary.appendChild(el("h3", { text: t("Questions I want to ask") }));
    if (questions.length) {
      summary.appendChild(el("ol", {}, questions.map(function (q) { return el("li", { text: q }); })));
    } else {
      summary.appendChild(el("p", { text: t("None ticked. You can tick questions on the Questions to ask page.") }));
    }
  }

  var helpBase = window.location.href;
  var fallback = root.querySelector("[data-mg-diary-paper]");
  if (fallback) fallback.hidden = true;
  window.mgAppend(root, [form, alertBox, chartWrap, tableWrap, actions, summary]);
  root.classList.add("mg-diary--ready");
  render();
  if (window.mgLoadTools) {
    window.mgLoadTools(function (data, base) { help = data; helpBase = base; render(); });
  }
})();
