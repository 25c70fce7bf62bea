// The console's only script: confirmation dialogs on forms that act, and charts from the JSON a
// page puts in data-chart (Chart.js draws them). Everything else is plain HTML.
export const CONSOLE_SCRIPT = `'use strict';
document.addEventListener('submit', function (event) {
  var message = event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) event.preventDefault();
});
window.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var spec = JSON.parse(canvas.getAttribute('data-chart'));
    if (!spec || !window.Chart) return;
    new window.Chart(canvas, {
      type: spec.type || 'bar',
      data: { labels: spec.labels, datasets: spec.datasets },
      options: { animation: false, plugins: { title: { display: true, text: spec.title } } },
    });
  });
});
`;
