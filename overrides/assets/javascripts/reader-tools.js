/* Myelopathy Guide: loads the readers' tools' data (assets/javascripts/reader-tools-data.js, written by
   the build from the records) only on the pages that use it, as a script so it works from a file too.
   mgLoadTools(fn) calls fn(data, base) once it is there; base is the site's root URL.
   mgEl(tag, attrs, children) makes an element (attrs.text is its text; a child may be a string), and
   mgAppend(parent, children) adds children in order: the tools build their parts with these. */
(function () {
  window.mgEl = function (tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    window.mgAppend(node, children || []);
    return node;
  };
  window.mgAppend = function (parent, children) {
    children.forEach(function (child) {
      if (child) parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
  };

  var waiting = null;
  var config = JSON.parse(document.getElementById("__config").textContent);
  /* base is "." or ".." on most pages, "/" on the 404 page */
  var base = new URL(config.base.replace(/\/?$/, "/"), window.location.href);
  window.mgLoadTools = function (fn) {
    if (window.mgTools) { fn(window.mgTools, base); return; }
    if (waiting) { waiting.push(fn); return; }
    waiting = [fn];
    var script = document.createElement("script");
    script.src = new URL("assets/javascripts/reader-tools-data.js", base).href;
    script.addEventListener("load", function () {
      waiting.forEach(function (f) { f(window.mgTools, base); });
    });
    document.head.appendChild(script);
  };
})();
