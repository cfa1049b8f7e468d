/* Cases board: drag a card onto another column to move the case (the server checks the move; the
   buttons on each card do the same without JavaScript). */
(function () {
  "use strict";
  var form = document.getElementById("board-move");
  if (!form) { return; }
  var dragged = null;
  document.querySelectorAll(".case-card[data-move-url]").forEach(function (card) {
    card.addEventListener("dragstart", function (e) {
      dragged = card;
      e.dataTransfer.setData("text/plain", card.dataset.case);
      e.dataTransfer.effectAllowed = "move";
    });
  });
  document.querySelectorAll(".board-col[data-stage]").forEach(function (col) {
    col.addEventListener("dragover", function (e) { if (dragged) { e.preventDefault(); col.classList.add("drop"); } });
    col.addEventListener("dragleave", function () { col.classList.remove("drop"); });
    col.addEventListener("drop", function (e) {
      e.preventDefault();
      col.classList.remove("drop");
      if (!dragged || dragged.closest(".board-col") === col) { return; }
      form.action = dragged.dataset.moveUrl;
      form.querySelector("input[name=to]").value = col.dataset.stage;
      form.submit();
    });
  });
})();
