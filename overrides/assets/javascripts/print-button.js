/* Show the "Print this leaflet" button on condition pages and print when it is pressed.
   Kept in a file (no inline handler) so the Content-Security-Policy can forbid inline scripts. */
document.querySelectorAll("button.mg-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
