/**
 * The report's only script, inlined into the page: sorting, filtering and CSV export of the
 * per-ticket table. Plain ES2017 with no dependencies; it reads the tickets from the JSON in
 * `#ticket-data` and writes cells with `textContent`, so no ticket text is ever parsed as HTML.
 */
export const TABLE_SCRIPT = `(function () {
  "use strict";
  var dataElement = document.getElementById("ticket-data");
  var table = document.getElementById("ticket-table");
  if (!dataElement || !table) return;
  var data = JSON.parse(dataElement.textContent || "{}");
  var columns = data.columns || [];
  var all = data.rows || [];
  var body = table.querySelector("tbody");
  var filterBox = document.getElementById("ticket-filter");
  var countOut = document.getElementById("ticket-count");
  var exportButton = document.getElementById("ticket-export");
  var headers = table.querySelectorAll("thead th");
  var sortColumn = -1;
  var sortDirection = 1;
  var shown = all.slice();

  function text(value) {
    return value === null || value === undefined ? "" : String(value);
  }
  function compare(a, b) {
    if (a === b) return 0;
    if (a === null || a === undefined || a === "") return 1;
    if (b === null || b === undefined || b === "") return -1;
    if (typeof a === "number" && typeof b === "number") return (a - b) * sortDirection;
    return String(a).localeCompare(String(b), undefined, { numeric: true }) * sortDirection;
  }
  function render() {
    var needle = filterBox ? filterBox.value.trim().toLowerCase() : "";
    shown = all.filter(function (row) {
      if (!needle) return true;
      for (var i = 0; i < row.length; i++) {
        if (text(row[i]).toLowerCase().indexOf(needle) !== -1) return true;
      }
      return false;
    });
    if (sortColumn >= 0) {
      shown.sort(function (a, b) {
        return compare(a[sortColumn], b[sortColumn]);
      });
    }
    var fragment = document.createDocumentFragment();
    shown.forEach(function (row) {
      var tr = document.createElement("tr");
      row.forEach(function (value, i) {
        var td = document.createElement("td");
        td.textContent = text(value);
        if (columns[i] && columns[i].numeric) td.className = "num";
        tr.appendChild(td);
      });
      fragment.appendChild(tr);
    });
    body.textContent = "";
    body.appendChild(fragment);
    if (countOut) countOut.textContent = shown.length + " of " + all.length + " tickets";
  }
  headers.forEach(function (th, i) {
    th.addEventListener("click", function () {
      if (sortColumn === i) sortDirection = -sortDirection;
      else {
        sortColumn = i;
        sortDirection = 1;
      }
      headers.forEach(function (other) {
        other.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", sortDirection === 1 ? "ascending" : "descending");
      render();
    });
  });
  if (filterBox) filterBox.addEventListener("input", render);

  // A text cell a spreadsheet could run as a formula gets a leading apostrophe.
  function csvCell(value) {
    if (value === null || value === undefined) return "";
    var cell = String(value);
    if (typeof value !== "number" && /^[=+\\-@\\t\\r]/.test(cell)) cell = "'" + cell;
    return /[",\\r\\n]/.test(cell) ? '"' + cell.replace(/"/g, '""') + '"' : cell;
  }
  function toCsv(rows) {
    var lines = [columns.map(function (c) { return csvCell(c.name); }).join(",")];
    rows.forEach(function (row) {
      lines.push(row.map(csvCell).join(","));
    });
    return lines.join("\\r\\n") + "\\r\\n";
  }
  window.supportMetricsReport = { toCsv: function () { return toCsv(shown); } };
  if (exportButton) {
    exportButton.addEventListener("click", function () {
      var blob = new Blob([toCsv(shown)], { type: "text/csv;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      var link = document.createElement("a");
      link.href = url;
      link.download = "tickets.csv";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
  }
  render();
})();`;
