/**
 * The report's only script, inlined into the page: sorting, filtering and CSV export of the
 * per-record table. Plain ES2017 with no dependencies; it reads the records from the JSON in
 * `#ticket-data` and writes cells with `textContent`, so no record text is ever parsed as HTML.
 * Durations are shown as people say them ("2 h 5 min") and sorted and exported in seconds.
 * The page defines `csvCell` before this script from the library's own (escape.ts), so the
 * function the tests check is the one the page runs.
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
  function human(seconds) {
    if (seconds === null || seconds === undefined) return "";
    var rest = Math.round(Math.abs(seconds));
    var parts = [];
    var units = [[86400, "d"], [3600, "h"], [60, "min"], [1, "s"]];
    for (var i = 0; i < units.length && parts.length < 2; i++) {
      var size = units[i][0];
      if (rest >= size || (size === 1 && parts.length === 0)) {
        parts.push(Math.floor(rest / size) + " " + units[i][1]);
        rest = rest % size;
      }
    }
    return (seconds < 0 ? "\u2212" : "") + parts.join(" ");
  }
  function display(value, i) {
    return columns[i] && columns[i].kind === "duration" ? human(value) : text(value);
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
        if (display(row[i], i).toLowerCase().indexOf(needle) !== -1) return true;
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
        td.textContent = display(value, i);
        if (columns[i] && columns[i].kind === "duration") td.className = "num";
        tr.appendChild(td);
      });
      fragment.appendChild(tr);
    });
    body.textContent = "";
    body.appendChild(fragment);
    if (countOut) countOut.textContent = shown.length + " of " + all.length + " records";
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

  function toCsv(rows) {
    var lines = [columns.map(function (c) {
      return csvCell(c.kind === "duration" ? c.name + " (s)" : c.name);
    }).join(",")];
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
