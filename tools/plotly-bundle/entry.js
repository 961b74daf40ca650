// plotly.js core (scatter, menus, sliders, shapes, annotations, legend, hover, mode bar) and
// the other trace types the lessons' charts use. A chart with another trace type needs it
// here (tests/unit/test_site_bundle.py says which); export falls back to the full bundle.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scattergeo'),
    require('plotly.js/lib/table'),
    require('plotly.js/lib/treemap')
]);

module.exports = Plotly;
