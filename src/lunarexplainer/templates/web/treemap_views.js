/* Which view a click on a treemap opens instead of plotly.js's own zoom (or null: plotly.js
   zooms as usual). One copy, used by the static site (site.js applies the chart's menu
   button for that view) and by the live explorers (lunarexplainer.explorers.widget sends the
   view to Python, which sets the explorer's menu).

   A chart whose top-level tiles are views of their own says so with layout.meta.level_views:
   the roles treemap draws each role alone, laid out for one role, when its Role menu picks
   it. plotly.js's zoom into a role would instead reuse the tiles' text, wrapped for the narrow
   column of the four-role view, and the texts would overlap. So there a click that would zoom
   to a top-level tile (a role, or the band of an objective whose role it is) opens that tile's
   own view, and a click on the band of a view drawn for one tile opens the view of them all
   (the level ""). */
function lxTreemapView(gd, ev) {
  "use strict";
  var meta = (gd && gd.layout && gd.layout.meta) || {};
  if (!meta.level_views || !ev || !ev.points || !ev.points.length) { return null; }
  var point = ev.points[0];
  var trace = (gd.data || [])[point.curveNumber] || {};
  var ids = trace.ids || [];
  var parents = trace.parents || [];
  var tops = [];
  for (var i = 0; i < ids.length; i++) { if (!parents[i]) { tops.push(ids[i]); } }
  if (tops.length > 1) { return tops.indexOf(ev.nextLevel) >= 0 ? ev.nextLevel : null; }
  if (tops.length === 1 && ids[point.pointNumber] === tops[0]) { return ""; }
  return null;
}
