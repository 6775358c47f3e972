/* Myelopathy Guide: the symptom explorer.
   Turns the list of symptoms by body region ([data-mg-explorer], from the symptom_finder macro) into
   tick boxes. Ticking shows the conditions whose pages list those symptoms, most matches first, each
   with how urgent the ticked symptoms usually are and a link; an emergency symptom puts the emergency
   box at the top at once. The data (window.mgTools) is written by the build from the records, in
   assets/javascripts/reader-tools-data.js, loaded by reader-tools.js. Nothing the
   reader ticks is stored or sent anywhere. No inline code: the Content-Security-Policy forbids it. */
(function () {
  var root = document.querySelector("[data-mg-explorer]");
  if (!root || !window.mgEl) return;
  var base;
  var t = window.mgT || function (s) { return s; };
  /* A translated sentence with its {placeholders} filled in (one pass: a value is never read again). */
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? String(values[key]) : all; });
  }
  /* The end of the emergency lead-in (" if:"), replaced by a full stop to make it a sentence. */
  function escapeRe(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  var IF = new RegExp(" " + escapeRe(t("if:")) + "$");

  var el = window.mgEl;
  function link(url, text) {
    return el("a", { href: new URL(url, base).href, text: text });
  }

  function start(data) {
    var rank = {};
    data.urgency.forEach(function (term, i) { rank[term.id] = i; });
    var label = {};
    data.urgency.forEach(function (term) { label[term.id] = term.label; });

    var emergencyWhat = el("p");
    var emergency = el("div", { class: "admonition mg-help mg-help-emergency mg-explorer__emergency", role: "alert", hidden: "" }, [
      el("p", { class: "admonition-title", text: data.emergency.title }),
      emergencyWhat,
      el("p", { text: data.emergency.action.replace(IF, ".") }),
      el("p", {}, [link(data.emergency.help_url, t("Which signs need help straight away"))])
    ]);
    var note = el("p", { class: "mg-explorer__note" }, [
      el("strong", { text: t("This is not a diagnosis.") + " " }),
      document.createTextNode(t("Tick what you notice to see which pages on this site describe those symptoms. A page in the list does not mean you have that condition. Only a doctor who examines you can say what is causing your symptoms. What you tick stays on this device."))
    ]);
    var form = el("form", { class: "mg-explorer__form", "aria-label": t("Symptoms you notice") });
    data.regions.forEach(function (region) {
      var boxes = region.symptoms.map(function (id) {
        var input = el("input", { type: "checkbox", value: id, name: "symptom" });
        return el("label", { class: "mg-explorer__choice" }, [input, document.createTextNode(" " + data.symptoms[id].name)]);
      });
      form.appendChild(el("fieldset", {}, [el("legend", { text: region.label })].concat(boxes)));
    });
    var clear = el("button", { type: "reset", class: "md-button", text: t("Clear all ticks") });
    form.appendChild(clear);
    var status = el("p", { class: "mg-explorer__status", text: t("Nothing ticked yet.") });
    var list = el("ol", { class: "mg-explorer__results" });
    var results = el("section", { class: "mg-explorer__found", "aria-live": "polite", "aria-label": t("Pages to read") }, [
      el("h2", { text: t("Pages to read") }), status, list
    ]);

    function update() {
      var ticked = [];
      form.querySelectorAll("input:checked").forEach(function (i) { if (ticked.indexOf(i.value) < 0) ticked.push(i.value); });
      var urgent = ticked.filter(function (id) { return data.symptoms[id].urgency === "emergency"; });
      emergency.hidden = !urgent.length;
      emergencyWhat.textContent = fill(t("You ticked {names}. This can need help straight away, especially if it is new or came on suddenly."),
        { names: urgent.map(function (id) { return data.symptoms[id].name.toLowerCase(); }).join(", ") });
      list.textContent = "";
      if (!ticked.length) { status.textContent = t("Nothing ticked yet."); return; }
      var found = data.conditions.map(function (condition) {
        var matched = condition.symptoms.filter(function (id) { return ticked.indexOf(id) >= 0; });
        return { condition: condition, matched: matched };
      }).filter(function (f) { return f.matched.length; });
      /* most matches first; on a tie, the one whose matched symptoms are most urgent, then A to Z */
      found.forEach(function (f) {
        f.level = f.matched.reduce(function (best, id) {
          var level = data.symptoms[id].urgency;
          return rank[level] < rank[best] ? level : best;
        }, data.symptoms[f.matched[0]].urgency);
      });
      found.sort(function (a, b) {
        return b.matched.length - a.matched.length || rank[a.level] - rank[b.level] ||
          a.condition.name.localeCompare(b.condition.name);
      });
      status.textContent = found.length
        ? fill(found.length === 1 ? t("{count} condition page lists what you ticked, most matches first.")
          : t("{count} condition pages list what you ticked, most matches first."), { count: found.length })
        : t("No condition page lists what you ticked. The symptom pages below say what it can mean.");
      if (!emergency.hidden) {
        status.textContent = t("Something you ticked can need help straight away: read the red box above.") + " " + status.textContent;
      }
      found.forEach(function (f) {
        var worst = f.level;
        var names = f.matched.map(function (id) { return data.symptoms[id].name.toLowerCase(); }).join(", ");
        list.appendChild(el("li", { class: "mg-explorer__result" }, [
          el("p", { class: "mg-explorer__name" }, [link(f.condition.url, f.condition.name)]),
          el("p", { text: fill(t("Lists {count} of the {total} you ticked: {names}."), { count: f.matched.length, total: ticked.length, names: names }) }),
          el("p", { class: "mg-explorer__urgency mg-explorer__urgency--" + worst, text: fill(t("Usual urgency of what you ticked: {urgency}"), { urgency: label[worst] }) })
        ]));
      });
      var own = el("p", { class: "mg-explorer__own" }, [document.createTextNode(t("Pages on what you ticked:") + " ")]);
      ticked.forEach(function (id, i) {
        if (i) own.appendChild(document.createTextNode(", "));
        own.appendChild(link(data.symptoms[id].url, data.symptoms[id].name));
      });
      list.appendChild(el("li", { class: "mg-explorer__result mg-explorer__result--own" }, [own]));
    }
    /* a symptom felt in more than one region has a box in each: they tick together */
    form.addEventListener("change", function (event) {
      form.querySelectorAll("input[value='" + event.target.value + "']").forEach(function (i) { i.checked = event.target.checked; });
      update();
    });
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });

    var list0 = root.querySelector(".grid.cards");
    if (list0) list0.hidden = true;
    window.mgAppend(root, [emergency, note, form, results]);
    root.classList.add("mg-explorer--ready");
    update();
  }

  window.mgLoadTools(function (data, root) { base = root; start(data); });
})();
